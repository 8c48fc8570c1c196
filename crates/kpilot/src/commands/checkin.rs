//! `kpilot checkin OBJECTIVE --confidence … --comment "…" [--value V]
//! [--on DATE]`: where an objective stands this week, in its owner's (or
//! anyone's) words, recorded through kpilot-workspace's `tracking`; the
//! check-in before it is shown, to write the next against.

use std::process::ExitCode;

use anyhow::{Result, bail};
use kpilot_core::ids::ObjectiveId;
use kpilot_core::kpi::Lang;
use kpilot_core::progress::{CheckIn, Confidence};
use kpilot_import::number::{DecimalMark, parse_number};
use kpilot_store::StoredCheckIn;
use kpilot_text::Message;
use kpilot_workspace::tracking::{self, Refused};

use crate::cli::{CheckFormat, CheckinArgs};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &CheckinArgs) -> Result<ExitCode> {
    let lang = settings.lang;
    let Some(confidence) = Confidence::parse(&args.confidence) else {
        bail!(
            "{}",
            Message::new("tracking-bad-confidence")
                .with("text", args.confidence.as_str())
                .render(lang)
        );
    };
    let value = match &args.value {
        None => None,
        Some(text) => {
            // `0,6` or `0.6`, `60 %` (a share): as a person types it.
            let mark = DecimalMark::detect(std::iter::once(text.as_str()), b';');
            match parse_number(text, mark) {
                Ok(value) => Some(value),
                Err(error) => bail!(
                    "{}",
                    Message::new("tracking-bad-value")
                        .with("text", text.as_str())
                        .with("reason", error.message())
                        .render(lang)
                ),
            }
        }
    };
    let store = super::open_store(settings)?;
    let stored = super::plan::find_plan(store.as_ref(), args.plan.as_deref())?;
    let plan = &stored.plan;
    let unknown = || Refused::UnknownObjective {
        objective: args.objective.clone(),
        known: plan.objectives.iter().map(|o| o.id.to_string()).collect(),
    };
    let Ok(objective) = ObjectiveId::parse(&args.objective) else {
        bail!("{}", unknown().message().render(lang));
    };
    let previous = tracking::checkins(store.as_ref(), plan, Some(&objective))?
        .into_iter()
        .next_back();
    let checkin = CheckIn {
        objective,
        on: args.on.unwrap_or_else(super::today),
        confidence,
        comment: args.comment.clone(),
        value,
    };
    if let Err(refused) =
        tracking::check_in(store.as_ref(), plan, &checkin, &super::plan::whoami())?
    {
        bail!("{}", refused.message().render(lang));
    }
    match args.format {
        CheckFormat::Json => {
            let recorded = tracking::checkins(store.as_ref(), plan, Some(&checkin.objective))?;
            let json = recorded
                .iter()
                .rev()
                .find(|stored| stored.checkin == checkin)
                .map(tracking::checkin_json)
                .unwrap_or_default();
            super::emit(&format!("{json:#}\n"))?;
        }
        CheckFormat::Text => {
            let mut out = format!(
                "{}\n",
                Message::new("tracking-checked-in")
                    .with("objective", checkin.objective.to_string())
                    .with("day", checkin.on.to_string())
                    .with("confidence", checkin.confidence.code())
                    .render(lang)
            );
            if let Some(previous) = previous {
                out.push_str(&format!("{}\n", previous_line(&previous, lang)));
            }
            super::emit(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The check-in before, to write the next against.
fn previous_line(previous: &StoredCheckIn, lang: Lang) -> String {
    let comment = if previous.checkin.comment.is_empty() {
        kpilot_text::Arg::from("")
    } else {
        kpilot_text::Arg::from(
            Message::new("tracking-comment").with("text", previous.checkin.comment.as_str()),
        )
    };
    Message::new("tracking-previous-checkin")
        .with("day", previous.checkin.on.to_string())
        .with("by", previous.recorded_by.as_str())
        .with("confidence", previous.checkin.confidence.code())
        .with("comment", comment)
        .render(lang)
}
