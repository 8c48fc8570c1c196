//! What a kpilot workspace answers, read from a [`Store`](kpilot_store::Store):
//! a plan's status ([`status`]), a KPI's values ([`kpi`]), the budget report
//! ([`budget`]), the review's data ([`review`]), experiments judged
//! ([`experiment`]), what an import needs ([`import`]), the week's tracking
//! ([`tracking`]) and what the team must look at this week ([`week`]),
//! each with the JSON that
//! `kpilot` prints. The command line and the web application show the same
//! figures because both ask this crate; each lays them out its own way.
//!
//! Everything here reads the store's daily totals through [`data`] and hands
//! them to the engine, tracking and budget of kpilot-core: no clap, no
//! async, no HTTP.

pub mod budget;
pub mod data;
pub mod experiment;
pub mod import;
pub mod kpi;
pub mod note;
pub mod review;
pub mod status;
pub mod tracking;
pub mod week;

use kpilot_store::StoreError;

/// Why a workspace could not answer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store could not be read: the caller shows the message, which
    /// says what the user must fix.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An experiment that cannot be judged, saying why.
    #[error(transparent)]
    Experiment(#[from] kpilot_core::experiment::JudgeError),
    /// The thread that reads an import could not start: the machine is
    /// out of resources.
    #[error("cannot start reading the file: {0}")]
    Thread(std::io::Error),
}
