//! The engine agrees with a naive reference evaluator — plain loops over the
//! raw facts, window by window — on random data sets, for every built-in
//! KPI, window, filter, grain and breakdown, empty windows and zero
//! denominators included. And worked examples checked by hand.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, date};
use kpilot_core::Observation;
use kpilot_core::catalogue;
use kpilot_core::engine::{
    By, Components, Cube, DailyTotal, Grain, Span, Value, paired_series, periods, plus,
    product_series, times,
};
use kpilot_core::kpi::{Aggregation, Definition, KpiDef};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

#[derive(Debug, Clone)]
struct OwnedFact {
    day: Date,
    measure: String,
    channel: Option<String>,
    segment: Option<String>,
    action: Option<String>,
    value: Decimal,
}

impl OwnedFact {
    fn as_observation(&self) -> Observation<'_> {
        Observation {
            line: 0,
            day: self.day,
            measure: &self.measure,
            channel: self.channel.as_deref(),
            segment: self.segment.as_deref(),
            action: self.action.as_deref(),
            value: self.value,
        }
    }
}

/// The reference: a KPI over a window, for a filter and a group, by loops.
fn naive(
    kpi: &KpiDef,
    facts: &[OwnedFact],
    window: Span,
    channel: Option<&str>,
    segment: Option<&str>,
    group: Option<(By, &str)>,
) -> Value {
    let selected: Vec<&OwnedFact> = facts
        .iter()
        .filter(|f| f.day >= window.from && f.day <= window.to)
        .filter(|f| channel.is_none_or(|c| f.channel.as_deref() == Some(c)))
        .filter(|f| segment.is_none_or(|s| f.segment.as_deref() == Some(s)))
        .filter(|f| match group {
            None => true,
            Some((By::Channel, g)) => f.channel.as_deref().unwrap_or("") == g,
            Some((By::Segment, g)) => f.segment.as_deref().unwrap_or("") == g,
        })
        .collect();
    let sum = |measure: &str| {
        let matching: Vec<&&OwnedFact> = selected.iter().filter(|f| f.measure == measure).collect();
        (!matching.is_empty()).then(|| {
            matching
                .iter()
                .fold(Decimal::ZERO, |total, f| plus(total, f.value))
        })
    };
    let mut components = Components::new();
    let value = match &kpi.definition {
        Definition::Measure(Aggregation::Sum) => {
            let total = sum(&kpi.id);
            if let Some(total) = total {
                components.insert(kpi.id.clone(), total);
            }
            total.and_then(|t| t.to_f64())
        }
        Definition::Measure(Aggregation::Last) => {
            let last_day = selected
                .iter()
                .filter(|f| f.measure == kpi.id)
                .map(|f| f.day)
                .max();
            let total = last_day.map(|day| {
                selected
                    .iter()
                    .filter(|f| f.measure == kpi.id && f.day == day)
                    .fold(Decimal::ZERO, |total, f| plus(total, f.value))
            });
            if let Some(total) = total {
                components.insert(kpi.id.clone(), total);
            }
            total.and_then(|t| t.to_f64())
        }
        Definition::Measure(Aggregation::WeightedMean { weight }) => {
            let mut product = None;
            let mut weights = None;
            for value in selected.iter().filter(|f| f.measure == kpi.id) {
                let partner = selected.iter().find(|w| {
                    w.measure == *weight
                        && w.day == value.day
                        && w.channel == value.channel
                        && w.segment == value.segment
                        && w.action == value.action
                });
                if let Some(w) = partner {
                    product = Some(plus(
                        product.unwrap_or(Decimal::ZERO),
                        value.value.checked_mul(w.value).unwrap_or(Decimal::MAX),
                    ));
                    weights = Some(plus(weights.unwrap_or(Decimal::ZERO), w.value));
                }
            }
            if let Some(p) = product {
                components.insert(format!("{}×{weight}", kpi.id), p);
            }
            if let Some(w) = weights {
                components.insert(weight.clone(), w);
            }
            match (product, weights) {
                (Some(p), Some(w)) if !w.is_zero() => (p / w).to_f64(),
                _ => None,
            }
        }
        Definition::Formula(formula) => {
            let sums: BTreeMap<&str, Option<Decimal>> = formula
                .measures()
                .into_iter()
                .map(|m| (m, sum(m)))
                .collect();
            for (m, s) in &sums {
                if let Some(s) = s {
                    components.insert((*m).to_owned(), *s);
                }
            }
            formula.evaluate(
                |m| sums.get(m).copied().flatten().and_then(|v| v.to_f64()),
                window.days() as f64,
            )
        }
    };
    Value {
        value: value.filter(|v| v.is_finite()),
        components,
    }
}

const MEASURES: [&str; 9] = [
    "sessions",
    "transactions",
    "revenue",
    "cost",
    "impressions",
    "clicks",
    "customers",
    "contacts",
    "search_position",
];

fn facts() -> impl Strategy<Value = Vec<OwnedFact>> {
    let fact = (
        0i64..40,
        prop::sample::select(MEASURES.to_vec()),
        prop::option::of(prop::sample::select(vec!["email", "search"])),
        prop::option::of(prop::sample::select(vec!["jeunes", "seniors"])),
        prop::option::of(Just("soldes")),
        // Zeros are frequent: zero denominators must give no value.
        prop_oneof![Just(0i64), 0i64..100_000, -50i64..50],
        0u32..3,
    );
    prop::collection::vec(fact, 0..120).prop_map(|raw| {
        let mut seen = BTreeSet::new();
        // Most positions come with their impressions, as real exports do,
        // so that weighted means have pairs to weigh.
        let paired: Vec<_> = raw
            .iter()
            .filter(|fact| fact.1 == "search_position" && fact.6 != 2)
            .map(|&(day, _, channel, segment, action, units, _)| {
                (
                    day,
                    "impressions",
                    channel,
                    segment,
                    action,
                    units.abs() * 7,
                    0,
                )
            })
            .collect();
        raw.into_iter()
            .chain(paired)
            .filter_map(|(day, measure, channel, segment, action, units, scale)| {
                let day = date(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(day))
                    .unwrap();
                // The store keeps one value per key.
                let key = (day, measure, channel, segment, action);
                seen.insert(key).then(|| OwnedFact {
                    day,
                    measure: measure.to_owned(),
                    channel: channel.map(str::to_owned),
                    segment: segment.map(str::to_owned),
                    action: action.map(str::to_owned),
                    value: Decimal::new(units, scale),
                })
            })
            .collect()
    })
}

fn window() -> impl Strategy<Value = Span> {
    (-5i64..45, 0i64..50).prop_map(|(start, length)| {
        let from = date(2026, 1, 1)
            .checked_add(jiff::Span::new().days(start))
            .unwrap();
        let to = from.checked_add(jiff::Span::new().days(length)).unwrap();
        Span { from, to }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_engine_agrees_with_plain_loops(
        facts in facts(),
        window in window(),
        channel in prop::option::of(prop::sample::select(vec!["email", "search"])),
        segment in prop::option::of(prop::sample::select(vec!["jeunes", "seniors"])),
        grain in prop::sample::select(vec![Grain::Total, Grain::Day, Grain::Week, Grain::Month]),
        by in prop::option::of(prop::sample::select(vec![By::Channel, By::Segment])),
    ) {
        for kpi in catalogue::builtin() {
            let cube = Cube::build(
                kpi,
                window,
                channel,
                segment,
                by,
                facts.iter().map(OwnedFact::as_observation),
            );
            let groups: Vec<Option<String>> = match by {
                None => vec![None],
                Some(_) => cube.groups(),
            };
            for group in &groups {
                for period in periods(window, grain) {
                    let engine = cube.value(period.span, group.as_deref());
                    let reference = naive(
                        kpi,
                        &facts,
                        period.span,
                        channel,
                        segment,
                        by.zip(group.as_deref()),
                    );
                    prop_assert_eq!(
                        &engine, &reference,
                        "{} over {}..{} group {:?}", kpi.id, period.span.from, period.span.to, group
                    );
                }
            }
        }
    }
}

/// The daily totals a store keeps for `kpi`'s series, by plain loops: per
/// series, group and day, over the facts that pass the filters.
fn daily_totals(
    kpi: &KpiDef,
    facts: &[OwnedFact],
    channel: Option<&str>,
    segment: Option<&str>,
    by: Option<By>,
) -> BTreeMap<(String, Option<String>, Date), Decimal> {
    let mut totals = BTreeMap::new();
    let kept: Vec<&OwnedFact> = facts
        .iter()
        .filter(|f| channel.is_none_or(|c| f.channel.as_deref() == Some(c)))
        .filter(|f| segment.is_none_or(|s| f.segment.as_deref() == Some(s)))
        .collect();
    let group_of = |f: &OwnedFact| match by {
        None => None,
        Some(By::Channel) => Some(f.channel.clone().unwrap_or_default()),
        Some(By::Segment) => Some(f.segment.clone().unwrap_or_default()),
    };
    let mut add = |series: String, f: &OwnedFact, value: Decimal| {
        let total = totals
            .entry((series, group_of(f), f.day))
            .or_insert(Decimal::ZERO);
        *total = plus(*total, value);
    };
    for f in &kept {
        add(f.measure.clone(), f, f.value);
    }
    if let Definition::Measure(Aggregation::WeightedMean { weight }) = &kpi.definition {
        for w in kept.iter().filter(|f| &f.measure == weight) {
            let value = kept.iter().find(|v| {
                v.measure == kpi.id
                    && (v.day, &v.channel, &v.segment, &v.action)
                        == (w.day, &w.channel, &w.segment, &w.action)
            });
            if let Some(value) = value {
                add(
                    product_series(&kpi.id, weight),
                    w,
                    times(value.value, w.value),
                );
                add(paired_series(&kpi.id, weight), w, w.value);
            }
        }
    }
    totals
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// What `kpi` and `status` compute: the cube built from the store's
    /// daily totals instead of the facts.
    #[test]
    fn the_engine_on_daily_totals_agrees_with_plain_loops(
        facts in facts(),
        window in window(),
        channel in prop::option::of(prop::sample::select(vec!["email", "search"])),
        segment in prop::option::of(prop::sample::select(vec!["jeunes", "seniors"])),
        grain in prop::sample::select(vec![Grain::Total, Grain::Day, Grain::Week, Grain::Month]),
        by in prop::option::of(prop::sample::select(vec![By::Channel, By::Segment])),
    ) {
        for kpi in catalogue::builtin() {
            let totals = daily_totals(kpi, &facts, channel, segment, by);
            let cube = Cube::from_totals(
                kpi,
                window,
                by,
                totals.iter().map(|((series, group, day), value)| DailyTotal {
                    series,
                    group: group.as_deref(),
                    day: *day,
                    value: *value,
                }),
            );
            let groups: Vec<Option<String>> = match by {
                None => vec![None],
                Some(_) => cube.groups(),
            };
            for group in &groups {
                for period in periods(window, grain) {
                    let engine = cube.value(period.span, group.as_deref());
                    let reference = naive(
                        kpi,
                        &facts,
                        period.span,
                        channel,
                        segment,
                        by.zip(group.as_deref()),
                    );
                    prop_assert_eq!(
                        &engine, &reference,
                        "{} over {}..{} group {:?}", kpi.id, period.span.from, period.span.to, group
                    );
                }
            }
        }
    }
}

fn fact(day: u8, measure: &str, channel: &str, value: i64) -> OwnedFact {
    OwnedFact {
        day: date(2026, 1, i8::try_from(day).unwrap()),
        measure: measure.to_owned(),
        channel: Some(channel.to_owned()),
        segment: None,
        action: None,
        value: Decimal::new(value, 0),
    }
}

#[test]
fn a_rate_is_the_ratio_of_sums_not_the_mean_of_daily_rates() {
    // Day 1: 1 sale for 10 sessions (10 %); day 2: 9 for 990 (0.91 %).
    // The mean of daily rates would say 5.45 %; the window's rate is
    // 10 / 1000 = 1 %.
    let facts = [
        fact(1, "sessions", "email", 10),
        fact(1, "transactions", "email", 1),
        fact(2, "sessions", "email", 990),
        fact(2, "transactions", "email", 9),
    ];
    let kpi = catalogue::find("conversion_rate").unwrap();
    let window = Span {
        from: date(2026, 1, 1),
        to: date(2026, 1, 2),
    };
    let cube = Cube::build(
        kpi,
        window,
        None,
        None,
        None,
        facts.iter().map(OwnedFact::as_observation),
    );
    let value = cube.value(window, None);
    assert_eq!(value.value, Some(0.01));
    assert_eq!(value.components["sessions"], Decimal::new(1000, 0));
    assert_eq!(value.components["transactions"], Decimal::new(10, 0));
}

#[test]
fn a_zero_denominator_is_no_value() {
    let facts = [
        fact(1, "sessions", "email", 0),
        fact(1, "transactions", "email", 0),
    ];
    let kpi = catalogue::find("conversion_rate").unwrap();
    let window = Span {
        from: date(2026, 1, 1),
        to: date(2026, 1, 1),
    };
    let cube = Cube::build(
        kpi,
        window,
        None,
        None,
        None,
        facts.iter().map(OwnedFact::as_observation),
    );
    assert_eq!(cube.value(window, None).value, None);
}

#[test]
fn customers_per_day_divides_by_the_days_of_the_window() {
    let facts = [
        fact(1, "customers", "store", 30),
        fact(3, "customers", "store", 60),
    ];
    let kpi = catalogue::find("customers_per_day").unwrap();
    let window = Span {
        from: date(2026, 1, 1),
        to: date(2026, 1, 10),
    };
    let cube = Cube::build(
        kpi,
        window,
        None,
        None,
        None,
        facts.iter().map(OwnedFact::as_observation),
    );
    assert_eq!(cube.value(window, None).value, Some(9.0));
}
