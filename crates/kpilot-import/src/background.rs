//! Reading a file on a second thread while the caller stores what was read:
//! parsing and storing each take about half the time of an import, so on a
//! machine with two cores this nearly halves it.
//!
//! The reading thread sends chunks of observations whose texts (measure,
//! channel, segment, action) are numbers in a table of names, sent once
//! each; the receiving side lends observations that borrow from its copy of
//! that table. The thread also adds up the [`Summary`] of the file.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::reader::{FileInfo, Observation, Reader};
use crate::record::RowError;

/// Observations per chunk sent between the threads.
const CHUNK: usize = 8192;
/// Chunks in flight: bounds the memory the reading thread can run ahead by.
const IN_FLIGHT: usize = 4;
/// Marks "no name" in a row.
const NONE: u32 = u32::MAX;

/// What a file holds: values, days, measures with their totals, channels
/// and segments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub values: u64,
    pub days: u64,
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    /// Measure → (values, total); the total is `None` if it overflowed.
    pub measures: BTreeMap<String, (u64, Option<Decimal>)>,
    pub channels: Vec<String>,
    pub segments: Vec<String>,
}

/// The end of a read: the bad rows and the summary of the good ones.
#[derive(Debug)]
pub struct Finished {
    pub info: FileInfo,
    /// The first bad rows, up to [`crate::reader::MAX_LISTED_ERRORS`].
    pub errors: Vec<RowError>,
    pub error_count: u64,
    pub summary: Summary,
}

#[derive(Debug, Clone, Copy)]
struct Row {
    line: u64,
    day: Date,
    value: Decimal,
    measure: u32,
    channel: u32,
    segment: u32,
    action: u32,
}

#[derive(Debug)]
struct Chunk {
    rows: Vec<Row>,
    /// Names first used in this chunk, numbered after those already sent.
    new_names: Vec<String>,
    /// Bad rows found up to the end of this chunk.
    error_count: u64,
}

/// A file being read on its own thread.
#[derive(Debug)]
pub struct Background {
    receiver: Receiver<Chunk>,
    thread: Option<JoinHandle<Finished>>,
    names: Vec<String>,
    rows: Vec<Row>,
    next: usize,
    error_count: u64,
}

impl Background {
    /// Starts reading `reader` on a new thread.
    pub fn start(reader: Reader) -> std::io::Result<Background> {
        let (sender, receiver) = sync_channel(IN_FLIGHT);
        let thread = std::thread::Builder::new()
            .name("kpilot-reader".to_owned())
            .spawn(move || produce(reader, sender))?;
        Ok(Background {
            receiver,
            thread: Some(thread),
            names: Vec::new(),
            rows: Vec::new(),
            next: 0,
            error_count: 0,
        })
    }

    /// The next good observation, `None` at the end of the file.
    pub fn next_observation(&mut self) -> Option<Observation<'_>> {
        while self.next == self.rows.len() {
            let chunk = self.receiver.recv().ok()?;
            self.names.extend(chunk.new_names);
            self.error_count = chunk.error_count;
            self.rows = chunk.rows;
            self.next = 0;
        }
        let row = self.rows[self.next];
        self.next += 1;
        let name = |number: u32| (number != NONE).then(|| self.names[number as usize].as_str());
        Some(Observation {
            line: row.line,
            day: row.day,
            measure: name(row.measure).unwrap_or_default(),
            value: row.value,
            channel: name(row.channel),
            segment: name(row.segment),
            action: name(row.action),
        })
    }

    /// Whether every row read so far was good.
    pub fn is_clean(&self) -> bool {
        self.error_count == 0
    }

    /// Waits for the reading thread (reading the rest of the file if the
    /// caller stopped early) and gives its bad rows and summary.
    pub fn finish(mut self) -> Finished {
        // Dropping the receiver ends a thread that is still sending.
        let thread = self.thread.take();
        drop(self);
        match thread.map(JoinHandle::join) {
            Some(Ok(finished)) => finished,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => unreachable!("the thread is joined once"),
        }
    }
}

fn produce(mut reader: Reader, sender: SyncSender<Chunk>) -> Finished {
    let mut numbers: HashMap<String, u32> = HashMap::default();
    let mut new_names = Vec::new();
    let mut rows = Vec::with_capacity(CHUNK);
    let mut totals = Tally::default();
    let mut receiver_gone = false;
    while let Some(observation) = reader.next_observation() {
        if receiver_gone {
            continue;
        }
        totals.add(&observation);
        let mut number = |name: Option<&str>| match name {
            None => NONE,
            Some(name) => match numbers.get(name) {
                Some(number) => *number,
                None => {
                    let number = u32::try_from(numbers.len()).unwrap_or(NONE - 1);
                    numbers.insert(name.to_owned(), number);
                    new_names.push(name.to_owned());
                    number
                }
            },
        };
        rows.push(Row {
            line: observation.line,
            day: observation.day,
            value: observation.value,
            measure: number(Some(observation.measure)),
            channel: number(observation.channel),
            segment: number(observation.segment),
            action: number(observation.action),
        });
        if rows.len() == CHUNK {
            let chunk = Chunk {
                rows: std::mem::replace(&mut rows, Vec::with_capacity(CHUNK)),
                new_names: std::mem::take(&mut new_names),
                error_count: reader.error_count(),
            };
            receiver_gone = sender.send(chunk).is_err();
        }
    }
    let _ = sender.send(Chunk {
        rows,
        new_names,
        error_count: reader.error_count(),
    });
    Finished {
        info: reader.info().clone(),
        errors: reader.errors().to_vec(),
        error_count: reader.error_count(),
        summary: totals.summary(),
    }
}

/// A summary being added up, observation by observation: what the
/// reading thread keeps of a file, and what any other source of
/// observations (values pushed through the API, the demo's) can keep.
#[derive(Debug, Default)]
pub struct Tally {
    values: u64,
    days: HashSet<Date>,
    last_day: Option<Date>,
    measures: HashMap<String, (u64, Option<Decimal>)>,
    channels: HashSet<String>,
    segments: HashSet<String>,
}

impl Tally {
    pub fn add(&mut self, observation: &Observation<'_>) {
        self.values += 1;
        // Files come in day order: most rows repeat the last day.
        if self.last_day != Some(observation.day) {
            self.last_day = Some(observation.day);
            self.days.insert(observation.day);
        }
        match self.measures.get_mut(observation.measure) {
            Some((count, total)) => {
                *count += 1;
                *total = total.and_then(|total| total.checked_add(observation.value));
            }
            None => {
                self.measures
                    .insert(observation.measure.to_owned(), (1, Some(observation.value)));
            }
        }
        for (set, name) in [
            (&mut self.channels, observation.channel),
            (&mut self.segments, observation.segment),
        ] {
            if let Some(name) = name
                && !set.contains(name)
            {
                set.insert(name.to_owned());
            }
        }
    }

    pub fn summary(self) -> Summary {
        let sorted = |set: HashSet<String>| {
            let mut names: Vec<String> = set.into_iter().collect();
            names.sort_unstable();
            names
        };
        Summary {
            values: self.values,
            days: self.days.len() as u64,
            first_day: self.days.iter().min().copied(),
            last_day: self.days.iter().max().copied(),
            measures: self.measures.into_iter().collect(),
            channels: sorted(self.channels),
            segments: sorted(self.segments),
        }
    }
}
