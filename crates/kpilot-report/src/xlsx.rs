//! A document as a spreadsheet (the "tableau de suivi d'opérations"): one
//! sheet per section's table, named by the section's key; real number formats
//! (currency, percent, dates), a frozen header row, filters, and live
//! formulas for the derived columns, so the sheet stays right when a user
//! edits a figure. Each formula's cached result is kpilot's own figure.

use kpilot_core::kpi::Lang;
use rust_xlsxwriter::utility::{column_number_to_name, row_col_to_cell};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Formula, Workbook, XlsxError};

use crate::document::{Cell, Column, Document, Kind, Table};

/// The workbook's bytes.
pub fn write(document: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new(&document.currency, document.lang);
    for section in &document.sections {
        if let Some(table) = &section.table {
            let sheet = workbook.add_worksheet();
            sheet.set_name(section.key)?;
            write_table(sheet, table, &formats)?;
        }
    }
    workbook.save_to_buffer()
}

struct Formats {
    header: Format,
    text: Format,
    date: Format,
    count: Format,
    money: Format,
    percent: Format,
    ratio: Format,
}

impl Formats {
    fn new(currency: &str, lang: Lang) -> Formats {
        let symbol = match currency {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            other => other,
        };
        let (money, date) = match lang {
            Lang::Fr => (format!("#,##0.00\\ \"{symbol}\""), "dd/mm/yyyy"),
            Lang::En => (format!("\"{symbol}\"#,##0.00"), "yyyy-mm-dd"),
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x00EE_F2F6))
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new(),
            date: Format::new().set_num_format(date),
            count: Format::new().set_num_format("#,##0"),
            money: Format::new().set_num_format(money),
            percent: Format::new().set_num_format("0.0%"),
            ratio: Format::new().set_num_format("#,##0.00"),
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Text => &self.text,
            Kind::Date => &self.date,
            Kind::Count => &self.count,
            Kind::Money => &self.money,
            Kind::Percent => &self.percent,
            Kind::Ratio => &self.ratio,
        }
    }
}

fn write_table(
    sheet: &mut rust_xlsxwriter::Worksheet,
    table: &Table,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX - 1);
    // A formula without a value (a zero denominator) saves an empty
    // result, never 0.
    sheet.set_formula_result_default("");
    for (col, column) in table.columns.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, &column.title, &formats.header)?;
        let width = table
            .rows
            .iter()
            .map(|row| match row.get(usize::from(col)) {
                Some(Cell::Text(text)) => text.chars().count().min(60),
                Some(Cell::Number(..) | Cell::Date(_)) => 14,
                _ => 4,
            })
            .chain([column.title.chars().count() + 2])
            .max()
            .unwrap_or(10);
        sheet.set_column_width(col, width as f64 + 1.0)?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let excel_row = u32::try_from(index + 1).unwrap_or(u32::MAX);
        for (col, (cell, column)) in row.iter().zip(&table.columns).enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            if let Some(template) = &column.formula {
                let formula = formula_text(template, excel_row, last_row);
                let result = match cell {
                    Cell::Number(value, _) => value.to_string(),
                    _ => String::new(),
                };
                sheet.write_formula_with_format(
                    excel_row,
                    col,
                    Formula::new(formula).set_result(result),
                    formats.of(cell_kind(cell, column)),
                )?;
                continue;
            }
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    sheet.write_string(excel_row, col, text)?;
                }
                Cell::Status(status) => {
                    sheet.write_string(excel_row, col, status.as_str())?;
                }
                Cell::Date(date) => {
                    let day = ExcelDateTime::from_ymd(
                        u16::try_from(date.year()).unwrap_or(1900),
                        u8::try_from(date.month()).unwrap_or(1),
                        u8::try_from(date.day()).unwrap_or(1),
                    )?;
                    sheet.write_datetime_with_format(excel_row, col, &day, &formats.date)?;
                }
                Cell::Number(value, kind) => {
                    sheet.write_number_with_format(excel_row, col, *value, formats.of(*kind))?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row.max(1), last_col)?;
    Ok(())
}

fn cell_kind(cell: &Cell, column: &Column) -> Kind {
    match cell {
        Cell::Number(_, kind) => *kind,
        _ => column.kind,
    }
}

/// A column's formula for one row: `{N}` is column N's cell in the row,
/// `{N:all}` column N's data cells.
pub fn formula_text(template: &str, row: u32, last_row: u32) -> String {
    let mut out = String::from("=");
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let inner = &rest[start + 1..start + end];
        let (number, all) = match inner.strip_suffix(":all") {
            Some(number) => (number, true),
            None => (inner, false),
        };
        match number.parse::<u16>() {
            Ok(col) if all => {
                let name = column_number_to_name(col);
                out.push_str(&format!("${name}$2:${name}${}", last_row + 1));
            }
            Ok(col) => out.push_str(&row_col_to_cell(row, col)),
            Err(_) => out.push_str(&rest[start..=start + end]),
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::formula_text;

    #[test]
    fn formulas_name_the_cells_of_their_row_and_whole_columns() {
        assert_eq!(
            formula_text("IF({3}=0,\"\",{2}/{3})", 4, 9),
            "=IF(D5=0,\"\",C5/D5)"
        );
        assert_eq!(formula_text("{1}/SUM({1:all})", 1, 3), "=B2/SUM($B$2:$B$4)");
    }
}
