//! What only the PostgreSQL store has: migrations recorded in the database,
//! the refusal of a newer schema, a workspace that outlives its connection,
//! several kpilots migrating a new database at once, and keys sorted by
//! bytes whatever the server's collation.

use kpilot_store::{ImportMode, ObservationQuery, PostgresStore, Store, StoreError};

use crate::harness::{TestDatabase, file, render_batches, rows, stored};
use crate::plans::example;

#[test]
fn postgres_records_its_migrations() {
    let database = TestDatabase::create();
    let store = PostgresStore::connect(database.url()).unwrap();
    assert_eq!(
        store.applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
    let recorded: Vec<(i64, String)> = database
        .client()
        .query(
            "SELECT version, name FROM schema_migrations ORDER BY version",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    assert_eq!(
        recorded,
        vec![
            (1, "plans".to_owned()),
            (2, "observations".to_owned()),
            (3, "daily_totals".to_owned()),
            (4, "spend".to_owned()),
            (5, "notes".to_owned()),
            (6, "data_version".to_owned()),
            (7, "experiments".to_owned()),
            (8, "orders".to_owned()),
            (9, "tracking".to_owned()),
        ]
    );
    // Connecting again applies nothing more.
    drop(store);
    let store = PostgresStore::connect(database.url()).unwrap();
    assert_eq!(
        store.applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
}

#[test]
fn postgres_refuses_a_database_from_a_newer_kpilot() {
    let database = TestDatabase::create();
    drop(PostgresStore::connect(database.url()).unwrap());
    database
        .client()
        .execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', now())",
            &[],
        )
        .unwrap();
    match PostgresStore::connect(database.url()) {
        Err(StoreError::NewerSchema {
            found: 99,
            known: 9,
        }) => {}
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

#[test]
fn postgres_workspace_persists_across_connections() {
    let database = TestDatabase::create();
    let plan = example("boutique.toml");
    let (observations, batches) = {
        let store = PostgresStore::connect(database.url()).unwrap();
        store.apply_plan(&plan, "ann").unwrap();
        let mut source = rows(
            "2 2026-01-05 sessions 120 email
             3 2026-01-06 revenue 1234.50 - vip",
        );
        store
            .import(&file("a.csv"), &mut source, ImportMode::Commit)
            .unwrap();
        let mut source = rows("2 2026-01-05 sessions 121 email");
        store
            .import(&file("b.csv"), &mut source, ImportMode::Commit)
            .unwrap();
        (stored(&store), store.batches().unwrap())
    };
    let store = PostgresStore::connect(database.url()).unwrap();
    assert_eq!(
        store.applied_migrations().unwrap(),
        vec![1, 2, 3, 4, 5, 6, 7, 8, 9]
    );
    let read = store.plan(&plan.id).unwrap().unwrap();
    assert_eq!(read.plan, plan);
    assert_eq!(read.revision, 1);
    assert_eq!(stored(&store), observations);
    assert_eq!(store.batches().unwrap(), batches);
    // What was replaced is still there to restore.
    store.undo_import(2).unwrap().unwrap();
    expect_test::expect![[r#"
        2026-01-05 sessions email - - = 120 (batch 1, line 2)
        2026-01-06 revenue - vip - = 1234.5 (batch 1, line 3)
    "#]]
    .assert_eq(&stored(&store));
}

#[test]
fn postgres_connections_to_a_new_database_migrate_it_once() {
    let database = TestDatabase::create();
    let url = database.url();
    std::thread::scope(|scope| {
        let connecting: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| PostgresStore::connect(url)))
            .collect();
        for connection in connecting {
            let store = connection.join().unwrap().unwrap();
            assert_eq!(
                store.applied_migrations().unwrap(),
                vec![1, 2, 3, 4, 5, 6, 7, 8, 9]
            );
        }
    });
}

#[test]
fn postgres_sorts_keys_by_bytes_whatever_the_server_collation() {
    // Under an English collation "apple" < "Banana"; by bytes, as on SQLite,
    // "Banana" < "apple".
    let database = TestDatabase::create_with(
        "TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C'",
    );
    let english: bool = database
        .client()
        .query_one("SELECT 'apple' < 'Banana'", &[])
        .unwrap()
        .get(0);
    assert!(english, "the database should sort as English does");
    let store = PostgresStore::connect(database.url()).unwrap();
    let mut source = rows(
        "2 2026-01-05 sessions 1 apple
         3 2026-01-05 sessions 2 Banana
         4 2026-01-05 sessions 3 -
         5 2026-01-05 Sessions 4 -",
    );
    store
        .import(&file("a.csv"), &mut source, ImportMode::Commit)
        .unwrap();
    expect_test::expect![[r#"
        2026-01-05 Sessions - - - = 4 (batch 1, line 5)
        2026-01-05 sessions - - - = 3 (batch 1, line 4)
        2026-01-05 sessions Banana - - = 2 (batch 1, line 3)
        2026-01-05 sessions apple - - = 1 (batch 1, line 2)
    "#]]
    .assert_eq(&stored(&store));
    let only_lowercase = store
        .observations(&ObservationQuery {
            measures: Some(vec!["sessions".to_owned()]),
            ..ObservationQuery::default()
        })
        .unwrap();
    assert_eq!(only_lowercase.len(), 3);
    expect_test::expect![[r#"
        1 a.csv [] long by ann: 4 rows, 4 inserted, 0 replaced, 0 unchanged
    "#]]
    .assert_eq(&render_batches(&store.batches().unwrap()));
}

#[test]
fn postgres_connection_failure_is_a_database_error() {
    let database = TestDatabase::create();
    let missing = database.url().replace("kpilot_test_", "kpilot_missing_");
    match PostgresStore::connect(&missing) {
        Err(error @ StoreError::Postgres(_)) => {
            let message = error.to_string();
            assert!(
                message.starts_with("workspace database (PostgreSQL): FATAL: database")
                    && message.ends_with("does not exist"),
                "{message}"
            );
        }
        other => panic!("expected a PostgreSQL error, got {other:?}"),
    }
    // No server at all: the cause is said.
    match PostgresStore::connect("postgres://postgres@127.0.0.1:1/postgres") {
        Err(error @ StoreError::Postgres(_)) => {
            let message = error.to_string();
            assert!(
                message
                    .starts_with("workspace database (PostgreSQL): error connecting to server: "),
                "{message}"
            );
        }
        other => panic!("expected a PostgreSQL error, got {other:?}"),
    }
}
