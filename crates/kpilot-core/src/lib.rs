//! kpilot's domain: the marketing plan (mission, goals, SMART objectives,
//! strategies, tactics, actions), the KPI catalogue and formulas, the plan
//! file, the SMART checker and the KPI engine.
//!
//! This crate is pure: no IO, no async, no SQL, no HTTP. Values in, values
//! out; the store, the web app and the command line call into it.

pub mod abtest;
pub mod budget;
pub mod calendar;
pub mod catalogue;
pub mod check;
pub mod display;
pub mod engine;
pub mod experiment;
pub mod finding;
pub mod forecast;
pub mod formula;
pub mod ids;
pub mod kpi;
pub mod observation;
pub mod order;
pub mod plan;
pub mod plan_file;
pub mod progress;
pub mod review;
pub mod schedule;
pub mod tracking;

pub use check::{Finding, Rule, Severity, check};
pub use observation::Observation;
pub use plan::Plan;
