//! A document's tables as CSV, for other tools: RFC 4180, UTF-8, numbers
//! with a decimal point, percents as fractions, ISO dates, an empty field
//! for no value. One file per section ([`files`]), or every table one
//! after the other, each under a `# section` line ([`write()`]).

use crate::document::{Document, Table};

/// Each section's tables as its own file: (`objectives.csv`, text).
pub fn files(document: &Document) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for section in &document.sections {
        for (index, table) in section.tables.iter().enumerate() {
            let name = match index {
                0 => format!("{}.csv", section.key),
                n => format!("{}-{}.csv", section.key, n + 1),
            };
            files.push((name, table_csv(table)));
        }
    }
    files
}

/// Every table in one text, each under a `# file name` line and separated
/// by a blank line.
pub fn write(document: &Document) -> String {
    files(document)
        .into_iter()
        .map(|(name, text)| format!("# {name}\n{text}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn table_csv(table: &Table) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(table.columns.iter().map(|c| c.title.as_str()));
    for row in &table.rows {
        let _ = writer.write_record(row.iter().map(|cell| cell.raw()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
