//! `kpilot schedule [--plan ID] [--at DATE] [--format table|json|ics]`: the
//! rétroplanning of the plan's actions, or their calendar as an iCalendar
//! file.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use jiff::civil::Date;
use kpilot_core::calendar::WorkDays;
use kpilot_core::check::{Rule, check};
use kpilot_core::kpi::{Lang, Localized};
use kpilot_core::plan::{ActionKind, ItemKind, Plan};
use kpilot_core::schedule::{Notice, Schedule, allocated, occurrences, schedule};
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
        ScheduleFormat::Ics => ics(plan, stored.revision, jiff::Timestamp::now()),
        ScheduleFormat::Json => {
            let scheduled = schedule(plan, at);
            json_of(plan, at, &scheduled, &findings(plan, &scheduled), lang)
        }
        ScheduleFormat::Table => {
            let scheduled = schedule(plan, at);
            table(plan, at, &scheduled, &findings(plan, &scheduled), lang)
        }
    };
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The schedule's findings, and the checker's about the actions' links
/// (an unknown id, a cycle) and dates.
fn findings(plan: &Plan, scheduled: &Schedule) -> Vec<Notice> {
    let mut all: Vec<Notice> = check(plan)
        .into_iter()
        .filter(|finding| {
            finding.kind == ItemKind::Action
                && matches!(
                    finding.rule,
                    Rule::Cycle | Rule::UnknownId | Rule::ActionDates
                )
        })
        .map(|finding| Notice {
            rule: finding.rule.code(),
            item: finding.item,
            message: finding.message,
        })
        .collect();
    all.extend(scheduled.findings.iter().cloned());
    all
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

/// The plan's actions as an iCalendar file (RFC 5545): an all-day event per
/// one-off and continuous action and per occurrence of a recurring one, the
/// owner as organiser. UIDs are stable (action and occurrence number) and
/// the sequence is the plan's revision, so that importing a newer export
/// updates the events instead of adding copies.
pub fn ics(plan: &Plan, revision: i64, now: jiff::Timestamp) -> String {
    let work = WorkDays::new(&plan.calendar);
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut out = Ics::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//kpilot//kpilot//FR");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line(&format!("X-WR-CALNAME:{}", text(&plan.name)));
    for action in &plan.actions {
        let times = occurrences(action, plan, &work);
        let count = times.len();
        let channel = plan
            .tactic(&action.tactic)
            .map(|tactic| tactic.channel.to_string());
        for occurrence in times {
            out.line("BEGIN:VEVENT");
            out.line(&format!(
                "UID:{}-{}@{}.kpilot",
                action.id, occurrence.number, plan.id
            ));
            out.line(&format!("DTSTAMP:{stamp}"));
            out.line(&format!("SEQUENCE:{revision}"));
            out.line(&format!(
                "DTSTART;VALUE=DATE:{}",
                ics_date(occurrence.start)
            ));
            let after = occurrence.end.tomorrow().unwrap_or(occurrence.end);
            out.line(&format!("DTEND;VALUE=DATE:{}", ics_date(after)));
            let summary = if action.kind == ActionKind::Recurring {
                format!("{} ({}/{count})", action.title, occurrence.number)
            } else {
                action.title.clone()
            };
            out.line(&format!("SUMMARY:{}", text(&summary)));
            let mut description = format!("{} · {}", plan.name, action.id);
            if let Some(owner) = &action.owner {
                description.push_str(&format!("\n{}", owner.name));
                for contact in [&owner.email, &owner.phone].into_iter().flatten() {
                    description.push_str(&format!(" · {contact}"));
                }
            }
            if !action.depends_on.is_empty() {
                let after: Vec<&str> = action.depends_on.iter().map(|d| d.as_str()).collect();
                description.push_str(&format!("\n← {}", after.join(", ")));
            }
            out.line(&format!("DESCRIPTION:{}", text(&description)));
            if let Some(channel) = &channel {
                out.line(&format!("CATEGORIES:{}", text(channel)));
            }
            if let Some(owner) = &action.owner
                && let Some(email) = &owner.email
            {
                let name: String = owner
                    .name
                    .chars()
                    .filter(|c| *c != '"' && !c.is_control())
                    .collect();
                out.line(&format!("ORGANIZER;CN=\"{name}\":mailto:{email}"));
            }
            out.line("TRANSP:TRANSPARENT");
            out.line("END:VEVENT");
        }
    }
    out.line("END:VCALENDAR");
    out.text
}

fn ics_date(day: Date) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

/// A TEXT value escaped (RFC 5545, 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines ending in CRLF, folded at 75 octets (RFC 5545, 3.1)
/// without cutting a character.
#[derive(Default)]
struct Ics {
    text: String,
}

impl Ics {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let size = c.len_utf8();
            if width + size > 75 {
                self.text.push_str("\r\n ");
                width = 1;
            }
            self.text.push(c);
            width += size;
        }
        self.text.push_str("\r\n");
    }
}
