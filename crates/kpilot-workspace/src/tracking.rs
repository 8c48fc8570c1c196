//! The week's tracking, once for every front end (`kpilot action`,
//! `kpilot checkin`, the Actions page, the objective's card, the API): an
//! action's update or an objective's check-in is checked against the plan
//! (the action or objective exists, the occurrence is one of the action's,
//! the day is within the plan), then stored with who and when; and what
//! the updates leave (each action's and occurrence's execution), read back.

use jiff::civil::Date;
use kpilot_core::calendar::WorkDays;
use kpilot_core::ids::ObjectiveId;
use kpilot_core::plan::{ActionKind, Plan};
use kpilot_core::progress::{ActionUpdate, Change, CheckIn};
use kpilot_core::schedule::Schedule;
use kpilot_core::schedule::occurrences;
use kpilot_store::{Store, StoredActionUpdate, StoredCheckIn};
use kpilot_text::Message;

use crate::Error;

/// Why an update or a check-in was not recorded: the input is at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    UnknownAction {
        action: String,
        known: Vec<String>,
    },
    UnknownObjective {
        objective: String,
        known: Vec<String>,
    },
    /// An occurrence given for an action that does not recur.
    NotRecurring {
        action: String,
    },
    /// An occurrence the action does not have.
    NoSuchOccurrence {
        action: String,
        occurrence: u32,
        count: u32,
    },
    /// A day outside the plan.
    OutsidePlan {
        day: Date,
        start: Date,
        end: Date,
    },
    PercentAbove100 {
        percent: u8,
    },
    /// A cancellation without its reason.
    NoReason,
}

impl Refused {
    pub fn message(&self) -> Message {
        match self {
            Refused::UnknownAction { action, known } => Message::new("tracking-unknown-action")
                .with("action", action.as_str())
                .with("known", known.join(", ")),
            Refused::UnknownObjective { objective, known } => {
                Message::new("tracking-unknown-objective")
                    .with("objective", objective.as_str())
                    .with("known", known.join(", "))
            }
            Refused::NotRecurring { action } => {
                Message::new("tracking-not-recurring").with("action", action.as_str())
            }
            Refused::NoSuchOccurrence {
                action,
                occurrence,
                count,
            } => Message::new("tracking-no-such-occurrence")
                .with("action", action.as_str())
                .with("occurrence", occurrence.to_string())
                .with("count", u64::from(*count)),
            Refused::OutsidePlan { day, start, end } => Message::new("tracking-outside-plan")
                .with("day", day.to_string())
                .with("start", start.to_string())
                .with("end", end.to_string()),
            Refused::PercentAbove100 { percent } => {
                Message::new("tracking-percent").with("percent", u64::from(*percent))
            }
            Refused::NoReason => Message::new("tracking-no-reason"),
        }
    }
}

/// Checks an update of an action against the plan, then records it; gives
/// its number.
pub fn update_action(
    store: &dyn Store,
    plan: &Plan,
    update: &ActionUpdate,
    recorded_by: &str,
) -> Result<Result<i64, Refused>, Error> {
    if let Err(refused) = check_update(plan, update) {
        return Ok(Err(refused));
    }
    Ok(Ok(store.record_action_update(
        &plan.id,
        update,
        recorded_by,
    )?))
}

fn check_update(plan: &Plan, update: &ActionUpdate) -> Result<(), Refused> {
    let Some(action) = plan.actions.iter().find(|a| a.id == update.action) else {
        return Err(Refused::UnknownAction {
            action: update.action.to_string(),
            known: plan.actions.iter().map(|a| a.id.to_string()).collect(),
        });
    };
    within_plan(plan, update.on)?;
    match &update.change {
        Change::Progress {
            percent: Some(percent),
            ..
        } if *percent > 100 => return Err(Refused::PercentAbove100 { percent: *percent }),
        Change::Cancelled { reason } if reason.trim().is_empty() => return Err(Refused::NoReason),
        _ => {}
    }
    if let Some(occurrence) = update.occurrence {
        if action.kind != ActionKind::Recurring {
            return Err(Refused::NotRecurring {
                action: action.id.to_string(),
            });
        }
        let count = occurrences(action, plan, &WorkDays::new(&plan.calendar)).len() as u32;
        if occurrence == 0 || occurrence > count {
            return Err(Refused::NoSuchOccurrence {
                action: action.id.to_string(),
                occurrence,
                count,
            });
        }
    }
    Ok(())
}

fn within_plan(plan: &Plan, day: Date) -> Result<(), Refused> {
    if day < plan.start || day > plan.end {
        return Err(Refused::OutsidePlan {
            day,
            start: plan.start,
            end: plan.end,
        });
    }
    Ok(())
}

/// Checks a check-in against the plan, then records it; gives its number.
pub fn check_in(
    store: &dyn Store,
    plan: &Plan,
    checkin: &CheckIn,
    recorded_by: &str,
) -> Result<Result<i64, Refused>, Error> {
    if !plan.objectives.iter().any(|o| o.id == checkin.objective) {
        return Ok(Err(Refused::UnknownObjective {
            objective: checkin.objective.to_string(),
            known: plan.objectives.iter().map(|o| o.id.to_string()).collect(),
        }));
    }
    if let Err(refused) = within_plan(plan, checkin.on) {
        return Ok(Err(refused));
    }
    Ok(Ok(store.record_checkin(&plan.id, checkin, recorded_by)?))
}

pub use kpilot_core::progress::Executions;

/// The plan's executions at `at`, read from the workspace.
pub fn executions(store: &dyn Store, plan: &Plan, at: Date) -> Result<Executions, Error> {
    let updates = store.action_updates(&plan.id)?;
    Ok(Executions::of(
        updates.iter().map(|stored| &stored.update),
        at,
    ))
}

/// The rétroplanning at `at`, knowing what the workspace says was done by
/// then: what `kpilot schedule`, the Actions page, the review and "this
/// week" show.
pub fn schedule(store: &dyn Store, plan: &Plan, at: Date) -> Result<Schedule, Error> {
    let executions = executions(store, plan, at)?;
    Ok(kpilot_core::schedule::schedule(plan, at, &executions))
}

/// The plan's action updates, with who and when, in the order recorded.
pub fn history(store: &dyn Store, plan: &Plan) -> Result<Vec<StoredActionUpdate>, Error> {
    Ok(store.action_updates(&plan.id)?)
}

/// An objective's check-ins (every objective's when `None`), by day.
pub fn checkins(
    store: &dyn Store,
    plan: &Plan,
    objective: Option<&ObjectiveId>,
) -> Result<Vec<StoredCheckIn>, Error> {
    Ok(store.checkins(&plan.id, objective)?)
}

/// A check-in as JSON (a contract): `{"objective", "on", "confidence",
/// "comment", "value", "by"}`, and when it was recorded.
pub fn checkin_json(stored: &StoredCheckIn) -> serde_json::Value {
    let checkin = &stored.checkin;
    serde_json::json!({
        "objective": checkin.objective.to_string(),
        "on": checkin.on.to_string(),
        "confidence": checkin.confidence.code(),
        "comment": checkin.comment,
        "value": checkin.value.map(crate::kpi::decimal_json),
        "by": stored.recorded_by,
        "recorded_at": stored.recorded_at.to_string(),
    })
}
