//! The action plan in time: each action's occurrences, the rétroplanning
//! (latest dates walked back from the deadlines, earliest dates walked
//! forward from a day, the slack between them, the critical path), the
//! planned cost calendar, and what is to be said about the actions' links
//! and dates: the schedule lists it among its notices and the checker among
//! its findings, from the same functions.
//!
//! One-off actions are the ones scheduled: a due date and a duration in
//! working days (or a start and a due date). Recurring and continuous
//! actions are pinned to their dates; they bound what they depend on, and
//! are late when what they depend on cannot be done before they start.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::calendar::WorkDays;
use crate::finding::{Finding, Rule, Severity, l, tr};
use crate::ids::ActionId;
use crate::kpi::Localized;
use crate::plan::{Action, ActionKind, ItemKind, Plan, Recurrence, RecurrenceDay, RecurrenceUnit};
use crate::progress::{Execution, Executions, State};

/// The most occurrences a recurring action is expanded to.
pub const MAX_OCCURRENCES: usize = 5_000;

/// One time an action takes place: days `start..=end`, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub number: u32,
    pub start: Date,
    pub end: Date,
}

/// The days of a recurrence: those its occurrences fall on, and the
/// rule's days that none can fall on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecurrenceDays {
    /// Working days, in order.
    pub days: Vec<Date>,
    /// The rule's days no occurrence can fall on, in order.
    pub left_out: Vec<LeftOut>,
}

/// A day of a recurrence's rule that is not worked and has no working day
/// before it left in its period: no occurrence takes place for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeftOut {
    /// The rule's day.
    pub day: Date,
    /// The first day of its period: the day after the rule's day before
    /// it, or the plan's start when that comes later. No day from `from` to
    /// `day` is worked (none is left when `day` comes before the plan).
    pub from: Date,
    /// Whether the plan's start cut the period short.
    pub plan_start: bool,
}

/// The days a recurring action comes back on, from `start` to `until`
/// included (and at most `count` of the rule's days).
///
/// An occurrence never falls on a day `work` does not work (a weekend day,
/// a French holiday, a day off of the plan's calendar): such a day of the
/// rule moves to the nearest working day before it, within its period (the
/// days after the rule's day before it, which for the first occurrence is
/// the one a step earlier) and not before the plan's start, `plan_start`. A
/// monthly occurrence on Friday 1 May, a holiday, takes place on Thursday
/// 30 April. With no working day left in its period, the day is left out
/// (`left_out`), and the checker says so (`action.dates`).
pub fn recurrence_dates(
    start: Date,
    until: Date,
    rule: &Recurrence,
    work: &WorkDays,
    plan_start: Date,
) -> RecurrenceDays {
    let mut placed = RecurrenceDays::default();
    for (before, day) in rule_days(start, until, rule) {
        if work.is_working_day(day) {
            placed.days.push(day);
            continue;
        }
        let after_before = before.and_then(|before| before.tomorrow().ok());
        let cut = after_before.is_none_or(|first| first < plan_start);
        let from = if cut {
            plan_start
        } else {
            after_before.unwrap_or(plan_start)
        };
        let moved = work.on_or_before(day);
        if moved >= from && work.is_working_day(moved) {
            placed.days.push(moved);
        } else {
            placed.left_out.push(LeftOut {
                day,
                from,
                plan_start: cut,
            });
        }
    }
    placed
}

/// The rule's own days from `start` to `until` included (at most `count`),
/// each with the rule's day before it (a step before `start` for the
/// first): the days before any move to a working day.
fn rule_days(start: Date, until: Date, rule: &Recurrence) -> Vec<(Option<Date>, Date)> {
    let limit = rule.count.map_or(MAX_OCCURRENCES, |count| {
        (count as usize).min(MAX_OCCURRENCES)
    });
    let mut days = Vec::new();
    let every = i64::from(rule.every.max(1));
    match rule.unit {
        RecurrenceUnit::Day | RecurrenceUnit::Week => {
            let (step, first) = match (rule.unit, rule.on) {
                (RecurrenceUnit::Week, Some(RecurrenceDay::Weekday(weekday))) => {
                    let ahead = (i64::from(weekday.to_monday_zero_offset())
                        - i64::from(start.weekday().to_monday_zero_offset()))
                    .rem_euclid(7);
                    (every * 7, start.checked_add(ahead.days()).ok())
                }
                (RecurrenceUnit::Week, _) => (every * 7, Some(start)),
                _ => (every, Some(start)),
            };
            let mut before = first.and_then(|first| first.checked_sub(step.days()).ok());
            let mut day = first;
            while let Some(current) = day {
                if current > until || days.len() >= limit {
                    break;
                }
                days.push((before, current));
                before = Some(current);
                day = current.checked_add(step.days()).ok();
            }
        }
        RecurrenceUnit::Month => {
            let first_month = i64::from(start.year()) * 12 + i64::from(start.month()) - 1;
            let first_of = |k: i64| {
                let month = first_month + k * every;
                let (year, month) = (month.div_euclid(12), month.rem_euclid(12) + 1);
                Date::new(year as i16, month as i8, 1).ok()
            };
            let day_in = |first: Date| match rule.on {
                None => day_of_month(first, start.day()),
                Some(RecurrenceDay::DayOfMonth(day)) => day_of_month(first, day as i8),
                Some(RecurrenceDay::NthWeekday { nth, weekday }) => {
                    first.nth_weekday_of_month(nth, weekday).ok()
                }
                Some(RecurrenceDay::Weekday(weekday)) => {
                    first.nth_weekday_of_month(1, weekday).ok()
                }
            };
            let mut before = first_of(-1).and_then(day_in);
            for k in 0.. {
                let Some(first) = first_of(k) else {
                    break;
                };
                if first > until || days.len() >= limit {
                    break;
                }
                if let Some(day) = day_in(first) {
                    if day >= start && day <= until {
                        days.push((before, day));
                    }
                    before = Some(day);
                }
            }
        }
    }
    days
}

/// Day `day` of `first`'s month, or its last day when the month is shorter.
fn day_of_month(first: Date, day: i8) -> Option<Date> {
    let day = day.min(first.days_in_month()).max(1);
    first.with().day(day).build().ok()
}

/// The planned times of an action: a one-off's days (from `start`, or
/// `duration_days` working days up to `due`), each occurrence of a
/// recurring one (lasting `duration_days` working days from its day), a
/// continuous one's span. Empty without the dates to place it.
///
/// A recurring action's occurrences fall on working days of `work`: a day
/// of its rule that is not worked moves to the nearest working day before
/// it in its period, or is left out when none is left there
/// ([`recurrence_dates`]).
pub fn occurrences(action: &Action, plan: &Plan, work: &WorkDays) -> Vec<Occurrence> {
    let length = i64::from(action.duration_days.unwrap_or(1).max(1));
    let lasting = |start: Date| {
        if length <= 1 {
            start
        } else {
            work.add(work.on_or_after(start), length - 1)
        }
    };
    match action.kind {
        ActionKind::OneOff => {
            let span = match (action.start, action.due) {
                (Some(start), Some(due)) => Some((start, due.max(start))),
                (None, Some(due)) if length <= 1 => Some((due, due)),
                (None, Some(due)) => Some((work.add(work.on_or_before(due), -(length - 1)), due)),
                (Some(start), None) => Some((start, lasting(start))),
                (None, None) => None,
            };
            span.map(|(start, end)| Occurrence {
                number: 1,
                start,
                end,
            })
            .into_iter()
            .collect()
        }
        ActionKind::Recurring => {
            let Some(recurrence) = recurring_days(action, plan, work) else {
                return Vec::new();
            };
            recurrence
                .days
                .into_iter()
                .zip(1..)
                .map(|(day, number)| Occurrence {
                    number,
                    start: day,
                    end: lasting(day),
                })
                .collect()
        }
        ActionKind::Continuous => match action.start {
            Some(start) => vec![Occurrence {
                number: 1,
                start,
                end: action.due.unwrap_or(plan.end).max(start),
            }],
            None => Vec::new(),
        },
    }
}

/// A recurring action's days, from its `start` to its `due` (the plan's
/// end without one); `None` without a start or a rhythm.
fn recurring_days(action: &Action, plan: &Plan, work: &WorkDays) -> Option<RecurrenceDays> {
    let (Some(start), Some(rule)) = (action.start, &action.repeat) else {
        return None;
    };
    let until = action.due.unwrap_or(plan.end);
    Some(recurrence_dates(start, until, rule, work, plan.start))
}

/// The months (first days) a span touches.
fn months_touched(start: Date, end: Date) -> Vec<Date> {
    let mut months = Vec::new();
    let mut month = start.first_of_month();
    while month <= end {
        months.push(month);
        match month.checked_add(1.month()) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    months
}

/// What an action's budget comes to over the plan: its amount for a
/// one-off, times its occurrences for a recurring action, times the months
/// its span touches for a continuous one (a month begun is a month paid).
pub fn allocated(action: &Action, plan: &Plan, work: &WorkDays) -> f64 {
    let Some(budget) = action.budget else {
        return 0.0;
    };
    let times = match action.kind {
        ActionKind::OneOff => 1,
        ActionKind::Recurring => occurrences(action, plan, work).len(),
        ActionKind::Continuous => occurrences(action, plan, work)
            .first()
            .map_or(0, |span| months_touched(span.start, span.end).len()),
    };
    budget.value() * times as f64
}

/// Spend planned for an action on a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedCost {
    pub day: Date,
    pub amount: f64,
}

/// An action's planned spend, day by day: a one-off's amount spread evenly
/// over the working days of its span, each occurrence's over its working
/// days, a continuous action's monthly amount over the days of its span in
/// that month. A span without a working day takes it all on its last day.
pub fn planned_costs(action: &Action, plan: &Plan, work: &WorkDays) -> Vec<PlannedCost> {
    let Some(budget) = action.budget else {
        return Vec::new();
    };
    let spread = |amount: f64, start: Date, end: Date, every_day: bool, out: &mut Vec<_>| {
        let days: Vec<Date> = start
            .series(1.day())
            .take_while(|day| *day <= end)
            .filter(|day| every_day || work.is_working_day(*day))
            .collect();
        if days.is_empty() {
            out.push(PlannedCost { day: end, amount });
            return;
        }
        let share = amount / days.len() as f64;
        out.extend(
            days.into_iter()
                .map(|day| PlannedCost { day, amount: share }),
        );
    };
    let mut out = Vec::new();
    match action.kind {
        ActionKind::OneOff | ActionKind::Recurring => {
            for occurrence in occurrences(action, plan, work) {
                spread(
                    budget.value(),
                    occurrence.start,
                    occurrence.end,
                    false,
                    &mut out,
                );
            }
        }
        ActionKind::Continuous => {
            for span in occurrences(action, plan, work) {
                for month in months_touched(span.start, span.end) {
                    let last = month.last_of_month();
                    spread(
                        budget.value(),
                        span.start.max(month),
                        span.end.min(last),
                        true,
                        &mut out,
                    );
                }
            }
        }
    }
    out
}

/// A problem the schedule or the budget finds: a rule code (a contract),
/// the item, a message in French and English.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub rule: &'static str,
    pub item: String,
    pub message: Localized,
}

/// One action in the rétroplanning at a day, with what really happened to
/// it. Dates are `None` when the action cannot be placed (no dates of its
/// own and none derived, or in a dependency cycle).
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    pub id: ActionId,
    /// Working days a one-off action lasts.
    pub duration_days: Option<i64>,
    /// Its planned first and last days: the plan's, or for an action
    /// without dates of its own that another depends on, those the
    /// rétroplanning derives (its latest start and finish).
    pub planned: Option<(Date, Date)>,
    /// Whether `planned` was derived rather than written in the plan.
    pub derived: bool,
    /// For an open action, when it can start and finish at the earliest
    /// from the day of the schedule; for a started or done one, its real
    /// start, and its expected or real end.
    pub earliest_start: Option<Date>,
    pub earliest_finish: Option<Date>,
    pub latest_start: Option<Date>,
    pub latest_finish: Option<Date>,
    /// Working days the action can slip without a deadline downstream
    /// being missed (from its start when to do, from its finish when
    /// started); negative when one is missed already; `None` once done or
    /// cancelled.
    pub slack_days: Option<i64>,
    /// Open and with a slack at or below the plan's `critical_slack`, or
    /// pinned to its dates and waiting on a critical action.
    pub critical: bool,
    /// Where it stands at the day of the schedule (a recurring action:
    /// done when every occurrence is closed, started when one is under
    /// way or done).
    pub state: State,
    pub progress: Option<u8>,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
    /// When it is expected to end: its real end once done, else its
    /// earliest finish.
    pub expected_end: Option<Date>,
    /// Working days late: not started by its latest start, or not done by
    /// its due day (expected to finish after it); 0 when not late.
    pub late_days: i64,
    /// A recurring action's occurrences, each with its state.
    pub occurrences: Vec<OccurrenceState>,
}

/// One occurrence of a recurring action at the day of the schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct OccurrenceState {
    pub number: u32,
    pub start: Date,
    pub end: Date,
    pub state: State,
    /// Working days since it should have started (to do) or ended
    /// (started); 0 when closed or not yet due.
    pub late_days: i64,
}

/// The rétroplanning of a plan at a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub actions: Vec<Scheduled>,
    pub findings: Vec<Notice>,
}

impl Schedule {
    /// The line of an action.
    pub fn of(&self, id: &ActionId) -> Option<&Scheduled> {
        self.actions.iter().find(|line| &line.id == id)
    }
}

/// Working days from `from` to `to` when `to` comes after, else 0.
fn behind(work: &WorkDays, from: Date, to: Date) -> i64 {
    work.between(from, to).max(0)
}

/// Schedules the plan's actions at `at`, knowing what was done by then
/// (`executions`, folded at `at`).
///
/// Backwards: an action's latest finish is its due day (the working day
/// before when it is a day off), moved earlier to end the working day
/// before any action depending on it must start; its latest start is
/// `duration_days` working days before. An action without dates of its own
/// gets them so from what depends on it. Forwards: a done action finished
/// on its day; a started one finishes `duration_days` after its start, or
/// on its new expected end, and not before the day of the schedule; one to
/// do starts on the first working day from `at`, after what it depends on
/// finishes (a cancelled action holds nothing up). The slack is the
/// working days between the two starts (the two finishes once started);
/// critical are the open actions whose slack is at most the plan's
/// `[tracking] critical_slack`, and the pinned actions waiting on them.
pub fn schedule(plan: &Plan, at: Date, executions: &Executions) -> Schedule {
    let work = WorkDays::new(&plan.calendar);
    let index: BTreeMap<&ActionId, usize> = plan
        .actions
        .iter()
        .enumerate()
        .map(|(i, action)| (&action.id, i))
        .collect();
    let n = plan.actions.len();
    // Known dependencies, and who depends on whom.
    let depends: Vec<Vec<usize>> = plan
        .actions
        .iter()
        .map(|action| {
            let mut known: Vec<usize> = action
                .depends_on
                .iter()
                .filter_map(|id| index.get(id).copied())
                .collect();
            known.sort_unstable();
            known.dedup();
            known
        })
        .collect();
    let mut dependents = vec![Vec::new(); n];
    for (a, deps) in depends.iter().enumerate() {
        for &b in deps {
            dependents[b].push(a);
        }
    }
    // Actions in or behind a cycle are left out: they get no dates.
    let order = topological(&depends, &dependents);
    let today = work.on_or_after(at);

    struct Node {
        span: Option<(Date, Date)>,
        duration: i64,
        pinned: bool,
        execution: Execution,
        occurrences: Vec<OccurrenceState>,
        ls: Option<Date>,
        lf: Option<Date>,
        es: Option<Date>,
        ef: Option<Date>,
        late: i64,
    }
    let mut nodes: Vec<Node> = plan
        .actions
        .iter()
        .map(|action| {
            let times = occurrences(action, plan, &work);
            let span = times
                .first()
                .zip(times.last())
                .map(|(first, last)| (first.start, last.end));
            let pinned = action.kind != ActionKind::OneOff;
            let duration = match (action.kind, span) {
                (ActionKind::OneOff, Some((start, end))) => work.count(start, end).max(1),
                _ => i64::from(action.duration_days.unwrap_or(1).max(1)),
            };
            let whole = executions.of_action(&action.id);
            let mut occurrences = Vec::new();
            let mut execution = whole.clone();
            if action.kind == ActionKind::Recurring {
                occurrences = times
                    .iter()
                    .map(|time| {
                        let own = executions.of_occurrence(&action.id, time.number);
                        // An occurrence says what was said of it; the
                        // action closed as a whole closes them all.
                        let state = if own.state == State::Todo && whole.state.is_closed() {
                            whole.state.clone()
                        } else {
                            own.state
                        };
                        let late_days = match &state {
                            State::Todo if time.start < today => behind(&work, time.start, today),
                            State::Started { .. } if time.end < today => {
                                behind(&work, time.end, today)
                            }
                            _ => 0,
                        };
                        OccurrenceState {
                            number: time.number,
                            start: time.start,
                            end: time.end,
                            state,
                            late_days,
                        }
                    })
                    .collect();
                if !whole.state.is_closed() {
                    execution.state = recurring_state(&occurrences, &whole.state);
                    execution.started = occurrences
                        .iter()
                        .filter_map(|o| match o.state {
                            State::Started { on } | State::Done { on } => Some(on),
                            _ => None,
                        })
                        .min()
                        .or(whole.started);
                }
            }
            Node {
                span,
                duration,
                pinned,
                execution,
                occurrences,
                ls: None,
                lf: None,
                es: None,
                ef: None,
                late: 0,
            }
        })
        .collect();

    // Backwards, from the last actions to the first: the plan's dates,
    // closed or not.
    for &a in order.iter().rev() {
        let downstream = dependents[a]
            .iter()
            .filter_map(|&b| nodes[b].ls)
            .map(|start| work.add(start, -1))
            .min();
        let node = &mut nodes[a];
        if node.pinned {
            if let Some((start, end)) = node.span {
                node.ls = Some(start);
                node.lf = Some(end);
            }
            continue;
        }
        let deadline = node.span.map(|(_, end)| work.on_or_before(end));
        let lf = match (deadline, downstream) {
            (Some(d), Some(u)) => Some(d.min(u)),
            (d, u) => d.or(u),
        };
        if let Some(lf) = lf {
            node.lf = Some(lf);
            node.ls = Some(work.add(lf, -(node.duration - 1)));
        }
    }
    // Forwards, from `at` and what was done.
    let placed: BTreeSet<usize> = order.iter().copied().collect();
    for &a in &order {
        let upstream = depends[a]
            .iter()
            .filter(|&&b| !matches!(nodes[b].execution.state, State::Cancelled { .. }))
            .filter_map(|&b| nodes[b].ef)
            .map(|finish| work.add(finish, 1))
            .max();
        let node = &mut nodes[a];
        let finish_from = |start: Date| work.add(work.on_or_after(start), node.duration - 1);
        match node.execution.state.clone() {
            State::Done { on } => {
                node.es = node.execution.started;
                node.ef = Some(on);
            }
            State::Cancelled { .. } => {}
            _ if node.pinned => {
                let Some((start, end)) = node.span else {
                    continue;
                };
                // Pinned to its days: the first occurrence still open (a
                // continuous action's start), pushed by what it waits on.
                let due = node
                    .occurrences
                    .iter()
                    .find(|o| !o.state.is_closed())
                    .map_or(start, |o| o.start);
                let es = match node.execution.state {
                    State::Started { on } if node.occurrences.is_empty() => on,
                    _ => upstream.map_or(due, |u| u.max(due)),
                };
                node.es = Some(es);
                node.ef = Some(end.max(es));
                let open_late = node.occurrences.iter().map(|o| o.late_days).max();
                node.late = match (&node.execution.state, open_late) {
                    (_, Some(late)) => late.max(behind(&work, due, es)),
                    (State::Todo, None) => behind(&work, start, today.max(es)),
                    (_, None) => behind(&work, end, today),
                };
            }
            State::Started { on } => {
                let end = node
                    .execution
                    .expected_end
                    .unwrap_or_else(|| finish_from(on));
                node.es = Some(on);
                node.ef = Some(end.max(today));
                if let (Some(lf), Some(ef)) = (node.lf, node.ef) {
                    node.late = behind(&work, lf, ef);
                }
            }
            State::Todo => {
                if node.lf.is_none() || !placed.contains(&a) {
                    continue;
                }
                let es = upstream.map_or(today, |u| u.max(today));
                node.es = Some(es);
                node.ef = Some(finish_from(es));
                if let Some(ls) = node.ls {
                    node.late = behind(&work, ls, es);
                }
            }
        }
    }

    let open = |node: &Node| !node.execution.state.is_closed();
    let slack = |node: &Node| -> Option<i64> {
        if !open(node) {
            return None;
        }
        match node.execution.state {
            State::Started { .. } if !node.pinned => Some(work.between(node.ef?, node.lf?)),
            _ if node.pinned => {
                let due = node
                    .occurrences
                    .iter()
                    .find(|o| !o.state.is_closed())
                    .map_or(node.ls?, |o| o.start);
                Some(work.between(node.es?, due))
            }
            _ => Some(work.between(node.es?, node.ls?)),
        }
    };
    let threshold = plan.tracking.critical_slack;
    let mut critical: Vec<bool> = nodes
        .iter()
        .map(|node| !node.pinned && slack(node).is_some_and(|s| s <= threshold))
        .collect();
    for &a in &order {
        if nodes[a].pinned
            && open(&nodes[a])
            && nodes[a].es.is_some()
            && depends[a].iter().any(|&b| critical[b])
        {
            critical[a] = true;
        }
    }

    let mut findings = Vec::new();
    for (a, action) in plan.actions.iter().enumerate() {
        let node = &nodes[a];
        let id = action.id.as_str();
        findings.extend(late_notice(id, node_view(node), today));
        // An action due after the deadline of one that depends on it.
        for &b in &dependents[a] {
            let dependent = &plan.actions[b];
            let (Some((_, due)), Some((start, end))) = (node.span, nodes[b].span) else {
                continue;
            };
            let bound = if nodes[b].pinned { start } else { end };
            let late = if nodes[b].pinned {
                due >= bound
            } else {
                due > bound
            };
            if late {
                let other = dependent.id.as_str();
                findings.push(Notice {
                    rule: "schedule.order",
                    item: id.to_owned(),
                    message: Localized::new(
                        format!("l’action `{id}` est due le {due}, mais `{other}`, qui en dépend, {} le {bound}", if nodes[b].pinned { "commence" } else { "est due" }),
                        format!("action `{id}` is due on {due}, but `{other}`, which depends on it, {} on {bound}", if nodes[b].pinned { "starts" } else { "is due" }),
                    ),
                });
            }
        }
    }

    fn node_view(node: &Node) -> View<'_> {
        View {
            pinned: node.pinned,
            span: node.span,
            state: &node.execution.state,
            ls: node.ls,
            lf: node.lf,
            es: node.es,
            ef: node.ef,
            late: node.late,
            occurrences: &node.occurrences,
        }
    }

    let actions = plan
        .actions
        .iter()
        .enumerate()
        .map(|(a, action)| {
            let node = &nodes[a];
            let derived = node.span.is_none() && node.ls.is_some();
            let actual_end = match node.execution.state {
                State::Done { on } => Some(on),
                _ => None,
            };
            Scheduled {
                id: action.id.clone(),
                duration_days: (!node.pinned && (node.span.is_some() || derived))
                    .then_some(node.duration),
                planned: node.span.or(node.ls.zip(node.lf)),
                derived,
                earliest_start: node.es,
                earliest_finish: node.ef,
                latest_start: node.ls,
                latest_finish: node.lf,
                slack_days: slack(node),
                critical: critical[a],
                state: node.execution.state.clone(),
                progress: node.execution.progress,
                actual_start: node.execution.started,
                actual_end,
                expected_end: match node.execution.state {
                    State::Cancelled { .. } => None,
                    _ => node.ef,
                },
                late_days: node.late,
                occurrences: node.occurrences.clone(),
            }
        })
        .collect();
    Schedule { actions, findings }
}

/// A recurring action's state from its occurrences': done when all are
/// closed (cancelled when none was done), started when one is under way
/// or done, or when the action was said started as a whole.
fn recurring_state(occurrences: &[OccurrenceState], whole: &State) -> State {
    let last_done = occurrences
        .iter()
        .filter_map(|o| match o.state {
            State::Done { on } => Some(on),
            _ => None,
        })
        .max();
    if !occurrences.is_empty() && occurrences.iter().all(|o| o.state.is_closed()) {
        return match (last_done, occurrences.last().map(|o| &o.state)) {
            (Some(on), _) => State::Done { on },
            (None, Some(cancelled)) => cancelled.clone(),
            (None, None) => State::Todo,
        };
    }
    let first_started = occurrences
        .iter()
        .filter_map(|o| match o.state {
            State::Started { on } | State::Done { on } => Some(on),
            _ => None,
        })
        .min();
    match (first_started, whole) {
        (Some(on), _) => State::Started { on },
        (None, State::Started { on }) => State::Started { on: *on },
        _ => State::Todo,
    }
}

/// What [`late_notice`] reads of a scheduled action.
struct View<'a> {
    pinned: bool,
    span: Option<(Date, Date)>,
    state: &'a State,
    ls: Option<Date>,
    lf: Option<Date>,
    es: Option<Date>,
    ef: Option<Date>,
    late: i64,
    occurrences: &'a [OccurrenceState],
}

/// `schedule.late`, saying why and by how much: not started by its latest
/// start, expected to end after its due day, occurrences not done, or held
/// up by what it depends on.
fn late_notice(id: &str, node: View<'_>, today: Date) -> Option<Notice> {
    let days = node.late;
    if days <= 0 || node.state.is_closed() {
        return None;
    }
    let date = |day: Option<Date>| day.map(|d| d.to_string()).unwrap_or_default();
    let (ls, lf, es, ef) = (date(node.ls), date(node.lf), date(node.es), date(node.ef));
    let message = if !node.occurrences.is_empty() {
        let late: Vec<&OccurrenceState> = node
            .occurrences
            .iter()
            .filter(|o| o.late_days > 0)
            .collect();
        match late.first() {
            Some(first) => {
                let count = late.len();
                let day = first.start;
                let n = first.number;
                if count == 1 {
                    Localized::new(
                        format!(
                            "l’occurrence n° {n} de l’action `{id}`, du {day}, n’est pas faite : {days} jours ouvrés de retard"
                        ),
                        format!(
                            "occurrence {n} of action `{id}`, on {day}, is not done: {days} working days late"
                        ),
                    )
                } else {
                    Localized::new(
                        format!(
                            "{count} occurrences de l’action `{id}` ne sont pas faites, la première (n° {n}) du {day} : {days} jours ouvrés de retard"
                        ),
                        format!(
                            "{count} occurrences of action `{id}` are not done, the first (number {n}) on {day}: {days} working days late"
                        ),
                    )
                }
            }
            None => held_up(id, node.span, &es, days),
        }
    } else if node.pinned {
        let (start, end) = node.span?;
        match node.state {
            State::Todo if start < today => Localized::new(
                format!(
                    "l’action `{id}` devait commencer le {start} et n’a pas commencé : {days} jours ouvrés de retard"
                ),
                format!(
                    "action `{id}` was to start on {start} and has not started: {days} working days late"
                ),
            ),
            State::Started { .. } if end < today => Localized::new(
                format!(
                    "l’action `{id}` devait finir le {end} et n’est pas finie : {days} jours ouvrés de retard"
                ),
                format!(
                    "action `{id}` was to end on {end} and is not done: {days} working days late"
                ),
            ),
            _ => held_up(id, node.span, &es, days),
        }
    } else {
        match node.state {
            State::Started { on } => Localized::new(
                format!(
                    "l’action `{id}`, commencée le {on}, finira au plus tôt le {ef}, {days} jours ouvrés après sa fin au plus tard le {lf}"
                ),
                format!(
                    "action `{id}`, started on {on}, ends on {ef} at the earliest, {days} working days after its latest finish on {lf}"
                ),
            ),
            _ if node.ls.is_some_and(|ls| ls < today) => Localized::new(
                format!(
                    "l’action `{id}` devait commencer au plus tard le {ls} pour finir le {lf} et n’a pas commencé : elle finira au plus tôt le {ef}, {days} jours ouvrés de retard"
                ),
                format!(
                    "action `{id}` had to start by {ls} to finish by {lf} and has not started: it ends on {ef} at the earliest, {days} working days late"
                ),
            ),
            _ => Localized::new(
                format!(
                    "l’action `{id}` doit commencer au plus tard le {ls} pour finir le {lf}, mais ce dont elle dépend ne sera pas fini avant : elle commencera au plus tôt le {es}, {days} jours ouvrés trop tard"
                ),
                format!(
                    "action `{id}` must start by {ls} to finish by {lf}, but what it depends on will not be done by then: it starts on {es} at the earliest, {days} working days too late"
                ),
            ),
        }
    };
    Some(Notice {
        rule: "schedule.late",
        item: id.to_owned(),
        message,
    })
}

/// A pinned action held up by what it depends on.
fn held_up(id: &str, span: Option<(Date, Date)>, es: &str, days: i64) -> Localized {
    let start = span.map(|(start, _)| start.to_string()).unwrap_or_default();
    Localized::new(
        format!(
            "l’action `{id}` doit commencer le {start}, mais ce dont elle dépend ne peut être fini avant : au plus tôt le {es}, {days} jours ouvrés de retard"
        ),
        format!(
            "action `{id}` must start on {start}, but what it depends on cannot be done by then: {es} at the earliest, {days} working days late"
        ),
    )
}

/// Everything to say about a plan's schedule: what the checker says too
/// about the actions' links (an unknown id, a cycle) and dates, then the
/// schedule's own. The command line and the web page list the same.
pub fn notices(plan: &Plan, scheduled: &Schedule) -> Vec<Notice> {
    let work = WorkDays::new(&plan.calendar);
    let mut said = Vec::new();
    for action in &plan.actions {
        said.extend(link_findings(plan, action));
        said.extend(date_findings(plan, action, &work));
    }
    said.extend(cycle_findings(plan));
    let mut all: Vec<Notice> = said
        .into_iter()
        .map(|finding| Notice {
            rule: finding.rule.code(),
            item: finding.item,
            message: finding.message,
        })
        .collect();
    all.extend(scheduled.findings.iter().cloned());
    all
}

/// What the checker and the schedule both say about an action's tactic and
/// dependencies: `ref.unknown_id` for a tactic or an action that does not
/// exist.
pub fn link_findings(plan: &Plan, action: &Action) -> Vec<Finding> {
    let id = action.id.as_str();
    let mut out = Vec::new();
    if plan.tactic(&action.tactic).is_none() {
        out.push(Finding::new(
            Rule::UnknownId,
            Severity::Error,
            ItemKind::Action,
            id,
            tr!(
                "l’action `{id}` relève de la tactique `{}`, qui n’existe pas",
                "action `{id}` belongs to tactic `{}`, which does not exist",
                action.tactic
            ),
            l(
                "utilisez l’id de l’une des `[[tactics]]` du plan",
                "use the id of one of the plan's `[[tactics]]`",
            ),
        ));
    }
    for dependency in &action.depends_on {
        if plan.action(dependency).is_none() {
            out.push(Finding::new(
                Rule::UnknownId,
                Severity::Error,
                ItemKind::Action,
                id,
                tr!(
                    "l’action `{id}` dépend de `{dependency}`, qui n’existe pas",
                    "action `{id}` depends on `{dependency}`, which does not exist"
                ),
                l(
                    "utilisez l’id de l’une des `[[actions]]` du plan",
                    "use the id of one of the plan's `[[actions]]`",
                ),
            ));
        }
    }
    out
}

/// What the checker and the schedule both say about an action's dates
/// (`action.dates`): reversed, missing, a recurring action without a
/// rhythm or a rhythm on an action that does not recur, dates outside the
/// plan, occurrences left out because they fall on days off of `work` (the
/// plan's working days) with no working day before them in their period.
pub fn date_findings(plan: &Plan, action: &Action, work: &WorkDays) -> Vec<Finding> {
    let id = action.id.as_str();
    let mut out = Vec::new();
    if let (Some(start), Some(due)) = (action.start, action.due)
        && due < start
    {
        out.push(Finding::new(
            Rule::ActionDates,
            Severity::Error,
            ItemKind::Action,
            id,
            tr!(
                "l’action `{id}` est due le {due}, avant son début le {start}",
                "action `{id}` is due on {due}, before it starts on {start}"
            ),
            l(
                "placez `due` le jour de `start` ou après",
                "set `due` on or after `start`",
            ),
        ));
    }
    // An action that another depends on gets its dates from the
    // rétroplanning: it is not "without dates".
    let depended_on = plan
        .actions
        .iter()
        .any(|other| other.depends_on.contains(&action.id));
    if action.start.is_none()
        && action.due.is_none()
        && !(depended_on && action.kind == ActionKind::OneOff)
    {
        out.push(Finding::new(
            Rule::ActionDates,
            Severity::Warning,
            ItemKind::Action,
            id,
            tr!(
                "l’action `{id}` n’a pas de dates",
                "action `{id}` has no dates"
            ),
            l(
                "ajoutez `due` (et `duration_days`), ou `start` et `due` pour une période",
                "add `due` (and `duration_days`), or `start` and `due` for a span",
            ),
        ));
    } else if action.kind != ActionKind::OneOff && (action.start.is_none() || action.due.is_none())
    {
        out.push(Finding::new(
            Rule::ActionDates,
            Severity::Warning,
            ItemKind::Action,
            id,
            match action.kind {
                ActionKind::Recurring => tr!(
                    "l’action `{id}` est récurrente, mais n’a pas de période : il lui faut `start` et `due`",
                    "action `{id}` is recurring, but has no span: it needs both `start` and `due`"
                ),
                _ => tr!(
                    "l’action `{id}` est continue, mais n’a pas de période : il lui faut `start` et `due`",
                    "action `{id}` is continuous, but has no span: it needs both `start` and `due`"
                ),
            },
            l("ajoutez le `start` ou le `due` qui manque", "add the missing `start` or `due`"),
        ));
    }
    match (action.kind, &action.repeat) {
        (ActionKind::Recurring, None) => out.push(Finding::new(
            Rule::ActionDates,
            Severity::Warning,
            ItemKind::Action,
            id,
            tr!(
                "l’action `{id}` est récurrente, mais ne dit pas à quel rythme : elle ne peut être ni planifiée ni budgétée",
                "action `{id}` is recurring, but does not say how often: it can be neither scheduled nor budgeted"
            ),
            l(
                "ajoutez `every = \"week\"` (ou \"2 weeks\", \"month\"…) et, au besoin, `on = \"first thursday\"`",
                "add `every = \"week\"` (or \"2 weeks\", \"month\"…) and, if needed, `on = \"first thursday\"`",
            ),
        )),
        (ActionKind::OneOff | ActionKind::Continuous, Some(_)) => out.push(Finding::new(
            Rule::ActionDates,
            Severity::Warning,
            ItemKind::Action,
            id,
            tr!(
                "l’action `{id}` n’est pas récurrente : son `every` est ignoré",
                "action `{id}` is not recurring: its `every` is ignored"
            ),
            l(
                "écrivez `kind = \"recurring\"`, ou retirez `every`",
                "write `kind = \"recurring\"`, or remove `every`",
            ),
        )),
        _ => {}
    }
    for date in [action.start, action.due].into_iter().flatten() {
        if date < plan.start || date > plan.end {
            out.push(Finding::new(
                Rule::ActionDates,
                Severity::Warning,
                ItemKind::Action,
                id,
                tr!(
                    "action `{id}` : le {date} est hors du plan (du {} au {})",
                    "action `{id}`: {date} is outside the plan ({} to {})",
                    plan.start,
                    plan.end
                ),
                l(
                    "ramenez l’action dans l’horizon du plan, ou prolongez le plan",
                    "move the action into the plan's horizon, or extend the plan",
                ),
            ));
            break;
        }
    }
    if action.kind == ActionKind::Recurring
        && let Some(recurrence) = recurring_days(action, plan, work)
        && !recurrence.left_out.is_empty()
    {
        out.push(Finding::new(
            Rule::ActionDates,
            Severity::Warning,
            ItemKind::Action,
            id,
            left_out_message(id, &recurrence.left_out),
            l(
                "placez l’action sur des jours ouvrés (`on = …`), espacez ses occurrences, ou rendez ces jours ouvrés dans `[calendar]` (`weekend`, `holidays`, `days_off`)",
                "put the action on working days (`on = …`), space its occurrences out, or make those days working days in `[calendar]` (`weekend`, `holidays`, `days_off`)",
            ),
        ));
    }
    out
}

/// Why occurrences of action `id` do not take place: one told in full, more
/// listed (the first five).
fn left_out_message(id: &str, left_out: &[LeftOut]) -> Localized {
    if let [one] = left_out {
        let (day, from) = (one.day, one.from);
        let (why_fr, why_en) = if one.plan_start {
            ("le début du plan", "the plan's start")
        } else {
            (
                "le lendemain de l’occurrence précédente",
                "the day after the occurrence before",
            )
        };
        return tr!(
            "l’occurrence du {day} de l’action `{id}` n’a pas lieu : c’est un jour non ouvré du calendrier du plan, et il ne reste aucun jour ouvré avant lui dans sa période, qui commence le {from} ({why_fr})",
            "the occurrence of action `{id}` on {day} does not take place: it is a day off in the plan's calendar, and no working day is left before it in its period, which begins on {from} ({why_en})"
        );
    }
    let count = left_out.len();
    let mut days: Vec<String> = left_out
        .iter()
        .take(5)
        .map(|left| left.day.to_string())
        .collect();
    if count > 5 {
        days.push("…".to_owned());
    }
    let days = days.join(", ");
    tr!(
        "{count} occurrences de l’action `{id}` n’ont pas lieu ({days}) : ce sont des jours non ouvrés du calendrier du plan, et il ne reste aucun jour ouvré avant eux dans leur période (depuis le lendemain de l’occurrence précédente, ou le début du plan)",
        "{count} occurrences of action `{id}` do not take place ({days}): they are days off in the plan's calendar, and no working day is left before them in their period (from the day after the occurrence before, or the plan's start)"
    )
}

/// Each dependency cycle among the plan's actions (`ref.cycle`), once,
/// naming its actions in order from the smallest id: what the checker and
/// the schedule both say (actions in a cycle are not scheduled).
pub fn cycle_findings(plan: &Plan) -> Vec<Finding> {
    let mut out = Vec::new();
    let edges: BTreeMap<&ActionId, Vec<&ActionId>> = plan
        .actions
        .iter()
        .map(|action| {
            let known = action
                .depends_on
                .iter()
                .filter(|dependency| plan.action(dependency).is_some())
                .collect();
            (&action.id, known)
        })
        .collect();
    for cycle in find_cycles(&edges) {
        let names: Vec<String> = cycle.iter().map(|id| format!("`{id}`")).collect();
        let first = names.first().cloned().unwrap_or_default();
        out.push(Finding::new(
            Rule::Cycle,
            Severity::Error,
            ItemKind::Action,
            cycle[0].as_str(),
            tr!(
                "des actions dépendent les unes des autres en cycle : {} → {first}",
                "actions depend on each other in a cycle: {} → {first}",
                names.join(" → ")
            ),
            l(
                "supprimez l’un de ces liens `depends_on` : un cycle ne peut pas être planifié",
                "remove one of these `depends_on` links: a cycle cannot be scheduled",
            ),
        ));
    }
    out
}

/// Finds the elementary cycles reachable in a dependency graph, each rotated
/// to start at its smallest node and reported once. A depth-first search
/// with colours finds one cycle per back edge, which is what a user needs to
/// break them one at a time.
fn find_cycles<'a>(edges: &BTreeMap<&'a ActionId, Vec<&'a ActionId>>) -> Vec<Vec<&'a ActionId>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let mut colour: HashMap<&ActionId, Colour> =
        edges.keys().map(|id| (*id, Colour::White)).collect();
    let mut cycles: Vec<Vec<&ActionId>> = Vec::new();
    let mut seen: HashSet<Vec<&ActionId>> = HashSet::new();

    for &root in edges.keys() {
        if colour[root] != Colour::White {
            continue;
        }
        // An explicit stack of (node, index of the next edge to follow), so
        // that a long chain of dependencies cannot overflow the call stack.
        let mut path: Vec<(&ActionId, usize)> = vec![(root, 0)];
        colour.insert(root, Colour::Grey);
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            let targets = edges.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = targets.get(*next) {
                *next += 1;
                match colour.get(target).copied().unwrap_or(Colour::Black) {
                    Colour::White => {
                        colour.insert(target, Colour::Grey);
                        path.push((target, 0));
                    }
                    Colour::Grey => {
                        let start = path.iter().position(|(id, _)| *id == target).unwrap_or(0);
                        let mut cycle: Vec<&ActionId> =
                            path[start..].iter().map(|(id, _)| *id).collect();
                        let smallest = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, id)| **id)
                            .map_or(0, |(index, _)| index);
                        cycle.rotate_left(smallest);
                        if seen.insert(cycle.clone()) {
                            cycles.push(cycle);
                        }
                    }
                    Colour::Black => {}
                }
            } else {
                colour.insert(node, Colour::Black);
                path.pop();
            }
        }
    }
    cycles
}

/// The actions in an order where each comes after what it depends on
/// (Kahn's algorithm, ties in plan order); actions in or behind a cycle
/// are left out.
fn topological(depends: &[Vec<usize>], dependents: &[Vec<usize>]) -> Vec<usize> {
    let mut waiting: Vec<usize> = depends.iter().map(Vec::len).collect();
    let mut ready: BTreeSet<usize> = (0..depends.len()).filter(|&a| waiting[a] == 0).collect();
    let mut order = Vec::new();
    while let Some(a) = ready.pop_first() {
        order.push(a);
        for &b in &dependents[a] {
            waiting[b] -= 1;
            if waiting[b] == 0 {
                ready.insert(b);
            }
        }
    }
    order
}
