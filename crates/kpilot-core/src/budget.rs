//! The budget at a day: the envelope, what the actions are allocated, what
//! was planned to be spent by then, what was spent (cost observed, with or
//! without an action's id, and spend entered by hand), what remains, and
//! where spend at the current pace ends up at the plan's end; by channel,
//! tactic, action or month.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::calendar::WorkDays;
use crate::display;
use crate::kpi::{Lang, Localized, Unit};
use crate::plan::{Amount, Budget, Plan, RevenueBase};
use crate::schedule::{Notice, allocated, planned_costs};

/// What was spent, as the workspace knows it.
#[derive(Debug, Clone, Default)]
pub struct Spending {
    /// Cost observed each day per channel (`None`: without a channel), every
    /// action included: the plan's whole spend.
    pub observed: Vec<(Date, Option<String>, f64)>,
    /// The part of it recorded with an action's id.
    pub observed_by_action: Vec<(Date, String, f64)>,
    /// Spend entered by hand against an action (`kpilot spend`).
    pub entered: Vec<(Date, String, f64)>,
}

/// What the actions' budgets come to over the plan: a one-off's amount, a
/// recurring action's per occurrence, a continuous one's per month its
/// span touches ([`allocated`]).
pub fn actions_budget(plan: &Plan) -> Amount {
    let work = WorkDays::new(&plan.calendar);
    let total = plan
        .actions
        .iter()
        .map(|action| allocated(action, plan, &work))
        .sum();
    Amount::new(total).unwrap_or(Amount::ZERO)
}

/// The budget envelope: the fixed amount, the revenue share, or for
/// `bottom_up` the sum of the action budgets ([`actions_budget`]). A share
/// of the last 12 months' revenue needs that revenue (`None` without it).
pub fn envelope(plan: &Plan, last_12_months_revenue: Option<f64>) -> Option<Amount> {
    Some(match &plan.budget {
        Budget::Fixed { amount } => *amount,
        Budget::RevenueShare { rate, base } => {
            let base = match base {
                RevenueBase::Amount(amount) => amount.value(),
                RevenueBase::Last12Months => last_12_months_revenue?,
            };
            Amount::new(rate.value() * base).unwrap_or(Amount::ZERO)
        }
        Budget::BottomUp => actions_budget(plan),
    })
}

/// How the report is broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Channel,
    Tactic,
    Action,
    /// ISO weeks (`2026-W02`), Monday first.
    Week,
    Month,
}

/// One line of a breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The channel, tactic or action id, or the month (`2026-03`).
    pub key: String,
    /// Allocated to it over the plan (for a month: planned in it).
    pub budget: f64,
    pub planned: f64,
    pub spent: f64,
}

impl Line {
    pub fn remaining(&self) -> f64 {
        self.budget - self.spent
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub at: Date,
    /// `None` for a share of the last 12 months' revenue when none was
    /// observed.
    pub envelope: Option<f64>,
    pub allocated: f64,
    /// Planned to be spent by `at`.
    pub planned: f64,
    /// Spent from the plan's start to `at`.
    pub spent: f64,
    pub remaining: Option<f64>,
    /// Spend at the plan's end at the pace so far (what was spent per day
    /// since the start, over the plan's days); `None` before the start.
    pub forecast: Option<f64>,
    pub lines: Vec<Line>,
    pub findings: Vec<Notice>,
}

/// The budget report at `at`. `envelope` is the plan's ([`envelope`]). Spend outside the plan's days is left out.
pub fn report(
    plan: &Plan,
    at: Date,
    envelope: Option<f64>,
    spending: &Spending,
    by: Option<By>,
) -> Report {
    let work = WorkDays::new(&plan.calendar);
    let to = at.min(plan.end);
    let within = |day: &Date| *day >= plan.start && *day <= to;
    let channel_of =
        |action: &str| -> Option<String> { Some(plan.channel_of_action(action)?.to_string()) };
    let tactic_of = |action: &str| -> Option<String> {
        let action = plan.actions.iter().find(|a| a.id.as_str() == action)?;
        Some(action.tactic.to_string())
    };

    // Per action: allocated, planned to date, and the planned days.
    let mut planned_days: Vec<(String, Date, f64)> = Vec::new();
    let mut allocated_to: BTreeMap<String, f64> = BTreeMap::new();
    for action in &plan.actions {
        allocated_to.insert(action.id.to_string(), allocated(action, plan, &work));
        for cost in planned_costs(action, plan, &work) {
            planned_days.push((action.id.to_string(), cost.day, cost.amount));
        }
    }
    let allocated_total: f64 = allocated_to.values().sum();
    let planned: f64 = planned_days
        .iter()
        .filter(|(_, day, _)| *day <= at)
        .map(|(_, _, amount)| amount)
        .sum();
    let observed: Vec<&(Date, Option<String>, f64)> = spending
        .observed
        .iter()
        .filter(|(day, _, _)| within(day))
        .collect();
    let by_action: Vec<&(Date, String, f64)> = spending
        .observed_by_action
        .iter()
        .chain(&spending.entered)
        .filter(|(day, _, _)| within(day))
        .collect();
    let entered: Vec<&(Date, String, f64)> = spending
        .entered
        .iter()
        .filter(|(day, _, _)| within(day))
        .collect();
    let spent = observed.iter().map(|(_, _, a)| a).sum::<f64>()
        + entered.iter().map(|(_, _, a)| a).sum::<f64>();
    let forecast = if at < plan.start {
        None
    } else if at >= plan.end {
        Some(spent)
    } else {
        let elapsed = (to - plan.start).get_days() + 1;
        let days = (plan.end - plan.start).get_days() + 1;
        Some(spent / f64::from(elapsed) * f64::from(days))
    };

    // The lines of a breakdown.
    let lines_by = |by: By| -> BTreeMap<String, Line> {
        let mut lines = BTreeMap::new();
        let period = |day: Date| match by {
            By::Week => week_key(day),
            _ => month_key(day),
        };
        let group_of = |action: &str| -> Option<String> {
            match by {
                By::Channel => channel_of(action),
                By::Tactic => tactic_of(action),
                By::Action => Some(action.to_owned()),
                By::Week | By::Month => None,
            }
        };
        if matches!(by, By::Week | By::Month) {
            for (_, day, amount) in &planned_days {
                let entry = line(&mut lines, period(*day));
                entry.budget += amount;
                if *day <= at {
                    entry.planned += amount;
                }
            }
            for (day, _, amount) in observed.iter().copied() {
                line(&mut lines, period(*day)).spent += amount;
            }
            for (day, _, amount) in entered.iter().copied() {
                line(&mut lines, period(*day)).spent += amount;
            }
            return lines;
        }
        for action in &plan.actions {
            if let Some(key) = group_of(action.id.as_str()) {
                line(&mut lines, key).budget += allocated_to[action.id.as_str()];
            }
        }
        for (action, day, amount) in &planned_days {
            if *day <= at
                && let Some(key) = group_of(action)
            {
                line(&mut lines, key).planned += amount;
            }
        }
        if by == By::Channel {
            // The cost observed in each channel, whatever its action.
            for (_, channel, amount) in observed.iter().copied() {
                let key = channel.clone().unwrap_or_else(|| "—".to_owned());
                line(&mut lines, key).spent += amount;
            }
            for (_, action, amount) in entered.iter().copied() {
                if let Some(key) = group_of(action) {
                    line(&mut lines, key).spent += amount;
                }
            }
        } else {
            for (_, action, amount) in by_action.iter().copied() {
                if let Some(key) = group_of(action) {
                    line(&mut lines, key).spent += amount;
                }
            }
        }
        lines
    };
    // Per action and per channel for the findings; the breakdown asked.
    let actions = lines_by(By::Action);
    let channels = lines_by(By::Channel);
    let lines = match by {
        None => BTreeMap::new(),
        Some(By::Action) => actions.clone(),
        Some(By::Channel) => channels.clone(),
        Some(by) => lines_by(by),
    };

    // Findings.
    let mut findings = Vec::new();
    let money =
        |v: f64, lang: Lang| display::value(Some(v), Unit::Currency, plan.currency.as_str(), lang);
    if let Some(envelope) = envelope {
        if allocated_total > envelope + 0.005 {
            findings.push(Notice {
                rule: "budget.over_allocated",
                item: plan.id.to_string(),
                message: Localized::new(
                    format!(
                        "les actions se voient allouer {} pour une enveloppe de {}",
                        money(allocated_total, Lang::Fr),
                        money(envelope, Lang::Fr)
                    ),
                    format!(
                        "the actions are allocated {} for an envelope of {}",
                        money(allocated_total, Lang::En),
                        money(envelope, Lang::En)
                    ),
                ),
            });
        }
        if spent > envelope + 0.005 {
            findings.push(Notice {
                rule: "budget.overspend",
                item: plan.id.to_string(),
                message: Localized::new(
                    format!(
                        "dépenses de {} au-dessus de l’enveloppe du plan ({})",
                        money(spent, Lang::Fr),
                        money(envelope, Lang::Fr)
                    ),
                    format!(
                        "spend of {} above the plan's envelope ({})",
                        money(spent, Lang::En),
                        money(envelope, Lang::En)
                    ),
                ),
            });
        }
    }
    let over = |line: &Line| line.spent > line.budget + 0.005;
    for action in plan.actions.iter().filter(|action| action.budget.is_some()) {
        let Some(line) = actions.get(action.id.as_str()).filter(|line| over(line)) else {
            continue;
        };
        findings.push(Notice {
            rule: "budget.overspend",
            item: line.key.clone(),
            message: Localized::new(
                format!(
                    "« {} » a dépensé {} pour un budget de {}",
                    action.title,
                    money(line.spent, Lang::Fr),
                    money(line.budget, Lang::Fr)
                ),
                format!(
                    "“{}” spent {} against a budget of {}",
                    action.title,
                    money(line.spent, Lang::En),
                    money(line.budget, Lang::En)
                ),
            ),
        });
    }
    // A channel's budget is its actions': one without any has none.
    let budgeted = |channel: &str| {
        plan.actions.iter().any(|action| {
            action.budget.is_some() && channel_of(action.id.as_str()).as_deref() == Some(channel)
        })
    };
    for (channel, line) in &channels {
        if over(line) && budgeted(channel) {
            findings.push(Notice {
                rule: "budget.overspend",
                item: channel.clone(),
                message: Localized::new(
                    format!(
                        "le canal {channel} a dépensé {} pour un budget de {} (ses actions)",
                        money(line.spent, Lang::Fr),
                        money(line.budget, Lang::Fr)
                    ),
                    format!(
                        "channel {channel} spent {} against a budget of {} (its actions')",
                        money(line.spent, Lang::En),
                        money(line.budget, Lang::En)
                    ),
                ),
            });
        }
    }
    for (action, line) in &actions {
        if plan.actions.iter().all(|a| a.id.as_str() != action) {
            findings.push(Notice {
                rule: "budget.unknown_action",
                item: action.clone(),
                message: Localized::new(
                    format!(
                        "{} de dépenses enregistrées pour l’action `{action}`, que le plan ne contient pas",
                        money(line.spent, Lang::Fr)
                    ),
                    format!(
                        "{} of spend recorded against action `{action}`, which the plan does not have",
                        money(line.spent, Lang::En)
                    ),
                ),
            });
        }
    }

    Report {
        at,
        envelope,
        allocated: allocated_total,
        planned,
        spent,
        remaining: envelope.map(|envelope| envelope - spent),
        forecast,
        lines: lines.into_values().collect(),
        findings,
    }
}

/// The breakdown's line for `key`, added when new.
fn line(lines: &mut BTreeMap<String, Line>, key: String) -> &mut Line {
    lines.entry(key.clone()).or_insert(Line {
        key,
        budget: 0.0,
        planned: 0.0,
        spent: 0.0,
    })
}

fn week_key(day: Date) -> String {
    let week = day.iso_week_date();
    format!("{:04}-W{:02}", week.year(), week.week())
}

fn month_key(day: Date) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan_file;

    fn plan(budget: &str, actions: &str) -> Plan {
        let text = format!(
            "[plan]\nid = \"p\"\nname = \"P\"\nstart = 2026-01-01\nend = 2026-06-30\ncurrency = \"EUR\"\n{budget}\n{actions}"
        );
        plan_file::parse(&text).unwrap().plan
    }

    const ACTIONS: &str = "[[actions]]\nid = \"a\"\ntactic = \"t\"\ntitle = \"A\"\nkind = \"one_off\"\nbudget = 1500.5\n[[actions]]\nid = \"b\"\ntactic = \"t\"\ntitle = \"B\"\nkind = \"one_off\"\nbudget = 499.5\n[[actions]]\nid = \"c\"\ntactic = \"t\"\ntitle = \"C\"\nkind = \"one_off\"\n";

    #[test]
    fn budget_envelope_by_method() {
        let fixed = plan("[budget]\nmethod = \"fixed\"\namount = 120000", ACTIONS);
        assert_eq!(envelope(&fixed, None).unwrap().value(), 120000.0);
        let share = plan(
            "[budget]\nmethod = \"revenue_share\"\nrate = 0.05\nrevenue_base = 500000",
            ACTIONS,
        );
        assert_eq!(envelope(&share, None).unwrap().value(), 25000.0);
        let bottom_up = plan("[budget]\nmethod = \"bottom_up\"", ACTIONS);
        assert_eq!(envelope(&bottom_up, None).unwrap().value(), 2000.0);
        assert_eq!(actions_budget(&bottom_up).value(), 2000.0);
    }
}
