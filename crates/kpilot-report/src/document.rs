//! A document before it has a format: sections of paragraphs, tables,
//! lists and charts. The review and the roadmap are built as a
//! [`Document`] once; each writer (HTML, PDF, XLSX, CSV, Markdown) lays the
//! same document out, so every format shows the same figures.

use jiff::civil::Date;
use kpilot_core::display;
use kpilot_core::kpi::{Lang, Unit};
use kpilot_core::tracking::Status;

#[derive(Debug, Clone)]
pub struct Document {
    pub lang: Lang,
    /// The ISO code of the plan's currency.
    pub currency: String,
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// A short name: the XLSX sheet's and the CSV file's (a contract).
    pub key: &'static str,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub charts: Vec<Chart>,
    /// Its table: an XLSX sheet and a CSV file of its own.
    pub table: Option<Table>,
    /// A bulleted list (checks, notes).
    pub items: Vec<String>,
    /// Whether the section is part of the printed document (HTML, PDF,
    /// Markdown) or only of the spreadsheet and CSV (the data by day).
    pub printed: bool,
}

impl Section {
    pub fn new(key: &'static str, title: impl Into<String>) -> Section {
        Section {
            key,
            title: title.into(),
            paragraphs: Vec::new(),
            charts: Vec::new(),
            table: None,
            items: Vec::new(),
            printed: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// What a column holds, for number formats and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    Count,
    Money,
    Percent,
    Ratio,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub kind: Kind,
    /// A spreadsheet formula for a derived column, with `{N}` standing for
    /// the cell of column N (0-based) in the same row and `{N:all}` for
    /// the whole column's data cells, e.g. `IF({3}=0,"",{2}/{3})`. Its
    /// computed value is the row's cell, which every other format shows.
    pub formula: Option<String>,
}

impl Column {
    pub fn new(title: impl Into<String>, kind: Kind) -> Column {
        Column {
            title: title.into(),
            kind,
            formula: None,
        }
    }

    pub fn derived(title: impl Into<String>, kind: Kind, formula: impl Into<String>) -> Column {
        Column {
            title: title.into(),
            kind,
            formula: Some(formula.into()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (no data, a zero denominator): never 0.
    Empty,
    Text(String),
    Date(Date),
    /// A number in a unit of its own (an objective's KPI value).
    Number(f64, Kind),
    /// An objective's status: its words in the document's language, its
    /// code (`off_track`) for other programs and for colours.
    Status(Status),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    pub fn number(value: Option<f64>, kind: Kind) -> Cell {
        match value.filter(|v| v.is_finite()) {
            Some(value) => Cell::Number(value, kind),
            None => Cell::Empty,
        }
    }

    pub fn unit(value: Option<f64>, unit: Unit) -> Cell {
        Cell::number(value, kind_of(unit))
    }

    /// The cell as people read it.
    pub fn display(&self, currency: &str, lang: Lang) -> String {
        match self {
            Cell::Empty => "—".to_owned(),
            Cell::Text(text) => text.clone(),
            Cell::Date(date) => date_text(*date, lang),
            Cell::Number(value, kind) => number_text(*value, *kind, currency, lang),
            Cell::Status(status) => status.label(lang).to_owned(),
        }
    }

    /// The cell as other programs read it: numbers with a point, percents
    /// as fractions, ISO dates, nothing for no value.
    pub fn raw(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Date(date) => date.to_string(),
            Cell::Number(value, _) => value.to_string(),
            Cell::Status(status) => status.as_str().to_owned(),
        }
    }
}

pub fn kind_of(unit: Unit) -> Kind {
    match unit {
        Unit::Count => Kind::Count,
        Unit::Currency => Kind::Money,
        Unit::Percent => Kind::Percent,
        Unit::Ratio | Unit::Score | Unit::Duration => Kind::Ratio,
    }
}

pub fn number_text(value: f64, kind: Kind, currency: &str, lang: Lang) -> String {
    let unit = match kind {
        Kind::Count => Unit::Count,
        Kind::Money => Unit::Currency,
        Kind::Percent => Unit::Percent,
        Kind::Ratio | Kind::Text | Kind::Date => Unit::Ratio,
    };
    display::value(Some(value), unit, currency, lang)
}

/// A date as people read it: `31/01/2026` in French, `2026-01-31` in
/// English.
pub fn date_text(date: Date, lang: Lang) -> String {
    display::date(date, lang)
}

/// A chart, drawn as SVG by [`crate::chart`].
#[derive(Debug, Clone)]
pub enum Chart {
    /// Values over days: an objective's KPI against its target and pace.
    Lines {
        title: String,
        kind: Kind,
        lines: Vec<Line>,
        /// The forecast's 80 % interval at the deadline, fanning out from
        /// the last value.
        band: Option<Band>,
        /// Days marked on the time axis (an objective's check-ins): the
        /// day and a short label (its confidence).
        marks: Vec<(Date, String)>,
    },
    /// Side-by-side bars per category: spend and results by lever.
    Bars {
        title: String,
        kind: Kind,
        categories: Vec<String>,
        series: Vec<(String, Vec<f64>)>,
    },
    /// Intervals around estimates, one row each, against vertical marks:
    /// an A/B test's lifts with their intervals, against no change and the
    /// effect sought.
    Intervals {
        title: String,
        kind: Kind,
        rows: Vec<IntervalRow>,
        /// The names of the narrow and the wide intervals, for the legend.
        names: (String, String),
        /// Vertical reference lines: (name, value).
        marks: Vec<(String, f64)>,
    },
}

/// One estimate with its intervals: the narrow one drawn thick, the wide
/// one (if any) thin around it.
#[derive(Debug, Clone)]
pub struct IntervalRow {
    pub label: String,
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub wide: Option<(f64, f64)>,
}

/// A forecast drawn as a fan: from `from` (the day and value it starts
/// at) to the interval `low..=high` on `to`, with its central `value`.
#[derive(Debug, Clone)]
pub struct Band {
    pub name: String,
    pub from: (Date, f64),
    pub to: Date,
    pub low: f64,
    pub high: f64,
    pub value: f64,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub name: String,
    pub points: Vec<(Date, f64)>,
    pub style: Stroke,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    /// The data: a solid line with its points marked.
    Data,
    /// A reference (target, expected pace): thin.
    Reference,
}
