//! Reading one export whole: its bytes are decoded, split into records (a
//! delimited text file, or the first sheet of an `.xlsx`/`.ods`/`.xls`
//! workbook), its header matched, and its rows turned into observations one
//! at a time, each bad row kept as a [`RowError`] with its place and reason.
//!
//! The reader is a cursor: [`Reader::next_observation`] lends the next good
//! observation, borrowing the record it came from, so a ten-million-row
//! file is read without a string allocated per value.

use std::io::Cursor;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::day::parse_day;
use crate::header::{Column, Mapping};
use crate::number::{DecimalMark, parse_number};
use crate::record::{OwnedObservation, Record, RowError};
use crate::sniff::sniff_delimiter;
use crate::text::{SourceEncoding, decode_owned};
pub use kpilot_core::Observation;

/// How many bad rows are listed; beyond, they are only counted.
pub const MAX_LISTED_ERRORS: usize = 50;

/// How many records are looked at to tell the decimal mark.
const SAMPLE_RECORDS: usize = 10_000;

/// What shape the file has.
#[derive(Clone, Copy)]
pub enum Format {
    /// Told from the header: a measure column and a value column make it
    /// long, anything else wide.
    Auto,
    /// `date,measure,value[,channel][,segment][,action]`.
    Long,
    /// `date[,channel][,segment][,action]` then one column per measure.
    Wide,
    /// A tool's own export.
    Preset(&'static dyn ExportPreset),
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Format {}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A tool's export format, read whole (exports of orders are summed into
/// days, so nothing can be yielded before the end).
pub trait ExportPreset: Sync {
    /// The name `--format` takes.
    fn name(&self) -> &'static str;
    /// Reads the records (every line of the file, preamble included) into
    /// observations, or the bad rows (the first [`MAX_LISTED_ERRORS`]) and
    /// how many there are in all.
    /// `mark` is the decimal mark the reader found in the file's values.
    fn read_records(
        &self,
        records: &mut dyn Iterator<Item = Record>,
        mark: DecimalMark,
        channel: Option<&str>,
        segment: Option<&str>,
    ) -> Result<PresetRead, (Vec<RowError>, u64)>;
}

/// What a preset read from an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PresetRead {
    pub observations: Vec<OwnedObservation>,
    /// The export's columns the preset does not use, as written.
    pub ignored_columns: Vec<String>,
}

impl Format {
    /// The name the command line and the batch record use.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Long => "long",
            Format::Wide => "wide",
            Format::Preset(preset) => preset.name(),
        }
    }
}

/// How to read a file.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    pub mapping: Mapping,
    /// The channel of every row (`--channel`), for a file without a channel
    /// column.
    pub channel: Option<String>,
    /// The segment of every row (`--segment`).
    pub segment: Option<String>,
}

/// What was found out about the file before its rows were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// `csv`, `xlsx`, `ods` or `xls`.
    pub container: &'static str,
    /// The text encoding, for a delimited file.
    pub encoding: Option<SourceEncoding>,
    pub delimiter: Option<u8>,
    pub decimal_mark: DecimalMark,
    /// The format the file was read as: never `auto`.
    pub format: Format,
    /// The columns, as (header as written, what it holds).
    pub columns: Vec<(String, Column)>,
    /// A tool's columns that a preset does not read.
    pub ignored_columns: Vec<String>,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is empty: there is no header line")]
    Empty,
    #[error("the workbook cannot be read: {0}")]
    Workbook(String),
    #[error("the workbook has no sheet with data")]
    NoSheet,
    #[error("{}", unknown_columns(.columns, .known))]
    UnknownColumns {
        /// (column from 1, header) of each unknown column.
        columns: Vec<(usize, String)>,
        /// Every name a column may have.
        known: Vec<String>,
    },
    #[error("line {line}: no date column (expected a header such as Date or Jour)")]
    NoDayColumn { line: u64 },
    #[error(
        "line {line}: a long file needs a measure column and a value column (`date,measure,value`)"
    )]
    LongWithoutMeasure { line: u64 },
    #[error("line {line}: no measure column: nothing to import")]
    NoMeasureColumn { line: u64 },
    #[error(
        "line {line}: columns {first} and {second} (`{header}`) both hold {what}: keep one, or skip one with --map '{header}=-'"
    )]
    SameColumnTwice {
        line: u64,
        first: usize,
        second: usize,
        header: String,
        what: String,
    },
    #[error(
        "line {line}: the file has a {what} column (column {column}) and --{what} was given: drop one of them"
    )]
    FlagAndColumn {
        line: u64,
        what: &'static str,
        column: usize,
    },
}

fn unknown_columns(columns: &[(usize, String)], known: &[String]) -> String {
    let listed = columns
        .iter()
        .map(|(column, header)| format!("column {column} `{header}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "unknown column{} {listed}: name a measure with --map 'Header=measure', or skip it with --map 'Header=-'. Known names: date, channel, segment, action, measure, value, {}",
        if columns.len() > 1 { "s" } else { "" },
        known.join(", ")
    )
}

/// A file being read.
#[derive(Debug)]
pub struct Reader {
    info: FileInfo,
    rows: Rows,
    layout: Layout,
    errors: Errors,
    /// A wide row being read: its line and day, and the next of its
    /// measure columns.
    wide_row: Option<(u64, Date)>,
    wide_next: usize,
    /// The last day read, as written and as a day: files hold many rows per
    /// day, so most rows skip the parse.
    last_day: Option<(String, Date)>,
}

/// Where records come from: a cursor over a file's records, shared by
/// every reader of the crate.
#[derive(Debug)]
pub(crate) enum Rows {
    Csv {
        reader: csv::Reader<Cursor<Vec<u8>>>,
        record: csv::StringRecord,
        line: u64,
    },
    Sheet {
        records: std::vec::IntoIter<Record>,
        record: Record,
    },
    /// A preset's observations, gathered while opening.
    Ready {
        observations: std::vec::IntoIter<OwnedObservation>,
        current: Option<OwnedObservation>,
    },
}

impl Rows {
    /// Moves to the next record: `Some(line)`, or `None` at the end. A
    /// record the CSV reader cannot split is reported as an error line.
    pub(crate) fn advance(&mut self) -> Option<Result<u64, RowError>> {
        match self {
            Rows::Csv {
                reader,
                record,
                line,
            } => match reader.read_record(record) {
                Ok(true) => {
                    *line = record.position().map_or(0, csv::Position::line);
                    Some(Ok(*line))
                }
                Ok(false) => None,
                Err(error) => {
                    let at = error.position().map_or(*line + 1, csv::Position::line);
                    *line = at;
                    if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                        // Reading from memory: cannot happen, but never loop.
                        return None;
                    }
                    Some(Err(RowError {
                        line: at,
                        column: None,
                        header: None,
                        message: format!("cannot split the line into fields: {error}"),
                    }))
                }
            },
            Rows::Sheet { records, record } => {
                *record = records.next()?;
                Some(Ok(record.line))
            }
            Rows::Ready { .. } => None,
        }
    }

    /// The current record's fields.
    pub(crate) fn fields(&self) -> Fields<'_> {
        match self {
            Rows::Csv { record, .. } => Fields::Csv(record),
            Rows::Sheet { record, .. } => Fields::Sheet(&record.fields),
            Rows::Ready { .. } => Fields::Sheet(&[]),
        }
    }

    /// Moves to the header: the first record that is not blank. Records
    /// that cannot be split before it go to `errors`.
    pub(crate) fn header(&mut self, errors: &mut Errors) -> Result<u64, FileError> {
        loop {
            match self.advance() {
                None => return Err(FileError::Empty),
                Some(Err(error)) => errors.push(error),
                Some(Ok(line)) if !self.fields().is_blank() => return Ok(line),
                Some(Ok(_)) => {}
            }
        }
    }
}

/// The fields of the current record, trimmed.
#[derive(Clone, Copy)]
pub(crate) enum Fields<'a> {
    Csv(&'a csv::StringRecord),
    Sheet(&'a [String]),
}

impl<'a> Fields<'a> {
    pub(crate) fn len(self) -> usize {
        match self {
            Fields::Csv(record) => record.len(),
            Fields::Sheet(fields) => fields.len(),
        }
    }

    /// The field at `index`, trimmed; `""` past the end.
    pub(crate) fn get(self, index: usize) -> &'a str {
        match self {
            Fields::Csv(record) => record.get(index).unwrap_or(""),
            Fields::Sheet(fields) => fields.get(index).map_or("", String::as_str),
        }
        .trim()
    }

    pub(crate) fn is_blank(self) -> bool {
        (0..self.len()).all(|index| self.get(index).is_empty())
    }

    /// A record must have as many fields as the header: one more or one
    /// less would shift values into the wrong columns.
    pub(crate) fn check_width(self, line: u64, width: usize) -> Result<(), RowError> {
        if self.len() == width {
            return Ok(());
        }
        Err(RowError {
            line,
            column: None,
            header: None,
            message: format!("{} fields where the header has {width}", self.len()),
        })
    }
}

/// Which column holds what, for long and wide files.
#[derive(Debug)]
struct Layout {
    width: usize,
    headers: Vec<String>,
    day: usize,
    channel: Dimension,
    segment: Dimension,
    action: Option<usize>,
    shape: Shape,
    mark: DecimalMark,
}

#[derive(Debug)]
enum Dimension {
    None,
    /// Read from a column; names of the built-in channels or segments, in
    /// French or English, become their ids (`E-mail` → `email`).
    Column(usize, Canonical),
    Fixed(String),
}

/// The built-in ids of channels or segments, and their names normalised.
#[derive(Debug)]
struct Canonical {
    names: Vec<(String, &'static str)>,
    /// Values already looked up: a file repeats a few values many times.
    seen: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<&'static str>>>,
}

/// How many distinct values [`Canonical`] remembers (a column of free text
/// must not grow it without end).
const CANONICAL_MEMORY: usize = 4096;

impl Canonical {
    fn new(builtins: &'static [(&'static str, &'static str, &'static str)]) -> Canonical {
        let mut names = Vec::new();
        for (id, french, english) in builtins {
            for name in [id, french, english] {
                names.push((crate::header::normalize(name), *id));
            }
        }
        Canonical {
            names,
            seen: std::cell::RefCell::default(),
        }
    }

    /// The built-in id `text` names, or `text` itself.
    fn of<'a>(&self, text: &'a str) -> &'a str {
        // Most files write ids already: no allocation for them.
        if let Some((_, id)) = self.names.iter().find(|(_, id)| *id == text) {
            return id;
        }
        if let Some(known) = self.seen.borrow().get(text) {
            return known.unwrap_or(text);
        }
        let normal = crate::header::normalize(text);
        let found = self
            .names
            .iter()
            .find(|(name, _)| *name == normal)
            .map(|(_, id)| *id);
        let mut seen = self.seen.borrow_mut();
        if seen.len() < CANONICAL_MEMORY {
            seen.insert(text.to_owned(), found);
        }
        found.unwrap_or(text)
    }
}

#[derive(Debug)]
enum Shape {
    Long {
        measure: usize,
        value: usize,
        /// The measure names a row may give, normalised → measure id.
        measures: Mapping,
        /// Names as rows spell them → index in `ids`: a file repeats a few
        /// names millions of times, so each is matched once.
        names: std::collections::HashMap<String, usize>,
        ids: Vec<String>,
    },
    Wide {
        /// (column, measure id), in file order.
        measures: Vec<(usize, String)>,
    },
    Ready,
}

impl Reader {
    /// Reads a file's header and gets ready to read its rows. `file_name`
    /// tells a workbook (`.xlsx`, `.xlsm`, `.ods`, `.xls`) from text.
    pub fn open(file_name: &str, bytes: Vec<u8>, options: Options) -> Result<Reader, FileError> {
        let (rows, mut info) = open_rows(file_name, bytes)?;
        if let Format::Preset(preset) = options.format {
            return Ok(read_preset(preset, rows, info, &options));
        }
        let mut reader = Reader {
            rows,
            layout: Layout {
                width: 0,
                headers: Vec::new(),
                day: 0,
                channel: Dimension::None,
                segment: Dimension::None,
                action: None,
                shape: Shape::Ready,
                mark: info.decimal_mark,
            },
            errors: Errors::default(),
            wide_row: None,
            wide_next: 0,
            last_day: None,
            info: info.clone(),
        };
        let header_line = reader.rows.header(&mut reader.errors)?;
        let layout = layout(header_line, reader.rows.fields(), &options, &mut info)?;
        reader.layout = layout;
        reader.info = info;
        Ok(reader)
    }

    pub fn info(&self) -> &FileInfo {
        &self.info
    }

    /// The bad rows found so far, up to [`MAX_LISTED_ERRORS`].
    pub fn errors(&self) -> &[RowError] {
        &self.errors.listed
    }

    /// How many bad rows were found so far, listed or not.
    pub fn error_count(&self) -> u64 {
        self.errors.count
    }

    /// The next good observation, `None` at the end of the file. Bad rows
    /// are skipped and kept in [`Reader::errors`].
    pub fn next_observation(&mut self) -> Option<Observation<'_>> {
        // Finding the next observation borrows `self` mutably (to keep
        // errors); building it borrows the record. Two steps keep them apart.
        let found = self.find_next()?;
        Some(self.build(found))
    }

    fn find_next(&mut self) -> Option<Found> {
        loop {
            if let Shape::Ready = self.layout.shape {
                let Rows::Ready {
                    observations,
                    current,
                } = &mut self.rows
                else {
                    return None;
                };
                *current = Some(observations.next()?);
                return Some(Found::Ready);
            }
            if let (Some((line, day)), Shape::Wide { measures }) =
                (self.wide_row, &self.layout.shape)
            {
                let fields = self.rows.fields();
                while let Some((column, _)) = measures.get(self.wide_next) {
                    let index = self.wide_next;
                    self.wide_next += 1;
                    let text = fields.get(*column);
                    if text.is_empty() {
                        continue;
                    }
                    match parse_number(text, self.layout.mark) {
                        Ok(value) => {
                            return Some(Found::Wide {
                                line,
                                day,
                                measure: index,
                                value,
                            });
                        }
                        Err(error) => self.errors.push(self.layout.field_error(
                            line,
                            *column,
                            error.to_string(),
                        )),
                    }
                }
                self.wide_row = None;
            }
            let line = match self.rows.advance()? {
                Ok(line) => line,
                Err(error) => {
                    self.errors.push(error);
                    continue;
                }
            };
            match self.read_record(line) {
                Ok(Some(found)) => return Some(found),
                Ok(None) => {}
                Err(error) => self.errors.push(error),
            }
        }
    }

    /// Reads the current record: a long row gives its observation, a wide
    /// row is set up for its measure columns to be read one by one.
    fn read_record(&mut self, line: u64) -> Result<Option<Found>, RowError> {
        let fields = self.rows.fields();
        if fields.is_blank() {
            return Ok(None);
        }
        let layout = &self.layout;
        fields.check_width(line, layout.width)?;
        let day_text = fields.get(layout.day);
        let day = match &self.last_day {
            Some((text, day)) if text == day_text => *day,
            _ => {
                let day = parse_day(day_text)
                    .map_err(|error| layout.field_error(line, layout.day, error.to_string()))?;
                self.last_day = Some((day_text.to_owned(), day));
                day
            }
        };
        match &self.layout.shape {
            Shape::Long { measure, value, .. } => {
                let (measure_column, value_column) = (*measure, *value);
                let name = fields.get(measure_column);
                let measure = match self.layout.long_measure(name) {
                    Some(index) => index,
                    None => {
                        return Err(self.layout.field_error(
                            line,
                            measure_column,
                            self.layout.unknown_measure(name),
                        ));
                    }
                };
                let value =
                    parse_number(fields.get(value_column), self.layout.mark).map_err(|error| {
                        self.layout
                            .field_error(line, value_column, error.to_string())
                    })?;
                Ok(Some(Found::Long {
                    line,
                    day,
                    measure,
                    value,
                }))
            }
            Shape::Wide { .. } => {
                self.wide_next = 0;
                self.wide_row = Some((line, day));
                Ok(None)
            }
            Shape::Ready => Ok(None),
        }
    }

    fn build(&self, found: Found) -> Observation<'_> {
        let fields = self.rows.fields();
        let layout = &self.layout;
        let dimension = |dimension| dimension_value(dimension, fields);
        let action = layout
            .action
            .map(|column| fields.get(column))
            .filter(|t| !t.is_empty());
        match (found, &layout.shape) {
            (Found::Ready, _) => {
                let Rows::Ready {
                    current: Some(observation),
                    ..
                } = &self.rows
                else {
                    unreachable!("a ready observation was just taken")
                };
                Observation {
                    line: observation.line,
                    day: observation.day,
                    measure: &observation.measure,
                    value: observation.value,
                    channel: observation.channel.as_deref(),
                    segment: observation.segment.as_deref(),
                    action: observation.action.as_deref(),
                }
            }
            (
                Found::Long {
                    line,
                    day,
                    measure,
                    value,
                },
                Shape::Long { ids, .. },
            ) => Observation {
                line,
                day,
                measure: &ids[measure],
                value,
                channel: dimension(&layout.channel),
                segment: dimension(&layout.segment),
                action,
            },
            (
                Found::Wide {
                    line,
                    day,
                    measure,
                    value,
                },
                Shape::Wide { measures, .. },
            ) => Observation {
                line,
                day,
                measure: &measures[measure].1,
                value,
                channel: dimension(&layout.channel),
                segment: dimension(&layout.segment),
                action,
            },
            _ => unreachable!("an observation is found in the layout's shape"),
        }
    }
}

/// Where the next observation is, between finding and building it.
#[derive(Debug, Clone, Copy)]
enum Found {
    Long {
        line: u64,
        day: Date,
        /// Index in the layout's measure ids.
        measure: usize,
        value: Decimal,
    },
    Wide {
        line: u64,
        day: Date,
        measure: usize,
        value: Decimal,
    },
    Ready,
}

impl Layout {
    fn field_error(&self, line: u64, column: usize, message: String) -> RowError {
        RowError {
            line,
            column: Some(column + 1),
            header: self.headers.get(column).cloned(),
            message,
        }
    }

    /// The measure a long row names, as an index in the layout's ids.
    fn long_measure(&mut self, name: &str) -> Option<usize> {
        let Shape::Long {
            measures,
            names,
            ids,
            ..
        } = &mut self.shape
        else {
            return None;
        };
        if let Some(index) = names.get(name) {
            return Some(*index);
        }
        let Some(Column::Measure(id)) = measures.column(name) else {
            return None;
        };
        let index = match ids.iter().position(|known| known == id) {
            Some(index) => index,
            None => {
                ids.push(id.clone());
                ids.len() - 1
            }
        };
        names.insert(name.to_owned(), index);
        Some(index)
    }

    fn unknown_measure(&self, name: &str) -> String {
        let known = match &self.shape {
            Shape::Long { measures, .. } => measures.known_measures().join(", "),
            _ => String::new(),
        };
        format!("unknown measure `{name}`; known measures: {known}")
    }
}

fn dimension_value<'a>(dimension: &'a Dimension, fields: Fields<'a>) -> Option<&'a str> {
    match dimension {
        Dimension::None => None,
        Dimension::Column(column, canonical) => Some(fields.get(*column))
            .filter(|text| !text.is_empty())
            .map(|text| canonical.of(text)),
        Dimension::Fixed(value) => Some(value.as_str()),
    }
}

/// Bad rows: the first ones listed, all counted.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    pub(crate) listed: Vec<RowError>,
    pub(crate) count: u64,
}

impl Errors {
    pub(crate) fn push(&mut self, error: RowError) {
        self.count += 1;
        if self.listed.len() < MAX_LISTED_ERRORS {
            self.listed.push(error);
        }
    }
}

/// Opens a file as records: `file_name`'s extension tells a workbook
/// (`.xlsx`, `.xlsm`, `.ods`, `.xls`) from delimited text. The info says
/// what was found (container, encoding, delimiter, decimal mark); its
/// format and columns are left for the caller to fill.
pub(crate) fn open_rows(file_name: &str, bytes: Vec<u8>) -> Result<(Rows, FileInfo), FileError> {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    let workbook = match extension.as_str() {
        "xlsx" | "xlsm" => Some("xlsx"),
        "ods" => Some("ods"),
        "xls" => Some("xls"),
        _ => None,
    };
    match workbook {
        Some(container) => open_workbook(container, bytes),
        None => Ok(open_text(bytes)),
    }
}

/// Decodes a text file and sets up its CSV reader.
fn open_text(bytes: Vec<u8>) -> (Rows, FileInfo) {
    let (text, encoding) = decode_owned(bytes);
    let delimiter = sniff_delimiter(&text);
    let builder = || {
        let mut builder = csv::ReaderBuilder::new();
        // Records end at `\n` only: the `\r` of a CRLF file stays at the end
        // of the last field, which is trimmed. (With CRLF terminators the
        // csv crate counts lines late, and errors would name the wrong line.)
        builder
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .delimiter(delimiter.unwrap_or(b','));
        builder
    };
    let decimal_mark = {
        let mut sample = builder().from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = sample
            .records()
            .take(SAMPLE_RECORDS)
            .filter_map(Result::ok)
            .collect();
        DecimalMark::detect(
            records.iter().skip(1).flat_map(|record| record.iter()),
            delimiter.unwrap_or(b','),
        )
    };
    let rows = Rows::Csv {
        reader: builder().from_reader(Cursor::new(text.into_bytes())),
        record: csv::StringRecord::new(),
        line: 0,
    };
    let info = FileInfo {
        container: "csv",
        encoding: Some(encoding),
        delimiter,
        decimal_mark,
        format: Format::Auto,
        columns: Vec::new(),
        ignored_columns: Vec::new(),
    };
    (rows, info)
}

/// Reads the first sheet with data of a workbook into text records:
/// numbers written as plain decimals, dates as ISO days.
fn open_workbook(container: &'static str, bytes: Vec<u8>) -> Result<(Rows, FileInfo), FileError> {
    use calamine::{Data, Reader as _};
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|error| FileError::Workbook(error.to_string()))?;
    let mut records = Vec::new();
    let mut decimal_mark = DecimalMark::Point;
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|error| FileError::Workbook(format!("sheet `{name}`: {error}")))?;
        if range.is_empty() {
            continue;
        }
        // Numbers typed as text (`1 234,56`) tell the mark; numeric cells
        // are then written with it, so that one parse reads both.
        decimal_mark = DecimalMark::detect(
            range.used_cells().filter_map(|(_, _, cell)| match cell {
                Data::String(text) => Some(text.as_str()),
                _ => None,
            }),
            b',',
        );
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        for (index, row) in range.rows().enumerate() {
            let mut fields: Vec<String> = vec![String::new(); first_column as usize];
            fields.extend(row.iter().map(|cell| match cell {
                Data::Empty => String::new(),
                Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
                    text.clone()
                }
                Data::Float(number) if decimal_mark == DecimalMark::Comma => {
                    number.to_string().replace('.', ",")
                }
                Data::Float(number) => number.to_string(),
                Data::Int(number) => number.to_string(),
                Data::Bool(flag) => flag.to_string(),
                Data::DateTime(moment) => excel_day(moment.as_f64()),
                Data::Error(error) => format!("#{error:?}"),
            }));
            records.push(Record {
                line: u64::from(first_row) + index as u64 + 1,
                fields,
            });
        }
        break;
    }
    if records.is_empty() {
        return Err(FileError::NoSheet);
    }
    let rows = Rows::Sheet {
        records: records.into_iter(),
        record: Record {
            line: 0,
            fields: Vec::new(),
        },
    };
    let info = FileInfo {
        container,
        encoding: None,
        delimiter: None,
        decimal_mark,
        format: Format::Auto,
        columns: Vec::new(),
        ignored_columns: Vec::new(),
    };
    Ok((rows, info))
}

/// A spreadsheet date serial (days since 1899-12-30, fractions for the
/// time) as its ISO day.
fn excel_day(serial: f64) -> String {
    let days = serial.floor();
    if !days.is_finite() || !(0.0..=2_958_465.0).contains(&days) {
        return serial.to_string();
    }
    let epoch = jiff::civil::date(1899, 12, 30);
    match epoch.checked_add(jiff::Span::new().days(days as i64)) {
        Ok(day) => day.to_string(),
        Err(_) => serial.to_string(),
    }
}

/// Matches the header of a long or wide file.
fn layout(
    line: u64,
    header: Fields<'_>,
    options: &Options,
    info: &mut FileInfo,
) -> Result<Layout, FileError> {
    let mut columns = Vec::new();
    let mut unknown = Vec::new();
    for index in 0..header.len() {
        let text = header.get(index);
        match options.mapping.column(text) {
            Some(column) => columns.push((text.to_owned(), column.clone())),
            None if text.is_empty() => columns.push((text.to_owned(), Column::Skip)),
            None => {
                unknown.push((index + 1, text.to_owned()));
                columns.push((text.to_owned(), Column::Skip));
            }
        }
    }
    if !unknown.is_empty() {
        let known = options
            .mapping
            .known_measures()
            .into_iter()
            .map(str::to_owned)
            .collect();
        return Err(FileError::UnknownColumns {
            columns: unknown,
            known,
        });
    }
    // One column per role: a second Date or a second Sessions column would
    // make one of them silently lost.
    for (second, (header_text, column)) in columns.iter().enumerate() {
        if *column == Column::Skip {
            continue;
        }
        if let Some(first) = columns[..second].iter().position(|(_, c)| c == column) {
            return Err(FileError::SameColumnTwice {
                line,
                first: first + 1,
                second: second + 1,
                header: header_text.clone(),
                what: match column {
                    Column::Measure(id) => format!("the measure `{id}`"),
                    other => format!("the {}", role_name(other)),
                },
            });
        }
    }
    let find = |wanted: &Column| columns.iter().position(|(_, column)| column == wanted);
    let day = find(&Column::Day).ok_or(FileError::NoDayColumn { line })?;
    let dimension = |column: Column, flag: &Option<String>, what: &'static str, builtins| {
        let canonical = Canonical::new(builtins);
        match (find(&column), flag) {
            (Some(index), Some(_)) => Err(FileError::FlagAndColumn {
                line,
                what,
                column: index + 1,
            }),
            (Some(index), None) => Ok(Dimension::Column(index, canonical)),
            (None, Some(value)) => Ok(Dimension::Fixed(canonical.of(value.trim()).to_owned())),
            (None, None) => Ok(Dimension::None),
        }
    };
    let channel = dimension(
        Column::Channel,
        &options.channel,
        "channel",
        &kpilot_core::plan::BUILTIN_CHANNELS,
    )?;
    let segment = dimension(
        Column::Segment,
        &options.segment,
        "segment",
        &kpilot_core::plan::BUILTIN_SEGMENTS,
    )?;
    let action = find(&Column::Action);
    let measure_name = find(&Column::MeasureName);
    let value = find(&Column::Value);
    let long = match options.format {
        Format::Long => true,
        Format::Wide => false,
        _ => measure_name.is_some() && value.is_some(),
    };
    let shape = if long {
        let (Some(measure), Some(value)) = (measure_name, value) else {
            return Err(FileError::LongWithoutMeasure { line });
        };
        Shape::Long {
            measure,
            value,
            measures: options.mapping.clone(),
            names: std::collections::HashMap::new(),
            ids: Vec::new(),
        }
    } else {
        let measures: Vec<(usize, String)> = columns
            .iter()
            .enumerate()
            .filter_map(|(index, (_, column))| match column {
                Column::Measure(id) => Some((index, id.clone())),
                _ => None,
            })
            .collect();
        if measures.is_empty() {
            return Err(FileError::NoMeasureColumn { line });
        }
        Shape::Wide { measures }
    };
    info.format = if long { Format::Long } else { Format::Wide };
    info.columns = columns.clone();
    Ok(Layout {
        width: header.len(),
        headers: columns.into_iter().map(|(text, _)| text).collect(),
        day,
        channel,
        segment,
        action,
        shape,
        mark: info.decimal_mark,
    })
}

fn role_name(column: &Column) -> &'static str {
    match column {
        Column::Day => "date",
        Column::Channel => "channel",
        Column::Segment => "segment",
        Column::Action => "action",
        Column::MeasureName => "measure name",
        Column::Value => "value",
        Column::Measure(_) => "measure",
        Column::Skip => "skipped column",
    }
}

/// Reads a preset's export whole: order-level exports are summed into days
/// before anything is yielded.
fn read_preset(
    preset: &'static dyn ExportPreset,
    mut rows: Rows,
    mut info: FileInfo,
    options: &Options,
) -> Reader {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    while let Some(step) = rows.advance() {
        match step {
            Ok(line) => {
                let fields = rows.fields();
                records.push(Record {
                    line,
                    fields: (0..fields.len())
                        .map(|index| fields.get(index).to_owned())
                        .collect(),
                });
            }
            Err(error) => errors.push(error),
        }
    }
    let mut error_count = errors.len() as u64;
    let observations = match preset.read_records(
        &mut records.into_iter(),
        info.decimal_mark,
        options.channel.as_deref(),
        options.segment.as_deref(),
    ) {
        Ok(read) => {
            info.ignored_columns = read.ignored_columns;
            read.observations
        }
        Err((preset_errors, count)) => {
            errors.extend(preset_errors);
            error_count += count;
            Vec::new()
        }
    };
    info.format = Format::Preset(preset);
    errors.truncate(MAX_LISTED_ERRORS);
    let errors = Errors {
        listed: errors,
        count: error_count,
    };
    Reader {
        info,
        rows: Rows::Ready {
            observations: observations.into_iter(),
            current: None,
        },
        layout: Layout {
            width: 0,
            headers: Vec::new(),
            day: 0,
            channel: Dimension::None,
            segment: Dimension::None,
            action: None,
            shape: Shape::Ready,
            mark: DecimalMark::Point,
        },
        errors,
        wide_row: None,
        wide_next: 0,
        last_day: None,
    }
}
