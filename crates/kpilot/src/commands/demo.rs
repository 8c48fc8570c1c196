//! `kpilot demo [--addr ADDR] [--no-serve]`: a fresh demo workspace — the
//! Cloud Kicks plan with eighteen months of synthetic results, a few spend
//! entries and notes ([`crate::demo`]) — served as `kpilot serve` does. It
//! needs nothing but the binary: the plan file is built in.
//!
//! The workspace is an SQLite file (`--db`, `KPILOT_DB`, else `demo.sqlite`
//! beside the default workspace) replaced on each run: it is written whole
//! to a temporary file, then renamed over the old one, so that a failed run
//! leaves the previous demo (or nothing), never half a workspace. A file
//! that holds anything but a demo is left alone.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use kpilot_core::Observation;
use kpilot_core::kpi::Lang;
use kpilot_core::plan::Plan;
use kpilot_core::{display, plan_file};
use kpilot_store::{
    ImportMode, NewBatch, NewNote, NewSpend, ObservationSource, SqliteStore, Store,
};
use rust_decimal::Decimal;

use kpilot_core::ids::{ActionId, ObjectiveId};
use kpilot_core::progress::{ActionUpdate, Change, CheckIn, Confidence};
use kpilot_workspace::import::{How, Input, Outcome, Request};
use kpilot_workspace::tracking;

use super::{remove_database, with_suffix};

use super::check::{exit_code, render_text, report};
use super::tr;
use crate::cli::DemoArgs;
use crate::demo::{self, CLOUD_KICKS, DEMO_DAY, FIRST_DAY};
use crate::settings::Settings;

/// The format recorded for the demo's import batch: how a demo workspace is
/// told from a user's.
const DEMO_FORMAT: &str = "demo";

pub fn run(settings: &Settings, args: &DemoArgs) -> Result<ExitCode> {
    let lang = settings.lang;
    let path = settings.demo_db.as_deref().with_context(|| {
        tr(
            lang,
            "aucun dossier de données n’est connu pour cet utilisateur : passez --db FICHIER ou définissez KPILOT_DB",
            "no data directory is known for this user: pass --db PATH or set KPILOT_DB",
        )
    })?;
    let checked = report(Path::new("examples/cloud-kicks.toml"), CLOUD_KICKS, lang);
    let check = render_text(&checked, lang);
    if exit_code(&checked.findings) != ExitCode::SUCCESS {
        eprint!("{check}");
        return Ok(ExitCode::from(1));
    }
    let plan = plan_file::parse(CLOUD_KICKS)?.plan;
    ensure_replaceable(path, &plan, lang)?;
    let created = create(path, &plan)?;

    let db = shell_word(&path.display().to_string());
    let mut out = match lang {
        Lang::Fr => format!("Démo Cloud Kicks créée dans {}\n", path.display()),
        Lang::En => format!("Cloud Kicks demo created in {}\n", path.display()),
    };
    out.push_str(&format!(
        "  plan {} ({} → {})\n",
        plan.id, plan.start, plan.end
    ));
    for line in check.lines() {
        out.push_str(&format!("  {line}\n"));
    }
    let values = display::decimal(Decimal::from(created.values), lang);
    out.push_str(&match lang {
        Lang::Fr => format!(
            "  {values} valeurs du {FIRST_DAY} au {DEMO_DAY} (import n° {}), {} dépenses saisies, {} notes, {} mises à jour d’actions, {} points d’étape\n  jour de la démo : {DEMO_DAY}, le dernier jour de données ; par exemple :\n",
            created.batch, created.spend_entries, created.notes, demo::ACTION_UPDATES.len(), demo::CHECKINS.len()
        ),
        Lang::En => format!(
            "  {values} values from {FIRST_DAY} to {DEMO_DAY} (batch {}), {} spend entries, {} notes, {} action updates, {} check-ins\n  demo day: {DEMO_DAY}, the last day with data; try:\n",
            created.batch, created.spend_entries, created.notes, demo::ACTION_UPDATES.len(), demo::CHECKINS.len()
        ),
    });
    for command in [
        format!("status --at {DEMO_DAY}"),
        format!("week --at {DEMO_DAY}"),
        format!("schedule --at {DEMO_DAY}"),
        format!("budget --at {DEMO_DAY} --by action"),
        format!(
            "review --to {DEMO_DAY} -o {}",
            tr(lang, "bilan.html", "review.html")
        ),
        "plan show".to_owned(),
    ] {
        out.push_str(&format!("    kpilot --db {db} {command}\n"));
    }
    if args.no_serve {
        out.push_str(&match lang {
            Lang::Fr => format!("  pour la servir : kpilot --db {db} serve\n"),
            Lang::En => format!("  to serve it: kpilot --db {db} serve\n"),
        });
        super::emit(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    super::emit(&out)?;
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::open(path)
            .with_context(|| format!("cannot open workspace {}", path.display()))?,
    );
    // The pages show the plan on the demo's last day of data.
    super::serve::serve(
        store,
        args.addr,
        &path.display().to_string(),
        Some(DEMO_DAY),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What a run put in the workspace.
#[derive(Debug)]
struct Created {
    values: u64,
    batch: i64,
    spend_entries: usize,
    notes: usize,
}

/// Refuses to replace a file that holds more than a demo: anything but the
/// demo's plan, or an import that is not the demo's.
fn ensure_replaceable(path: &Path, plan: &Plan, lang: Lang) -> Result<()> {
    let Ok(metadata) = std::fs::metadata(path) else {
        return Ok(());
    };
    if metadata.len() == 0 {
        return Ok(());
    }
    let refuse = || {
        tr(
            lang,
            &format!(
                "{} n’est pas un espace de travail de démo : kpilot demo remplace le sien, il laisse donc ce fichier intact ; nommez-en un autre avec --db",
                path.display()
            ),
            &format!(
                "{} is not a demo workspace: kpilot demo replaces its workspace, so it leaves this file alone; name another one with --db",
                path.display()
            ),
        )
    };
    let store = SqliteStore::open(path).with_context(refuse)?;
    let only_the_demo = store
        .plans()?
        .iter()
        .all(|summary| summary.id == plan.id.as_str())
        && store
            .batches()?
            .iter()
            .all(|batch| batch.format == DEMO_FORMAT);
    if !only_the_demo {
        bail!("{}", refuse());
    }
    Ok(())
}

/// Writes the demo workspace to a temporary file beside `path`, then renames
/// it over `path`.
fn create(path: &Path, plan: &Plan) -> Result<Created> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create folder {}", folder.display()))?;
    let temporary = folder.join(format!(".{}.kpilot-tmp", file_name.to_string_lossy()));
    remove_database(&temporary);
    let created = match fill(&temporary, plan) {
        Ok(created) => created,
        Err(error) => {
            remove_database(&temporary);
            return Err(error);
        }
    };
    // The old workspace's journal must not be replayed into the new one.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
    std::fs::rename(&temporary, path)
        .with_context(|| format!("cannot write workspace {}", path.display()))?;
    Ok(created)
}

/// The demo in a new workspace at `path`: the plan, the data as one import,
/// the spend entries and the notes. The store is closed on return, its
/// journal folded into the file.
fn fill(path: &Path, plan: &Plan) -> Result<Created> {
    let store = SqliteStore::open(path)
        .with_context(|| format!("cannot create workspace {}", path.display()))?;
    let who = super::plan::whoami();
    store.apply_plan(plan, &who)?;
    let observations = demo::observations(plan);
    let batch = NewBatch {
        file_name: "kpilot demo".to_owned(),
        content_hash: kpilot_store::sha256_hex(long_csv(&observations).as_bytes()),
        format: DEMO_FORMAT.to_owned(),
        options: String::new(),
        imported_by: who.clone(),
    };
    let outcome = kpilot_workspace::import::import(
        &store,
        Request {
            input: Input::Values {
                name: batch.file_name,
                format: batch.format,
                content_hash: batch.content_hash,
                source: &mut Generated(observations.iter()),
            },
            how: How::default(),
            // Values: no file's dates to read in a language's order.
            lang: Lang::default(),
            allow_empty: false,
            mode: ImportMode::Commit,
            imported_by: batch.imported_by,
        },
    )?;
    let report = match outcome {
        Outcome::Imported(imported) => imported.report,
        other => bail!("the demo's data was not imported: {other:?}"),
    };
    let batch = report.batch.context("the demo's data was not imported")?;
    let spend_entries = demo::spend_entries();
    for spend in &spend_entries {
        store.record_spend(&NewSpend {
            plan: plan.id.clone(),
            action: spend.action.to_owned(),
            day: spend.day,
            amount: spend.amount,
            note: spend.note.to_owned(),
            entered_by: who.clone(),
        })?;
    }
    let experiment_results = demo::experiment_results();
    store.record_experiment(
        &plan.id,
        "ab-paiement",
        &experiment_results,
        "kpilot demo",
        &who,
    )?;
    // What the team recorded week after week, checked as any update is.
    for said in demo::ACTION_UPDATES {
        let update = ActionUpdate {
            action: ActionId::parse(said.action)?,
            occurrence: said.occurrence,
            change: match said.change {
                demo::Step::Started => Change::Started,
                demo::Step::Done => Change::Done,
                demo::Step::Progress(percent, expected_end) => Change::Progress {
                    percent: Some(percent),
                    expected_end,
                },
            },
            on: said.on,
        };
        let by = plan
            .actions
            .iter()
            .find(|action| action.id == update.action)
            .and_then(|action| action.owner.as_ref())
            .map_or(who.as_str(), |owner| owner.name.as_str());
        if let Err(refused) = tracking::update_action(&store, plan, &update, by)? {
            bail!(
                "the demo's update of {} was refused: {refused:?}",
                said.action
            );
        }
    }
    for said in demo::CHECKINS {
        let checkin = CheckIn {
            objective: ObjectiveId::parse(said.objective)?,
            on: said.on,
            confidence: Confidence::parse(said.confidence)
                .with_context(|| format!("the demo's confidence {}", said.confidence))?,
            comment: said.comment.to_owned(),
            value: None,
        };
        let by = plan
            .objectives
            .iter()
            .find(|objective| objective.id == checkin.objective)
            .and_then(|objective| objective.owner.as_deref())
            .unwrap_or(who.as_str());
        if let Err(refused) = tracking::check_in(&store, plan, &checkin, by)? {
            bail!(
                "the demo's check-in on {} was refused: {refused:?}",
                said.objective
            );
        }
    }
    for lesson in demo::LESSONS {
        store.add_note(&NewNote {
            plan: plan.id.clone(),
            item: lesson.item.to_owned(),
            text: lesson.text.to_owned(),
            written_by: who.clone(),
        })?;
    }
    Ok(Created {
        values: report.rows,
        batch,
        spend_entries: spend_entries.len(),
        notes: demo::LESSONS.len(),
    })
}

/// The generated observations, handed to the store as an import's are.
struct Generated<'a, 'b>(std::slice::Iter<'b, Observation<'a>>);

impl ObservationSource for Generated<'_, '_> {
    fn next_observation(&mut self) -> Option<Observation<'_>> {
        self.0.next().copied()
    }

    fn is_clean(&self) -> bool {
        true
    }
}

/// The observations as a long CSV file would hold them: what the import
/// batch's hash is taken of.
fn long_csv(observations: &[Observation<'_>]) -> String {
    let mut text = String::from("date,measure,value,channel,segment,action\n");
    for o in observations {
        text.push_str(&format!(
            "{},{},{},{},{},{}\n",
            o.day,
            o.measure,
            o.value,
            o.channel.unwrap_or_default(),
            o.segment.unwrap_or_default(),
            o.action.unwrap_or_default()
        ));
    }
    text
}

/// `text` as one word for a POSIX shell: as it is when it is plain, else
/// between single quotes.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@%".contains(c));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(
            shell_word("/home/ana/.local/share/kpilot/demo.sqlite"),
            "/home/ana/.local/share/kpilot/demo.sqlite"
        );
        assert_eq!(shell_word("/tmp/my demo.db"), "'/tmp/my demo.db'");
        assert_eq!(shell_word("/tmp/l'été.db"), r"'/tmp/l'\''été.db'");
    }
}
