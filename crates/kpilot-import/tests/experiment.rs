//! Reading A/B test results (`date, variant, visitors, conversions[,
//! revenue[, revenue_squares]]`) as people's spreadsheets write them: French
//! Excel's `;` Windows-1252 files, English CSV, workbooks; every bad row
//! with its place while the good ones are still read; header problems.

use expect_test::{Expect, expect};
use kpilot_import::experiment::read_experiment;

/// Reads a file whole: what was found out about it, one line per record,
/// then one per error.
fn read(file_name: &str, bytes: Vec<u8>) -> String {
    let read = match read_experiment(file_name, bytes) {
        Ok(read) => read,
        Err(error) => return format!("file error: {error}\n"),
    };
    let info = &read.info;
    let mut out = format!(
        "{} {} {} {:?}\n",
        info.container,
        info.encoding.map_or("-", |encoding| encoding.name()),
        info.delimiter
            .map_or("-".to_owned(), |d| (d as char).escape_default().to_string()),
        info.decimal_mark,
    );
    let columns: Vec<String> = info
        .columns
        .iter()
        .map(|(header, column)| format!("{header}={}", column.name()))
        .collect();
    out.push_str(&format!("columns: {}\n", columns.join(" | ")));
    for record in &read.records {
        let r = &record.row;
        out.push_str(&format!(
            "{} {} {} visitors={} conversions={}",
            record.line, r.day, r.variant, r.visitors, r.conversions
        ));
        if let Some(revenue) = r.revenue {
            out.push_str(&format!(" revenue={revenue}"));
        }
        if let Some(squares) = r.revenue_squares {
            out.push_str(&format!(" squares={squares}"));
        }
        out.push('\n');
    }
    for error in &read.errors {
        out.push_str(&format!("error: {error}\n"));
    }
    if read.error_count > read.errors.len() as u64 {
        out.push_str(&format!("errors in all: {}\n", read.error_count));
    }
    out
}

fn check(file_name: &str, bytes: impl Into<Vec<u8>>, expect: Expect) {
    expect.assert_eq(&read(file_name, bytes.into()));
}

#[test]
fn french_excel_file() {
    // Windows-1252 (`é`, `²`), `;`, CRLF, day-first dates, decimal comma,
    // thousands grouped by a space and a no-break space, a quoted field, a
    // refund making a day's revenue negative, an empty revenue cell, a
    // blank line.
    let text = "Jour;Variante;Visiteurs;Conversions;Chiffre d'affaires;CA²\r\n\
                02/03/2026;A;1 200;36;1\u{a0}234,56;98 765,4321\r\n\
                02/03/2026;\"B; nouvelle page\";1 180;41;1 402,5;110 250,75\r\n\
                \r\n\
                03.03.2026;A;1 250;30;-15,5;70 000\r\n\
                03/03/2026;\"B; nouvelle page\";1 300;0;;\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    check(
        "résultats.csv",
        bytes.into_owned(),
        expect![[r#"
            csv Windows-1252 ; Comma
            columns: Jour=date | Variante=variant | Visiteurs=visitors | Conversions=conversions | Chiffre d'affaires=revenue | CA²=revenue_squares
            2 2026-03-02 A visitors=1200 conversions=36 revenue=1234.56 squares=98765.4321
            3 2026-03-02 B; nouvelle page visitors=1180 conversions=41 revenue=1402.5 squares=110250.75
            5 2026-03-03 A visitors=1250 conversions=30 revenue=-15.5 squares=70000
            6 2026-03-03 B; nouvelle page visitors=1300 conversions=0
        "#]],
    );
}

#[test]
fn english_csv_in_every_encoding() {
    let text = "Date,Variant,Users,Transactions,Revenue,Revenue^2\n\
                2026-03-02,control,\"1,200\",36,\"1,234.56\",98765.4321\n\
                2026-03-02,treatment,1180,41,1402.50,110250.75\n";
    let expected = expect![[r#"
        csv UTF-8 , Point
        columns: Date=date | Variant=variant | Users=visitors | Transactions=conversions | Revenue=revenue | Revenue^2=revenue_squares
        2 2026-03-02 control visitors=1200 conversions=36 revenue=1234.56 squares=98765.4321
        3 2026-03-02 treatment visitors=1180 conversions=41 revenue=1402.5 squares=110250.75
    "#]];
    check("results.csv", text, expected);
    // The same figures, whatever the encoding and delimiter.
    let tabs = text
        .replace(",\"1,200\",", "\t1200\t")
        .replace(",\"1,234.56\",", "\t1234.56\t");
    let tabs = tabs.replace(',', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabs.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let plain = read("results.csv", text.into());
    let (_, plain_rows) = plain.split_once('\n').unwrap();
    for (bytes, found) in [
        (utf16, r"csv UTF-16LE \t Point"),
        (bom, "csv UTF-8 (BOM) , Point"),
    ] {
        let out = read("results.txt", bytes);
        let (info, rows) = out.split_once('\n').unwrap();
        assert_eq!(info, found);
        assert_eq!(rows, plain_rows, "{found}");
    }
}

#[test]
fn revenue_is_optional() {
    check(
        "conversions.csv",
        "date,variant,visitors,conversions\n2026-03-02,A,100,3\n",
        expect![[r#"
            csv UTF-8 , Point
            columns: date=date | variant=variant | visitors=visitors | conversions=conversions
            2 2026-03-02 A visitors=100 conversions=3
        "#]],
    );
}

#[test]
fn workbooks_are_read_directly() {
    // Built by tests/data/make_workbooks.py: typed dates (one with a time),
    // numbers, a number typed as text, empty cells.
    let expected = expect![[r#"
        columns: Jour=date | Variante=variant | Visiteurs=visitors | Conversions=conversions | Chiffre d'affaires=revenue | CA²=revenue_squares
        2 2026-03-02 A visitors=1200 conversions=36 revenue=1234.56 squares=98765.4321
        3 2026-03-02 B visitors=1180 conversions=41 revenue=1402.5 squares=110250.75
        4 2026-03-03 A visitors=1250 conversions=30 revenue=-15.5 squares=70000
        6 2026-03-04 B visitors=1310 conversions=0
        error: line 5, column 4 (Conversions): conversions (1400) exceed visitors (1300)"#]];
    for name in ["experiment.xlsx", "experiment.ods"] {
        let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let out = read(name, std::fs::read(path).unwrap());
        let (info, rest) = out.split_once('\n').unwrap();
        let container = name.rsplit_once('.').unwrap().1;
        assert_eq!(info, format!("{container} - - Point"));
        expected.assert_eq(rest.trim_end());
    }
}

#[test]
fn every_bad_row_is_listed_with_its_place() {
    // The good rows are read all the same; a row with several bad fields
    // has an error for each.
    check(
        "bad.csv",
        "Jour;Variante;Visiteurs;Conversions;CA;CA²\n\
         02/03/2026;A;1 200;36;1 234,56;98 765\n\
         31/02/2026;A;1 200;36;;\n\
         03/03/2026;A;-5;0;;\n\
         03/03/2026;B;100;120;;\n\
         04/03/2026;A;12,5;1;;\n\
         04/03/2026;;100;1;;\n\
         05/03/2026;A;cent;-1;12x;-4\n\
         05/03/2026;B;100;1;-15,5;-0,5\n\
         02/03/2026;A;1 100;30;;\n\
         06/03/2026;A;100;1\n\
         06/03/2026;B;100;\"1;;\n",
        expect![[r#"
            csv UTF-8 ; Comma
            columns: Jour=date | Variante=variant | Visiteurs=visitors | Conversions=conversions | CA=revenue | CA²=revenue_squares
            2 2026-03-02 A visitors=1200 conversions=36 revenue=1234.56 squares=98765
            error: line 3, column 1 (Jour): `31/02/2026` is not a date: no such day in the calendar
            error: line 4, column 3 (Visiteurs): visitors cannot be negative: `-5`
            error: line 5, column 4 (Conversions): conversions (120) exceed visitors (100)
            error: line 6, column 3 (Visiteurs): visitors must be a whole number: `12,5`
            error: line 7, column 2 (Variante): the variant is empty
            error: line 8, column 3 (Visiteurs): `cent` is not a number: expected digits, a decimal comma and spaces between thousands
            error: line 8, column 4 (Conversions): conversions cannot be negative: `-1`
            error: line 8, column 5 (CA): `12x` is not a number: expected digits, a decimal comma and spaces between thousands
            error: line 8, column 6 (CA²): revenue_squares is a sum of squares: it cannot be negative (-4)
            error: line 9, column 6 (CA²): revenue_squares is a sum of squares: it cannot be negative (-0.5)
            error: line 10, column 2 (Variante): variant `A` already has a row for 2026-03-02, on line 2
            error: line 11: 4 fields where the header has 6
            error: line 12: 4 fields where the header has 6
        "#]],
    );
}

#[test]
fn the_list_of_errors_is_capped_and_counted() {
    let mut text = String::from("date;variant;visitors;conversions\n");
    for _ in 0..120 {
        text.push_str("demain;A;1;0\n");
    }
    text.push_str("2026-03-02;A;1;0\n");
    let read = read_experiment("many.csv", text.into_bytes()).unwrap();
    assert_eq!(read.errors.len(), kpilot_import::reader::MAX_LISTED_ERRORS);
    assert_eq!(read.error_count, 120);
    assert_eq!(read.records.len(), 1, "the good row after them is read");
}

#[test]
fn a_missing_column_names_what_was_found_and_expected() {
    check(
        "missing.csv",
        "Date;Variante;Chiffre d'affaires\n02/03/2026;A;12\n",
        expect![[r#"
            file error: line 1: missing visitors (a header such as visitors, visiteurs, unique visitors, visiteurs uniques, users, utilisateurs, sessions, visits, visites); conversions (a header such as conversions, conversion, converted, convertis, transactions, orders, commandes, purchases, achats). The header has `Date`, `Variante`, `Chiffre d'affaires`; an experiment file has the columns date, variant, visitors, conversions, then optionally revenue and revenue_squares
        "#]],
    );
    // A sum of squares without the sum gives no variance.
    check(
        "squares.csv",
        "date,variant,visitors,conversions,revenue_squares\n2026-03-02,A,1,0,0\n",
        expect![[r#"
            file error: line 1: missing revenue (a header such as revenue, revenu, revenus, chiffre d affaires, ca, sales, total revenue, purchase revenue, montant des ventes). The header has `date`, `variant`, `visitors`, `conversions`, `revenue_squares`; an experiment file has the columns date, variant, visitors, conversions, then optionally revenue and revenue_squares
        "#]],
    );
    check(
        "empty.csv",
        "\n\n",
        expect![[r#"
            file error: the file is empty: there is no header line
        "#]],
    );
    check(
        "broken.xlsx",
        "not a zip",
        expect![[r#"
            file error: the workbook cannot be read: Cannot detect file format
        "#]],
    );
}

#[test]
fn extra_columns_are_errors_naming_them() {
    // As for other results files (reader::Reader), nothing is dropped
    // silently; a column without a header is skipped.
    check(
        "extra.csv",
        "date,variant,visitors,conversions,Taux de conversion,experiment\n\
         2026-03-02,A,100,3,3%,home\n",
        expect![[r#"
            file error: line 1: unknown columns column 5 `Taux de conversion`, column 6 `experiment`: an experiment file has the columns date, variant, visitors, conversions, then optionally revenue and revenue_squares; remove the others
        "#]],
    );
    check(
        "twice.csv",
        "date,variant,visitors,sessions,conversions\n2026-03-02,A,100,120,3\n",
        expect![[r#"
            file error: line 1: columns 3 and 4 (`sessions`) both hold visitors: keep one
        "#]],
    );
    check(
        "blank-header.csv",
        "date,variant,visitors,conversions,\n2026-03-02,A,100,3,notes\n",
        expect![[r#"
            csv UTF-8 , Point
            columns: date=date | variant=variant | visitors=visitors | conversions=conversions | =-
            2 2026-03-02 A visitors=100 conversions=3
        "#]],
    );
}
