//! A shop's orders kept as orders: two files of one day add up, an order
//! exported twice counts once, a changed order replaces itself and not its
//! day, an order that moves day leaves its old one; undoing batches in any
//! order leaves exactly the figures of the orders that remain; dry runs,
//! refused files, other shops, other measures and the data version; and
//! random stories of imports and undos, for what the examples miss.
//!
//! After every write, `consistent` checks the invariant the feature is
//! for: each group (day, channel, segment) with orders shows exactly their
//! figures (`kpilot_core::order::observations` on `Store::orders`), a
//! group without any shows no sale, and the daily totals are those of the
//! observations.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use expect_test::expect;
use jiff::ToSpan;
use jiff::civil::{Date, date};
use kpilot_core::order::{MEASURES, observations};
use kpilot_store::{
    ImportMode, ImportReport, NewBatch, ObservationQuery, Order, OrderCounts, Scope, Store,
    StoreError, StoredObservation, TotalsQuery, TotalsScope, Undone,
};
use rust_decimal::Decimal;

use crate::harness::{OwnedObservation, Rows, file, rows, stored};

on_every_store!(
    one_day_over_two_files_adds_up,
    an_order_exported_twice_counts_once,
    a_changed_order_replaces_itself_not_its_day,
    an_order_that_moves_day_leaves_its_old_day,
    left_out_orders_are_kept_and_count_when_paid,
    new_customers_are_counted_when_the_export_says,
    undo_restores_exactly_in_any_order,
    undo_of_the_last_batch_gives_back_the_state_before_it,
    dry_run_writes_nothing,
    a_repeated_order_number_is_refused,
    other_shops_and_measures_are_untouched,
    two_shops_on_one_channel_and_day_add_up,
    a_generic_files_transactions_give_way_to_orders_until_undone,
    data_version_moves,
    orders_are_listed_by_shop_then_number,
    random_stories_keep_the_figures_of_the_orders,
);

/// Orders written one per line:
///
/// ```text
/// LINE NUMBER DAY STATUS TOTAL [CHANNEL [SEGMENT [NEW]]]   ("-" for none)
/// ```
///
/// An order counts when its status is `paid` or none; CHANNEL defaults to
/// `website`; NEW is `new` or `returning`.
pub fn orders(text: &str) -> Vec<Order> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let optional = |at: usize| {
                fields
                    .get(at)
                    .filter(|field| **field != "-")
                    .map(|field| field.to_string())
            };
            let status = optional(3);
            Order {
                line: fields[0].parse().unwrap(),
                number: fields[1].to_owned(),
                day: fields[2].parse().unwrap(),
                counted: matches!(status.as_deref(), None | Some("paid")),
                status,
                total: fields[4].parse().unwrap(),
                channel: optional(5).unwrap_or_else(|| "website".to_owned()),
                segment: optional(6),
                new_customer: optional(7).map(|new| new == "new"),
            }
        })
        .collect()
}

/// A batch for a shop's file.
pub fn shop_file(name: &str, shop: &str) -> NewBatch {
    NewBatch {
        format: shop.to_owned(),
        ..file(name)
    }
}

fn import(store: &dyn Store, name: &str, text: &str) -> ImportReport {
    import_shop(store, name, "shopify", text)
}

fn import_shop(store: &dyn Store, name: &str, shop: &str, text: &str) -> ImportReport {
    let report = store
        .import_orders(
            &shop_file(name, shop),
            shop,
            &orders(text),
            ImportMode::Commit,
        )
        .unwrap();
    assert!(report.batch.is_some(), "{name}: {report:?}");
    consistent(store, name);
    report
}

fn undo(store: &dyn Store, batch: i64) -> Undone {
    let undone = store.undo_import(batch).unwrap().unwrap();
    consistent(store, &format!("undo {batch}"));
    undone
}

fn counts(inserted: u64, replaced: u64, unchanged: u64) -> OrderCounts {
    OrderCounts {
        inserted,
        replaced,
        unchanged,
    }
}

/// Every stored order, one per line:
/// `SHOP NUMBER DAY CHANNEL SEGMENT STATUS counted|left out TOTAL NEW (batch B, line L)`.
pub fn stored_orders(store: &dyn Store) -> String {
    let mut text = String::new();
    for stored in store.orders(None).unwrap() {
        let order = &stored.order;
        writeln!(
            text,
            "{} {} {} {} {} {} {} {} {} (batch {}, line {})",
            stored.shop,
            order.number,
            order.day,
            order.channel,
            order.segment.as_deref().unwrap_or("-"),
            order.status.as_deref().unwrap_or("-"),
            if order.counted { "counted" } else { "left-out" },
            order.total,
            match order.new_customer {
                None => "-",
                Some(true) => "new",
                Some(false) => "returning",
            },
            stored.batch,
            order.line
        )
        .unwrap();
    }
    text
}

/// A group's key as the observations give it.
type Group = (Date, Option<String>, Option<String>);

/// The stores' invariant, checked after every write: each group with orders
/// shows exactly their figures, values and lines, as
/// `kpilot_core::order::observations` computes them from `Store::orders`
/// (of every shop and batch), unless a generic file (format `long`)
/// imported later has the last word; any other observation of the orders'
/// measures is 0 (a group whose orders left, a first-order count the
/// orders no longer give) or a generic file's; the daily totals are those
/// of the observations.
pub fn consistent(store: &dyn Store, step: &str) {
    let stored_orders: Vec<Order> = store
        .orders(None)
        .unwrap()
        .into_iter()
        .map(|stored| stored.order)
        .collect();
    let expected: BTreeMap<(Group, String), (Decimal, u64)> = observations(&stored_orders)
        .unwrap()
        .into_iter()
        .map(|o| {
            let group = (
                o.day,
                o.channel.map(str::to_owned),
                o.segment.map(str::to_owned),
            );
            ((group, o.measure.to_owned()), (o.value, o.line))
        })
        .collect();
    let generic: BTreeSet<i64> = store
        .batches()
        .unwrap()
        .into_iter()
        .filter(|batch| batch.format == "long")
        .map(|batch| batch.id)
        .collect();
    let all = store.observations(&ObservationQuery::default()).unwrap();
    let figures: BTreeMap<(Group, String), (Decimal, u64, i64)> = all
        .iter()
        .filter(|o| MEASURES.contains(&o.measure.as_str()) && o.action.is_none())
        .map(|o| {
            let group = (o.day, o.channel.clone(), o.segment.clone());
            ((group, o.measure.clone()), (o.value, o.line, o.batch))
        })
        .collect();
    for (key, (value, line, batch)) in &figures {
        match expected.get(key) {
            // A generic file imported after the orders has the last word,
            // until an order import or undo touches the group again.
            Some(_) if generic.contains(batch) => {}
            Some(&wanted) => assert_eq!(
                (*value, *line),
                wanted,
                "{step}: {key:?} is stored as (value, line) {:?}, its orders give {wanted:?}",
                (value, line)
            ),
            None => assert!(
                value.is_zero() || generic.contains(batch),
                "{step}: {key:?} shows {value} (batch {batch}) but no order gives it"
            ),
        }
    }
    for key in expected.keys() {
        assert!(
            figures.contains_key(key),
            "{step}: {key:?} is missing; its orders give {:?}",
            expected[key]
        );
    }
    totals_match(store, &all, step);
}

/// The daily totals the store keeps are the observations' sums, in the
/// scopes a dashboard reads orders' figures in.
fn totals_match(store: &dyn Store, observations: &[StoredObservation], step: &str) {
    let market = |channel, segment| TotalsScope::Market { channel, segment };
    for scope in [
        market(Scope::All, Scope::All),
        market(Scope::Each, Scope::Each),
        market(Scope::Only("website".to_owned()), Scope::All),
    ] {
        let query = TotalsQuery {
            series: MEASURES.iter().map(|measure| measure.to_string()).collect(),
            scope,
            from: Some(date(2025, 12, 1)),
            to: date(2026, 6, 30),
        };
        let kept = store.daily_totals(&query).unwrap();
        let expected = crate::totals::naive(observations, &query);
        assert!(
            kept == expected,
            "{step}, {:?}: first difference between the totals kept and the observations': {:?}",
            query.scope,
            kept.iter().zip(&expected).find(|(a, b)| a != b)
        );
    }
}

/// The observations of the orders' measures, as the harness renders them.
fn figures(store: &dyn Store) -> String {
    let query = ObservationQuery {
        measures: Some(MEASURES.iter().map(|measure| measure.to_string()).collect()),
        ..ObservationQuery::default()
    };
    crate::harness::render(&store.observations(&query).unwrap())
}

/// `count` paid orders of `day` numbered from `first`, each of `total`,
/// from line `first_line` on.
fn many(day: &str, first: u32, count: u32, total: &str, first_line: u32) -> String {
    (0..count)
        .map(|index| {
            format!(
                "{} #{} {day} paid {total}\n",
                first_line + index,
                first + index
            )
        })
        .collect()
}

fn one_day_over_two_files_adds_up(store: &dyn Store) {
    // The regression: the day's second file replaced the first's day (35
    // orders became 15).
    let first = import(
        store,
        "morning.csv",
        &many("2026-03-02", 1001, 20, "10.50", 2),
    );
    assert_eq!(first.orders, counts(20, 0, 0));
    assert_eq!((first.rows, first.inserted), (2, 2));
    let second = import(store, "evening.csv", &many("2026-03-02", 1021, 15, "4", 2));
    assert_eq!(second.orders, counts(15, 0, 0));
    assert_eq!((second.rows, second.replaced), (2, 2));
    expect![[r#"
        2026-03-02 revenue website - - = 270 (batch 2, line 2)
        2026-03-02 transactions website - - = 35 (batch 2, line 2)
    "#]]
    .assert_eq(&figures(store));
    assert_eq!(store.orders(Some("shopify")).unwrap().len(), 35);
    // Undoing the evening's file leaves the morning's orders, and figures.
    assert_eq!(
        undo(store, 2),
        Undone {
            removed: 2,
            restored: 2
        }
    );
    expect![[r#"
        2026-03-02 revenue website - - = 210 (batch 1, line 2)
        2026-03-02 transactions website - - = 20 (batch 1, line 2)
    "#]]
    .assert_eq(&figures(store));
}

fn an_order_exported_twice_counts_once(store: &dyn Store) {
    import(
        store,
        "a.csv",
        "2 #1 2026-03-02 paid 10
         3 #2 2026-03-02 paid 20
         4 #3 2026-03-02 paid 30",
    );
    // The next export overlaps: #3 again, the same, on another line.
    let report = import(
        store,
        "b.csv",
        "2 #3 2026-03-02 paid 30.00
         3 #4 2026-03-02 paid 40
         4 #5 2026-03-03 paid 50",
    );
    assert_eq!(report.orders, counts(2, 0, 1));
    expect![[r#"
        2026-03-02 revenue website - - = 100 (batch 2, line 2)
        2026-03-02 transactions website - - = 4 (batch 2, line 2)
        2026-03-03 revenue website - - = 50 (batch 2, line 4)
        2026-03-03 transactions website - - = 1 (batch 2, line 4)
    "#]]
    .assert_eq(&figures(store));
    // The same file again: every order and every figure unchanged.
    let again = import(
        store,
        "b.csv",
        "2 #3 2026-03-02 paid 30
         3 #4 2026-03-02 paid 40
         4 #5 2026-03-03 paid 50",
    );
    assert_eq!(again.orders, counts(0, 0, 3));
    assert_eq!((again.rows, again.unchanged), (4, 4));
    expect![[r#"
        shopify #1 2026-03-02 website - paid counted 10 - (batch 1, line 2)
        shopify #2 2026-03-02 website - paid counted 20 - (batch 1, line 3)
        shopify #3 2026-03-02 website - paid counted 30 - (batch 3, line 2)
        shopify #4 2026-03-02 website - paid counted 40 - (batch 3, line 3)
        shopify #5 2026-03-03 website - paid counted 50 - (batch 3, line 4)
    "#]]
    .assert_eq(&stored_orders(store));
}

fn a_changed_order_replaces_itself_not_its_day(store: &dyn Store) {
    import(
        store,
        "a.csv",
        "2 #1 2026-03-02 paid 10
         3 #2 2026-03-02 paid 20
         4 #3 2026-03-02 paid 30",
    );
    // #2 was refunded, #3's total corrected; #1 is not in the file.
    let report = import(
        store,
        "b.csv",
        "7 #2 2026-03-02 refunded 20
         8 #3 2026-03-02 paid 35.5",
    );
    assert_eq!(report.orders, counts(0, 2, 0));
    expect![[r#"
        2026-03-02 revenue website - - = 45.5 (batch 2, line 2)
        2026-03-02 transactions website - - = 2 (batch 2, line 2)
    "#]]
    .assert_eq(&figures(store));
    expect![[r#"
        shopify #1 2026-03-02 website - paid counted 10 - (batch 1, line 2)
        shopify #2 2026-03-02 website - refunded left-out 20 - (batch 2, line 7)
        shopify #3 2026-03-02 website - paid counted 35.5 - (batch 2, line 8)
    "#]]
    .assert_eq(&stored_orders(store));
    // Undone, the orders and the day are as the first file said.
    undo(store, 2);
    expect![[r#"
        shopify #1 2026-03-02 website - paid counted 10 - (batch 1, line 2)
        shopify #2 2026-03-02 website - paid counted 20 - (batch 1, line 3)
        shopify #3 2026-03-02 website - paid counted 30 - (batch 1, line 4)
    "#]]
    .assert_eq(&stored_orders(store));
    expect![[r#"
        2026-03-02 revenue website - - = 60 (batch 1, line 2)
        2026-03-02 transactions website - - = 3 (batch 1, line 2)
    "#]]
    .assert_eq(&figures(store));
}

fn an_order_that_moves_day_leaves_its_old_day(store: &dyn Store) {
    import(
        store,
        "a.csv",
        "2 #1 2026-03-02 paid 10
         3 #2 2026-03-02 paid 20
         4 #3 2026-03-04 paid 30",
    );
    // #2 and #3 were dated wrongly; #3 was its day's only order.
    let report = import(
        store,
        "b.csv",
        "5 #2 2026-03-03 paid 20
         6 #3 2026-03-05 paid 30 store",
    );
    assert_eq!(report.orders, counts(0, 2, 0));
    // The 4th had no sale left: 0, not the order that moved.
    expect![[r#"
        2026-03-02 revenue website - - = 10 (batch 2, line 2)
        2026-03-02 transactions website - - = 1 (batch 2, line 2)
        2026-03-03 revenue website - - = 20 (batch 2, line 5)
        2026-03-03 transactions website - - = 1 (batch 2, line 5)
        2026-03-04 revenue website - - = 0 (batch 2, line 6)
        2026-03-04 transactions website - - = 0 (batch 2, line 6)
        2026-03-05 revenue store - - = 30 (batch 2, line 6)
        2026-03-05 transactions store - - = 1 (batch 2, line 6)
    "#]]
    .assert_eq(&figures(store));
    undo(store, 2);
    expect![[r#"
        2026-03-02 revenue website - - = 30 (batch 1, line 2)
        2026-03-02 transactions website - - = 2 (batch 1, line 2)
        2026-03-04 revenue website - - = 30 (batch 1, line 4)
        2026-03-04 transactions website - - = 1 (batch 1, line 4)
    "#]]
    .assert_eq(&figures(store));
}

fn left_out_orders_are_kept_and_count_when_paid(store: &dyn Store) {
    let report = import(
        store,
        "monday.csv",
        "2 #1 2026-03-02 pending 25
         3 #2 2026-03-02 cancelled 40",
    );
    assert_eq!(report.orders, counts(2, 0, 0));
    // Kept, though they count for nothing yet: the day had no sale.
    expect![[r#"
        shopify #1 2026-03-02 website - pending left-out 25 - (batch 1, line 2)
        shopify #2 2026-03-02 website - cancelled left-out 40 - (batch 1, line 3)
    "#]]
    .assert_eq(&stored_orders(store));
    expect![[r#"
        2026-03-02 revenue website - - = 0 (batch 1, line 2)
        2026-03-02 transactions website - - = 0 (batch 1, line 2)
    "#]]
    .assert_eq(&figures(store));
    // Tuesday's export: #1 is paid now, #2 is not in it.
    import(store, "tuesday.csv", "2 #1 2026-03-02 paid 25");
    expect![[r#"
        2026-03-02 revenue website - - = 25 (batch 2, line 2)
        2026-03-02 transactions website - - = 1 (batch 2, line 2)
    "#]]
    .assert_eq(&figures(store));
}

fn new_customers_are_counted_when_the_export_says(store: &dyn Store) {
    import_shop(
        store,
        "prestashop.csv",
        "prestashop",
        "2 1 2026-03-02 paid 10 website - new
         3 2 2026-03-02 paid 10 website - returning
         4 3 2026-03-02 refunded 10 website - new
         5 4 2026-03-03 paid 10 website - returning",
    );
    expect![[r#"
        2026-03-02 new_customers website - - = 1 (batch 1, line 2)
        2026-03-02 revenue website - - = 20 (batch 1, line 2)
        2026-03-02 transactions website - - = 2 (batch 1, line 2)
        2026-03-03 new_customers website - - = 0 (batch 1, line 5)
        2026-03-03 revenue website - - = 10 (batch 1, line 5)
        2026-03-03 transactions website - - = 1 (batch 1, line 5)
    "#]]
    .assert_eq(&figures(store));
    // A later export without the column: the orders no longer say, and
    // what they said before is not left standing.
    import_shop(
        store,
        "prestashop-2.csv",
        "prestashop",
        "2 1 2026-03-02 paid 10
         3 2 2026-03-02 paid 10
         4 3 2026-03-02 refunded 10",
    );
    expect![[r#"
        2026-03-02 new_customers website - - = 0 (batch 2, line 2)
        2026-03-02 revenue website - - = 20 (batch 2, line 2)
        2026-03-02 transactions website - - = 2 (batch 2, line 2)
        2026-03-03 new_customers website - - = 0 (batch 1, line 5)
        2026-03-03 revenue website - - = 10 (batch 1, line 5)
        2026-03-03 transactions website - - = 1 (batch 1, line 5)
    "#]]
    .assert_eq(&figures(store));
}

/// Three overlapping exports: the second adds orders to the first's days,
/// takes one over, changes one's status, total and customer and moves two
/// (one leaves its day empty); the third moves one back, changes the
/// second's and adds a segment; both repeat orders unchanged.
const THREE_FILES: [(&str, &str); 3] = [
    (
        "first.csv",
        "2 #1 2026-03-02 paid 10 website - new
         3 #2 2026-03-02 paid 20 website - returning
         4 #3 2026-03-03 pending 30 website - new
         5 #4 2026-03-04 paid 40 website - new
         6 #5 2026-03-31 paid 50 website - returning
         7 #6 2026-04-01 paid 60 website - new",
    ),
    (
        "second.csv",
        "2 #2 2026-03-02 paid 20 website - returning
         3 #3 2026-03-03 paid 31 website - returning
         4 #4 2026-03-05 paid 40 website - new
         5 #5 2026-04-01 paid 50 website - returning
         6 #7 2026-03-02 paid 70 website - new
         7 #8 2026-03-03 refunded 80 website - new",
    ),
    (
        "third.csv",
        "12 #4 2026-03-04 paid 41 website - new
         13 #7 2026-03-02 paid 70 website - new
         14 #8 2026-03-03 paid 80 website vip new
         15 #9 2026-04-01 paid 90 store - returning
         16 #1 2026-03-02 refunded 10 website - new",
    ),
];

fn undo_restores_exactly_in_any_order(store: &dyn Store) {
    let orders_of_every_permutation = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    for permutation in orders_of_every_permutation {
        let batches: Vec<i64> = THREE_FILES
            .iter()
            .map(|(name, text)| import(store, name, text).batch.unwrap())
            .collect();
        for index in permutation {
            // `undo` checks the figures against the orders that remain.
            undo(store, batches[index]);
        }
        assert_eq!(stored_orders(store), "", "{permutation:?}");
        assert_eq!(stored(store), "", "{permutation:?}");
        assert!(store.batches().unwrap().is_empty(), "{permutation:?}");
    }
    // Undoing one batch only, the others staying.
    for kept in 0..3 {
        let batches: Vec<i64> = THREE_FILES
            .iter()
            .map(|(name, text)| import(store, name, text).batch.unwrap())
            .collect();
        for (index, batch) in batches.iter().enumerate() {
            if index != kept {
                undo(store, *batch);
            }
        }
        // What is left is the kept file's orders, as it said them.
        let (name, text) = THREE_FILES[kept];
        let left = store.orders(None).unwrap();
        assert_eq!(
            left.iter().map(|stored| &stored.order).collect::<Vec<_>>(),
            {
                let mut wanted = orders(text);
                wanted.sort_by(|a, b| a.number.cmp(&b.number));
                wanted
            }
            .iter()
            .collect::<Vec<_>>(),
            "{name}"
        );
        undo(store, batches[kept]);
        assert_eq!(stored(store), "");
    }
}

fn undo_of_the_last_batch_gives_back_the_state_before_it(store: &dyn Store) {
    let mut before = Vec::new();
    for (name, text) in THREE_FILES {
        before.push((stored(store), stored_orders(store)));
        import(store, name, text);
    }
    for batch in (1..=3).rev() {
        undo(store, batch);
        let (observations, orders) = before.pop().unwrap();
        assert_eq!(stored(store), observations, "undo {batch}");
        assert_eq!(stored_orders(store), orders, "undo {batch}");
    }
}

fn dry_run_writes_nothing(store: &dyn Store) {
    import(store, "a.csv", THREE_FILES[0].1);
    let before = (
        stored(store),
        stored_orders(store),
        store.batches().unwrap(),
        store.data_version().unwrap(),
    );
    let dry = store
        .import_orders(
            &shop_file("b.csv", "shopify"),
            "shopify",
            &orders(THREE_FILES[1].1),
            ImportMode::DryRun,
        )
        .unwrap();
    let after = (
        stored(store),
        stored_orders(store),
        store.batches().unwrap(),
        store.data_version().unwrap(),
    );
    assert_eq!(after, before);
    consistent(store, "dry run");
    assert_eq!(dry.batch, None);
    // The real import does what the dry run said, as the next batch.
    let real = import(store, "b.csv", THREE_FILES[1].1);
    assert_eq!(
        real,
        ImportReport {
            batch: Some(2),
            ..dry.clone()
        }
    );
    assert_eq!(dry.orders, counts(2, 3, 1));
}

fn a_repeated_order_number_is_refused(store: &dyn Store) {
    import(store, "a.csv", "2 #1 2026-03-02 paid 10");
    let before = (
        stored(store),
        stored_orders(store),
        store.data_version().unwrap(),
    );
    for mode in [ImportMode::Commit, ImportMode::DryRun] {
        let refused = store.import_orders(
            &shop_file("b.csv", "shopify"),
            "shopify",
            &orders(
                "2 #2 2026-03-03 paid 10
                 3 #3 2026-03-03 paid 10
                 9 #2 2026-03-04 paid 12
                 11 #3 2026-03-05 paid 10",
            ),
            mode,
        );
        match refused {
            Err(StoreError::RepeatedOrder {
                shop,
                number,
                first_line,
                second_line,
            }) => {
                assert_eq!(
                    (shop.as_str(), number.as_str(), first_line, second_line),
                    ("shopify", "#2", 2, 9)
                );
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
    assert_eq!(
        (
            stored(store),
            stored_orders(store),
            store.data_version().unwrap()
        ),
        before
    );
    assert_eq!(store.batches().unwrap().len(), 1);
    // The message names the order and both lines.
    let error = store
        .import_orders(
            &shop_file("b.csv", "shopify"),
            "shopify",
            &orders("4 #7 2026-03-03 paid 10\n6 #7 2026-03-03 paid 10"),
            ImportMode::Commit,
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "shop `shopify`: order `#7` is on line 4 and again on line 6; nothing was imported"
    );
}

fn other_shops_and_measures_are_untouched(store: &dyn Store) {
    let mut source = rows(
        "2 2026-03-02 sessions 400 website
         3 2026-03-02 transactions 7 email
         4 2026-03-02 revenue 70 email",
    );
    store
        .import(&file("analytics.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    import_shop(
        store,
        "woo.csv",
        "woocommerce",
        "2 1001 2026-03-09 paid 15
         3 1002 2026-03-10 paid 25",
    );
    let woo_orders = store.orders(Some("woocommerce")).unwrap();
    // Shopify's numbers are the same as WooCommerce's: other orders all
    // the same, keyed by shop.
    let report = import(
        store,
        "shopify.csv",
        "2 1001 2026-03-02 paid 10
         3 1002 2026-03-02 paid 20",
    );
    assert_eq!(report.orders, counts(2, 0, 0));
    assert_eq!(store.orders(Some("woocommerce")).unwrap(), woo_orders);
    assert_eq!(store.orders(Some("shopify")).unwrap().len(), 2);
    expect![[r#"
        2026-03-02 revenue email - - = 70 (batch 1, line 4)
        2026-03-02 revenue website - - = 30 (batch 3, line 2)
        2026-03-02 sessions website - - = 400 (batch 1, line 2)
        2026-03-02 transactions email - - = 7 (batch 1, line 3)
        2026-03-02 transactions website - - = 2 (batch 3, line 2)
        2026-03-09 revenue website - - = 15 (batch 2, line 2)
        2026-03-09 transactions website - - = 1 (batch 2, line 2)
        2026-03-10 revenue website - - = 25 (batch 2, line 3)
        2026-03-10 transactions website - - = 1 (batch 2, line 3)
    "#]]
    .assert_eq(&stored(store));
    undo(store, 3);
    expect![[r#"
        2026-03-02 revenue email - - = 70 (batch 1, line 4)
        2026-03-02 sessions website - - = 400 (batch 1, line 2)
        2026-03-02 transactions email - - = 7 (batch 1, line 3)
        2026-03-09 revenue website - - = 15 (batch 2, line 2)
        2026-03-09 transactions website - - = 1 (batch 2, line 2)
        2026-03-10 revenue website - - = 25 (batch 2, line 3)
        2026-03-10 transactions website - - = 1 (batch 2, line 3)
    "#]]
    .assert_eq(&stored(store));
    // Undoing the generic file leaves the orders' figures alone.
    undo(store, 1);
    assert_eq!(store.orders(None).unwrap().len(), 2);
}

fn two_shops_on_one_channel_and_day_add_up(store: &dyn Store) {
    import_shop(store, "shopify.csv", "shopify", "2 #1 2026-03-02 paid 10");
    // Both shops sell on `website`: the day's figures are both shops'.
    import_shop(
        store,
        "woo.csv",
        "woocommerce",
        "2 77 2026-03-02 paid 5
         3 78 2026-03-02 paid 6",
    );
    expect![[r#"
        2026-03-02 revenue website - - = 21 (batch 2, line 2)
        2026-03-02 transactions website - - = 3 (batch 2, line 2)
    "#]]
    .assert_eq(&figures(store));
    undo(store, 1);
    expect![[r#"
        2026-03-02 revenue website - - = 11 (batch 2, line 2)
        2026-03-02 transactions website - - = 2 (batch 2, line 2)
    "#]]
    .assert_eq(&figures(store));
}

fn a_generic_files_transactions_give_way_to_orders_until_undone(store: &dyn Store) {
    let mut source = rows(
        "2 2026-03-02 transactions 9 website
         2 2026-03-02 revenue 99 website
         3 2026-03-03 transactions 4 website",
    );
    store
        .import(&file("analytics.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    // The shop's orders are the figure for their day and channel; the
    // value they replace is kept.
    let report = import(
        store,
        "orders.csv",
        "2 #1 2026-03-02 paid 10
         3 #2 2026-03-02 paid 20",
    );
    assert_eq!((report.rows, report.replaced), (2, 2));
    expect![[r#"
        2026-03-02 revenue website - - = 30 (batch 2, line 2)
        2026-03-02 transactions website - - = 2 (batch 2, line 2)
        2026-03-03 transactions website - - = 4 (batch 1, line 3)
    "#]]
    .assert_eq(&figures(store));
    // Undone, the generic file's values come back: its day has no order.
    undo(store, 2);
    expect![[r#"
        2026-03-02 revenue website - - = 99 (batch 1, line 2)
        2026-03-02 transactions website - - = 9 (batch 1, line 2)
        2026-03-03 transactions website - - = 4 (batch 1, line 3)
    "#]]
    .assert_eq(&figures(store));
}

fn data_version_moves(store: &dyn Store) {
    let version = || store.data_version().unwrap();
    let start = version();
    let batch = import(store, "a.csv", "2 #1 2026-03-02 paid 10")
        .batch
        .unwrap();
    let imported = version();
    assert_ne!(imported, start, "an order import");
    store
        .import_orders(
            &shop_file("b.csv", "shopify"),
            "shopify",
            &orders("2 #2 2026-03-02 paid 10"),
            ImportMode::DryRun,
        )
        .unwrap();
    assert_eq!(version(), imported, "a dry run");
    let refused = store.import_orders(
        &shop_file("c.csv", "shopify"),
        "shopify",
        &orders("2 #2 2026-03-02 paid 10\n3 #2 2026-03-02 paid 10"),
        ImportMode::Commit,
    );
    assert!(refused.is_err());
    assert_eq!(version(), imported, "a refused import");
    store.orders(None).unwrap();
    assert_eq!(version(), imported, "a read");
    undo(store, batch);
    let undone = version();
    assert!(undone != imported && undone != start, "an undo");
}

fn orders_are_listed_by_shop_then_number(store: &dyn Store) {
    import_shop(
        store,
        "woo.csv",
        "woocommerce",
        "2 b 2026-03-02 paid 1\n3 B 2026-03-02 paid 1",
    );
    import_shop(
        store,
        "shop.csv",
        "shopify",
        "2 #10 2026-03-02 paid 1\n3 #9 2026-03-02 paid 1",
    );
    // In byte order: `#10` before `#9`, `B` before `b`.
    expect![[r#"
        shopify #10 2026-03-02 website - paid counted 1 - (batch 2, line 2)
        shopify #9 2026-03-02 website - paid counted 1 - (batch 2, line 3)
        woocommerce B 2026-03-02 website - paid counted 1 - (batch 1, line 3)
        woocommerce b 2026-03-02 website - paid counted 1 - (batch 1, line 2)
    "#]]
    .assert_eq(&stored_orders(store));
    let woo = store.orders(Some("woocommerce")).unwrap();
    assert_eq!(woo.len(), 2);
    assert!(woo.iter().all(|stored| stored.shop == "woocommerce"));
    assert!(store.orders(Some("prestashop")).unwrap().is_empty());
}

/// A small deterministic generator (64-bit LCG), so that a failing story
/// can be replayed from its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// Random order files of two shops on a few days, channels and numbers (so
/// that orders are taken over, changed and moved all the time), generic
/// files of the same measures, and undos of any batch, checked after every
/// step; then every batch undone, latest first, leaving nothing.
fn random_stories_keep_the_figures_of_the_orders(store: &dyn Store) {
    for seed in 0..30 {
        let mut random = Random(seed);
        let mut batches: Vec<i64> = Vec::new();
        for step in 0..20 {
            let choice = random.below(10);
            let said = if choice < 5 || batches.is_empty() {
                let shop = ["shopify", "woocommerce"][random.below(2) as usize];
                let count = 1 + random.below(12) as usize;
                let mut used = BTreeSet::new();
                let mut orders = Vec::new();
                while orders.len() < count {
                    let number = random.below(15);
                    if !used.insert(number) {
                        continue;
                    }
                    let paid = random.below(3) != 0;
                    orders.push(Order {
                        number: format!("#{number}"),
                        day: date(2026, 3, 30) + (random.below(4) as i64).days(),
                        channel: ["website", "store"][random.below(2) as usize].to_owned(),
                        segment: (random.below(4) == 0).then(|| "vip".to_owned()),
                        status: Some(if paid { "paid" } else { "refunded" }.to_owned()),
                        counted: paid,
                        total: Decimal::from(random.below(5)),
                        new_customer: [None, Some(true), Some(false)][random.below(3) as usize],
                        line: orders.len() as u64 + 2 + random.below(3),
                    });
                }
                let report = store
                    .import_orders(&shop_file("x.csv", shop), shop, &orders, ImportMode::Commit)
                    .unwrap();
                batches.push(report.batch.unwrap());
                format!("seed {seed}, step {step}: orders {report:?}")
            } else if choice < 6 {
                let mut used = BTreeSet::new();
                let mut values = Vec::new();
                for _ in 0..4 {
                    let key = (random.below(4), random.below(3), random.below(2));
                    if used.insert(key) {
                        values.push(Some(OwnedObservation {
                            line: 2,
                            day: date(2026, 3, 30) + (key.0 as i64).days(),
                            measure: MEASURES[key.1 as usize].to_owned(),
                            value: Decimal::from(random.below(50)),
                            channel: Some(["website", "store"][key.2 as usize].to_owned()),
                            segment: None,
                            action: None,
                        }));
                    }
                }
                let mut source = Rows::from_observations(values);
                let report = store
                    .import(&file("generic.csv"), &mut source, ImportMode::Commit)
                    .unwrap();
                batches.push(report.batch.unwrap());
                format!("seed {seed}, step {step}: generic {report:?}")
            } else {
                let batch = batches.remove(random.below(batches.len() as u64) as usize);
                store.undo_import(batch).unwrap().unwrap();
                format!("seed {seed}, step {step}: undo {batch}")
            };
            consistent(store, &said);
        }
        while let Some(batch) = batches.pop() {
            store.undo_import(batch).unwrap().unwrap();
            consistent(store, &format!("seed {seed}: undo {batch} at the end"));
        }
        assert_eq!(stored(store), "", "seed {seed}");
        assert_eq!(stored_orders(store), "", "seed {seed}");
    }
}
