//! No input makes the readers panic. Property tests feed them random bytes,
//! spreadsheet-like text built from the tokens real exports hold, and
//! mutations (flipped, inserted, deleted bytes, truncation) of the files of
//! `tests/data` (the corpus: every fixture, and every input that ever broke
//! a reader, kept in `tests/data/regressions`).

use std::path::PathBuf;

use kpilot_import::reader::{Format, Options, Reader};
use proptest::prelude::*;

/// Opens and drains a file; what matters is that it returns.
fn read_all(name: &str, bytes: Vec<u8>, format: Format) -> (u64, u64) {
    let options = Options::new(format);
    let Ok(mut reader) = Reader::open(name, bytes, options) else {
        return (0, 0);
    };
    let mut observations = 0;
    while reader.next_observation().is_some() {
        observations += 1;
    }
    (observations, reader.error_count())
}

fn formats() -> Vec<Format> {
    let mut formats = vec![Format::Auto, Format::Long, Format::Wide];
    formats.extend(
        kpilot_import::preset_names()
            .into_iter()
            .filter_map(kpilot_import::find_preset)
            .map(Format::Preset),
    );
    formats
}

/// Every file under `tests/data`, recursively.
fn corpus() -> Vec<(String, Vec<u8>)> {
    fn walk(folder: PathBuf, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.map(|entry| entry.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                // The real exports are checked by their own test, and are
                // not in every checkout.
                if !path.ends_with("real") {
                    walk(path, out);
                }
            } else if path.extension().is_none_or(|extension| extension != "py") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
        &mut files,
    );
    assert!(files.len() >= 3, "the corpus is tests/data");
    files
}

#[test]
fn the_corpus_reads_without_panicking() {
    for (name, bytes) in corpus() {
        for format in formats() {
            read_all(&name, bytes.clone(), format);
        }
    }
}

/// Pieces of real exports, glued at random.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "date",
        "Date",
        "Jour",
        "measure",
        "value",
        "Canal",
        "Segment",
        "action",
        "sessions",
        "Chiffre d'affaires",
        "Dépenses",
        "CA",
        "Visites",
        "2026-01-31",
        "31/01/2026",
        "31.01.2026",
        "2026-01-31T10:00:00+01:00",
        "20260131",
        "Jan 15, 2026",
        "1 234,56",
        "1\u{a0}234,56",
        "1\u{202f}234,56",
        "1.234,56",
        "1,234.56",
        "-12,5",
        "(12.50)",
        "12,5 %",
        "€",
        "0",
        "99999999999999999999999999999999",
        "1e10",
        "NaN",
        ",",
        ";",
        "\t",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "\r",
        " ",
        "#",
        "Total",
        "email",
        "",
        "\u{feff}",
        "é",
        "\u{0}",
    ])
}

// 256 cases each by default; `PROPTEST_CASES=100000` for a long hunt.
proptest! {
    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048), workbook in any::<bool>()) {
        let name = if workbook { "fuzz.xlsx" } else { "fuzz.csv" };
        for format in formats() {
            read_all(name, bytes.clone(), format);
        }
    }

    #[test]
    fn spreadsheet_like_text(tokens in prop::collection::vec(token(), 0..200), utf16 in any::<bool>()) {
        let text: String = tokens.concat();
        let bytes = if utf16 {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        } else {
            text.into_bytes()
        };
        for format in formats() {
            read_all("fuzz.csv", bytes.clone(), format);
        }
    }

    #[test]
    fn mutated_corpus(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..16),
        cut in any::<prop::sample::Index>(),
    ) {
        let corpus = corpus();
        let (name, mut bytes) = corpus[pick.index(corpus.len())].clone();
        for (at, byte, kind) in edits {
            if bytes.is_empty() {
                bytes.push(byte);
                continue;
            }
            let at = at.index(bytes.len());
            match kind {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                2 => {
                    bytes.remove(at);
                }
                _ => bytes[at] ^= 1 << (byte % 8),
            }
        }
        if cut.index(8) == 0 {
            let keep = cut.index(bytes.len() + 1);
            bytes.truncate(keep);
        }
        for format in formats() {
            read_all(&name, bytes.clone(), format);
        }
    }
}
