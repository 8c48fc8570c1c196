//! kpilot's workspace storage: the [`Store`] trait that the command line and
//! the web app program against, and its SQLite implementation (embedded, one
//! file per workspace, the default).
//!
//! A plan is stored as revisions of its canonical plan file, so that every
//! `plan apply` is kept, `plan export` gives back exactly what was applied,
//! and re-applying an unchanged file records nothing. A table of the plan's
//! items (goals, objectives, actions…) lets later data (observations, spend,
//! notes) refer to them.

mod sqlite;

use jiff::Timestamp;
use kpilot_core::Plan;
use kpilot_core::ids::PlanId;

pub use sqlite::SqliteStore;

/// What went wrong in the store, named for what the caller does next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or queried: a file, permission or
    /// disk problem the user must fix.
    #[error("workspace database: {0}")]
    Database(#[from] rusqlite::Error),
    /// The workspace was written by a newer kpilot: upgrade kpilot.
    #[error(
        "the workspace has schema version {found}, newer than this kpilot knows ({known}): upgrade kpilot"
    )]
    NewerSchema { found: i64, known: i64 },
    /// Stored data no longer reads back: a bug or a hand edit; report it.
    #[error("plan `{plan}` revision {revision} in the workspace cannot be read: {message}")]
    Corrupt {
        plan: String,
        revision: i64,
        message: String,
    },
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

/// The workspace: plans now, results data as kpilot grows.
pub trait Store: Send + Sync {
    /// Stores a plan, or a new revision of it when it changed. The caller
    /// checks the plan first; the store only keeps it.
    fn apply_plan(&self, plan: &Plan, applied_by: &str) -> Result<Applied, StoreError>;

    /// The latest revision of a plan.
    fn plan(&self, id: &PlanId) -> Result<Option<StoredPlan>, StoreError>;

    /// Every plan in the workspace, by id.
    fn plans(&self) -> Result<Vec<PlanSummary>, StoreError>;
}
