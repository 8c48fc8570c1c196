//! The data version: every write that changes what a report reads moves it
//! on, and nothing else does — reads, dry runs and refused imports leave it
//! where it was. Writes by another connection to the same workspace move it
//! too, so that a server's cache sees the command line's imports.

use jiff::civil::date;
use kpilot_store::{ImportMode, NewNote, NewSpend, SqliteStore, Store};

use crate::harness::{TestDatabase, file, rows};
use crate::plans::example;

on_every_store!(every_write_moves_the_data_version_and_nothing_else_does);

fn every_write_moves_the_data_version_and_nothing_else_does(store: &dyn Store) {
    let mut seen = vec![store.data_version().unwrap()];
    let mut moved = |store: &dyn Store, what: &str| {
        let now = store.data_version().unwrap();
        assert!(
            seen.iter().all(|&before| before != now),
            "{what}: the data version {now} was seen before ({seen:?})"
        );
        seen.push(now);
    };
    let unmoved = |store: &dyn Store, before: i64, what: &str| {
        assert_eq!(store.data_version().unwrap(), before, "{what}");
    };

    let mut plan = example("cloud-kicks.toml");
    store.apply_plan(&plan, "ann").unwrap();
    moved(store, "a new plan");
    plan.name.push_str(" 2026");
    store.apply_plan(&plan, "ann").unwrap();
    moved(store, "a new revision");

    let import = |mode, text| {
        let mut source = rows(text);
        store.import(&file("a.csv"), &mut source, mode).unwrap()
    };
    let before = store.data_version().unwrap();
    import(ImportMode::DryRun, "2 2026-01-05 sessions 120 email");
    unmoved(store, before, "a dry run");
    let refused = import(
        ImportMode::Commit,
        "2 2026-01-05 sessions 120 email
         3 2026-01-05 sessions 121 email",
    );
    assert_eq!(refused.batch, None);
    unmoved(store, before, "an import refused for its duplicates");
    let batch = import(ImportMode::Commit, "2 2026-01-05 sessions 120 email")
        .batch
        .unwrap();
    moved(store, "an import");

    let before = store.data_version().unwrap();
    store.batches().unwrap();
    store.plan(&plan.id).unwrap();
    store.spend_entries(&plan.id).unwrap();
    store.notes(&plan.id).unwrap();
    unmoved(store, before, "reads");

    store.undo_import(batch).unwrap().unwrap();
    moved(store, "an undo");
    store
        .record_spend(&NewSpend {
            plan: plan.id.clone(),
            action: "seo-continu".to_owned(),
            day: date(2026, 3, 2),
            amount: "120.50".parse().unwrap(),
            note: String::new(),
            entered_by: "ann".to_owned(),
        })
        .unwrap();
    moved(store, "spend");
    store
        .add_note(&NewNote {
            plan: plan.id.clone(),
            item: "email".to_owned(),
            text: "Les envois du mardi ouvrent mieux.".to_owned(),
            written_by: "ann".to_owned(),
        })
        .unwrap();
    moved(store, "a note");
}

/// Two stores on one workspace, as `kpilot serve` and `kpilot import` are:
/// what one writes, the other's data version shows.
fn another_connection_moves_the_data_version(reader: &dyn Store, writer: &dyn Store) {
    let before = reader.data_version().unwrap();
    let mut source = rows("2 2026-01-05 sessions 120 email");
    writer
        .import(&file("a.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    assert_ne!(reader.data_version().unwrap(), before);
    assert_eq!(
        reader.data_version().unwrap(),
        writer.data_version().unwrap()
    );
    let before = reader.data_version().unwrap();
    writer.apply_plan(&example("boutique.toml"), "ann").unwrap();
    assert_ne!(reader.data_version().unwrap(), before);
}

#[test]
fn sqlite_sees_the_writes_of_another_connection() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("workspace.db");
    let reader = SqliteStore::open(&path).unwrap();
    let writer = SqliteStore::open(&path).unwrap();
    another_connection_moves_the_data_version(&reader, &writer);
}

#[test]
fn postgres_sees_the_writes_of_another_connection() {
    let database = TestDatabase::create();
    let reader = kpilot_store::PostgresStore::connect(database.url()).unwrap();
    let writer = kpilot_store::PostgresStore::connect(database.url()).unwrap();
    another_connection_moves_the_data_version(&reader, &writer);
}
