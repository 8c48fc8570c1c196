//! Reading an A/B test's results: one row per day and variant,
//! `date, variant, visitors, conversions[, revenue[, revenue_squares]]`,
//! where `revenue_squares` is the sum over the day's visitors of each one's
//! revenue squared (Σ r²), so that the variance of revenue per visitor can
//! be computed from sums alone.
//!
//! The file is opened, decoded and split by the same machinery as every
//! other import ([`crate::reader`]): CSV with `,` `;` or tab, `.xlsx` and
//! `.ods`, UTF-8, UTF-16 or Windows-1252, decimal comma and grouped
//! thousands, French and ISO days. Headers are matched without case,
//! accents or punctuation against French and English spellings
//! ([`ExperimentColumn::spellings`]).
//!
//! As in [`crate::reader::Reader`], a column the reader does not know is an
//! error naming it (nothing is silently dropped) and a column with an empty
//! header is skipped. Every bad row is kept as a [`RowError`] with its line,
//! column and header, and the file is read to its end: the caller gets the
//! good rows and the bad ones, and commits only a file without any.

use kpilot_core::experiment::ExperimentRow;
use std::collections::HashMap;

use jiff::civil::Date;
use kpilot_text::Message;
use rust_decimal::Decimal;

use crate::day::parse_day;
use crate::header::normalize;
use crate::number::{DecimalMark, parse_number};
use crate::reader::{Errors, Fields, FileError, open_rows, values_mark};
use crate::record::RowError;
use crate::text::SourceEncoding;

/// One row of an experiment results file: the day's results of one
/// variant (the variant trimmed; revenue may be negative, refunds; revenue
/// squares never are; `None` when the file has no such column or the cell
/// is empty) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExperimentRecord {
    /// The line (or spreadsheet row) of the row, from 1.
    pub line: u64,
    pub row: ExperimentRow,
}

/// What was read from an experiment results file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExperimentRead {
    /// The good rows, in file order.
    pub records: Vec<ExperimentRecord>,
    /// The bad fields and rows, the first [`crate::reader::MAX_LISTED_ERRORS`]
    /// of them; a row may have several.
    pub errors: Vec<RowError>,
    /// How many errors there are in all, listed or not.
    pub error_count: u64,
    pub info: ExperimentInfo,
}

/// What was found out about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExperimentInfo {
    /// `csv`, `xlsx`, `ods` or `xls`.
    pub container: &'static str,
    /// The text encoding, for a delimited file.
    pub encoding: Option<SourceEncoding>,
    pub delimiter: Option<u8>,
    pub decimal_mark: DecimalMark,
    /// The columns, as (header as written, what it holds).
    pub columns: Vec<(String, ExperimentColumn)>,
}

/// What a column of an experiment results file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExperimentColumn {
    Day,
    Variant,
    Visitors,
    Conversions,
    Revenue,
    RevenueSquares,
    /// A column with an empty header: not read.
    Skip,
}

impl ExperimentColumn {
    /// The columns a file may have, in the documented order.
    pub const ALL: [ExperimentColumn; 6] = [
        ExperimentColumn::Day,
        ExperimentColumn::Variant,
        ExperimentColumn::Visitors,
        ExperimentColumn::Conversions,
        ExperimentColumn::Revenue,
        ExperimentColumn::RevenueSquares,
    ];

    /// The documented name, used in messages.
    pub fn name(self) -> &'static str {
        match self {
            ExperimentColumn::Day => "date",
            ExperimentColumn::Variant => "variant",
            ExperimentColumn::Visitors => "visitors",
            ExperimentColumn::Conversions => "conversions",
            ExperimentColumn::Revenue => "revenue",
            ExperimentColumn::RevenueSquares => "revenue_squares",
            ExperimentColumn::Skip => "-",
        }
    }

    /// The headers that name the column, as [`normalize`] writes them
    /// (lower case, no accents, punctuation as spaces): `Chiffre
    /// d'affaires` is `chiffre d affaires`, `Revenue^2` is `revenue 2`.
    pub fn spellings(self) -> &'static [&'static str] {
        match self {
            ExperimentColumn::Day => &["date", "jour", "day", "journee"],
            ExperimentColumn::Variant => &[
                "variant",
                "variante",
                "variation",
                "version",
                "group",
                "groupe",
                "arm",
                "bras",
            ],
            // The unit the test counts: visitors, users or sessions. The
            // revenue's variance is then per that unit.
            ExperimentColumn::Visitors => &[
                "visitors",
                "visiteurs",
                "unique visitors",
                "visiteurs uniques",
                "users",
                "utilisateurs",
                "sessions",
                "visits",
                "visites",
            ],
            ExperimentColumn::Conversions => &[
                "conversions",
                "conversion",
                "converted",
                "convertis",
                "transactions",
                "orders",
                "commandes",
                "purchases",
                "achats",
            ],
            ExperimentColumn::Revenue => &[
                "revenue",
                "revenu",
                "revenus",
                "chiffre d affaires",
                "ca",
                "sales",
                "total revenue",
                "purchase revenue",
                "montant des ventes",
            ],
            ExperimentColumn::RevenueSquares => &[
                "revenue squares",
                "revenue squared",
                "revenue²",
                "revenue 2",
                "revenue sum of squares",
                "sum of squares",
                "somme des carres",
                "revenu²",
                "revenus²",
                "revenu au carre",
                "revenus au carre",
                "chiffre d affaires²",
                "chiffre d affaires au carre",
                "ca²",
                "ca 2",
                "ca au carre",
                "carres du ca",
            ],
            ExperimentColumn::Skip => &[],
        }
    }

    /// The column a header names, if any.
    pub fn of_header(header: &str) -> Option<ExperimentColumn> {
        let normal = normalize(header);
        ExperimentColumn::ALL
            .into_iter()
            .find(|column| column.spellings().contains(&normal.as_str()))
    }

    fn required(self) -> bool {
        matches!(
            self,
            ExperimentColumn::Day
                | ExperimentColumn::Variant
                | ExperimentColumn::Visitors
                | ExperimentColumn::Conversions
        )
    }
}

/// Why an experiment results file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExperimentFileError {
    /// The file cannot be opened: empty, or a broken workbook.
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{}", missing_columns(*.line, .missing, .found))]
    MissingColumns {
        line: u64,
        missing: Vec<ExperimentColumn>,
        /// Every header of the file, as written.
        found: Vec<String>,
    },
    #[error("{}", unknown_columns(*.line, .columns))]
    UnknownColumns {
        line: u64,
        /// (column from 1, header) of each unknown column.
        columns: Vec<(usize, String)>,
    },
    #[error(
        "line {line}: columns {first} and {second} (`{header}`) both hold {}: keep one",
        .column.name()
    )]
    SameColumnTwice {
        line: u64,
        first: usize,
        second: usize,
        header: String,
        column: ExperimentColumn,
    },
}

const EXPECTED: &str = "an experiment file has the columns date, variant, visitors, conversions, \
                        then optionally revenue and revenue_squares";

fn missing_columns(line: u64, missing: &[ExperimentColumn], found: &[String]) -> String {
    let missing = missing
        .iter()
        .map(|column| {
            format!(
                "{} (a header such as {})",
                column.name(),
                column.spellings().join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let found = found
        .iter()
        .map(|header| format!("`{header}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("line {line}: missing {missing}. The header has {found}; {EXPECTED}")
}

fn unknown_columns(line: u64, columns: &[(usize, String)]) -> String {
    let listed = columns
        .iter()
        .map(|(column, header)| format!("column {column} `{header}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "line {line}: unknown column{} {listed}: {EXPECTED}; remove the others",
        if columns.len() > 1 { "s" } else { "" },
    )
}

/// Reads an experiment results file whole. `file_name` tells a workbook
/// (`.xlsx`, `.xlsm`, `.ods`, `.xls`) from delimited text.
///
/// A file whose header cannot be read (empty, missing or unknown columns,
/// a column twice) is an [`ExperimentFileError`]; otherwise every row is
/// read, bad ones becoming [`RowError`]s (each bad field of a row is one).
/// A row is bad when its day is not a day, its variant is empty, visitors
/// or conversions are not whole numbers ≥ 0, conversions exceed visitors,
/// revenue or revenue_squares are not numbers, revenue_squares is negative,
/// or the same day and variant came on an earlier line. Blank lines are
/// skipped. Revenue may be negative (refunds).
pub fn read_experiment(
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<ExperimentRead, ExperimentFileError> {
    let (mut rows, info) = open_rows(file_name, bytes)?;
    let mut errors = Errors::default();
    let header_line = rows.header(&mut errors)?;
    let layout = Layout::of(header_line, rows.fields())?;
    let mark = values_mark(&rows, &info, header_line);
    let mut records = Vec::new();
    // (day, variant) → the line that gave it first.
    let mut seen: HashMap<(Date, String), u64> = HashMap::new();
    while let Some(step) = rows.advance() {
        let line = match step {
            Ok(line) => line,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let fields = rows.fields();
        if fields.is_blank() {
            continue;
        }
        if let Err(error) = fields.check_width(line, layout.headers.len()) {
            errors.push(error);
            continue;
        }
        let row = Row {
            layout: &layout,
            fields,
            line,
            mark,
        };
        if let Some(record) = row.read(&mut errors, &mut seen) {
            records.push(record);
        }
    }
    Ok(ExperimentRead {
        records,
        errors: errors.listed,
        error_count: errors.count,
        info: ExperimentInfo {
            container: info.container,
            encoding: info.encoding,
            delimiter: info.delimiter,
            decimal_mark: mark,
            columns: layout
                .headers
                .iter()
                .cloned()
                .zip(layout.columns.iter().copied())
                .collect(),
        },
    })
}

/// Which column holds what.
struct Layout {
    headers: Vec<String>,
    columns: Vec<ExperimentColumn>,
    day: usize,
    variant: usize,
    visitors: usize,
    conversions: usize,
    revenue: Option<usize>,
    revenue_squares: Option<usize>,
}

impl Layout {
    fn of(line: u64, header: Fields<'_>) -> Result<Layout, ExperimentFileError> {
        let headers: Vec<String> = (0..header.len())
            .map(|index| header.get(index).to_owned())
            .collect();
        let mut columns = Vec::new();
        let mut unknown = Vec::new();
        for (index, text) in headers.iter().enumerate() {
            let column = match ExperimentColumn::of_header(text) {
                Some(column) => column,
                None if text.is_empty() => ExperimentColumn::Skip,
                None => {
                    unknown.push((index + 1, text.clone()));
                    ExperimentColumn::Skip
                }
            };
            columns.push(column);
        }
        if !unknown.is_empty() {
            return Err(ExperimentFileError::UnknownColumns {
                line,
                columns: unknown,
            });
        }
        for (second, column) in columns.iter().enumerate() {
            if *column == ExperimentColumn::Skip {
                continue;
            }
            if let Some(first) = columns[..second].iter().position(|c| c == column) {
                return Err(ExperimentFileError::SameColumnTwice {
                    line,
                    first: first + 1,
                    second: second + 1,
                    header: headers[second].clone(),
                    column: *column,
                });
            }
        }
        let find = |wanted| columns.iter().position(|column| *column == wanted);
        let revenue = find(ExperimentColumn::Revenue);
        let revenue_squares = find(ExperimentColumn::RevenueSquares);
        // Σ r² without Σ r gives no variance: the revenue is required then.
        let missing: Vec<ExperimentColumn> = ExperimentColumn::ALL
            .into_iter()
            .filter(|column| {
                let required = column.required()
                    || (*column == ExperimentColumn::Revenue && revenue_squares.is_some());
                required && find(*column).is_none()
            })
            .collect();
        let (Some(day), Some(variant), Some(visitors), Some(conversions), true) = (
            find(ExperimentColumn::Day),
            find(ExperimentColumn::Variant),
            find(ExperimentColumn::Visitors),
            find(ExperimentColumn::Conversions),
            missing.is_empty(),
        ) else {
            return Err(ExperimentFileError::MissingColumns {
                line,
                missing,
                found: headers,
            });
        };
        Ok(Layout {
            headers,
            columns,
            day,
            variant,
            visitors,
            conversions,
            revenue,
            revenue_squares,
        })
    }
}

/// One row being read.
struct Row<'a> {
    layout: &'a Layout,
    fields: Fields<'a>,
    line: u64,
    mark: DecimalMark,
}

impl Row<'_> {
    /// The row's record, or `None` with each bad field in `errors`.
    fn read(
        &self,
        errors: &mut Errors,
        seen: &mut HashMap<(Date, String), u64>,
    ) -> Option<ExperimentRecord> {
        let layout = self.layout;
        let before = errors.count;
        let mut report = |column: usize, message: Message| {
            errors.push(RowError {
                line: self.line,
                column: Some(column + 1),
                header: Some(layout.headers[column].clone()),
                message,
            });
        };
        let day = parse_day(self.fields.get(layout.day))
            .map_err(|error| report(layout.day, error.message()))
            .ok();
        let variant = self.fields.get(layout.variant);
        if variant.is_empty() {
            report(
                layout.variant,
                Message::new("import-experiment-variant-empty"),
            );
        }
        let visitors = self
            .count(layout.visitors, ExperimentColumn::Visitors)
            .map_err(|message| report(layout.visitors, message))
            .ok();
        let conversions = self
            .count(layout.conversions, ExperimentColumn::Conversions)
            .map_err(|message| report(layout.conversions, message))
            .ok();
        if let (Some(visitors), Some(conversions)) = (visitors, conversions)
            && conversions > visitors
        {
            report(
                layout.conversions,
                Message::new("import-experiment-conversions-exceed")
                    .with("conversions", conversions.to_string())
                    .with("visitors", visitors.to_string()),
            );
        }
        let revenue = layout.revenue.and_then(|column| {
            self.amount(column)
                .map_err(|message| report(column, message))
                .ok()
                .flatten()
        });
        let revenue_squares = layout
            .revenue_squares
            .and_then(|column| match self.amount(column) {
                Ok(Some(value)) if value.is_sign_negative() && !value.is_zero() => {
                    report(
                        column,
                        Message::new("import-experiment-squares-negative")
                            .with("value", value.to_string()),
                    );
                    None
                }
                Ok(value) => value,
                Err(message) => {
                    report(column, message);
                    None
                }
            });
        if let Some(day) = day
            && !variant.is_empty()
        {
            let key = (day, variant.to_owned());
            if let Some(first) = seen.get(&key) {
                report(
                    layout.variant,
                    Message::new("import-experiment-repeated")
                        .with("variant", variant)
                        .with("day", day.to_string())
                        .with("first", first.to_string()),
                );
            } else {
                seen.insert(key, self.line);
            }
        }
        if errors.count > before {
            return None;
        }
        Some(ExperimentRecord {
            line: self.line,
            row: ExperimentRow {
                day: day?,
                variant: variant.to_owned(),
                visitors: visitors?,
                conversions: conversions?,
                revenue,
                revenue_squares,
            },
        })
    }

    /// A whole number ≥ 0: `1 234` is 1234, `12,5` an error.
    fn count(&self, column: usize, what: ExperimentColumn) -> Result<u64, Message> {
        let text = self.fields.get(column);
        let value = parse_number(text, self.mark).map_err(|error| error.message())?;
        let message = |id| {
            Message::new(id)
                .with("name", what.name())
                .with("text", text)
        };
        if value.is_sign_negative() && !value.is_zero() {
            return Err(message("import-experiment-negative"));
        }
        if !value.fract().is_zero() {
            return Err(message("import-experiment-whole"));
        }
        u64::try_from(value).map_err(|_| message("import-experiment-too-large"))
    }

    /// An amount, `None` for an empty cell.
    fn amount(&self, column: usize) -> Result<Option<Decimal>, Message> {
        let text = self.fields.get(column);
        if text.is_empty() {
            return Ok(None);
        }
        parse_number(text, self.mark)
            .map(Some)
            .map_err(|error| error.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_written_normalised_and_name_one_column() {
        let mut all = Vec::new();
        for column in ExperimentColumn::ALL {
            assert_eq!(column.spellings()[0], normalize(column.name()));
            for spelling in column.spellings() {
                assert_eq!(normalize(spelling), *spelling);
                all.push(*spelling);
            }
        }
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "a spelling names two columns");
    }

    #[test]
    fn headers_are_matched_without_case_accents_or_punctuation() {
        for (header, expected) in [
            ("Jour", Some(ExperimentColumn::Day)),
            ("Variante", Some(ExperimentColumn::Variant)),
            ("Visiteurs", Some(ExperimentColumn::Visitors)),
            ("Users", Some(ExperimentColumn::Visitors)),
            ("Transactions", Some(ExperimentColumn::Conversions)),
            ("Chiffre d’affaires", Some(ExperimentColumn::Revenue)),
            ("CA", Some(ExperimentColumn::Revenue)),
            ("CA²", Some(ExperimentColumn::RevenueSquares)),
            ("Revenue^2", Some(ExperimentColumn::RevenueSquares)),
            ("revenue_squares", Some(ExperimentColumn::RevenueSquares)),
            ("Somme des carrés", Some(ExperimentColumn::RevenueSquares)),
            ("Taux de conversion", None),
        ] {
            assert_eq!(ExperimentColumn::of_header(header), expected, "{header}");
        }
    }
}
