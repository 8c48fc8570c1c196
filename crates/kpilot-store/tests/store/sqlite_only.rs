//! What only the SQLite store has: a file that persists, WAL mode, its
//! migrations and its refusal of a newer workspace.

use kpilot_store::{SqliteStore, Store, StoreError};

use crate::harness::{file, rows, stored};
use crate::plans::example;

#[test]
fn sqlite_records_its_migrations() {
    let store = SqliteStore::open_in_memory().unwrap();
    assert_eq!(store.applied_migrations().unwrap(), vec![1, 2]);
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
    assert_eq!(store.applied_migrations().unwrap(), vec![1, 2]);
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
            known: 2,
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
