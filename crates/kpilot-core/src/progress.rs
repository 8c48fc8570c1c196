//! What really happened, as a team records it week after week (seed 004:
//! "le suivi régulier de vos résultats"): an action started, done,
//! cancelled or moved along, and an objective checked in. This is tracking
//! data, like results: kept in the workspace with who and when, its history
//! whole, never written into the plan file.
//!
//! An action's [`Execution`] is the fold of its updates in the order they
//! were recorded ([`execution`]); a recurring action has one per occurrence.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::ids::{ActionId, ObjectiveId};

/// What one update says of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Started,
    Done,
    Cancelled {
        reason: String,
    },
    /// How far along it is (0–100 %), and when it is now expected to end.
    Progress {
        percent: Option<u8>,
        expected_end: Option<Date>,
    },
    /// Back to do: a start or an end recorded by mistake.
    Reopened,
}

impl Change {
    /// The word stored and shown in JSON: `started`, `done`, `cancelled`,
    /// `progress`, `reopened`.
    pub fn code(&self) -> &'static str {
        match self {
            Change::Started => "started",
            Change::Done => "done",
            Change::Cancelled { .. } => "cancelled",
            Change::Progress { .. } => "progress",
            Change::Reopened => "reopened",
        }
    }
}

/// One update of an action, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionUpdate {
    pub action: ActionId,
    /// The occurrence of a recurring action, from 1; `None` for the action
    /// as a whole.
    pub occurrence: Option<u32>,
    pub change: Change,
    /// The day it happened (by default, the day it was recorded).
    pub on: Date,
}

/// Where an action (or an occurrence) stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum State {
    #[default]
    Todo,
    Started {
        on: Date,
    },
    Done {
        on: Date,
    },
    Cancelled {
        on: Date,
        reason: String,
    },
}

impl State {
    /// `todo`, `started`, `done` or `cancelled` (a contract of `kpilot
    /// schedule --format json`).
    pub fn code(&self) -> &'static str {
        match self {
            State::Todo => "todo",
            State::Started { .. } => "started",
            State::Done { .. } => "done",
            State::Cancelled { .. } => "cancelled",
        }
    }

    /// Whether there is nothing left to do: done or cancelled.
    pub fn is_closed(&self) -> bool {
        matches!(self, State::Done { .. } | State::Cancelled { .. })
    }
}

/// An action's execution: its state, how far along it is, when it is now
/// expected to end.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Execution {
    pub state: State,
    /// The day it started, kept once it is done (`None` when no start was
    /// recorded: done at once, or never started).
    pub started: Option<Date>,
    /// 0–100; 100 once done.
    pub progress: Option<u8>,
    pub expected_end: Option<Date>,
}

/// The execution that updates leave, applied in the order given (the order
/// they were recorded in). A progress update on an action not started
/// starts it; one on a closed (done or cancelled) action changes nothing;
/// a reopened action is to do again, its progress forgotten.
pub fn execution<'a>(updates: impl IntoIterator<Item = &'a ActionUpdate>) -> Execution {
    let mut execution = Execution::default();
    for update in updates {
        match &update.change {
            Change::Started => {
                execution.state = State::Started { on: update.on };
                execution.started = Some(update.on);
            }
            Change::Done => {
                execution.state = State::Done { on: update.on };
                execution.progress = Some(100);
            }
            Change::Cancelled { reason } => {
                execution.state = State::Cancelled {
                    on: update.on,
                    reason: reason.clone(),
                };
            }
            // A closed action's figures stay what closing it made them.
            Change::Progress { .. } if execution.state.is_closed() => {}
            Change::Progress {
                percent,
                expected_end,
            } => {
                if execution.state == State::Todo {
                    execution.state = State::Started { on: update.on };
                    execution.started = Some(update.on);
                }
                if percent.is_some() {
                    execution.progress = *percent;
                }
                if expected_end.is_some() {
                    execution.expected_end = *expected_end;
                }
            }
            Change::Reopened => execution = Execution::default(),
        }
    }
    execution
}

/// Each action's execution (the key's occurrence `None`) and each
/// occurrence's, at a day: the updates recorded for a day after it are not
/// yet known then. What the rétroplanning, the review and "this week"
/// read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Executions {
    by_key: BTreeMap<(ActionId, Option<u32>), Execution>,
}

impl Executions {
    /// Folds updates (in the order recorded) that happened on or before
    /// `at`.
    pub fn of<'a>(updates: impl IntoIterator<Item = &'a ActionUpdate>, at: Date) -> Executions {
        let mut grouped: BTreeMap<(ActionId, Option<u32>), Vec<&ActionUpdate>> = BTreeMap::new();
        for update in updates.into_iter().filter(|update| update.on <= at) {
            grouped
                .entry((update.action.clone(), update.occurrence))
                .or_default()
                .push(update);
        }
        Executions {
            by_key: grouped
                .into_iter()
                .map(|(key, updates)| (key, execution(updates)))
                .collect(),
        }
    }

    /// The action's execution (as a whole), to do when nothing was said.
    pub fn of_action(&self, action: &ActionId) -> Execution {
        self.get(action, None)
    }

    /// An occurrence's execution.
    pub fn of_occurrence(&self, action: &ActionId, occurrence: u32) -> Execution {
        self.get(action, Some(occurrence))
    }

    /// Whether anything was said of one of the action's occurrences.
    pub fn has_occurrences(&self, action: &ActionId) -> bool {
        self.by_key
            .range((action.clone(), Some(0))..)
            .next()
            .is_some_and(|((id, occurrence), _)| id == action && occurrence.is_some())
    }

    fn get(&self, action: &ActionId, occurrence: Option<u32>) -> Execution {
        self.by_key
            .get(&(action.clone(), occurrence))
            .cloned()
            .unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// How confident the one checking in is that the objective will be met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    OnTrack,
    AtRisk,
    OffTrack,
    /// 0 (no chance) to 10 (certain), as OKR tools score it.
    Score(u8),
}

impl Confidence {
    /// `on_track`, `at_risk`, `off_track`, or a score from 0 to 10.
    pub fn parse(text: &str) -> Option<Confidence> {
        match text.trim() {
            "on_track" => Some(Confidence::OnTrack),
            "at_risk" => Some(Confidence::AtRisk),
            "off_track" => Some(Confidence::OffTrack),
            other => other
                .parse::<u8>()
                .ok()
                .filter(|score| *score <= 10)
                .map(Confidence::Score),
        }
    }

    /// As stored and in JSON: `on_track`, `at_risk`, `off_track`, `7`.
    pub fn code(self) -> String {
        match self {
            Confidence::OnTrack => "on_track".to_owned(),
            Confidence::AtRisk => "at_risk".to_owned(),
            Confidence::OffTrack => "off_track".to_owned(),
            Confidence::Score(score) => score.to_string(),
        }
    }
}

/// A check-in on an objective: where it stands, in its owner's (or
/// anyone's) words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub objective: ObjectiveId,
    pub on: Date,
    pub confidence: Confidence,
    /// What happened, what is next.
    pub comment: String,
    /// For a KPI measured by hand (an audit's completion rate): the value
    /// itself, exact.
    pub value: Option<Decimal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(change: Change, day: i8) -> ActionUpdate {
        ActionUpdate {
            action: ActionId::parse("audit").unwrap(),
            occurrence: None,
            change,
            on: jiff::civil::date(2026, 3, day),
        }
    }

    #[test]
    fn an_actions_updates_fold_into_its_execution() {
        let day = |d| jiff::civil::date(2026, 3, d);
        assert_eq!(execution([]), Execution::default());
        let progress = |percent, end| Change::Progress {
            percent,
            expected_end: end,
        };
        // Progress starts an action; done makes it 100 %.
        let updates = [
            update(progress(Some(40), Some(day(20))), 2),
            update(progress(Some(60), None), 9),
        ];
        assert_eq!(
            execution(&updates),
            Execution {
                state: State::Started { on: day(2) },
                started: Some(day(2)),
                progress: Some(60),
                expected_end: Some(day(20)),
            }
        );
        let updates = [update(Change::Started, 2), update(Change::Done, 16)];
        assert_eq!(
            execution(&updates),
            Execution {
                state: State::Done { on: day(16) },
                started: Some(day(2)),
                progress: Some(100),
                expected_end: None,
            }
        );
        // Reopened: to do again, figures forgotten.
        let updates = [
            update(Change::Done, 16),
            update(Change::Reopened, 17),
            update(
                Change::Cancelled {
                    reason: "budget".to_owned(),
                },
                18,
            ),
        ];
        let done = execution(&updates);
        assert_eq!(done.state.code(), "cancelled");
        assert!(done.state.is_closed());
        assert_eq!(done.progress, None);
    }

    #[test]
    fn confidence_reads_words_and_scores() {
        for (text, expected) in [
            ("on_track", Some(Confidence::OnTrack)),
            ("at_risk", Some(Confidence::AtRisk)),
            ("off_track", Some(Confidence::OffTrack)),
            ("7", Some(Confidence::Score(7))),
            ("10", Some(Confidence::Score(10))),
            ("11", None),
            ("sure", None),
        ] {
            assert_eq!(Confidence::parse(text), expected, "{text}");
            if let Some(confidence) = expected {
                assert_eq!(Confidence::parse(&confidence.code()), expected);
            }
        }
    }
}
