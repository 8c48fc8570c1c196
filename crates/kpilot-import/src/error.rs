//! Why a file cannot be read at all: one [`FileError`], whose sentence
//! ([`FileError::message`]) names the place and says what to do.

use kpilot_text::{Lang, Message};

use crate::day::OrderConflict;
use crate::names::Kind;
use crate::report::Role;

/// The preset closest to a file that matches none, and what it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearPreset {
    pub name: &'static str,
    pub title: &'static str,
    /// What it lacks, a sentence.
    pub lacks: Message,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message().render(Lang::En))]
pub enum FileError {
    Empty,
    Workbook(String),
    NoSheet,
    /// Columns no alias, measure, `--map` entry or tool export knows.
    UnknownColumns {
        line: u64,
        /// (column from 1, header) of each unknown column.
        columns: Vec<(usize, String)>,
        /// Every name a column may have.
        known: Vec<String>,
        /// The tool export the file is closest to, if any is close.
        closest: Option<Box<NearPreset>>,
    },
    NoDayColumn {
        line: u64,
    },
    LongWithoutMeasure {
        line: u64,
    },
    NoMeasureColumn {
        line: u64,
    },
    SameColumnTwice {
        line: u64,
        first: usize,
        second: usize,
        header: String,
        role: Role,
    },
    FlagAndColumn {
        line: u64,
        kind: Kind,
        column: usize,
    },
    /// A `--map` entry names no column of the file: it would be ignored.
    MapUnused {
        entry: String,
    },
    /// A `--map` entry makes a ratio's column an additive measure.
    MapRatio {
        header: String,
        measure: String,
    },
    /// A `--map` entry a tool export cannot take.
    MapRefused {
        entry: String,
        format: &'static str,
    },
    /// A money column in another currency than the plans'.
    Currency {
        line: u64,
        column: usize,
        header: String,
        found: String,
        expected: Vec<String>,
    },
    /// The day column's values prove both orders.
    DateOrders {
        header: String,
        conflict: OrderConflict,
    },
    /// A tool export's header row was not found, or lacks a column.
    Preset {
        line: u64,
        message: Message,
    },
}

impl FileError {
    /// The sentence, in any language.
    pub fn message(&self) -> Message {
        let line = |line: &u64| line.to_string();
        match self {
            FileError::Empty => Message::new("import-file-empty"),
            FileError::Workbook(reason) => {
                Message::new("import-file-workbook").with("reason", reason.as_str())
            }
            FileError::NoSheet => Message::new("import-file-no-sheet"),
            FileError::UnknownColumns {
                line: at,
                columns,
                known,
                closest,
            } => {
                let listed = columns
                    .iter()
                    .map(|(column, header)| format!("{column} `{header}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = Message::new("import-file-unknown-columns")
                    .with("line", line(at))
                    .with("count", columns.len())
                    .with("columns", listed)
                    .with("known", known.join(", "));
                match closest {
                    Some(near) => Message::new("import-file-unknown-near-preset")
                        .with("unknown", message)
                        .with("preset", near.name)
                        .with("title", near.title)
                        .with("lacks", near.lacks.clone()),
                    None => message,
                }
            }
            FileError::NoDayColumn { line: at } => {
                Message::new("import-file-no-day").with("line", line(at))
            }
            FileError::LongWithoutMeasure { line: at } => {
                Message::new("import-file-long-without-measure").with("line", line(at))
            }
            FileError::NoMeasureColumn { line: at } => {
                Message::new("import-file-no-measure").with("line", line(at))
            }
            FileError::SameColumnTwice {
                line: at,
                first,
                second,
                header,
                role,
            } => Message::new("import-file-same-column-twice")
                .with("line", line(at))
                .with("first", first.to_string())
                .with("second", second.to_string())
                .with("header", header.as_str())
                .with("role", role.message()),
            FileError::FlagAndColumn {
                line: at,
                kind,
                column,
            } => Message::new("import-file-flag-and-column")
                .with("line", line(at))
                .with("kind", kind_name(*kind))
                .with("column", column.to_string()),
            FileError::MapUnused { entry } => {
                Message::new("import-map-unused").with("entry", entry.as_str())
            }
            FileError::MapRatio { header, measure } => Message::new("import-map-ratio")
                .with("header", header.as_str())
                .with("measure", measure.as_str()),
            FileError::MapRefused { entry, format } => Message::new("import-map-refused")
                .with("entry", entry.as_str())
                .with("format", *format),
            FileError::Currency {
                line: at,
                column,
                header,
                found,
                expected,
            } => Message::new("import-file-currency")
                .with("line", line(at))
                .with("column", column.to_string())
                .with("header", header.as_str())
                .with("found", found.as_str())
                .with("expected", expected.join(", ")),
            FileError::DateOrders { header, conflict } => Message::new("import-file-date-orders")
                .with("header", header.as_str())
                .with("day_line", conflict.day_first.0.to_string())
                .with("day_text", conflict.day_first.1.as_str())
                .with("month_line", conflict.month_first.0.to_string())
                .with("month_text", conflict.month_first.1.as_str()),
            FileError::Preset { message, .. } => message.clone(),
        }
    }

    /// The line the error is about, when it is about one.
    pub fn line(&self) -> Option<u64> {
        match self {
            FileError::UnknownColumns { line, .. }
            | FileError::NoDayColumn { line }
            | FileError::LongWithoutMeasure { line }
            | FileError::NoMeasureColumn { line }
            | FileError::SameColumnTwice { line, .. }
            | FileError::FlagAndColumn { line, .. }
            | FileError::Currency { line, .. }
            | FileError::Preset { line, .. } => Some(*line),
            FileError::DateOrders { conflict, .. } => Some(conflict.month_first.0),
            _ => None,
        }
    }
}

pub(crate) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Channel => "channel",
        Kind::Segment => "segment",
    }
}
