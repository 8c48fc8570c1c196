//! What every reader shares: a file's records as text fields with their
//! line numbers, the observations read from them, and the errors that name
//! the place (line, column, header) and the reason.

use jiff::civil::Date;
use rust_decimal::Decimal;

/// One record of a file: a CSV line (or several, when a quoted field holds
/// line breaks) or a spreadsheet row, as text fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line (or spreadsheet row) where the record starts, from 1.
    pub line: u64,
    pub fields: Vec<String>,
}

/// An observation read from a file, owning its text: what readers that
/// gather rows before yielding them (order-level presets) produce.
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
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        if let Some(header) = &self.header {
            write!(f, " ({header})")?;
        }
        write!(f, ": {}", self.message)
    }
}
