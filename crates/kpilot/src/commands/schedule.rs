//! `kpilot schedule [--plan ID] [--at DATE] [--format table|json|ics]`: the
//! rétroplanning of the plan's actions, or their calendar as an iCalendar
//! file.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use jiff::civil::Date;
use kpilot_core::calendar::WorkDays;
use kpilot_core::kpi::{Lang, Localized};
use kpilot_core::plan::{ActionKind, Plan};
use kpilot_core::schedule::{Notice, Schedule, allocated, notices, occurrences, schedule};
use serde_json::json;

use crate::cli::{ScheduleArgs, ScheduleFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ScheduleArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let plan = &stored.plan;
    let at = args.at.unwrap_or_else(super::today);
    let lang = settings.lang;
    let out = match args.format {
        ScheduleFormat::Ics => {
            kpilot_report::ics::write(plan, stored.revision, jiff::Timestamp::now())
        }
        ScheduleFormat::Json => {
            let scheduled = schedule(plan, at);
            json_of(plan, at, &scheduled, &notices(plan, &scheduled), lang)
        }
        ScheduleFormat::Table => {
            let scheduled = schedule(plan, at);
            table(plan, at, &scheduled, &notices(plan, &scheduled), lang)
        }
    };
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn date(day: Option<Date>) -> String {
    day.map_or_else(|| "—".to_owned(), |day| day.to_string())
}

fn json_of(plan: &Plan, at: Date, scheduled: &Schedule, findings: &[Notice], lang: Lang) -> String {
    let work = WorkDays::new(&plan.calendar);
    let actions: Vec<serde_json::Value> = scheduled
        .actions
        .iter()
        .zip(&plan.actions)
        .map(|(line, action)| {
            let times = occurrences(action, plan, &work);
            json!({
                "id": line.id.as_str(),
                "title": action.title,
                "kind": kind_name(action.kind),
                "owner": action.owner.as_ref().map(|owner| json!({
                    "name": owner.name, "email": owner.email, "phone": owner.phone,
                })),
                "duration_days": line.duration_days,
                "earliest_start": line.earliest_start.map(|d| d.to_string()),
                "earliest_finish": line.earliest_finish.map(|d| d.to_string()),
                "latest_start": line.latest_start.map(|d| d.to_string()),
                "latest_finish": line.latest_finish.map(|d| d.to_string()),
                "slack_days": line.slack_days,
                "critical": line.critical,
                "depends_on": action.depends_on.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
                "budget": (allocated(action, plan, &work) * 100.0).round() / 100.0,
                "occurrences": times.iter().map(|o| json!({
                    "number": o.number, "start": o.start.to_string(), "end": o.end.to_string(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "plan": plan.id.as_str(),
        "at": at.to_string(),
        "actions": actions,
        "findings": findings.iter().map(|notice| json!({
            "rule": notice.rule,
            "item": notice.item,
            "message": notice.message.get(lang),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

fn kind_name(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::OneOff => "one_off",
        ActionKind::Recurring => "recurring",
        ActionKind::Continuous => "continuous",
    }
}

fn table(plan: &Plan, at: Date, scheduled: &Schedule, findings: &[Notice], lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let l = |text: Localized| text.get(lang).to_owned();
    let mut out = if fr {
        format!("Rétroplanning de {} ({}) au {at}\n\n", plan.name, plan.id)
    } else {
        format!("Schedule of {} ({}) at {at}\n\n", plan.name, plan.id)
    };
    let work = WorkDays::new(&plan.calendar);
    let mut cells = vec![vec![
        "action".to_owned(),
        l(Localized::new("type", "kind")),
        l(Localized::new("jours", "days")),
        l(Localized::new("début au plus tard", "latest start")),
        l(Localized::new("fin au plus tard", "latest finish")),
        l(Localized::new("début au plus tôt", "earliest start")),
        l(Localized::new("marge (j. ouvrés)", "slack (work days)")),
        l(Localized::new("critique", "critical")),
    ]];
    for (line, action) in scheduled.actions.iter().zip(&plan.actions) {
        let kind = match (action.kind, fr) {
            (ActionKind::OneOff, true) => "ponctuelle".to_owned(),
            (ActionKind::OneOff, false) => "one-off".to_owned(),
            (ActionKind::Recurring, _) => {
                let n = occurrences(action, plan, &work).len();
                if fr {
                    format!("récurrente ×{n}")
                } else {
                    format!("recurring ×{n}")
                }
            }
            (ActionKind::Continuous, true) => "continue".to_owned(),
            (ActionKind::Continuous, false) => "continuous".to_owned(),
        };
        cells.push(vec![
            line.id.to_string(),
            kind,
            line.duration_days
                .map_or_else(String::new, |d| d.to_string()),
            date(line.latest_start),
            date(line.latest_finish),
            date(line.earliest_start),
            line.slack_days
                .map_or_else(|| "—".to_owned(), |s| s.to_string()),
            if line.critical {
                "★".to_owned()
            } else {
                String::new()
            },
        ]);
    }
    out.push_str(&super::table::grid(&cells, |column| {
        column == 2 || column == 6
    }));
    if !findings.is_empty() {
        out.push('\n');
        for notice in findings {
            let _ = writeln!(
                out,
                "{} [{}] {}",
                notice.rule,
                notice.item,
                notice.message.get(lang)
            );
        }
    }
    out
}
