//! The statistics of A/B tests: a treatment against the control on one
//! metric, a proportion (conversions per visitor) or a mean (revenue per
//! visitor).
//!
//! - [`frequentist`]: the fixed-horizon Welch t-test on the relative lift,
//!   valid when the results are read once, at the planned sample size.
//! - [`sequential`]: GrowthBook's asymptotic confidence sequences, valid
//!   however often the results are read; [`verdict`] decides with them.
//! - [`bayesian`]: the chance that the treatment beats the control and the
//!   expected loss of choosing it.
//! - [`srm_p_value`]: the sample ratio mismatch check of the traffic split.
//! - [`sample_size`], [`sample_size_mean`]: visitors needed per variant.
//!
//! The frequentist and sequential figures are computed as GrowthBook's
//! `gbstats` 0.8 computes them; `tests/abtest.rs` checks every function
//! against reference values made by `tests/data/abtest_reference.py`
//! (gbstats, scipy, statsmodels). Every function gives `None`, never NaN
//! nor a panic, when its statistic is undefined: no visitors, a control
//! mean of zero (a relative lift divides by it), a zero variance.

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};
use statrs::function::beta::ln_beta;

/// The default tuning parameter N* of [`sequential`]: the total sample size
/// (both variants) at which the confidence sequence is tightest, GrowthBook's
/// default.
pub const SEQUENTIAL_TUNING: f64 = 5000.0;

/// kpilot warns of a sample ratio mismatch below this p-value (GrowthBook's
/// threshold too).
pub const SRM_THRESHOLD: f64 = 0.001;

/// A variant's results: visitors (units), the sum of the metric over them,
/// and the sum of its squares. For a proportion metric (conversion rate)
/// the metric is 0 or 1 per visitor, so `sum_squares == sum`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub visitors: f64,
    pub sum: f64,
    pub sum_squares: f64,
}

impl Sample {
    /// A proportion's sample: `conversions` of `visitors`.
    pub fn proportion(visitors: u64, conversions: u64) -> Sample {
        Sample {
            visitors: visitors as f64,
            sum: conversions as f64,
            sum_squares: conversions as f64,
        }
    }

    /// The metric's mean per visitor; `None` without visitors.
    pub fn mean(&self) -> Option<f64> {
        let finite = self.visitors.is_finite() && self.sum.is_finite();
        (finite && self.visitors > 0.0).then(|| self.sum / self.visitors)
    }

    /// The metric's variance per visitor, as gbstats takes it: `p (1 - p)`
    /// for a proportion (`ProportionStatistic`: a sample whose sum of
    /// squares is its sum, between 0 and its visitors, is one), otherwise
    /// the sample variance with `n - 1` (`SampleMeanStatistic`). `None`
    /// without visitors, with a single visitor for a mean, or when the sums
    /// are inconsistent (a negative variance).
    pub fn variance(&self) -> Option<f64> {
        let mean = self.mean()?;
        if !self.sum_squares.is_finite() {
            return None;
        }
        let variance = if self.is_proportion() {
            mean * (1.0 - mean)
        } else {
            if self.visitors <= 1.0 {
                return None;
            }
            (self.sum_squares - self.sum * self.sum / self.visitors) / (self.visitors - 1.0)
        };
        (variance >= 0.0).then_some(variance)
    }

    /// Values of 0 and 1 only: their squares add up to their sum.
    fn is_proportion(&self) -> bool {
        self.sum_squares == self.sum && 0.0 <= self.sum && self.sum <= self.visitors
    }
}

/// The kind of metric compared, for [`bayesian`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Conversions per visitor: the sample's sum counts conversions.
    Proportion,
    /// A mean per visitor, such as revenue per visitor; needs the sum of
    /// squares.
    Mean,
}

/// A treatment's result against the control: the relative lift (treatment
/// mean / control mean - 1), its two-sided interval and p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lift: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub p_value: f64,
}

impl Interval {
    /// Whether the interval leaves out a lift of zero.
    pub fn excludes_zero(&self) -> bool {
        self.ci_low > 0.0 || self.ci_high < 0.0
    }

    fn finite(self) -> Option<Interval> {
        let values = [self.lift, self.ci_low, self.ci_high, self.p_value];
        values.iter().all(|v| v.is_finite()).then_some(self)
    }
}

/// The relative lift and its variance by the delta method, with what the
/// Welch–Satterthwaite degrees of freedom need: gbstats's
/// `frequentist_diff` and `frequentist_variance` (relative).
struct Lift {
    lift: f64,
    variance: f64,
    control: (f64, f64),
    treatment: (f64, f64),
}

impl Lift {
    /// `None` without visitors, with a control mean of zero, or with a
    /// variance of zero in either variant (gbstats's default output).
    fn new(control: &Sample, treatment: &Sample) -> Option<Lift> {
        let (mean_a, variance_a) = (control.mean()?, control.variance()?);
        let (mean_b, variance_b) = (treatment.mean()?, treatment.variance()?);
        if mean_a == 0.0 || variance_a <= 0.0 || variance_b <= 0.0 {
            return None;
        }
        let (n_a, n_b) = (control.visitors, treatment.visitors);
        let variance = variance_b / (mean_a.powi(2) * n_b)
            + variance_a * mean_b.powi(2) / (mean_a.powi(4) * n_a);
        let lift = (mean_b - mean_a) / mean_a;
        (lift.is_finite() && variance.is_finite() && variance > 0.0).then_some(Lift {
            lift,
            variance,
            control: (variance_a, n_a),
            treatment: (variance_b, n_b),
        })
    }

    /// Welch–Satterthwaite degrees of freedom of the two samples.
    fn degrees_of_freedom(&self) -> Option<f64> {
        let [(variance_a, n_a), (variance_b, n_b)] = [self.control, self.treatment];
        let numerator = (variance_b / n_b + variance_a / n_a).powi(2);
        let denominator = variance_b.powi(2) / (n_b.powi(2) * (n_b - 1.0))
            + variance_a.powi(2) / (n_a.powi(2) * (n_a - 1.0));
        let dof = numerator / denominator;
        (dof.is_finite() && dof > 0.0).then_some(dof)
    }
}

/// The fixed-horizon result: the relative lift, its two-sided `1 - alpha`
/// interval and p-value from a Welch t-test on the lift, whose variance
/// comes from the delta method and whose degrees of freedom from the
/// Welch–Satterthwaite formula. This is gbstats's `TwoSidedTTest` with
/// `difference_type="relative"`; the p-value is `2 P(T > |t|)`, computed
/// from the upper tail (gbstats writes `2 (1 - P(T <= |t|))`, the same
/// number until it rounds to 0 below about 1e-16).
///
/// Valid when read once, at the planned sample size: read daily, it finds
/// differences that are not there (see [`sequential`]). `None` when
/// `alpha` is not in (0, 1) or the statistic is undefined.
pub fn frequentist(control: &Sample, treatment: &Sample, alpha: f64) -> Option<Interval> {
    if !in_unit(alpha) {
        return None;
    }
    let lift = Lift::new(control, treatment)?;
    let t = StudentsT::new(0.0, 1.0, lift.degrees_of_freedom()?).ok()?;
    let standard_error = lift.variance.sqrt();
    let width = upper_quantile(&t, alpha / 2.0)? * standard_error;
    let statistic = lift.lift / standard_error;
    Interval {
        lift: lift.lift,
        ci_low: lift.lift - width,
        ci_high: lift.lift + width,
        p_value: (2.0 * t.sf(statistic.abs())).min(1.0),
    }
    .finite()
}

/// The `x` with `P(T > x) = tail` (`tail` at most one half). statrs's
/// `inverse_cdf` is a good start but loses digits at hundreds of thousands
/// of degrees of freedom (Welch's with large samples), so Newton's method
/// on the upper tail, which statrs computes accurately, finishes it.
fn upper_quantile(t: &StudentsT, tail: f64) -> Option<f64> {
    let mut x = t.inverse_cdf(1.0 - tail).max(f64::MIN_POSITIVE);
    for _ in 0..50 {
        let density = t.pdf(x);
        if density.is_nan() || density <= 0.0 {
            break;
        }
        // The tail is convex and decreasing past 0: from below the root
        // Newton's steps stay below it and climb to it.
        let step = (t.sf(x) - tail) / density;
        x = (x + step).max(x / 2.0);
        if step.abs() <= 1e-13 * x {
            break;
        }
    }
    x.is_finite().then_some(x)
}

/// The sequential result, valid under continuous monitoring: GrowthBook's
/// sequential test (gbstats's `SequentialTwoSidedTTest`), the asymptotic
/// confidence sequence of Waudby-Smith et al., "Time-uniform central limit
/// theory and asymptotic confidence sequences" (2023, arXiv 2103.06476,
/// equation 9), around the same relative lift and delta-method variance as
/// [`frequentist`]. `tuning` is N*, the total sample size (both variants)
/// at which the sequence is tightest ([`SEQUENTIAL_TUNING`] by default):
/// with `rho² = (-2 ln α + ln(1 - 2 ln α)) / N*`, `N` the visitors of both
/// variants and `s² = N Var(lift)`, the half-width is
/// `s sqrt(2 (N rho² + 1) ln(sqrt(N rho² + 1) / α) / (N rho)²)`.
///
/// The p-value is always valid too, as gbstats computes it (equation 155
/// of the paper): `min(1, 1 / E)` with the e-value
/// `E = exp(rho² N lift² / (2 Var(lift) (N rho² + 1))) / sqrt(N rho² + 1)`.
/// It is below `alpha` exactly when the interval leaves out 0, since both
/// use the same `rho` (so it depends on `alpha`, as gbstats's does).
/// Computed in logarithms, so that a large e-value gives a small p-value
/// rather than an overflow.
///
/// `None` when `alpha` is not in (0, 1), `tuning` is not positive, or the
/// statistic is undefined.
pub fn sequential(
    control: &Sample,
    treatment: &Sample,
    alpha: f64,
    tuning: f64,
) -> Option<Interval> {
    if !(in_unit(alpha) && positive(tuning)) {
        return None;
    }
    let lift = Lift::new(control, treatment)?;
    let n = control.visitors + treatment.visitors;
    let log_alpha = alpha.ln();
    let rho_squared = (-2.0 * log_alpha + (1.0 - 2.0 * log_alpha).ln()) / tuning;
    let scaled = n * rho_squared + 1.0;
    let width = (lift.variance * n * 2.0 * scaled * (0.5 * scaled.ln() - log_alpha)
        / (n * n * rho_squared))
        .sqrt();
    // ln E: the e-value of gbstats's `p_value`, with `st2 = lift² N / Var`.
    let statistic_squared = lift.lift.powi(2) * n / lift.variance;
    let log_e_value = rho_squared * statistic_squared / (2.0 * scaled) - 0.5 * scaled.ln();
    Interval {
        lift: lift.lift,
        ci_low: lift.lift - width,
        ci_high: lift.lift + width,
        p_value: (-log_e_value).exp().min(1.0),
    }
    .finite()
}

/// The Bayesian reading of a test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bayesian {
    /// The posterior probability that the treatment's mean is above the
    /// control's.
    pub chance_to_win: f64,
    /// The expected loss of choosing the treatment, `E[max(control -
    /// treatment, 0)]`, in the metric's own units (for a conversion rate,
    /// a difference of rates as a fraction: 0.001 is 0.1 point).
    pub expected_loss: f64,
}

/// The chance that the treatment beats the control and the expected loss
/// of choosing it.
///
/// For a proportion, exact: each rate's posterior is
/// `Beta(1 + conversions, 1 + visitors - conversions)` (a uniform
/// `Beta(1, 1)` prior). `P(treatment > control)` is Evan Miller's
/// closed-form sum ("Formulas for Bayesian A/B Testing", 2014), its terms
/// computed in logarithms so that tens of thousands of conversions work,
/// and summed over the shorter of its two forms (conversions of the
/// treatment, or non-conversions of the control); the cost grows with
/// those counts. The expected loss is Chris Stucchio's closed form
/// ("Bayesian A/B Testing at VWO", 2015):
/// `E[max(A - B, 0)] = a_A/(a_A+b_A) P(A' > B) - a_B/(a_B+b_B) P(A > B')`
/// where `A'` is `Beta(a_A + 1, b_A)` and `B'` is `Beta(a_B + 1, b_B)`,
/// each probability an exact sum again. Counts must be whole numbers.
///
/// For a mean, a normal approximation, gbstats's `EffectBayesianABTest`
/// on the absolute difference with its default improper flat prior: the
/// difference `D = treatment - control` is `N(m_B - m_A, v_A/n_A + v_B/n_B)`
/// with each variant's sample mean and variance, the chance to win is
/// `P(D > 0)` and the loss `E[max(-D, 0)] = σ φ(μ/σ) - μ Φ(-μ/σ)`.
///
/// `None` without visitors in either variant, with conversions that are
/// not whole numbers between 0 and the visitors (proportion), or with a
/// variance of zero or undefined (mean).
pub fn bayesian(metric: Metric, control: &Sample, treatment: &Sample) -> Option<Bayesian> {
    match metric {
        Metric::Proportion => beta_binomial(control, treatment),
        Metric::Mean => normal_difference(control, treatment),
    }
}

/// A Beta distribution's parameters (α, β), whole numbers here.
#[derive(Debug, Clone, Copy)]
struct Beta {
    alpha: f64,
    beta: f64,
}

impl Beta {
    /// The posterior of a proportion after a uniform prior.
    fn posterior(sample: &Sample) -> Option<Beta> {
        let (visitors, conversions) = (sample.visitors, sample.sum);
        // Whole numbers, exactly represented.
        let whole = |x: f64| x.is_finite() && x.fract() == 0.0 && x.abs() < 2f64.powi(53);
        let valid = whole(visitors) && whole(conversions) && visitors >= 1.0;
        (valid && (0.0..=visitors).contains(&conversions)).then_some(Beta {
            alpha: 1.0 + conversions,
            beta: 1.0 + visitors - conversions,
        })
    }

    fn mean(self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// The distribution of `1 - X`.
    fn mirrored(self) -> Beta {
        Beta {
            alpha: self.beta,
            beta: self.alpha,
        }
    }

    /// The size-biased distribution, of density `x f(x) / E[X]`.
    fn raised(self) -> Beta {
        Beta {
            alpha: self.alpha + 1.0,
            beta: self.beta,
        }
    }
}

fn beta_binomial(control: &Sample, treatment: &Sample) -> Option<Bayesian> {
    let a = Beta::posterior(control)?;
    let b = Beta::posterior(treatment)?;
    let chance_to_win = probability_above(a, b);
    // Stucchio: E[max(A - B, 0)] = E[A 1{A > B}] - E[B 1{A > B}], and
    // E[A 1{A > B}] = E[A] P(A' > B) with A' the size-biased A.
    let loss =
        a.mean() * probability_above(b, a.raised()) - b.mean() * probability_above(b.raised(), a);
    Some(Bayesian {
        chance_to_win: chance_to_win.clamp(0.0, 1.0),
        expected_loss: loss.max(0.0),
    })
}

/// `P(Y > X)` for independent Beta variables with whole parameters.
/// Evan Miller's sum runs over `Y`'s α; by the mirror `P(Y > X) = P(1 - X >
/// 1 - Y)` it can run over `X`'s β instead: the shorter is taken. Both are
/// sums of positive terms, so small probabilities keep their digits.
fn probability_above(x: Beta, y: Beta) -> f64 {
    if y.alpha <= x.beta {
        miller_sum(x, y)
    } else {
        miller_sum(y.mirrored(), x.mirrored())
    }
}

/// Evan Miller's `P(Y > X) = Σ_{i=0}^{α_Y - 1} B(α_X + i, β_X + β_Y) /
/// ((β_Y + i) B(1 + i, β_Y) B(α_X, β_X))`, each term through `ln B` and
/// the sum through the largest term (log-sum-exp).
fn miller_sum(x: Beta, y: Beta) -> f64 {
    let constant = ln_beta(x.alpha, x.beta);
    let terms = y.alpha as u64;
    let mut largest = f64::NEG_INFINITY;
    let mut scaled_sum = 0.0;
    for i in 0..terms {
        let i = i as f64;
        let term = ln_beta(x.alpha + i, x.beta + y.beta)
            - (y.beta + i).ln()
            - ln_beta(1.0 + i, y.beta)
            - constant;
        if term > largest {
            scaled_sum = scaled_sum * (largest - term).exp() + 1.0;
            largest = term;
        } else {
            scaled_sum += (term - largest).exp();
        }
    }
    if terms == 0 {
        return 0.0;
    }
    (largest + scaled_sum.ln()).exp()
}

fn normal_difference(control: &Sample, treatment: &Sample) -> Option<Bayesian> {
    let (mean_a, variance_a) = (control.mean()?, control.variance()?);
    let (mean_b, variance_b) = (treatment.mean()?, treatment.variance()?);
    if variance_a <= 0.0 || variance_b <= 0.0 {
        return None;
    }
    let mu = mean_b - mean_a;
    let sigma = (variance_a / control.visitors + variance_b / treatment.visitors).sqrt();
    let z = mu / sigma;
    let normal = Normal::standard();
    let result = Bayesian {
        chance_to_win: normal.cdf(z),
        expected_loss: (sigma * normal.pdf(z) - mu * normal.cdf(-z)).max(0.0),
    };
    (result.chance_to_win.is_finite() && result.expected_loss.is_finite()).then_some(result)
}

/// The sample ratio mismatch check: the p-value of Pearson's chi-square
/// goodness-of-fit test of the visitors per variant against the planned
/// split (the variants' shares, which sum to 1; they are divided by their
/// sum, as gbstats's `check_srm` does, so `[50.0, 50.0]` works too), with
/// one degree of freedom fewer than variants. kpilot warns below
/// [`SRM_THRESHOLD`]: the assignment or the tracking is broken and the
/// test's results cannot be trusted.
///
/// `None` with fewer than two variants, lengths that differ, a share that
/// is not positive, or no visitors at all.
pub fn srm_p_value(visitors: &[u64], split: &[f64]) -> Option<f64> {
    if visitors.len() != split.len() || visitors.len() < 2 {
        return None;
    }
    if split
        .iter()
        .any(|share| !(share.is_finite() && *share > 0.0))
    {
        return None;
    }
    let total: f64 = visitors.iter().map(|&v| v as f64).sum();
    let shares: f64 = split.iter().sum();
    if total <= 0.0 || !shares.is_finite() {
        return None;
    }
    let statistic: f64 = visitors
        .iter()
        .zip(split)
        .map(|(&observed, share)| {
            let expected = share / shares * total;
            (observed as f64 - expected).powi(2) / expected
        })
        .sum();
    let chi_square = ChiSquared::new((visitors.len() - 1) as f64).ok()?;
    let p_value = chi_square.sf(statistic);
    p_value.is_finite().then_some(p_value)
}

/// Visitors needed per variant to detect `mde` on a conversion rate of
/// `baseline`, with a two-sided test at `alpha` and the given `power`:
/// Evan Miller's formula (<https://www.evanmiller.org/ab-testing/sample-size.html>,
/// `num_subjects` in his page's script),
/// `n = (z_{1-α/2} sqrt(2 p (1 - p)) + z_power sqrt(p (1 - p) + (p + δ) (1 - p - δ)))² / δ²`:
/// the variance under the null hypothesis is the baseline's in both
/// variants, under the alternative each variant's own. `δ` is `mde`, or
/// `baseline × mde` when `relative`. As on his page, a baseline above one
/// half is folded to `p = 1 - baseline` (the formula is symmetric but for
/// the sign of `δ`, so a rise is sized as a fall there), and the result is
/// rounded to the nearest whole number: his default example (baseline 20 %,
/// 5 points absolute, α 0.05, power 0.8) gives 1030.2, which his page shows
/// as 1,030. At least 1.
///
/// `None` when `baseline`, `power` or `alpha` is not in (0, 1), `mde` is 0
/// or the rate it leads to is not in (0, 1).
pub fn sample_size(baseline: f64, mde: f64, relative: bool, power: f64, alpha: f64) -> Option<u64> {
    if !(in_unit(baseline) && in_unit(power) && in_unit(alpha) && mde.is_finite()) || mde == 0.0 {
        return None;
    }
    let delta = if relative { baseline * mde } else { mde };
    let p = if baseline > 0.5 {
        1.0 - baseline
    } else {
        baseline
    };
    if !in_unit(p + delta) {
        return None;
    }
    let (z_alpha, z_power) = z_values(power, alpha);
    let null = (2.0 * p * (1.0 - p)).sqrt();
    let alternative = (p * (1.0 - p) + (p + delta) * (1.0 - p - delta)).sqrt();
    rounded((z_alpha * null + z_power * alternative).powi(2) / delta.powi(2))
}

/// Visitors needed per variant to detect `mde` on a mean metric whose
/// control has standard deviation `std_dev`:
/// `n = 2 (z_{1-α/2} + z_power)² σ² / δ²` (the normal approximation of
/// the two-sample test with equal variances; statsmodels' `NormalIndPower`
/// solves the same equation, counting also the far tail, negligible here).
/// `δ` is `mde`, or `mean × mde` when `relative`. Rounded to the nearest
/// whole number as [`sample_size`] is; at least 1.
///
/// `None` when `power` or `alpha` is not in (0, 1), `std_dev` is not
/// positive, or the difference to detect is 0.
pub fn sample_size_mean(
    mean: f64,
    std_dev: f64,
    mde: f64,
    relative: bool,
    power: f64,
    alpha: f64,
) -> Option<u64> {
    if !(in_unit(power) && in_unit(alpha) && positive(std_dev)) {
        return None;
    }
    let delta = if relative { mean * mde } else { mde };
    if !delta.is_finite() || delta == 0.0 {
        return None;
    }
    let (z_alpha, z_power) = z_values(power, alpha);
    rounded(2.0 * (z_alpha + z_power).powi(2) * std_dev.powi(2) / delta.powi(2))
}

/// Strictly between 0 and 1 (not NaN).
fn in_unit(x: f64) -> bool {
    x > 0.0 && x < 1.0
}

/// Positive and finite (not NaN).
fn positive(x: f64) -> bool {
    x > 0.0 && x.is_finite()
}

/// `z_{1-α/2}` and `z_power`.
fn z_values(power: f64, alpha: f64) -> (f64, f64) {
    let normal = Normal::standard();
    (
        normal.inverse_cdf(1.0 - alpha / 2.0),
        normal.inverse_cdf(power),
    )
}

/// To the nearest whole number (JavaScript's `Math.round` for positive
/// numbers), at least one visitor.
fn rounded(n: f64) -> Option<u64> {
    // `as` saturates beyond u64::MAX.
    (n.is_finite() && n >= 0.0).then(|| (n.round() as u64).max(1))
}

/// What a test's results say, under the sequential rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The treatment is better than the control.
    Winner,
    /// The treatment is worse than the control.
    Loser,
    /// Every variant reached the sample size planned for the minimum
    /// detectable effect and no difference was found: no effect as large
    /// as that one.
    Inconclusive,
    /// No difference yet, and the planned sample size is not reached.
    KeepRunning,
    /// The traffic split is not the planned one: the results cannot be
    /// trusted.
    InvalidSrm,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Winner => "winner",
            Verdict::Loser => "loser",
            Verdict::Inconclusive => "inconclusive",
            Verdict::KeepRunning => "keep_running",
            Verdict::InvalidSrm => "invalid_srm",
        }
    }
}

/// The verdict on a treatment, by kpilot's default decision rule, the
/// sequential one, which holds however often the results are read:
///
/// 1. a sample ratio mismatch (`srm_p_value` below [`SRM_THRESHOLD`]) makes
///    the test invalid, whatever else it shows;
/// 2. otherwise, if the sequential interval leaves out 0, the treatment is
///    the winner when its lift goes the good way (up, or down for a KPI
///    where lower is better) and the loser when it does not;
/// 3. otherwise, if every variant has reached the needed sample size (the
///    smallest variant's visitors, `visitors_per_variant_min`, at least
///    `needed_per_variant`), the test is inconclusive: no effect as large
///    as the minimum detectable effect was found;
/// 4. otherwise, keep running (also when the needed size is unknown).
pub fn verdict(
    sequential: &Interval,
    srm_p_value: Option<f64>,
    visitors_per_variant_min: f64,
    needed_per_variant: Option<u64>,
    lower_is_better: bool,
) -> Verdict {
    if srm_p_value.is_some_and(|p| p < SRM_THRESHOLD) {
        return Verdict::InvalidSrm;
    }
    if sequential.excludes_zero() {
        let good = if lower_is_better {
            sequential.lift < 0.0
        } else {
            sequential.lift > 0.0
        };
        return if good {
            Verdict::Winner
        } else {
            Verdict::Loser
        };
    }
    match needed_per_variant {
        Some(needed) if visitors_per_variant_min >= needed as f64 => Verdict::Inconclusive,
        _ => Verdict::KeepRunning,
    }
}
