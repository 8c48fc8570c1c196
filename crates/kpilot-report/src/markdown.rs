//! A document as Markdown, for a wiki: headings, paragraphs, pipe tables
//! with the numbers as people read them, and lists. Charts are left out.

use crate::document::{Document, Kind, Table};

pub fn write(document: &Document) -> String {
    let mut out = format!("# {}\n\n{}\n", document.title, document.subtitle);
    for section in document.sections.iter().filter(|s| s.printed) {
        out.push_str(&format!("\n## {}\n", section.title));
        for paragraph in &section.paragraphs {
            out.push_str(&format!("\n{paragraph}\n"));
        }
        if let Some(table) = &section.table {
            out.push('\n');
            out.push_str(&pipe_table(table, document));
        }
        if !section.items.is_empty() {
            out.push('\n');
            for item in &section.items {
                out.push_str(&format!("- {item}\n"));
            }
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn pipe_table(table: &Table, document: &Document) -> String {
    let mut out = String::new();
    let titles: Vec<String> = table.columns.iter().map(|c| escape(&c.title)).collect();
    out.push_str(&format!("| {} |\n", titles.join(" | ")));
    let rules: Vec<&str> = table
        .columns
        .iter()
        .map(|c| match c.kind {
            Kind::Text | Kind::Date => "---",
            _ => "---:",
        })
        .collect();
    out.push_str(&format!("|{}|\n", rules.join("|")));
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| escape(&cell.display(&document.currency, document.lang)))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
