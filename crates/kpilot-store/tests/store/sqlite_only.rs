//! What only the SQLite store has: a file that persists, WAL mode, its
//! migrations and its refusal of a newer workspace.

use kpilot_store::{SqliteStore, Store, StoreError};

use crate::harness::{file, rows, stored};
use crate::plans::example;

#[test]
fn sqlite_records_its_migrations() {
    let store = SqliteStore::open_in_memory().unwrap();
    assert_eq!(
        store.applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
}

#[test]
fn workspace_file_persists_across_opens() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.db");
    let plan = example("boutique.toml");
    let observations = {
        let store = SqliteStore::open(&path).unwrap();
        store.apply_plan(&plan, "ann").unwrap();
        let mut source = rows("2 2026-01-05 sessions 120 email");
        store
            .import(
                &file("a.csv"),
                &mut source,
                kpilot_store::ImportMode::Commit,
            )
            .unwrap();
        stored(&store)
    };
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(
        store.applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
    assert_eq!(store.plan(&plan.id).unwrap().unwrap().plan, plan);
    assert_eq!(stored(&store), observations);
    assert_eq!(store.batches().unwrap().len(), 1);
}

#[test]
fn refuses_a_workspace_from_a_newer_kpilot() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.db");
    drop(SqliteStore::open(&path).unwrap());
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'now')",
            [],
        )
        .unwrap();
    drop(connection);
    match SqliteStore::open(&path) {
        Err(StoreError::NewerSchema {
            found: 99,
            known: 9,
        }) => {}
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

#[test]
fn workspace_file_is_in_wal_mode() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.db");
    drop(SqliteStore::open(&path).unwrap());
    let connection = rusqlite::Connection::open(&path).unwrap();
    let mode: String = connection
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn upgrading_a_workspace_computes_the_totals_of_its_data() {
    use jiff::civil::date;
    use kpilot_store::{Scope, TotalsQuery, TotalsScope};
    use rust_decimal::Decimal;

    // A workspace as kpilot left it before daily totals (schema step 2).
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.db");
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute_batch(concat!(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                 applied_at TEXT NOT NULL) STRICT;
             INSERT INTO schema_migrations VALUES (1, 'plans', 'then'), (2, 'observations', 'then');",
            include_str!("../../migrations/sqlite/0001_plans.sql"),
            include_str!("../../migrations/sqlite/0002_observations.sql"),
            "INSERT INTO import_batches (file_name, content_hash, format, options, rows, inserted,
                 replaced, unchanged, imported_at, imported_by)
                 VALUES ('a.csv', 'h', 'long', '', 3, 3, 0, 0, '2026-02-01T00:00:00Z', 'ann');
             INSERT INTO names (id, name) VALUES (1, 'sessions'), (2, 'email'), (3, 'sms');
             INSERT INTO observations (day, measure, channel, segment, action, value, batch, line)
                 VALUES (20260131, 1, 2, 0, 0, '120', 1, 2), (20260131, 1, 3, 0, 0, '0.5', 1, 3),
                        (20260201, 1, 2, 0, 0, '7', 1, 4);"
        ))
        .unwrap();
    drop(connection);

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(
        store.applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
    let totals = store
        .daily_totals(&TotalsQuery {
            series: vec!["sessions".into()],
            scope: TotalsScope::Market {
                channel: Scope::All,
                segment: Scope::All,
            },
            from: Some(date(2026, 1, 1)),
            to: date(2026, 2, 28),
        })
        .unwrap();
    let days: Vec<_> = totals.iter().map(|t| (t.day, t.value, t.facts)).collect();
    assert_eq!(
        days,
        vec![
            (date(2026, 1, 31), Decimal::new(1205, 1), 2),
            (date(2026, 2, 1), Decimal::new(7, 0), 1)
        ]
    );
}
