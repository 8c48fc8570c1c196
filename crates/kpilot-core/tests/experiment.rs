//! An experiment judged from its daily results: sums over the test's days
//! (never a mean of daily rates), the statistics of `abtest` on those sums,
//! the KPI's direction, the method's decision rule, and the errors that
//! say why a test cannot be judged.

use jiff::civil::{Date, date};
use kpilot_core::abtest::{self, Metric, Sample, Verdict};
use kpilot_core::experiment::{ALPHA, ExperimentRow, JudgeError, judge};
use kpilot_core::plan::{Experiment, PerVisitor, Plan, TestMethod};
use kpilot_core::plan_file;
use rust_decimal::Decimal;

const PLAN: &str = r#"
[plan]
id = "shop"
name = "Shop"
start = 2026-01-01
end = 2026-12-31
currency = "EUR"

[[kpis]]
id = "bounce_rate"
name = "Bounce rate"
formula = "engagements / sessions"
unit = "percent"
direction = "down"

[[experiments]]
id = "cart"
action = "build"
hypothesis = "A one-page cart converts better"
kpi = "conversion_rate"
variants = [{ id = "A", split = 0.5, control = true }, { id = "B", split = 0.5 }]
start = 2026-03-02
end = 2026-03-29
mde = 0.01

[[experiments]]
id = "basket"
action = "build"
hypothesis = "Bundles raise revenue per visitor"
kpi = "revenue_per_visitor"
variants = [{ id = "A", split = 0.5, control = true }, { id = "B", split = 0.5 }]
start = 2026-03-02
mde = 0.1
relative = true

[[experiments]]
id = "landing"
action = "build"
hypothesis = "A shorter page keeps more visitors"
kpi = "bounce_rate"
variants = [{ id = "A", split = 0.5, control = true }, { id = "B", split = 0.5 }]
start = 2026-03-02
mde = 0.02
method = "fixed"
"#;

fn plan() -> Plan {
    plan_file::parse(PLAN).unwrap().plan
}

fn experiment<'p>(plan: &'p Plan, id: &str) -> &'p Experiment {
    plan.experiment(id).unwrap()
}

fn row(day: Date, variant: &str, visitors: u64, conversions: u64) -> ExperimentRow {
    ExperimentRow {
        day,
        variant: variant.to_owned(),
        visitors,
        conversions,
        revenue: None,
        revenue_squares: None,
    }
}

#[test]
fn a_rate_is_judged_on_the_sums_of_the_days_counted() {
    let plan = plan();
    let rows = vec![
        // Before the start and after the end: not counted.
        row(date(2026, 3, 1), "A", 5000, 500),
        row(date(2026, 3, 30), "B", 5000, 500),
        // A small day and a big one: the rate is 30 / 1 100, not the mean
        // of 10 % and 2 %.
        row(date(2026, 3, 2), "A", 100, 10),
        row(date(2026, 3, 3), "A", 1000, 20),
        row(date(2026, 3, 2), "B", 100, 12),
        row(date(2026, 3, 3), "B", 1000, 30),
    ];
    let judged = judge(&plan, experiment(&plan, "cart"), &rows, date(2026, 4, 15)).unwrap();
    assert_eq!(
        (judged.from, judged.to),
        (Some(date(2026, 3, 2)), date(2026, 3, 29))
    );
    assert_eq!(judged.metric, PerVisitor::Rate);
    let [a, b] = &judged.variants[..] else {
        panic!()
    };
    assert_eq!(
        (a.visitors, a.conversions, b.visitors, b.conversions),
        (1100, 30, 1100, 42)
    );
    assert_eq!(a.value, Some(30.0 / 1100.0));
    // The statistics are abtest's on those sums.
    let control = Sample::proportion(1100, 30);
    let treatment = Sample::proportion(1100, 42);
    let comparison = &judged.comparisons[0];
    assert_eq!(
        comparison.fixed,
        abtest::frequentist(&control, &treatment, ALPHA)
    );
    assert_eq!(
        comparison.sequential,
        abtest::sequential(&control, &treatment, ALPHA, abtest::SEQUENTIAL_TUNING)
    );
    let bayesian = abtest::bayesian(Metric::Proportion, &control, &treatment).unwrap();
    assert_eq!(comparison.chance_to_win, Some(bayesian.chance_to_win));
    assert_eq!(
        comparison.srm_p_value,
        abtest::srm_p_value(&[1100, 1100], &[0.5, 0.5])
    );
    assert_eq!(
        judged.sample_size_per_variant,
        abtest::sample_size(30.0 / 1100.0, 0.01, false, 0.8, ALPHA)
    );
    assert_eq!(
        judged.visitors_still_needed,
        Some(judged.sample_size_per_variant.unwrap() - 1100)
    );
    assert_eq!(comparison.verdict, Verdict::KeepRunning);
}

#[test]
fn no_visitors_is_no_value_not_zero() {
    let plan = plan();
    let judged = judge(&plan, experiment(&plan, "cart"), &[], date(2026, 3, 10)).unwrap();
    assert!(judged.variants.iter().all(|v| v.value.is_none()));
    let comparison = &judged.comparisons[0];
    assert_eq!((comparison.fixed, comparison.chance_to_win), (None, None));
    assert_eq!(judged.sample_size_per_variant, None);
    assert_eq!(comparison.verdict, Verdict::KeepRunning);
}

#[test]
fn a_broken_split_makes_the_result_invalid_whatever_the_lift() {
    let plan = plan();
    let rows = vec![
        row(date(2026, 3, 2), "A", 10_000, 200),
        row(date(2026, 3, 2), "B", 11_000, 400),
    ];
    let judged = judge(&plan, experiment(&plan, "cart"), &rows, date(2026, 3, 10)).unwrap();
    assert!(judged.srm_p_value.unwrap() < abtest::SRM_THRESHOLD);
    assert_eq!(judged.comparisons[0].verdict, Verdict::InvalidSrm);
}

#[test]
fn revenue_per_visitor_needs_its_squares_and_is_a_mean() {
    let plan = plan();
    let basket = experiment(&plan, "basket");
    let with = |revenue: Option<f64>, squares: Option<f64>, variant: &str| ExperimentRow {
        revenue: revenue.map(|amount| Decimal::try_from(amount).unwrap()),
        revenue_squares: squares.map(|amount| Decimal::try_from(amount).unwrap()),
        ..row(date(2026, 3, 2), variant, 1000, 30)
    };
    let rows = vec![
        with(Some(1500.0), Some(90_000.0), "A"),
        with(Some(1800.0), Some(120_000.0), "B"),
    ];
    let judged = judge(&plan, basket, &rows, date(2026, 3, 10)).unwrap();
    assert_eq!(judged.metric, PerVisitor::Amount);
    assert_eq!(judged.variants[1].value, Some(1.8));
    let control = Sample {
        visitors: 1000.0,
        sum: 1500.0,
        sum_squares: 90_000.0,
    };
    let treatment = Sample {
        visitors: 1000.0,
        sum: 1800.0,
        sum_squares: 120_000.0,
    };
    assert_eq!(
        judged.comparisons[0].fixed,
        abtest::frequentist(&control, &treatment, ALPHA)
    );
    assert_eq!(
        judged.sample_size_per_variant,
        abtest::sample_size_mean(
            1.5,
            control.variance().unwrap().sqrt(),
            0.1,
            true,
            0.8,
            ALPHA
        )
    );
    let missing = vec![with(Some(1500.0), None, "A")];
    assert_eq!(
        judge(&plan, basket, &missing, date(2026, 3, 10)),
        Err(JudgeError::MissingRevenue {
            experiment: "basket".to_owned(),
            variant: "A".to_owned()
        })
    );
}

#[test]
fn lower_is_better_wins_by_going_down_and_fixed_waits_for_its_sample() {
    let plan = plan();
    let landing = experiment(&plan, "landing");
    assert_eq!(landing.method, TestMethod::Fixed);
    // B bounces far less: a clear difference, good for a lower-is-better KPI.
    let rows = |visitors: u64| {
        vec![
            row(date(2026, 3, 2), "A", visitors, visitors * 50 / 100),
            row(date(2026, 3, 2), "B", visitors, visitors * 40 / 100),
        ]
    };
    let early = judge(&plan, landing, &rows(1000), date(2026, 3, 10)).unwrap();
    let comparison = &early.comparisons[0];
    assert!(early.lower_is_better);
    assert!(comparison.fixed.unwrap().ci_high < 0.0, "a clear fall");
    assert!(
        comparison.chance_to_win.unwrap() > 0.99,
        "falling is winning"
    );
    assert!(early.visitors_still_needed.unwrap() > 0);
    assert_eq!(
        comparison.verdict,
        Verdict::KeepRunning,
        "fixed: not before the sample"
    );
    let needed = early.sample_size_per_variant.unwrap();
    let later = judge(&plan, landing, &rows(needed), date(2026, 3, 10)).unwrap();
    assert_eq!(later.comparisons[0].verdict, Verdict::Winner);
}

#[test]
fn results_for_a_variant_the_plan_does_not_list_are_refused() {
    let plan = plan();
    let rows = vec![row(date(2026, 3, 2), "C", 10, 1)];
    assert_eq!(
        judge(&plan, experiment(&plan, "cart"), &rows, date(2026, 3, 10)),
        Err(JudgeError::UnknownVariant {
            experiment: "cart".to_owned(),
            variant: "C".to_owned()
        })
    );
}
