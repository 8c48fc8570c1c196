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
use kpilot_core::progress::State;
use kpilot_core::schedule::{Notice, Schedule, allocated, notices, occurrences};
use serde_json::json;

use crate::cli::{ScheduleArgs, ScheduleFormat};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ScheduleArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let plan = &stored.plan;
    let at = args.at.unwrap_or_else(super::today);
    let lang = settings.lang;
    let scheduled = kpilot_workspace::tracking::schedule(store.as_ref(), plan, at)?;
    let out = match args.format {
        ScheduleFormat::Ics => kpilot_report::ics::write(
            plan,
            &scheduled,
            stored.revision,
            jiff::Timestamp::now(),
            lang,
        ),
        ScheduleFormat::Json => json_of(plan, at, &scheduled, &notices(plan, &scheduled), lang),
        ScheduleFormat::Table => table(plan, at, &scheduled, &notices(plan, &scheduled), lang),
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
                "state": line.state.code(),
                "late_days": line.late_days,
                "progress": line.progress,
                "planned_start": line.planned.map(|(start, _)| start.to_string()),
                "planned_end": line.planned.map(|(_, end)| end.to_string()),
                "derived": line.derived,
                "actual_start": line.actual_start.map(|d| d.to_string()),
                "actual_end": line.actual_end.map(|d| d.to_string()),
                "expected_end": line.expected_end.map(|d| d.to_string()),
                "cancelled_because": match &line.state {
                    State::Cancelled { reason, .. } => Some(reason.as_str()),
                    _ => None,
                },
                "depends_on": action.depends_on.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
                "budget": (allocated(action, plan, &work) * 100.0).round() / 100.0,
                "occurrences": times.iter().map(|o| {
                    let state = line.occurrences.iter().find(|s| s.number == o.number);
                    json!({
                        "number": o.number, "start": o.start.to_string(), "end": o.end.to_string(),
                        "state": state.map_or("todo", |s| s.state.code()),
                        "late_days": state.map_or(0, |s| s.late_days),
                    })
                }).collect::<Vec<_>>(),
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
        l(Localized::new("état", "state")),
        l(Localized::new("retard (j. ouvrés)", "late (work days)")),
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
            state_text(&line.state, lang),
            if line.late_days > 0 {
                line.late_days.to_string()
            } else {
                String::new()
            },
        ]);
    }
    out.push_str(&super::table::grid(&cells, |column| {
        column == 2 || column == 6 || column == 9
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

/// An action's state in words, with its day.
fn state_text(state: &State, lang: Lang) -> String {
    let day = |day: &Date| kpilot_core::display::date(*day, lang);
    match (state, lang) {
        (State::Todo, Lang::Fr) => "à faire".to_owned(),
        (State::Todo, Lang::En) => "to do".to_owned(),
        (State::Started { on }, Lang::Fr) => format!("commencée le {}", day(on)),
        (State::Started { on }, Lang::En) => format!("started {}", day(on)),
        (State::Done { on }, Lang::Fr) => format!("faite le {}", day(on)),
        (State::Done { on }, Lang::En) => format!("done {}", day(on)),
        (State::Cancelled { .. }, Lang::Fr) => "annulée".to_owned(),
        (State::Cancelled { .. }, Lang::En) => "cancelled".to_owned(),
    }
}
