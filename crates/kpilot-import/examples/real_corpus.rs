//! The guarantee on real exports: every file of the corpus
//! (`tests/data/real/`, see its SOURCES.md) is read with `--format auto`
//! and with its tool's format, and either gives every figure that
//! `expected.py` computed without kpilot (the totals, each day's, each
//! channel's, the orders counted and left out by status), or is refused
//! with a message that names its line. A file accepted with one figure that
//! differs fails the run.
//!
//! The files themselves are not in the repository (the search tool's rule
//! for what `fetch` brings): `strip.py` puts them in `files/` from the
//! fetched snapshots. Run with `bash scripts/real-corpus`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use kpilot_import::reader::{Format, Options, Reader};
use kpilot_text::Lang;
use rust_decimal::Decimal;

/// What a reading gave, in the shape of `expected.json`.
#[derive(Debug, Default, PartialEq)]
struct Figures {
    totals: BTreeMap<String, Decimal>,
    days: BTreeMap<String, BTreeMap<String, Decimal>>,
    channels: BTreeMap<String, BTreeMap<String, Decimal>>,
    counted: Option<u64>,
    left_out: BTreeMap<String, u64>,
}

enum Read {
    Figures(Figures),
    /// Refused: the sentence, and whether it names a line.
    Refused(String, bool),
}

fn read(path: &Path, format: Format) -> Read {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => return Read::Refused(format!("cannot read: {error}"), false),
    };
    let name = path.display().to_string();
    let mut reader = match Reader::open(&name, bytes, Options::new(format)) {
        Ok(reader) => reader,
        Err(error) => {
            let names_line = error.line().is_some();
            return Read::Refused(error.message().render(Lang::En), names_line);
        }
    };
    let mut figures = Figures::default();
    while let Some(observation) = reader.next_observation() {
        let add = |map: &mut BTreeMap<String, Decimal>| {
            *map.entry(observation.measure.to_owned()).or_default() += observation.value;
        };
        add(&mut figures.totals);
        add(figures.days.entry(observation.day.to_string()).or_default());
        add(figures
            .channels
            .entry(observation.channel.unwrap_or("").to_owned())
            .or_default());
    }
    if reader.error_count() > 0 {
        let first = &reader.errors()[0];
        return Read::Refused(
            format!(
                "{} bad rows, the first: {}",
                reader.error_count(),
                first.render(Lang::En)
            ),
            true,
        );
    }
    if let Some(tally) = &reader.info().orders {
        figures.counted = Some(tally.counted);
        figures.left_out = tally.left_out.iter().cloned().collect();
        if tally.counted == 0 {
            return Read::Refused(
                "no order is a sale: refused as empty (--allow-empty)".to_owned(),
                false,
            );
        }
    }
    if figures.totals.is_empty() {
        return Read::Refused("no value: refused as empty".to_owned(), false);
    }
    Read::Figures(figures)
}

fn decimals(value: &serde_json::Value) -> BTreeMap<String, Decimal> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(measure, value)| {
            let value: Decimal = value.as_str()?.parse().ok()?;
            Some((measure.clone(), value))
        })
        .collect()
}

fn expected(entry: &serde_json::Value) -> Figures {
    let nested = |key: &str| -> BTreeMap<String, BTreeMap<String, Decimal>> {
        entry[key]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(key, value)| (key.clone(), decimals(value)))
            .collect()
    };
    Figures {
        totals: decimals(&entry["totals"]),
        days: nested("days"),
        channels: nested("channels"),
        counted: entry["orders"]["counted"].as_u64(),
        left_out: {
            let mut left_out = BTreeMap::new();
            // `cancelled (Cancelled at set, …)`: the why, without its gloss.
            for (status, count) in entry["orders"]["left_out"]
                .as_object()
                .into_iter()
                .flatten()
            {
                let why = status.split(" (").next().unwrap_or(status).to_lowercase();
                *left_out.entry(why).or_default() += count.as_u64().unwrap_or(0);
            }
            left_out
        },
    }
}

/// The differences between what was read and what was expected, as lines.
fn differences(read: &Figures, expected: &Figures) -> Vec<String> {
    let mut out = Vec::new();
    let mut compare =
        |what: &str, read: &BTreeMap<String, Decimal>, expected: &BTreeMap<String, Decimal>| {
            for key in read.keys().chain(expected.keys()) {
                let (r, e) = (read.get(key), expected.get(key));
                if r.map(|v| v.normalize()) != e.map(|v| v.normalize()) {
                    out.push(format!("{what} {key}: read {r:?}, expected {e:?}"));
                }
            }
        };
    compare("total", &read.totals, &expected.totals);
    let days: std::collections::BTreeSet<&String> =
        read.days.keys().chain(expected.days.keys()).collect();
    let empty = BTreeMap::new();
    for day in days {
        compare(
            &format!("day {day}"),
            read.days.get(day).unwrap_or(&empty),
            expected.days.get(day).unwrap_or(&empty),
        );
    }
    let channels: std::collections::BTreeSet<&String> = read
        .channels
        .keys()
        .chain(expected.channels.keys())
        .collect();
    for channel in channels {
        compare(
            &format!("channel {channel}"),
            read.channels.get(channel).unwrap_or(&empty),
            expected.channels.get(channel).unwrap_or(&empty),
        );
    }
    if expected.counted.is_some() && read.counted != expected.counted {
        out.push(format!(
            "orders counted: read {:?}, expected {:?}",
            read.counted, expected.counted
        ));
    }
    if expected.counted.is_some() && read.left_out != expected.left_out {
        out.push(format!(
            "orders left out: read {:?}, expected {:?}",
            read.left_out, expected.left_out
        ));
    }
    out.dedup();
    out
}

fn main() -> ExitCode {
    let folder = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/real").to_owned());
    let folder = Path::new(&folder);
    let text = match std::fs::read_to_string(folder.join("expected.json")) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{}: {error}", folder.join("expected.json").display());
            return ExitCode::from(2);
        }
    };
    let entries: Vec<serde_json::Value> = match serde_json::from_str(&text) {
        Ok(entries) => entries,
        Err(error) => {
            eprintln!("expected.json: {error}");
            return ExitCode::from(2);
        }
    };
    let (mut good, mut refused, mut wrong, mut missing) = (0, 0, 0, 0);
    for entry in &entries {
        let file = entry["file"].as_str().unwrap_or_default();
        let path = folder.join("files").join(file);
        if !path.exists() {
            println!("MISSING  {file}: run strip.py first");
            missing += 1;
            continue;
        }
        let format = entry["format"].as_str().and_then(Format::parse);
        let want = expected(entry);
        for (label, format) in [("auto", Some(Format::Auto)), ("preset", format)] {
            let Some(format) = format else { continue };
            match read(&path, format) {
                Read::Figures(figures) => {
                    let differences = differences(&figures, &want);
                    if differences.is_empty() && entry["expect"] == "import" {
                        println!(
                            "OK       {file} ({label}): {} measures, {} days",
                            figures.totals.len(),
                            figures.days.len()
                        );
                        good += 1;
                    } else {
                        println!("WRONG    {file} ({label}): accepted, but");
                        if entry["expect"] != "import" {
                            println!("           expected a refusal: {}", entry["reason"]);
                        }
                        for difference in differences.iter().take(12) {
                            println!("           {difference}");
                        }
                        wrong += 1;
                    }
                }
                Read::Refused(message, names_line) => {
                    // A shop export whose every order is left out holds no
                    // sale: refused as empty, as it must be (issue 17).
                    let empty = want.counted == Some(0);
                    let expected = if entry["expect"] == "import" && !empty {
                        "REFUSED! "
                    } else {
                        "refused  "
                    };
                    let line = if names_line { "" } else { " [no line named]" };
                    println!("{expected}{file} ({label}): {message}{line}");
                    refused += 1;
                }
            }
        }
    }
    println!(
        "\n{} files: {good} readings right, {refused} refused, {wrong} accepted with a figure that differs, {missing} missing",
        entries.len()
    );
    if wrong > 0 || missing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
