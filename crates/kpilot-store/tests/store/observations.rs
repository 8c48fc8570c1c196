//! Results data: imports as all-or-nothing batches, values replaced and
//! restored on undo, duplicate keys and bad rows refused, dry runs, the list
//! of batches, reading observations back, exact decimals.

use std::str::FromStr;

use expect_test::expect;
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use kpilot_store::{
    Duplicate, ImportMode, ImportReport, MAX_REPORTED, ObservationQuery, OrderCounts, Store, Undone,
};
use rust_decimal::Decimal;

use crate::harness::{file, file_with, render, render_batches, rows, stored};

on_every_store!(
    an_import_inserts_new_values,
    reimporting_the_same_rows_leaves_values_unchanged,
    a_corrected_value_replaces_the_old_one_until_undone,
    undoing_a_middle_batch_then_the_last_restores_each_step,
    duplicates_within_a_batch_are_refused_with_their_lines,
    duplicates_are_counted_beyond_those_listed,
    an_unclean_source_writes_nothing_but_is_read_to_the_end,
    a_dry_run_counts_but_writes_nothing,
    batches_are_listed_and_found_by_file_and_options,
    undoing_an_unknown_batch_is_none,
    observations_are_filtered_by_days_measures_and_batch,
    decimals_are_kept_exactly,
    an_empty_file_is_an_empty_batch,
    an_undone_batch_number_is_never_given_again,
    the_data_days_are_the_first_and_last_observed_and_follow_undo,
);

/// What a committed import reports.
fn committed(batch: i64, rows: u64, inserted: u64, replaced: u64, unchanged: u64) -> ImportReport {
    ImportReport {
        batch: Some(batch),
        rows,
        inserted,
        replaced,
        unchanged,
        duplicates: Vec::new(),
        duplicate_count: 0,
        orders: OrderCounts::default(),
    }
}

fn import(store: &dyn Store, name: &str, text: &str) -> ImportReport {
    let mut source = rows(text);
    let report = store
        .import(&file(name), &mut source, ImportMode::Commit)
        .unwrap();
    assert!(source.exhausted(), "the store must read every row");
    report
}

fn an_import_inserts_new_values(store: &dyn Store) {
    assert_eq!(stored(store), "");
    let before = Timestamp::now() - SignedDuration::from_secs(1);
    let report = import(
        store,
        "week1.csv",
        "2 2026-01-05 sessions 120 email
         2 2026-01-05 orders 4 email
         3 2026-01-06 sessions 98.5
         4 2026-01-06 sessions 30 email paid launch-video",
    );
    assert_eq!(report, committed(1, 4, 4, 0, 0));
    expect![[r#"
        2026-01-05 orders email - - = 4 (batch 1, line 2)
        2026-01-05 sessions email - - = 120 (batch 1, line 2)
        2026-01-06 sessions - - - = 98.5 (batch 1, line 3)
        2026-01-06 sessions email paid launch-video = 30 (batch 1, line 4)
    "#]]
    .assert_eq(&stored(store));
    let batches = store.batches().unwrap();
    expect![[r#"
        1 week1.csv [] long by ann: 4 rows, 4 inserted, 0 replaced, 0 unchanged
    "#]]
    .assert_eq(&render_batches(&batches));
    assert_eq!(batches[0].content_hash, "sha256-of-week1.csv");
    let after = Timestamp::now() + SignedDuration::from_secs(1);
    assert!(before < batches[0].imported_at && batches[0].imported_at < after);
}

fn reimporting_the_same_rows_leaves_values_unchanged(store: &dyn Store) {
    let week = "2 2026-01-05 sessions 120 email
                3 2026-01-05 orders 4.0 email
                4 2026-01-06 sessions 98.5";
    assert_eq!(import(store, "a.csv", week), committed(1, 3, 3, 0, 0));
    assert_eq!(import(store, "a.csv", week), committed(2, 3, 0, 0, 3));
    // The newer batch owns the values now…
    expect![[r#"
        2026-01-05 orders email - - = 4 (batch 2, line 3)
        2026-01-05 sessions email - - = 120 (batch 2, line 2)
        2026-01-06 sessions - - - = 98.5 (batch 2, line 4)
    "#]]
    .assert_eq(&stored(store));
    // …and undoing it gives them back to the first.
    assert_eq!(
        store.undo_import(2).unwrap(),
        Some(Undone {
            removed: 3,
            restored: 3
        })
    );
    expect![[r#"
        2026-01-05 orders email - - = 4 (batch 1, line 3)
        2026-01-05 sessions email - - = 120 (batch 1, line 2)
        2026-01-06 sessions - - - = 98.5 (batch 1, line 4)
    "#]]
    .assert_eq(&stored(store));
}

fn a_corrected_value_replaces_the_old_one_until_undone(store: &dyn Store) {
    import(
        store,
        "a.csv",
        "2 2026-01-05 sessions 120 email
         3 2026-01-05 orders 4 email",
    );
    let report = import(
        store,
        "a-corrected.csv",
        "2 2026-01-05 sessions 125 email
         3 2026-01-05 orders 4 email
         4 2026-01-06 orders 7 email",
    );
    assert_eq!(report, committed(2, 3, 1, 1, 1));
    expect![[r#"
        2026-01-05 orders email - - = 4 (batch 2, line 3)
        2026-01-05 sessions email - - = 125 (batch 2, line 2)
        2026-01-06 orders email - - = 7 (batch 2, line 4)
    "#]]
    .assert_eq(&stored(store));
    assert_eq!(
        store.undo_import(2).unwrap(),
        Some(Undone {
            removed: 3,
            restored: 2
        })
    );
    expect![[r#"
        2026-01-05 orders email - - = 4 (batch 1, line 3)
        2026-01-05 sessions email - - = 120 (batch 1, line 2)
    "#]]
    .assert_eq(&stored(store));
    expect![[r#"
        1 a.csv [] long by ann: 2 rows, 2 inserted, 0 replaced, 0 unchanged
    "#]]
    .assert_eq(&render_batches(&store.batches().unwrap()));
}

fn undoing_a_middle_batch_then_the_last_restores_each_step(store: &dyn Store) {
    // A writes k1 and k2; B replaces k1 and adds k3; C replaces k1 and k2
    // and takes k3 over unchanged.
    assert_eq!(
        import(
            store,
            "a.csv",
            "10 2026-01-05 sessions 1 email
             11 2026-01-05 sessions 10 ads",
        ),
        committed(1, 2, 2, 0, 0)
    );
    assert_eq!(
        import(
            store,
            "b.csv",
            "20 2026-01-05 sessions 2 email
             21 2026-01-05 sessions 100 social",
        ),
        committed(2, 2, 1, 1, 0)
    );
    assert_eq!(
        import(
            store,
            "c.csv",
            "30 2026-01-05 sessions 3 email
             31 2026-01-05 sessions 100 social
             32 2026-01-05 sessions 20 ads",
        ),
        committed(3, 3, 0, 2, 1)
    );
    let after_c = expect![[r#"
        2026-01-05 sessions ads - - = 20 (batch 3, line 32)
        2026-01-05 sessions email - - = 3 (batch 3, line 30)
        2026-01-05 sessions social - - = 100 (batch 3, line 31)
    "#]];
    after_c.assert_eq(&stored(store));

    // B's values were all taken over by C: nothing visible changes, but C
    // now replaced A's values directly, and B's k3 no longer exists.
    assert_eq!(
        store.undo_import(2).unwrap(),
        Some(Undone {
            removed: 0,
            restored: 0
        })
    );
    after_c.assert_eq(&stored(store));

    assert_eq!(
        store.undo_import(3).unwrap(),
        Some(Undone {
            removed: 3,
            restored: 2
        })
    );
    expect![[r#"
        2026-01-05 sessions ads - - = 10 (batch 1, line 11)
        2026-01-05 sessions email - - = 1 (batch 1, line 10)
    "#]]
    .assert_eq(&stored(store));

    assert_eq!(
        store.undo_import(1).unwrap(),
        Some(Undone {
            removed: 2,
            restored: 0
        })
    );
    assert_eq!(stored(store), "");
    assert!(store.batches().unwrap().is_empty());
}

fn duplicates_within_a_batch_are_refused_with_their_lines(store: &dyn Store) {
    import(store, "a.csv", "2 2026-01-05 sessions 120 email");
    let mut source = rows(
        "2 2026-01-05 sessions 121 email
         3 2026-01-05 orders 4 email
         3 2026-01-05 revenue 80 email
         4 2026-01-06 sessions 5
         5 2026-01-05 sessions 122 email
         6 2026-01-05 orders 4 email
         7 2026-01-06 sessions 6
         8 2026-01-05 sessions 121 email",
    );
    let report = store
        .import(&file("b.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    let duplicate = |line, first_line, day| Duplicate {
        line,
        first_line,
        day,
    };
    assert_eq!(
        report,
        ImportReport {
            batch: None,
            rows: 8,
            inserted: 3,
            replaced: 1,
            unchanged: 0,
            duplicates: vec![
                duplicate(5, 2, date(2026, 1, 5)),
                duplicate(6, 3, date(2026, 1, 5)),
                duplicate(7, 4, date(2026, 1, 6)),
                duplicate(8, 2, date(2026, 1, 5)),
            ],
            duplicate_count: 4,
            orders: OrderCounts::default(),
        }
    );
    assert!(source.exhausted());
    // Nothing was written, not even the batch.
    expect![[r#"
        2026-01-05 sessions email - - = 120 (batch 1, line 2)
    "#]]
    .assert_eq(&stored(store));
    assert_eq!(store.batches().unwrap().len(), 1);
    assert!(
        store
            .batch_with_hash("sha256-of-b.csv", "")
            .unwrap()
            .is_none()
    );
}

fn duplicates_are_counted_beyond_those_listed(store: &dyn Store) {
    let text: String = (1..=MAX_REPORTED as u64 + 12)
        .map(|line| format!("{line} 2026-02-01 clicks {line} ads\n"))
        .collect();
    let mut source = rows(&text);
    let report = store
        .import(&file("a.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    assert_eq!(report.batch, None);
    assert_eq!(report.rows, MAX_REPORTED as u64 + 12);
    assert_eq!(report.inserted, 1);
    assert_eq!(report.duplicate_count, MAX_REPORTED as u64 + 11);
    let expected: Vec<Duplicate> = (2..=MAX_REPORTED as u64 + 1)
        .map(|line| Duplicate {
            line,
            first_line: 1,
            day: date(2026, 2, 1),
        })
        .collect();
    assert_eq!(report.duplicates, expected);
    assert_eq!(stored(store), "");
    assert!(store.batches().unwrap().is_empty());
}

fn an_unclean_source_writes_nothing_but_is_read_to_the_end(store: &dyn Store) {
    import(store, "a.csv", "2 2026-01-05 sessions 120 email");
    // Line 4 is bad: every row is still read and counted, and the duplicate
    // after it is reported, so the report does not depend on where the bad
    // rows are; nothing is kept.
    let mut source = rows(
        "2 2026-01-05 sessions 125 email
         3 2026-01-05 orders 4 email
         4 bad
         5 2026-01-06 orders 5 email
         6 2026-01-05 orders 4 email
         7 2026-01-07 orders 6 email",
    );
    let report = store
        .import(&file("b.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            batch: None,
            rows: 5,
            inserted: 3,
            replaced: 1,
            unchanged: 0,
            duplicates: vec![Duplicate {
                line: 6,
                first_line: 3,
                day: date(2026, 1, 5)
            }],
            duplicate_count: 1,
            orders: OrderCounts::default(),
        }
    );
    assert!(source.exhausted());
    expect![[r#"
        2026-01-05 sessions email - - = 120 (batch 1, line 2)
    "#]]
    .assert_eq(&stored(store));
    assert_eq!(store.batches().unwrap().len(), 1);

    // A bad first row, nothing else wrong: refused all the same.
    let mut source = rows(
        "1 bad
         2 2026-01-05 sessions 125 email
         3 2026-01-05 orders 4 email",
    );
    let report = store
        .import(&file("c.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            batch: None,
            rows: 2,
            inserted: 1,
            replaced: 1,
            ..ImportReport::default()
        }
    );
    assert!(source.exhausted());
    assert_eq!(store.batches().unwrap().len(), 1);
    expect![[r#"
        2026-01-05 sessions email - - = 120 (batch 1, line 2)
    "#]]
    .assert_eq(&stored(store));
}

fn a_dry_run_counts_but_writes_nothing(store: &dyn Store) {
    import(
        store,
        "a.csv",
        "2 2026-01-05 sessions 120 email
         3 2026-01-05 orders 4 email",
    );
    let corrected = "2 2026-01-05 sessions 125 email
                     3 2026-01-05 orders 4 email
                     4 2026-01-06 orders 7 email";
    let before = stored(store);
    let mut source = rows(corrected);
    let report = store
        .import(&file("b.csv"), &mut source, ImportMode::DryRun)
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            batch: None,
            ..committed(0, 3, 1, 1, 1)
        }
    );
    assert!(source.exhausted());
    assert_eq!(stored(store), before);
    assert_eq!(store.batches().unwrap().len(), 1);
    // The real import does what the dry run said, as the next batch.
    assert_eq!(import(store, "b.csv", corrected), committed(2, 3, 1, 1, 1));
}

fn batches_are_listed_and_found_by_file_and_options(store: &dyn Store) {
    let before = Timestamp::now() - SignedDuration::from_secs(1);
    let week = "2 2026-01-05 sessions 120 email";
    let commit = |batch, text| {
        let mut source = rows(text);
        store
            .import(&batch, &mut source, ImportMode::Commit)
            .unwrap()
            .batch
            .unwrap()
    };
    assert_eq!(commit(file("a.csv"), week), 1);
    assert_eq!(commit(file_with("a.csv", "channel=email"), week), 2);
    assert_eq!(
        commit(
            file("b.csv"),
            "3 2026-01-06 orders 2\n4 2026-01-07 orders 3"
        ),
        3
    );
    assert_eq!(commit(file("a.csv"), week), 4);
    let after = Timestamp::now() + SignedDuration::from_secs(1);

    let batches = store.batches().unwrap();
    expect![[r#"
        1 a.csv [] long by ann: 1 rows, 1 inserted, 0 replaced, 0 unchanged
        2 a.csv [channel=email] long by ann: 1 rows, 0 inserted, 0 replaced, 1 unchanged
        3 b.csv [] long by ann: 2 rows, 2 inserted, 0 replaced, 0 unchanged
        4 a.csv [] long by ann: 1 rows, 0 inserted, 0 replaced, 1 unchanged
    "#]]
    .assert_eq(&render_batches(&batches));
    for batch in &batches {
        assert!(before < batch.imported_at && batch.imported_at < after);
    }
    assert!(
        batches
            .windows(2)
            .all(|w| w[0].imported_at <= w[1].imported_at)
    );

    let found = |hash: &str, options: &str| {
        store
            .batch_with_hash(hash, options)
            .unwrap()
            .map(|batch| batch.id)
    };
    assert_eq!(found("sha256-of-a.csv", ""), Some(4));
    assert_eq!(found("sha256-of-a.csv", "channel=email"), Some(2));
    assert_eq!(found("sha256-of-b.csv", ""), Some(3));
    assert_eq!(found("sha256-of-b.csv", "channel=email"), None);
    assert_eq!(found("sha256-of-c.csv", ""), None);
    assert_eq!(
        store
            .batch_with_hash("sha256-of-a.csv", "")
            .unwrap()
            .as_ref(),
        batches.last()
    );

    store.undo_import(4).unwrap().unwrap();
    assert_eq!(found("sha256-of-a.csv", ""), Some(1));
}

fn undoing_an_unknown_batch_is_none(store: &dyn Store) {
    assert_eq!(store.undo_import(1).unwrap(), None);
    import(store, "a.csv", "2 2026-01-05 sessions 120 email");
    assert_eq!(store.undo_import(2).unwrap(), None);
    assert_eq!(store.undo_import(-1).unwrap(), None);
    assert_eq!(store.batches().unwrap().len(), 1);
}

fn observations_are_filtered_by_days_measures_and_batch(store: &dyn Store) {
    import(
        store,
        "a.csv",
        "2 2026-01-01 sessions 10
         3 2026-01-02 sessions 20
         3 2026-01-02 orders 2
         4 2026-01-03 revenue 99.9 email",
    );
    import(
        store,
        "b.csv",
        "2 2026-01-03 sessions 30
         3 2026-01-04 orders 4
         4 2026-01-05 revenue 50 ads",
    );
    let query = |query: ObservationQuery| render(&store.observations(&query).unwrap());
    let all = query(ObservationQuery::default());
    expect![[r#"
        2026-01-01 sessions - - - = 10 (batch 1, line 2)
        2026-01-02 orders - - - = 2 (batch 1, line 3)
        2026-01-02 sessions - - - = 20 (batch 1, line 3)
        2026-01-03 revenue email - - = 99.9 (batch 1, line 4)
        2026-01-03 sessions - - - = 30 (batch 2, line 2)
        2026-01-04 orders - - - = 4 (batch 2, line 3)
        2026-01-05 revenue ads - - = 50 (batch 2, line 4)
    "#]]
    .assert_eq(&all);
    expect![[r#"
        2026-01-03 revenue email - - = 99.9 (batch 1, line 4)
        2026-01-03 sessions - - - = 30 (batch 2, line 2)
        2026-01-04 orders - - - = 4 (batch 2, line 3)
        2026-01-05 revenue ads - - = 50 (batch 2, line 4)
    "#]]
    .assert_eq(&query(ObservationQuery {
        from: Some(date(2026, 1, 3)),
        ..ObservationQuery::default()
    }));
    expect![[r#"
        2026-01-01 sessions - - - = 10 (batch 1, line 2)
        2026-01-02 orders - - - = 2 (batch 1, line 3)
        2026-01-02 sessions - - - = 20 (batch 1, line 3)
    "#]]
    .assert_eq(&query(ObservationQuery {
        to: Some(date(2026, 1, 2)),
        ..ObservationQuery::default()
    }));
    expect![[r#"
        2026-01-02 orders - - - = 2 (batch 1, line 3)
        2026-01-03 revenue email - - = 99.9 (batch 1, line 4)
        2026-01-04 orders - - - = 4 (batch 2, line 3)
    "#]]
    .assert_eq(&query(ObservationQuery {
        from: Some(date(2026, 1, 2)),
        to: Some(date(2026, 1, 4)),
        measures: Some(vec!["orders".to_owned(), "revenue".to_owned()]),
        batch: None,
    }));
    expect![[r#"
        2026-01-03 sessions - - - = 30 (batch 2, line 2)
        2026-01-04 orders - - - = 4 (batch 2, line 3)
        2026-01-05 revenue ads - - = 50 (batch 2, line 4)
    "#]]
    .assert_eq(&query(ObservationQuery {
        batch: Some(2),
        ..ObservationQuery::default()
    }));
    expect![[r#"
        2026-01-03 sessions - - - = 30 (batch 2, line 2)
    "#]]
    .assert_eq(&query(ObservationQuery {
        from: Some(date(2026, 1, 3)),
        to: Some(date(2026, 1, 3)),
        measures: Some(vec!["sessions".to_owned()]),
        batch: Some(2),
    }));
    // No measure, an unknown one, an empty range, an unknown batch: nothing.
    for empty in [
        ObservationQuery {
            measures: Some(Vec::new()),
            ..ObservationQuery::default()
        },
        ObservationQuery {
            measures: Some(vec!["clicks".to_owned()]),
            ..ObservationQuery::default()
        },
        ObservationQuery {
            from: Some(date(2026, 1, 4)),
            to: Some(date(2026, 1, 3)),
            ..ObservationQuery::default()
        },
        ObservationQuery {
            batch: Some(3),
            ..ObservationQuery::default()
        },
    ] {
        assert_eq!(query(empty.clone()), "", "{empty:?}");
    }
}

fn decimals_are_kept_exactly(store: &dyn Store) {
    let report = import(
        store,
        "a.csv",
        "2 2026-03-01 share 0.1
         3 2026-03-02 share 0.2
         4 2026-03-03 share 0.3
         5 2026-03-01 revenue 12.50
         6 2026-03-02 revenue 123456789012.345678
         7 2026-03-03 revenue -0.0000000000000000000000000001
         8 2026-03-04 revenue 79228162514264337593543950335
         9 2026-03-05 revenue -0.00
         10 2026-03-06 revenue 1200",
    );
    assert_eq!(report, committed(1, 9, 9, 0, 0));
    // Trailing zeros are not kept, the rest is, to the last digit.
    expect![[r#"
        2026-03-01 revenue - - - = 12.5 (batch 1, line 5)
        2026-03-01 share - - - = 0.1 (batch 1, line 2)
        2026-03-02 revenue - - - = 123456789012.345678 (batch 1, line 6)
        2026-03-02 share - - - = 0.2 (batch 1, line 3)
        2026-03-03 revenue - - - = -0.0000000000000000000000000001 (batch 1, line 7)
        2026-03-03 share - - - = 0.3 (batch 1, line 4)
        2026-03-04 revenue - - - = 79228162514264337593543950335 (batch 1, line 8)
        2026-03-05 revenue - - - = 0 (batch 1, line 9)
        2026-03-06 revenue - - - = 1200 (batch 1, line 10)
    "#]]
    .assert_eq(&stored(store));
    let shares: Vec<Decimal> = store
        .observations(&ObservationQuery {
            measures: Some(vec!["share".to_owned()]),
            ..ObservationQuery::default()
        })
        .unwrap()
        .into_iter()
        .map(|o| o.value)
        .collect();
    assert_eq!(shares[0] + shares[1], shares[2]);
    assert_eq!(shares[2], Decimal::from_str("0.3").unwrap());

    // The same numbers written otherwise are unchanged; a change in the last
    // digit is a replacement.
    let report = import(
        store,
        "b.csv",
        "5 2026-03-01 revenue 12.5000
         6 2026-03-02 revenue 123456789012.345679
         7 2026-03-03 revenue -0.00000000000000000000000000010
         8 2026-03-04 revenue 79228162514264337593543950335.0
         9 2026-03-05 revenue 0
         10 2026-03-06 revenue 1200.00",
    );
    assert_eq!(report, committed(2, 6, 0, 1, 5));
    expect![[r#"
        2026-03-01 revenue - - - = 12.5 (batch 2, line 5)
        2026-03-02 revenue - - - = 123456789012.345679 (batch 2, line 6)
        2026-03-03 revenue - - - = -0.0000000000000000000000000001 (batch 2, line 7)
        2026-03-04 revenue - - - = 79228162514264337593543950335 (batch 2, line 8)
        2026-03-05 revenue - - - = 0 (batch 2, line 9)
        2026-03-06 revenue - - - = 1200 (batch 2, line 10)
    "#]]
    .assert_eq(&render(
        &store
            .observations(&ObservationQuery {
                measures: Some(vec!["revenue".to_owned()]),
                ..ObservationQuery::default()
            })
            .unwrap(),
    ));
    store.undo_import(2).unwrap().unwrap();
    let restored = store
        .observations(&ObservationQuery {
            from: Some(date(2026, 3, 2)),
            to: Some(date(2026, 3, 2)),
            measures: Some(vec!["revenue".to_owned()]),
            batch: None,
        })
        .unwrap();
    assert_eq!(restored[0].value.to_string(), "123456789012.345678");
}

fn an_empty_file_is_an_empty_batch(store: &dyn Store) {
    assert_eq!(import(store, "empty.csv", ""), committed(1, 0, 0, 0, 0));
    assert_eq!(
        store.undo_import(1).unwrap(),
        Some(Undone {
            removed: 0,
            restored: 0
        })
    );
}

fn an_undone_batch_number_is_never_given_again(store: &dyn Store) {
    assert_eq!(
        import(store, "a.csv", "2 2026-01-05 sessions 1").batch,
        Some(1)
    );
    assert_eq!(
        import(store, "b.csv", "2 2026-01-06 sessions 2").batch,
        Some(2)
    );
    assert!(store.undo_import(2).unwrap().is_some());
    // A dry run and a refused import take no number either.
    let mut source = rows("2 2026-01-07 sessions 3");
    let dry = store
        .import(&file("c.csv"), &mut source, ImportMode::DryRun)
        .unwrap();
    assert_eq!(dry.batch, None);
    assert_eq!(
        import(store, "c.csv", "2 2026-01-07 sessions 3").batch,
        Some(3)
    );
    let ids: Vec<i64> = store.batches().unwrap().iter().map(|b| b.id).collect();
    assert_eq!(ids, [1, 3]);
}

fn the_data_days_are_the_first_and_last_observed_and_follow_undo(store: &dyn Store) {
    assert_eq!(store.data_days().unwrap(), None);
    import(
        store,
        "march.csv",
        "2 2026-03-02 sessions 120 email
         3 2026-03-31 orders 4",
    );
    import(
        store,
        "april.csv",
        "2 2026-04-30 sessions 10 paid
         3 2026-02-27 sessions 7",
    );
    assert_eq!(
        store.data_days().unwrap(),
        Some((date(2026, 2, 27), date(2026, 4, 30)))
    );
    store.undo_import(2).unwrap();
    assert_eq!(
        store.data_days().unwrap(),
        Some((date(2026, 3, 2), date(2026, 3, 31)))
    );
    store.undo_import(1).unwrap();
    assert_eq!(store.data_days().unwrap(), None);
}
