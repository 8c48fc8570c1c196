//! What the stories run on: the stores (with what keeps them alive), a
//! PostgreSQL database per test, an observation source written as text, and
//! observations rendered as text to compare.

use std::fmt::Write as _;
use std::ops::Deref;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use jiff::civil::Date;
use kpilot_store::{
    Batch, NewBatch, Observation, ObservationQuery, ObservationSource, PostgresStore, SqliteStore,
    Store, StoredObservation,
};
use postgres::{Client, NoTls};
use rust_decimal::Decimal;
use tempfile::TempDir;

/// A store under test. Dereferences to the store; dropping it closes the
/// store, then removes its file or database.
pub struct TestStore {
    // Fields drop in order: the store closes before its database goes.
    store: Box<dyn Store>,
    _keep: Keep,
}

enum Keep {
    Nothing,
    Folder(#[allow(dead_code, reason = "kept for its Drop")] TempDir),
    Database(#[allow(dead_code, reason = "kept for its Drop")] TestDatabase),
}

impl Deref for TestStore {
    type Target = dyn Store;
    fn deref(&self) -> &(dyn Store + 'static) {
        &*self.store
    }
}

pub fn sqlite_in_memory() -> TestStore {
    TestStore {
        store: Box::new(SqliteStore::open_in_memory().unwrap()),
        _keep: Keep::Nothing,
    }
}

pub fn sqlite_file() -> TestStore {
    let folder = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&folder.path().join("workspace.db")).unwrap();
    TestStore {
        store: Box::new(store),
        _keep: Keep::Folder(folder),
    }
}

pub fn postgres() -> TestStore {
    let database = TestDatabase::create();
    let store = PostgresStore::connect(database.url()).unwrap();
    TestStore {
        store: Box::new(store),
        _keep: Keep::Database(database),
    }
}

/// A database of its own on the test server, dropped at the end.
pub struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    pub fn create() -> TestDatabase {
        TestDatabase::create_with("")
    }

    /// A database created with these `CREATE DATABASE` options.
    pub fn create_with(options: &str) -> TestDatabase {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let admin_url = admin_url();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!(
            "kpilot_test_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = Client::connect(&admin_url, NoTls).unwrap_or_else(|error| {
            panic!("cannot connect to KPILOT_TEST_DATABASE_URL ({admin_url}): {error}")
        });
        admin
            .batch_execute(&format!("CREATE DATABASE {name} {options}"))
            .unwrap();
        let url = with_database(&admin_url, &name);
        TestDatabase {
            admin_url,
            name,
            url,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// A plain connection to the database, to look at it or tamper with it.
    pub fn client(&self) -> Client {
        Client::connect(&self.url, NoTls).unwrap()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Best effort: a failed drop only leaves a database on a throwaway
        // server, and must not hide the test's own failure.
        if let Ok(mut admin) = Client::connect(&self.admin_url, NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

fn admin_url() -> String {
    match std::env::var("KPILOT_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "KPILOT_TEST_DATABASE_URL is not set: the store tests also run on PostgreSQL. \
             Run them with `bash scripts/test` (add `-p kpilot-store` for these only), which \
             starts a throwaway server, or set KPILOT_TEST_DATABASE_URL to the URL of a server \
             where databases may be created (postgres://USER@HOST:PORT/postgres)."
        ),
    }
}

/// The same server and user, another database: the URL's path is replaced
/// (`postgres://u@h:p/db?x` → `postgres://u@h:p/NAME?x`), `key=value`
/// settings get a `dbname`.
fn with_database(url: &str, name: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return format!("{url} dbname={name}");
    };
    let (base, query) = match url.find('?') {
        Some(at) => url.split_at(at),
        None => (url, ""),
    };
    let authority_start = scheme_end + 3;
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |at| authority_start + at);
    format!("{}/{name}{query}", &base[..path_start])
}

#[test]
fn with_database_replaces_the_database_of_a_url() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:54000/postgres", "k"),
        "postgres://postgres@127.0.0.1:54000/k"
    );
    assert_eq!(
        with_database("postgresql://u:p@h/db?sslmode=disable", "k"),
        "postgresql://u:p@h/k?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h:5", "k"), "postgres://h:5/k");
    assert_eq!(
        with_database("host=/tmp user=me", "k"),
        "host=/tmp user=me dbname=k"
    );
}

/// An import's rows, written one per line:
///
/// ```text
/// LINE DAY MEASURE VALUE [CHANNEL [SEGMENT [ACTION]]]   ("-" for none)
/// LINE bad                                               (a row the reader refused)
/// ```
///
/// Like a reader, it yields the good rows and only says it is not clean once
/// it has passed a bad one.
pub struct Rows {
    items: Vec<Item>,
    next: usize,
    clean: bool,
}

enum Item {
    Good(OwnedObservation),
    Bad,
}

#[derive(Debug, Clone)]
pub struct OwnedObservation {
    pub line: u64,
    pub day: Date,
    pub measure: String,
    pub value: Decimal,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub action: Option<String>,
}

pub fn rows(text: &str) -> Rows {
    let items = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields[1] == "bad" {
                return Item::Bad;
            }
            let optional = |at: usize| {
                fields
                    .get(at)
                    .filter(|field| **field != "-")
                    .map(|field| field.to_string())
            };
            Item::Good(OwnedObservation {
                line: fields[0].parse().unwrap(),
                day: fields[1].parse().unwrap(),
                measure: fields[2].to_owned(),
                value: fields[3].parse().unwrap(),
                channel: optional(4),
                segment: optional(5),
                action: optional(6),
            })
        })
        .collect();
    Rows {
        items,
        next: 0,
        clean: true,
    }
}

impl Rows {
    pub fn from_observations(observations: Vec<Option<OwnedObservation>>) -> Rows {
        Rows {
            items: observations
                .into_iter()
                .map(|item| item.map_or(Item::Bad, Item::Good))
                .collect(),
            next: 0,
            clean: true,
        }
    }

    /// Whether the store read every row.
    pub fn exhausted(&self) -> bool {
        self.next == self.items.len()
    }
}

impl ObservationSource for Rows {
    fn next_observation(&mut self) -> Option<Observation<'_>> {
        loop {
            let item = self.items.get(self.next)?;
            self.next += 1;
            match item {
                Item::Bad => self.clean = false,
                Item::Good(row) => {
                    return Some(Observation {
                        line: row.line,
                        day: row.day,
                        measure: &row.measure,
                        value: row.value,
                        channel: row.channel.as_deref(),
                        segment: row.segment.as_deref(),
                        action: row.action.as_deref(),
                    });
                }
            }
        }
    }

    fn is_clean(&self) -> bool {
        self.clean
    }
}

/// A batch for a file, with the usual format and no options.
pub fn file(name: &str) -> NewBatch {
    file_with(name, "")
}

pub fn file_with(name: &str, options: &str) -> NewBatch {
    NewBatch {
        file_name: name.to_owned(),
        content_hash: format!("sha256-of-{name}"),
        format: "long".to_owned(),
        options: options.to_owned(),
        imported_by: "ann".to_owned(),
    }
}

/// Every stored observation, one per line:
/// `DAY MEASURE CHANNEL SEGMENT ACTION = VALUE (batch B, line L)`.
pub fn stored(store: &dyn Store) -> String {
    render(&store.observations(&ObservationQuery::default()).unwrap())
}

pub fn render(observations: &[StoredObservation]) -> String {
    let mut text = String::new();
    for o in observations {
        writeln!(
            text,
            "{} {} {} {} {} = {} (batch {}, line {})",
            o.day,
            o.measure,
            o.channel.as_deref().unwrap_or("-"),
            o.segment.as_deref().unwrap_or("-"),
            o.action.as_deref().unwrap_or("-"),
            o.value,
            o.batch,
            o.line
        )
        .unwrap();
    }
    text
}

/// The batches as `ID FILE OPTIONS rows/inserted/replaced/unchanged`,
/// without their times.
pub fn render_batches(batches: &[Batch]) -> String {
    let mut text = String::new();
    for b in batches {
        writeln!(
            text,
            "{} {} [{}] {} by {}: {} rows, {} inserted, {} replaced, {} unchanged",
            b.id,
            b.file_name,
            b.options,
            b.format,
            b.imported_by,
            b.rows,
            b.inserted,
            b.replaced,
            b.unchanged
        )
        .unwrap();
    }
    text
}
