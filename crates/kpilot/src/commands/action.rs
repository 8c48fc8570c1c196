//! `kpilot action start|done|cancel|progress|reopen ID`: what really
//! happened to an action this week, recorded as tracking data (never in the
//! plan file) through kpilot-workspace's `tracking`, which the web app and
//! the API use too.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_core::ids::ActionId;
use kpilot_core::kpi::Lang;
use kpilot_core::progress::{ActionUpdate, Change};
use kpilot_text::{Arg, Message};

use crate::cli::{ActionCommand, ActionTarget};
use crate::settings::Settings;

pub fn run(settings: &Settings, command: ActionCommand) -> Result<ExitCode> {
    let lang = settings.lang;
    let (target, change) = match command {
        ActionCommand::Start(target) => (target, Change::Started),
        ActionCommand::Done(target) => (target, Change::Done),
        ActionCommand::Cancel { target, reason } => (target, Change::Cancelled { reason }),
        ActionCommand::Progress {
            target,
            percent,
            expected_end,
        } => {
            let percent = parse_percent(&percent, lang)?;
            (
                target,
                Change::Progress {
                    percent: Some(percent),
                    expected_end,
                },
            )
        }
        ActionCommand::Reopen(target) => (target, Change::Reopened),
    };
    record(settings, target, change)
}

/// `60`, `60 %`, `60%`.
fn parse_percent(text: &str, lang: Lang) -> Result<u8> {
    let digits = text.trim().trim_end_matches('%').trim();
    match digits.parse::<u8>() {
        Ok(percent) if percent <= 100 => Ok(percent),
        _ => bail!(
            "{}",
            Message::new("tracking-bad-percent")
                .with("text", text)
                .render(lang)
        ),
    }
}

fn record(settings: &Settings, target: ActionTarget, change: Change) -> Result<ExitCode> {
    let lang = settings.lang;
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), target.plan.as_deref())?;
    let plan = &stored.plan;
    let Ok(action) = ActionId::parse(&target.action) else {
        bail!(
            "{}",
            kpilot_workspace::tracking::Refused::UnknownAction {
                action: target.action.clone(),
                known: plan.actions.iter().map(|a| a.id.to_string()).collect(),
            }
            .message()
            .render(lang)
        );
    };
    let on = target.on.unwrap_or_else(super::today);
    let update = ActionUpdate {
        action,
        occurrence: target.occurrence,
        change,
        on,
    };
    match kpilot_workspace::tracking::update_action(
        store.as_ref(),
        plan,
        &update,
        &super::plan::whoami(),
    )? {
        Ok(_) => {
            super::emit(&format!("{}\n", recorded(&update).render(lang)))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(refused) => bail!("{}", refused.message().render(lang)),
    }
}

/// What was recorded, in a sentence.
fn recorded(update: &ActionUpdate) -> Message {
    let message = |id| {
        Message::new(id)
            .with("action", update.action.to_string())
            .with("day", update.on.to_string())
    };
    let with_occurrence = |message: Message| match update.occurrence {
        Some(number) => message.with(
            "occurrence",
            Message::new("tracking-occurrence").with("number", number.to_string()),
        ),
        None => message.with("occurrence", ""),
    };
    with_occurrence(match &update.change {
        Change::Started => message("tracking-recorded-started"),
        Change::Done => message("tracking-recorded-done"),
        Change::Cancelled { reason } => {
            message("tracking-recorded-cancelled").with("reason", reason.as_str())
        }
        Change::Progress {
            percent,
            expected_end,
        } => message("tracking-recorded-progress")
            .with("percent", u64::from(percent.unwrap_or(0)))
            .with(
                "end",
                match expected_end {
                    Some(day) => Arg::from(
                        Message::new("tracking-expected-end").with("day", day.to_string()),
                    ),
                    None => Arg::from(""),
                },
            ),
        Change::Reopened => message("tracking-recorded-reopened"),
    })
}
