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

/// Each series' blob in one scope, found by a short scan.
type SeriesBlobs = Vec<(i64, Vec<u8>)>;

/// Sums one month's observations into daily totals, written straight into
/// each key's blob. Observations must come in day order, grouped by (day,
/// channel, segment, action) as both stores' keys order them, so that a
/// weighted mean's value and weight meet and each key's days come in order.
pub(crate) struct Builder {
    pairs: Vec<Pair>,
    /// Each coarser key's blob so far: (series, channel, segment, action).
    blobs: FxHashMap<TotalsKey, Vec<u8>>,
    /// The blobs of one channel and one segment: looked up once a (day,
    /// channel, segment), then each series' by a short scan.
    fine: Vec<((i64, i64), SeriesBlobs)>,
    fine_slots: FxHashMap<(i64, i64), usize>,
    /// The month (yyyymm), from the first observation.
    month: Option<i64>,
    /// The current day.
    day: Option<i64>,
    /// The current day's sums in the coarser scopes (all; one channel; one
    /// segment; one action): few keys a day.
    day_sums: FxHashMap<TotalsKey, (Decimal, u32)>,
    /// The current (day, channel, segment)'s sums per series: the scope of
    /// one channel and one segment, as many keys as observations (less
    /// their actions), summed without hashing.
    group: Vec<(i64, (Decimal, u32))>,
    group_key: Option<(i64, i64, i64)>,
    leaf: Vec<Leaf>,
}

impl Builder {
    pub fn new(pairs: Vec<Pair>) -> Builder {
        Builder {
            pairs,
            blobs: FxHashMap::default(),
            fine: Vec::new(),
            fine_slots: FxHashMap::default(),
            month: None,
            day: None,
            day_sums: FxHashMap::default(),
            group: Vec::new(),
            group_key: None,
            leaf: Vec::new(),
        }
    }

    pub fn push(&mut self, leaf: Leaf) {
        debug_assert!(self.month.is_none_or(|month| month == leaf.day / 100));
        self.month.get_or_insert(leaf.day / 100);
        if self.leaf.first().is_some_and(|first| {
            (first.day, first.channel, first.segment, first.action)
                != (leaf.day, leaf.channel, leaf.segment, leaf.action)
        }) {
            self.close_leaf();
        }
        self.leaf.push(leaf);
    }

    /// Writes the current (day, channel, segment)'s sums.
    fn close_group(&mut self) {
        if let Some((day, channel, segment)) = self.group_key.take() {
            let fine = &mut self.fine;
            let slot = *self
                .fine_slots
                .entry((channel, segment))
                .or_insert_with(|| {
                    fine.push(((channel, segment), Vec::new()));
                    fine.len() - 1
                });
            let blobs = &mut fine[slot].1;
            for (series, (total, facts)) in self.group.drain(..) {
                let at = match blobs.iter().position(|(s, _)| *s == series) {
                    Some(at) => at,
                    None => {
                        blobs.push((series, Vec::new()));
                        blobs.len() - 1
                    }
                };
                encode_day(&mut blobs[at].1, day, total, facts);
            }
        }
    }

    /// Writes the current day's sums in the coarser scopes.
    fn close_day(&mut self) {
        if let Some(day) = self.day.take() {
            for (key, (total, facts)) in self.day_sums.drain() {
                encode_day(self.blobs.entry(key).or_default(), day, total, facts);
            }
        }
    }

    fn close_leaf(&mut self) {
        let leaf = std::mem::take(&mut self.leaf);
        let Some(first) = leaf.first() else {
            return;
        };
        let (day, channel, segment, action) =
            (first.day, first.channel, first.segment, first.action);
        if self.group_key != Some((day, channel, segment)) {
            self.close_group();
            self.group_key = Some((day, channel, segment));
        }
        if self.day != Some(day) {
            self.close_day();
            self.day = Some(day);
        }
        let scopes = [
            [ALL, ALL, ALL],
            [channel, ALL, ALL],
            [ALL, segment, ALL],
            [ALL, ALL, action],
        ];
        // Values without an action have no action scope.
        let scopes = &scopes[..if action == 0 { 3 } else { 4 }];
        let day_sums = &mut self.day_sums;
        let group = &mut self.group;
        let mut add = |series: i64, value: Decimal| {
            let bump = |sum: &mut (Decimal, u32)| {
                sum.0 = plus(sum.0, value);
                sum.1 = sum.1.saturating_add(1);
            };
            for [channel, segment, action] in scopes {
                bump(
                    day_sums
                        .entry([series, *channel, *segment, *action])
                        .or_insert((Decimal::ZERO, 0)),
                );
            }
            match group.iter_mut().find(|(s, _)| *s == series) {
                Some((_, sum)) => bump(sum),
                None => group.push((series, (value, 1))),
            }
        };
        for observation in &leaf {
            add(observation.measure, observation.value);
        }
        for pair in &self.pairs {
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
        self.close_group();
        self.close_day();
        let Some(month) = self.month else {
            return Vec::new();
        };
        let fine = self
            .fine
            .into_iter()
            .flat_map(|((channel, segment), blobs)| {
                blobs
                    .into_iter()
                    .map(move |(series, blob)| ([series, channel, segment, ALL], blob))
            });
        let mut rows: Vec<(i64, TotalsKey, Vec<u8>)> = self
            .blobs
            .into_iter()
            .chain(fine)
            .map(|(key, blob)| (month, key, blob))
            .collect();
        rows.sort_unstable_by_key(|(_, key, _)| *key);
        rows
    }
}

// A month's blob: for each day with data, in order, the day of the month
// (1 byte), the number of observations (a LEB128 varint), the total's
// scale (1 byte) and its mantissa (a zigzag LEB128 varint): about six bytes
// a day for the usual figures, where a fixed-width decimal takes twenty-one.

fn encode_day(blob: &mut Vec<u8>, day: i64, total: Decimal, facts: u32) {
    blob.push((day % 100) as u8);
    push_varint(blob, u128::from(facts));
    blob.push(total.scale() as u8);
    let mantissa = total.mantissa();
    push_varint(blob, ((mantissa << 1) ^ (mantissa >> 127)) as u128);
}

fn push_varint(blob: &mut Vec<u8>, mut value: u128) {
    while value >= 0x80 {
        blob.push((value as u8) | 0x80);
        value >>= 7;
    }
    blob.push(value as u8);
}

fn read_varint(bytes: &mut impl Iterator<Item = u8>) -> Option<u128> {
    let mut value = 0u128;
    for shift in (0..128).step_by(7) {
        let byte = bytes.next()?;
        value |= u128::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Where a stored row of totals belongs: series, channel, segment, action.
pub(crate) type RowScope = (String, Option<String>, Option<String>, Option<String>);

/// Appends the days of a stored month's blob that fall in `from..=to`.
pub(crate) fn push_days(
    totals: &mut Vec<StoredTotal>,
    (series, channel, segment, action): &RowScope,
    month: i64,
    blob: &[u8],
    (from, to): (Date, Date),
) -> Result<(), StoreError> {
    for (day, value, facts) in decode(month, blob)? {
        if day >= from && day <= to {
            totals.push(StoredTotal {
                series: series.clone(),
                channel: channel.clone(),
                segment: segment.clone(),
                action: action.clone(),
                day,
                value,
                facts,
            });
        }
    }
    Ok(())
}

/// Totals in the order [`crate::Store::daily_totals`] promises: series,
/// channel, segment, action, day.
pub(crate) fn sort(totals: &mut [StoredTotal]) {
    totals.sort_by(|a, b| {
        (&a.series, &a.channel, &a.segment, &a.action, a.day)
            .cmp(&(&b.series, &b.channel, &b.segment, &b.action, b.day))
    });
}

/// A month's blob back as (day, total, facts), for the stored month
/// `month`.
pub(crate) fn decode(month: i64, blob: &[u8]) -> Result<Vec<(Date, Decimal, u32)>, StoreError> {
    let corrupt = || StoreError::CorruptData(format!("daily totals of month {month}"));
    let (first, _) = month_days(month).ok_or_else(corrupt)?;
    let mut bytes = blob.iter().copied().peekable();
    let mut days = Vec::new();
    while let Some(day) = bytes.next() {
        let day = first
            .with()
            .day(i8::try_from(day).map_err(|_| corrupt())?)
            .build()
            .map_err(|_| corrupt())?;
        let facts = read_varint(&mut bytes)
            .and_then(|facts| u32::try_from(facts).ok())
            .ok_or_else(corrupt)?;
        let scale = u32::from(bytes.next().ok_or_else(corrupt)?);
        let zigzag = read_varint(&mut bytes).ok_or_else(corrupt)?;
        let mantissa = ((zigzag >> 1) as i128) ^ -((zigzag & 1) as i128);
        let total = Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| corrupt())?;
        days.push((day, total, facts));
    }
    Ok(days)
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
        // A builder per month. Channel 5, action 7: a value with its
        // weight; channel 6: a value alone, which weighs nothing.
        let mut january = Builder::new(pairs.to_vec());
        january.push(leaf(20260130, 10, 6, 0, 50));
        january.push(leaf(20260131, 10, 5, 7, 300));
        january.push(leaf(20260131, 11, 5, 7, 200));
        january.push(leaf(20260131, 10, 6, 0, 100));
        let mut february = Builder::new(pairs.to_vec());
        february.push(leaf(20260201, 10, 6, 0, 100));
        let mut rows = january.finish();
        rows.extend(february.finish());
        let find = |month: i64, key: TotalsKey| {
            let (_, _, blob) = rows
                .iter()
                .find(|(m, k, _)| *m == month && *k == key)
                .unwrap_or_else(|| panic!("no totals for {month} {key:?}"));
            decode(month, blob).unwrap()
        };
        let (thirtieth, january) = (date(2026, 1, 30), date(2026, 1, 31));
        assert_eq!(
            find(202601, [10, ALL, ALL, ALL]),
            vec![
                (thirtieth, Decimal::new(50, 2), 1),
                (january, Decimal::new(400, 2), 2)
            ]
        );
        assert_eq!(
            find(202601, [10, 6, 0, ALL]),
            vec![
                (thirtieth, Decimal::new(50, 2), 1),
                (january, Decimal::new(100, 2), 1)
            ]
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
    fn blobs_keep_every_decimal_exactly() {
        let values = [
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::new(123_456, 2),
            Decimal::new(-5, 28),
            Decimal::MAX,
            Decimal::MIN,
        ];
        let mut blob = Vec::new();
        for (day, value) in values.iter().enumerate() {
            encode_day(&mut blob, 20260101 + day as i64, *value, day as u32 * 1000);
        }
        let decoded = decode(202601, &blob).unwrap();
        for (day, value) in values.iter().enumerate() {
            assert_eq!(
                decoded[day],
                (date(2026, 1, 1 + day as i8), *value, day as u32 * 1000)
            );
            assert_eq!(decoded[day].1.scale(), value.scale());
        }
    }

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        assert!(decode(202601, &[1, 2, 3]).is_err());
        assert!(decode(202601, &[1, 0x80, 0x80]).is_err());
        assert!(decode(202601, &[1, 1, 40, 2]).is_err());
        assert!(
            decode(
                202601,
                &[
                    1, 1, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f
                ]
            )
            .is_err()
        );
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
