//! Daily totals: per series (a measure, or the product and paired weight of
//! a weighted mean), per day, summed over every channel, every segment and
//! every action, or for one of them. The engine reads them instead of the
//! observations, so that what a dashboard costs grows with the objectives
//! and days shown, not with the observations stored (ten million values
//! over three years are a few thousand totals per series and scope).
//!
//! Both stores keep them per month: one row per series, scope and month,
//! holding the month's days in a small blob ([`encode`]). An import or an
//! undo recomputes the months it touched from the observations, in the same
//! transaction ([`Builder`]), so the totals are always those of the stored
//! observations: nothing to drift.
//!
//! The scopes kept are those a plan asks for: everything; one channel; one
//! segment; one channel and one segment; one action (for its spend).

use jiff::civil::Date;
use kpilot_core::engine::{By, DailyTotal, paired_series, plus, product_series, times};
use kpilot_core::kpi::{Aggregation, Definition};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::StoreError;

/// Which channels (or segments, or actions) a total covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// All of them together.
    All,
    /// Each one apart (a breakdown); `""` for the values without one.
    Each,
    /// One of them; `""` for the values without one.
    Only(String),
}

impl Scope {
    /// `All` without a filter, the one asked otherwise.
    pub fn of(filter: Option<&str>) -> Scope {
        match filter {
            None => Scope::All,
            Some(name) => Scope::Only(name.to_owned()),
        }
    }
}

/// The scopes the store keeps totals for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TotalsScope {
    /// By channel and segment, over all actions.
    Market { channel: Scope, segment: Scope },
    /// By action, over all channels and segments.
    Action(Scope),
}

/// Which totals to read; the days are inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalsQuery {
    /// Series names: measures, or those of [`kpilot_core::engine::series_of`].
    pub series: Vec<String>,
    pub scope: TotalsScope,
    /// `None`: from the first month with data.
    pub from: Option<Date>,
    pub to: Date,
}

/// One day's total of one series in one scope. `channel`, `segment` and
/// `action` are `None` where the scope is [`Scope::All`], the name (`""`
/// for none) otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTotal {
    pub series: String,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub action: Option<String>,
    pub day: Date,
    pub value: Decimal,
    /// How many observations were summed.
    pub facts: u32,
}

impl StoredTotal {
    /// The total as the engine takes it, grouped `by` channel or segment.
    pub fn as_daily_total(&self, by: Option<By>) -> DailyTotal<'_> {
        DailyTotal {
            series: &self.series,
            group: match by {
                None => None,
                Some(By::Channel) => self.channel.as_deref(),
                Some(By::Segment) => self.segment.as_deref(),
            },
            day: self.day,
            value: self.value,
        }
    }
}

/// The stored number of [`Scope::All`] in a scope column; names are
/// numbered from 0 (none) up.
pub(crate) const ALL: i64 = -1;

/// A month as stored: yyyymm.
pub(crate) fn month_number(day: Date) -> i64 {
    i64::from(day.year()) * 100 + i64::from(day.month())
}

/// The first and last day of a stored month.
pub(crate) fn month_days(month: i64) -> Option<(Date, Date)> {
    let first = Date::new(
        i16::try_from(month / 100).ok()?,
        i8::try_from(month % 100).ok()?,
        1,
    )
    .ok()?;
    Some((first, first.last_of_month()))
}

/// The months from `from`'s to `to`'s, as stored.
pub(crate) fn months_between(from: Date, to: Date) -> Vec<i64> {
    let mut months = Vec::new();
    let mut day = from.first_of_month();
    while day <= to {
        months.push(month_number(day));
        match day.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    months
}

/// The weighted means whose product and paired weight are kept, as
/// (measure, weight): the catalogue's. A plan's own weighted mean is
/// computed from its observations (see `kpilot`'s data access).
pub fn kept_pairs() -> Vec<(&'static str, &'static str)> {
    kpilot_core::catalogue::builtin()
        .iter()
        .filter_map(|kpi| match &kpi.definition {
            Definition::Measure(Aggregation::WeightedMean { weight }) => {
                Some((kpi.id.as_str(), weight.as_str()))
            }
            _ => None,
        })
        .collect()
}

/// The names of the series kept for weighted means, besides the measures.
pub(crate) fn pair_series() -> Vec<(&'static str, &'static str, String, String)> {
    kept_pairs()
        .into_iter()
        .map(|(measure, weight)| {
            (
                measure,
                weight,
                product_series(measure, weight),
                paired_series(measure, weight),
            )
        })
        .collect()
}

/// A weighted mean to pair, in the numbers of one store: the measure, its
/// weight, and the series its product and paired weight are kept as.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    pub measure: i64,
    pub weight: i64,
    pub product: i64,
    pub paired: i64,
}

/// One stored observation, its names as numbers (0: none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Leaf {
    /// yyyymmdd.
    pub day: i64,
    pub measure: i64,
    pub channel: i64,
    pub segment: i64,
    pub action: i64,
    pub value: Decimal,
}

/// A month's totals row: (series, channel, segment, action), `ALL` where
/// summed over every one.
pub(crate) type TotalsKey = [i64; 4];

/// Sums observations into daily totals. Observations must come grouped by
/// (day, channel, segment, action), as both stores' keys order them, so
/// that a weighted mean's value and weight meet.
pub(crate) struct Builder<'p> {
    pairs: &'p [Pair],
    /// (series, channel, segment, action, day) → (total, facts).
    sums: FxHashMap<[i64; 5], (Decimal, u32)>,
    leaf: Vec<Leaf>,
}

impl<'p> Builder<'p> {
    pub fn new(pairs: &'p [Pair]) -> Builder<'p> {
        Builder {
            pairs,
            sums: FxHashMap::default(),
            leaf: Vec::new(),
        }
    }

    pub fn push(&mut self, leaf: Leaf) {
        if self.leaf.first().is_some_and(|first| {
            (first.day, first.channel, first.segment, first.action)
                != (leaf.day, leaf.channel, leaf.segment, leaf.action)
        }) {
            self.close_leaf();
        }
        self.leaf.push(leaf);
    }

    fn close_leaf(&mut self) {
        let leaf = std::mem::take(&mut self.leaf);
        let Some(first) = leaf.first() else {
            return;
        };
        let (day, channel, segment, action) =
            (first.day, first.channel, first.segment, first.action);
        let scopes = [
            [ALL, ALL, ALL],
            [channel, ALL, ALL],
            [ALL, segment, ALL],
            [channel, segment, ALL],
            [ALL, ALL, action],
        ];
        // Values without an action have no action scope.
        let scopes = &scopes[..if action == 0 { 4 } else { 5 }];
        let sums = &mut self.sums;
        let mut add = |series: i64, value: Decimal| {
            for [channel, segment, action] in scopes {
                let sum = sums
                    .entry([series, *channel, *segment, *action, day])
                    .or_insert((Decimal::ZERO, 0));
                sum.0 = plus(sum.0, value);
                sum.1 = sum.1.saturating_add(1);
            }
        };
        for observation in &leaf {
            add(observation.measure, observation.value);
        }
        for pair in self.pairs {
            let value = leaf.iter().find(|o| o.measure == pair.measure);
            let weight = leaf.iter().find(|o| o.measure == pair.weight);
            if let (Some(value), Some(weight)) = (value, weight) {
                add(pair.product, times(value.value, weight.value));
                add(pair.paired, weight.value);
            }
        }
        self.leaf = leaf;
        self.leaf.clear();
    }

    /// The totals, per month and key, each with its blob, in key order.
    pub fn finish(mut self) -> Vec<(i64, TotalsKey, Vec<u8>)> {
        self.close_leaf();
        let mut sums: Vec<([i64; 5], (Decimal, u32))> = self.sums.into_iter().collect();
        sums.sort_unstable_by_key(|([series, channel, segment, action, day], _)| {
            (day / 100, *series, *channel, *segment, *action, *day)
        });
        let mut rows: Vec<(i64, TotalsKey, Vec<u8>)> = Vec::new();
        for ([series, channel, segment, action, day], (total, facts)) in sums {
            let month = day / 100;
            let key = [series, channel, segment, action];
            match rows.last_mut() {
                Some((last_month, last_key, blob)) if *last_month == month && *last_key == key => {
                    encode_day(blob, day, total, facts);
                }
                _ => {
                    let mut blob = Vec::with_capacity(DAY_BYTES * 4);
                    encode_day(&mut blob, day, total, facts);
                    rows.push((month, key, blob));
                }
            }
        }
        rows
    }
}

/// Bytes per day in a month's blob: the day of the month (1 byte), the
/// number of observations (4, little-endian) and the exact total
/// (`rust_decimal`'s 16-byte serialisation).
const DAY_BYTES: usize = 21;

fn encode_day(blob: &mut Vec<u8>, day: i64, total: Decimal, facts: u32) {
    blob.push((day % 100) as u8);
    blob.extend_from_slice(&facts.to_le_bytes());
    blob.extend_from_slice(&total.serialize());
}

/// A month's blob back as (day, total, facts), for the stored month
/// `month`.
pub(crate) fn decode(month: i64, blob: &[u8]) -> Result<Vec<(Date, Decimal, u32)>, StoreError> {
    let corrupt = || StoreError::CorruptData(format!("daily totals of month {month}"));
    if blob.len() % DAY_BYTES != 0 {
        return Err(corrupt());
    }
    let (first, _) = month_days(month).ok_or_else(corrupt)?;
    blob.chunks_exact(DAY_BYTES)
        .map(|chunk| {
            let day = first
                .with()
                .day(i8::try_from(chunk[0]).map_err(|_| corrupt())?)
                .build()
                .map_err(|_| corrupt())?;
            let facts = u32::from_le_bytes(chunk[1..5].try_into().map_err(|_| corrupt())?);
            let total =
                Decimal::deserialize(chunk[5..DAY_BYTES].try_into().map_err(|_| corrupt())?);
            Ok((day, total, facts))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn leaf(day: i64, measure: i64, channel: i64, action: i64, value: i64) -> Leaf {
        Leaf {
            day,
            measure,
            channel,
            segment: 0,
            action,
            value: Decimal::new(value, 2),
        }
    }

    #[test]
    fn totals_are_kept_per_scope_month_and_day() {
        let pairs = [Pair {
            measure: 10,
            weight: 11,
            product: 12,
            paired: 13,
        }];
        let mut builder = Builder::new(&pairs);
        // Channel 5, action 7: a value with its weight; channel 6: a value
        // alone, which weighs nothing.
        builder.push(leaf(20260131, 10, 5, 7, 300));
        builder.push(leaf(20260131, 11, 5, 7, 200));
        builder.push(leaf(20260131, 10, 6, 0, 100));
        builder.push(leaf(20260201, 10, 6, 0, 100));
        let rows = builder.finish();
        let find = |month: i64, key: TotalsKey| {
            let (_, _, blob) = rows
                .iter()
                .find(|(m, k, _)| *m == month && *k == key)
                .unwrap_or_else(|| panic!("no totals for {month} {key:?}"));
            decode(month, blob).unwrap()
        };
        let january = date(2026, 1, 31);
        assert_eq!(
            find(202601, [10, ALL, ALL, ALL]),
            vec![(january, Decimal::new(400, 2), 2)]
        );
        assert_eq!(
            find(202601, [10, 5, ALL, ALL]),
            vec![(january, Decimal::new(300, 2), 1)]
        );
        assert_eq!(
            find(202601, [10, ALL, ALL, 7]),
            vec![(january, Decimal::new(300, 2), 1)]
        );
        assert_eq!(
            find(202601, [12, ALL, ALL, ALL]),
            vec![(january, Decimal::new(60000, 4), 1)]
        );
        assert_eq!(
            find(202601, [13, 5, 0, ALL]),
            vec![(january, Decimal::new(200, 2), 1)]
        );
        assert_eq!(
            find(202602, [10, 6, ALL, ALL]),
            vec![(date(2026, 2, 1), Decimal::new(100, 2), 1)]
        );
        // No action: no action scope.
        assert!(!rows.iter().any(|(_, key, _)| key[3] == 0));
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        assert!(decode(202601, &[1, 2, 3]).is_err());
        let mut blob = Vec::new();
        encode_day(&mut blob, 20260131, Decimal::ONE, 1);
        blob[0] = 200;
        assert!(decode(202601, &blob).is_err());
        assert!(decode(999999, &[]).is_err());
    }

    #[test]
    fn months_between_covers_both_ends() {
        assert_eq!(
            months_between(date(2025, 11, 30), date(2026, 2, 1)),
            vec![202511, 202512, 202601, 202602]
        );
        assert_eq!(
            month_days(202602),
            Some((date(2026, 2, 1), date(2026, 2, 28)))
        );
    }
}
