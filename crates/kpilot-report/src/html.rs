//! A document as one self-contained HTML file: styles and SVG charts
//! inline, no script, no network reference; printable (A4, tables kept
//! whole where they fit).

use kpilot_core::kpi::Lang;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::chart;
use crate::document::{Cell, Chart, Document, Kind, Table};

const STYLE: &str = r#"
@page { size: A4; margin: 14mm; }
body { font-family: "Libertinus Serif", Georgia, serif; color: #1d2329; margin: 2rem auto; max-width: 62rem; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
.subtitle { color: #55606b; margin-top: 0; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1f5fa8; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .86rem; }
th, td { border-bottom: 1px solid #d5dbe1; padding: .25rem .45rem; vertical-align: top; }
th { background: #eef2f6; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { color: #8a949e; }
td.achieved, td.on_track { color: #1e7d3a; font-weight: 600; }
td.at_risk { color: #b9770e; font-weight: 600; }
td.off_track, td.missed { color: #b03a2e; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: .8rem; }
.chart svg { width: 100%; height: auto; }
ul.items li { margin: .2rem 0; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, .chart { break-inside: avoid; } }
"#;

/// The document as one self-contained HTML file.
pub fn write(document: &Document) -> String {
    let lang = match document.lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    };
    let page = html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (document.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (document.title) }
                p.subtitle { (document.subtitle) }
                (body(document))
            }
        }
    };
    page.into_string()
}

/// The document's printed sections, without its title: what [`write()`]
/// puts in its page and what a web page can show in its own layout. No
/// inline style: the classes (`charts`, `chart`, `n`, `empty`, the
/// statuses, `items`) are for the page's stylesheet.
pub fn body(document: &Document) -> Markup {
    html! {
        @for section in document.sections.iter().filter(|s| s.printed) {
            section id=(section.key) {
                h2 { (section.title) }
                @for paragraph in &section.paragraphs { p { (paragraph) } }
                @if let Some(table) = &section.table { (table_html(table, document)) }
                @if !section.charts.is_empty() {
                    div.charts {
                        @for chart in &section.charts {
                            // The table above carries the chart's figures.
                            div.chart role="img" aria-label=(chart_title(chart)) {
                                (PreEscaped(svg_inline(&chart::svg(chart, &document.currency, document.lang))))
                            }
                        }
                    }
                }
                @if !section.items.is_empty() {
                    ul.items { @for item in &section.items { li { (item) } } }
                }
            }
        }
    }
}

fn chart_title(chart: &Chart) -> &str {
    match chart {
        Chart::Lines { title, .. } | Chart::Bars { title, .. } | Chart::Intervals { title, .. } => {
            title
        }
    }
}

/// An SVG document as an element of the page: without its XML
/// declaration.
fn svg_inline(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(start) => &svg[start..],
        None => svg,
    }
}

fn numeric(kind: Kind) -> bool {
    !matches!(kind, Kind::Text | Kind::Date)
}

fn table_html(table: &Table, document: &Document) -> Markup {
    html! {
        table {
            thead { tr {
                @for column in &table.columns {
                    th scope="col" class=[numeric(column.kind).then_some("n")] { (column.title) }
                }
            } }
            tbody {
                @for row in &table.rows {
                    tr {
                        @for cell in row {
                            td class=[cell_class(cell)] { (cell.display(&document.currency, document.lang)) }
                        }
                    }
                }
            }
        }
    }
}

fn cell_class(cell: &Cell) -> Option<&'static str> {
    match cell {
        Cell::Empty => Some("empty"),
        Cell::Number(..) => Some("n"),
        Cell::Date(_) | Cell::Text(_) => None,
        Cell::Status(status) => Some(status.as_str()),
    }
}
