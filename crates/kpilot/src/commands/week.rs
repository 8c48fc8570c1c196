//! `kpilot week [--plan ID] [--at DATE] [--format text|json]`: what the
//! team must look at this week — objectives to check in on, actions due or
//! late, alerts and budget overruns — from kpilot-workspace's `week`, which
//! the web page "Cette semaine" shows too.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use kpilot_core::display;
use kpilot_core::kpi::Lang;
use kpilot_text::Message;
use kpilot_workspace::week::{Week, week};

use crate::cli::{CheckFormat, WeekArgs};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &WeekArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let at = args.at.unwrap_or_else(super::today);
    let week = week(store.as_ref(), &stored.plan, at, settings.lang)?;
    let out = match args.format {
        CheckFormat::Json => format!("{:#}\n", week.to_json()),
        CheckFormat::Text => text(&week, settings.lang),
    };
    super::emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn text(week: &Week, lang: Lang) -> String {
    let day = |day| display::date(day, lang);
    let say = |message: Message| message.render(lang);
    let who = |owner: &Option<String>| {
        owner
            .as_ref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default()
    };
    // French puts a narrow no-break space before the colon.
    let colon = match lang {
        Lang::Fr => "\u{202f}: ",
        Lang::En => ": ",
    };
    let mut out = say(Message::new("tracking-week-title")
        .with("from", day(week.at))
        .with("until", day(week.until))
        .with("count", week.count() as u64));
    out.push_str("\n\n");
    let none = say(Message::new("tracking-week-none"));
    let _ = writeln!(
        out,
        "{}",
        say(Message::new("tracking-week-checkins").with("every", week.checkin_every as u64))
    );
    for due in &week.checkins_due {
        let last = match (due.last_checkin, &due.last_confidence) {
            (Some(on), Some(confidence)) => say(Message::new("tracking-week-last")
                .with("day", day(on))
                .with("confidence", confidence.as_str())),
            _ => say(Message::new("tracking-week-never")),
        };
        let _ = writeln!(
            out,
            "  {} — {}{}{colon}{last}",
            due.objective,
            due.title,
            who(&due.owner)
        );
    }
    if week.checkins_due.is_empty() {
        let _ = writeln!(out, "  {none}");
    }
    let _ = writeln!(out, "\n{}", say(Message::new("tracking-week-due")));
    for due in &week.actions_due {
        let occurrence = due
            .occurrence
            .map(|number| {
                say(Message::new("tracking-occurrence").with("number", number.to_string()))
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}{occurrence} — {}{}{colon}{}",
            due.action,
            due.title,
            who(&due.owner),
            say(Message::new("tracking-week-due-on").with("day", day(due.due)))
        );
    }
    if week.actions_due.is_empty() {
        let _ = writeln!(out, "  {none}");
    }
    let _ = writeln!(out, "\n{}", say(Message::new("tracking-week-late")));
    for late in &week.actions_late {
        let _ = writeln!(
            out,
            "  {} — {}{}{colon}{}",
            late.action,
            late.title,
            who(&late.owner),
            say(Message::new("tracking-week-late-days").with("count", late.late_days as u64))
        );
    }
    if week.actions_late.is_empty() {
        let _ = writeln!(out, "  {none}");
    }
    let _ = writeln!(out, "\n{}", say(Message::new("tracking-week-alerts")));
    for alert in &week.alerts {
        let _ = writeln!(out, "  {} [{}] {}", alert.rule, alert.item, alert.message);
    }
    if week.alerts.is_empty() {
        let _ = writeln!(out, "  {none}");
    }
    out
}
