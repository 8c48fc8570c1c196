//! A document's tables as CSV, for other tools: RFC 4180, UTF-8, numbers
//! with a decimal point, percents as fractions, ISO dates, an empty field
//! for no value. One file per section's table ([`files`]), or every table one
//! after the other, each under a `# section` line ([`write()`]).

use crate::document::{Document, Table};

/// Each section's table as a file of its own: (`objectives.csv`, text).
pub fn files(document: &Document) -> Vec<(String, String)> {
    document
        .sections
        .iter()
        .filter_map(|section| {
            let table = section.table.as_ref()?;
            Some((format!("{}.csv", section.key), table_csv(table)))
        })
        .collect()
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
