//! Reading whole files: long and wide, the spreadsheet exports French users
//! have (`;`, decimal comma, grouped thousands, Windows-1252, UTF-16, BOM,
//! CRLF, quotes), workbooks, and every kind of bad row, with its place.

use expect_test::{Expect, expect};
use kpilot_import::reader::{Format, Options, Reader};

fn options(format: Format) -> Options {
    Options::new(format)
}

/// Reads a file whole: one line per observation, then one per bad row.
fn read(file_name: &str, bytes: Vec<u8>, options: Options) -> String {
    let mut reader = match Reader::open(file_name, bytes, options) {
        Ok(reader) => reader,
        Err(error) => return format!("file error: {error}\n"),
    };
    let mut out = String::new();
    while let Some(o) = reader.next_observation() {
        out.push_str(&format!(
            "{} {} {} = {}{}{}{}\n",
            o.line,
            o.day,
            o.measure,
            o.value,
            o.channel
                .map(|c| format!(" channel={c}"))
                .unwrap_or_default(),
            o.segment
                .map(|s| format!(" segment={s}"))
                .unwrap_or_default(),
            o.action.map(|a| format!(" action={a}")).unwrap_or_default(),
        ));
    }
    for error in reader.errors() {
        out.push_str(&format!("error: {error}\n"));
    }
    if reader.error_count() > reader.errors().len() as u64 {
        out.push_str(&format!("errors in all: {}\n", reader.error_count()));
    }
    out
}

fn check(file_name: &str, bytes: impl Into<Vec<u8>>, format: Format, expect: Expect) {
    expect.assert_eq(&read(file_name, bytes.into(), options(format)));
}

#[test]
fn long_file() {
    check(
        "results.csv",
        "date,measure,value,channel,segment,action\n\
         2026-01-05,sessions,1200,email,,\n\
         2026-01-05,Chiffre d'affaires,1234.56,email,fideles,newsletter-janvier\n\
         2026-01-06,transactions,24,,,\n",
        Format::Auto,
        expect![[r#"
            2 2026-01-05 sessions = 1200 channel=email
            3 2026-01-05 revenue = 1234.56 channel=email segment=fideles action=newsletter-janvier
            4 2026-01-06 transactions = 24
        "#]],
    );
}

#[test]
fn wide_file_as_french_excel_writes_it() {
    // Windows-1252, `;`, CRLF, decimal comma, thousands grouped by a space
    // and a no-break space, day-first dates, a quoted field, an empty cell
    // (no value that day), a blank line.
    let text = "Date;Canal;Visites;Commandes;Chiffre d'affaires;Dépenses\r\n\
                31/01/2026;\"e-mail; newsletter\";1 200;24;1\u{a0}234,56;\"99,90\"\r\n\
                \r\n\
                01.02.2026;search;980;;0,1;12\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    check(
        "export.csv",
        bytes.into_owned(),
        Format::Auto,
        expect![[r#"
            2 2026-01-31 sessions = 1200 channel=e-mail; newsletter
            2 2026-01-31 transactions = 24 channel=e-mail; newsletter
            2 2026-01-31 revenue = 1234.56 channel=e-mail; newsletter
            2 2026-01-31 cost = 99.9 channel=e-mail; newsletter
            4 2026-02-01 sessions = 980 channel=search
            4 2026-02-01 revenue = 0.1 channel=search
            4 2026-02-01 cost = 12 channel=search
        "#]],
    );
}

#[test]
fn encodings_are_told_apart() {
    let text = "Jour\tDépenses\tClics\r\n2026-01-31\t12,5\t7\r\n";
    let expected = expect![[r#"
        2 2026-01-31 cost = 12.5
        2 2026-01-31 clicks = 7
    "#]];
    // Excel's "Unicode text": UTF-16LE with a byte order mark, tabs.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    expected.assert_eq(&read("unicode.txt", utf16, options(Format::Auto)));
    // UTF-8 with a byte order mark.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    expected.assert_eq(&read("bom.csv", bom, options(Format::Auto)));
    check("plain.csv", text, Format::Auto, expected);
}

#[test]
fn date_times_are_reduced_to_their_day() {
    check(
        "times.csv",
        "date;sessions\n31/01/2026 23:59;5\n2026-02-01T00:10:00+01:00;6\n",
        Format::Auto,
        expect![[r#"
            2 2026-01-31 sessions = 5
            3 2026-02-01 sessions = 6
        "#]],
    );
}

#[test]
fn workbooks_are_read_directly() {
    let expected = expect![[r#"
        2 2026-01-05 revenue = 1234.56 channel=email
        2 2026-01-05 sessions = 1200 channel=email
        2 2026-01-05 transactions = 24 channel=email
        3 2026-01-06 revenue = 0.1 channel=email
        3 2026-01-06 sessions = 980 channel=email
        4 2026-01-07 revenue = 2000 channel=search
        4 2026-01-07 sessions = 1500 channel=search
        4 2026-01-07 transactions = 30 channel=search
    "#]];
    for name in ["wide.xlsx", "wide.ods"] {
        let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap();
        // The `.ods` has a time on one day, so its rows are summed into
        // days, which orders them by measure: compare them sorted.
        let mut lines: Vec<String> = read(name, bytes, options(Format::Auto))
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort();
        expected.assert_eq(&(lines.join("\n") + "\n"));
    }
}

#[test]
fn a_broken_workbook_is_a_clear_error() {
    check(
        "broken.xlsx",
        "not a zip",
        Format::Auto,
        expect![[r#"
            file error: the workbook cannot be read: Cannot detect file format
        "#]],
    );
}

#[test]
fn every_bad_row_is_listed_with_its_place() {
    check(
        "bad.csv",
        "date,measure,value,channel\n\
         2026-01-05,sessions,12,email\n\
         31/02/2026,sessions,12,email\n\
         2026-01-06,sessions,douze,email\n\
         2026-01-06,sessoins,12,email\n\
         2026-01-07,sessions,12\n\
         2026-01-07,sessions,\"12\n",
        Format::Auto,
        expect![[r#"
            2 2026-01-05 sessions = 12 channel=email
            error: line 3, column 1 (date): `31/02/2026` is not a date: no such day in the calendar
            error: line 4, column 3 (value): `douze` is not a number: expected digits, a decimal point and commas between thousands
            error: line 5, column 2 (measure): unknown measure `sessoins`; known measures: clicks, contacts, conversions, cost, customers, email_optins, engagements, impressions, invited, new_contacts, new_customers, participants, reach, responses, revenue, satisfaction_score, search_position, sessions, sms_optins, time_on_site, transactions
            error: line 6: 3 fields where the header has 4
            error: line 7: 3 fields where the header has 4
        "#]],
    );
}

#[test]
fn the_list_of_bad_rows_is_capped_and_counted() {
    let mut text = String::from("date;sessions\n");
    for _ in 0..120 {
        text.push_str("demain;1\n");
    }
    let out = read("many.csv", text.into_bytes(), options(Format::Auto));
    assert_eq!(out.lines().filter(|l| l.starts_with("error:")).count(), 50);
    assert!(out.ends_with("errors in all: 120\n"), "{out}");
}

#[test]
fn unknown_columns_are_named_with_the_known_names() {
    let out = read(
        "unknown.csv",
        b"Date,Sessions,Taux de rebond,Pages vues\n2026-01-05,1,2,3\n".to_vec(),
        options(Format::Auto),
    );
    assert!(
        out.starts_with(
            "file error: line 1: unknown column 4 `Pages vues`: name a measure with --map 'Header=measure', or skip it with --map 'Header=-'. Known names: date, channel, segment, action, measure, value, clicks, contacts,"
        ),
        "{out}"
    );
}

#[test]
fn map_names_or_skips_columns() {
    let mut options = options(Format::Auto);
    options.mapping.add("Taux de rebond=-").unwrap();
    options.mapping.add("Pages vues=sessions").unwrap();
    options.mapping.add("Sessions=-").unwrap();
    expect![[r#"
        2 2026-01-05 sessions = 3
    "#]]
    .assert_eq(&read(
        "mapped.csv",
        b"Date,Sessions,Taux de rebond,Pages vues\n2026-01-05,1,2,3\n".to_vec(),
        options,
    ));
}

#[test]
fn flags_give_the_channel_and_segment_of_every_row() {
    let mut with_flags = options(Format::Wide);
    with_flags.channel = Some("social".into());
    with_flags.segment = Some("jeunes".into());
    expect![[r#"
        2 2026-01-05 impressions = 1000 channel=social segment=jeunes
    "#]]
    .assert_eq(&read(
        "meta.csv",
        b"Jour,Impressions\n2026-01-05,1000\n".to_vec(),
        with_flags.clone(),
    ));
    expect![[r#"
        file error: line 1: the file has a channel column (column 2) and --channel was given: drop one of them
    "#]]
    .assert_eq(&read(
        "meta.csv",
        b"Jour,Canal,Impressions\n2026-01-05,email,1000\n".to_vec(),
        with_flags,
    ));
}

#[test]
fn header_problems_are_file_errors() {
    check(
        "empty.csv",
        "",
        Format::Auto,
        expect![[r#"
        file error: the file is empty: there is no header line
    "#]],
    );
    check(
        "nodate.csv",
        "sessions,clicks\n1,2\n",
        Format::Auto,
        expect![[r#"
            file error: line 1: no date column (expected a header such as Date or Jour)
        "#]],
    );
    check(
        "twice.csv",
        "date,CA,Revenue\n2026-01-05,1,2\n",
        Format::Auto,
        expect![[r#"
            file error: line 1: columns 2 and 3 (`Revenue`) both hold measure revenue: keep one, or skip one with --map 'Revenue=-'
        "#]],
    );
    check(
        "notlong.csv",
        "date,sessions\n2026-01-05,1\n",
        Format::Long,
        expect![[r#"
            file error: line 1: a long file needs a measure column and a value column (`date,measure,value`)
        "#]],
    );
    check(
        "nomeasure.csv",
        "date,canal\n2026-01-05,email\n",
        Format::Auto,
        expect![[r#"
            file error: line 1: no measure column: nothing to import
        "#]],
    );
}

#[test]
fn built_in_channels_and_segments_are_recognised_by_name() {
    check(
        "names.csv",
        "Jour;Canal;Cible;Visites\n\
         2026-01-05;E-mail;Étudiants;1\n\
         2026-01-05;réseaux sociaux;seniors;2\n\
         2026-01-05;Google Ads;Familles;3\n\
         2026-01-05;SEARCH;Working people;4\n",
        Format::Auto,
        expect![[r#"
            2 2026-01-05 sessions = 1 channel=email segment=students
            3 2026-01-05 sessions = 2 channel=social segment=seniors
            4 2026-01-05 sessions = 3 channel=Google Ads segment=families
            5 2026-01-05 sessions = 4 channel=search segment=working_people
        "#]],
    );
    let mut with_flag = options(Format::Auto);
    with_flag.channel = Some("Réseaux sociaux".into());
    expect![[r#"
        2 2026-01-05 sessions = 1 channel=social
    "#]]
    .assert_eq(&read(
        "flag.csv",
        b"Jour;Visites\n2026-01-05;1\n".to_vec(),
        with_flag,
    ));
}
