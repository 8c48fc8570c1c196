//! Reading one export: its bytes are decoded, split into records (a
//! delimited text file, or the first sheet of an `.xlsx`/`.ods`/`.xls`
//! workbook), its header row found below titles and comments, its format
//! told (`--format auto` recognises kpilot's own long and wide files and
//! every tool's export), and its rows turned into observations one at a
//! time, each bad row kept as a [`RowError`] with its place and reason.
//!
//! The reader is a cursor: [`Reader::next_observation`] lends the next good
//! observation, borrowing the record it came from, so a ten-million-row
//! file is read without a string allocated per value. Tools' exports and
//! hourly rows are summed into days first, so they are read whole; a shop's
//! orders are kept as orders ([`Reader::take_orders`]).

use std::collections::BTreeMap;
use std::io::Cursor;

use jiff::civil::Date;
use kpilot_core::order::Order;
use kpilot_text::{Lang, Message};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::day::{self, DateEvidence, DateOrder, read_day};
pub use crate::error::{FileError, NearPreset};
use crate::header::{Column, Mapping, Matched};
use crate::names::{Kind, Names};
use crate::number::{DecimalMark, MarkVotes, is_no_value, parse_number};
use crate::preset::{Preset, Recognition};
use crate::record::{OwnedObservation, Record, RowError};
use crate::report::{
    ColumnLeft, ColumnRead, DatesRead, Detected, Left, OrderTally, Role, SkippedRows, UnknownValue,
};
use crate::sniff::sniff;
use crate::text::{SourceEncoding, decode_owned};
pub use kpilot_core::Observation;

pub use crate::record::{MAX_LISTED_ERRORS, is_total_label};

/// How many records are looked at to tell the decimal mark and the shape
/// of the dates.
const SAMPLE_RECORDS: usize = 10_000;

/// How many records `--format auto` looks at for a tool's header row.
const PEEK_RECORDS: usize = 200;

/// What shape the file has.
#[derive(Clone, Copy)]
pub enum Format {
    /// Told from the file: kpilot's long or wide layout when its header
    /// names kpilot's columns, else the tool export it is.
    Auto,
    /// `date,measure,value[,channel][,segment][,action]`.
    Long,
    /// `date[,channel][,segment][,action]` then one column per measure.
    Wide,
    /// A tool's own export.
    Preset(&'static Preset),
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Format {}

impl Format {
    /// The name the command line and the batch record use.
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Long => "long",
            Format::Wide => "wide",
            Format::Preset(preset) => preset.name,
        }
    }

    /// `auto`, `long`, `wide` or a preset's name (`--format`, a contract).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "auto" => Some(Format::Auto),
            "long" => Some(Format::Long),
            "wide" => Some(Format::Wide),
            other => crate::preset::find(other).map(Format::Preset),
        }
    }

    /// Whether the file holds a shop's orders.
    pub fn is_orders(self) -> bool {
        matches!(self, Format::Preset(preset) if preset.is_orders())
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
    /// The order of dates whose parts are all short (`--date-order`): when
    /// given, it decides every such column.
    pub date_order: Option<DateOrder>,
    /// The order assumed when nothing in a column proves one: the run's
    /// language's (`dmy` in French, `mdy` in English).
    pub default_date_order: DateOrder,
    /// The plans' currencies: a column whose header names another one
    /// (`Amount spent (USD)`) is refused. Empty: not checked.
    pub currencies: Vec<String>,
    /// The plans' own channels and segments: (id, name).
    pub channels: Vec<(String, String)>,
    pub segments: Vec<(String, String)>,
}

impl Options {
    /// The format, the built-in names only, and French defaults.
    pub fn new(format: Format) -> Options {
        Options {
            format,
            mapping: Mapping::new([]),
            channel: None,
            segment: None,
            date_order: None,
            default_date_order: DateOrder::Dmy,
            currencies: Vec::new(),
            channels: Vec::new(),
            segments: Vec::new(),
        }
    }
}

impl Options {
    /// What a tool's export is read with: everything but the format.
    pub fn context(&self, delimiter: u8) -> crate::preset::Context<'_> {
        crate::preset::Context {
            mapping: &self.mapping,
            channel: self.channel.as_deref(),
            segment: self.segment.as_deref(),
            date_order: self.date_order,
            default_date_order: self.default_date_order,
            currencies: &self.currencies,
            channels: &self.channels,
            segments: &self.segments,
            delimiter,
        }
    }
}

/// The order a language's users write short dates in, when nothing says.
pub fn language_date_order(lang: Lang) -> DateOrder {
    match lang {
        Lang::Fr => DateOrder::Dmy,
        Lang::En => DateOrder::Mdy,
    }
}

/// What was found out about the file, and what its reading decided.
#[derive(Debug, Clone, PartialEq)]
pub struct FileInfo {
    /// `csv`, `xlsx`, `ods` or `xls`.
    pub container: &'static str,
    /// The text encoding, for a delimited file.
    pub encoding: Option<SourceEncoding>,
    pub delimiter: Option<u8>,
    pub decimal_mark: DecimalMark,
    /// No value of the columns read told the mark: the documented rule
    /// gave it.
    pub decimal_mark_assumed: bool,
    /// The format the file was read as: never `auto`.
    pub format: Format,
    /// How `--format auto` chose it; `None` when it was given.
    pub detected: Option<Detected>,
    /// The header row's line.
    pub header_line: u64,
    /// The columns read, `header → what it becomes`, in file order.
    pub columns: Vec<ColumnRead>,
    /// The columns left out, and why.
    pub left_out: Vec<ColumnLeft>,
    /// The day column's order of dates.
    pub dates: Option<DatesRead>,
    /// Summary and total rows, never summed.
    pub skipped_rows: SkippedRows,
    /// A shop export's orders: counted, left out by status.
    pub orders: Option<OrderTally>,
    /// Channel and segment values that name nothing known, with their rows.
    pub unknown_values: Vec<UnknownValue>,
}

impl FileInfo {
    fn new(container: &'static str, encoding: Option<SourceEncoding>) -> FileInfo {
        FileInfo {
            container,
            encoding,
            delimiter: None,
            decimal_mark: DecimalMark::Point,
            decimal_mark_assumed: false,
            format: Format::Auto,
            detected: None,
            header_line: 1,
            columns: Vec::new(),
            left_out: Vec::new(),
            dates: None,
            skipped_rows: SkippedRows::default(),
            orders: None,
            unknown_values: Vec::new(),
        }
    }
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
    /// Channel (then segment) values that name nothing known: value →
    /// (rows, first line).
    unknown: [FxHashMap<String, (u64, u64)>; 2],
    /// A shop export's orders, until taken.
    orders: Option<Vec<Order>>,
    finished: bool,
}

/// Counts newlines up to a byte offset, moving forward only: the physical
/// line of a record is 1 + the newlines before it, blank lines and line
/// breaks inside quoted fields counted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    fn new() -> LineCounter {
        LineCounter { offset: 0, line: 1 }
    }

    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        let offset = offset.min(bytes.len());
        if offset > self.offset {
            // memchr's vectorized search: this runs once per record.
            self.line += memchr::memchr_iter(b'\n', &bytes[self.offset..offset]).count() as u64;
            self.offset = offset;
        }
        self.line
    }
}

/// Where a record starts: the CSV reader gives the position before the
/// blank lines it skipped, which a record never starts with.
fn record_start(bytes: &[u8], mut offset: usize) -> usize {
    while matches!(bytes.get(offset), Some(b'\n' | b'\r')) {
        offset += 1;
    }
    offset
}

/// Where records come from: a cursor over a file's records, shared by
/// every reader of the crate.
#[derive(Debug)]
pub(crate) enum Rows {
    Csv {
        reader: csv::Reader<Cursor<Vec<u8>>>,
        record: csv::StringRecord,
        delimiter: u8,
        line: u64,
        lines: LineCounter,
    },
    Sheet {
        records: Vec<Record>,
        /// The next record's index.
        next: usize,
    },
    /// Observations gathered while opening (a tool's export, hourly rows).
    Ready {
        observations: std::vec::IntoIter<OwnedObservation>,
        current: Option<OwnedObservation>,
    },
}

fn csv_builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    // Records end at `\n` only: the `\r` of a CRLF file stays at the end of
    // the last field, which is trimmed.
    builder
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .delimiter(delimiter);
    builder
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
                lines,
                ..
            } => match reader.read_record(record) {
                Ok(true) => {
                    let offset = record.position().map_or(0, csv::Position::byte) as usize;
                    *line = lines.line_at(
                        reader.get_ref().get_ref(),
                        record_start(reader.get_ref().get_ref(), offset),
                    );
                    Some(Ok(*line))
                }
                Ok(false) => None,
                Err(error) => {
                    if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                        // Reading from memory: cannot happen, but never loop.
                        return None;
                    }
                    let at = match error.position() {
                        Some(position) => {
                            lines.line_at(reader.get_ref().get_ref(), position.byte() as usize)
                        }
                        None => *line + 1,
                    };
                    *line = at;
                    Some(Err(RowError::row(
                        at,
                        Message::new("import-row-split").with("reason", error.to_string()),
                    )))
                }
            },
            Rows::Sheet { records, next } => {
                let record = records.get(*next)?;
                *next += 1;
                Some(Ok(record.line))
            }
            Rows::Ready { .. } => None,
        }
    }

    /// The current record's fields.
    pub(crate) fn fields(&self) -> Fields<'_> {
        match self {
            Rows::Csv { record, .. } => Fields::Csv(record),
            Rows::Sheet { records, next } => match next.checked_sub(1) {
                Some(index) => Fields::Sheet(&records[index]),
                None => Fields::None,
            },
            Rows::Ready { .. } => Fields::None,
        }
    }

    /// Moves to the header: the first record that is neither blank nor a
    /// `#` comment, from line `from` on. Records that cannot be split
    /// before it go to `errors`.
    pub(crate) fn header_from(&mut self, from: u64, errors: &mut Errors) -> Result<u64, FileError> {
        loop {
            match self.advance() {
                None => return Err(FileError::Empty),
                Some(Err(error)) => errors.push(error),
                Some(Ok(line))
                    if line >= from && !self.fields().is_blank() && !self.fields().is_comment() =>
                {
                    return Ok(line);
                }
                Some(Ok(_)) => {}
            }
        }
    }

    /// Moves to the first record that is not blank (the experiment
    /// reader's header).
    pub(crate) fn header(&mut self, errors: &mut Errors) -> Result<u64, FileError> {
        self.header_from(0, errors)
    }

    /// Calls `visit` on the records after line `after`, from a fresh cursor
    /// (the current one does not move), until it returns false or `limit`
    /// records were seen.
    pub(crate) fn scan(
        &self,
        after: u64,
        limit: Option<usize>,
        mut visit: impl FnMut(u64, Fields<'_>) -> bool,
    ) {
        let mut seen = 0;
        let mut more = |line: u64, fields: Fields<'_>| {
            if line <= after {
                return true;
            }
            seen += 1;
            visit(line, fields) && limit.is_none_or(|limit| seen < limit)
        };
        match self {
            Rows::Csv {
                reader, delimiter, ..
            } => {
                let bytes = reader.get_ref().get_ref();
                let mut scanner = csv_builder(*delimiter).from_reader(bytes.as_slice());
                let mut record = csv::StringRecord::new();
                let mut lines = LineCounter::new();
                while let Ok(true) = scanner.read_record(&mut record) {
                    let offset = record.position().map_or(0, csv::Position::byte) as usize;
                    let line = lines.line_at(bytes, record_start(bytes, offset));
                    if !more(line, Fields::Csv(&record)) {
                        break;
                    }
                }
            }
            Rows::Sheet { records, .. } => {
                for record in records {
                    if !more(record.line, Fields::Sheet(record)) {
                        break;
                    }
                }
            }
            Rows::Ready { .. } => {}
        }
    }

    /// Every record from the start, owned (a tool's export is read whole).
    pub(crate) fn into_records(self, errors: &mut Vec<RowError>) -> Vec<Record> {
        match self {
            Rows::Sheet { records, .. } => records,
            mut rows @ Rows::Csv { .. } => {
                let mut records = Vec::new();
                while let Some(step) = rows.advance() {
                    match step {
                        Ok(line) => records.push(Record::new(line, rows.fields().owned())),
                        Err(error) => errors.push(error),
                    }
                }
                records
            }
            Rows::Ready { .. } => Vec::new(),
        }
    }

    /// The first records of the file, owned, for telling its format.
    fn peek(&self, limit: usize) -> Vec<Record> {
        let mut records = Vec::new();
        self.scan(0, Some(limit), |line, fields| {
            let mut record = Record::new(line, fields.owned());
            if let Fields::Sheet(sheet) = fields {
                record.numeric = sheet.numeric.clone();
            }
            records.push(record);
            true
        });
        records
    }
}

/// The fields of the current record, trimmed.
#[derive(Clone, Copy)]
pub(crate) enum Fields<'a> {
    Csv(&'a csv::StringRecord),
    Sheet(&'a Record),
    None,
}

impl<'a> Fields<'a> {
    pub(crate) fn len(self) -> usize {
        match self {
            Fields::Csv(record) => record.len(),
            Fields::Sheet(record) => record.fields.len(),
            Fields::None => 0,
        }
    }

    /// The field at `index`, trimmed; `""` past the end.
    pub(crate) fn get(self, index: usize) -> &'a str {
        match self {
            Fields::Csv(record) => record.get(index).unwrap_or(""),
            Fields::Sheet(record) => record.fields.get(index).map_or("", String::as_str),
            Fields::None => "",
        }
        .trim()
    }

    /// The decimal mark to read the field at `index` with: a workbook's
    /// number cell is written with a point, whatever the file's mark.
    fn mark(self, index: usize, mark: DecimalMark) -> DecimalMark {
        match self {
            Fields::Sheet(record) if record.is_numeric_cell(index) => DecimalMark::Point,
            _ => mark,
        }
    }

    fn owned(self) -> Vec<String> {
        (0..self.len())
            .map(|index| self.get(index).to_owned())
            .collect()
    }

    pub(crate) fn is_blank(self) -> bool {
        (0..self.len()).all(|index| self.get(index).is_empty())
    }

    /// A `#` comment line (GA4 writes them above and between its tables).
    pub(crate) fn is_comment(self) -> bool {
        self.get(0).starts_with('#') && (1..self.len()).all(|index| self.get(index).is_empty())
    }

    /// A record must have as many fields as the header: one more or one
    /// less would shift values into the wrong columns.
    pub(crate) fn check_width(self, line: u64, width: usize) -> Result<(), RowError> {
        if self.len() == width {
            return Ok(());
        }
        Err(RowError::row(
            line,
            Message::new("import-row-width")
                .with("fields", self.len())
                .with("width", width),
        ))
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
    order: DateOrder,
}

impl Layout {
    fn ready() -> Layout {
        Layout {
            width: 0,
            headers: Vec::new(),
            day: 0,
            channel: Dimension::None,
            segment: Dimension::None,
            action: None,
            shape: Shape::Ready,
            mark: DecimalMark::Point,
            order: DateOrder::Dmy,
        }
    }
}

#[derive(Debug)]
enum Dimension {
    None,
    /// Read from a column; names of the built-in channels or segments (and
    /// the plan's), in French or English, become their ids (`E-mail` →
    /// `email`).
    Column(usize, Names),
    Fixed(String),
}

impl Dimension {
    fn column(&self) -> Option<usize> {
        match self {
            Dimension::Column(column, _) => Some(*column),
            _ => None,
        }
    }
}

#[derive(Debug)]
enum Shape {
    Long {
        measure: usize,
        value: usize,
        /// The measure names a row may give, normalised → measure id.
        measures: Box<Mapping>,
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
        let format = match options.format {
            Format::Auto => {
                let (format, detected) = detect(&rows, &info, &options)?;
                info.detected = Some(detected);
                format
            }
            given => given,
        };
        let mut reader = Reader {
            rows,
            layout: Layout::ready(),
            errors: Errors::default(),
            wide_row: None,
            wide_next: 0,
            last_day: None,
            unknown: [FxHashMap::default(), FxHashMap::default()],
            orders: None,
            finished: false,
            info,
        };
        match format {
            Format::Preset(preset) => reader.read_preset(preset, &options)?,
            generic => reader.open_generic(generic, &options)?,
        }
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

    /// A shop export's orders (each once, left-out ones included), for the
    /// store to keep as orders; `None` for any other file, or once taken.
    pub fn take_orders(&mut self) -> Option<Vec<Order>> {
        self.orders.take()
    }

    /// The next good observation, `None` at the end of the file. Bad rows
    /// are skipped and kept in [`Reader::errors`].
    pub fn next_observation(&mut self) -> Option<Observation<'_>> {
        // Finding the next observation borrows `self` mutably (to keep
        // errors); building it borrows the record. Two steps keep them apart.
        match self.find_next() {
            Some(found) => Some(self.build(found)),
            None => {
                self.finish();
                None
            }
        }
    }

    /// At the end of the file: the unknown values go into the info.
    fn finish(&mut self) {
        if self.finished {
            return;
        }
        self.finished = true;
        let [channels, segments] = std::mem::take(&mut self.unknown);
        let mut unknown: Vec<UnknownValue> = channels
            .into_iter()
            .map(|(value, counts)| (Kind::Channel, value, counts))
            .chain(
                segments
                    .into_iter()
                    .map(|(value, counts)| (Kind::Segment, value, counts)),
            )
            .map(|(kind, value, (rows, first_line))| {
                let closest = match (kind, &self.layout.channel, &self.layout.segment) {
                    (Kind::Channel, Dimension::Column(_, names), _)
                    | (Kind::Segment, _, Dimension::Column(_, names)) => {
                        names.closest(&value).cloned()
                    }
                    _ => None,
                };
                UnknownValue {
                    kind,
                    value,
                    rows,
                    first_line,
                    closest,
                }
            })
            .collect();
        unknown.sort_by_key(|value| (value.kind, value.first_line));
        self.info.unknown_values.extend(unknown);
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
                    if is_no_value(text) {
                        continue;
                    }
                    match parse_number(text, fields.mark(*column, self.layout.mark)) {
                        Ok(value) => {
                            return Some(Found::Wide {
                                line,
                                day,
                                measure: index,
                                value,
                            });
                        }
                        Err(error) => self.errors.push(field_error(
                            &self.layout.headers,
                            line,
                            *column,
                            error.message(),
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
        if fields.is_blank() || fields.is_comment() {
            return Ok(None);
        }
        let layout = &self.layout;
        fields.check_width(line, layout.width)?;
        let day_text = fields.get(layout.day);
        let day = match &self.last_day {
            Some((text, day)) if text == day_text => *day,
            _ => match read_day(day_text, layout.order) {
                Ok(day) => {
                    self.last_day = Some((day_text.to_owned(), day));
                    day
                }
                Err(error) => {
                    if self.is_summary_row(fields) {
                        self.info.skipped_rows.push(line);
                        return Ok(None);
                    }
                    return Err(field_error(
                        &layout.headers,
                        line,
                        layout.day,
                        error.message(),
                    ));
                }
            },
        };
        let [channels, segments] = &mut self.unknown;
        for (dimension, unknown) in [
            (&self.layout.channel, channels),
            (&self.layout.segment, segments),
        ] {
            if let Dimension::Column(column, names) = dimension {
                let text = fields.get(*column);
                if !text.is_empty() && names.id_of(text).is_none() {
                    // Counted by reference: a file may repeat one unknown
                    // value on every row.
                    match unknown.get_mut(text) {
                        Some((rows, _)) => *rows += 1,
                        None => {
                            unknown.insert(text.to_owned(), (1, line));
                        }
                    }
                }
            }
        }
        match &self.layout.shape {
            Shape::Long { measure, value, .. } => {
                let (measure_column, value_column) = (*measure, *value);
                let value_text = fields.get(value_column);
                if is_no_value(value_text) {
                    return Ok(None);
                }
                let name = fields.get(measure_column);
                let measure = match self.layout.long_measure(name) {
                    Some(index) => index,
                    None => {
                        let message = self.layout.unknown_measure(name);
                        return Err(field_error(
                            &self.layout.headers,
                            line,
                            measure_column,
                            message,
                        ));
                    }
                };
                let mark = fields.mark(value_column, self.layout.mark);
                let value = parse_number(value_text, mark).map_err(|error| {
                    field_error(&self.layout.headers, line, value_column, error.message())
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

    /// A row whose day does not read and that is a summary or total row:
    /// a total label in any cell, or every dimension cell empty while a
    /// figure is set.
    fn is_summary_row(&self, fields: Fields<'_>) -> bool {
        let layout = &self.layout;
        if (0..fields.len()).any(|index| is_total_label(fields.get(index))) {
            return true;
        }
        let dimensions = [
            Some(layout.day),
            layout.channel.column(),
            layout.segment.column(),
            layout.action,
        ];
        let empty_dimensions = dimensions
            .iter()
            .flatten()
            .all(|column| fields.get(*column).is_empty());
        let figures: Vec<usize> = match &layout.shape {
            Shape::Long { value, .. } => vec![*value],
            Shape::Wide { measures } => measures.iter().map(|(column, _)| *column).collect(),
            Shape::Ready => Vec::new(),
        };
        empty_dimensions
            && figures
                .iter()
                .any(|column| !is_no_value(fields.get(*column)))
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

    /// Sets up a long or wide file: its header, the decimal mark of its
    /// numeric columns, the order of its dates; hourly rows are summed into
    /// their days at once.
    fn open_generic(&mut self, format: Format, options: &Options) -> Result<(), FileError> {
        let header_line = self
            .rows
            .header_from(self.info.header_line, &mut self.errors)?;
        self.info.header_line = header_line;
        self.layout = layout(
            header_line,
            self.rows.fields(),
            format,
            options,
            &mut self.info,
        )?;
        // The decimal mark, from the columns read as numbers only.
        let numeric: Vec<usize> = match &self.layout.shape {
            Shape::Long { value, .. } => vec![*value],
            Shape::Wide { measures } => measures.iter().map(|(column, _)| *column).collect(),
            Shape::Ready => Vec::new(),
        };
        // One look at the first rows: the decimal mark of the columns read
        // as numbers only, and the shape of the dates, from the whole
        // column when the sample does not prove their order.
        let day = self.layout.day;
        let mut votes = MarkVotes::default();
        let mut evidence = DateEvidence::default();
        let mut sampled = 0;
        self.rows
            .scan(header_line, Some(SAMPLE_RECORDS), |line, fields| {
                sampled += 1;
                for column in &numeric {
                    if !matches!(fields, Fields::Sheet(record) if record.is_numeric_cell(*column)) {
                        votes.add(fields.get(*column));
                    }
                }
                evidence.add(line, fields.get(day));
                true
            });
        let delimiter = self.info.delimiter.unwrap_or(b',');
        match votes.told() {
            Some(mark) => self.info.decimal_mark = mark,
            None => {
                self.info.decimal_mark = DecimalMark::assumed(delimiter);
                self.info.decimal_mark_assumed = votes.matters();
            }
        }
        self.layout.mark = self.info.decimal_mark;
        if evidence.needs_order() && !evidence.proved() && sampled == SAMPLE_RECORDS {
            self.rows.scan(header_line, None, |line, fields| {
                evidence.add(line, fields.get(day));
                !evidence.proved()
            });
        }
        let header = self.layout.headers[day].clone();
        let told = (!self.info.decimal_mark_assumed).then_some(self.info.decimal_mark);
        let default = day::assumed_order(options.default_date_order, self.info.delimiter, told);
        let decision = evidence
            .decide(options.date_order, default)
            .map_err(|conflict| FileError::DateOrders {
                header: header.clone(),
                conflict,
            })?;
        self.layout.order = decision.order;
        let timed = decision.timed;
        self.info.dates = Some(DatesRead { header, decision });
        if timed {
            self.sum_hours(options);
        }
        Ok(())
    }

    /// Reads every row of an hourly file and sums each day's values (two
    /// rows of the same hour and key are a duplicate, an error).
    fn sum_hours(&mut self, options: &Options) {
        // (day, measure, channel, segment, action).
        type Key = (Date, String, Option<String>, Option<String>, Option<String>);
        // (date-time as written, measure, channel, segment, action).
        type Stamped = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let mut sums: BTreeMap<Key, (Decimal, u64)> = BTreeMap::new();
        let mut seen: FxHashMap<Stamped, u64> = FxHashMap::default();
        let mut errors = Vec::new();
        while let Some(found) = self.find_next() {
            let stamp = self.rows.fields().get(self.layout.day).to_owned();
            let observation = self.build(found);
            let line = observation.line;
            let key = (
                observation.day,
                observation.measure.to_owned(),
                observation.channel.map(str::to_owned),
                observation.segment.map(str::to_owned),
                observation.action.map(str::to_owned),
            );
            if !options.mapping.is_additive(&key.1) {
                errors.push(field_error(
                    &self.layout.headers,
                    line,
                    self.layout.day,
                    Message::new("import-row-hourly-mean").with("measure", key.1.as_str()),
                ));
                continue;
            }
            let stamp_key = (
                stamp,
                key.1.clone(),
                key.2.clone(),
                key.3.clone(),
                key.4.clone(),
            );
            if let Some(first) = seen.get(&stamp_key) {
                errors.push(RowError::row(
                    line,
                    Message::new("import-row-same-hour")
                        .with("stamp", stamp_key.0.as_str())
                        .with("first", first.to_string()),
                ));
                continue;
            }
            seen.insert(stamp_key, line);
            let value = observation.value;
            let entry = sums.entry(key).or_insert((Decimal::ZERO, line));
            match entry.0.checked_add(value) {
                Some(sum) => entry.0 = sum,
                None => errors.push(RowError::row(
                    line,
                    Message::new("import-row-sum-too-large"),
                )),
            }
        }
        for error in errors {
            self.errors.push(error);
        }
        let observations: Vec<OwnedObservation> = sums
            .into_iter()
            .map(
                |((day, measure, channel, segment, action), (value, line))| OwnedObservation {
                    line,
                    day,
                    measure,
                    value: value.normalize(),
                    channel,
                    segment,
                    action,
                },
            )
            .collect();
        self.rows = Rows::Ready {
            observations: observations.into_iter(),
            current: None,
        };
        // Kept for the unknown values' closest names.
        self.layout.shape = Shape::Ready;
    }

    /// Reads a tool's export whole: rows summed into days, or orders kept.
    fn read_preset(&mut self, preset: &'static Preset, options: &Options) -> Result<(), FileError> {
        let rows = std::mem::replace(
            &mut self.rows,
            Rows::Ready {
                observations: Vec::new().into_iter(),
                current: None,
            },
        );
        let mut split_errors = Vec::new();
        let records = rows.into_records(&mut split_errors);
        let delimiter = self.info.delimiter.unwrap_or(b',');
        let read = preset.read(records, &options.context(delimiter));
        for error in split_errors {
            self.errors.push(error);
        }
        let read = match read {
            Ok(read) => read,
            Err(crate::preset::PresetError::File(error)) => return Err(error),
            Err(crate::preset::PresetError::Rows(errors, count)) => {
                let listed = errors.len() as u64;
                for error in errors {
                    self.errors.push(error);
                }
                self.errors.count += count.saturating_sub(listed);
                crate::preset::PresetRead::default()
            }
        };
        self.info.format = Format::Preset(preset);
        self.info.header_line = read.header_line;
        self.info.columns = read.columns;
        self.info.left_out = read.left_out;
        self.info.dates = read.dates;
        self.info.skipped_rows = read.skipped_rows;
        self.info.unknown_values = read.unknown_values;
        if let Some(mark) = read.decimal_mark {
            self.info.decimal_mark = mark;
            self.info.decimal_mark_assumed = read.decimal_mark_assumed;
        }
        if preset.is_orders() {
            self.info.orders = Some(read.tally);
            self.orders = Some(read.orders);
        }
        self.rows = Rows::Ready {
            observations: read.observations.into_iter(),
            current: None,
        };
        self.finished = true;
        Ok(())
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

fn field_error(headers: &[String], line: u64, column: usize, message: Message) -> RowError {
    RowError {
        line,
        column: Some(column + 1),
        header: headers.get(column).cloned(),
        message,
    }
}

impl Layout {
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

    fn unknown_measure(&self, name: &str) -> Message {
        let known = match &self.shape {
            Shape::Long { measures, .. } => measures.known_measures().join(", "),
            _ => String::new(),
        };
        Message::new("import-row-unknown-measure")
            .with("name", name)
            .with("known", known)
    }
}

fn dimension_value<'a>(dimension: &'a Dimension, fields: Fields<'a>) -> Option<&'a str> {
    match dimension {
        Dimension::None => None,
        Dimension::Column(column, names) => Some(fields.get(*column))
            .filter(|text| !text.is_empty())
            .map(|text| names.id_of(text).unwrap_or(text)),
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
/// what was found (container, encoding, delimiter, header row); the
/// decimal mark is the readers' to judge, from the columns they read
/// ([`values_mark`] for a reader that reads every column as a number).
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
    let dialect = sniff(&text);
    let delimiter = dialect.delimiter.unwrap_or(b',');
    let rows = Rows::Csv {
        reader: csv_builder(delimiter).from_reader(Cursor::new(text.into_bytes())),
        record: csv::StringRecord::new(),
        delimiter,
        line: 0,
        lines: LineCounter::new(),
    };
    let mut info = FileInfo::new("csv", Some(encoding));
    info.delimiter = dialect.delimiter;
    info.decimal_mark = DecimalMark::assumed(delimiter);
    info.header_line = dialect.header_line;
    (rows, info)
}

/// Reads the first sheet with data of a workbook into text records:
/// numbers written as plain decimals (marked as numbers), dates as ISO
/// days.
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
            let mut numeric = vec![false; first_column as usize];
            for cell in row {
                let (text, number) = match cell {
                    Data::Empty => (String::new(), false),
                    Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
                        (text.clone(), false)
                    }
                    Data::Float(number) => (spreadsheet_number(*number), true),
                    Data::Int(number) => (number.to_string(), true),
                    Data::Bool(flag) => (flag.to_string(), false),
                    Data::DateTime(moment) => (excel_day(moment.as_f64()), false),
                    Data::Error(error) => (format!("#{error:?}"), false),
                };
                fields.push(text);
                numeric.push(number);
            }
            records.push(Record {
                line: u64::from(first_row) + index as u64 + 1,
                fields,
                numeric,
            });
        }
        break;
    }
    if records.is_empty() {
        return Err(FileError::NoSheet);
    }
    // The header: the first row that is neither blank nor a comment.
    let header_line = records
        .iter()
        .find(|record| {
            let fields = Fields::Sheet(record);
            !fields.is_blank() && !fields.is_comment()
        })
        .map_or(1, |record| record.line);
    let rows = Rows::Sheet { records, next: 0 };
    let mut info = FileInfo::new(container, None);
    info.decimal_mark = decimal_mark;
    info.header_line = header_line;
    Ok((rows, info))
}

/// The decimal mark of every value under the header of a text file (the
/// experiment reader's, whose columns are all numbers but the day and the
/// variant); a workbook's was judged from its text cells when it was opened.
pub(crate) fn values_mark(rows: &Rows, info: &FileInfo, header_line: u64) -> DecimalMark {
    if !matches!(rows, Rows::Csv { .. }) {
        return info.decimal_mark;
    }
    let mut votes = MarkVotes::default();
    rows.scan(header_line, Some(SAMPLE_RECORDS), |_, fields| {
        for index in 0..fields.len() {
            votes.add(fields.get(index));
        }
        true
    });
    votes
        .told()
        .unwrap_or_else(|| DecimalMark::assumed(info.delimiter.unwrap_or(b',')))
}

/// A spreadsheet's number cell as a decimal: the fifteen significant
/// digits a spreadsheet shows (a cell holding `0.1 + 0.2` is `0.3`),
/// written with a point.
fn spreadsheet_number(number: f64) -> String {
    if !number.is_finite() {
        return number.to_string();
    }
    let rounded = format!("{number:.14e}");
    match rounded.parse::<f64>() {
        Ok(value) => match Decimal::try_from(value) {
            Ok(decimal) => decimal.normalize().to_string(),
            Err(_) => value.to_string(),
        },
        Err(_) => number.to_string(),
    }
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

/// How well a header row fits kpilot's long and wide layouts.
struct GenericFit {
    /// Every column is known (or a ratio, left out), with a day and a
    /// measure.
    full: bool,
    unknown: Vec<(usize, String)>,
    /// The columns it names.
    known: Vec<String>,
}

fn generic_fit(header: &Record, mapping: &Mapping) -> GenericFit {
    let mut unknown = Vec::new();
    let mut known = Vec::new();
    let (mut day, mut measure, mut name, mut value) = (false, false, false, false);
    for (index, text) in header.fields.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match mapping.resolve(text) {
            Matched::Column(column, _) => {
                known.push(text.to_owned());
                match column {
                    Column::Day => day = true,
                    Column::Measure(_) => measure = true,
                    Column::MeasureName => name = true,
                    Column::Value => value = true,
                    _ => {}
                }
            }
            Matched::Ratio => {}
            Matched::Unknown => unknown.push((index + 1, text.to_owned())),
        }
    }
    GenericFit {
        full: unknown.is_empty() && day && (measure || (name && value)),
        unknown,
        known,
    }
}

/// Tells a file's format for `--format auto`: a tool's export when its
/// marks (GA4's comment block, Google Ads' title lines) say so, else
/// kpilot's own layout when its header names kpilot's columns, else the
/// tool export whose columns it has; else the unknown columns, with the
/// closest tool export and what it lacks.
fn detect(
    rows: &Rows,
    info: &FileInfo,
    options: &Options,
) -> Result<(Format, Detected), FileError> {
    let records = rows.peek(PEEK_RECORDS);
    let header = records
        .iter()
        .find(|record| {
            record.line >= info.header_line
                && !Fields::Sheet(record).is_blank()
                && !Fields::Sheet(record).is_comment()
        })
        .ok_or(FileError::Empty)?;
    let fit = generic_fit(header, &options.mapping);
    let recognitions: Vec<(&'static Preset, Recognition)> = crate::preset::all()
        .iter()
        .map(|preset| (preset, preset.recognise(&records)))
        .collect();
    // A tool's export is told by its marks, or by a column of its own: one
    // of its signature (`Reporting starts`, `Financial Status`), or one it
    // reads that kpilot's layout does not know (a channel group, `Impr.`):
    // a file of `Date` and `Sessions` is kpilot's, not GA4's.
    let best_full = recognitions
        .iter()
        .filter_map(|(preset, recognition)| match recognition {
            Recognition::Full {
                score,
                marked,
                signed,
                columns,
                ..
            } => {
                let own = *signed
                    || columns
                        .iter()
                        .any(|header| options.mapping.resolve(header) == Matched::Unknown);
                (*marked || own).then_some(((*marked, *signed, *score), *preset, recognition))
            }
            _ => None,
        })
        // Marked first, then signed, then the most columns, then the first
        // documented.
        .rev()
        .max_by_key(|(rank, _, _)| *rank)
        .map(|((marked, _, score), preset, recognition)| (marked, score, preset, recognition));
    let preset_detected = |preset: &'static Preset, recognition: &Recognition| {
        let evidence = match recognition {
            Recognition::Full { evidence, .. } => evidence.clone(),
            _ => Message::new("import-detected-columns").with("columns", ""),
        };
        (
            Format::Preset(preset),
            Detected {
                why: Message::new("import-detected-preset")
                    .with("preset", preset.name)
                    .with("title", preset.title)
                    .with("evidence", evidence),
            },
        )
    };
    if let Some((true, _, preset, recognition)) = best_full {
        return Ok(preset_detected(preset, recognition));
    }
    // Every column is kpilot's: its own layout, even when it lacks a day or
    // a measure (which its header check then names).
    if fit.full || (fit.unknown.is_empty() && best_full.is_none()) {
        return Ok((
            Format::Auto,
            Detected {
                why: Message::new("import-detected-generic").with("columns", fit.known.join(", ")),
            },
        ));
    }
    if let Some((_, _, preset, recognition)) = best_full {
        return Ok(preset_detected(preset, recognition));
    }
    let closest = recognitions
        .iter()
        .filter_map(|(preset, recognition)| match recognition {
            Recognition::Near { score, lacks, .. } => Some((*score, *preset, lacks)),
            _ => None,
        })
        .max_by_key(|(score, _, _)| *score)
        .map(|(_, preset, lacks)| {
            Box::new(NearPreset {
                name: preset.name,
                title: preset.title,
                lacks: lacks.clone(),
            })
        });
    Err(FileError::UnknownColumns {
        line: header.line,
        columns: fit.unknown,
        known: known_names(&options.mapping),
        closest,
    })
}

fn known_names(mapping: &Mapping) -> Vec<String> {
    ["date", "channel", "segment", "action", "measure", "value"]
        .into_iter()
        .chain(mapping.known_measures())
        .map(str::to_owned)
        .collect()
}

/// Matches the header of a long or wide file.
fn layout(
    line: u64,
    header: Fields<'_>,
    format: Format,
    options: &Options,
    info: &mut FileInfo,
) -> Result<Layout, FileError> {
    let mapping = &options.mapping;
    if let Err(ratio) = mapping.check_user_entries() {
        return Err(FileError::MapRatio {
            header: ratio.header,
            measure: ratio.measure,
        });
    }
    let headers: Vec<String> = (0..header.len())
        .map(|index| header.get(index).to_owned())
        .collect();
    for (entry, _) in mapping.user_entries() {
        let named = crate::header::normalize(entry);
        if !headers
            .iter()
            .any(|header| crate::header::normalize(header) == named)
        {
            return Err(FileError::MapUnused {
                entry: entry.to_owned(),
            });
        }
    }
    let mut columns: Vec<Column> = Vec::new();
    let mut unknown = Vec::new();
    for (index, text) in headers.iter().enumerate() {
        let column = match mapping.resolve(text) {
            Matched::Column(column, currency) => {
                if let Some(found) = currency
                    && !options.currencies.is_empty()
                    && !options.currencies.contains(&found)
                {
                    return Err(FileError::Currency {
                        line,
                        column: index + 1,
                        header: text.clone(),
                        found,
                        expected: options.currencies.clone(),
                    });
                }
                column
            }
            Matched::Ratio => {
                info.left_out.push(ColumnLeft {
                    column: index + 1,
                    header: text.clone(),
                    why: Left::Ratio,
                });
                Column::Skip
            }
            Matched::Unknown if text.is_empty() => Column::Skip,
            Matched::Unknown => {
                unknown.push((index + 1, text.clone()));
                Column::Skip
            }
        };
        if column == Column::Skip
            && !text.is_empty()
            && mapping.user_column(text) == Some(&Column::Skip)
        {
            info.left_out.push(ColumnLeft {
                column: index + 1,
                header: text.clone(),
                why: Left::Skipped,
            });
        }
        columns.push(column);
    }
    if !unknown.is_empty() {
        return Err(FileError::UnknownColumns {
            line,
            columns: unknown,
            known: known_names(mapping),
            closest: None,
        });
    }
    // One column per role: a second Date or a second Sessions column would
    // make one of them silently lost.
    for (second, column) in columns.iter().enumerate() {
        if *column == Column::Skip {
            continue;
        }
        if let Some(first) = columns[..second].iter().position(|c| c == column) {
            return Err(FileError::SameColumnTwice {
                line,
                first: first + 1,
                second: second + 1,
                header: headers[second].clone(),
                role: role_of(column),
            });
        }
    }
    let find = |wanted: &Column| columns.iter().position(|column| column == wanted);
    let day = find(&Column::Day).ok_or(FileError::NoDayColumn { line })?;
    let dimension = |column: Column, flag: &Option<String>, kind: Kind| {
        let names = match kind {
            Kind::Channel => Names::channels(&options.channels),
            Kind::Segment => Names::segments(&options.segments),
        };
        match (find(&column), flag) {
            (Some(index), Some(_)) => Err(FileError::FlagAndColumn {
                line,
                kind,
                column: index + 1,
            }),
            (Some(index), None) => Ok(Dimension::Column(index, names)),
            (None, Some(value)) => {
                let value = value.trim();
                Ok(Dimension::Fixed(
                    names.id_of(value).unwrap_or(value).to_owned(),
                ))
            }
            (None, None) => Ok(Dimension::None),
        }
    };
    let channel = dimension(Column::Channel, &options.channel, Kind::Channel)?;
    let segment = dimension(Column::Segment, &options.segment, Kind::Segment)?;
    let action = find(&Column::Action);
    let measure_name = find(&Column::MeasureName);
    let value = find(&Column::Value);
    let long = match format {
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
            measures: Box::new(mapping.clone()),
            names: std::collections::HashMap::new(),
            ids: Vec::new(),
        }
    } else {
        let measures: Vec<(usize, String)> = columns
            .iter()
            .enumerate()
            .filter_map(|(index, column)| match column {
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
    info.columns = columns
        .iter()
        .enumerate()
        .filter(|(_, column)| **column != Column::Skip)
        .map(|(index, column)| ColumnRead {
            column: index + 1,
            header: headers[index].clone(),
            role: role_of(column),
        })
        .collect();
    Ok(Layout {
        width: header.len(),
        headers,
        day,
        channel,
        segment,
        action,
        shape,
        mark: info.decimal_mark,
        order: options.default_date_order,
    })
}

fn role_of(column: &Column) -> Role {
    match column {
        Column::Day => Role::Day,
        Column::Channel => Role::Channel,
        Column::Segment => Role::Segment,
        Column::Action => Role::Action,
        Column::MeasureName => Role::MeasureName,
        Column::Value => Role::Value,
        Column::Measure(id) => Role::Measure(id.clone()),
        // Skipped columns have no role; never asked.
        Column::Skip => Role::Value,
    }
}
