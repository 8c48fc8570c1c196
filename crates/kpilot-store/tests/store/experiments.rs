//! Experiment (A/B test) results: daily rows per variant, recorded all or
//! nothing, read back by day then variant with their exact revenues; a row
//! recorded again replaces the stored one when its figures differ and
//! leaves it alone when they do not; a day and variant given twice, or a
//! row the table refuses, writes nothing; experiments and plans stay apart;
//! the data version follows the writes.

use std::fmt::Write as _;

use jiff::civil::{Date, date};
use jiff::{SignedDuration, Timestamp};
use kpilot_core::ids::PlanId;
use kpilot_store::{ExperimentRow, ExperimentWrite, Store, StoreError, StoredExperimentRow};

use crate::plans::example;

on_every_store!(
    rows_come_back_by_day_then_variant_with_exact_decimals,
    recording_again_replaces_keeps_and_inserts,
    a_repeated_day_and_variant_writes_nothing,
    a_refused_row_writes_nothing,
    to_includes_its_day_and_experiments_and_plans_stay_apart,
    recording_moves_the_data_version_and_reading_does_not,
);

/// A row written `DAY VARIANT VISITORS CONVERSIONS [REVENUE [SQUARES]]`.
fn row(text: &str) -> ExperimentRow {
    let fields: Vec<&str> = text.split_whitespace().collect();
    ExperimentRow {
        day: fields[0].parse().unwrap(),
        variant: fields[1].to_owned(),
        visitors: fields[2].parse().unwrap(),
        conversions: fields[3].parse().unwrap(),
        revenue: fields.get(4).map(|revenue| revenue.parse().unwrap()),
        revenue_squares: fields.get(5).map(|squares| squares.parse().unwrap()),
    }
}

fn rows(text: &str) -> Vec<ExperimentRow> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(row)
        .collect()
}

/// Stored rows as `DAY VARIANT VISITORS/CONVERSIONS REVENUE SQUARES (SOURCE,
/// BY)`, `-` for no revenue; without their times.
pub fn render(stored: &[StoredExperimentRow]) -> String {
    let mut text = String::new();
    let decimal = |value: Option<rust_decimal::Decimal>| {
        value.map_or_else(|| "-".to_owned(), |value| value.to_string())
    };
    for s in stored {
        writeln!(
            text,
            "{} {} {}/{} {} {} ({}, {})",
            s.row.day,
            s.row.variant,
            s.row.visitors,
            s.row.conversions,
            decimal(s.row.revenue),
            decimal(s.row.revenue_squares),
            s.source,
            s.recorded_by
        )
        .unwrap();
    }
    text
}

fn all(store: &dyn Store, plan: &PlanId, experiment: &str) -> String {
    render(&store.experiment_rows(plan, experiment, None).unwrap())
}

fn written(inserted: u64, replaced: u64, unchanged: u64) -> ExperimentWrite {
    ExperimentWrite {
        inserted,
        replaced,
        unchanged,
    }
}

fn rows_come_back_by_day_then_variant_with_exact_decimals(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let before = Timestamp::now() - SignedDuration::from_secs(1);
    // Out of order; variants sort by bytes ("B" before "a"); revenues with
    // trailing zeros, many decimals and 28 digits.
    let recorded = store
        .record_experiment(
            &plan.id,
            "checkout-button",
            &rows(
                "2026-03-03 B 1200 31 1234.50 98765.4321
                 2026-03-02 a 5 0
                 2026-03-02 B 1180 29 0.0001 0.00000001
                 2026-03-02 A 1175 24 9999999999999999999999999999 12.5
                 2026-03-03 A 1210 27 1000 2000.000",
            ),
            "week-10.csv",
            "yasmin",
        )
        .unwrap();
    assert_eq!(recorded, written(5, 0, 0));
    let after = Timestamp::now() + SignedDuration::from_secs(1);

    let stored = store
        .experiment_rows(&plan.id, "checkout-button", None)
        .unwrap();
    expect_test::expect![[r#"
        2026-03-02 A 1175/24 9999999999999999999999999999 12.5 (week-10.csv, yasmin)
        2026-03-02 B 1180/29 0.0001 0.00000001 (week-10.csv, yasmin)
        2026-03-02 a 5/0 - - (week-10.csv, yasmin)
        2026-03-03 A 1210/27 1000 2000 (week-10.csv, yasmin)
        2026-03-03 B 1200/31 1234.5 98765.4321 (week-10.csv, yasmin)
    "#]]
    .assert_eq(&render(&stored));
    // Exact, not rounded through a float.
    assert_eq!(
        stored[0].row.revenue,
        Some("9999999999999999999999999999".parse().unwrap())
    );
    assert_eq!(
        stored[1].row.revenue_squares,
        Some(rust_decimal::Decimal::new(1, 8))
    );
    assert_eq!(stored[4].row, row("2026-03-03 B 1200 31 1234.5 98765.4321"));
    for stored in &stored {
        let at: Timestamp = stored.recorded_at.parse().unwrap();
        assert!(before < at && at < after, "{}", stored.recorded_at);
    }
}

fn recording_again_replaces_keeps_and_inserts(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let first = store
        .record_experiment(
            &plan.id,
            "checkout-button",
            &rows(
                "2026-03-02 A 1175 24 480.10 9800
                 2026-03-02 B 1180 29 512.00 10250
                 2026-03-03 A 1210 27 500 9900
                 2026-03-03 B 1200 31",
            ),
            "week-10.csv",
            "yasmin",
        )
        .unwrap();
    assert_eq!(first, written(4, 0, 0));
    let second = store
        .record_experiment(
            &plan.id,
            "checkout-button",
            &rows(
                // The same figures (512.00 is 512), a visitor more, the
                // revenue gone, the same figures, a new day.
                "2026-03-02 B 1180 29 512 10250.0
                 2026-03-02 A 1176 24 480.10 9800
                 2026-03-03 A 1210 27
                 2026-03-03 B 1200 31
                 2026-03-04 A 1190 30 505.5 9950",
            ),
            "week-10-corrected.csv",
            "ann",
        )
        .unwrap();
    assert_eq!(second, written(1, 2, 2));
    // Unchanged rows keep who recorded them and from what.
    expect_test::expect![[r#"
        2026-03-02 A 1176/24 480.1 9800 (week-10-corrected.csv, ann)
        2026-03-02 B 1180/29 512 10250 (week-10.csv, yasmin)
        2026-03-03 A 1210/27 - - (week-10-corrected.csv, ann)
        2026-03-03 B 1200/31 - - (week-10.csv, yasmin)
        2026-03-04 A 1190/30 505.5 9950 (week-10-corrected.csv, ann)
    "#]]
    .assert_eq(&all(store, &plan.id, "checkout-button"));
    // Nothing to record is nothing written.
    assert_eq!(
        store
            .record_experiment(&plan.id, "checkout-button", &[], "record", "ann")
            .unwrap(),
        written(0, 0, 0)
    );
}

fn a_repeated_day_and_variant_writes_nothing(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    store
        .record_experiment(
            &plan.id,
            "checkout-button",
            &rows("2026-03-02 A 1175 24"),
            "week-10.csv",
            "yasmin",
        )
        .unwrap();
    let before = all(store, &plan.id, "checkout-button");
    let version = store.data_version().unwrap();
    // A replacement and a new row, then the same day and variant twice
    // (a variant differing only in case is another variant).
    let refused = store.record_experiment(
        &plan.id,
        "checkout-button",
        &rows(
            "2026-03-02 A 1176 24
             2026-03-03 B 1200 31
             2026-03-03 b 1200 31
             2026-03-04 A 1190 30
             2026-03-03 B 1201 31
             2026-03-04 A 1190 30",
        ),
        "week-10.csv",
        "ann",
    );
    match refused {
        Err(
            ref error @ StoreError::RepeatedExperimentRow {
                ref experiment,
                day,
                ref variant,
                first: 1,
                second: 4,
            },
        ) if experiment == "checkout-button" && day == date(2026, 3, 3) && variant == "B" => {
            assert_eq!(
                error.to_string(),
                "experiment `checkout-button`: rows 1 and 4 (counting from 0) are both for \
                 2026-03-03, variant `B`; nothing was recorded"
            );
        }
        other => panic!("expected the repeat of rows 1 and 4, got {other:?}"),
    }
    assert_eq!(all(store, &plan.id, "checkout-button"), before);
    assert_eq!(store.data_version().unwrap(), version);
}

fn a_refused_row_writes_nothing(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    store
        .record_experiment(
            &plan.id,
            "checkout-button",
            &rows("2026-03-02 A 1175 24"),
            "week-10.csv",
            "yasmin",
        )
        .unwrap();
    let before = all(store, &plan.id, "checkout-button");
    let version = store.data_version().unwrap();
    let record = |rows: &[ExperimentRow]| {
        store.record_experiment(&plan.id, "checkout-button", rows, "bad.csv", "ann")
    };

    // More conversions than visitors: the table refuses the last row, after
    // the others were written; they are rolled back.
    let mut bad = rows(
        "2026-03-02 A 1176 24
         2026-03-03 A 1200 31
         2026-03-04 A 10 11",
    );
    assert!(matches!(
        record(&bad),
        Err(StoreError::Database(_) | StoreError::Postgres(_))
    ));
    // The sum of squares without the revenue it is the squares of.
    bad[2] = row("2026-03-04 A 10 1");
    bad[2].revenue_squares = Some(rust_decimal::Decimal::ONE);
    assert!(matches!(
        record(&bad),
        Err(StoreError::Database(_) | StoreError::Postgres(_))
    ));
    // A count no column holds.
    bad[2] = row("2026-03-04 A 10 1");
    bad[2].visitors = u64::MAX;
    match record(&bad) {
        Err(StoreError::ExperimentCountTooLarge {
            index: 2,
            count: u64::MAX,
            ..
        }) => {}
        other => panic!("expected a count too large, got {other:?}"),
    }
    assert_eq!(all(store, &plan.id, "checkout-button"), before);
    assert_eq!(store.data_version().unwrap(), version);

    // A plan that is not stored.
    let unknown = PlanId::parse("no-such-plan").unwrap();
    assert!(
        store
            .record_experiment(
                &unknown,
                "checkout-button",
                &rows("2026-03-02 A 1 0"),
                "record",
                "ann"
            )
            .is_err()
    );
    assert_eq!(all(store, &unknown, "checkout-button"), "");
}

fn to_includes_its_day_and_experiments_and_plans_stay_apart(store: &dyn Store) {
    let cloud_kicks = example("cloud-kicks.toml");
    let boutique = example("boutique.toml");
    store.apply_plan(&cloud_kicks, "yasmin").unwrap();
    store.apply_plan(&boutique, "yasmin").unwrap();
    let record = |plan: &PlanId, experiment: &str, text: &str| {
        store
            .record_experiment(plan, experiment, &rows(text), "record", "yasmin")
            .unwrap();
    };
    record(
        &cloud_kicks.id,
        "checkout-button",
        "2026-03-01 A 10 1
         2026-03-02 A 20 2
         2026-03-03 A 30 3",
    );
    record(&cloud_kicks.id, "hero-image", "2026-03-02 A 40 4");
    record(&boutique.id, "checkout-button", "2026-03-02 A 50 5");

    let days = |plan: &PlanId, experiment: &str, to: Option<Date>| -> Vec<(Date, u64)> {
        store
            .experiment_rows(plan, experiment, to)
            .unwrap()
            .iter()
            .map(|stored| (stored.row.day, stored.row.visitors))
            .collect()
    };
    assert_eq!(
        days(&cloud_kicks.id, "checkout-button", Some(date(2026, 3, 2))),
        [(date(2026, 3, 1), 10), (date(2026, 3, 2), 20)]
    );
    assert_eq!(
        days(&cloud_kicks.id, "checkout-button", Some(date(2026, 2, 28))),
        []
    );
    assert_eq!(
        days(&cloud_kicks.id, "checkout-button", None),
        [
            (date(2026, 3, 1), 10),
            (date(2026, 3, 2), 20),
            (date(2026, 3, 3), 30)
        ]
    );
    assert_eq!(
        days(&cloud_kicks.id, "hero-image", None),
        [(date(2026, 3, 2), 40)]
    );
    assert_eq!(
        days(&boutique.id, "checkout-button", None),
        [(date(2026, 3, 2), 50)]
    );
    assert_eq!(days(&boutique.id, "hero-image", None), []);
    // Experiment ids are compared exactly.
    assert_eq!(days(&cloud_kicks.id, "Checkout-Button", None), []);
}

fn recording_moves_the_data_version_and_reading_does_not(store: &dyn Store) {
    let plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "yasmin").unwrap();
    let record = |text: &str| {
        store
            .record_experiment(&plan.id, "checkout-button", &rows(text), "record", "ann")
            .unwrap()
    };

    let before = store.data_version().unwrap();
    record("2026-03-02 A 1175 24");
    let inserted = store.data_version().unwrap();
    assert_ne!(inserted, before, "an insert");

    store
        .experiment_rows(&plan.id, "checkout-button", None)
        .unwrap();
    store
        .experiment_rows(&plan.id, "checkout-button", Some(date(2026, 3, 1)))
        .unwrap();
    assert_eq!(store.data_version().unwrap(), inserted, "reads");

    assert_eq!(record("2026-03-02 A 1175 24"), written(0, 0, 1));
    assert_eq!(
        store.data_version().unwrap(),
        inserted,
        "a recording that changes nothing"
    );

    record("2026-03-02 A 1176 24");
    let replaced = store.data_version().unwrap();
    assert!(
        replaced != inserted && replaced != before,
        "a replacement: {before}, {inserted}, {replaced}"
    );
}
