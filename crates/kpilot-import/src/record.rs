//! What every reader shares: a file's records as text fields with their
//! line numbers, the observations read from them, and the errors that name
//! the place (line, column, header) and the reason.

use jiff::civil::Date;
use kpilot_text::{Lang, Message};
use rust_decimal::Decimal;

/// How many bad rows are listed; beyond, they are only counted.
pub const MAX_LISTED_ERRORS: usize = 50;

/// A cell that labels a summary or total row: `Total`, `Totals`, `Totaux`,
/// `Grand total`, `Total général`, `Sous-total`, `Total: Account`,
/// `Total : compte`…
pub fn is_total_label(text: &str) -> bool {
    let normal = crate::header::normalize(text);
    matches!(
        normal.as_str(),
        "total"
            | "totals"
            | "totaux"
            | "grand total"
            | "total general"
            | "totaux generaux"
            | "sous total"
            | "subtotal"
            | "sub total"
            | "summary"
    ) || normal.starts_with("total ")
        || normal.starts_with("sous total ")
}

/// One record of a file: a CSV line (or several, when a quoted field holds
/// line breaks) or a spreadsheet row, as text fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The physical line (or spreadsheet row) where the record starts,
    /// from 1, blank lines counted.
    pub line: u64,
    pub fields: Vec<String>,
    /// For a workbook's row: which cells were numbers (written here with a
    /// decimal point, whatever the file's mark). Empty for text files.
    pub numeric: Vec<bool>,
}

impl Record {
    pub fn new(line: u64, fields: Vec<String>) -> Record {
        Record {
            line,
            fields,
            numeric: Vec::new(),
        }
    }

    /// Whether the cell at `column` was a number in a workbook.
    pub fn is_numeric_cell(&self, column: usize) -> bool {
        self.numeric.get(column).copied().unwrap_or(false)
    }
}

/// An observation read from a file, owning its text: what readers that
/// gather rows before yielding them (tool exports, hourly rows) produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedObservation {
    pub line: u64,
    pub day: Date,
    pub measure: String,
    pub value: Decimal,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub action: Option<String>,
}

/// Why one row cannot be imported, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    /// The column, from 1, when one field is at fault.
    pub column: Option<usize>,
    /// That column's header, as the file spells it.
    pub header: Option<String>,
    pub message: Message,
}

impl RowError {
    /// An error of the whole row.
    pub fn row(line: u64, message: Message) -> RowError {
        RowError {
            line,
            column: None,
            header: None,
            message,
        }
    }

    /// `line 12, column 3 (Coût): …` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let place = match (self.column, &self.header) {
            (Some(column), Some(header)) => Message::new("import-place-column-header")
                .with("line", self.line.to_string())
                .with("column", column.to_string())
                .with("header", header.as_str()),
            (Some(column), None) => Message::new("import-place-column")
                .with("line", self.line.to_string())
                .with("column", column.to_string()),
            _ => Message::new("import-place-line").with("line", self.line.to_string()),
        };
        Message::new("import-row-error")
            .with("place", place)
            .with("reason", self.message.clone())
            .render(lang)
    }
}

impl std::fmt::Display for RowError {
    /// In English: a program's log. People read [`RowError::render`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
