//! Daily totals: after every import, correction and undo, the totals a
//! store keeps are exactly those computed by plain loops over the
//! observations it returns, in every scope the engine asks for, for the
//! measures and for the weighted means' products and paired weights.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use kpilot_core::engine::{paired_series, plus, product_series, times};
use kpilot_store::{
    ImportMode, ObservationQuery, Scope, Store, StoredObservation, StoredTotal, TotalsQuery,
    TotalsScope,
};
use rust_decimal::Decimal;

use crate::harness::{OwnedObservation, Rows, file};

on_every_store!(
    daily_totals_match_the_observations_after_imports_corrections_and_undos,
    totals_are_read_only_within_the_days_asked,
);

const MEASURES: &[&str] = &["sessions", "impressions", "search_position", "cost"];
const CHANNELS: &[Option<&str>] = &[None, Some("email"), Some("search")];
const SEGMENTS: &[Option<&str>] = &[None, Some("vip"), Some("new")];
const ACTIONS: &[Option<&str>] = &[None, Some("launch"), Some("sale")];

/// Values over two months and a half (the totals are kept per month), on a
/// small key space so that files overlap; `shift` changes the values.
fn generate(seed: u64, count: usize, shift: i64) -> Rows {
    let mut state = seed;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % n
    };
    let start = date(2026, 1, 20);
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    while rows.len() < count {
        let key = (
            next(70) as i64,
            next(MEASURES.len() as u64) as usize,
            next(CHANNELS.len() as u64) as usize,
            next(SEGMENTS.len() as u64) as usize,
            next(ACTIONS.len() as u64) as usize,
        );
        if !seen.insert(key) {
            continue;
        }
        let value = Decimal::new(next(100_000) as i64 - 10_000 + shift, next(3) as u32);
        rows.push(Some(OwnedObservation {
            line: rows.len() as u64 + 2,
            day: start + key.0.days(),
            measure: MEASURES[key.1].to_owned(),
            value,
            channel: CHANNELS[key.2].map(str::to_owned),
            segment: SEGMENTS[key.3].map(str::to_owned),
            action: ACTIONS[key.4].map(str::to_owned),
        }));
    }
    Rows::from_observations(rows)
}

fn import(store: &dyn Store, name: &str, seed: u64, count: usize, shift: i64) -> i64 {
    let mut rows = generate(seed, count, shift);
    store
        .import(&file(name), &mut rows, ImportMode::Commit)
        .unwrap()
        .batch
        .unwrap()
}

/// The scopes the engine asks for.
fn scopes() -> Vec<TotalsScope> {
    let only = |name: &str| Scope::Only(name.to_owned());
    let market = |channel, segment| TotalsScope::Market { channel, segment };
    vec![
        market(Scope::All, Scope::All),
        market(Scope::Each, Scope::All),
        market(Scope::All, Scope::Each),
        market(Scope::Each, Scope::Each),
        market(only("email"), Scope::All),
        market(only(""), Scope::All),
        market(Scope::All, only("vip")),
        market(only("search"), only("new")),
        market(Scope::Each, only("vip")),
        market(only("email"), Scope::Each),
        market(only("nowhere"), Scope::All),
        TotalsScope::Action(Scope::Each),
        TotalsScope::Action(only("launch")),
    ]
}

/// Every series the store keeps for these measures.
fn series() -> Vec<String> {
    let mut series: Vec<String> = MEASURES.iter().map(|m| m.to_string()).collect();
    series.push(product_series("search_position", "impressions"));
    series.push(paired_series("search_position", "impressions"));
    series.sort();
    series
}

/// The totals by plain loops over the observations.
pub fn naive(observations: &[StoredObservation], query: &TotalsQuery) -> Vec<StoredTotal> {
    // (series, channel, segment, action, day) → (total, facts)
    type Key = (String, Option<String>, Option<String>, Option<String>, Date);
    let mut totals: BTreeMap<Key, (Decimal, u32)> = BTreeMap::new();
    let (channel, segment, action) = match &query.scope {
        TotalsScope::Market { channel, segment } => (channel, segment, &Scope::All),
        TotalsScope::Action(action) => (&Scope::All, &Scope::All, action),
    };
    // The scope's key for a name, `None` when the value is outside it.
    let place = |scope: &Scope, name: &Option<String>| -> Option<Option<String>> {
        let name = name.clone().unwrap_or_default();
        match scope {
            Scope::All => Some(None),
            Scope::Each => Some(Some(name)),
            Scope::Only(wanted) => (*wanted == name).then_some(Some(name)),
        }
    };
    let mut add = |series: String, o: &StoredObservation, value: Decimal| {
        if query.from.is_some_and(|from| o.day < from)
            || o.day > query.to
            || !query.series.contains(&series)
        {
            return;
        }
        // Values without an action are in no action's scope.
        if matches!(query.scope, TotalsScope::Action(_)) && o.action.is_none() {
            return;
        }
        let (Some(c), Some(s), Some(a)) = (
            place(channel, &o.channel),
            place(segment, &o.segment),
            place(action, &o.action),
        ) else {
            return;
        };
        let total = totals
            .entry((series, c, s, a, o.day))
            .or_insert((Decimal::ZERO, 0));
        total.0 = plus(total.0, value);
        total.1 += 1;
    };
    for o in observations {
        add(o.measure.clone(), o, o.value);
        if o.measure == "impressions" {
            let value = observations.iter().find(|v| {
                v.measure == "search_position"
                    && (v.day, &v.channel, &v.segment, &v.action)
                        == (o.day, &o.channel, &o.segment, &o.action)
            });
            if let Some(value) = value {
                add(
                    product_series("search_position", "impressions"),
                    o,
                    times(value.value, o.value),
                );
                add(paired_series("search_position", "impressions"), o, o.value);
            }
        }
    }
    totals
        .into_iter()
        .map(
            |((series, channel, segment, action, day), (value, facts))| StoredTotal {
                series,
                channel,
                segment,
                action,
                day,
                value,
                facts,
            },
        )
        .collect()
}

fn check(store: &dyn Store, step: &str) {
    let observations = store.observations(&ObservationQuery::default()).unwrap();
    // Every scope over the data's days, and the whole history up to a day.
    let queries = scopes()
        .into_iter()
        .map(|scope| (scope, Some(date(2026, 1, 1))));
    let whole = TotalsScope::Market {
        channel: Scope::Each,
        segment: Scope::All,
    };
    for (scope, from) in queries.chain([(whole, None)]) {
        let query = TotalsQuery {
            series: series(),
            scope,
            from,
            to: date(2026, 3, 10),
        };
        let kept = store.daily_totals(&query).unwrap();
        let expected = naive(&observations, &query);
        assert!(
            kept == expected,
            "{step}, {:?}: the store keeps {} totals, the observations give {}; first difference: {:?}",
            query.scope,
            kept.len(),
            expected.len(),
            kept.iter().zip(&expected).find(|(a, b)| a != b)
        );
    }
}

fn daily_totals_match_the_observations_after_imports_corrections_and_undos(store: &dyn Store) {
    check(store, "empty");
    let first = import(store, "first.csv", 1, 900, 0);
    check(store, "first import");
    // Overlaps the first: values replaced, others added.
    let second = import(store, "second.csv", 2, 700, 0);
    check(store, "second import");
    // The first file again, corrected: every value changes.
    import(store, "first-corrected.csv", 1, 900, 7);
    check(store, "correction");
    assert!(store.undo_import(second).unwrap().is_some());
    check(store, "undo of the second");
    assert!(store.undo_import(first).unwrap().is_some());
    check(store, "undo of the first");
    // A dry run leaves the totals as they were.
    let mut rows = generate(3, 500, 0);
    store
        .import(&file("dry.csv"), &mut rows, ImportMode::DryRun)
        .unwrap();
    check(store, "dry run");
}

fn totals_are_read_only_within_the_days_asked(store: &dyn Store) {
    import(store, "first.csv", 1, 900, 0);
    let observations = store.observations(&ObservationQuery::default()).unwrap();
    // Windows that start and end inside months.
    for (from, to) in [
        (date(2026, 1, 25), date(2026, 2, 3)),
        (date(2026, 2, 28), date(2026, 3, 1)),
        (date(2026, 3, 15), date(2026, 3, 15)),
        (date(2025, 1, 1), date(2025, 12, 31)),
    ] {
        let query = TotalsQuery {
            series: vec!["sessions".into(), "cost".into()],
            scope: TotalsScope::Market {
                channel: Scope::Each,
                segment: Scope::All,
            },
            from: Some(from),
            to,
        };
        let kept = store.daily_totals(&query).unwrap();
        assert!(kept.iter().all(|t| t.day >= from && t.day <= to));
        assert_eq!(kept, naive(&observations, &query), "{from} to {to}");
    }
}
