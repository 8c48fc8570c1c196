//! `kpilot plan apply|export|list|show`.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use kpilot_core::ids::PlanId;
use kpilot_core::plan_file;
use kpilot_store::{Applied, Store, StoredPlan};

use kpilot_core::check::{Located, locate};

use super::check::{Report, exit_code, render_text};
use crate::cli::PlanCommand;
use crate::settings::Settings;

pub fn run(settings: &Settings, command: PlanCommand) -> Result<ExitCode> {
    match command {
        PlanCommand::Apply { file } => {
            let text = super::read_text(&file)?;
            let name = file.display().to_string();
            let (parsed, findings) = match plan_file::parse(&text) {
                Ok(parsed) => {
                    let findings = locate(&parsed, kpilot_core::check(&parsed.plan), settings.lang);
                    (Some(parsed), findings)
                }
                Err(error) => (None, vec![Located::syntax(&name, error)]),
            };
            let report = Report {
                file: name,
                findings,
            };
            if !report.findings.is_empty() {
                eprint!("{}", render_text(&report, settings.lang));
            }
            let parsed = match parsed {
                Some(parsed) if exit_code(&report.findings) == ExitCode::SUCCESS => parsed,
                _ => {
                    eprintln!("plan not applied: fix the errors above");
                    return Ok(ExitCode::from(1));
                }
            };
            let store = super::open_store(settings)?;
            let applied_by = whoami();
            let id = &parsed.plan.id;
            let (what, revision) = match store.apply_plan(&parsed.plan, &applied_by)? {
                Applied::Created { revision } => ("stored", revision),
                Applied::Updated { revision } => ("updated", revision),
                Applied::Unchanged { revision } => ("unchanged", revision),
            };
            super::emit(&format!("plan `{id}` {what} (revision {revision})\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Export { id, output } => {
            let store = super::open_store(settings)?;
            let stored = find_plan(store.as_ref(), id.as_deref())?;
            let text = plan_file::write(&stored.plan);
            match output {
                Some(path) => {
                    super::write_atomically(&path, &text)?;
                    eprintln!(
                        "plan `{}` (revision {}) written to {}",
                        stored.plan.id,
                        stored.revision,
                        path.display()
                    );
                }
                None => super::emit(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::List => {
            let store = super::open_store(settings)?;
            let plans = store.plans()?;
            let mut text = String::new();
            if plans.is_empty() {
                text.push_str("no plan yet: `kpilot plan apply FILE` stores one\n");
            }
            for plan in plans {
                text.push_str(&format!(
                    "{}\t{} → {}\trevision {}\t{}\n",
                    plan.id, plan.start, plan.end, plan.revision, plan.name
                ));
            }
            super::emit(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Show { id } => {
            let store = super::open_store(settings)?;
            let stored = find_plan(store.as_ref(), id.as_deref())?;
            super::emit(&super::tree::render(&stored.plan, settings.lang))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The plan named, or the only plan of the workspace.
pub fn find_plan(store: &dyn Store, id: Option<&str>) -> Result<StoredPlan> {
    let id = match id {
        Some(id) => PlanId::parse(id)?,
        None => {
            let plans = store.plans()?;
            match plans.as_slice() {
                [] => bail!("the workspace holds no plan: `kpilot plan apply FILE` stores one"),
                [only] => PlanId::parse(&only.id)?,
                _ => {
                    let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
                    bail!(
                        "the workspace holds several plans; name one: {}",
                        ids.join(", ")
                    )
                }
            }
        }
    };
    store
        .plan(&id)?
        .with_context(|| format!("no plan `{id}` in the workspace (`kpilot plan list`)"))
}

/// Who ran the command, for the plan's history.
pub fn whoami() -> String {
    std::env::var("KPILOT_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".to_owned())
}
