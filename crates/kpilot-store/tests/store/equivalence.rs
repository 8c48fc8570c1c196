//! SQLite and PostgreSQL, given the same imports and undos, say the same
//! thing: reports (with their lists of duplicates, in order), undo counts,
//! batches and stored observations. The data is generated, a few thousand
//! rows per file, so that the set-based PostgreSQL import meets overlapping
//! keys, repeated lines, out-of-order rows and bad rows. Likewise for
//! experiment results: recordings that overlap, correct, repeat and refuse;
//! and for a shop's orders: exports that overlap, change orders (moving
//! some to other days), mix with a generic file of the same measures, and
//! are undone out of order; and for tracking data: updates of actions and
//! occurrences of every kind, check-ins with values of every scale, some
//! of each refused.

use std::collections::HashSet;
use std::fmt::Write as _;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use kpilot_core::ids::ObjectiveId;
use kpilot_core::progress::{self, Change, Confidence};
use kpilot_store::{ExperimentRow, ImportMode, NewBatch, ObservationQuery, Order, Store};
use rust_decimal::Decimal;

use crate::harness::{self, OwnedObservation, Rows, file, render, render_batches};
use crate::orders::shop_file;
use crate::tracking::{checkin, render_checkins, render_updates, update};

/// A small deterministic generator (64-bit LCG), so both stores get the
/// same rows and a failure can be replayed.
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

const MEASURES: &[&str] = &["sessions", "orders", "revenue", "clicks", "Impressions"];
const CHANNELS: &[Option<&str>] = &[None, Some("email"), Some("ads"), Some("Social")];
const SEGMENTS: &[Option<&str>] = &[None, Some("vip"), Some("new")];

/// `count` rows with distinct keys, drawn from a small key space (7,200
/// keys) so that files overlap; with `repeats`, some rows repeat an earlier
/// key; `bad_at` puts a bad row there.
fn generate(seed: u64, count: usize, repeats: bool, bad_at: Option<usize>) -> Rows {
    let mut random = Random(seed);
    let start: Date = date(2026, 1, 1);
    let mut rows: Vec<Option<OwnedObservation>> = Vec::new();
    let mut used = HashSet::new();
    let mut line = 1;
    while rows.len() < count {
        if bad_at == Some(rows.len()) {
            rows.push(None);
            line += 1;
            continue;
        }
        if repeats && !rows.is_empty() && random.below(40) == 0 {
            let earlier = random.below(rows.len() as u64) as usize;
            if let Some(Some(earlier)) = rows.get(earlier).cloned() {
                rows.push(Some(OwnedObservation { line, ..earlier }));
                line += 1;
                continue;
            }
        }
        let key = (
            random.below(60) as i64,
            random.below(MEASURES.len() as u64) as usize,
            random.below(CHANNELS.len() as u64) as usize,
            random.below(SEGMENTS.len() as u64) as usize,
            random.below(2) == 0,
        );
        if !used.insert(key) {
            continue;
        }
        let value = Decimal::new(
            random.below(2_000_000) as i64 - 200_000,
            random.below(4) as u32,
        );
        rows.push(Some(OwnedObservation {
            // A wide file yields several values per line.
            line,
            day: start + key.0.days(),
            measure: MEASURES[key.1].to_owned(),
            value,
            channel: CHANNELS[key.2].map(str::to_owned),
            segment: SEGMENTS[key.3].map(str::to_owned),
            action: key.4.then(|| "launch".to_owned()),
        }));
        if random.below(3) != 0 {
            line += 1;
        }
    }
    Rows::from_observations(rows)
}

/// One step of the script.
enum Step {
    Import {
        name: &'static str,
        seed: u64,
        count: usize,
        repeats: bool,
        bad_at: Option<usize>,
        mode: ImportMode,
    },
    /// Also corrects every fifth value of a file imported before.
    Correct {
        name: &'static str,
        seed: u64,
        count: usize,
    },
    Undo(i64),
}

fn import(name: &'static str, seed: u64, count: usize) -> Step {
    Step::Import {
        name,
        seed,
        count,
        repeats: false,
        bad_at: None,
        mode: ImportMode::Commit,
    }
}

/// Runs the script on a store and writes down everything it says.
fn transcript(store: &dyn Store, script: &[Step]) -> String {
    let mut text = String::new();
    for step in script {
        match step {
            Step::Import {
                name,
                seed,
                count,
                repeats,
                bad_at,
                mode,
            } => {
                let mut source = generate(*seed, *count, *repeats, *bad_at);
                let report = store.import(&file(name), &mut source, *mode).unwrap();
                assert!(source.exhausted());
                writeln!(text, "import {name} {mode:?}: {report:?}").unwrap();
            }
            Step::Correct { name, seed, count } => {
                let mut source = generate(*seed, *count, false, None);
                let mut corrected = Vec::new();
                let mut index = 0;
                while let Some(observation) =
                    kpilot_store::ObservationSource::next_observation(&mut source)
                {
                    let mut value = observation.value;
                    if index % 5 == 0 {
                        value += Decimal::new(1, 2);
                    }
                    index += 1;
                    corrected.push(Some(OwnedObservation {
                        line: observation.line,
                        day: observation.day,
                        measure: observation.measure.to_owned(),
                        value,
                        channel: observation.channel.map(str::to_owned),
                        segment: observation.segment.map(str::to_owned),
                        action: observation.action.map(str::to_owned),
                    }));
                }
                let mut source = Rows::from_observations(corrected);
                let batch = NewBatch {
                    options: "corrected".to_owned(),
                    ..file(name)
                };
                let report = store
                    .import(&batch, &mut source, ImportMode::Commit)
                    .unwrap();
                writeln!(text, "correct {name}: {report:?}").unwrap();
            }
            Step::Undo(batch) => {
                let undone = store.undo_import(*batch).unwrap();
                writeln!(text, "undo {batch}: {undone:?}").unwrap();
            }
        }
        let observations = store.observations(&ObservationQuery::default()).unwrap();
        let total: Decimal = observations.iter().map(|o| o.value).sum();
        writeln!(text, "  {} observations, total {total}", observations.len()).unwrap();
    }
    text.push_str(&render_batches(&store.batches().unwrap()));
    text.push_str(&render(
        &store.observations(&ObservationQuery::default()).unwrap(),
    ));
    text
}

#[test]
fn sqlite_and_postgres_give_the_same_reports_and_data() {
    let script = [
        import("a.csv", 1, 3000),
        // Overlaps a.csv: inserts, replacements and unchanged values.
        import("b.csv", 2, 3000),
        Step::Correct {
            name: "a.csv",
            seed: 1,
            count: 3000,
        },
        // Repeated keys: refused, with the first MAX_REPORTED listed.
        Step::Import {
            name: "c.csv",
            seed: 3,
            count: 4000,
            repeats: true,
            bad_at: None,
            mode: ImportMode::Commit,
        },
        // A bad row halfway: refused.
        Step::Import {
            name: "d.csv",
            seed: 4,
            count: 2000,
            repeats: true,
            bad_at: Some(700),
            mode: ImportMode::Commit,
        },
        Step::Import {
            name: "e.csv",
            seed: 5,
            count: 2500,
            repeats: false,
            bad_at: None,
            mode: ImportMode::DryRun,
        },
        import("e.csv", 5, 2500),
        Step::Undo(2),
        import("f.csv", 6, 1500),
        Step::Undo(4),
        Step::Undo(3),
        Step::Undo(99),
        import("g.csv", 2, 3000),
    ];
    let sqlite = harness::sqlite_in_memory();
    let postgres = harness::postgres();
    let on_sqlite = transcript(&*sqlite, &script);
    let on_postgres = transcript(&*postgres, &script);
    // The script must exercise what it claims to.
    let says = |what: fn(&str) -> bool| on_sqlite.lines().any(what);
    // The observations' counts, before the orders' (none here).
    assert!(says(|line| line.starts_with("import b.csv")
        && !line
            .split("orders:")
            .next()
            .unwrap()
            .contains("replaced: 0,")));
    assert!(says(
        |line| line.starts_with("correct") && !line.contains("unchanged: 0,")
    ));
    assert!(says(
        |line| line.starts_with("import c.csv") && line.contains("[Duplicate")
    ));
    assert!(says(
        |line| line.starts_with("import d.csv") && line.contains("batch: None")
    ));
    assert!(says(
        |line| line.contains("DryRun") && line.contains("batch: None")
    ));
    assert!(says(|line| line.starts_with("undo")
        && line.contains("restored: ")
        && !line.contains("restored: 0 ")));
    if on_sqlite != on_postgres {
        let first_difference = on_sqlite
            .lines()
            .zip(on_postgres.lines())
            .find(|(a, b)| a != b);
        panic!(
            "SQLite and PostgreSQL differ; first difference:\n  SQLite:     {:?}\n  PostgreSQL: {:?}",
            first_difference.map(|(a, _)| a),
            first_difference.map(|(_, b)| b)
        );
    }
}

/// `count` experiment rows with distinct days and variants, drawn from 240
/// keys so that recordings overlap; with `correct`, the rows of the same
/// seed with every third one's figures changed.
fn experiment_rows(seed: u64, count: usize, correct: bool) -> Vec<ExperimentRow> {
    const VARIANTS: &[&str] = &["A", "B", "a", "control"];
    let mut random = Random(seed);
    let mut used = HashSet::new();
    let mut rows = Vec::new();
    while rows.len() < count {
        let key = (random.below(60) as i64, random.below(4) as usize);
        let visitors = random.below(5_000);
        let conversions = random.below(visitors + 1);
        let revenue = (random.below(3) != 0).then(|| {
            Decimal::new(
                random.below(10_000_000) as i64 - 10_000,
                random.below(4) as u32,
            )
        });
        let revenue_squares = revenue
            .filter(|_| random.below(2) == 0)
            .map(|revenue| revenue * revenue + Decimal::new(random.below(1_000) as i64, 3));
        if !used.insert(key) {
            continue;
        }
        let mut row = ExperimentRow {
            day: date(2026, 3, 1) + key.0.days(),
            variant: VARIANTS[key.1].to_owned(),
            visitors,
            conversions,
            revenue,
            revenue_squares,
        };
        if correct && rows.len() % 3 == 0 {
            row.visitors += 1;
        }
        rows.push(row);
    }
    rows
}

#[test]
fn sqlite_and_postgres_record_the_same_experiment_results() {
    let plan = crate::plans::example("cloud-kicks.toml");
    let transcript = |store: &dyn Store| {
        store.apply_plan(&plan, "ann").unwrap();
        let mut text = String::new();
        let mut record = |experiment: &str, rows: &[ExperimentRow], source: &str| {
            let result = store.record_experiment(&plan.id, experiment, rows, source, "ann");
            writeln!(text, "record {experiment} {source}: {result:?}").unwrap();
        };
        record("checkout", &experiment_rows(1, 150, false), "a.csv");
        // The same rows, a third of them corrected.
        record(
            "checkout",
            &experiment_rows(1, 150, true),
            "a-corrected.csv",
        );
        // Overlaps a.csv: inserts, replacements, perhaps some unchanged.
        record("checkout", &experiment_rows(2, 150, false), "b.csv");
        let mut repeated = experiment_rows(3, 100, false);
        repeated.push(repeated[40].clone());
        record("checkout", &repeated, "c.csv");
        record("hero", &experiment_rows(4, 80, false), "d.csv");
        for (experiment, to) in [
            ("checkout", None),
            ("checkout", Some(date(2026, 3, 20))),
            ("hero", None),
        ] {
            let stored = store.experiment_rows(&plan.id, experiment, to).unwrap();
            writeln!(text, "{experiment} to {to:?}: {} rows", stored.len()).unwrap();
            text.push_str(&crate::experiments::render(&stored));
        }
        text
    };
    let sqlite = harness::sqlite_in_memory();
    let postgres = harness::postgres();
    let on_sqlite = transcript(&*sqlite);
    let on_postgres = transcript(&*postgres);
    // The script must exercise what it claims to.
    let says = |what: fn(&str) -> bool| on_sqlite.lines().any(what);
    assert!(says(|line| line
        .starts_with("record checkout a-corrected.csv")
        && line.contains("inserted: 0, replaced: 50, unchanged: 100")));
    assert!(says(|line| line.starts_with("record checkout b.csv")
        && !line.contains("inserted: 0,")
        && !line.contains("replaced: 0,")));
    assert!(says(
        |line| line.starts_with("record checkout c.csv") && line.contains("RepeatedExperimentRow")
    ));
    let listed = |prefix: &str| -> usize {
        let line = on_sqlite.lines().find(|line| line.starts_with(prefix));
        let count = line.and_then(|line| line.split(' ').nth(3));
        count.unwrap().parse().unwrap()
    };
    let (to, all) = (listed("checkout to Some"), listed("checkout to None"));
    assert!(0 < to && to < all, "`to` keeps {to} rows of {all}");
    if on_sqlite != on_postgres {
        let first_difference = on_sqlite
            .lines()
            .zip(on_postgres.lines())
            .find(|(a, b)| a != b);
        panic!(
            "SQLite and PostgreSQL differ; first difference:\n  SQLite:     {:?}\n  PostgreSQL: {:?}",
            first_difference.map(|(a, _)| a),
            first_difference.map(|(_, b)| b)
        );
    }
}

/// `count` orders of a shop with distinct numbers, drawn from 400 so that
/// files overlap; an order's day (over 45 days across two months), channel,
/// segment, status (paid, pending or refunded) and total depend on its
/// number only, so that two files agree on the orders they share.
/// PrestaShop's say whether they were a first order. With `every` above 0,
/// every `every`-th order is changed (its day, status, total or customer
/// in turn), as a later export of the same orders would.
fn generated_orders(shop: &str, seed: u64, count: usize, every: usize) -> Vec<Order> {
    let mut random = Random(seed);
    let mut used = HashSet::new();
    let mut orders = Vec::new();
    while orders.len() < count {
        let number = random.below(400);
        if !used.insert(number) {
            continue;
        }
        let mut attributes = Random(number * 7_919 + shop.len() as u64);
        let day = date(2026, 3, 10) + (attributes.below(45) as i64).days();
        let channel = if attributes.below(5) == 0 {
            "store"
        } else {
            "website"
        };
        let segment = (attributes.below(6) == 0).then(|| "vip".to_owned());
        let status = match attributes.below(20) {
            0..=13 => "paid",
            14..=16 => "pending",
            _ => "refunded",
        };
        let total = Decimal::new(attributes.below(50_000) as i64, 2);
        let first = attributes.below(3) == 0;
        let mut order = Order {
            number: format!("#{number}"),
            day,
            channel: channel.to_owned(),
            segment,
            status: Some(status.to_owned()),
            counted: status == "paid",
            total,
            new_customer: (shop == "prestashop").then_some(first),
            line: orders.len() as u64 + 2,
        };
        if every > 0 && orders.len() % every == 0 {
            match orders.len() / every % 4 {
                0 => order.day += 1.days(),
                1 => {
                    order.counted = !order.counted;
                    let status = if order.counted { "paid" } else { "refunded" };
                    order.status = Some(status.to_owned());
                }
                2 => order.total += Decimal::new(1, 2),
                _ => order.new_customer = Some(!order.new_customer.unwrap_or(false)),
            }
        }
        orders.push(order);
    }
    orders
}

/// One step of the orders' script.
enum OrderStep {
    Orders {
        name: &'static str,
        shop: &'static str,
        seed: u64,
        count: usize,
        every: usize,
        mode: ImportMode,
    },
    /// A generic file with the orders' measures (and sessions) on some of
    /// their days and channels.
    Generic {
        name: &'static str,
        seed: u64,
    },
    /// A file that gives an order number twice.
    Repeated,
    Undo(i64),
}

fn orders_step(name: &'static str, shop: &'static str, seed: u64, count: usize) -> OrderStep {
    OrderStep::Orders {
        name,
        shop,
        seed,
        count,
        every: 0,
        mode: ImportMode::Commit,
    }
}

/// Runs the orders' script on a store, checking after every step that the
/// figures are those of the stored orders, and writes down everything it
/// says.
fn orders_transcript(store: &dyn Store, script: &[OrderStep]) -> String {
    let mut text = String::new();
    for step in script {
        let said = match step {
            OrderStep::Orders {
                name,
                shop,
                seed,
                count,
                every,
                mode,
            } => {
                let orders = generated_orders(shop, *seed, *count, *every);
                let report = store.import_orders(&shop_file(name, shop), shop, &orders, *mode);
                format!("orders {name} {shop} {mode:?}: {report:?}")
            }
            OrderStep::Generic { name, seed } => {
                let mut random = Random(*seed);
                let mut used = HashSet::new();
                let mut rows = Vec::new();
                while rows.len() < 60 {
                    let key = (random.below(45) as i64, random.below(4) as usize);
                    let value = Decimal::from(random.below(90));
                    if !used.insert(key) {
                        continue;
                    }
                    let measure = ["transactions", "revenue", "new_customers", "sessions"][key.1];
                    rows.push(Some(OwnedObservation {
                        line: rows.len() as u64 + 2,
                        day: date(2026, 3, 10) + key.0.days(),
                        measure: measure.to_owned(),
                        value,
                        channel: Some("website".to_owned()),
                        segment: None,
                        action: None,
                    }));
                }
                let mut source = Rows::from_observations(rows);
                let report = store.import(&file(name), &mut source, ImportMode::Commit);
                format!("generic {name}: {report:?}")
            }
            OrderStep::Repeated => {
                let mut orders = generated_orders("shopify", 9, 50, 0);
                let mut repeat = orders[10].clone();
                repeat.line = 99;
                orders.push(repeat);
                let report = store.import_orders(
                    &shop_file("repeated.csv", "shopify"),
                    "shopify",
                    &orders,
                    ImportMode::Commit,
                );
                format!("repeated: {report:?}")
            }
            OrderStep::Undo(batch) => {
                let undone = store.undo_import(*batch).unwrap();
                format!("undo {batch}: {undone:?}")
            }
        };
        crate::orders::consistent(store, &said);
        let orders = store.orders(None).unwrap();
        let observations = store.observations(&ObservationQuery::default()).unwrap();
        let total: Decimal = observations.iter().map(|o| o.value).sum();
        writeln!(
            text,
            "{said}\n  {} orders, {} observations, total {total}",
            orders.len(),
            observations.len()
        )
        .unwrap();
    }
    text.push_str(&render_batches(&store.batches().unwrap()));
    text.push_str(&crate::orders::stored_orders(store));
    text.push_str(&render(
        &store.observations(&ObservationQuery::default()).unwrap(),
    ));
    text
}

#[test]
fn sqlite_and_postgres_keep_the_same_orders_and_figures() {
    let script = [
        orders_step("a.csv", "shopify", 1, 300),
        // Overlaps a.csv: orders unchanged, new ones on the same days.
        orders_step("b.csv", "shopify", 2, 300),
        orders_step("c.csv", "prestashop", 3, 200),
        OrderStep::Generic {
            name: "analytics.csv",
            seed: 4,
        },
        // a.csv exported again later: a quarter of its orders changed.
        OrderStep::Orders {
            name: "a-later.csv",
            shop: "shopify",
            seed: 1,
            count: 300,
            every: 4,
            mode: ImportMode::Commit,
        },
        OrderStep::Orders {
            name: "dry.csv",
            shop: "shopify",
            seed: 5,
            count: 300,
            every: 0,
            mode: ImportMode::DryRun,
        },
        OrderStep::Repeated,
        OrderStep::Undo(2),
        orders_step("d.csv", "woocommerce", 6, 250),
        OrderStep::Undo(1),
        OrderStep::Undo(4),
        OrderStep::Orders {
            name: "e.csv",
            shop: "shopify",
            seed: 2,
            count: 300,
            every: 3,
            mode: ImportMode::Commit,
        },
        OrderStep::Undo(5),
        OrderStep::Undo(99),
        OrderStep::Undo(3),
    ];
    let sqlite = harness::sqlite_in_memory();
    let postgres = harness::postgres();
    let on_sqlite = orders_transcript(&*sqlite, &script);
    let on_postgres = orders_transcript(&*postgres, &script);
    // The script must exercise what it claims to.
    let says = |what: fn(&str) -> bool| on_sqlite.lines().any(what);
    // What a report says of the observations, and of the orders.
    fn observations_said(line: &str) -> &str {
        line.split("orders:").next().unwrap_or_default()
    }
    fn orders_said(line: &str) -> &str {
        line.split("orders:").nth(1).unwrap_or_default()
    }
    assert!(says(|line| line.starts_with("orders b.csv")
        && !orders_said(line).contains("inserted: 0,")
        && !orders_said(line).contains("unchanged: 0 ")));
    assert!(says(|line| line.starts_with("orders a-later.csv")
        && !orders_said(line).contains("replaced: 0,")));
    assert!(says(
        |line| line.starts_with("orders dry.csv") && line.contains("batch: None")
    ));
    assert!(says(
        |line| line.starts_with("repeated") && line.contains("RepeatedOrder")
    ));
    assert!(says(
        |line| line.starts_with("generic") && !observations_said(line).contains("replaced: 0,")
    ));
    assert!(says(|line| line.starts_with("undo")
        && line.contains("restored: ")
        && !line.contains("restored: 0 ")));
    // Some day lost all its orders and shows no sale.
    assert!(says(
        |line| line.contains("transactions") && line.contains("= 0 (batch")
    ));
    if on_sqlite != on_postgres {
        let first_difference = on_sqlite
            .lines()
            .zip(on_postgres.lines())
            .find(|(a, b)| a != b);
        panic!(
            "SQLite and PostgreSQL differ; first difference:\n  SQLite:     {:?}\n  PostgreSQL: {:?}",
            first_difference.map(|(a, _)| a),
            first_difference.map(|(_, b)| b)
        );
    }
}

/// Runs a generated tracking story on a store and writes down everything
/// it says: each write's answer, the updates in the order recorded, the
/// check-ins of the plan and of each objective, and every execution the
/// updates fold into.
fn tracking_transcript(store: &dyn Store, seed: u64) -> String {
    const ACTIONS: &[&str] = &["heatmap-paiement", "tests-ab-mensuels", "seo-continu"];
    const OBJECTIVES: &[&str] = &["audit-parcours", "taux-conversion", "optin-sms"];
    const REASONS: &[&str] = &["", "budget réaffecté", "« reporté »\nà l’automne"];
    let plan = crate::plans::example("cloud-kicks.toml");
    store.apply_plan(&plan, "ann").unwrap();
    let mut random = Random(seed);
    let mut text = String::new();
    let start = date(2026, 3, 2);
    for step in 0..160 {
        let by = ["ann", "leo", "yasmin"][random.below(3) as usize];
        let on = start + (random.below(60) as i64).days();
        if random.below(2) == 0 {
            let action = ACTIONS[random.below(ACTIONS.len() as u64) as usize];
            // Occurrence 0 now and then: refused.
            let occurrence = (action == "tests-ab-mensuels").then(|| random.below(4) as u32);
            let change = match random.below(6) {
                0 => Change::Started,
                1 => Change::Done,
                2 => Change::Cancelled {
                    reason: REASONS[random.below(REASONS.len() as u64) as usize].to_owned(),
                },
                3 => Change::Reopened,
                _ => Change::Progress {
                    // Above 100 now and then: refused.
                    percent: (random.below(4) != 0).then(|| random.below(125) as u8),
                    expected_end: (random.below(2) == 0)
                        .then(|| on + (random.below(40) as i64).days()),
                },
            };
            let update = update(action, occurrence, change, on);
            let result = store.record_action_update(&plan.id, &update, by);
            writeln!(text, "{step} update: {result:?}").unwrap();
        } else {
            let objective = OBJECTIVES[random.below(OBJECTIVES.len() as u64) as usize];
            let confidence = match random.below(5) {
                0 => Confidence::OnTrack,
                1 => Confidence::AtRisk,
                2 => Confidence::OffTrack,
                // Above 10 now and then: refused.
                _ => Confidence::Score(random.below(12) as u8),
            };
            let value = (random.below(3) != 0).then(|| {
                // Every scale, zeros (with their scale, and some with a
                // sign, which both stores drop) among them.
                let scale = random.below(7) as u32;
                match random.below(8) {
                    0 => Decimal::new(0, scale),
                    1 => -Decimal::new(0, scale),
                    _ => Decimal::new(random.below(2_000) as i64 - 1_000, scale),
                }
            });
            let mut checkin = checkin(objective, on, confidence, "", None);
            checkin.value = value;
            checkin.comment = format!("point {step} : « {objective} »");
            let result = store.record_checkin(&plan.id, &checkin, by);
            writeln!(text, "{step} checkin: {result:?}").unwrap();
        }
    }
    let updates = store.action_updates(&plan.id).unwrap();
    text.push_str(&render_updates(&updates));
    text.push_str(&render_checkins(&store.checkins(&plan.id, None).unwrap()));
    for objective in OBJECTIVES {
        let objective = ObjectiveId::parse(objective).unwrap();
        let checkins = store.checkins(&plan.id, Some(&objective)).unwrap();
        writeln!(text, "{objective}: {} check-ins", checkins.len()).unwrap();
        text.push_str(&render_checkins(&checkins));
    }
    let mut keys: Vec<_> = updates
        .iter()
        .map(|s| (s.update.action.clone(), s.update.occurrence))
        .collect();
    keys.sort();
    keys.dedup();
    for (action, occurrence) in keys {
        let execution = progress::execution(
            updates
                .iter()
                .map(|s| &s.update)
                .filter(|update| update.action == action && update.occurrence == occurrence),
        );
        writeln!(text, "{action} {occurrence:?}: {execution:?}").unwrap();
    }
    text
}

#[test]
fn sqlite_and_postgres_keep_the_same_tracking_data() {
    let sqlite = harness::sqlite_in_memory();
    let postgres = harness::postgres();
    let on_sqlite = tracking_transcript(&*sqlite, 7);
    let on_postgres = tracking_transcript(&*postgres, 7);
    // The script must exercise what it claims to.
    let says = |what: &dyn Fn(&str) -> bool| on_sqlite.lines().any(what);
    for refusal in ["Percent(", "Score(", "Occurrence"] {
        assert!(says(&|line| line.contains(refusal)), "no {refusal} refused");
    }
    for change in ["Started", "Done", "Cancelled", "Reopened", "Progress"] {
        assert!(
            says(&|line| line.contains(" by ") && line.contains(change)),
            "no {change} kept"
        );
    }
    // A value with trailing zeros, a zero with a scale.
    assert!(says(&|line| line.contains("»\" by ")
        && line
            .split(' ')
            .any(|word| word.contains('.') && word.ends_with('0'))));
    assert!(says(&|line| line.split(' ').any(|word| word == "0.00")));
    assert!(says(&|line| line.contains("state: Done")));
    if on_sqlite != on_postgres {
        let first_difference = on_sqlite
            .lines()
            .zip(on_postgres.lines())
            .find(|(a, b)| a != b);
        panic!(
            "SQLite and PostgreSQL differ; first difference:\n  SQLite:     {:?}\n  PostgreSQL: {:?}",
            first_difference.map(|(a, _)| a),
            first_difference.map(|(_, b)| b)
        );
    }
}
