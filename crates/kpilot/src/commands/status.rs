//! `kpilot status [--plan ID] [--at DATE]`: every objective of a plan
//! against its target at a day — value, progress, expected progress,
//! status — goals and the plan rolled up, and the alerts.

use std::process::ExitCode;

use anyhow::Result;
use kpilot_core::display;
use kpilot_core::kpi::Lang;
use kpilot_core::plan::Plan;
use kpilot_core::tracking::{NoForecast, Status};
use kpilot_store::Store;
use kpilot_workspace::status::StatusReport;

use crate::cli::{StatusArgs, TableFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &StatusArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let mut out = report(store.as_ref(), settings.lang, args)?;
    for run in 1..args.repeat {
        let started = std::time::Instant::now();
        out = report(store.as_ref(), settings.lang, args)?;
        eprintln!(
            "run {run}: {:.3} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The status of the plan, as the format asks.
fn report(store: &dyn Store, lang: Lang, args: &StatusArgs) -> Result<String> {
    let stored = super::plan::find_plan(store, args.plan.as_deref())?;
    let plan = &stored.plan;
    let at = args.at.unwrap_or_else(super::today);
    let status = kpilot_workspace::status::status(store, plan, at, lang)?;
    let out = match args.format {
        TableFormat::Json => serde_json::to_string_pretty(&status.to_json())? + "\n",
        TableFormat::Table => table(plan, &status, lang),
    };
    Ok(out)
}

fn percent(value: Option<f64>, lang: Lang) -> String {
    display::value(value, kpilot_core::kpi::Unit::Percent, "EUR", lang)
}

fn table(plan: &Plan, status: &StatusReport, lang: Lang) -> String {
    let at = status.at;
    let currency = plan.currency.as_str();
    let fr = lang == Lang::Fr;
    let mut out = format!("{} — {} {at}\n\n", plan.name, if fr { "au" } else { "at" });
    let header: Vec<String> = if fr {
        [
            "objectif",
            "KPI",
            "valeur",
            "cible",
            "progression",
            "attendue",
            "statut",
            "prévision à l’échéance (80 %)",
            "chance",
        ]
    } else {
        [
            "objective",
            "KPI",
            "value",
            "target",
            "progress",
            "expected",
            "status",
            "forecast at deadline (80%)",
            "chance",
        ]
    }
    .map(str::to_owned)
    .to_vec();
    let mut cells = vec![header];
    for row in &status.objectives {
        cells.push(vec![
            row.id.clone(),
            row.kpi.id.clone(),
            display::value(row.value, row.kpi.unit, currency, lang),
            display::value(row.target, row.kpi.unit, currency, lang),
            percent(row.progress, lang),
            percent(Some(row.expected), lang),
            row.status.label(lang).to_owned(),
            match &row.forecast {
                Ok(f) => format!(
                    "{} ({} – {})",
                    display::value(Some(f.value), row.kpi.unit, currency, lang),
                    display::value(Some(f.low), row.kpi.unit, currency, lang),
                    display::value(Some(f.high), row.kpi.unit, currency, lang)
                ),
                Err(NoForecast::TooLittleData) => (if fr {
                    "moins de 28 jours de données"
                } else {
                    "under 28 days of data"
                })
                .to_owned(),
                Err(_) => "—".to_owned(),
            },
            match &row.forecast {
                Ok(f) => percent(Some(f.probability), lang),
                Err(_) => "—".to_owned(),
            },
        ]);
    }
    out.push_str(&super::table::grid(&cells, |column| {
        (2..6).contains(&column)
    }));
    out.push('\n');
    for goal in &status.goals {
        let (id, title, roll) = (&goal.id, &goal.title, &goal.roll_up);
        let worst = roll.worst.map_or("—", |s| s.label(lang));
        out.push_str(&format!(
            "{id} — {title}: {} {}, {} {}, {} {}, {} {}, {} {}, {} {} ({} {worst})\n",
            roll.achieved,
            Status::Achieved.label(lang),
            roll.on_track,
            Status::OnTrack.label(lang),
            roll.at_risk,
            Status::AtRisk.label(lang),
            roll.off_track,
            Status::OffTrack.label(lang),
            roll.missed,
            Status::Missed.label(lang),
            roll.no_data,
            Status::NoData.label(lang),
            if fr { "au pire" } else { "worst" },
        ));
    }
    if !status.alerts.is_empty() {
        out.push_str(if fr { "\nalertes\n" } else { "\nalerts\n" });
        for alert in &status.alerts {
            out.push_str(&format!(
                "  [{}] {}: {}\n",
                alert.rule, alert.item, alert.message
            ));
        }
    }
    out
}
