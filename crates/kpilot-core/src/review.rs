//! The operation review (bilan, seed 004): each objective against its
//! initial target with how it was judged week by week, the levers
//! (channels) compared on spend and results, and the checks a reader needs.
//!
//! Values in, values out: the caller reads the store and hands each
//! objective's [`Cube`] and each lever's sums; the figures are the engine's
//! ([`Cube::value`], [`crate::tracking::judge`]), so the review shows what
//! `kpilot kpi` and `kpilot status` show for the same days.

use std::collections::BTreeSet;

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use crate::engine::{Components, Cube, Span};
use crate::kpi::{Direction, KpiDef, Unit};
use crate::plan::{Objective, Plan, Window};
use crate::tracking::{Judgement, Status, judge, meets, window_at};

/// A lever's share of spend is "well above" its share of results from this
/// many points (0.10: ten points) on.
pub const OVERWEIGHT_POINTS: f64 = 0.10;

/// One objective in the review.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveReview {
    pub id: String,
    pub title: String,
    pub goal: Option<String>,
    pub kpi: String,
    pub unit: Unit,
    pub direction: Direction,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub deadline: Date,
    /// The days the value is computed on at the review's last day.
    pub window: Option<Span>,
    /// The final value (deadline passed) or the current one.
    pub value: Option<f64>,
    pub components: Components,
    /// `value − target`: what is left to go (negative for a "higher is
    /// better" KPI still under its target, positive for a cost above it).
    pub gap: Option<f64>,
    pub progress: Option<f64>,
    pub expected_progress: f64,
    /// The status at the review's last day (`achieved` or `missed` once
    /// the deadline has passed).
    pub status: Status,
    /// Whether the deadline has passed by the review's last day: the value
    /// is final.
    pub closed: bool,
    /// For a trailing window without data at the review's last day (the
    /// data stopped before it): the last day whose window had some, on
    /// which `value`, `components`, `progress` and `status` were judged
    /// instead of saying "no data".
    pub as_of: Option<Date>,
    /// How it was judged at the end of each week, and at the last day.
    pub history: Vec<Judgement>,
}

/// The days an objective is judged on in the review: each Sunday from
/// `from` to `to` (ISO weeks end on Sunday), and `to`.
pub fn judgement_days(from: Date, to: Date) -> Vec<Date> {
    let mut days = Vec::new();
    let mut day = from;
    while day < to {
        if day.weekday() == Weekday::Sunday {
            days.push(day);
        }
        day = match day.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    days.push(to);
    days
}

/// The first day a cube must hold to judge `objective` on every day of
/// `days`: the start of its window on the first of them.
pub fn cube_start(plan: &Plan, objective: &Objective, kpi: &KpiDef, days: &[Date]) -> Date {
    days.iter()
        .filter_map(|day| window_at(plan, objective, kpi, *day))
        .map(|window| window.from)
        .min()
        .unwrap_or(plan.start)
}

/// One objective's review from its cube, which holds its KPI (with the
/// objective's channel and segment) on every day from
/// [`cube_start`] to `to`.
pub fn objective(
    plan: &Plan,
    objective: &Objective,
    kpi: &KpiDef,
    cube: &Cube,
    from: Date,
    to: Date,
) -> ObjectiveReview {
    let deadline = objective.deadline.unwrap_or(plan.end);
    let judge = |at: Date| -> (Option<Span>, Components, Judgement) {
        let window = window_at(plan, objective, kpi, at);
        let (value, components) = match window {
            Some(window) => {
                let computed = cube.value(window, None);
                (computed.value, computed.components)
            }
            None => (None, Components::new()),
        };
        (window, components, judge(plan, objective, kpi, value, at))
    };
    let history: Vec<Judgement> = judgement_days(from.max(plan.start), to)
        .into_iter()
        .map(|day| judge(day).2)
        .collect();
    let (mut window, mut components, mut last) = judge(to);
    let mut as_of = None;
    if last.value.is_none()
        && matches!(objective.window_for(kpi), Window::Trailing { .. })
        && let Some((_, data_end)) = cube.data_days(None)
        && data_end < to
        && data_end >= from.max(plan.start)
    {
        let (earlier, earlier_components, judged) = judge(data_end);
        if judged.value.is_some() {
            (window, components, last) = (earlier, earlier_components, judged);
            as_of = Some(data_end);
        }
    }
    let value = last.value;
    ObjectiveReview {
        id: objective.id.to_string(),
        title: objective.title.clone(),
        goal: objective.goal.as_ref().map(ToString::to_string),
        kpi: kpi.id.clone(),
        unit: kpi.unit,
        direction: kpi.direction,
        channel: objective.channel.as_ref().map(ToString::to_string),
        segment: objective.segment.as_ref().map(ToString::to_string),
        baseline: objective.baseline,
        target: objective.target,
        deadline,
        window,
        value,
        components,
        gap: value
            .zip(objective.target)
            .map(|(value, target)| value - target),
        progress: last.progress,
        expected_progress: last.expected_progress,
        status: last.status,
        closed: to >= deadline,
        as_of,
        history,
    }
}

/// Whether an objective's value meets its target.
pub fn achieved(review: &ObjectiveReview) -> Option<bool> {
    let (value, target) = review.value.zip(review.target)?;
    Some(meets(value, target, review.direction))
}

/// What a lever (channel) spent and brought over the review's days.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverSums {
    pub channel: String,
    pub name: String,
    /// Cost observed in the channel and spend entered against its actions.
    pub spend: f64,
    pub conversions: Option<f64>,
    pub transactions: Option<f64>,
    pub revenue: Option<f64>,
    /// The KPIs the plan tracks for the channel (its objectives' and its
    /// tactics' metrics), over the review's days: (KPI id, unit, value).
    pub kpis: Vec<(String, Unit, Option<f64>)>,
}

/// A lever in the review, with its shares and efficiency.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub sums: LeverSums,
    /// Its share of all levers' spend (`None` when nothing was spent).
    pub spend_share: Option<f64>,
    /// Its share of all levers' results (see [`Results`]).
    pub results_share: Option<f64>,
    /// Cost per acquisition: spend / conversions (transactions without
    /// conversions).
    pub cpa: Option<f64>,
    /// (revenue − spend) / spend.
    pub roi: Option<f64>,
    /// revenue / spend.
    pub roas: Option<f64>,
    /// 1 for the most efficient lever; `None` when it cannot be ranked
    /// (no spend, or no results).
    pub rank: Option<usize>,
    /// Its share of spend is well above its share of results.
    pub overweight: bool,
}

/// What the levers' results are measured in: revenue when any lever brought
/// some (ranked by ROAS), otherwise conversions (ranked by cost per
/// acquisition, lowest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Results {
    Revenue,
    Conversions,
}

/// The lever's acquisitions: its conversions, or its transactions for a
/// shop that counts no conversions.
fn acquisitions(sums: &LeverSums) -> Option<f64> {
    sums.conversions.or(sums.transactions)
}

fn ratio(numerator: Option<f64>, denominator: f64) -> Option<f64> {
    let numerator = numerator?;
    (denominator != 0.0)
        .then(|| numerator / denominator)
        .filter(|v| v.is_finite())
}

/// The levers compared: shares, cost per acquisition, ROI, ROAS, ranking
/// from most to least efficient, and those whose share of spend is well
/// above their share of results.
pub fn levers(sums: Vec<LeverSums>) -> (Results, Vec<Lever>) {
    let total_spend: f64 = sums.iter().map(|lever| lever.spend).sum();
    let total_revenue: f64 = sums.iter().filter_map(|lever| lever.revenue).sum();
    let results = if total_revenue > 0.0 {
        Results::Revenue
    } else {
        Results::Conversions
    };
    let result_of = |lever: &LeverSums| match results {
        Results::Revenue => lever.revenue,
        Results::Conversions => acquisitions(lever),
    };
    let total_results: f64 = sums.iter().filter_map(result_of).sum();
    let mut levers: Vec<Lever> = sums
        .into_iter()
        .map(|sums| {
            let spend_share = ratio(Some(sums.spend), total_spend);
            let results_share = ratio(result_of(&sums).or(Some(0.0)), total_results);
            let overweight = match (spend_share, results_share) {
                (Some(spend), Some(results)) => spend - results >= OVERWEIGHT_POINTS,
                _ => false,
            };
            Lever {
                spend_share,
                results_share,
                cpa: ratio(Some(sums.spend), acquisitions(&sums).unwrap_or(0.0)),
                roi: ratio(sums.revenue.map(|revenue| revenue - sums.spend), sums.spend),
                roas: ratio(sums.revenue, sums.spend),
                rank: None,
                overweight,
                sums,
            }
        })
        .collect();
    // Most efficient first: the highest ROAS, or the lowest cost per
    // acquisition.
    let efficiency = |lever: &Lever| match results {
        Results::Revenue => lever.roas.filter(|_| lever.sums.spend > 0.0),
        Results::Conversions => lever.cpa.map(|cpa| -cpa),
    };
    let mut ranked: Vec<(usize, f64)> = levers
        .iter()
        .enumerate()
        .filter_map(|(index, lever)| Some((index, efficiency(lever)?)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for (rank, (index, _)) in ranked.into_iter().enumerate() {
        levers[index].rank = Some(rank + 1);
    }
    (results, levers)
}

/// A run of days without data inside the review's days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// What has no data: a measure, a channel.
    pub measure: String,
    pub from: Date,
    pub to: Date,
    pub days: i64,
}

/// The runs of days from `from` to `to` missing from `days` (the days
/// with data of `measure`, or of a channel).
pub fn gaps(measure: &str, days: &BTreeSet<Date>, from: Date, to: Date) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut start: Option<Date> = None;
    let mut day = from;
    loop {
        let missing = !days.contains(&day);
        match (missing, start) {
            (true, None) => start = Some(day),
            (false, Some(first)) => {
                gaps.push(gap(measure, first, day.yesterday().unwrap_or(day)));
                start = None;
            }
            _ => {}
        }
        if day >= to {
            break;
        }
        day = match day.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    if let Some(first) = start {
        gaps.push(gap(measure, first, to));
    }
    gaps
}

fn gap(measure: &str, from: Date, to: Date) -> Gap {
    Gap {
        measure: measure.to_owned(),
        from,
        to,
        days: (to - from).get_days() as i64 + 1,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn sums(channel: &str, spend: f64, conversions: f64, revenue: Option<f64>) -> LeverSums {
        LeverSums {
            channel: channel.to_owned(),
            name: channel.to_owned(),
            spend,
            conversions: Some(conversions),
            transactions: None,
            revenue,
            kpis: Vec::new(),
        }
    }

    #[test]
    fn levers_rank_by_roas_and_point_out_overweight_spend() {
        let (results, levers) = levers(vec![
            sums("search", 6000.0, 100.0, Some(12000.0)),
            sums("social", 3000.0, 20.0, Some(3000.0)),
            sums("email", 1000.0, 80.0, Some(15000.0)),
        ]);
        assert_eq!(results, Results::Revenue);
        let ranks: Vec<_> = levers
            .iter()
            .map(|l| (l.sums.channel.as_str(), l.rank))
            .collect();
        assert_eq!(
            ranks,
            [("search", Some(2)), ("social", Some(3)), ("email", Some(1))]
        );
        // search: 60 % of spend, 40 % of revenue; social: 30 % for 10 %.
        let overweight: Vec<_> = levers.iter().map(|l| l.overweight).collect();
        assert_eq!(overweight, [true, true, false]);
        assert_eq!(levers[0].cpa, Some(60.0));
        assert_eq!(levers[1].roi, Some(0.0));
        assert_eq!(levers[2].roas, Some(15.0));
        assert_eq!(levers[0].spend_share, Some(0.6));
        assert_eq!(levers[0].results_share, Some(0.4));
    }

    #[test]
    fn levers_without_revenue_rank_by_lowest_cost_per_acquisition() {
        let (results, levers) = levers(vec![
            sums("search", 500.0, 10.0, None),
            sums("social", 0.0, 5.0, None),
            sums("display", 300.0, 0.0, None),
            sums("email", 100.0, 10.0, None),
        ]);
        assert_eq!(results, Results::Conversions);
        let ranks: Vec<_> = levers.iter().map(|l| l.rank).collect();
        // social cost nothing per conversion; display converted nothing: no
        // cost per acquisition (a zero denominator), so no rank.
        assert_eq!(ranks, [Some(3), Some(1), None, Some(2)]);
        assert_eq!(levers[2].cpa, None);
        assert_eq!(levers[2].results_share, Some(0.0));
        assert!(levers[2].overweight, "a third of the spend for nothing");
    }

    #[test]
    fn gaps_are_runs_of_missing_days() {
        let days: BTreeSet<Date> = [date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 8)]
            .into_iter()
            .collect();
        let found = gaps("sessions", &days, date(2026, 3, 1), date(2026, 3, 10));
        let runs: Vec<_> = found.iter().map(|g| (g.from, g.to, g.days)).collect();
        assert_eq!(
            runs,
            [
                (date(2026, 3, 1), date(2026, 3, 2), 2),
                (date(2026, 3, 5), date(2026, 3, 7), 3),
                (date(2026, 3, 9), date(2026, 3, 10), 2),
            ]
        );
    }

    #[test]
    fn objectives_are_judged_every_sunday_and_on_the_last_day() {
        let days = judgement_days(date(2026, 1, 1), date(2026, 1, 20));
        assert_eq!(
            days,
            [
                date(2026, 1, 4),
                date(2026, 1, 11),
                date(2026, 1, 18),
                date(2026, 1, 20)
            ]
        );
        assert_eq!(
            judgement_days(date(2026, 1, 4), date(2026, 1, 4)),
            [date(2026, 1, 4)]
        );
    }
}
