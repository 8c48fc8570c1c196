//! The store's story, told once and run on every store: SQLite in memory,
//! SQLite in a file, and PostgreSQL.
//!
//! A story is a function taking `&dyn Store`; `on_every_store!` makes one
//! test per story and store, so that a failure names both
//! (`observations::postgres::duplicates_are_refused_with_their_lines`).
//! `equivalence` runs one long scripted story on SQLite and on PostgreSQL
//! side by side and compares everything they say. What only one backend has
//! (WAL mode, reconnecting, concurrent migration) is in `sqlite_only` and
//! `postgres_only`.
//!
//! The PostgreSQL tests need a server: `KPILOT_TEST_DATABASE_URL` names one
//! where databases may be created, and each test gets a database of its own,
//! dropped at the end, so tests run in parallel. `bash scripts/test` starts a
//! throwaway server and sets that variable; without it these tests fail, they
//! are never skipped.

/// One test per story and store: `sqlite_in_memory::story`,
/// `sqlite_file::story` and `postgres::story`.
macro_rules! on_every_store {
    ($($story:ident),* $(,)?) => {
        mod sqlite_in_memory {
            $(
                #[test]
                fn $story() {
                    super::$story(&*crate::harness::sqlite_in_memory());
                }
            )*
        }
        mod sqlite_file {
            $(
                #[test]
                fn $story() {
                    super::$story(&*crate::harness::sqlite_file());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $story() {
                    super::$story(&*crate::harness::postgres());
                }
            )*
        }
    };
}

mod data_version;
mod equivalence;
mod experiments;
mod harness;
mod observations;
mod orders;
mod plans;
mod postgres_only;
mod spend;
mod sqlite_only;
mod totals;
mod tracking;
