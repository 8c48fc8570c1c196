//! The SQLite store: one file per workspace, WAL mode, migrations applied on
//! open and recorded in `schema_migrations`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use jiff::Timestamp;
use kpilot_core::ids::{ObjectiveId, PlanId};
use kpilot_core::progress::{ActionUpdate, CheckIn};
use kpilot_core::{Plan, plan_file};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
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
    TotalsScope, Undone, experiment_count,
};

/// The schema, one step per file, in order. A step is never edited once
/// released: a change is a new step.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "plans",
        include_str!("../migrations/sqlite/0001_plans.sql"),
    ),
    (
        2,
        "observations",
        include_str!("../migrations/sqlite/0002_observations.sql"),
    ),
    (
        3,
        "daily_totals",
        include_str!("../migrations/sqlite/0003_daily_totals.sql"),
    ),
    (
        4,
        "spend",
        include_str!("../migrations/sqlite/0004_spend.sql"),
    ),
    (
        5,
        "notes",
        include_str!("../migrations/sqlite/0005_notes.sql"),
    ),
    (
        6,
        "data_version",
        include_str!("../migrations/sqlite/0006_data_version.sql"),
    ),
    (
        7,
        "experiments",
        include_str!("../migrations/sqlite/0007_experiments.sql"),
    ),
    (
        8,
        "orders",
        include_str!("../migrations/sqlite/0008_orders.sql"),
    ),
    (
        9,
        "tracking",
        include_str!("../migrations/sqlite/0009_tracking.sql"),
    ),
];

/// The step that created the daily totals: applying it also computes them
/// for the observations already there.
const DAILY_TOTALS_STEP: i64 = 3;

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
        if *version == DAILY_TOTALS_STEP {
            let months =
                stored_months(&transaction, "SELECT DISTINCT day / 100 FROM observations")?;
            refresh_totals(&transaction, &months)?;
        }
        transaction.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, Timestamp::now().to_string()],
        )?;
        transaction.commit()?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn apply_plan(&self, plan: &Plan, applied_by: &str) -> Result<Applied, StoreError> {
        let document = plan_file::write(plan);
        let hash = crate::sha256_hex(document.as_bytes());
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
            for (kind, id, title) in plan.items() {
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

    fn import(
        &self,
        batch: &NewBatch,
        source: &mut dyn ObservationSource,
        mode: ImportMode,
    ) -> Result<ImportReport, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_batch(&transaction, batch)?;
        let (mut report, dirty_months) = write_observations(&transaction, id, source, mode)?;
        if mode == ImportMode::DryRun || !source.is_clean() || report.duplicate_count > 0 {
            // Dropping the transaction rolls it back.
            return Ok(report);
        }
        refresh_totals(&transaction, &dirty_months)?;
        record_counts(&transaction, id, &report)?;
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
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_batch(&transaction, batch)?;
        let stored = stored_orders(&transaction, shop, orders)?;
        let changes = crate::orders::changes(orders, &stored);
        write_orders(&transaction, id, shop, &changes.writes)?;
        transaction.execute(
            "INSERT INTO order_imports (batch, shop) VALUES (?1, ?2)",
            params![id, shop],
        )?;
        let groups = changes
            .groups
            .iter()
            .map(|(group, line)| (group.clone(), Some(*line)))
            .collect();
        let mut figures = Figures::new(order_figures(&transaction, &groups)?);
        let (mut report, dirty_months) = write_observations(&transaction, id, &mut figures, mode)?;
        report.orders = changes.counts;
        // The figures have one value per group and measure, so they repeat
        // no key; were they to, nothing would be written, as for a file.
        if mode == ImportMode::DryRun || report.duplicate_count > 0 {
            return Ok(report);
        }
        refresh_totals(&transaction, &dirty_months)?;
        record_counts(&transaction, id, &report)?;
        transaction.commit()?;
        report.batch = Some(id);
        Ok(report)
    }

    fn orders(&self, shop: Option<&str>) -> Result<Vec<StoredOrder>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(&format!(
            "{ORDER_COLUMNS} WHERE ?1 IS NULL OR shop = ?1 ORDER BY shop, number"
        ))?;
        let mut rows = statement.query([shop])?;
        let mut orders = Vec::new();
        while let Some(row) = rows.next()? {
            orders.push(order_row(row)?);
        }
        Ok(orders)
    }

    fn batches(&self) -> Result<Vec<Batch>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(&format!("{BATCH_COLUMNS} ORDER BY id"))?;
        let rows = statement.query_map([], batch_row)?;
        rows.map(|row| row?).collect()
    }

    fn batch_with_hash(
        &self,
        content_hash: &str,
        options: &str,
    ) -> Result<Option<Batch>, StoreError> {
        let connection = self.lock();
        connection
            .query_row(
                &format!(
                    "{BATCH_COLUMNS} WHERE content_hash = ?1 AND options = ?2 ORDER BY id DESC LIMIT 1"
                ),
                params![content_hash, options],
                batch_row,
            )
            .optional()?
            .transpose()
    }

    fn undo_import(&self, batch: i64) -> Result<Option<Undone>, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known = transaction
            .query_row(
                "SELECT 1 FROM import_batches WHERE id = ?1",
                [batch],
                |_| Ok(()),
            )
            .optional()?;
        if known.is_none() {
            return Ok(None);
        }
        let mut months = stored_months(
            &transaction,
            &format!(
                "SELECT DISTINCT day / 100 FROM observations WHERE batch = {batch}
                 UNION SELECT DISTINCT day / 100 FROM replaced_observations WHERE batch = {batch}"
            ),
        )?;
        let groups = groups_to_undo(&transaction, batch)?;
        let removed: i64 = transaction.query_row(
            "SELECT COUNT(*) FROM observations WHERE batch = ?1",
            [batch],
            |row| row.get(0),
        )?;
        // The batch's values that replaced earlier ones get those back…
        let restored = transaction.execute(
            "UPDATE observations AS o SET value = r.value, batch = r.old_batch, line = r.old_line
             FROM replaced_observations AS r
             WHERE r.batch = ?1 AND o.batch = ?1 AND o.day = r.day AND o.measure = r.measure
               AND o.channel = r.channel AND o.segment = r.segment AND o.action = r.action",
            [batch],
        )?;
        // …the others go.
        transaction.execute("DELETE FROM observations WHERE batch = ?1", [batch])?;
        // A later batch that replaced one of this batch's values now replaced
        // what this batch had replaced, or nothing.
        transaction.execute(
            "UPDATE replaced_observations AS later
             SET value = r.value, old_batch = r.old_batch, old_line = r.old_line
             FROM replaced_observations AS r
             WHERE r.batch = ?1 AND later.old_batch = ?1 AND later.day = r.day
               AND later.measure = r.measure AND later.channel = r.channel
               AND later.segment = r.segment AND later.action = r.action",
            [batch],
        )?;
        transaction.execute(
            "DELETE FROM replaced_observations WHERE old_batch = ?1 OR batch = ?1",
            [batch],
        )?;
        undo_orders(&transaction, batch)?;
        // The groups the batch touched are recomputed from the orders that
        // remain: the observations it gave back may be figures of orders
        // since undone or replaced.
        if !groups.is_empty() {
            let groups = groups.into_iter().map(|group| (group, None)).collect();
            let figures = order_figures(&transaction, &groups)?;
            set_figures(&transaction, &figures)?;
            months.extend(groups.keys().map(|group| month_number(group.day)));
        }
        transaction.execute("DELETE FROM import_batches WHERE id = ?1", [batch])?;
        refresh_totals(&transaction, &months)?;
        transaction.commit()?;
        Ok(Some(Undone {
            removed: u64::try_from(removed).unwrap_or(0),
            restored: restored as u64,
        }))
    }

    fn daily_totals(&self, query: &TotalsQuery) -> Result<Vec<StoredTotal>, StoreError> {
        SqliteStore::read_totals(&self.lock(), query)
    }

    fn record_spend(&self, spend: &NewSpend) -> Result<i64, StoreError> {
        let connection = self.lock();
        connection.execute(
            "INSERT INTO spend_entries
             (plan_id, action_id, day, amount, note, entered_at, entered_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                spend.plan.as_str(),
                spend.action,
                spend.day.to_string(),
                DecimalText::of(spend.amount).as_str(),
                spend.note,
                Timestamp::now().to_string(),
                spend.entered_by,
            ],
        )?;
        Ok(connection.last_insert_rowid())
    }

    fn add_note(&self, note: &NewNote) -> Result<i64, StoreError> {
        let connection = self.lock();
        connection.execute(
            "INSERT INTO notes (plan_id, item, text, written_at, written_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                note.plan.as_str(),
                note.item,
                note.text,
                Timestamp::now().to_string(),
                note.written_by,
            ],
        )?;
        Ok(connection.last_insert_rowid())
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
        let now = Timestamp::now().to_string();
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut write = ExperimentWrite::default();
        {
            let mut stored = transaction.prepare(
                "SELECT visitors, conversions, revenue, revenue_squares FROM experiment_results
                 WHERE plan_id = ?1 AND experiment = ?2 AND day = ?3 AND variant = ?4",
            )?;
            let mut upsert = transaction.prepare(
                "INSERT INTO experiment_results (plan_id, experiment, day, variant, visitors,
                     conversions, revenue, revenue_squares, source, recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (plan_id, experiment, day, variant) DO UPDATE SET
                     visitors = excluded.visitors, conversions = excluded.conversions,
                     revenue = excluded.revenue, revenue_squares = excluded.revenue_squares,
                     source = excluded.source, recorded_at = excluded.recorded_at,
                     recorded_by = excluded.recorded_by",
            )?;
            for row in rows {
                let day = day_number(row.day);
                let before = stored
                    .query_row(
                        params![plan.as_str(), experiment, day, row.variant],
                        |stored| {
                            Ok((
                                stored.get::<_, i64>(0)?,
                                stored.get::<_, i64>(1)?,
                                stored.get::<_, Option<String>>(2)?,
                                stored.get::<_, Option<String>>(3)?,
                            ))
                        },
                    )
                    .optional()?;
                match before {
                    None => write.inserted += 1,
                    Some((visitors, conversions, revenue, revenue_squares)) => {
                        let before = ExperimentRow {
                            day: row.day,
                            variant: row.variant.clone(),
                            visitors: u64::try_from(visitors).unwrap_or(u64::MAX),
                            conversions: u64::try_from(conversions).unwrap_or(u64::MAX),
                            revenue: stored_decimal(revenue)?,
                            revenue_squares: stored_decimal(revenue_squares)?,
                        };
                        if before == *row {
                            write.unchanged += 1;
                            continue;
                        }
                        write.replaced += 1;
                    }
                }
                upsert.execute(params![
                    plan.as_str(),
                    experiment,
                    day,
                    row.variant,
                    experiment_count(row.visitors),
                    experiment_count(row.conversions),
                    row.revenue
                        .map(|revenue| DecimalText::of(revenue).as_str().to_owned()),
                    row.revenue_squares
                        .map(|squares| DecimalText::of(squares).as_str().to_owned()),
                    source,
                    now,
                    recorded_by,
                ])?;
            }
        }
        transaction.commit()?;
        Ok(write)
    }

    fn experiment_rows(
        &self,
        plan: &PlanId,
        experiment: &str,
        to: Option<jiff::civil::Date>,
    ) -> Result<Vec<StoredExperimentRow>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT day, variant, visitors, conversions, revenue, revenue_squares,
                 source, recorded_at, recorded_by
             FROM experiment_results
             WHERE plan_id = ?1 AND experiment = ?2 AND (?3 IS NULL OR day <= ?3)
             ORDER BY day, variant",
        )?;
        let mut rows = statement.query(params![plan.as_str(), experiment, to.map(day_number)])?;
        let mut stored = Vec::new();
        while let Some(row) = rows.next()? {
            let day: i64 = row.get(0)?;
            let variant: String = row.get(1)?;
            let corrupt = |what: &str| {
                StoreError::CorruptData(format!(
                    "experiment `{experiment}`, day {day}, variant `{variant}`: unreadable {what}"
                ))
            };
            let count = |column, what| {
                row.get::<_, i64>(column)
                    .ok()
                    .and_then(|n| u64::try_from(n).ok())
                    .ok_or_else(|| corrupt(what))
            };
            stored.push(StoredExperimentRow {
                row: ExperimentRow {
                    day: day_of_number(day).ok_or_else(|| corrupt("day"))?,
                    visitors: count(2, "visitors")?,
                    conversions: count(3, "conversions")?,
                    revenue: stored_decimal(row.get(4)?)?,
                    revenue_squares: stored_decimal(row.get(5)?)?,
                    variant,
                },
                source: row.get(6)?,
                recorded_at: row.get(7)?,
                recorded_by: row.get(8)?,
            });
        }
        Ok(stored)
    }

    fn record_action_update(
        &self,
        plan: &PlanId,
        update: &ActionUpdate,
        recorded_by: &str,
    ) -> Result<i64, StoreError> {
        tracking::check_update(update)?;
        let change = ChangeColumns::of(&update.change);
        let connection = self.lock();
        connection.execute(
            "INSERT INTO action_updates (plan_id, action_id, occurrence, change, reason,
                 percent, expected_end, day, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                plan.as_str(),
                update.action.as_str(),
                update.occurrence,
                change.kind,
                change.reason,
                change.percent,
                change.expected_end.map(day_number),
                day_number(update.on),
                Timestamp::now().to_string(),
                recorded_by,
            ],
        )?;
        Ok(connection.last_insert_rowid())
    }

    fn action_updates(&self, plan: &PlanId) -> Result<Vec<StoredActionUpdate>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, action_id, occurrence, change, reason, percent, expected_end, day,
                 recorded_at, recorded_by
             FROM action_updates WHERE plan_id = ?1 ORDER BY id",
        )?;
        let mut rows = statement.query([plan.as_str()])?;
        let mut updates = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let corrupt = |what: &str| {
                StoreError::CorruptData(format!("action update {id}: unreadable {what}"))
            };
            let expected_end: Option<i64> = row.get(6)?;
            let recorded_at: String = row.get(8)?;
            updates.push(
                UpdateRow {
                    id,
                    action: row.get(1)?,
                    occurrence: row.get(2)?,
                    kind: row.get(3)?,
                    reason: row.get(4)?,
                    percent: row.get(5)?,
                    expected_end: expected_end
                        .map(|day| day_of_number(day).ok_or_else(|| corrupt("expected end")))
                        .transpose()?,
                    on: day_of_number(row.get(7)?).ok_or_else(|| corrupt("day"))?,
                    recorded_at: recorded_at.parse().map_err(|_| corrupt("time"))?,
                    recorded_by: row.get(9)?,
                }
                .read()?,
            );
        }
        Ok(updates)
    }

    fn record_checkin(
        &self,
        plan: &PlanId,
        checkin: &CheckIn,
        recorded_by: &str,
    ) -> Result<i64, StoreError> {
        tracking::check_checkin(checkin)?;
        let connection = self.lock();
        connection.execute(
            "INSERT INTO checkins (plan_id, objective_id, day, confidence, comment, value,
                 recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                plan.as_str(),
                checkin.objective.as_str(),
                day_number(checkin.on),
                checkin.confidence.code(),
                checkin.comment,
                // `to_string`, not `DecimalText`: the value keeps its scale.
                tracking::stored_value(checkin.value).map(|value| value.to_string()),
                Timestamp::now().to_string(),
                recorded_by,
            ],
        )?;
        Ok(connection.last_insert_rowid())
    }

    fn checkins(
        &self,
        plan: &PlanId,
        objective: Option<&ObjectiveId>,
    ) -> Result<Vec<StoredCheckIn>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, objective_id, day, confidence, comment, value, recorded_at, recorded_by
             FROM checkins WHERE plan_id = ?1 AND (?2 IS NULL OR objective_id = ?2)
             ORDER BY day, id",
        )?;
        let mut rows =
            statement.query(params![plan.as_str(), objective.map(ObjectiveId::as_str)])?;
        let mut checkins = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let corrupt =
                |what: &str| StoreError::CorruptData(format!("check-in {id}: unreadable {what}"));
            let recorded_at: String = row.get(6)?;
            checkins.push(
                CheckInRow {
                    id,
                    objective: row.get(1)?,
                    on: day_of_number(row.get(2)?).ok_or_else(|| corrupt("day"))?,
                    confidence: row.get(3)?,
                    comment: row.get(4)?,
                    value: stored_decimal(row.get(5)?)?,
                    recorded_at: recorded_at.parse().map_err(|_| corrupt("time"))?,
                    recorded_by: row.get(7)?,
                }
                .read()?,
            );
        }
        Ok(checkins)
    }

    fn data_days(&self) -> Result<Option<(jiff::civil::Date, jiff::civil::Date)>, StoreError> {
        let connection = self.lock();
        // Both ends from the primary key, which starts with the day.
        let (first, last): (Option<i64>, Option<i64>) = connection
            .prepare_cached("SELECT MIN(day), MAX(day) FROM observations")?
            .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(None);
        };
        let day = |number: i64| {
            day_of_number(number)
                .ok_or_else(|| StoreError::CorruptData(format!("observation day {number}")))
        };
        Ok(Some((day(first)?, day(last)?)))
    }

    fn data_version(&self) -> Result<i64, StoreError> {
        let connection = self.lock();
        let version = connection
            .prepare_cached("SELECT version FROM data_version WHERE id = 1")?
            .query_row([], |row| row.get(0))?;
        Ok(version)
    }

    fn notes(&self, plan: &PlanId) -> Result<Vec<Note>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, item, text, written_at, written_by
             FROM notes WHERE plan_id = ?1 ORDER BY id",
        )?;
        let mut rows = statement.query([plan.as_str()])?;
        let mut notes = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let written_at: String = row.get(3)?;
            notes.push(Note {
                id,
                item: row.get(1)?,
                text: row.get(2)?,
                written_at: written_at
                    .parse()
                    .map_err(|_| StoreError::CorruptData(format!("note {id}: unreadable time")))?,
                written_by: row.get(4)?,
            });
        }
        Ok(notes)
    }

    fn spend_entries(&self, plan: &PlanId) -> Result<Vec<SpendEntry>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, action_id, day, amount, note, entered_at, entered_by
             FROM spend_entries WHERE plan_id = ?1 ORDER BY day, id",
        )?;
        let mut rows = statement.query([plan.as_str()])?;
        let mut entries = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let corrupt = |what: &str| {
                StoreError::CorruptData(format!("spend entry {id}: unreadable {what}"))
            };
            let day: String = row.get(2)?;
            let amount: String = row.get(3)?;
            entries.push(SpendEntry {
                id,
                action: row.get(1)?,
                day: day.parse().map_err(|_| corrupt("day"))?,
                amount: amount.parse().map_err(|_| corrupt("amount"))?,
                note: row.get(4)?,
                entered_at: row.get(5)?,
                entered_by: row.get(6)?,
            });
        }
        Ok(entries)
    }

    fn observations(&self, query: &ObservationQuery) -> Result<Vec<StoredObservation>, StoreError> {
        let connection = self.lock();
        let measures = query
            .measures
            .as_ref()
            .map(|measures| measures.join("\u{1f}"));
        let mut statement = connection.prepare_cached(
            "SELECT o.day, m.name, o.value, c.name, s.name, a.name, o.batch, o.line
             FROM observations o
             JOIN names m ON m.id = o.measure
             JOIN names c ON c.id = o.channel
             JOIN names s ON s.id = o.segment
             JOIN names a ON a.id = o.action
             WHERE (?1 IS NULL OR o.day >= ?1) AND (?2 IS NULL OR o.day <= ?2)
               AND (?3 IS NULL OR instr(char(31) || ?3 || char(31), char(31) || m.name || char(31)) > 0)
               AND (?4 IS NULL OR o.batch = ?4)
             ORDER BY o.day, m.name, c.name, s.name, a.name",
        )?;
        let rows = statement.query_map(
            params![
                query.from.map(day_number),
                query.to.map(day_number),
                measures,
                query.batch
            ],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, String>(5)?,
                    row.get::<_, i64>(6)?,
                    row.get::<_, i64>(7)?,
                ))
            },
        )?;
        rows.map(|row| {
            let (day, measure, value, channel, segment, action, batch, line) = row?;
            let corrupt = |message: String| StoreError::CorruptData(message);
            Ok(StoredObservation {
                day: day_of_number(day).ok_or_else(|| corrupt(format!("day `{day}`")))?,
                value: value
                    .parse()
                    .map_err(|error| corrupt(format!("value `{value}`: {error}")))?,
                measure,
                channel: none_if_empty(channel),
                segment: none_if_empty(segment),
                action: none_if_empty(action),
                batch,
                line: u64::try_from(line).unwrap_or(0),
            })
        })
        .collect()
    }
}

/// Records a new import batch, its counts still zero; gives its id.
fn insert_batch(
    transaction: &rusqlite::Transaction<'_>,
    batch: &NewBatch,
) -> Result<i64, StoreError> {
    transaction.execute(
        "INSERT INTO import_batches (file_name, content_hash, format, options, rows,
             inserted, replaced, unchanged, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, 0, 0, 0, 0, ?5, ?6)",
        params![
            batch.file_name,
            batch.content_hash,
            batch.format,
            batch.options,
            Timestamp::now().to_string(),
            batch.imported_by
        ],
    )?;
    Ok(transaction.last_insert_rowid())
}

/// Writes a source's observations as batch `id`'s, replacing (and keeping)
/// the values of the keys already stored: the one write path of every
/// import. Gives the report and the months whose daily totals are left to
/// recompute; in a dry run no totals are summed.
fn write_observations(
    transaction: &rusqlite::Transaction<'_>,
    id: i64,
    source: &mut dyn ObservationSource,
    mode: ImportMode,
) -> Result<(ImportReport, BTreeSet<i64>), StoreError> {
    let mut report = ImportReport::default();
    let mut names = Names::new(transaction)?;
    let streamed = match mode {
        ImportMode::Commit => Some(Streamed::new(transaction, pairs(&mut names)?)?),
        ImportMode::DryRun => None,
    };
    let mut writer = Writer::new(transaction, id, streamed)?;
    // Rows are written even once the source has found a bad one, so that
    // every duplicate key is found too; the transaction is then rolled
    // back.
    while let Some(observation) = source.next_observation() {
        report.rows += 1;
        writer.push(
            Pending {
                key: [
                    day_number(observation.day),
                    names.id(observation.measure)?,
                    names.optional_id(observation.channel)?,
                    names.optional_id(observation.segment)?,
                    names.optional_id(observation.action)?,
                ],
                text: DecimalText::of(observation.value),
                value: observation.value,
                line: observation.line,
                day: observation.day,
            },
            &mut report,
        )?;
    }
    writer.flush(&mut report)?;
    let dirty_months = match writer.streamed {
        Some(streamed) => streamed.finish()?,
        None => BTreeSet::new(),
    };
    Ok((report, dirty_months))
}

/// Writes an import's counts on its batch.
fn record_counts(
    transaction: &rusqlite::Transaction<'_>,
    id: i64,
    report: &ImportReport,
) -> Result<(), StoreError> {
    transaction.execute(
        "UPDATE import_batches SET rows = ?2, inserted = ?3, replaced = ?4, unchanged = ?5
         WHERE id = ?1",
        params![
            id,
            count(report.rows),
            count(report.inserted),
            count(report.replaced),
            count(report.unchanged)
        ],
    )?;
    Ok(())
}

/// The columns of an order, as [`order_row`] reads them, to be followed by
/// a condition.
const ORDER_COLUMNS: &str = "SELECT shop, number, day, channel, segment, status, counted, total,
     new_customer, batch, line FROM orders";

fn order_row(row: &rusqlite::Row<'_>) -> Result<StoredOrder, StoreError> {
    let shop: String = row.get(0)?;
    let number: String = row.get(1)?;
    let corrupt = |what: &str| {
        StoreError::CorruptData(format!("order `{number}` of `{shop}`: unreadable {what}"))
    };
    let day: i64 = row.get(2)?;
    let total: String = row.get(7)?;
    let line: i64 = row.get(10)?;
    Ok(StoredOrder {
        order: Order {
            day: day_of_number(day).ok_or_else(|| corrupt("day"))?,
            channel: row.get(3)?,
            segment: row.get(4)?,
            status: row.get(5)?,
            counted: row.get(6)?,
            total: total.parse().map_err(|_| corrupt("total"))?,
            new_customer: row.get(8)?,
            line: u64::try_from(line).map_err(|_| corrupt("line"))?,
            number: number.clone(),
        },
        batch: row.get(9)?,
        shop,
    })
}

/// The stored orders of `shop` with the numbers of `orders`, by number.
fn stored_orders(
    transaction: &rusqlite::Transaction<'_>,
    shop: &str,
    orders: &[Order],
) -> Result<rustc_hash::FxHashMap<String, StoredOrder>, StoreError> {
    let mut statement =
        transaction.prepare(&format!("{ORDER_COLUMNS} WHERE shop = ?1 AND number = ?2"))?;
    let mut stored = rustc_hash::FxHashMap::default();
    for order in orders {
        let mut rows = statement.query(params![shop, order.number])?;
        if let Some(row) = rows.next()? {
            stored.insert(order.number.clone(), order_row(row)?);
        }
    }
    Ok(stored)
}

/// Writes the file's orders as batch `id`'s; those marked keep the stored
/// order they take over or replace in `replaced_orders`, for undo.
fn write_orders(
    transaction: &rusqlite::Transaction<'_>,
    id: i64,
    shop: &str,
    writes: &[(&Order, bool)],
) -> Result<(), StoreError> {
    let mut keep = transaction.prepare(
        "INSERT INTO replaced_orders (batch, shop, number, day, channel, segment, status,
             counted, total, new_customer, old_batch, old_line)
         SELECT ?1, shop, number, day, channel, segment, status, counted, total,
             new_customer, batch, line
         FROM orders WHERE shop = ?2 AND number = ?3",
    )?;
    let mut write = transaction.prepare(
        "INSERT INTO orders (shop, number, day, channel, segment, status, counted, total,
             new_customer, batch, line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (shop, number) DO UPDATE SET day = excluded.day,
             channel = excluded.channel, segment = excluded.segment,
             status = excluded.status, counted = excluded.counted, total = excluded.total,
             new_customer = excluded.new_customer, batch = excluded.batch,
             line = excluded.line",
    )?;
    for (order, kept) in writes {
        if *kept {
            keep.execute(params![id, shop, order.number])?;
        }
        write.execute(params![
            shop,
            order.number,
            day_number(order.day),
            order.channel,
            order.segment,
            order.status,
            order.counted,
            DecimalText::of(order.total).as_str(),
            order.new_customer,
            id,
            line_number(order.line)
        ])?;
    }
    Ok(())
}

/// What the observations of `groups` become, from every stored order of
/// their days (see [`crate::orders::figures`]).
fn order_figures(
    transaction: &rusqlite::Transaction<'_>,
    groups: &BTreeMap<GroupKey, Option<u64>>,
) -> Result<Vec<Figure>, StoreError> {
    let mut orders = Vec::new();
    {
        let mut statement =
            transaction.prepare_cached(&format!("{ORDER_COLUMNS} WHERE day = ?1"))?;
        for day in crate::orders::days(groups.keys()) {
            let mut rows = statement.query([day_number(day)])?;
            while let Some(row) = rows.next()? {
                orders.push(order_row(row)?);
            }
        }
    }
    let mut written = transaction.prepare_cached(&format!(
        "SELECT EXISTS (SELECT 1 FROM order_imports i WHERE i.batch = o.batch)
         FROM observations o WHERE {OBSERVATION_OF_GROUP}"
    ))?;
    crate::orders::figures(groups, &orders, &mut |group, measure| {
        let written = written
            .query_row(
                params![
                    day_number(group.day),
                    measure,
                    group.channel,
                    group.segment.as_deref().unwrap_or_default()
                ],
                |row| row.get::<_, bool>(0),
            )
            .optional()?;
        Ok(written)
    })
}

/// The observation of a group's measure, given the day (yyyymmdd), the
/// measure, the channel and the segment (`""` for none) as `?1` to `?4`;
/// orders give no action.
const OBSERVATION_OF_GROUP: &str = "o.day = ?1
     AND o.channel = (SELECT id FROM names WHERE name = ?3)
     AND o.segment = (SELECT id FROM names WHERE name = ?4)
     AND o.action = 0
     AND o.measure = (SELECT id FROM names WHERE name = ?2)";

/// The groups (day, channel, segment) whose figures undoing `batch` may
/// change, read before anything is undone: those of its orders, of the
/// orders it replaced, and of its observations of the orders' measures
/// (which the undo gives back to older batches).
fn groups_to_undo(
    transaction: &rusqlite::Transaction<'_>,
    batch: i64,
) -> Result<BTreeSet<GroupKey>, StoreError> {
    let no_orders: bool =
        transaction.query_row("SELECT NOT EXISTS (SELECT 1 FROM orders)", [], |row| {
            row.get(0)
        })?;
    // No order stored: no order import remains, so no observation is a
    // figure of orders, and a generic batch's undo need not look.
    if no_orders {
        return Ok(BTreeSet::new());
    }
    let measures = kpilot_core::order::MEASURES
        .map(|measure| format!("'{measure}'"))
        .join(", ");
    let mut groups = BTreeSet::new();
    for sql in [
        "SELECT day, channel, coalesce(segment, '') FROM orders WHERE batch = ?1".to_owned(),
        "SELECT day, channel, coalesce(segment, '') FROM replaced_orders WHERE batch = ?1"
            .to_owned(),
        format!(
            "SELECT o.day, c.name, s.name FROM observations o
             JOIN names c ON c.id = o.channel
             JOIN names s ON s.id = o.segment
             WHERE o.batch = ?1 AND o.action = 0
               AND o.measure IN (SELECT id FROM names WHERE name IN ({measures}))"
        ),
    ] {
        let mut statement = transaction.prepare(&sql)?;
        let mut rows = statement.query([batch])?;
        while let Some(row) = rows.next()? {
            let day: i64 = row.get(0)?;
            let day = day_of_number(day)
                .ok_or_else(|| StoreError::CorruptData(format!("day `{day}`")))?;
            groups.insert(GroupKey::of_names(day, row.get(1)?, row.get(2)?));
        }
    }
    Ok(groups)
}

/// Undoes `batch`'s orders, as its observations are undone: those that
/// replaced or took over stored orders get them back, the others go, and a
/// later batch that replaced one of them now replaced what `batch` had, or
/// nothing.
fn undo_orders(transaction: &rusqlite::Transaction<'_>, batch: i64) -> Result<(), StoreError> {
    transaction.execute(
        "UPDATE orders AS o SET day = r.day, channel = r.channel, segment = r.segment,
             status = r.status, counted = r.counted, total = r.total,
             new_customer = r.new_customer, batch = r.old_batch, line = r.old_line
         FROM replaced_orders AS r
         WHERE r.batch = ?1 AND o.batch = ?1 AND o.shop = r.shop AND o.number = r.number",
        [batch],
    )?;
    transaction.execute("DELETE FROM orders WHERE batch = ?1", [batch])?;
    transaction.execute(
        "UPDATE replaced_orders AS later SET day = r.day, channel = r.channel,
             segment = r.segment, status = r.status, counted = r.counted, total = r.total,
             new_customer = r.new_customer, old_batch = r.old_batch, old_line = r.old_line
         FROM replaced_orders AS r
         WHERE r.batch = ?1 AND later.old_batch = ?1 AND later.shop = r.shop
           AND later.number = r.number",
        [batch],
    )?;
    transaction.execute(
        "DELETE FROM replaced_orders WHERE old_batch = ?1 OR batch = ?1",
        [batch],
    )?;
    transaction.execute("DELETE FROM order_imports WHERE batch = ?1", [batch])?;
    Ok(())
}

/// Sets the observations an undo recomputed, where they are: an undo is
/// no batch, so nothing is kept, and the observation keeps its owner. One
/// that is missing (the undo of its owner removed it while other orders
/// remain) is given to the latest batch among its group's orders.
fn set_figures(
    transaction: &rusqlite::Transaction<'_>,
    figures: &[Figure],
) -> Result<(), StoreError> {
    let mut update = transaction.prepare(&format!(
        "UPDATE observations AS o SET value = ?5, line = coalesce(?6, line)
         WHERE {OBSERVATION_OF_GROUP}"
    ))?;
    let mut names = Names::new(transaction)?;
    for figure in figures {
        let text = DecimalText::of(figure.value);
        let segment = figure.group.segment.as_deref().unwrap_or_default();
        let updated = update.execute(params![
            day_number(figure.group.day),
            figure.measure,
            figure.group.channel,
            segment,
            text.as_str(),
            figure.line.map(line_number)
        ])?;
        if let (0, Some(batch), Some(line)) = (updated, figure.batch, figure.line) {
            transaction.execute(
                "INSERT INTO observations (day, measure, channel, segment, action, value, batch, line)
                 VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7)",
                params![
                    day_number(figure.group.day),
                    names.id(figure.measure)?,
                    names.id(&figure.group.channel)?,
                    names.id(segment)?,
                    text.as_str(),
                    batch,
                    line_number(line)
                ],
            )?;
        }
    }
    Ok(())
}

impl SqliteStore {
    fn read_totals(
        connection: &Connection,
        query: &TotalsQuery,
    ) -> Result<Vec<StoredTotal>, StoreError> {
        let mut names: Vec<(i64, String)> = Vec::new();
        {
            let mut statement = connection.prepare_cached("SELECT id, name FROM names")?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            for row in rows {
                names.push(row?);
            }
        }
        let name_of: rustc_hash::FxHashMap<i64, &str> = names
            .iter()
            .map(|(id, name)| (*id, name.as_str()))
            .collect();
        let id_of: rustc_hash::FxHashMap<&str, i64> = names
            .iter()
            .map(|(id, name)| (name.as_str(), *id))
            .collect();
        let (channel, segment, action) = match &query.scope {
            TotalsScope::Market { channel, segment } => (channel, segment, &Scope::All),
            TotalsScope::Action(action) => (&Scope::All, &Scope::All, action),
        };
        // Each scope as an SQL comparison and its number; a name never
        // stored has no totals.
        let condition = |scope: &Scope| match scope {
            Scope::All => Some(("=", ALL)),
            Scope::Each => Some((">=", 0)),
            Scope::Only(name) => id_of.get(name.as_str()).map(|id| ("=", *id)),
        };
        let (Some(channel), Some(segment), Some(action)) =
            (condition(channel), condition(segment), condition(action))
        else {
            return Ok(Vec::new());
        };
        let mut statement = connection.prepare_cached(&format!(
            "SELECT series, channel, segment, action, days FROM daily_totals
             WHERE month = ?1 AND series = ?2 AND channel {} ?3 AND segment {} ?4 AND action {} ?5",
            channel.0, segment.0, action.0
        ))?;
        let scope_name = |id: i64| -> Result<Option<String>, StoreError> {
            if id == ALL {
                return Ok(None);
            }
            name_of
                .get(&id)
                .map(|name| Some((*name).to_owned()))
                .ok_or_else(|| StoreError::CorruptData(format!("name number {id}")))
        };
        let from = match query.from {
            Some(from) => from,
            None => {
                let first: Option<i64> =
                    connection
                        .query_row("SELECT min(month) FROM daily_totals", [], |row| row.get(0))?;
                match first.and_then(month_days) {
                    Some((first, _)) => first,
                    None => return Ok(Vec::new()),
                }
            }
        };
        let mut totals = Vec::new();
        for month in months_between(from, query.to) {
            for series in &query.series {
                let Some(series_id) = id_of.get(series.as_str()) else {
                    continue;
                };
                let mut rows =
                    statement.query(params![month, series_id, channel.1, segment.1, action.1])?;
                while let Some(row) = rows.next()? {
                    let blob = row
                        .get_ref(4)?
                        .as_blob()
                        .map_err(|error| StoreError::CorruptData(error.to_string()))?;
                    let key = (
                        series.clone(),
                        scope_name(row.get(1)?)?,
                        scope_name(row.get(2)?)?,
                        scope_name(row.get(3)?)?,
                    );
                    crate::totals::push_days(&mut totals, &key, month, blob, (from, query.to))?;
                }
            }
        }
        crate::totals::sort(&mut totals);
        Ok(totals)
    }
}

/// The weighted means to pair, in this workspace's numbers.
fn pairs(names: &mut Names<'_>) -> Result<Vec<Pair>, StoreError> {
    pair_series()
        .into_iter()
        .map(|(measure, weight, product, paired)| {
            Ok(Pair {
                measure: names.id(measure)?,
                weight: names.id(weight)?,
                product: names.id(&product)?,
                paired: names.id(&paired)?,
            })
        })
        .collect()
}

/// Daily totals computed as an import writes, a month at a time, for the
/// months that had no data before (an import of new days, the usual case):
/// those need not be read back. A month that had data, or whose rows come
/// out of key order (a file not in day order), is left to
/// [`refresh_totals`] at the end.
struct Streamed<'t> {
    pairs: Vec<Pair>,
    /// The month being summed, and its builder (`None` once it is left to
    /// the refresh).
    current: Option<(i64, Option<Builder>)>,
    /// The last key summed (day, channel, segment, action, measure).
    last: Option<[i64; 5]>,
    written: BTreeSet<i64>,
    dirty: BTreeSet<i64>,
    exists: rusqlite::Statement<'t>,
    insert: rusqlite::Statement<'t>,
}

impl<'t> Streamed<'t> {
    fn new(
        transaction: &'t rusqlite::Transaction<'t>,
        pairs: Vec<Pair>,
    ) -> Result<Streamed<'t>, StoreError> {
        Ok(Streamed {
            pairs,
            current: None,
            last: None,
            written: BTreeSet::new(),
            dirty: BTreeSet::new(),
            exists: transaction
                .prepare("SELECT EXISTS (SELECT 1 FROM daily_totals WHERE month = ?1)")?,
            insert: transaction.prepare(
                "INSERT INTO daily_totals (month, series, channel, segment, action, days)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
        })
    }

    /// A row just written.
    fn push(&mut self, row: &Pending) -> Result<(), StoreError> {
        let [day, measure, channel, segment, action] = row.key;
        let month = day / 100;
        if self.current.as_ref().map(|(current, _)| *current) != Some(month) {
            self.close()?;
            let fresh = !self.written.contains(&month)
                && !self.dirty.contains(&month)
                && !self
                    .exists
                    .query_row([month], |row| row.get::<_, bool>(0))?;
            if !fresh {
                self.dirty.insert(month);
            }
            self.current = Some((month, fresh.then(|| Builder::new(self.pairs.clone()))));
            self.last = None;
        }
        let key = [day, channel, segment, action, measure];
        if let Some((month, builder)) = &mut self.current
            && let Some(summing) = builder
        {
            if self.last.is_some_and(|last| last >= key) {
                *builder = None;
                self.dirty.insert(*month);
            } else {
                summing.push(Leaf {
                    day,
                    measure,
                    channel,
                    segment,
                    action,
                    value: row.value,
                });
                self.last = Some(key);
            }
        }
        Ok(())
    }

    /// Writes the totals of the month being summed, if it was.
    fn close(&mut self) -> Result<(), StoreError> {
        if let Some((month, Some(builder))) = self.current.take() {
            for (month, [series, channel, segment, action], blob) in builder.finish() {
                self.insert
                    .execute(params![month, series, channel, segment, action, blob])?;
            }
            self.written.insert(month);
        }
        Ok(())
    }

    /// The months left to recompute from the observations.
    fn finish(mut self) -> Result<BTreeSet<i64>, StoreError> {
        self.close()?;
        Ok(self.dirty)
    }
}

/// The months (yyyymm) that `sql` lists.
fn stored_months(connection: &Connection, sql: &str) -> Result<BTreeSet<i64>, StoreError> {
    let mut statement = connection.prepare(sql)?;
    let months = statement
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(months)
}

/// Recomputes the daily totals of `months` (yyyymm) from the observations,
/// a month at a time.
fn refresh_totals(
    transaction: &rusqlite::Transaction<'_>,
    months: &BTreeSet<i64>,
) -> Result<(), StoreError> {
    if months.is_empty() {
        return Ok(());
    }
    let pairs = pairs(&mut Names::new(transaction)?)?;
    let mut delete = transaction.prepare_cached("DELETE FROM daily_totals WHERE month = ?1")?;
    let mut select = transaction.prepare_cached(
        "SELECT day, measure, channel, segment, action, value FROM observations
         WHERE day BETWEEN ?1 AND ?2 ORDER BY day, channel, segment, action, measure",
    )?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO daily_totals (month, series, channel, segment, action, days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for &month in months {
        delete.execute([month])?;
        let Some((first, last)) = month_days(month) else {
            continue;
        };
        let mut builder = Builder::new(pairs.clone());
        let mut rows = select.query([day_number(first), day_number(last)])?;
        while let Some(row) = rows.next()? {
            let text = row
                .get_ref(5)?
                .as_str()
                .map_err(|error| StoreError::CorruptData(error.to_string()))?;
            let value = text
                .parse::<Decimal>()
                .map_err(|error| StoreError::CorruptData(format!("value `{text}`: {error}")))?;
            builder.push(Leaf {
                day: row.get(0)?,
                measure: row.get(1)?,
                channel: row.get(2)?,
                segment: row.get(3)?,
                action: row.get(4)?,
                value,
            });
        }
        for (month, [series, channel, segment, action], blob) in builder.finish() {
            insert.execute(params![month, series, channel, segment, action, blob])?;
        }
    }
    Ok(())
}

const BATCH_COLUMNS: &str = "SELECT id, file_name, content_hash, format, options, rows, inserted,
     replaced, unchanged, imported_at, imported_by FROM import_batches";

fn batch_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Batch, StoreError>> {
    let imported_at: String = row.get(9)?;
    let counts = [row.get(5)?, row.get(6)?, row.get(7)?, row.get(8)?]
        .map(|n: i64| u64::try_from(n).unwrap_or(0));
    let id: i64 = row.get(0)?;
    let batch = imported_at
        .parse()
        .map_err(|error: jiff::Error| {
            StoreError::CorruptData(format!("import batch {id}: time `{imported_at}`: {error}"))
        })
        .map(|imported_at| Batch {
            id,
            file_name: row.get(1).unwrap_or_default(),
            content_hash: row.get(2).unwrap_or_default(),
            format: row.get(3).unwrap_or_default(),
            options: row.get(4).unwrap_or_default(),
            rows: counts[0],
            inserted: counts[1],
            replaced: counts[2],
            unchanged: counts[3],
            imported_at,
            imported_by: row.get(10).unwrap_or_default(),
        });
    Ok(batch)
}

/// An optional exact decimal as stored (text).
fn stored_decimal(text: Option<String>) -> Result<Option<Decimal>, StoreError> {
    text.map(|text| {
        text.parse::<Decimal>()
            .map_err(|error| StoreError::CorruptData(format!("value `{text}`: {error}")))
    })
    .transpose()
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

/// An observation on its way into the table.
struct Pending {
    /// Day, measure, channel, segment, action, as stored.
    key: [i64; 5],
    text: DecimalText,
    value: Decimal,
    line: u64,
    day: jiff::civil::Date,
}

/// A decimal as stored: exact, without trailing zeros (`12.50` is `12.5`),
/// written without allocating: at most 29 digits, a sign and a point.
struct DecimalText {
    bytes: [u8; 40],
    length: usize,
}

impl DecimalText {
    fn of(value: Decimal) -> DecimalText {
        use std::fmt::Write as _;
        let mut text = DecimalText {
            bytes: [0; 40],
            length: 0,
        };
        // Cannot fail: a decimal never needs more than 31 bytes.
        let _ = write!(text, "{}", value.normalize());
        text
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.length]).unwrap_or_default()
    }
}

impl std::fmt::Write for DecimalText {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        let end = self.length + text.len();
        let target = self
            .bytes
            .get_mut(self.length..end)
            .ok_or(std::fmt::Error)?;
        target.copy_from_slice(text.as_bytes());
        self.length = end;
        Ok(())
    }
}

/// Rows inserted per statement: one statement per row spends more time
/// starting and stopping the statement than inserting.
const ROWS_PER_INSERT: usize = 64;

/// Rows gathered and sorted before they are written: inserting in the
/// table's key order fills its pages one after the other, whatever the order
/// of the file's columns.
const ROWS_PER_SORT: usize = 16_384;

/// The most rows gathered, when a day has more than [`ROWS_PER_SORT`]
/// (about 30 MB).
const MAX_ROWS_PER_SORT: usize = 262_144;

/// Writes observations in groups of [`ROWS_PER_INSERT`]: a group whose keys
/// are all new (the usual case) costs one statement; otherwise the group is
/// undone and each of its rows taken in turn: new, replacing an earlier
/// batch's value, or repeating a key of this file.
struct Writer<'t> {
    transaction: &'t rusqlite::Transaction<'t>,
    batch: i64,
    /// The daily totals, summed as rows are written (not in a dry run).
    streamed: Option<Streamed<'t>>,
    pending: Vec<Pending>,
    insert_group: rusqlite::Statement<'t>,
    insert_one: rusqlite::Statement<'t>,
    existing: rusqlite::Statement<'t>,
    keep: rusqlite::Statement<'t>,
    update: rusqlite::Statement<'t>,
}

impl<'t> Writer<'t> {
    fn new(
        transaction: &'t rusqlite::Transaction<'t>,
        batch: i64,
        streamed: Option<Streamed<'t>>,
    ) -> Result<Writer<'t>, StoreError> {
        Ok(Writer {
            transaction,
            batch,
            streamed,
            pending: Vec::with_capacity(ROWS_PER_SORT),
            insert_group: transaction.prepare(&insert_sql(ROWS_PER_INSERT))?,
            insert_one: transaction.prepare(&insert_sql(1))?,
            existing: transaction.prepare(
                "SELECT value, batch, line FROM observations
                 WHERE day = ?1 AND measure = ?2 AND channel = ?3 AND segment = ?4 AND action = ?5",
            )?,
            keep: transaction.prepare(
                "INSERT INTO replaced_observations
                     (batch, day, measure, channel, segment, action, value, old_batch, old_line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            update: transaction.prepare(
                "UPDATE observations SET value = ?6, batch = ?7, line = ?8
                 WHERE day = ?1 AND measure = ?2 AND channel = ?3 AND segment = ?4 AND action = ?5",
            )?,
        })
    }

    fn push(&mut self, row: Pending, report: &mut ImportReport) -> Result<(), StoreError> {
        // Whole days are written together when the file comes in day order:
        // a day split between two writes would be filled twice, the second
        // time into the middle of its pages.
        let full = self.pending.len() >= ROWS_PER_SORT;
        let new_day = self
            .pending
            .last()
            .is_some_and(|last| last.key[0] != row.key[0]);
        if (full && new_day) || self.pending.len() >= MAX_ROWS_PER_SORT {
            self.flush(report)?;
        }
        self.pending.push(row);
        Ok(())
    }

    /// Writes the rows gathered so far, in the table's key order.
    fn flush(&mut self, report: &mut ImportReport) -> Result<(), StoreError> {
        let mut rows = std::mem::take(&mut self.pending);
        // The table's key order; a key's first line first, so that a
        // repeated key is reported at its second line.
        rows.sort_unstable_by_key(|row| {
            let [day, measure, channel, segment, action] = row.key;
            (day, channel, segment, action, measure, row.line)
        });
        let mut duplicates = Vec::new();
        for group in rows.chunks(ROWS_PER_INSERT) {
            self.write_group(group, &mut duplicates, report)?;
        }
        if let Some(streamed) = &mut self.streamed {
            for row in &rows {
                streamed.push(row)?;
            }
        }
        // Reported in file order, as they would be found reading the file.
        duplicates.sort_unstable_by_key(|duplicate| duplicate.line);
        report.duplicate_count += duplicates.len() as u64;
        let room = MAX_REPORTED.saturating_sub(report.duplicates.len());
        report.duplicates.extend(duplicates.into_iter().take(room));
        rows.clear();
        self.pending = rows;
        Ok(())
    }

    fn write_group(
        &mut self,
        group: &[Pending],
        duplicates: &mut Vec<Duplicate>,
        report: &mut ImportReport,
    ) -> Result<(), StoreError> {
        let mut partial;
        let statement = if group.len() == ROWS_PER_INSERT {
            &mut self.insert_group
        } else {
            partial = self.transaction.prepare(&insert_sql(group.len()))?;
            &mut partial
        };
        for (index, row) in group.iter().enumerate() {
            let at = index * 8;
            for (offset, part) in row.key.iter().enumerate() {
                statement.raw_bind_parameter(at + offset + 1, part)?;
            }
            statement.raw_bind_parameter(at + 6, row.text.as_str())?;
            statement.raw_bind_parameter(at + 7, self.batch)?;
            statement.raw_bind_parameter(at + 8, line_number(row.line))?;
        }
        // Without ON CONFLICT, a key already there aborts the statement and
        // SQLite undoes the whole group, nothing else: then the rows are
        // taken one by one.
        match statement.raw_execute() {
            Ok(inserted) => {
                report.inserted += inserted as u64;
                return Ok(());
            }
            Err(rusqlite::Error::SqliteFailure(error, _))
                if error.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {}
            Err(error) => return Err(error.into()),
        }
        for row in group {
            let [day, measure, channel, segment, action] = row.key;
            let stored: Option<(String, i64, i64)> = self
                .existing
                .query_row(params![day, measure, channel, segment, action], |stored| {
                    Ok((stored.get(0)?, stored.get(1)?, stored.get(2)?))
                })
                .optional()?;
            let Some((old_text, old_batch, old_line)) = stored else {
                self.insert_one.execute(params![
                    day,
                    measure,
                    channel,
                    segment,
                    action,
                    row.text.as_str(),
                    self.batch,
                    line_number(row.line)
                ])?;
                report.inserted += 1;
                continue;
            };
            if old_batch == self.batch {
                duplicates.push(Duplicate {
                    line: row.line,
                    first_line: u64::try_from(old_line).unwrap_or(0),
                    day: row.day,
                });
            } else {
                self.keep.execute(params![
                    self.batch, day, measure, channel, segment, action, old_text, old_batch,
                    old_line
                ])?;
                self.update.execute(params![
                    day,
                    measure,
                    channel,
                    segment,
                    action,
                    row.text.as_str(),
                    self.batch,
                    line_number(row.line)
                ])?;
                if old_text.parse::<Decimal>().ok() == Some(row.value) {
                    report.unchanged += 1;
                } else {
                    report.replaced += 1;
                }
            }
        }
        Ok(())
    }
}

/// `INSERT … VALUES (?, …), …` for `rows` rows.
fn insert_sql(rows: usize) -> String {
    let row = "(?, ?, ?, ?, ?, ?, ?, ?)";
    format!(
        "INSERT INTO observations (day, measure, channel, segment, action, value, batch, line)
         VALUES {}",
        vec![row; rows].join(", ")
    )
}

/// A day as stored: the number yyyymmdd.
fn day_number(day: jiff::civil::Date) -> i64 {
    i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day())
}

fn day_of_number(number: i64) -> Option<jiff::civil::Date> {
    let year = i16::try_from(number / 10_000).ok()?;
    let month = i8::try_from(number / 100 % 100).ok()?;
    let day = i8::try_from(number % 100).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// The numbers of names, as stored in `names`, remembered for one import.
struct Names<'t> {
    known: rustc_hash::FxHashMap<String, i64>,
    insert: rusqlite::Statement<'t>,
    select: rusqlite::Statement<'t>,
}

impl<'t> Names<'t> {
    fn new(transaction: &'t rusqlite::Transaction<'_>) -> Result<Names<'t>, StoreError> {
        Ok(Names {
            known: rustc_hash::FxHashMap::default(),
            insert: transaction
                .prepare("INSERT INTO names (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")?,
            select: transaction.prepare("SELECT id FROM names WHERE name = ?1")?,
        })
    }

    fn id(&mut self, name: &str) -> Result<i64, StoreError> {
        if let Some(id) = self.known.get(name) {
            return Ok(*id);
        }
        self.insert.execute([name])?;
        let id = self.select.query_row([name], |row| row.get(0))?;
        self.known.insert(name.to_owned(), id);
        Ok(id)
    }

    fn optional_id(&mut self, name: Option<&str>) -> Result<i64, StoreError> {
        match name {
            Some(name) => self.id(name),
            None => Ok(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_is_the_normalised_decimal() {
        let values = [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(-1, 28),
            Decimal::new(1250, 2),
            Decimal::ZERO,
            Decimal::new(-5, 0),
        ];
        for value in values {
            assert_eq!(
                DecimalText::of(value).as_str(),
                value.normalize().to_string()
            );
        }
        assert_eq!(DecimalText::of(Decimal::new(1250, 2)).as_str(), "12.5");
    }
}
