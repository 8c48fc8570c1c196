//! The store's story on SQLite: open, migrate, apply, update, read back.

use kpilot_core::ids::PlanId;
use kpilot_core::plan_file;
use kpilot_store::{Applied, SqliteStore, Store, StoreError};

fn example(name: &str) -> kpilot_core::Plan {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    plan_file::parse(&text).unwrap().plan
}

#[test]
fn plan_story() {
    let store = SqliteStore::open_in_memory().unwrap();
    assert_eq!(store.applied_migrations().unwrap(), vec![1, 2]);
    assert!(store.plans().unwrap().is_empty());

    let mut plan = example("cloud-kicks.toml");
    let id = plan.id.clone();
    assert_eq!(
        store.apply_plan(&plan, "yasmin").unwrap(),
        Applied::Created { revision: 1 }
    );
    assert_eq!(
        store.apply_plan(&plan, "yasmin").unwrap(),
        Applied::Unchanged { revision: 1 }
    );

    let stored = store.plan(&id).unwrap().unwrap();
    assert_eq!(stored.plan, plan);
    assert_eq!(stored.revision, 1);
    assert_eq!(stored.applied_by, "yasmin");
    assert_eq!(stored.content_hash.len(), 64);

    plan.name.push_str(" (v2)");
    assert_eq!(
        store.apply_plan(&plan, "ann").unwrap(),
        Applied::Updated { revision: 2 }
    );
    let stored = store.plan(&id).unwrap().unwrap();
    assert_eq!(stored.plan.name, plan.name);
    assert_eq!(stored.revision, 2);

    let other = example("boutique.toml");
    store.apply_plan(&other, "ann").unwrap();
    let listed: Vec<(String, i64)> = store
        .plans()
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.revision))
        .collect();
    let mut expected = vec![(other.id.to_string(), 1), (id.to_string(), 2)];
    expected.sort();
    assert_eq!(listed, expected);

    assert!(
        store
            .plan(&PlanId::parse("nope").unwrap())
            .unwrap()
            .is_none()
    );
}

#[test]
fn workspace_file_persists_across_opens() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.db");
    let plan = example("boutique.toml");
    {
        let store = SqliteStore::open(&path).unwrap();
        store.apply_plan(&plan, "ann").unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.applied_migrations().unwrap(), vec![1, 2]);
    assert_eq!(store.plan(&plan.id).unwrap().unwrap().plan, plan);
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

#[test]
fn a_failed_apply_writes_nothing() {
    let store = SqliteStore::open_in_memory().unwrap();
    let mut plan = example("boutique.toml");
    store.apply_plan(&plan, "ann").unwrap();
    // Two goals with one id break the item index's key halfway through the
    // write: the whole revision must be rolled back.
    let duplicate = plan.goals[0].clone();
    plan.goals.push(duplicate);
    plan.name.push_str(" (broken)");
    assert!(matches!(
        store.apply_plan(&plan, "ann"),
        Err(StoreError::Database(_))
    ));
    let stored = store.plan(&plan.id).unwrap().unwrap();
    assert_eq!(stored.revision, 1);
    assert!(!stored.plan.name.ends_with("(broken)"));
    assert_eq!(store.plans().unwrap()[0].revision, 1);
}
