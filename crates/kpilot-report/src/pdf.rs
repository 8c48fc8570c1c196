//! A document as a PDF, typeset by Typst used as a library: A4 landscape,
//! the fonts embedded (Typst's own, no system font, no network), charts as
//! vector graphics. The document becomes Typst markup in which every text
//! of the plan or the data is a string literal, so nothing a user wrote can
//! be read as markup.

use std::fmt::Write as _;

use kpilot_core::kpi::Lang;
use kpilot_core::tracking::Status;

use crate::chart;
use crate::document::{Cell, Document, Kind, Table};

mod typeset;

/// The PDF's bytes, or Typst's diagnostics.
pub fn write(document: &Document) -> Result<Vec<u8>, String> {
    let (markup, files) = markup(document);
    typeset::pdf(&markup, &files)
}

/// A Typst string literal.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn status_colour(status: Status) -> Option<&'static str> {
    match status {
        Status::Achieved | Status::OnTrack => Some("#1e7d3a"),
        Status::AtRisk => Some("#b9770e"),
        Status::OffTrack | Status::Missed => Some("#b03a2e"),
        Status::NoData => None,
    }
}

/// The Typst source and the files it reads (the charts).
pub fn markup(document: &Document) -> (String, Vec<(String, Vec<u8>)>) {
    let lang = match document.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let mut files = Vec::new();
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"#set document(title: {title})
#set page(paper: "a4", flipped: true, margin: (x: 14mm, y: 14mm), numbering: "1 / 1")
#set text(font: "{font}", size: 10pt, lang: "{lang}")
#set par(justify: false)
#set table(stroke: (x, y) => (bottom: 0.4pt + luma(200)), inset: (x: 4pt, y: 3pt))
#show table.cell.where(y: 0): set text(weight: "bold")
#show heading.where(level: 2): it => block(above: 1.4em, below: 0.7em, stroke: (bottom: 1pt + rgb("#1f5fa8")), inset: (bottom: 3pt), width: 100%, it)
#text(size: 20pt, weight: "bold")[#{title}]
#linebreak()
#text(fill: luma(90))[#{subtitle}]
"##,
        title = literal(&document.title),
        subtitle = literal(&document.subtitle),
        font = chart::FONT,
    );
    for section in document.sections.iter().filter(|s| s.printed) {
        let _ = writeln!(out, "\n#heading(level: 2, {})", literal(&section.title));
        for paragraph in &section.paragraphs {
            let _ = writeln!(out, "\n#{}\n", literal(paragraph));
        }
        if let Some(table) = &section.table {
            out.push_str(&table_markup(table, document));
        }
        if !section.charts.is_empty() {
            out.push_str("#grid(columns: (1fr, 1fr), gutter: 8pt,\n");
            for chart in &section.charts {
                let name = format!("chart-{}.svg", files.len() + 1);
                let svg = chart::svg(chart, &document.currency, document.lang);
                let _ = writeln!(out, "  image({}, width: 100%),", literal(&name));
                files.push((name, svg.into_bytes()));
            }
            out.push_str(")\n");
        }
        if !section.items.is_empty() {
            for item in &section.items {
                let _ = writeln!(out, "- #{}", literal(item));
            }
        }
    }
    (out, files)
}

fn table_markup(table: &Table, document: &Document) -> String {
    let numeric = |kind: Kind| !matches!(kind, Kind::Text | Kind::Date);
    let columns = table.columns.len();
    let mut out = String::new();
    let _ = write!(
        out,
        "#text(size: {}pt, table(columns: {columns}, align: ({}),\n  table.header(",
        if columns > 9 { 7.5 } else { 8.5 },
        table
            .columns
            .iter()
            .map(|c| if numeric(c.kind) { "right" } else { "left" })
            .collect::<Vec<_>>()
            .join(", ")
            + if columns == 1 { "," } else { "" },
    );
    for column in &table.columns {
        let _ = write!(out, "{}, ", literal(&column.title));
    }
    out.push_str("),\n");
    for row in &table.rows {
        out.push_str("  ");
        for cell in row {
            let text = literal(&cell.display(&document.currency, document.lang));
            match cell {
                Cell::Status(status) => match status_colour(*status) {
                    Some(colour) => {
                        let _ = write!(
                            out,
                            "text(fill: rgb(\"{colour}\"), weight: \"bold\", {text}), "
                        );
                    }
                    None => {
                        let _ = write!(out, "{text}, ");
                    }
                },
                Cell::Empty => {
                    let _ = write!(out, "text(fill: luma(140), {text}), ");
                }
                _ => {
                    let _ = write!(out, "{text}, ");
                }
            }
        }
        out.push('\n');
    }
    out.push_str("))\n");
    out
}

#[cfg(test)]
mod tests {
    use super::literal;

    #[test]
    fn user_text_is_a_string_literal_never_markup() {
        assert_eq!(
            literal("#set page(\"a\") \\ *gras*\nfin"),
            r##""#set page(\"a\") \\ *gras*\nfin""##
        );
    }
}
