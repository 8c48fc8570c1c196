//! An experiment of the plan judged on its results: each variant's totals
//! over the test's days, and each treatment against the control — the
//! fixed-horizon test, the sequential test (the default decision rule), the
//! Bayesian chance to win, the sample ratio check, the sample size the
//! minimum detectable effect needs, and a verdict. The statistics are
//! [`crate::abtest`]'s; this module decides what goes into them.
//!
//! A KPI is computed from its sums, never as a mean of daily rates: a
//! variant's conversion rate is Σconversions / Σvisitors over the window.

use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::abtest::{self, Interval, Metric, Sample, Verdict};
use crate::kpi::Direction;
use crate::plan::{Experiment, PerVisitor, Plan, TestMethod};

/// The level of every test: 95 % intervals, 5 % two-sided.
pub const ALPHA: f64 = 0.05;
/// The power the sample size is planned for.
pub const POWER: f64 = 0.8;

/// One day's results of one variant: what a results file's row holds,
/// what the store keeps, what [`judge`] sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExperimentRow {
    pub day: Date,
    pub variant: String,
    pub visitors: u64,
    /// Visitors who converted: never more than `visitors`.
    pub conversions: u64,
    /// The revenue of the day's visitors, exact, for a KPI that is an
    /// amount per visitor.
    pub revenue: Option<Decimal>,
    /// The sum over the day's visitors of their revenue squared, for the
    /// variance of that amount; only with `revenue`.
    pub revenue_squares: Option<Decimal>,
}

/// Why an experiment cannot be judged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JudgeError {
    #[error(
        "experiment `{0}` is judged on `{1}`, which is neither a rate nor an amount per visitor"
    )]
    NotTestable(String, String),
    #[error("experiment `{0}` has no single control variant")]
    NoControl(String),
    #[error(
        "experiment `{experiment}`: results name variant `{variant}`, which the plan does not list"
    )]
    UnknownVariant { experiment: String, variant: String },
    #[error(
        "experiment `{experiment}` is judged per visitor on an amount: variant `{variant}` has a day without `revenue` or `revenue_squares`, which its variance needs"
    )]
    MissingRevenue { experiment: String, variant: String },
}

/// A variant's totals over the window.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantTotals {
    pub id: String,
    pub name: Option<String>,
    pub control: bool,
    /// The planned share of visitors.
    pub split: f64,
    pub visitors: u64,
    pub conversions: u64,
    pub revenue: f64,
    pub revenue_squares: f64,
    /// The KPI over the window: Σconversions / Σvisitors or Σrevenue /
    /// Σvisitors; `None` without visitors.
    pub value: Option<f64>,
}

impl VariantTotals {
    fn sample(&self, metric: Metric) -> Sample {
        match metric {
            Metric::Proportion => Sample::proportion(self.visitors, self.conversions),
            Metric::Mean => Sample {
                visitors: self.visitors as f64,
                sum: self.revenue,
                sum_squares: self.revenue_squares,
            },
        }
    }
}

/// A treatment against the control.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub variant: String,
    pub control: String,
    /// The fixed-horizon test: relative lift, 95 % interval, p-value.
    pub fixed: Option<Interval>,
    /// The sequential test, valid however often it is looked at.
    pub sequential: Option<Interval>,
    pub chance_to_win: Option<f64>,
    pub expected_loss: Option<f64>,
    pub srm_p_value: Option<f64>,
    pub verdict: Verdict,
}

/// An experiment judged at a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub experiment: String,
    pub kpi: String,
    pub metric: PerVisitor,
    pub method: TestMethod,
    pub lower_is_better: bool,
    /// The days counted: the test's start (or the first result) to the
    /// day asked (or the test's end, if earlier).
    pub from: Option<Date>,
    pub to: Date,
    pub variants: Vec<VariantTotals>,
    /// The sample ratio check over every variant against the planned split.
    pub srm_p_value: Option<f64>,
    pub comparisons: Vec<Comparison>,
    /// Visitors each variant needs to detect the planned effect from the
    /// control's value, at 80 % power and 5 % two-sided.
    pub sample_size_per_variant: Option<u64>,
    /// Visitors still needed by the variant furthest from that size.
    pub visitors_still_needed: Option<u64>,
}

/// Judges `experiment` of `plan` from its daily `rows` as they stood at `at`.
pub fn judge(
    plan: &Plan,
    experiment: &Experiment,
    rows: &[ExperimentRow],
    at: Date,
) -> Result<Judgement, JudgeError> {
    let id = experiment.id.as_str();
    let kpi = plan.kpi(experiment.kpi.as_str());
    let per_visitor = kpi
        .and_then(PerVisitor::of)
        .ok_or_else(|| JudgeError::NotTestable(id.to_owned(), experiment.kpi.to_string()))?;
    let lower_is_better = kpi.is_some_and(|kpi| kpi.direction == Direction::Down);
    let metric = match per_visitor {
        PerVisitor::Rate => Metric::Proportion,
        PerVisitor::Amount => Metric::Mean,
    };
    let control = experiment
        .control()
        .ok_or_else(|| JudgeError::NoControl(id.to_owned()))?;
    let to = experiment.end.map_or(at, |end| end.min(at));
    let counted = |day: Date| experiment.start.is_none_or(|start| day >= start) && day <= to;

    let mut variants: Vec<VariantTotals> = experiment
        .variants
        .iter()
        .map(|variant| VariantTotals {
            id: variant.id.to_string(),
            name: variant.name.clone(),
            control: variant.control,
            split: variant.split,
            visitors: 0,
            conversions: 0,
            revenue: 0.0,
            revenue_squares: 0.0,
            value: None,
        })
        .collect();
    let mut first_day: Option<Date> = None;
    for row in rows.iter().filter(|row| counted(row.day)) {
        let totals = variants
            .iter_mut()
            .find(|totals| totals.id == row.variant)
            .ok_or_else(|| JudgeError::UnknownVariant {
                experiment: id.to_owned(),
                variant: row.variant.clone(),
            })?;
        totals.visitors += row.visitors;
        totals.conversions += row.conversions;
        if metric == Metric::Mean {
            match (row.revenue, row.revenue_squares) {
                (Some(revenue), Some(squares)) => {
                    totals.revenue += float(revenue);
                    totals.revenue_squares += float(squares);
                }
                _ if row.visitors == 0 => {}
                _ => {
                    return Err(JudgeError::MissingRevenue {
                        experiment: id.to_owned(),
                        variant: row.variant.clone(),
                    });
                }
            }
        } else if let Some(revenue) = row.revenue {
            totals.revenue += float(revenue);
        }
        first_day = Some(first_day.map_or(row.day, |first| first.min(row.day)));
    }
    for totals in &mut variants {
        let numerator = match metric {
            Metric::Proportion => totals.conversions as f64,
            Metric::Mean => totals.revenue,
        };
        totals.value = (totals.visitors > 0).then(|| numerator / totals.visitors as f64);
    }

    let visitors: Vec<u64> = variants.iter().map(|v| v.visitors).collect();
    let splits: Vec<f64> = variants.iter().map(|v| v.split).collect();
    let srm_p_value = abtest::srm_p_value(&visitors, &splits);
    let control_totals = variants
        .iter()
        .find(|totals| totals.id == control.id.as_str())
        .expect("the control is one of the variants")
        .clone();
    let control_sample = control_totals.sample(metric);
    let sample_size_per_variant = sample_size(experiment, metric, &control_sample);
    let fewest_visitors = visitors.iter().copied().min().unwrap_or(0);
    let visitors_still_needed =
        sample_size_per_variant.map(|needed| needed.saturating_sub(fewest_visitors));

    let comparisons = variants
        .iter()
        .filter(|totals| !totals.control)
        .map(|treatment| {
            let treatment_sample = treatment.sample(metric);
            let fixed = abtest::frequentist(&control_sample, &treatment_sample, ALPHA);
            let sequential = abtest::sequential(
                &control_sample,
                &treatment_sample,
                ALPHA,
                abtest::SEQUENTIAL_TUNING,
            );
            // The chance that the treatment is the better one: with a
            // lower-is-better KPI, that it is lower — the same question with
            // the roles swapped, and so is the loss of choosing it.
            let bayesian = if lower_is_better {
                abtest::bayesian(metric, &treatment_sample, &control_sample)
            } else {
                abtest::bayesian(metric, &control_sample, &treatment_sample)
            };
            let fewest = control_totals.visitors.min(treatment.visitors) as f64;
            let verdict = decide(
                experiment.method,
                fixed.as_ref(),
                sequential.as_ref(),
                srm_p_value,
                fewest,
                sample_size_per_variant,
                lower_is_better,
            );
            Comparison {
                variant: treatment.id.clone(),
                control: control_totals.id.clone(),
                fixed,
                sequential,
                chance_to_win: bayesian.as_ref().map(|b| b.chance_to_win),
                expected_loss: bayesian.as_ref().map(|b| b.expected_loss),
                srm_p_value,
                verdict,
            }
        })
        .collect();

    Ok(Judgement {
        experiment: id.to_owned(),
        kpi: experiment.kpi.to_string(),
        metric: per_visitor,
        method: experiment.method,
        lower_is_better,
        from: experiment.start.or(first_day),
        to,
        variants,
        srm_p_value,
        comparisons,
        sample_size_per_variant,
        visitors_still_needed,
    })
}

/// The sample size the planned effect needs, from the control's value.
fn sample_size(experiment: &Experiment, metric: Metric, control: &Sample) -> Option<u64> {
    let mde = experiment.mde?;
    let mean = control.mean()?;
    match metric {
        Metric::Proportion => abtest::sample_size(mean, mde, experiment.relative, POWER, ALPHA),
        Metric::Mean => abtest::sample_size_mean(
            mean,
            control.variance()?.sqrt(),
            mde,
            experiment.relative,
            POWER,
            ALPHA,
        ),
    }
}

/// The verdict under the experiment's method. Sequential: as soon as the
/// sequential interval excludes no change. Fixed: only once every variant
/// has the planned sample size, from the fixed-horizon interval; before
/// that, looking decides nothing.
fn decide(
    method: TestMethod,
    fixed: Option<&Interval>,
    sequential: Option<&Interval>,
    srm_p_value: Option<f64>,
    fewest_visitors: f64,
    needed: Option<u64>,
    lower_is_better: bool,
) -> Verdict {
    if srm_p_value.is_some_and(|p| p < abtest::SRM_THRESHOLD) {
        return Verdict::InvalidSrm;
    }
    match method {
        TestMethod::Sequential => match sequential {
            Some(interval) => abtest::verdict(
                interval,
                srm_p_value,
                fewest_visitors,
                needed,
                lower_is_better,
            ),
            None => Verdict::KeepRunning,
        },
        TestMethod::Fixed => match (fixed, needed) {
            (Some(interval), Some(needed)) if fewest_visitors >= needed as f64 => abtest::verdict(
                interval,
                srm_p_value,
                fewest_visitors,
                Some(needed),
                lower_is_better,
            ),
            _ => Verdict::KeepRunning,
        },
    }
}

/// An exact amount for the statistics, which work in floating point.
fn float(amount: Decimal) -> f64 {
    amount.to_f64().unwrap_or(f64::NAN)
}
