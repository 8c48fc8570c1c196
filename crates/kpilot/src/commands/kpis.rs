//! `kpilot kpis [ID]`: the KPI catalogue, built in and the plan's own.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_core::catalogue;
use kpilot_core::kpi::{Definition, KpiDef};
use serde_json::json;

use crate::cli::{KpisArgs, TableFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &KpisArgs) -> Result<ExitCode> {
    let lang = settings.lang;
    let mut kpis: Vec<KpiDef> = catalogue::builtin().to_vec();
    if let Some(plan) = &args.plan {
        let store = super::open_store(settings)?;
        let stored = super::plan::find_plan(store.as_ref(), Some(plan))?;
        kpis.extend(stored.plan.kpis);
    }
    if let Some(id) = &args.id {
        kpis.retain(|kpi| &kpi.id == id);
        if kpis.is_empty() {
            bail!("no KPI `{id}`: `kpilot kpis` lists them");
        }
    }
    let mut out = String::new();
    match args.format {
        TableFormat::Json => {
            let rows: Vec<_> = kpis
                .iter()
                .map(|kpi| {
                    json!({
                        "id": kpi.id,
                        "name": { "fr": kpi.name.fr, "en": kpi.name.en },
                        "unit": kpi.unit.as_str(),
                        "direction": kpi.direction.as_str(),
                        "definition": definition(kpi),
                        "builtin": kpi.builtin,
                        "why": { "fr": kpi.guidance.why.fr, "en": kpi.guidance.why.en },
                        "where_to_find": { "fr": kpi.guidance.where_to_find.fr, "en": kpi.guidance.where_to_find.en },
                        "how_to_improve": { "fr": kpi.guidance.how_to_improve.fr, "en": kpi.guidance.how_to_improve.en },
                    })
                })
                .collect();
            super::emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json!({ "kpis": rows }))?
            ))?;
        }
        TableFormat::Table if args.id.is_some() => {
            for kpi in &kpis {
                out.push_str(&format!("{} — {}\n", kpi.id, kpi.name.get(lang)));
                out.push_str(&format!(
                    "  {}: {}, {}: {}, {}\n",
                    label("unit", lang),
                    kpi.unit,
                    label("direction", lang),
                    kpi.direction,
                    definition(kpi)
                ));
                for (key, text) in [
                    ("why", &kpi.guidance.why),
                    ("where", &kpi.guidance.where_to_find),
                    ("how", &kpi.guidance.how_to_improve),
                ] {
                    if !text.get(lang).is_empty() {
                        out.push_str(&format!("  {}: {}\n", label(key, lang), text.get(lang)));
                    }
                }
            }
        }
        TableFormat::Table => {
            let width = kpis.iter().map(|kpi| kpi.id.len()).max().unwrap_or(0);
            for kpi in &kpis {
                out.push_str(&format!(
                    "{:width$}  {:8}  {:4}  {}  ({})\n",
                    kpi.id,
                    kpi.unit.as_str(),
                    kpi.direction.as_str(),
                    definition(kpi),
                    kpi.name.get(lang)
                ));
            }
        }
    }
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `= transactions / sessions`, `sum`, `last` or `mean:sessions`.
fn definition(kpi: &KpiDef) -> String {
    match &kpi.definition {
        Definition::Formula(formula) => format!("= {}", formula.source()),
        Definition::Measure(aggregation) => aggregation.to_text(),
    }
}

fn label(key: &str, lang: kpilot_core::kpi::Lang) -> &'static str {
    use kpilot_core::kpi::Lang::{En, Fr};
    match (key, lang) {
        ("unit", Fr) => "unité",
        ("unit", En) => "unit",
        ("direction", Fr) => "sens",
        ("direction", En) => "direction",
        ("why", Fr) => "Pourquoi le mesurer",
        ("why", En) => "Why measure it",
        ("where", Fr) => "Où trouver les données",
        ("where", En) => "Where to find the data",
        ("how", Fr) => "Comment l'améliorer",
        (_, Fr) => "Comment",
        (_, En) => "How to improve it",
    }
}
