//! kpilot's workspace storage: the [`Store`] trait that the command line and
//! the web app program against, and its two implementations: [`SqliteStore`]
//! (embedded, one file per workspace, the default) and [`PostgresStore`] (one
//! database on a server, for a team). Each has its own migrations, applied
//! when the workspace is opened and recorded in `schema_migrations`; one test
//! suite runs on both.
//!
//! A plan is stored as revisions of its canonical plan file, so that every
//! `plan apply` is kept, `plan export` gives back exactly what was applied,
//! and re-applying an unchanged file records nothing. A table of the plan's
//! items (goals, objectives, actions…) lets later data (observations, spend,
//! notes, experiment results, tracking data) refer to them.
//!
//! A shop's orders are kept one by one ([`Store::import_orders`]), and the
//! day's figures they give are written as observations, recomputed from all
//! the orders stored whenever an import or an undo changes them (see
//! `orders`).
//!
//! What a team records week after week, an action's updates and an
//! objective's check-ins, is tracking data, kept beside the plan and never
//! written into its file ([`Store::record_action_update`],
//! [`Store::record_checkin`]; see `tracking`).

mod orders;
mod postgres;
mod sqlite;
mod totals;
mod tracking;

use jiff::Timestamp;
use jiff::civil::Date;
pub use kpilot_core::Observation;
use kpilot_core::Plan;
use kpilot_core::ids::{ObjectiveId, PlanId};
pub use kpilot_core::order::Order;
use kpilot_core::progress::{ActionUpdate, CheckIn};
use rust_decimal::Decimal;

pub use self::postgres::PostgresStore;
pub use sqlite::SqliteStore;
pub use totals::{Scope, StoredTotal, TotalsQuery, TotalsScope, kept_pairs};
pub use tracking::{OutOfRange, StoredActionUpdate, StoredCheckIn};

/// SHA-256 of `bytes`, in lowercase hex: how plan revisions and imported
/// files are recognised.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// What went wrong in the store, named for what the caller does next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or queried: a file, permission or
    /// disk problem the user must fix.
    #[error("workspace database: {0}")]
    Database(#[from] rusqlite::Error),
    /// The PostgreSQL server could not be reached or queried: a URL,
    /// network, permission or server problem the user or an administrator
    /// must fix.
    // Not a `#[source]`: the client's own message is only "db error", so the
    // server's words are spelled out here, and a report of the error chain
    // would repeat them.
    #[error("workspace database (PostgreSQL): {}", postgres_message(.0))]
    Postgres(::postgres::Error),
    /// The workspace was written by a newer kpilot: upgrade kpilot.
    #[error(
        "the workspace has schema version {found}, newer than this kpilot knows ({known}): upgrade kpilot"
    )]
    NewerSchema { found: i64, known: i64 },
    /// Stored results data no longer reads back: a bug or a hand edit.
    #[error("results data in the workspace cannot be read: {0}")]
    CorruptData(String),
    /// Stored data no longer reads back: a bug or a hand edit; report it.
    #[error("plan `{plan}` revision {revision} in the workspace cannot be read: {message}")]
    Corrupt {
        plan: String,
        revision: i64,
        message: String,
    },
    /// Experiment results given to record name one day and variant twice:
    /// the input contradicts itself, so nothing was recorded; fix it.
    /// `first` and `second` are the two rows' indices in the slice given
    /// (counting from 0).
    #[error(
        "experiment `{experiment}`: rows {first} and {second} (counting from 0) are both for {day}, variant `{variant}`; nothing was recorded"
    )]
    RepeatedExperimentRow {
        experiment: String,
        day: Date,
        variant: String,
        first: usize,
        second: usize,
    },
    /// A visitor or conversion count above 2⁶³ − 1, which no database
    /// column holds: the input is wrong, nothing was recorded. `index`
    /// counts from 0.
    #[error(
        "experiment `{experiment}`: row {index} (counting from 0) has a count too large to store ({count}); nothing was recorded"
    )]
    ExperimentCountTooLarge {
        experiment: String,
        index: usize,
        count: u64,
    },
    /// Orders to import give one order number twice: the export contradicts
    /// itself, so nothing was imported; fix it. The lines are those of the
    /// two orders.
    #[error(
        "shop `{shop}`: order `{number}` is on line {first_line} and again on line {second_line}; nothing was imported"
    )]
    RepeatedOrder {
        shop: String,
        number: String,
        first_line: u64,
        second_line: u64,
    },
    /// A day's orders add up to more than an exact decimal holds: the
    /// export is wrong, nothing was imported.
    #[error("{0}; nothing was imported")]
    OrdersTooLarge(#[from] kpilot_core::order::SumTooLarge),
    /// An action update or a check-in that would not read back as
    /// recorded (a progress above 100 %, a confidence score above 10,
    /// occurrence 0, a day before year 0): the input is wrong, nothing was
    /// recorded; fix it. `item` names the action (and its occurrence) or
    /// the objective.
    #[error("{item}: {what}; nothing was recorded")]
    TrackingOutOfRange { item: String, what: OutOfRange },
}

impl From<::postgres::Error> for StoreError {
    fn from(error: ::postgres::Error) -> StoreError {
        StoreError::Postgres(error)
    }
}

/// A PostgreSQL error in full: the server's message (with its detail and
/// hint), or the client's with its cause (`error connecting to server:
/// Connection refused`).
pub(crate) fn postgres_message(error: &::postgres::Error) -> String {
    if let Some(server) = error.as_db_error() {
        return server.to_string();
    }
    let mut message = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(error) = cause {
        message.push_str(": ");
        message.push_str(&error.to_string());
        cause = error.source();
    }
    message
}

/// What `apply_plan` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Created {
        revision: i64,
    },
    Updated {
        revision: i64,
    },
    /// The plan is the same as the stored one: nothing was written.
    Unchanged {
        revision: i64,
    },
}

/// A plan as stored, with its revision.
#[derive(Debug, Clone)]
pub struct StoredPlan {
    pub plan: Plan,
    pub revision: i64,
    pub applied_at: Timestamp,
    pub applied_by: String,
    /// SHA-256 of the canonical plan file, in hex.
    pub content_hash: String,
}

/// One line of the workspace's list of plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub id: String,
    pub name: String,
    pub start: String,
    pub end: String,
    pub revision: i64,
}

/// The workspace: plans and results data.
pub trait Store: Send + Sync {
    /// Stores a plan, or a new revision of it when it changed. The caller
    /// checks the plan first; the store only keeps it.
    fn apply_plan(&self, plan: &Plan, applied_by: &str) -> Result<Applied, StoreError>;

    /// The latest revision of a plan.
    fn plan(&self, id: &PlanId) -> Result<Option<StoredPlan>, StoreError>;

    /// Every plan in the workspace, by id.
    fn plans(&self) -> Result<Vec<PlanSummary>, StoreError>;

    /// Imports observations as one batch, all or nothing.
    ///
    /// A value whose day, measure, channel, segment and action are already
    /// stored replaces the stored one, which is kept so that undoing this
    /// batch restores it. Nothing is written when the source is not clean at
    /// the end, when the file repeats a key (see [`ImportReport::duplicates`])
    /// or in [`ImportMode::DryRun`]; `batch` is then `None`.
    fn import(
        &self,
        batch: &NewBatch,
        source: &mut dyn ObservationSource,
        mode: ImportMode,
    ) -> Result<ImportReport, StoreError>;

    /// Imports a shop's orders as one batch, all or nothing, keyed by
    /// `shop` (the preset's name, `shopify`) and order number.
    ///
    /// Each order is new, unchanged (the same day, channel, segment,
    /// status, counting, total and new customer: the batch takes it over)
    /// or replaces the stored one; what it takes over or replaces is kept,
    /// so that undoing the batch restores it. Then every group (day,
    /// channel, segment) the file touches — its orders' groups and those a
    /// replaced order moved out of — is recomputed from every order stored
    /// in it, whatever its batch or shop, with [`kpilot_core::order::observations`],
    /// and written as this batch's observations, replacing what was there
    /// as [`Store::import`] does (a generic file's `transactions` for the
    /// same day and channel included: the orders' figure wins, and the
    /// value it replaced comes back if this batch is undone). A measure
    /// that orders gave the group before and no longer give (the group's
    /// last order moved to another day; no order says whether it was a
    /// first order any more) becomes 0, unless a generic file wrote it
    /// last. The report's `rows`, `inserted`, `replaced` and `unchanged`
    /// count those observations, `orders` the orders.
    ///
    /// An order number given twice is refused before anything is written
    /// ([`StoreError::RepeatedOrder`]). In [`ImportMode::DryRun`]
    /// everything is computed and counted, then rolled back.
    fn import_orders(
        &self,
        batch: &NewBatch,
        shop: &str,
        orders: &[Order],
        mode: ImportMode,
    ) -> Result<ImportReport, StoreError>;

    /// The stored orders with their batch, of one shop or of all, ordered
    /// by shop then number (in byte order).
    fn orders(&self, shop: Option<&str>) -> Result<Vec<StoredOrder>, StoreError>;

    /// Every import batch still in the workspace, oldest first.
    fn batches(&self) -> Result<Vec<Batch>, StoreError>;

    /// The latest batch of the same file imported with the same options.
    fn batch_with_hash(
        &self,
        content_hash: &str,
        options: &str,
    ) -> Result<Option<Batch>, StoreError>;

    /// Removes a batch's values and restores those it replaced; `None` when
    /// there is no such batch.
    ///
    /// Its orders go too, and the orders it replaced come back. Then every
    /// group (day, channel, segment) the batch's orders or order figures
    /// touched is recomputed from the orders that remain, so that a group
    /// with orders shows exactly their figures whatever order batches are
    /// undone in. A group with no order left keeps what undoing the
    /// observations gave back, unless an order import wrote it (a figure of
    /// orders since undone), which becomes 0.
    fn undo_import(&self, batch: i64) -> Result<Option<Undone>, StoreError>;

    /// The stored observations that match, ordered by day, measure,
    /// channel, segment and action.
    fn observations(&self, query: &ObservationQuery) -> Result<Vec<StoredObservation>, StoreError>;

    /// The daily totals that match, kept up to date by every import and
    /// undo: what the engine reads, at a cost that grows with the days and
    /// series asked, not with the observations behind them. Ordered by
    /// series, channel, segment, action and day.
    fn daily_totals(&self, query: &TotalsQuery) -> Result<Vec<StoredTotal>, StoreError>;

    /// Records spend entered by hand against an action of a stored plan;
    /// gives the entry's number. The caller checks that the action exists.
    fn record_spend(&self, spend: &NewSpend) -> Result<i64, StoreError>;

    /// A plan's spend entries, by day then number.
    fn spend_entries(&self, plan: &PlanId) -> Result<Vec<SpendEntry>, StoreError>;

    /// Adds a lesson on an item of a stored plan; gives the note's number.
    /// The caller checks that the item exists.
    fn add_note(&self, note: &NewNote) -> Result<i64, StoreError>;

    /// A plan's notes, in the order written.
    fn notes(&self, plan: &PlanId) -> Result<Vec<Note>, StoreError>;

    /// Records an experiment's daily results, all or nothing in one
    /// transaction: a row whose plan, experiment, day and variant are
    /// already stored replaces the stored one when its figures differ, and
    /// leaves it as it was (source, time and author included) when they are
    /// the same. The caller checks that the plan, the experiment and its
    /// variants exist and that conversions do not exceed visitors. A day
    /// and variant given twice is refused
    /// ([`StoreError::RepeatedExperimentRow`]) and nothing is written.
    fn record_experiment(
        &self,
        plan: &PlanId,
        experiment: &str,
        rows: &[ExperimentRow],
        source: &str,
        recorded_by: &str,
    ) -> Result<ExperimentWrite, StoreError>;

    /// An experiment's stored results up to and including `to` (all when
    /// `None`), by day then variant (in byte order).
    fn experiment_rows(
        &self,
        plan: &PlanId,
        experiment: &str,
        to: Option<Date>,
    ) -> Result<Vec<StoredExperimentRow>, StoreError>;

    /// Records an update of an action of a stored plan (the caller checks
    /// the plan, the action and the occurrence exist); gives its number.
    ///
    /// Updates are only ever added: a mistake is undone by a later update
    /// (`Change::Reopened`), so the history stays whole. What would not
    /// read back as given is refused before anything is written
    /// ([`StoreError::TrackingOutOfRange`]).
    fn record_action_update(
        &self,
        plan: &PlanId,
        update: &ActionUpdate,
        recorded_by: &str,
    ) -> Result<i64, StoreError>;

    /// A plan's action updates, in the order recorded (by number): the
    /// order `kpilot_core::progress::execution` folds them in.
    fn action_updates(&self, plan: &PlanId) -> Result<Vec<StoredActionUpdate>, StoreError>;

    /// Records a check-in on an objective of a stored plan (the caller
    /// checks the plan and the objective exist); gives its number.
    ///
    /// The value is kept exactly as given, its scale included (12.50 stays
    /// 12.50; only zero loses its sign). What would not read back as given
    /// is refused before anything is written
    /// ([`StoreError::TrackingOutOfRange`]).
    fn record_checkin(
        &self,
        plan: &PlanId,
        checkin: &CheckIn,
        recorded_by: &str,
    ) -> Result<i64, StoreError>;

    /// A plan's check-ins (of one objective when given), by day then number.
    fn checkins(
        &self,
        plan: &PlanId,
        objective: Option<&ObjectiveId>,
    ) -> Result<Vec<StoredCheckIn>, StoreError>;

    /// The first and the last day with any observation (of any measure,
    /// channel or segment), `None` when nothing is stored: where a review
    /// whose end is not asked stops ("dernières données le …").
    fn data_days(&self) -> Result<Option<(Date, Date)>, StoreError>;

    /// A number that changes whenever plans, observations, spend, notes,
    /// experiment results or tracking data change, by this process or
    /// another, as part of the write's own transaction. Read it before the
    /// data it stands for: what is then read is at least as new as the
    /// number says, so a result cached under it is never older than its
    /// key.
    fn data_version(&self) -> Result<i64, StoreError>;
}

/// One day's results of one variant of an experiment: kpilot-core's type,
/// which the import reads and the engine judges.
pub use kpilot_core::experiment::ExperimentRow;

/// What recording experiment results did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExperimentWrite {
    /// Rows for a day and variant not stored before.
    pub inserted: u64,
    /// Rows that replaced different stored figures.
    pub replaced: u64,
    /// Rows whose figures were already stored: left as they were.
    pub unchanged: u64,
}

/// An experiment's row as stored, with who recorded it, when and from what.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredExperimentRow {
    pub row: ExperimentRow,
    /// The file the row was read from, or `record` when typed in.
    pub source: String,
    /// RFC 3339.
    pub recorded_at: String,
    pub recorded_by: String,
}

/// Checks what the store itself refuses in results to record, before any
/// write, so that both stores refuse alike: a day and variant given twice
/// (the first repeat in the order given), a count no column holds.
pub(crate) fn check_experiment_rows(
    experiment: &str,
    rows: &[ExperimentRow],
) -> Result<(), StoreError> {
    let mut seen: rustc_hash::FxHashMap<(Date, &str), usize> = rustc_hash::FxHashMap::default();
    for (index, row) in rows.iter().enumerate() {
        for count in [row.visitors, row.conversions] {
            if i64::try_from(count).is_err() {
                return Err(StoreError::ExperimentCountTooLarge {
                    experiment: experiment.to_owned(),
                    index,
                    count,
                });
            }
        }
        if let Some(&first) = seen.get(&(row.day, row.variant.as_str())) {
            return Err(StoreError::RepeatedExperimentRow {
                experiment: experiment.to_owned(),
                day: row.day,
                variant: row.variant.clone(),
                first,
                second: index,
            });
        }
        seen.insert((row.day, row.variant.as_str()), index);
    }
    Ok(())
}

/// A count already checked by [`check_experiment_rows`], as a column holds it.
pub(crate) fn experiment_count(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// A lesson to note on an item of a plan (`kpilot note`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewNote {
    pub plan: PlanId,
    /// An objective, goal or action id, or a channel.
    pub item: String,
    pub text: String,
    pub written_by: String,
}

/// A stored note.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: i64,
    pub item: String,
    pub text: String,
    pub written_at: Timestamp,
    pub written_by: String,
}

/// Spend entered by hand (`kpilot spend`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewSpend {
    pub plan: PlanId,
    pub action: String,
    pub day: Date,
    /// Exact, as typed.
    pub amount: Decimal,
    pub note: String,
    pub entered_by: String,
}

/// A stored spend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendEntry {
    pub id: i64,
    pub action: String,
    pub day: Date,
    pub amount: Decimal,
    pub note: String,
    /// RFC 3339.
    pub entered_at: String,
    pub entered_by: String,
}

/// An observation as stored, with the import batch it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObservation {
    pub day: Date,
    pub measure: String,
    pub value: Decimal,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub action: Option<String>,
    pub batch: i64,
    pub line: u64,
}

impl StoredObservation {
    /// The observation, borrowing its names, as the engine takes it.
    pub fn as_observation(&self) -> Observation<'_> {
        Observation {
            line: self.line,
            day: self.day,
            measure: &self.measure,
            value: self.value,
            channel: self.channel.as_deref(),
            segment: self.segment.as_deref(),
            action: self.action.as_deref(),
        }
    }
}

/// Where an import's observations come from: a reader that yields good rows
/// and keeps its own list of bad ones.
///
/// The store pulls every observation, even once the source has found a bad
/// row, so that the source can list every bad line and the store every
/// duplicate key; it keeps nothing unless the source is still clean at the
/// end (all or nothing). Whether duplicates are reported never depends on
/// where the bad rows are.
pub trait ObservationSource {
    /// The next good observation, `None` at the end of the file.
    fn next_observation(&mut self) -> Option<Observation<'_>>;
    /// Whether every row read so far was good.
    fn is_clean(&self) -> bool;
}

/// What is recorded about an import, before it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBatch {
    /// The file's name as the user gave it.
    pub file_name: String,
    /// SHA-256 of the file's bytes, in hex.
    pub content_hash: String,
    /// The format the file was read as (`long`, `wide`, a preset's name).
    pub format: String,
    /// The options that change what the file means (mapping, channel,
    /// segment), canonical, so that re-importing the same file the same way
    /// can be told apart from importing it differently.
    pub options: String,
    pub imported_by: String,
}

/// Whether an import writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    Commit,
    /// Everything is checked and counted, then rolled back.
    DryRun,
}

/// Two rows of one file for the same day, measure, channel, segment and
/// action: the file contradicts itself, so nothing is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    pub line: u64,
    pub first_line: u64,
    pub day: Date,
}

/// What an order import did to the orders, or would do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrderCounts {
    /// Orders not stored before.
    pub inserted: u64,
    /// Orders that replaced a stored one that said something else.
    pub replaced: u64,
    /// Orders that said what the stored one said: the batch took them over.
    pub unchanged: u64,
}

/// An order as stored, with its shop and the import batch it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrder {
    /// The preset's name (`shopify`).
    pub shop: String,
    pub order: Order,
    pub batch: i64,
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The batch id, when the import was committed.
    pub batch: Option<i64>,
    /// Observations read.
    pub rows: u64,
    /// Values that were new.
    pub inserted: u64,
    /// Values that replaced a different earlier value.
    pub replaced: u64,
    /// Values equal to the earlier one (the new batch now owns them).
    pub unchanged: u64,
    /// The file's duplicate keys, up to [`MAX_REPORTED`].
    pub duplicates: Vec<Duplicate>,
    /// How many duplicates in all.
    pub duplicate_count: u64,
    /// What an order import did to the orders (zeros for other imports).
    pub orders: OrderCounts,
}

/// How many problems of one kind a report lists before it only counts.
pub const MAX_REPORTED: usize = 50;

/// An import as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub id: i64,
    pub file_name: String,
    pub content_hash: String,
    pub format: String,
    pub options: String,
    pub rows: u64,
    pub inserted: u64,
    pub replaced: u64,
    pub unchanged: u64,
    pub imported_at: Timestamp,
    pub imported_by: String,
}

/// What undoing an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undone {
    /// Values of the batch that were removed.
    pub removed: u64,
    /// Earlier values that came back in their place.
    pub restored: u64,
}

/// Which observations to read; every field narrows, `None` does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObservationQuery {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub measures: Option<Vec<String>>,
    pub batch: Option<i64>,
}
