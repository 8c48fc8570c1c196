//! "This week" (`kpilot week`, the web page of that name): what the team
//! must look at on Monday, read from the workspace at a day. The objectives
//! not checked in for `[tracking] checkin_every` days, the actions (and a
//! recurring action's occurrences) due in the seven days from that day, the
//! actions late and by how much, and the alerts of `kpilot status`, the
//! budget's overspending among them.

use jiff::civil::Date;
use kpilot_core::kpi::Lang;
use kpilot_core::plan::{ActionKind, Plan};
use kpilot_store::Store;
use serde_json::json;

use crate::Error;
use crate::status::{self, Alert};

/// The days a week covers from its first: seven.
pub const DAYS: i64 = 7;

/// An objective to check in on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinDue {
    pub objective: String,
    pub title: String,
    pub owner: Option<String>,
    /// Its last check-in on or before the day, `None` when never.
    pub last_checkin: Option<Date>,
    /// The confidence said then (`on_track`, `at_risk`, a score).
    pub last_confidence: Option<String>,
}

/// An open action, or one occurrence of a recurring one, due this week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionDue {
    pub action: String,
    pub title: String,
    pub owner: Option<String>,
    pub occurrence: Option<u32>,
    pub due: Date,
    /// `todo` or `started`.
    pub state: &'static str,
}

/// An action late at the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionLate {
    pub action: String,
    pub title: String,
    pub owner: Option<String>,
    /// Working days late.
    pub late_days: i64,
    /// `todo` or `started`.
    pub state: &'static str,
}

/// What the week holds.
#[derive(Debug, Clone)]
pub struct Week {
    pub at: Date,
    /// The week's last day: six days after `at`.
    pub until: Date,
    /// The cadence of check-ins, in days (`[tracking] checkin_every`).
    pub checkin_every: i64,
    pub checkins_due: Vec<CheckinDue>,
    pub actions_due: Vec<ActionDue>,
    /// The most late first.
    pub actions_late: Vec<ActionLate>,
    /// Every alert of `kpilot status` at the day, budget overspending
    /// (`budget.overspend`) included.
    pub alerts: Vec<Alert>,
}

impl Week {
    /// How many things the week asks to look at: what the navigation bar
    /// counts.
    pub fn count(&self) -> usize {
        self.checkins_due.len()
            + self.actions_due.len()
            + self.actions_late.len()
            + self.alerts.len()
    }

    /// The budget's overspending among the alerts.
    pub fn budget_overruns(&self) -> impl Iterator<Item = &Alert> {
        self.alerts
            .iter()
            .filter(|alert| alert.rule == "budget.overspend")
    }

    /// `kpilot week --format json` (a contract: `at`, `checkins_due`
    /// with `objective`, `owner` and `last_checkin`, `actions_due` with
    /// `action` and `due`, `actions_late` with `action` and `late_days`,
    /// `alerts` with `rule` and `item`; other keys are additions).
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "at": self.at.to_string(),
            "until": self.until.to_string(),
            "checkin_every": self.checkin_every,
            "checkins_due": self.checkins_due.iter().map(|due| json!({
                "objective": due.objective,
                "title": due.title,
                "owner": due.owner,
                "last_checkin": due.last_checkin.map(|day| day.to_string()),
                "last_confidence": due.last_confidence,
            })).collect::<Vec<_>>(),
            "actions_due": self.actions_due.iter().map(|due| json!({
                "action": due.action,
                "title": due.title,
                "owner": due.owner,
                "occurrence": due.occurrence,
                "due": due.due.to_string(),
                "state": due.state,
            })).collect::<Vec<_>>(),
            "actions_late": self.actions_late.iter().map(|late| json!({
                "action": late.action,
                "title": late.title,
                "owner": late.owner,
                "late_days": late.late_days,
                "state": late.state,
            })).collect::<Vec<_>>(),
            "alerts": self.alerts.iter().map(|alert| json!({
                "rule": alert.rule,
                "item": alert.item,
                "message": alert.message,
            })).collect::<Vec<_>>(),
            "budget_overruns": self.budget_overruns().map(|alert| json!({
                "item": alert.item,
                "message": alert.message,
            })).collect::<Vec<_>>(),
            "count": self.count(),
        })
    }
}

/// The week of `plan` from `at`, messages in `lang`.
pub fn week(store: &dyn Store, plan: &Plan, at: Date, lang: Lang) -> Result<Week, Error> {
    let until = at
        .checked_add(jiff::Span::new().days(DAYS - 1))
        .unwrap_or(at);
    let every = plan.tracking.checkin_every.max(1);

    // Objectives still running at the day, not checked in for `every` days.
    let checkins = crate::tracking::checkins(store, plan, None)?;
    let mut checkins_due = Vec::new();
    if at >= plan.start {
        for objective in &plan.objectives {
            if objective.deadline.unwrap_or(plan.end) < at {
                continue;
            }
            let last = checkins
                .iter()
                .filter(|stored| {
                    stored.checkin.objective == objective.id && stored.checkin.on <= at
                })
                .max_by_key(|stored| (stored.checkin.on, stored.id));
            let due = last.is_none_or(|stored| (at - stored.checkin.on).get_days() as i64 >= every);
            if due {
                checkins_due.push(CheckinDue {
                    objective: objective.id.to_string(),
                    title: objective.title.clone(),
                    owner: objective.owner.clone(),
                    last_checkin: last.map(|stored| stored.checkin.on),
                    last_confidence: last.map(|stored| stored.checkin.confidence.code()),
                });
            }
        }
    }

    // Actions: due this week, or late.
    let schedule = crate::tracking::schedule(store, plan, at)?;
    let mut actions_due = Vec::new();
    let mut actions_late = Vec::new();
    for action in &plan.actions {
        let Some(line) = schedule.of(&action.id) else {
            continue;
        };
        if line.state.is_closed() {
            continue;
        }
        let owner = action.owner.as_ref().map(|owner| owner.name.clone());
        let state = line.state.code();
        if line.late_days > 0 {
            actions_late.push(ActionLate {
                action: action.id.to_string(),
                title: action.title.clone(),
                owner: owner.clone(),
                late_days: line.late_days,
                state,
            });
        }
        let this_week = |day: Date| at <= day && day <= until;
        if action.kind == ActionKind::Recurring {
            for occurrence in &line.occurrences {
                if !occurrence.state.is_closed()
                    && occurrence.late_days == 0
                    && this_week(occurrence.end)
                {
                    actions_due.push(ActionDue {
                        action: action.id.to_string(),
                        title: action.title.clone(),
                        owner: owner.clone(),
                        occurrence: Some(occurrence.number),
                        due: occurrence.end,
                        state: occurrence.state.code(),
                    });
                }
            }
        } else if line.late_days == 0
            && let Some((_, end)) = line.planned
        {
            let due = end;
            if this_week(due) {
                actions_due.push(ActionDue {
                    action: action.id.to_string(),
                    title: action.title.clone(),
                    owner,
                    occurrence: None,
                    due,
                    state,
                });
            }
        }
    }
    actions_due.sort_by_key(|due| due.due);
    actions_late.sort_by_key(|late| std::cmp::Reverse(late.late_days));

    let alerts = status::status(store, plan, at, lang)?.alerts;
    Ok(Week {
        at,
        until,
        checkin_every: every,
        checkins_due,
        actions_due,
        actions_late,
        alerts,
    })
}
