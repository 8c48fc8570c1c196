//! The KPI engine: a KPI's value over a window is computed from the sums of
//! its components over that window (conversion rate = Σtransactions ÷
//! Σsessions), never from a mean of daily values. Sums are exact decimals;
//! only the last division is done in floating point.
//!
//! Facts (a measure's value on a day, for a channel, segment and action) are
//! gathered once into a [`Cube`]: per measure and group, the running totals
//! of every day from the first asked to the last, so that the sum over any
//! window is one subtraction, whatever the number of facts. Series (by day,
//! ISO week, month) and breakdowns (by channel, by segment) are windows and
//! groups of the same cube.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::kpi::{Aggregation, Definition, KpiDef};
use crate::observation::Observation;

/// How a window is cut into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Total,
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
}

/// What a breakdown groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Channel,
    Segment,
}

impl By {
    pub fn as_str(self) -> &'static str {
        match self {
            By::Channel => "channel",
            By::Segment => "segment",
        }
    }
}

/// A stretch of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: Date,
    pub to: Date,
}

impl Span {
    /// The number of days, ends included; 0 when `to` is before `from`.
    pub fn days(self) -> i64 {
        if self.to < self.from {
            return 0;
        }
        i64::from((self.to - self.from).get_days()) + 1
    }

    /// The window of the same length just before this one.
    pub fn previous(self) -> Span {
        let length = self.days().max(1);
        let to = self.from.yesterday().unwrap_or(self.from);
        let from = to
            .checked_sub(jiff::Span::new().days(length - 1))
            .unwrap_or(Date::MIN);
        Span { from, to }
    }
}

/// One period of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `2026-01-05`, `2026-W02`, `2026-01`, or `total`.
    pub label: String,
    pub span: Span,
    /// The window cuts the period: its first or last week or month is
    /// not whole.
    pub partial: bool,
}

/// The periods of `window` at `grain`, in order.
pub fn periods(window: Span, grain: Grain) -> Vec<Period> {
    let mut periods = Vec::new();
    if window.to < window.from {
        return periods;
    }
    let mut day = window.from;
    while day <= window.to {
        let (start, end, label) = match grain {
            Grain::Total => (window.from, window.to, "total".to_owned()),
            Grain::Day => (day, day, day.to_string()),
            Grain::Week => {
                let offset = i64::from(day.weekday().to_monday_zero_offset());
                let monday = day
                    .checked_sub(jiff::Span::new().days(offset))
                    .unwrap_or(day);
                let sunday = monday
                    .checked_add(jiff::Span::new().days(6))
                    .unwrap_or(Date::MAX);
                let iso = day.iso_week_date();
                (
                    monday,
                    sunday,
                    format!("{:04}-W{:02}", iso.year(), iso.week()),
                )
            }
            Grain::Month => (
                day.first_of_month(),
                day.last_of_month(),
                format!("{:04}-{:02}", day.year(), day.month()),
            ),
        };
        let span = Span {
            from: start.max(window.from),
            to: end.min(window.to),
        };
        periods.push(Period {
            label,
            span,
            partial: grain != Grain::Total && (start < window.from || end > window.to),
        });
        match span.to.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    periods
}

/// The components a KPI is computed from, by the name shown beside its
/// value: a measure's sum, `measure×weight` for a weighted mean, or the
/// latest value of a stock.
pub type Components = BTreeMap<String, Decimal>;

/// A KPI's value over a window, with what it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// `None`: no value (no data, or a zero denominator).
    pub value: Option<f64>,
    pub components: Components,
}

/// The measures (and products) a KPI needs, as cube series.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Need {
    /// A measure's daily sums.
    Sum(String),
    /// Σ value × weight, matched fact by fact.
    Product { measure: String, weight: String },
    /// Σ weight of the facts that have a value to weigh: the mean's
    /// denominator (a weight without a value must not dilute the mean).
    Paired { measure: String, weight: String },
    /// A stock's latest value.
    Last(String),
}

fn needs(kpi: &KpiDef) -> Vec<Need> {
    match &kpi.definition {
        Definition::Measure(Aggregation::Sum) => vec![Need::Sum(kpi.id.clone())],
        Definition::Measure(Aggregation::Last) => vec![Need::Last(kpi.id.clone())],
        Definition::Measure(Aggregation::WeightedMean { weight }) => vec![
            Need::Product {
                measure: kpi.id.clone(),
                weight: weight.clone(),
            },
            Need::Paired {
                measure: kpi.id.clone(),
                weight: weight.clone(),
            },
        ],
        Definition::Formula(formula) => formula
            .measures()
            .into_iter()
            .map(|measure| Need::Sum(measure.to_owned()))
            .collect(),
    }
}

impl Need {
    fn label(&self) -> String {
        match self {
            Need::Sum(measure) | Need::Last(measure) => measure.clone(),
            Need::Product { measure, weight } => product_series(measure, weight),
            Need::Paired { weight, .. } => weight.clone(),
        }
    }

    /// The name of the daily series this need reads (see [`series_of`]).
    fn series(&self) -> String {
        match self {
            Need::Sum(measure) | Need::Last(measure) => measure.clone(),
            Need::Product { measure, weight } => product_series(measure, weight),
            Need::Paired { measure, weight } => paired_series(measure, weight),
        }
    }
}

/// How a component of a KPI's value was obtained, for its label: a sum over
/// the window (`Σsessions`), or a stock's latest value in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gathered {
    Sum,
    Latest,
}

/// How the component `name` of `kpi`'s values was gathered: the latest
/// value for a measure recorded as a stock (`last`), a sum for everything
/// else (measures, a weighted mean's products and weights).
pub fn gathered(kpi: &KpiDef, name: &str) -> Gathered {
    let latest = needs(kpi)
        .iter()
        .any(|need| matches!(need, Need::Last(measure) if measure == name));
    if latest {
        Gathered::Latest
    } else {
        Gathered::Sum
    }
}

/// The daily series of Σ `measure` × `weight` over the facts (day, channel,
/// segment, action) that have both: the numerator of a weighted mean.
pub fn product_series(measure: &str, weight: &str) -> String {
    format!("{measure}×{weight}")
}

/// The daily series of Σ `weight` over the facts that also have a value of
/// `measure`: the denominator of a weighted mean.
pub fn paired_series(measure: &str, weight: &str) -> String {
    format!("{weight} with {measure}")
}

/// The names of the daily series a KPI is computed from: its measures, and
/// for a weighted mean its [`product_series`] and [`paired_series`]. These
/// are what [`Cube::from_totals`] takes.
pub fn series_of(kpi: &KpiDef) -> Vec<String> {
    let mut series: Vec<String> = needs(kpi).iter().map(Need::series).collect();
    series.sort();
    series.dedup();
    series
}

/// One day's total of one daily series, for one group of a breakdown (the
/// channel or segment; `None` without a breakdown), as a store keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyTotal<'a> {
    pub series: &'a str,
    pub group: Option<&'a str>,
    pub day: Date,
    pub value: Decimal,
}

/// The measures whose facts a KPI needs.
pub fn measures_of(kpi: &KpiDef) -> BTreeSet<String> {
    needs(kpi)
        .into_iter()
        .flat_map(|need| match need {
            Need::Sum(measure) | Need::Last(measure) => vec![measure],
            Need::Product { measure, weight } | Need::Paired { measure, weight } => {
                vec![measure, weight]
            }
        })
        .collect()
}

/// Running totals of one series over the cube's days.
#[derive(Debug, Clone)]
struct Series {
    /// `sums[i]`: the total of days `0..i`.
    sums: Vec<Decimal>,
    /// `facts[i]`: how many facts on days `0..i`.
    facts: Vec<u32>,
    /// For stocks: each day's total, `None` without a fact.
    daily: Vec<Option<Decimal>>,
}

impl Series {
    fn new(days: usize) -> Series {
        Series {
            sums: vec![Decimal::ZERO; days + 1],
            facts: vec![0; days + 1],
            daily: vec![None; days],
        }
    }
}

/// A KPI's facts over a span of days, per group (one group, `None`, unless
/// a breakdown was asked), as running totals.
#[derive(Debug, Clone)]
pub struct Cube {
    kpi: KpiDef,
    start: Date,
    days: usize,
    /// (need, group) → series, filled as running totals.
    series: HashMap<(Need, Option<String>), Series>,
    groups: BTreeSet<Option<String>>,
}

impl Cube {
    /// Gathers the facts of `kpi` on the days of `span` that pass the
    /// filters, grouped `by` channel or segment if asked. Facts outside the
    /// span, of other measures or other channels and segments are ignored.
    pub fn build<'a>(
        kpi: &KpiDef,
        span: Span,
        channel: Option<&str>,
        segment: Option<&str>,
        by: Option<By>,
        facts: impl IntoIterator<Item = Observation<'a>>,
    ) -> Cube {
        let mut cube = Cube::empty(kpi, span, by);
        let needs = needs(kpi);
        let measures = measures_of(kpi);
        // Weighted means pair a value with its weight fact by fact: both
        // are gathered per (day, channel, segment, action) first.
        let products: Vec<(&str, &str)> = needs
            .iter()
            .filter_map(|need| match need {
                Need::Product { measure, weight } => Some((measure.as_str(), weight.as_str())),
                _ => None,
            })
            .collect();
        type Leaf = (usize, Option<String>, Option<String>, Option<String>);
        let mut pairs: HashMap<Leaf, (Option<Decimal>, Option<Decimal>)> = HashMap::new();
        for fact in facts {
            if fact.day < span.from || fact.day > span.to || !measures.contains(fact.measure) {
                continue;
            }
            if channel.is_some_and(|wanted| fact.channel != Some(wanted))
                || segment.is_some_and(|wanted| fact.segment != Some(wanted))
            {
                continue;
            }
            let day = usize::try_from((fact.day - span.from).get_days()).unwrap_or(0);
            let group = match by {
                None => None,
                Some(By::Channel) => Some(fact.channel.unwrap_or("").to_owned()),
                Some(By::Segment) => Some(fact.segment.unwrap_or("").to_owned()),
            };
            for need in &needs {
                match need {
                    Need::Sum(measure) | Need::Last(measure) if measure == fact.measure => {
                        cube.add(need.clone(), group.clone(), day, fact.value);
                    }
                    _ => {}
                }
            }
            for (measure, weight) in &products {
                let leaf = (
                    day,
                    fact.channel.map(str::to_owned),
                    fact.segment.map(str::to_owned),
                    fact.action.map(str::to_owned),
                );
                if fact.measure == *measure {
                    pairs.entry(leaf.clone()).or_default().0 = Some(fact.value);
                }
                if fact.measure == *weight {
                    pairs.entry(leaf).or_default().1 = Some(fact.value);
                }
            }
        }
        if let Some((measure, weight)) = products.first() {
            let need = Need::Product {
                measure: (*measure).to_owned(),
                weight: (*weight).to_owned(),
            };
            let paired = Need::Paired {
                measure: (*measure).to_owned(),
                weight: (*weight).to_owned(),
            };
            for ((day, channel, segment, _), pair) in pairs {
                // A value without its weight (or the other way) weighs
                // nothing: it cannot be placed in the mean.
                if let (Some(value), Some(weight)) = pair {
                    let group = match by {
                        None => None,
                        Some(By::Channel) => Some(channel.unwrap_or_default()),
                        Some(By::Segment) => Some(segment.unwrap_or_default()),
                    };
                    cube.add(need.clone(), group.clone(), day, times(value, weight));
                    cube.add(paired.clone(), group, day, weight);
                }
            }
        }
        cube.finish()
    }

    /// The same cube from daily totals already summed over the filters
    /// (the store's [`series_of`] the KPI, for the channel and segment
    /// asked, per group when `by` is asked): its cost grows with the days
    /// and groups, not with the facts behind them. Totals of other series or
    /// outside the span are ignored.
    pub fn from_totals<'a>(
        kpi: &KpiDef,
        span: Span,
        by: Option<By>,
        totals: impl IntoIterator<Item = DailyTotal<'a>>,
    ) -> Cube {
        let mut cube = Cube::empty(kpi, span, by);
        let needs = needs(kpi);
        let series: Vec<String> = needs.iter().map(Need::series).collect();
        for total in totals {
            if total.day < span.from || total.day > span.to {
                continue;
            }
            let day = usize::try_from((total.day - span.from).get_days()).unwrap_or(0);
            let group = by.map(|_| total.group.unwrap_or("").to_owned());
            for (need, name) in needs.iter().zip(&series) {
                if name == total.series {
                    cube.add(need.clone(), group.clone(), day, total.value);
                }
            }
        }
        cube.finish()
    }

    fn empty(kpi: &KpiDef, span: Span, by: Option<By>) -> Cube {
        let mut cube = Cube {
            kpi: kpi.clone(),
            start: span.from,
            days: usize::try_from(span.days()).unwrap_or(0),
            series: HashMap::new(),
            groups: BTreeSet::new(),
        };
        if by.is_none() {
            cube.groups.insert(None);
        }
        cube
    }

    fn add(&mut self, need: Need, group: Option<String>, day: usize, value: Decimal) {
        let days = self.days;
        self.groups.insert(group.clone());
        let series = self
            .series
            .entry((need, group))
            .or_insert_with(|| Series::new(days));
        series.sums[day + 1] = plus(series.sums[day + 1], value);
        series.facts[day + 1] += 1;
        let daily = &mut series.daily[day];
        *daily = Some(plus(daily.unwrap_or(Decimal::ZERO), value));
    }

    /// Turns each series' daily sums into running totals.
    fn finish(mut self) -> Cube {
        let days = self.days;
        for series in self.series.values_mut() {
            for i in 1..=days {
                let (before, current) = series.sums.split_at_mut(i);
                current[0] = plus(current[0], before[i - 1]);
                series.facts[i] += series.facts[i - 1];
            }
        }
        self
    }

    /// The groups of a breakdown (a channel or segment; `""` for facts
    /// without one), or the one group `None` without a breakdown.
    pub fn groups(&self) -> Vec<Option<String>> {
        self.groups.iter().cloned().collect()
    }

    /// The KPI's value over `window` (within the cube's span) for `group`.
    pub fn value(&self, window: Span, group: Option<&str>) -> Value {
        let mut components = Components::new();
        let Some((first, last)) = self.indices(window) else {
            return Value {
                value: None,
                components,
            };
        };
        let group = group.map(str::to_owned);
        let mut known: HashMap<String, Option<Decimal>> = HashMap::new();
        for need in needs(&self.kpi) {
            let series = self.series.get(&(need.clone(), group.clone()));
            let amount = series.and_then(|series| match &need {
                Need::Last(_) => series.daily[first..=last].iter().rev().find_map(|d| *d),
                _ => (series.facts[last + 1] > series.facts[first])
                    .then(|| plus(series.sums[last + 1], -series.sums[first])),
            });
            if let Some(amount) = amount {
                components.insert(need.label(), amount);
            }
            known.insert(need.label(), amount);
        }
        let get = |label: &str| known.get(label).copied().flatten();
        let value = match &self.kpi.definition {
            Definition::Measure(Aggregation::Sum | Aggregation::Last) => {
                get(&self.kpi.id).and_then(|v| v.to_f64())
            }
            Definition::Measure(Aggregation::WeightedMean { weight }) => {
                let product = get(&format!("{}×{weight}", self.kpi.id));
                match (product, get(weight)) {
                    (Some(product), Some(weight)) if !weight.is_zero() => {
                        (product / weight).to_f64()
                    }
                    _ => None,
                }
            }
            Definition::Formula(formula) => {
                let days = (last - first + 1) as f64;
                formula.evaluate(|measure| get(measure).and_then(|v| v.to_f64()), days)
            }
        };
        Value {
            value: value.filter(|v| v.is_finite()),
            components,
        }
    }

    /// The first and the last day of the cube with a fact of its KPI (for
    /// `group`), `None` when it holds none.
    pub fn data_days(&self, group: Option<&str>) -> Option<(Date, Date)> {
        let mut first: Option<usize> = None;
        let mut last: Option<usize> = None;
        for ((_, of), series) in &self.series {
            if of.as_deref() != group {
                continue;
            }
            let known = |d: &Option<Decimal>| d.is_some();
            if let Some(day) = series.daily.iter().position(known) {
                first = Some(first.map_or(day, |f| f.min(day)));
            }
            if let Some(day) = series.daily.iter().rposition(known) {
                last = Some(last.map_or(day, |l| l.max(day)));
            }
        }
        let day = |index: usize| {
            self.start
                .checked_add(jiff::Span::new().days(index as i64))
                .ok()
        };
        Some((day(first?)?, day(last?)?))
    }

    /// The cube's day indices of `window`, clipped to the cube.
    fn indices(&self, window: Span) -> Option<(usize, usize)> {
        if self.days == 0 || window.to < window.from {
            return None;
        }
        let end = self
            .start
            .checked_add(jiff::Span::new().days(self.days as i64 - 1))
            .ok()?;
        let from = window.from.max(self.start);
        let to = window.to.min(end);
        if to < from {
            return None;
        }
        let index = |day: Date| usize::try_from((day - self.start).get_days()).ok();
        Some((index(from)?, index(to)?))
    }
}

/// A product that saturates instead of panicking, as [`plus`] does.
pub fn times(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b)
        .unwrap_or(if a.is_sign_negative() != b.is_sign_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
}

/// A sum that saturates instead of panicking: sums of a workspace's
/// figures stay far below the 28 digits a decimal holds, but no input may
/// crash the engine.
pub fn plus(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(if b.is_sign_negative() {
        Decimal::MIN
    } else {
        Decimal::MAX
    })
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn weeks_are_iso_and_partial_ends_are_marked() {
        let window = Span {
            from: date(2026, 1, 1),
            to: date(2026, 1, 14),
        };
        let weeks: Vec<String> = periods(window, Grain::Week)
            .into_iter()
            .map(|p| format!("{} {}..{} {}", p.label, p.span.from, p.span.to, p.partial))
            .collect();
        assert_eq!(
            weeks,
            [
                "2026-W01 2026-01-01..2026-01-04 true",
                "2026-W02 2026-01-05..2026-01-11 false",
                "2026-W03 2026-01-12..2026-01-14 true",
            ]
        );
        let months: Vec<String> = periods(
            Span {
                from: date(2025, 12, 15),
                to: date(2026, 2, 28),
            },
            Grain::Month,
        )
        .into_iter()
        .map(|p| format!("{} {}", p.label, p.partial))
        .collect();
        assert_eq!(months, ["2025-12 true", "2026-01 false", "2026-02 false"]);
        // ISO week years: 2027-01-01 is a Friday, in week 53 of 2026.
        let label = &periods(
            Span {
                from: date(2027, 1, 1),
                to: date(2027, 1, 1),
            },
            Grain::Week,
        )[0]
        .label;
        assert_eq!(label, "2026-W53");
    }

    #[test]
    fn the_previous_window_has_the_same_length() {
        let window = Span {
            from: date(2026, 3, 1),
            to: date(2026, 3, 31),
        };
        assert_eq!(
            window.previous(),
            Span {
                from: date(2026, 1, 29),
                to: date(2026, 2, 28),
            }
        );
    }
}
