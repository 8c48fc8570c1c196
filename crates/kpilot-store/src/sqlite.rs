//! The SQLite store: one file per workspace, WAL mode, migrations applied on
//! open and recorded in `schema_migrations`.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use jiff::Timestamp;
use kpilot_core::ids::PlanId;
use kpilot_core::plan::ItemKind;
use kpilot_core::{Plan, plan_file};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::{Applied, PlanSummary, Store, StoreError, StoredPlan};

/// The schema, one step per file, in order. A step is never edited once
/// released: a change is a new step.
const MIGRATIONS: &[(i64, &str, &str)] = &[(
    1,
    "plans",
    include_str!("../migrations/sqlite/0001_plans.sql"),
)];

/// A workspace in an SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    // One connection behind a mutex: SQLite serialises writers anyway, and
    // the command line and a small team's web app never need more.
    connection: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (or creates) the workspace file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        SqliteStore::setup(connection)
    }

    /// A workspace that lives in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        SqliteStore::setup(Connection::open_in_memory()?)
    }

    fn setup(mut connection: Connection) -> Result<SqliteStore, StoreError> {
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut connection)?;
        Ok(SqliteStore {
            connection: Mutex::new(connection),
        })
    }

    /// The versions of the migrations applied, in order.
    pub fn applied_migrations(&self) -> Result<Vec<i64>, StoreError> {
        let connection = self.lock();
        let mut statement =
            connection.prepare("SELECT version FROM schema_migrations ORDER BY version")?;
        let versions = statement
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(versions)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves the connection usable: every
        // write runs in a transaction that SQLite rolls back.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version     INTEGER PRIMARY KEY,
             name        TEXT NOT NULL,
             applied_at  TEXT NOT NULL
         ) STRICT;",
    )?;
    let current: i64 = connection.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |row| row.get(0),
    )?;
    let known = MIGRATIONS.last().map_or(0, |(version, _, _)| *version);
    if current > known {
        return Err(StoreError::NewerSchema {
            found: current,
            known,
        });
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > current) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, Timestamp::now().to_string()],
        )?;
        transaction.commit()?;
    }
    Ok(())
}

fn content_hash(document: &str) -> String {
    Sha256::digest(document.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The items a plan holds, as (kind, id, title) rows.
fn plan_items(plan: &Plan) -> Vec<(ItemKind, &str, &str)> {
    let mut items = Vec::new();
    items.extend(
        plan.goals
            .iter()
            .map(|x| (ItemKind::Goal, x.id.as_str(), x.title.as_str())),
    );
    items.extend(
        plan.objectives
            .iter()
            .map(|x| (ItemKind::Objective, x.id.as_str(), x.title.as_str())),
    );
    items.extend(
        plan.kpis
            .iter()
            .map(|x| (ItemKind::Kpi, x.id.as_str(), x.name.fr.as_str())),
    );
    items.extend(
        plan.segments
            .iter()
            .map(|x| (ItemKind::Segment, x.id.as_str(), x.name.as_str())),
    );
    items.extend(
        plan.channels
            .iter()
            .map(|x| (ItemKind::Channel, x.id.as_str(), x.name.as_str())),
    );
    items.extend(
        plan.strategies
            .iter()
            .map(|x| (ItemKind::Strategy, x.id.as_str(), x.title.as_str())),
    );
    items.extend(
        plan.tactics
            .iter()
            .map(|x| (ItemKind::Tactic, x.id.as_str(), x.title.as_str())),
    );
    items.extend(
        plan.actions
            .iter()
            .map(|x| (ItemKind::Action, x.id.as_str(), x.title.as_str())),
    );
    items
}

impl Store for SqliteStore {
    fn apply_plan(&self, plan: &Plan, applied_by: &str) -> Result<Applied, StoreError> {
        let document = plan_file::write(plan);
        let hash = content_hash(&document);
        let now = Timestamp::now().to_string();
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let latest: Option<(i64, String)> = transaction
            .query_row(
                "SELECT r.revision, r.content_hash FROM plans p
                 JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision
                 WHERE p.id = ?1",
                [plan.id.as_str()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let revision = match &latest {
            Some((revision, stored)) if *stored == hash => {
                return Ok(Applied::Unchanged {
                    revision: *revision,
                });
            }
            Some((revision, _)) => revision + 1,
            None => 1,
        };
        transaction.execute(
            "INSERT INTO plans (id, name, start_date, end_date, currency, revision, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                 start_date = excluded.start_date, end_date = excluded.end_date,
                 currency = excluded.currency, revision = excluded.revision,
                 updated_at = excluded.updated_at",
            params![
                plan.id.as_str(),
                plan.name,
                plan.start.to_string(),
                plan.end.to_string(),
                plan.currency.as_str(),
                revision,
                now
            ],
        )?;
        transaction.execute(
            "INSERT INTO plan_revisions (plan_id, revision, content_hash, document, applied_at, applied_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![plan.id.as_str(), revision, hash, document, now, applied_by],
        )?;
        transaction.execute(
            "DELETE FROM plan_items WHERE plan_id = ?1",
            [plan.id.as_str()],
        )?;
        {
            let mut insert = transaction.prepare(
                "INSERT INTO plan_items (plan_id, kind, item_id, title) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (kind, id, title) in plan_items(plan) {
                insert.execute(params![plan.id.as_str(), kind.as_str(), id, title])?;
            }
        }
        transaction.commit()?;
        Ok(match latest {
            None => Applied::Created { revision },
            Some(_) => Applied::Updated { revision },
        })
    }

    fn plan(&self, id: &PlanId) -> Result<Option<StoredPlan>, StoreError> {
        let connection = self.lock();
        let row: Option<(i64, String, String, String, String)> = connection
            .query_row(
                "SELECT r.revision, r.document, r.applied_at, r.applied_by, r.content_hash
                 FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision
                 WHERE p.id = ?1",
                [id.as_str()],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((revision, document, applied_at, applied_by, content_hash)) = row else {
            return Ok(None);
        };
        let corrupt = |message: String| StoreError::Corrupt {
            plan: id.to_string(),
            revision,
            message,
        };
        let parsed = plan_file::parse(&document).map_err(|error| corrupt(error.to_string()))?;
        let applied_at = applied_at
            .parse()
            .map_err(|error: jiff::Error| corrupt(error.to_string()))?;
        Ok(Some(StoredPlan {
            plan: parsed.plan,
            revision,
            applied_at,
            applied_by,
            content_hash,
        }))
    }

    fn plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let connection = self.lock();
        let mut statement = connection
            .prepare("SELECT id, name, start_date, end_date, revision FROM plans ORDER BY id")?;
        let plans = statement
            .query_map([], |row| {
                Ok(PlanSummary {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    start: row.get(2)?,
                    end: row.get(3)?,
                    revision: row.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(plans)
    }
}
