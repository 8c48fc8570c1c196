//! The PostgreSQL store: one database shared by a team's kpilots. Its own
//! migrations (`migrations/postgres/`) are applied on connect, in one
//! transaction under an advisory lock, and recorded in `schema_migrations`.
//!
//! It behaves exactly as the SQLite store, which the shared test suite
//! checks: same revisions, same batch ids, same import reports. Imports are
//! set-based: the rows are copied into a temporary table, then checked for
//! duplicate keys and merged with a few statements, so a large file costs a
//! handful of round trips rather than one per row.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Mutex, MutexGuard};

use jiff::Timestamp;
use jiff::civil::Date;
use kpilot_core::ids::{ObjectiveId, PlanId};
use kpilot_core::progress::{ActionUpdate, CheckIn};
use kpilot_core::{Plan, plan_file};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::{Client, NoTls, Row, Transaction};
use rust_decimal::Decimal;

use crate::orders::{Figure, Figures, GroupKey};
use crate::totals::{
    ALL, Builder, Leaf, Pair, month_days, month_number, months_between, pair_series,
};
use crate::tracking::{self, ChangeColumns, CheckInRow, UpdateRow};
use crate::{
    Applied, Batch, Duplicate, ExperimentRow, ExperimentWrite, ImportMode, ImportReport,
    MAX_REPORTED, NewBatch, NewNote, NewSpend, Note, ObservationQuery, ObservationSource, Order,
    PlanSummary, Scope, SpendEntry, Store, StoreError, StoredActionUpdate, StoredCheckIn,
    StoredExperimentRow, StoredObservation, StoredOrder, StoredPlan, StoredTotal, TotalsQuery,
    TotalsScope, Undone, experiment_count, postgres_message,
};

/// The schema, one step per file, in order. A step is never edited once
/// released: a change is a new step.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "plans",
        include_str!("../migrations/postgres/0001_plans.sql"),
    ),
    (
        2,
        "observations",
        include_str!("../migrations/postgres/0002_observations.sql"),
    ),
    (
        3,
        "daily_totals",
        include_str!("../migrations/postgres/0003_daily_totals.sql"),
    ),
    (
        4,
        "spend",
        include_str!("../migrations/postgres/0004_spend.sql"),
    ),
    (
        5,
        "notes",
        include_str!("../migrations/postgres/0005_notes.sql"),
    ),
    (
        6,
        "data_version",
        include_str!("../migrations/postgres/0006_data_version.sql"),
    ),
    (
        7,
        "experiments",
        include_str!("../migrations/postgres/0007_experiments.sql"),
    ),
    (
        8,
        "orders",
        include_str!("../migrations/postgres/0008_orders.sql"),
    ),
    (
        9,
        "tracking",
        include_str!("../migrations/postgres/0009_tracking.sql"),
    ),
];

/// The step that created the daily totals: applying it also computes them
/// for the observations already there.
const DAILY_TOTALS_STEP: i64 = 3;

/// "All" in a scope column of `daily_totals`.
const ALL_TEXT: &str = "*";

/// A month (yyyymm) of the days in a query's `day` column.
const MONTH_OF_DAY: &str = "(extract(year FROM day) * 100 + extract(month FROM day))::bigint";

/// Advisory lock keys ("kpilot" in ASCII, then a purpose). Advisory locks
/// are per database, so workspaces on one server do not wait for each other.
const MIGRATION_LOCK: i64 = 0x6b70_696c_6f74_0001;
/// Taken by every write, so that writes run one at a time as on SQLite: an
/// import sees every key it may replace, and revisions and batch ids are
/// numbered without gaps or races.
const WRITE_LOCK: i64 = 0x6b70_696c_6f74_0002;

/// The query that reads import batches, to be followed by a condition.
macro_rules! batch_columns {
    () => {
        "SELECT id, file_name, content_hash, format, options, rows, inserted, replaced,
             unchanged, imported_at, imported_by FROM import_batches"
    };
}

/// The query that reads orders, as [`order_row`] reads them, to be followed
/// by a condition.
macro_rules! order_columns {
    () => {
        "SELECT shop, number, day, channel, segment, status, counted, total, new_customer,
             batch, line FROM orders"
    };
}

/// The observation of a group's measure, given the day, the measure, the
/// channel and the segment (`''` for none) as `$1` to `$4`; orders give no
/// action.
macro_rules! observation_of_group {
    () => {
        "o.day = $1 AND o.measure = $2 AND o.channel = $3 AND o.segment = $4 AND o.action = ''"
    };
}

/// A workspace in a PostgreSQL database.
pub struct PostgresStore {
    // One connection behind a mutex, as for SQLite: the client needs `&mut`,
    // writes are serialised by an advisory lock anyway, and a small team's
    // web app never needs more.
    client: Mutex<Client>,
}

impl fmt::Debug for PostgresStore {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The client has no `Debug`, and the URL may hold a password.
        formatter
            .debug_struct("PostgresStore")
            .finish_non_exhaustive()
    }
}

impl PostgresStore {
    /// Connects to the database (a `postgres://` URL or `key=value`
    /// settings, without TLS) and brings its schema up to date.
    ///
    /// Must not be called from inside an async runtime's worker thread: the
    /// client runs its own; use `spawn_blocking`.
    pub fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let mut client = Client::connect(url, NoTls)?;
        migrate(&mut client)?;
        Ok(PostgresStore {
            client: Mutex::new(client),
        })
    }

    /// The versions of the migrations applied, in order.
    pub fn applied_migrations(&self) -> Result<Vec<i64>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT version FROM schema_migrations ORDER BY version",
            &[],
        )?;
        Ok(rows.iter().map(|row| row.get(0)).collect())
    }

    fn lock(&self) -> MutexGuard<'_, Client> {
        // A panic while holding the lock leaves the client usable: every
        // write runs in a transaction, rolled back when it is dropped.
        self.client
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut transaction = client.transaction()?;
    // Several kpilots may connect to a new database at once: the first
    // migrates, the others wait here and then find the schema up to date.
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    transaction.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version     BIGINT PRIMARY KEY,
             name        TEXT NOT NULL,
             applied_at  TIMESTAMPTZ NOT NULL
         )",
    )?;
    let current: i64 = transaction
        .query_one(
            "SELECT COALESCE(MAX(version), 0)::bigint FROM schema_migrations",
            &[],
        )?
        .get(0);
    let known = MIGRATIONS.last().map_or(0, |(version, _, _)| *version);
    if current > known {
        return Err(StoreError::NewerSchema {
            found: current,
            known,
        });
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > current) {
        transaction.batch_execute(sql)?;
        if *version == DAILY_TOTALS_STEP {
            let months = stored_months(
                &mut transaction,
                &format!("SELECT DISTINCT {MONTH_OF_DAY} FROM observations"),
                None,
            )?;
            refresh_totals(&mut transaction, &months)?;
        }
        transaction.execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES ($1, $2, $3)",
            &[version, name, &Timestamp::now()],
        )?;
    }
    transaction.commit()?;
    Ok(())
}

/// Waits for the other writers of this database to finish, until the end of
/// the transaction.
fn write_lock(transaction: &mut Transaction<'_>) -> Result<(), StoreError> {
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    Ok(())
}

impl Store for PostgresStore {
    fn apply_plan(&self, plan: &Plan, applied_by: &str) -> Result<Applied, StoreError> {
        let document = plan_file::write(plan);
        let hash = crate::sha256_hex(document.as_bytes());
        let now = Timestamp::now();
        let mut client = self.lock();
        let mut transaction = client.transaction()?;
        write_lock(&mut transaction)?;
        let latest: Option<(i64, String)> = transaction
            .query_opt(
                "SELECT r.revision, r.content_hash FROM plans p
                 JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision
                 WHERE p.id = $1",
                &[&plan.id.as_str()],
            )?
            .map(|row| (row.get(0), row.get(1)));
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
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                 start_date = excluded.start_date, end_date = excluded.end_date,
                 currency = excluded.currency, revision = excluded.revision,
                 updated_at = excluded.updated_at",
            &[
                &plan.id.as_str(),
                &plan.name,
                &plan.start,
                &plan.end,
                &plan.currency.as_str(),
                &revision,
                &now,
            ],
        )?;
        transaction.execute(
            "INSERT INTO plan_revisions (plan_id, revision, content_hash, document, applied_at, applied_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[&plan.id.as_str(), &revision, &hash, &document, &now, &applied_by],
        )?;
        transaction.execute(
            "DELETE FROM plan_items WHERE plan_id = $1",
            &[&plan.id.as_str()],
        )?;
        let items = plan.items();
        let kinds: Vec<&str> = items.iter().map(|(kind, _, _)| kind.as_str()).collect();
        let ids: Vec<&str> = items.iter().map(|(_, id, _)| *id).collect();
        let titles: Vec<&str> = items.iter().map(|(_, _, title)| *title).collect();
        transaction.execute(
            "INSERT INTO plan_items (plan_id, kind, item_id, title)
             SELECT $1, kind, item_id, title
             FROM unnest($2::text[], $3::text[], $4::text[]) AS item (kind, item_id, title)",
            &[&plan.id.as_str(), &kinds, &ids, &titles],
        )?;
        transaction.commit()?;
        Ok(match latest {
            None => Applied::Created { revision },
            Some(_) => Applied::Updated { revision },
        })
    }

    fn plan(&self, id: &PlanId) -> Result<Option<StoredPlan>, StoreError> {
        let mut client = self.lock();
        let row = client.query_opt(
            "SELECT r.revision, r.document, r.applied_at, r.applied_by, r.content_hash
             FROM plans p JOIN plan_revisions r ON r.plan_id = p.id AND r.revision = p.revision
             WHERE p.id = $1",
            &[&id.as_str()],
        )?;
        let Some(row) = row else {
            return Ok(None);
        };
        let revision: i64 = row.get(0);
        let document: &str = row.get(1);
        let corrupt = |message: String| StoreError::Corrupt {
            plan: id.to_string(),
            revision,
            message,
        };
        let parsed = plan_file::parse(document).map_err(|error| corrupt(error.to_string()))?;
        let applied_at = row
            .try_get(2)
            .map_err(|error| corrupt(postgres_message(&error)))?;
        Ok(Some(StoredPlan {
            plan: parsed.plan,
            revision,
            applied_at,
            applied_by: row.get(3),
            content_hash: row.get(4),
        }))
    }

    fn plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT id, name, start_date, end_date, revision FROM plans ORDER BY id",
            &[],
        )?;
        rows.iter()
            .map(|row| {
                let day = |column| {
                    row.try_get::<_, Date>(column)
                        .map(|day| day.to_string())
                        .map_err(|error| StoreError::Corrupt {
                            plan: row.get(0),
                            revision: row.get(4),
                            message: postgres_message(&error),
                        })
                };
                Ok(PlanSummary {
                    id: row.get(0),
                    name: row.get(1),
                    start: day(2)?,
                    end: day(3)?,
                    revision: row.get(4),
                })
            })
            .collect()
    }

    fn import(
        &self,
        batch: &NewBatch,
        source: &mut dyn ObservationSource,
        mode: ImportMode,
    ) -> Result<ImportReport, StoreError> {
        let mut client = self.lock();
        let mut transaction = client.transaction()?;
        write_lock(&mut transaction)?;
        let id = insert_batch(&mut transaction, batch)?;
        let (mut report, months, writing) = write_observations(&mut transaction, id, source, mode)?;
        if !writing {
            // Dropping the transaction rolls it back.
            return Ok(report);
        }
        refresh_totals(&mut transaction, &months)?;
        record_counts(&mut transaction, id, &report)?;
        transaction.commit()?;
        report.batch = Some(id);
        Ok(report)
    }

    fn import_orders(
        &self,
        batch: &NewBatch,
        shop: &str,
        orders: &[Order],
        mode: ImportMode,
    ) -> Result<ImportReport, StoreError> {
        crate::orders::check(shop, orders)?;
        let mut client = self.lock();
        let mut transaction = client.transaction()?;
        write_lock(&mut transaction)?;
        let id = insert_batch(&mut transaction, batch)?;
        let stored = stored_orders(&mut transaction, shop, orders)?;
        let changes = crate::orders::changes(orders, &stored);
        write_orders(&mut transaction, id, shop, &changes.writes)?;
        transaction.execute(
            "INSERT INTO order_imports (batch, shop) VALUES ($1, $2)",
            &[&id, &shop],
        )?;
        let groups = changes
            .groups
            .iter()
            .map(|(group, line)| (group.clone(), Some(*line)))
            .collect();
        let mut figures = Figures::new(order_figures(&mut transaction, &groups)?);
        let (mut report, months, writing) =
            write_observations(&mut transaction, id, &mut figures, mode)?;
        report.orders = changes.counts;
        if !writing {
            return Ok(report);
        }
        refresh_totals(&mut transaction, &months)?;
        record_counts(&mut transaction, id, &report)?;
        transaction.commit()?;
        report.batch = Some(id);
        Ok(report)
    }

    fn orders(&self, shop: Option<&str>) -> Result<Vec<StoredOrder>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            concat!(
                order_columns!(),
                " WHERE $1::text IS NULL OR shop = $1 ORDER BY shop, number"
            ),
            &[&shop],
        )?;
        rows.iter().map(order_row).collect()
    }

    fn batches(&self) -> Result<Vec<Batch>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(concat!(batch_columns!(), " ORDER BY id"), &[])?;
        rows.iter().map(batch_row).collect()
    }

    fn batch_with_hash(
        &self,
        content_hash: &str,
        options: &str,
    ) -> Result<Option<Batch>, StoreError> {
        let mut client = self.lock();
        let row = client.query_opt(
            concat!(
                batch_columns!(),
                " WHERE content_hash = $1 AND options = $2 ORDER BY id DESC LIMIT 1"
            ),
            &[&content_hash, &options],
        )?;
        row.as_ref().map(batch_row).transpose()
    }

    fn undo_import(&self, batch: i64) -> Result<Option<Undone>, StoreError> {
        let mut client = self.lock();
        let mut transaction = client.transaction()?;
        write_lock(&mut transaction)?;
        let known =
            transaction.query_opt("SELECT 1 FROM import_batches WHERE id = $1", &[&batch])?;
        if known.is_none() {
            return Ok(None);
        }
        let mut months = stored_months(
            &mut transaction,
            &format!(
                "SELECT DISTINCT {MONTH_OF_DAY} FROM observations WHERE batch = $1
                 UNION SELECT DISTINCT {MONTH_OF_DAY} FROM replaced_observations WHERE batch = $1"
            ),
            Some(batch),
        )?;
        let groups = groups_to_undo(&mut transaction, batch)?;
        // The batch's values that replaced earlier ones get those back…
        let restored = transaction.execute(
            "UPDATE observations AS o SET value = r.value, batch = r.old_batch, line = r.old_line
             FROM replaced_observations AS r
             WHERE r.batch = $1 AND o.batch = $1 AND o.day = r.day AND o.measure = r.measure
               AND o.channel = r.channel AND o.segment = r.segment AND o.action = r.action",
            &[&batch],
        )?;
        // …the others go.
        let deleted =
            transaction.execute("DELETE FROM observations WHERE batch = $1", &[&batch])?;
        // A later batch that replaced one of this batch's values now replaced
        // what this batch had replaced, or nothing.
        transaction.execute(
            "UPDATE replaced_observations AS later
             SET value = r.value, old_batch = r.old_batch, old_line = r.old_line
             FROM replaced_observations AS r
             WHERE r.batch = $1 AND later.old_batch = $1 AND later.day = r.day
               AND later.measure = r.measure AND later.channel = r.channel
               AND later.segment = r.segment AND later.action = r.action",
            &[&batch],
        )?;
        transaction.execute(
            "DELETE FROM replaced_observations WHERE old_batch = $1 OR batch = $1",
            &[&batch],
        )?;
        undo_orders(&mut transaction, batch)?;
        // The groups the batch touched are recomputed from the orders that
        // remain: the observations it gave back may be figures of orders
        // since undone or replaced.
        if !groups.is_empty() {
            let groups = groups.into_iter().map(|group| (group, None)).collect();
            let figures = order_figures(&mut transaction, &groups)?;
            set_figures(&mut transaction, &figures)?;
            months.extend(groups.keys().map(|group| month_number(group.day)));
        }
        transaction.execute("DELETE FROM import_batches WHERE id = $1", &[&batch])?;
        refresh_totals(&mut transaction, &months)?;
        transaction.commit()?;
        Ok(Some(Undone {
            removed: restored + deleted,
            restored,
        }))
    }

    fn record_spend(&self, spend: &NewSpend) -> Result<i64, StoreError> {
        let mut client = self.lock();
        let row = client.query_one(
            "INSERT INTO spend_entries
             (plan_id, action_id, day, amount, note, entered_at, entered_by)
             VALUES ($1, $2, $3, $4::text::numeric, $5, $6, $7)
             RETURNING id",
            &[
                &spend.plan.as_str(),
                &spend.action,
                &spend.day,
                &spend.amount.to_string(),
                &spend.note,
                &Timestamp::now(),
                &spend.entered_by,
            ],
        )?;
        Ok(row.get(0))
    }

    fn add_note(&self, note: &NewNote) -> Result<i64, StoreError> {
        let mut client = self.lock();
        let row = client.query_one(
            "INSERT INTO notes (plan_id, item, text, written_at, written_by)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            &[
                &note.plan.as_str(),
                &note.item,
                &note.text,
                &Timestamp::now(),
                &note.written_by,
            ],
        )?;
        Ok(row.get(0))
    }

    fn record_experiment(
        &self,
        plan: &PlanId,
        experiment: &str,
        rows: &[ExperimentRow],
        source: &str,
        recorded_by: &str,
    ) -> Result<ExperimentWrite, StoreError> {
        crate::check_experiment_rows(experiment, rows)?;
        let mut client = self.lock();
        let mut transaction = client.transaction()?;
        write_lock(&mut transaction)?;
        let days: Vec<Date> = rows.iter().map(|row| row.day).collect();
        let variants: Vec<&str> = rows.iter().map(|row| row.variant.as_str()).collect();
        let stored = transaction.query(
            "SELECT day, variant, visitors, conversions, revenue, revenue_squares
             FROM experiment_results
             WHERE plan_id = $1 AND experiment = $2
               AND (day, variant) IN (SELECT * FROM unnest($3::date[], $4::text[]))",
            &[&plan.as_str(), &experiment, &days, &variants],
        )?;
        let stored = stored
            .iter()
            .map(|row| experiment_row(row, experiment))
            .collect::<Result<Vec<_>, _>>()?;
        let before: rustc_hash::FxHashMap<(Date, &str), &ExperimentRow> = stored
            .iter()
            .map(|row| ((row.day, row.variant.as_str()), row))
            .collect();
        let mut write = ExperimentWrite::default();
        // Only the rows that change anything are written: the data version's
        // trigger fires for every statement, even one that changes no row.
        let mut changed: Vec<&ExperimentRow> = Vec::new();
        for row in rows {
            match before.get(&(row.day, row.variant.as_str())) {
                None => write.inserted += 1,
                Some(&stored) if stored == row => {
                    write.unchanged += 1;
                    continue;
                }
                Some(_) => write.replaced += 1,
            }
            changed.push(row);
        }
        if changed.is_empty() {
            return Ok(write);
        }
        let days: Vec<Date> = changed.iter().map(|row| row.day).collect();
        let variants: Vec<&str> = changed.iter().map(|row| row.variant.as_str()).collect();
        let visitors: Vec<i64> = changed
            .iter()
            .map(|row| experiment_count(row.visitors))
            .collect();
        let conversions: Vec<i64> = changed
            .iter()
            .map(|row| experiment_count(row.conversions))
            .collect();
        let revenues: Vec<Option<Decimal>> = changed
            .iter()
            .map(|row| row.revenue.map(|revenue| revenue.normalize()))
            .collect();
        let squares: Vec<Option<Decimal>> = changed
            .iter()
            .map(|row| row.revenue_squares.map(|squares| squares.normalize()))
            .collect();
        transaction.execute(
            "INSERT INTO experiment_results (plan_id, experiment, day, variant, visitors,
                 conversions, revenue, revenue_squares, source, recorded_at, recorded_by)
             SELECT $1, $2, day, variant, visitors, conversions, revenue, revenue_squares,
                 $9, $10, $11
             FROM unnest($3::date[], $4::text[], $5::bigint[], $6::bigint[], $7::numeric[],
                 $8::numeric[]) AS row (day, variant, visitors, conversions, revenue, revenue_squares)
             ON CONFLICT (plan_id, experiment, day, variant) DO UPDATE SET
                 visitors = excluded.visitors, conversions = excluded.conversions,
                 revenue = excluded.revenue, revenue_squares = excluded.revenue_squares,
                 source = excluded.source, recorded_at = excluded.recorded_at,
                 recorded_by = excluded.recorded_by",
            &[
                &plan.as_str(),
                &experiment,
                &days,
                &variants,
                &visitors,
                &conversions,
                &revenues,
                &squares,
                &source,
                &Timestamp::now(),
                &recorded_by,
            ],
        )?;
        transaction.commit()?;
        Ok(write)
    }

    fn experiment_rows(
        &self,
        plan: &PlanId,
        experiment: &str,
        to: Option<Date>,
    ) -> Result<Vec<StoredExperimentRow>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT day, variant, visitors, conversions, revenue, revenue_squares,
                 source, recorded_at, recorded_by
             FROM experiment_results
             WHERE plan_id = $1 AND experiment = $2 AND ($3::date IS NULL OR day <= $3)
             ORDER BY day, variant",
            &[&plan.as_str(), &experiment, &to],
        )?;
        rows.iter()
            .map(|row| {
                let recorded_at: Timestamp = row.try_get(7).map_err(|error| {
                    StoreError::CorruptData(format!(
                        "experiment `{experiment}`: {}",
                        postgres_message(&error)
                    ))
                })?;
                Ok(StoredExperimentRow {
                    row: experiment_row(row, experiment)?,
                    source: row.get(6),
                    recorded_at: recorded_at.to_string(),
                    recorded_by: row.get(8),
                })
            })
            .collect()
    }

    fn record_action_update(
        &self,
        plan: &PlanId,
        update: &ActionUpdate,
        recorded_by: &str,
    ) -> Result<i64, StoreError> {
        tracking::check_update(update)?;
        let change = ChangeColumns::of(&update.change);
        let mut client = self.lock();
        let mut transaction = client.transaction()?;
        // Under the write lock, numbers are given in the order the updates
        // commit, so that reading by number is reading in the order
        // recorded, as on SQLite.
        write_lock(&mut transaction)?;
        let row = transaction.query_one(
            "INSERT INTO action_updates (plan_id, action_id, occurrence, change, reason,
                 percent, expected_end, day, recorded_at, recorded_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             RETURNING id",
            &[
                &plan.as_str(),
                &update.action.as_str(),
                &update.occurrence.map(i64::from),
                &change.kind,
                &change.reason,
                &change.percent.map(i16::from),
                &change.expected_end,
                &update.on,
                &Timestamp::now(),
                &recorded_by,
            ],
        )?;
        transaction.commit()?;
        Ok(row.get(0))
    }

    fn action_updates(&self, plan: &PlanId) -> Result<Vec<StoredActionUpdate>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT id, action_id, occurrence, change, reason, percent, expected_end, day,
                 recorded_at, recorded_by
             FROM action_updates WHERE plan_id = $1 ORDER BY id",
            &[&plan.as_str()],
        )?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.get(0);
                // A hand-edited day may not fit (past 9999): say so rather
                // than panic.
                let corrupt = |error: postgres::Error| {
                    StoreError::CorruptData(format!(
                        "action update {id}: {}",
                        postgres_message(&error)
                    ))
                };
                let percent: Option<i16> = row.get(5);
                UpdateRow {
                    id,
                    action: row.get(1),
                    occurrence: row.get(2),
                    kind: row.get(3),
                    reason: row.get(4),
                    percent: percent.map(i64::from),
                    expected_end: row.try_get(6).map_err(corrupt)?,
                    on: row.try_get(7).map_err(corrupt)?,
                    recorded_at: row.try_get(8).map_err(corrupt)?,
                    recorded_by: row.get(9),
                }
                .read()
            })
            .collect()
    }

    fn record_checkin(
        &self,
        plan: &PlanId,
        checkin: &CheckIn,
        recorded_by: &str,
    ) -> Result<i64, StoreError> {
        tracking::check_checkin(checkin)?;
        let mut client = self.lock();
        let mut transaction = client.transaction()?;
        write_lock(&mut transaction)?;
        let row = transaction.query_one(
            "INSERT INTO checkins (plan_id, objective_id, day, confidence, comment, value,
                 recorded_at, recorded_by)
             VALUES ($1, $2, $3, $4, $5, $6::text::numeric, $7, $8)
             RETURNING id",
            &[
                &plan.as_str(),
                &checkin.objective.as_str(),
                &checkin.on,
                &checkin.confidence.code(),
                &checkin.comment,
                // As text: rust_decimal's binary form writes every zero at
                // scale 0, so 0.00 would come back 0.
                &tracking::stored_value(checkin.value).map(|value| value.to_string()),
                &Timestamp::now(),
                &recorded_by,
            ],
        )?;
        transaction.commit()?;
        Ok(row.get(0))
    }

    fn checkins(
        &self,
        plan: &PlanId,
        objective: Option<&ObjectiveId>,
    ) -> Result<Vec<StoredCheckIn>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT id, objective_id, day, confidence, comment, value, recorded_at, recorded_by
             FROM checkins WHERE plan_id = $1 AND ($2::text IS NULL OR objective_id = $2)
             ORDER BY day, id",
            &[&plan.as_str(), &objective.map(ObjectiveId::as_str)],
        )?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.get(0);
                // A hand-edited value may not fit (a day past 9999, a value
                // beyond 28 digits): say so rather than panic.
                let corrupt = |error: postgres::Error| {
                    StoreError::CorruptData(format!("check-in {id}: {}", postgres_message(&error)))
                };
                CheckInRow {
                    id,
                    objective: row.get(1),
                    on: row.try_get(2).map_err(corrupt)?,
                    confidence: row.get(3),
                    comment: row.get(4),
                    value: row.try_get(5).map_err(corrupt)?,
                    recorded_at: row.try_get(6).map_err(corrupt)?,
                    recorded_by: row.get(7),
                }
                .read()
            })
            .collect()
    }

    fn data_days(&self) -> Result<Option<(Date, Date)>, StoreError> {
        let mut client = self.lock();
        let row = client.query_one("SELECT MIN(day), MAX(day) FROM observations", &[])?;
        let corrupt = |error: postgres::Error| {
            StoreError::CorruptData(format!("observation day: {}", postgres_message(&error)))
        };
        let first: Option<Date> = row.try_get(0).map_err(corrupt)?;
        let last: Option<Date> = row.try_get(1).map_err(corrupt)?;
        Ok(first.zip(last))
    }

    fn data_version(&self) -> Result<i64, StoreError> {
        let mut client = self.lock();
        let row = client.query_one("SELECT version FROM data_version WHERE id = 1", &[])?;
        Ok(row.get(0))
    }

    fn notes(&self, plan: &PlanId) -> Result<Vec<Note>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT id, item, text, written_at, written_by
             FROM notes WHERE plan_id = $1 ORDER BY id",
            &[&plan.as_str()],
        )?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.get(0);
                Ok(Note {
                    id,
                    item: row.get(1),
                    text: row.get(2),
                    written_at: row.try_get(3).map_err(|_| {
                        StoreError::CorruptData(format!("note {id}: unreadable time"))
                    })?,
                    written_by: row.get(4),
                })
            })
            .collect()
    }

    fn spend_entries(&self, plan: &PlanId) -> Result<Vec<SpendEntry>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT id, action_id, day, amount::text, note, entered_at, entered_by
             FROM spend_entries WHERE plan_id = $1 ORDER BY day, id",
            &[&plan.as_str()],
        )?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.get(0);
                let corrupt = |what: &str| {
                    StoreError::CorruptData(format!("spend entry {id}: unreadable {what}"))
                };
                let amount: &str = row.get(3);
                let entered_at: Timestamp = row.try_get(5).map_err(|_| corrupt("time"))?;
                Ok(SpendEntry {
                    id,
                    action: row.get(1),
                    day: row.try_get(2).map_err(|_| corrupt("day"))?,
                    amount: amount.parse().map_err(|_| corrupt("amount"))?,
                    note: row.get(4),
                    entered_at: entered_at.to_string(),
                    entered_by: row.get(6),
                })
            })
            .collect()
    }

    fn daily_totals(&self, query: &TotalsQuery) -> Result<Vec<StoredTotal>, StoreError> {
        let mut client = self.lock();
        let (channel, segment, action) = match &query.scope {
            TotalsScope::Market { channel, segment } => (channel, segment, &Scope::All),
            TotalsScope::Action(action) => (&Scope::All, &Scope::All, action),
        };
        let from = match query.from {
            Some(from) => from,
            None => {
                let first: Option<i32> = client
                    .query_one("SELECT min(month) FROM daily_totals", &[])?
                    .get(0);
                match first.and_then(|month| month_days(i64::from(month))) {
                    Some((first, _)) => first,
                    None => return Ok(Vec::new()),
                }
            }
        };
        let months: Vec<i32> = months_between(from, query.to)
            .into_iter()
            .filter_map(|month| i32::try_from(month).ok())
            .collect();
        let mut names: Vec<String> = Vec::new();
        let mut condition = |column: &str, scope: &Scope| match scope {
            Scope::All => format!("{column} = '{ALL_TEXT}'"),
            Scope::Each => format!("{column} <> '{ALL_TEXT}'"),
            Scope::Only(name) => {
                names.push(name.clone());
                format!("{column} = ${}", names.len() + 2)
            }
        };
        let sql = format!(
            "SELECT series, channel, segment, action, month, days FROM daily_totals
             WHERE month = ANY ($1) AND series = ANY ($2) AND {} AND {} AND {}",
            condition("channel", channel),
            condition("segment", segment),
            condition("action", action)
        );
        let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = vec![&months, &query.series];
        params.extend(
            names
                .iter()
                .map(|name| name as &(dyn postgres::types::ToSql + Sync)),
        );
        let rows = client.query(&sql, &params)?;
        let scope = |text: String| (text != ALL_TEXT).then_some(text);
        let mut totals = Vec::new();
        for row in rows {
            let month: i32 = row.get(4);
            let blob: Vec<u8> = row.get(5);
            let (series, channel, segment, action): (String, String, String, String) =
                (row.get(0), row.get(1), row.get(2), row.get(3));
            let key = (series, scope(channel), scope(segment), scope(action));
            crate::totals::push_days(&mut totals, &key, i64::from(month), &blob, (from, query.to))?;
        }
        crate::totals::sort(&mut totals);
        Ok(totals)
    }

    fn observations(&self, query: &ObservationQuery) -> Result<Vec<StoredObservation>, StoreError> {
        let mut client = self.lock();
        let rows = client.query(
            "SELECT day, measure, value, channel, segment, action, batch, line
             FROM observations
             WHERE ($1::date IS NULL OR day >= $1) AND ($2::date IS NULL OR day <= $2)
               AND ($3::text[] IS NULL OR measure = ANY ($3))
               AND ($4::bigint IS NULL OR batch = $4)
             ORDER BY day, measure, channel, segment, action",
            &[&query.from, &query.to, &query.measures, &query.batch],
        )?;
        rows.iter().map(observation_row).collect()
    }
}

/// Records a new import batch, its counts still zero; gives its id.
fn insert_batch(transaction: &mut Transaction<'_>, batch: &NewBatch) -> Result<i64, StoreError> {
    // Numbered as SQLite numbers them (AUTOINCREMENT): one more than any
    // batch ever committed, undone ones included, so that "batch 4"
    // always means one import. A counter row rather than a sequence: a
    // rolled-back import gives its number back, as on SQLite.
    let id: i64 = transaction
        .query_one(
            "UPDATE import_batch_ids SET last = last + 1 RETURNING last",
            &[],
        )?
        .get(0);
    transaction.execute(
        "INSERT INTO import_batches (id, file_name, content_hash, format, options, rows,
                 inserted, replaced, unchanged, imported_at, imported_by)
             VALUES ($7, $1, $2, $3, $4, 0, 0, 0, 0, $5, $6)",
        &[
            &batch.file_name,
            &batch.content_hash,
            &batch.format,
            &batch.options,
            &Timestamp::now(),
            &batch.imported_by,
            &id,
        ],
    )?;
    Ok(id)
}

/// Writes a source's observations as batch `id`'s, replacing (and keeping)
/// the values of the keys already stored: the one write path of every
/// import. Gives the report, the months it touches and whether it wrote:
/// nothing is written in a dry run, from a source that is not clean or with
/// repeated keys, and the caller then rolls back.
fn write_observations(
    transaction: &mut Transaction<'_>,
    id: i64,
    source: &mut dyn ObservationSource,
    mode: ImportMode,
) -> Result<(ImportReport, BTreeSet<i64>, bool), StoreError> {
    // Every row of the file, in the order read (`seq`), even once the
    // source has found a bad one, so that every duplicate key is found
    // too; nothing is kept then.
    transaction.batch_execute(
        "SET LOCAL work_mem = '64MB';
         CREATE TEMPORARY TABLE import_rows (
             seq      BIGINT NOT NULL,
             line     BIGINT NOT NULL,
             day      DATE NOT NULL,
             measure  TEXT COLLATE \"C\" NOT NULL,
             channel  TEXT COLLATE \"C\" NOT NULL,
             segment  TEXT COLLATE \"C\" NOT NULL,
             action   TEXT COLLATE \"C\" NOT NULL,
             value    NUMERIC NOT NULL
         ) ON COMMIT DROP",
    )?;
    let mut report = ImportReport::default();
    let mut months = BTreeSet::new();
    {
        let sink = transaction.copy_in(
            "COPY import_rows (seq, line, day, measure, channel, segment, action, value)
             FROM STDIN (FORMAT binary)",
        )?;
        let mut writer = BinaryCopyInWriter::new(
            sink,
            &[
                Type::INT8,
                Type::INT8,
                Type::DATE,
                Type::TEXT,
                Type::TEXT,
                Type::TEXT,
                Type::TEXT,
                Type::NUMERIC,
            ],
        );
        let mut last_month = None;
        while let Some(observation) = source.next_observation() {
            let month = month_number(observation.day);
            if last_month != Some(month) {
                months.insert(month);
                last_month = Some(month);
            }
            writer.write(&[
                &count(report.rows),
                &line_number(observation.line),
                &observation.day,
                &observation.measure,
                &observation.channel.unwrap_or(""),
                &observation.segment.unwrap_or(""),
                &observation.action.unwrap_or(""),
                &observation.value.normalize(),
            ])?;
            report.rows += 1;
        }
        writer.finish()?;
    }
    // The planner needs to know how large the file is: a small one is
    // merged through the key's index, a large one by hashing.
    transaction.batch_execute("ANALYZE import_rows")?;
    let keys: i64 = transaction
        .query_one(
            "SELECT COUNT(*) FROM (
                 SELECT 1 FROM import_rows GROUP BY day, measure, channel, segment, action
             ) AS keys",
            &[],
        )?
        .get(0);
    report.duplicate_count = report.rows - count_of(keys);
    if report.duplicate_count > 0 {
        // The file repeats keys: list the repeats, then keep the first
        // row of each key so that the counts below are those of the
        // rows that would have been imported.
        transaction.batch_execute(
            "CREATE TEMPORARY TABLE import_repeats ON COMMIT DROP AS
             SELECT seq, line, first_line, day FROM (
                 SELECT seq, line, day, first_value(line) OVER key AS first_line,
                     row_number() OVER key AS nth
                 FROM import_rows
                 WINDOW key AS (PARTITION BY day, measure, channel, segment, action ORDER BY seq)
             ) AS numbered
             WHERE nth > 1;
             DELETE FROM import_rows WHERE seq IN (SELECT seq FROM import_repeats)",
        )?;
        let repeats = transaction.query(
            "SELECT line, first_line, day FROM import_repeats ORDER BY seq LIMIT $1",
            &[&count(MAX_REPORTED as u64)],
        )?;
        report.duplicates = repeats
            .iter()
            .map(|row| Duplicate {
                line: count_of(row.get(0)),
                first_line: count_of(row.get(1)),
                day: row.get(2),
            })
            .collect();
    }
    let writing = mode == ImportMode::Commit && source.is_clean() && report.duplicate_count == 0;
    // Keys already stored: their values are kept for undo (when
    // writing), then taken over.
    let taken_over = transaction.query_one(
        "WITH earlier AS (
             SELECT r.day, r.measure, r.channel, r.segment, r.action,
                 o.value, o.batch, o.line, o.value = r.value AS same
             FROM import_rows r
             JOIN observations o USING (day, measure, channel, segment, action)
         ), kept AS (
             INSERT INTO replaced_observations
                 (batch, day, measure, channel, segment, action, value, old_batch, old_line)
             SELECT $1, day, measure, channel, segment, action, value, batch, line
             FROM earlier WHERE $2
         )
         SELECT COUNT(*) FILTER (WHERE same), COUNT(*) FILTER (WHERE NOT same) FROM earlier",
        &[&id, &writing],
    )?;
    report.unchanged = count_of(taken_over.get(0));
    report.replaced = count_of(taken_over.get(1));
    report.inserted = count_of(keys) - report.unchanged - report.replaced;
    if !writing {
        return Ok((report, months, false));
    }
    if report.inserted == count_of(keys) {
        // Only new keys, as when a file extends the data: a plain insert
        // is about twice as fast as one that handles conflicts.
        transaction.execute(
            "INSERT INTO observations (day, measure, channel, segment, action, value, batch, line)
             SELECT day, measure, channel, segment, action, value, $1, line FROM import_rows",
            &[&id],
        )?;
    } else {
        transaction.execute(
            "INSERT INTO observations (day, measure, channel, segment, action, value, batch, line)
             SELECT day, measure, channel, segment, action, value, $1, line FROM import_rows
             ON CONFLICT (day, measure, channel, segment, action) DO UPDATE
             SET value = excluded.value, batch = excluded.batch, line = excluded.line",
            &[&id],
        )?;
    }
    Ok((report, months, true))
}

/// Writes an import's counts on its batch.
fn record_counts(
    transaction: &mut Transaction<'_>,
    id: i64,
    report: &ImportReport,
) -> Result<(), StoreError> {
    transaction.execute(
        "UPDATE import_batches SET rows = $2, inserted = $3, replaced = $4, unchanged = $5
         WHERE id = $1",
        &[
            &id,
            &count(report.rows),
            &count(report.inserted),
            &count(report.replaced),
            &count(report.unchanged),
        ],
    )?;
    Ok(())
}

fn order_row(row: &Row) -> Result<StoredOrder, StoreError> {
    let shop: String = row.get(0);
    let number: String = row.get(1);
    // A hand-edited value may not fit (a day past 9999, a total beyond 28
    // digits): say so rather than panic.
    let corrupt = |error: postgres::Error| {
        StoreError::CorruptData(format!(
            "order `{number}` of `{shop}`: {}",
            postgres_message(&error)
        ))
    };
    let order = Order {
        day: row.try_get(2).map_err(corrupt)?,
        channel: row.get(3),
        segment: row.get(4),
        status: row.get(5),
        counted: row.get(6),
        total: row.try_get(7).map_err(corrupt)?,
        new_customer: row.get(8),
        line: count_of(row.get(10)),
        number: number.clone(),
    };
    Ok(StoredOrder {
        order,
        batch: row.get(9),
        shop,
    })
}

/// The stored orders of `shop` with the numbers of `orders`, by number.
fn stored_orders(
    transaction: &mut Transaction<'_>,
    shop: &str,
    orders: &[Order],
) -> Result<rustc_hash::FxHashMap<String, StoredOrder>, StoreError> {
    let numbers: Vec<&str> = orders.iter().map(|order| order.number.as_str()).collect();
    let rows = transaction.query(
        concat!(order_columns!(), " WHERE shop = $1 AND number = ANY ($2)"),
        &[&shop, &numbers],
    )?;
    rows.iter()
        .map(|row| order_row(row).map(|stored| (stored.order.number.clone(), stored)))
        .collect()
}

/// Writes the file's orders as batch `id`'s; those marked keep the stored
/// order they take over or replace in `replaced_orders`, for undo. Two
/// statements, whatever the number of orders.
fn write_orders(
    transaction: &mut Transaction<'_>,
    id: i64,
    shop: &str,
    writes: &[(&Order, bool)],
) -> Result<(), StoreError> {
    let kept: Vec<&str> = writes
        .iter()
        .filter(|(_, kept)| *kept)
        .map(|(order, _)| order.number.as_str())
        .collect();
    if !kept.is_empty() {
        transaction.execute(
            "INSERT INTO replaced_orders (batch, shop, number, day, channel, segment, status,
                 counted, total, new_customer, old_batch, old_line)
             SELECT $1, shop, number, day, channel, segment, status, counted, total,
                 new_customer, batch, line
             FROM orders WHERE shop = $2 AND number = ANY ($3)",
            &[&id, &shop, &kept],
        )?;
    }
    if writes.is_empty() {
        return Ok(());
    }
    let numbers: Vec<&str> = writes
        .iter()
        .map(|(order, _)| order.number.as_str())
        .collect();
    let days: Vec<Date> = writes.iter().map(|(order, _)| order.day).collect();
    let channels: Vec<&str> = writes
        .iter()
        .map(|(order, _)| order.channel.as_str())
        .collect();
    let segments: Vec<Option<&str>> = writes
        .iter()
        .map(|(order, _)| order.segment.as_deref())
        .collect();
    let statuses: Vec<Option<&str>> = writes
        .iter()
        .map(|(order, _)| order.status.as_deref())
        .collect();
    let counted: Vec<bool> = writes.iter().map(|(order, _)| order.counted).collect();
    let totals: Vec<Decimal> = writes
        .iter()
        .map(|(order, _)| order.total.normalize())
        .collect();
    let new_customers: Vec<Option<bool>> =
        writes.iter().map(|(order, _)| order.new_customer).collect();
    let lines: Vec<i64> = writes
        .iter()
        .map(|(order, _)| line_number(order.line))
        .collect();
    transaction.execute(
        "INSERT INTO orders (shop, number, day, channel, segment, status, counted, total,
             new_customer, batch, line)
         SELECT $1, number, day, channel, segment, status, counted, total, new_customer,
             $2, line
         FROM unnest($3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::bool[],
             $9::numeric[], $10::bool[], $11::bigint[])
             AS row (number, day, channel, segment, status, counted, total, new_customer, line)
         ON CONFLICT (shop, number) DO UPDATE SET day = excluded.day,
             channel = excluded.channel, segment = excluded.segment,
             status = excluded.status, counted = excluded.counted, total = excluded.total,
             new_customer = excluded.new_customer, batch = excluded.batch,
             line = excluded.line",
        &[
            &shop,
            &id,
            &numbers,
            &days,
            &channels,
            &segments,
            &statuses,
            &counted,
            &totals,
            &new_customers,
            &lines,
        ],
    )?;
    Ok(())
}

/// What the observations of `groups` become, from every stored order of
/// their days (see [`crate::orders::figures`]).
fn order_figures(
    transaction: &mut Transaction<'_>,
    groups: &BTreeMap<GroupKey, Option<u64>>,
) -> Result<Vec<Figure>, StoreError> {
    let days: Vec<Date> = crate::orders::days(groups.keys()).into_iter().collect();
    let rows = transaction.query(concat!(order_columns!(), " WHERE day = ANY ($1)"), &[&days])?;
    let orders = rows.iter().map(order_row).collect::<Result<Vec<_>, _>>()?;
    let written = transaction.prepare(concat!(
        "SELECT EXISTS (SELECT 1 FROM order_imports i WHERE i.batch = o.batch)
         FROM observations o WHERE ",
        observation_of_group!()
    ))?;
    crate::orders::figures(groups, &orders, &mut |group, measure| {
        let row = transaction.query_opt(
            &written,
            &[
                &group.day,
                &measure,
                &group.channel,
                &group.segment.as_deref().unwrap_or_default(),
            ],
        )?;
        Ok(row.map(|row| row.get(0)))
    })
}

/// The groups (day, channel, segment) whose figures undoing `batch` may
/// change, read before anything is undone: those of its orders, of the
/// orders it replaced, and of its observations of the orders' measures
/// (which the undo gives back to older batches).
fn groups_to_undo(
    transaction: &mut Transaction<'_>,
    batch: i64,
) -> Result<BTreeSet<GroupKey>, StoreError> {
    let no_orders: bool = transaction
        .query_one("SELECT NOT EXISTS (SELECT 1 FROM orders)", &[])?
        .get(0);
    // No order stored: no order import remains, so no observation is a
    // figure of orders, and a generic batch's undo need not look.
    if no_orders {
        return Ok(BTreeSet::new());
    }
    let measures: Vec<&str> = kpilot_core::order::MEASURES.to_vec();
    let rows = transaction.query(
        "SELECT day, channel, coalesce(segment, '') FROM orders WHERE batch = $1
         UNION SELECT day, channel, coalesce(segment, '') FROM replaced_orders WHERE batch = $1
         UNION SELECT day, channel, segment FROM observations
             WHERE batch = $1 AND action = '' AND measure = ANY ($2)",
        &[&batch, &measures],
    )?;
    let corrupt = |error: postgres::Error| StoreError::CorruptData(postgres_message(&error));
    rows.iter()
        .map(|row| {
            Ok(GroupKey::of_names(
                row.try_get(0).map_err(corrupt)?,
                row.get(1),
                row.get(2),
            ))
        })
        .collect()
}

/// Undoes `batch`'s orders, as its observations are undone: those that
/// replaced or took over stored orders get them back, the others go, and a
/// later batch that replaced one of them now replaced what `batch` had, or
/// nothing.
fn undo_orders(transaction: &mut Transaction<'_>, batch: i64) -> Result<(), StoreError> {
    transaction.execute(
        "UPDATE orders AS o SET day = r.day, channel = r.channel, segment = r.segment,
             status = r.status, counted = r.counted, total = r.total,
             new_customer = r.new_customer, batch = r.old_batch, line = r.old_line
         FROM replaced_orders AS r
         WHERE r.batch = $1 AND o.batch = $1 AND o.shop = r.shop AND o.number = r.number",
        &[&batch],
    )?;
    transaction.execute("DELETE FROM orders WHERE batch = $1", &[&batch])?;
    transaction.execute(
        "UPDATE replaced_orders AS later SET day = r.day, channel = r.channel,
             segment = r.segment, status = r.status, counted = r.counted, total = r.total,
             new_customer = r.new_customer, old_batch = r.old_batch, old_line = r.old_line
         FROM replaced_orders AS r
         WHERE r.batch = $1 AND later.old_batch = $1 AND later.shop = r.shop
           AND later.number = r.number",
        &[&batch],
    )?;
    transaction.execute(
        "DELETE FROM replaced_orders WHERE old_batch = $1 OR batch = $1",
        &[&batch],
    )?;
    transaction.execute("DELETE FROM order_imports WHERE batch = $1", &[&batch])?;
    Ok(())
}

/// Sets the observations an undo recomputed, where they are: an undo is
/// no batch, so nothing is kept, and the observation keeps its owner. One
/// that is missing (the undo of its owner removed it while other orders
/// remain) is given to the latest batch among its group's orders.
fn set_figures(transaction: &mut Transaction<'_>, figures: &[Figure]) -> Result<(), StoreError> {
    let update = transaction.prepare(concat!(
        "UPDATE observations AS o SET value = $5, line = coalesce($6, line) WHERE ",
        observation_of_group!()
    ))?;
    for figure in figures {
        let segment = figure.group.segment.as_deref().unwrap_or_default();
        let line = figure.line.map(line_number);
        let updated = transaction.execute(
            &update,
            &[
                &figure.group.day,
                &figure.measure,
                &figure.group.channel,
                &segment,
                &figure.value.normalize(),
                &line,
            ],
        )?;
        if let (0, Some(batch), Some(line)) = (updated, figure.batch, line) {
            transaction.execute(
                "INSERT INTO observations (day, measure, channel, segment, action, value, batch, line)
                 VALUES ($1, $2, $3, $4, '', $5, $6, $7)",
                &[
                    &figure.group.day,
                    &figure.measure,
                    &figure.group.channel,
                    &segment,
                    &figure.value.normalize(),
                    &batch,
                    &line,
                ],
            )?;
        }
    }
    Ok(())
}

/// The months (yyyymm) that `sql` lists, given the batch as `$1` if any.
fn stored_months(
    transaction: &mut Transaction<'_>,
    sql: &str,
    batch: Option<i64>,
) -> Result<BTreeSet<i64>, StoreError> {
    let rows = match &batch {
        Some(batch) => transaction.query(sql, &[batch])?,
        None => transaction.query(sql, &[])?,
    };
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// Names as the numbers that [`Builder`] sums by, for one refresh; `""`
/// (none) is 0.
struct Numbers {
    ids: rustc_hash::FxHashMap<String, i64>,
    names: Vec<String>,
}

impl Numbers {
    fn new() -> Numbers {
        let mut numbers = Numbers {
            ids: rustc_hash::FxHashMap::default(),
            names: Vec::new(),
        };
        numbers.id("");
        numbers
    }

    fn id(&mut self, name: &str) -> i64 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.names.len() as i64;
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }

    fn scope(&self, id: i64) -> &str {
        if id == ALL {
            ALL_TEXT
        } else {
            usize::try_from(id)
                .ok()
                .and_then(|id| self.names.get(id))
                .map_or("", String::as_str)
        }
    }
}

/// Recomputes the daily totals of `months` (yyyymm) from the observations,
/// a month at a time, as the SQLite store does.
fn refresh_totals(
    transaction: &mut Transaction<'_>,
    months: &BTreeSet<i64>,
) -> Result<(), StoreError> {
    let mut numbers = Numbers::new();
    let pairs: Vec<Pair> = pair_series()
        .into_iter()
        .map(|(measure, weight, product, paired)| Pair {
            measure: numbers.id(measure),
            weight: numbers.id(weight),
            product: numbers.id(&product),
            paired: numbers.id(&paired),
        })
        .collect();
    let corrupt = |error: postgres::Error| StoreError::CorruptData(postgres_message(&error));
    for &month in months {
        let Some((first, last)) = month_days(month) else {
            continue;
        };
        let month_column = i32::try_from(month).unwrap_or(i32::MAX);
        transaction.execute(
            "DELETE FROM daily_totals WHERE month = $1",
            &[&month_column],
        )?;
        let rows = transaction.query(
            "SELECT day, measure, channel, segment, action, value FROM observations
             WHERE day BETWEEN $1 AND $2 ORDER BY day, channel, segment, action, measure",
            &[&first, &last],
        )?;
        let mut builder = Builder::new(pairs.clone());
        for row in &rows {
            let day: Date = row.try_get(0).map_err(corrupt)?;
            builder.push(Leaf {
                day: i64::from(day.year()) * 10_000
                    + i64::from(day.month()) * 100
                    + i64::from(day.day()),
                measure: numbers.id(row.get(1)),
                channel: numbers.id(row.get(2)),
                segment: numbers.id(row.get(3)),
                action: numbers.id(row.get(4)),
                value: row.try_get(5).map_err(corrupt)?,
            });
        }
        let totals = builder.finish();
        if totals.is_empty() {
            continue;
        }
        // Column by column, for `unnest`.
        let mut keys: [Vec<&str>; 4] = Default::default();
        let mut blobs = Vec::with_capacity(totals.len());
        for (_, key, blob) in totals {
            for (column, id) in keys.iter_mut().zip(key) {
                column.push(numbers.scope(id));
            }
            blobs.push(blob);
        }
        transaction.execute(
            "INSERT INTO daily_totals (month, series, channel, segment, action, days)
             SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[])",
            &[
                &month_column,
                &keys[0],
                &keys[1],
                &keys[2],
                &keys[3],
                &blobs,
            ],
        )?;
    }
    Ok(())
}

fn batch_row(row: &Row) -> Result<Batch, StoreError> {
    let id: i64 = row.get(0);
    let imported_at = row.try_get(9).map_err(|error| {
        StoreError::CorruptData(format!("import batch {id}: {}", postgres_message(&error)))
    })?;
    Ok(Batch {
        id,
        file_name: row.get(1),
        content_hash: row.get(2),
        format: row.get(3),
        options: row.get(4),
        rows: count_of(row.get(5)),
        inserted: count_of(row.get(6)),
        replaced: count_of(row.get(7)),
        unchanged: count_of(row.get(8)),
        imported_at,
        imported_by: row.get(10),
    })
}

fn observation_row(row: &Row) -> Result<StoredObservation, StoreError> {
    // A hand-edited value may not fit (a day past 9999, a value beyond 28
    // digits): say so rather than panic.
    let corrupt = |error: postgres::Error| StoreError::CorruptData(postgres_message(&error));
    Ok(StoredObservation {
        day: row.try_get(0).map_err(corrupt)?,
        measure: row.get(1),
        value: row.try_get(2).map_err(corrupt)?,
        channel: none_if_empty(row.get(3)),
        segment: none_if_empty(row.get(4)),
        action: none_if_empty(row.get(5)),
        batch: row.get(6),
        line: count_of(row.get(7)),
    })
}

/// An experiment's row from the columns day, variant, visitors,
/// conversions, revenue and revenue_squares, in that order.
fn experiment_row(row: &Row, experiment: &str) -> Result<ExperimentRow, StoreError> {
    // A hand-edited value may not fit (a day past 9999, a revenue beyond 28
    // digits, a negative count): say so rather than panic.
    let corrupt = |error: postgres::Error| {
        StoreError::CorruptData(format!(
            "experiment `{experiment}`: {}",
            postgres_message(&error)
        ))
    };
    let count = |column| -> Result<u64, StoreError> {
        let n: i64 = row.get(column);
        u64::try_from(n)
            .map_err(|_| StoreError::CorruptData(format!("experiment `{experiment}`: count {n}")))
    };
    Ok(ExperimentRow {
        day: row.try_get(0).map_err(corrupt)?,
        variant: row.get(1),
        visitors: count(2)?,
        conversions: count(3)?,
        revenue: row.try_get(4).map_err(corrupt)?,
        revenue_squares: row.try_get(5).map_err(corrupt)?,
    })
}

fn none_if_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

fn line_number(line: u64) -> i64 {
    i64::try_from(line).unwrap_or(i64::MAX)
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn count_of(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
