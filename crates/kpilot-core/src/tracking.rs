//! Objective tracking: each objective's value at a day against its target,
//! its progress, the progress expected by then, and a status; goals and the
//! plan roll their objectives up.
//!
//! Progress is `(value − baseline) / (target − baseline)`: it holds for
//! "lower is better" KPIs too, since both differences change sign (a cost
//! per acquisition brought from 30 € towards 20 € is at 50 % when it is
//! 25 €). Expected progress is linear from the plan's start (0) to the
//! deadline (1), or piecewise linear through the objective's milestones.

use jiff::civil::Date;
use serde::Serialize;

use crate::engine::Span;
use crate::kpi::{Direction, KpiDef, Lang};
use crate::plan::{Objective, Plan, Window};

/// Where an objective stands (the strings are a contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    // In order from best to worst, for roll-ups.
    Achieved,
    OnTrack,
    NoData,
    AtRisk,
    OffTrack,
    Missed,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Missed,
        Status::NoData,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::Missed => "missed",
            Status::NoData => "no_data",
        }
    }

    /// The status in words.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Achieved, Lang::Fr) => "atteint",
            (Status::OnTrack, Lang::Fr) => "en bonne voie",
            (Status::AtRisk, Lang::Fr) => "à risque",
            (Status::OffTrack, Lang::Fr) => "en retard",
            (Status::Missed, Lang::Fr) => "manqué",
            (Status::NoData, Lang::Fr) => "sans données",
            (Status::Achieved, Lang::En) => "achieved",
            (Status::OnTrack, Lang::En) => "on track",
            (Status::AtRisk, Lang::En) => "at risk",
            (Status::OffTrack, Lang::En) => "off track",
            (Status::Missed, Lang::En) => "missed",
            (Status::NoData, Lang::En) => "no data",
        }
    }
}

/// When progress behind what is expected becomes "at risk" rather than
/// "off track".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// At risk from this share of the expected progress (0.75: 75 %).
    pub at_risk: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds { at_risk: 0.75 }
    }
}

/// The days an objective's value is computed on at `at`: since the plan
/// start, or the trailing days; `None` before the plan starts.
pub fn window_at(plan: &Plan, objective: &Objective, kpi: &KpiDef, at: Date) -> Option<Span> {
    if at < plan.start {
        return None;
    }
    let from = match objective.window_for(kpi) {
        Window::Cumulative => plan.start,
        Window::Trailing { days } => at
            .checked_sub(jiff::Span::new().days(i64::from(days.max(1)) - 1))
            .ok()?,
    };
    Some(Span { from, to: at })
}

/// Progress from baseline to target; `None` without a value, or when the
/// target is the baseline. A missing baseline counts as 0.
pub fn progress(value: Option<f64>, baseline: Option<f64>, target: f64) -> Option<f64> {
    let value = value?;
    let baseline = baseline.unwrap_or(0.0);
    let span = target - baseline;
    (span != 0.0)
        .then(|| (value - baseline) / span)
        .filter(|p| p.is_finite())
}

/// The progress expected at `at`: 0 at the plan start, 1 at the deadline,
/// linear in between or piecewise linear through the milestones.
pub fn expected_progress(
    plan_start: Date,
    deadline: Date,
    baseline: Option<f64>,
    target: f64,
    milestones: &[(Date, f64)],
    at: Date,
) -> f64 {
    let mut points = vec![(plan_start, 0.0)];
    let mut sorted: Vec<(Date, f64)> = milestones
        .iter()
        .filter(|(date, _)| *date > plan_start && *date < deadline)
        .map(|(date, milestone)| {
            let share = progress(Some(*milestone), baseline, target).unwrap_or(0.0);
            (*date, share)
        })
        .collect();
    sorted.sort_by_key(|(date, _)| *date);
    points.extend(sorted);
    points.push((deadline.max(plan_start), 1.0));
    if at <= plan_start {
        return 0.0;
    }
    if at >= deadline {
        return 1.0;
    }
    for pair in points.windows(2) {
        let ((d0, p0), (d1, p1)) = (pair[0], pair[1]);
        if at <= d1 {
            let length = f64::from((d1 - d0).get_days().max(1));
            let elapsed = f64::from((at - d0).get_days());
            return p0 + (p1 - p0) * elapsed / length;
        }
    }
    1.0
}

/// Whether `value` meets `target` for a KPI going `direction`.
pub fn meets(value: f64, target: f64, direction: Direction) -> bool {
    match direction {
        Direction::Up => value >= target,
        Direction::Down => value <= target,
    }
}

/// What an objective aims at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aim {
    pub target: f64,
    pub direction: Direction,
    pub deadline: Date,
}

/// Where an objective is at a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub value: Option<f64>,
    pub progress: Option<f64>,
    pub expected: f64,
}

/// An objective's status at `at`.
pub fn status(reading: Reading, aim: Aim, at: Date, thresholds: Thresholds) -> Status {
    let Reading {
        value,
        progress,
        expected,
    } = reading;
    let Some(value) = value else {
        return Status::NoData;
    };
    let met = meets(value, aim.target, aim.direction);
    // On its deadline day an objective not reached is missed: that day's
    // value is the last one it had to meet the target with.
    if at >= aim.deadline {
        return if met {
            Status::Achieved
        } else {
            Status::Missed
        };
    }
    if met {
        return Status::Achieved;
    }
    match progress {
        Some(progress) if progress >= expected => Status::OnTrack,
        Some(progress) if progress >= thresholds.at_risk * expected => Status::AtRisk,
        Some(_) => Status::OffTrack,
        // The target is the baseline and is not met.
        None => Status::OffTrack,
    }
}

/// An objective judged at a day: its value, the value and progress
/// expected by then, its progress and its status.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub at: Date,
    pub value: Option<f64>,
    /// The value expected at that day on the way from baseline to target
    /// (`None` without a target).
    pub expected: Option<f64>,
    pub progress: Option<f64>,
    pub expected_progress: f64,
    pub status: Status,
}

/// Judges `objective` at `at` from its KPI's `value` there (computed over
/// [`window_at`]): what `kpilot status` shows and the review's history.
pub fn judge(
    plan: &Plan,
    objective: &Objective,
    kpi: &KpiDef,
    value: Option<f64>,
    at: Date,
) -> Judgement {
    let Some(target) = objective.target else {
        return Judgement {
            at,
            value,
            expected: None,
            progress: None,
            expected_progress: 0.0,
            status: Status::NoData,
        };
    };
    let deadline = objective.deadline.unwrap_or(plan.end);
    let milestones: Vec<(Date, f64)> = objective
        .milestones
        .iter()
        .map(|m| (m.date, m.target))
        .collect();
    let progress = progress(value, objective.baseline, target);
    let expected_progress = expected_progress(
        plan.start,
        deadline,
        objective.baseline,
        target,
        &milestones,
        at,
    );
    let status = status(
        Reading {
            value,
            progress,
            expected: expected_progress,
        },
        Aim {
            target,
            direction: kpi.direction,
            deadline,
        },
        at,
        Thresholds {
            at_risk: plan.tracking.at_risk,
        },
    );
    let baseline = objective.baseline.unwrap_or(0.0);
    Judgement {
        at,
        value,
        expected: Some(baseline + (target - baseline) * expected_progress),
        progress,
        expected_progress,
        status,
    }
}

/// The roll-up of several statuses: a count of each, and the worst.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RollUp {
    pub achieved: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub missed: usize,
    pub no_data: usize,
    pub worst: Option<Status>,
}

impl RollUp {
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> RollUp {
        let mut roll = RollUp::default();
        for status in statuses {
            *match status {
                Status::Achieved => &mut roll.achieved,
                Status::OnTrack => &mut roll.on_track,
                Status::AtRisk => &mut roll.at_risk,
                Status::OffTrack => &mut roll.off_track,
                Status::Missed => &mut roll.missed,
                Status::NoData => &mut roll.no_data,
            } += 1;
            roll.worst = Some(roll.worst.map_or(status, |worst| worst.max(status)));
        }
        roll
    }
}

/// A forecast of an objective's value at its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Forecast {
    pub value: f64,
    /// The 80 % interval: 10 % and 90 % of the simulated outcomes.
    pub low: f64,
    pub high: f64,
    /// The share of simulated outcomes that reach the target.
    pub probability: f64,
}

/// Why there is no forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoForecast {
    /// Fewer than [`crate::forecast::MIN_DAYS`] days of data.
    TooLittleData,
    /// The deadline has passed: the value is known.
    DeadlinePassed,
    /// A weighted mean or a latest value is not forecast.
    NotForecastable,
    NoTarget,
}

/// Sample paths simulated per component.
const PATHS: usize = 500;

/// What a forecast needs to know of an objective.
#[derive(Debug, Clone)]
pub struct ForecastInput<'a> {
    pub kpi: &'a KpiDef,
    /// Each component's daily totals, from `history_start` to `at`.
    pub history: &'a [(String, Vec<f64>)],
    pub history_start: Date,
    pub at: Date,
    /// The objective's window on its deadline.
    pub final_window: Span,
    pub aim: Aim,
    /// Makes the simulation repeatable: the same question, the same answer.
    pub seed: u64,
}

/// The objective's value at its deadline: each component's daily series
/// forecast with Holt-Winters, simulated, and the KPI evaluated on each
/// simulated future (the days of the final window already past are
/// counted as they are).
pub fn forecast(input: &ForecastInput<'_>) -> Result<Forecast, NoForecast> {
    use crate::kpi::{Aggregation, Definition};
    let ForecastInput {
        kpi,
        history,
        history_start,
        at,
        final_window,
        aim,
        seed,
    } = input;
    if let Definition::Measure(Aggregation::WeightedMean { .. } | Aggregation::Last) =
        kpi.definition
    {
        return Err(NoForecast::NotForecastable);
    }
    if aim.deadline <= *at {
        return Err(NoForecast::DeadlinePassed);
    }
    let horizon = usize::try_from((aim.deadline - *at).get_days()).unwrap_or(0);
    let index = |day: Date| i64::from((day - *history_start).get_days());
    // Days of the final window already past, as indices in the history.
    let past_from = index(final_window.from).max(0);
    let past_to = index(*at);
    // Future days of the final window, as offsets 0.. after `at`.
    let future_from = usize::try_from(index(final_window.from) - past_to - 1).unwrap_or(0);
    let mut simulated = Vec::new();
    let mut points = Vec::new();
    for (position, (measure, daily)) in history.iter().enumerate() {
        let model = crate::forecast::fit(daily).ok_or(NoForecast::TooLittleData)?;
        let never_negative = daily.iter().all(|value| *value >= 0.0);
        let floor = |value: f64| {
            if never_negative {
                value.max(0.0)
            } else {
                value
            }
        };
        let past: f64 = (past_from..=past_to)
            .filter_map(|i| daily.get(usize::try_from(i).ok()?))
            .sum();
        let future_sum =
            |path: &[f64]| -> f64 { path.iter().skip(future_from).map(|v| floor(*v)).sum() };
        points.push((measure.clone(), past + future_sum(&model.forecast(horizon))));
        let paths = model.simulate(horizon, PATHS, seed.wrapping_add(position as u64));
        simulated.push((
            measure.clone(),
            paths
                .iter()
                .map(|path| past + future_sum(path))
                .collect::<Vec<f64>>(),
        ));
    }
    let days = final_window.days() as f64;
    let evaluate = |sums: &dyn Fn(&str) -> Option<f64>| match &kpi.definition {
        Definition::Formula(formula) => formula.evaluate(sums, days),
        _ => sums(&kpi.id),
    };
    let value =
        evaluate(&|measure: &str| points.iter().find(|(m, _)| m == measure).map(|(_, v)| *v))
            .ok_or(NoForecast::NotForecastable)?;
    let mut outcomes: Vec<f64> = (0..PATHS)
        .filter_map(|path| {
            evaluate(&|measure: &str| {
                simulated
                    .iter()
                    .find(|(m, _)| m == measure)
                    .map(|(_, values)| values[path])
            })
        })
        .filter(|v| v.is_finite())
        .collect();
    if outcomes.is_empty() {
        return Err(NoForecast::NotForecastable);
    }
    let reaching = outcomes
        .iter()
        .filter(|v| meets(**v, aim.target, aim.direction))
        .count();
    let probability = reaching as f64 / outcomes.len() as f64;
    let low = crate::forecast::quantile(&mut outcomes, 0.1).unwrap_or(value);
    let high = crate::forecast::quantile(&mut outcomes, 0.9).unwrap_or(value);
    Ok(Forecast {
        value,
        low,
        high,
        probability,
    })
}

/// [`forecast`] for each input, on every core: the dashboard asks for all
/// of a plan's objectives at once, and each forecast fits its models alone.
/// The results come in the order of the inputs.
pub fn forecasts(inputs: &[ForecastInput<'_>]) -> Vec<Result<Forecast, NoForecast>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(inputs.len());
    if threads <= 1 {
        return inputs.iter().map(forecast).collect();
    }
    // Each thread takes the next input left: forecasts differ in cost (a
    // ratio fits two series, a weighted mean none).
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Forecast, NoForecast>>> = vec![None; inputs.len()];
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(index) else {
                            return done;
                        };
                        done.push((index, forecast(input)));
                    }
                })
            })
            .collect();
        for worker in workers {
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, result) in done {
                results[index] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every input is taken by a thread"))
        .collect()
}

/// Whether a forecast's whole interval misses the target.
pub fn forecast_misses(forecast: &Forecast, aim: Aim) -> bool {
    match aim.direction {
        Direction::Up => forecast.high < aim.target,
        Direction::Down => forecast.low > aim.target,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn progress_holds_for_lower_is_better() {
        // A cost per acquisition from 30 € to 20 €: at 25 € it is half way.
        assert_eq!(progress(Some(25.0), Some(30.0), 20.0), Some(0.5));
        // Worse than the baseline: negative progress.
        assert_eq!(progress(Some(33.0), Some(30.0), 20.0), Some(-0.3));
        assert_eq!(progress(Some(1.0), Some(2.0), 2.0), None);
        assert_eq!(progress(None, Some(2.0), 3.0), None);
    }

    #[test]
    fn expected_progress_is_linear_or_through_milestones() {
        let start = date(2026, 1, 1);
        let deadline = date(2026, 1, 31);
        assert_eq!(
            expected_progress(start, deadline, Some(0.0), 100.0, &[], date(2026, 1, 16)),
            0.5
        );
        // Half the target by the 11th: a faster start.
        let milestones = [(date(2026, 1, 11), 50.0)];
        assert_eq!(
            expected_progress(
                start,
                deadline,
                Some(0.0),
                100.0,
                &milestones,
                date(2026, 1, 11)
            ),
            0.5
        );
        assert_eq!(
            expected_progress(
                start,
                deadline,
                Some(0.0),
                100.0,
                &milestones,
                date(2026, 1, 21)
            ),
            0.75
        );
        assert_eq!(
            expected_progress(start, deadline, None, 1.0, &[], date(2025, 12, 1)),
            0.0
        );
        assert_eq!(
            expected_progress(start, deadline, None, 1.0, &[], date(2026, 3, 1)),
            1.0
        );
    }

    #[test]
    fn every_status() {
        let deadline = date(2026, 6, 30);
        let at = date(2026, 3, 31);
        let t = Thresholds::default();
        let up = Direction::Up;
        let aim = Aim {
            target: 100.0,
            direction: up,
            deadline,
        };
        let s = |value, expected, at| {
            let progress = progress(value, Some(0.0), 100.0);
            status(
                Reading {
                    value,
                    progress,
                    expected,
                },
                aim,
                at,
                t,
            )
        };
        assert_eq!(s(None, 0.5, at), Status::NoData);
        assert_eq!(s(Some(100.0), 0.5, at), Status::Achieved);
        assert_eq!(s(Some(50.0), 0.5, at), Status::OnTrack);
        assert_eq!(s(Some(40.0), 0.5, at), Status::AtRisk);
        assert_eq!(s(Some(30.0), 0.5, at), Status::OffTrack);
        assert_eq!(s(Some(99.0), 1.0, date(2026, 7, 1)), Status::Missed);
        // Missed on the deadline day itself, not the next.
        assert_eq!(s(Some(99.0), 1.0, deadline), Status::Missed);
        assert_eq!(s(Some(100.0), 1.0, deadline), Status::Achieved);
        assert_eq!(s(Some(101.0), 1.0, date(2026, 7, 1)), Status::Achieved);
        // Lower is better: a CPA from 30 € to 20 €.
        let down = |value: f64, expected| {
            let reading = Reading {
                value: Some(value),
                progress: progress(Some(value), Some(30.0), 20.0),
                expected,
            };
            let aim = Aim {
                target: 20.0,
                direction: Direction::Down,
                deadline,
            };
            status(reading, aim, at, t)
        };
        assert_eq!(down(19.5, 0.5), Status::Achieved);
        assert_eq!(down(25.0, 0.5), Status::OnTrack);
        assert_eq!(down(26.0, 0.5), Status::AtRisk);
        assert_eq!(down(29.0, 0.5), Status::OffTrack);
        assert_eq!(down(31.0, 0.5), Status::OffTrack);
    }

    #[test]
    fn roll_ups_count_and_keep_the_worst() {
        let roll = RollUp::of([Status::OnTrack, Status::AtRisk, Status::Achieved]);
        assert_eq!(roll.at_risk, 1);
        assert_eq!(roll.worst, Some(Status::AtRisk));
        assert_eq!(RollUp::of([]).worst, None);
        assert_eq!(
            RollUp::of([Status::NoData, Status::OnTrack]).worst,
            Some(Status::NoData)
        );
    }
}
