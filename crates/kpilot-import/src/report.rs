//! What the import's summary says of a file besides its figures: the
//! format chosen and why, which column became what and which were left
//! out, what was assumed (the decimal mark, the order of dates), the
//! summary and total rows skipped, the orders left out and why, and the
//! channel or segment values that name nothing the plan knows.

use kpilot_text::Message;

use crate::day::DateDecision;
use crate::names::{Kind, Known};

/// What a column of a file becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Day,
    Channel,
    /// The row's currency, which must be the plans'.
    Currency,
    Segment,
    Action,
    /// Long files: the column naming each row's measure.
    MeasureName,
    /// Long files: the column holding each row's value.
    Value,
    /// A measure, summed per day (and channel…).
    Measure(String),
    /// The first and last day of a row's period (Meta without a day
    /// column): they must be the same day.
    PeriodStart,
    PeriodEnd,
    /// The order a row belongs to: each order counts once.
    OrderNumber,
    /// The order's total: its revenue, and the order counted.
    OrderTotal,
    /// Some values (cancelled, refunded, unpaid…) leave the order out.
    OrderStatus,
    /// Not empty: the order was cancelled and is left out.
    CancelledAt,
    /// `1`, `yes`, `oui`: the order is its customer's first.
    NewCustomer,
    /// Where the order was taken: the shop's till makes it `store`.
    Source,
}

impl Role {
    /// What the column becomes, in a sentence's words.
    pub fn message(&self) -> Message {
        let id = match self {
            Role::Day => "import-role-day",
            Role::Channel => "import-role-channel",
            Role::Currency => "import-role-currency",
            Role::Segment => "import-role-segment",
            Role::Action => "import-role-action",
            Role::MeasureName => "import-role-measure-name",
            Role::Value => "import-role-value",
            Role::Measure(measure) => {
                return Message::new("import-role-measure").with("measure", measure.as_str());
            }
            Role::PeriodStart => "import-role-period-start",
            Role::PeriodEnd => "import-role-period-end",
            Role::OrderNumber => "import-role-order-number",
            Role::OrderTotal => "import-role-order-total",
            Role::OrderStatus => "import-role-order-status",
            Role::CancelledAt => "import-role-cancelled-at",
            Role::NewCustomer => "import-role-new-customer",
            Role::Source => "import-role-source",
        };
        Message::new(id)
    }
}

/// A column read: `header → what it becomes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRead {
    /// From 1.
    pub column: usize,
    /// As the file writes it.
    pub header: String,
    pub role: Role,
}

/// Why a column was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// Its header says it is a ratio or an average: kpilot computes those
    /// from their components.
    Ratio,
    /// The tool's column is not one kpilot reads.
    NotRead,
    /// `--map 'Header=-'`.
    Skipped,
}

/// A column left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnLeft {
    pub column: usize,
    pub header: String,
    pub why: Left,
}

/// How `--format auto` chose the format.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    /// The sentence: which format and from what.
    pub why: Message,
}

/// Rows that were neither data nor errors: summary and total rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkippedRows {
    pub count: u64,
    /// The first few, for the summary.
    pub lines: Vec<u64>,
}

/// How many skipped rows are listed by line.
const LISTED_LINES: usize = 10;

impl SkippedRows {
    pub fn push(&mut self, line: u64) {
        self.count += 1;
        if self.lines.len() < LISTED_LINES {
            self.lines.push(line);
        }
    }
}

/// What became of a shop export's orders.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderTally {
    /// Orders that are sales.
    pub counted: u64,
    /// Orders left out, by why: the status as the export writes it
    /// (normalised), or `cancelled` for a cancellation date. In order of
    /// the status.
    pub left_out: Vec<(String, u64)>,
}

impl OrderTally {
    pub fn leave_out(&mut self, why: &str) {
        match self.left_out.iter_mut().find(|(known, _)| known == why) {
            Some((_, count)) => *count += 1,
            None => {
                self.left_out.push((why.to_owned(), 1));
                self.left_out.sort();
            }
        }
    }

    pub fn left_out_count(&self) -> u64 {
        self.left_out.iter().map(|(_, count)| count).sum()
    }
}

/// A channel or segment value that names nothing built in nor the plan's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub kind: Kind,
    /// As the file writes it.
    pub value: String,
    pub rows: u64,
    pub first_line: u64,
    /// The closest known one, if any is close.
    pub closest: Option<Known>,
}

/// The order of the day column's dates and how it was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatesRead {
    /// The day column's header.
    pub header: String,
    pub decision: DateDecision,
}
