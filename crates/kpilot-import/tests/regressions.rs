//! One test per defect that real exports showed (issue 17), named after
//! it: each file here has the shape of the real one (its headers, its
//! dialect, its quirk), with figures of our own, worked out by hand in the
//! comments.

use expect_test::expect;
use kpilot_import::day::DateOrder;
use kpilot_import::header::Mapping;
use kpilot_import::reader::{Format, Options, Reader};
use kpilot_text::Lang;

/// Reads a file: its observations (sorted), what was read as what, what
/// was left out, the notes of the info, the bad rows — or the file error.
fn read(name: &str, bytes: impl Into<Vec<u8>>, options: Options) -> String {
    let mut reader = match Reader::open(name, bytes.into(), options) {
        Ok(reader) => reader,
        Err(error) => return format!("file error: {error}\n"),
    };
    let mut values = Vec::new();
    while let Some(o) = reader.next_observation() {
        values.push(format!(
            "{} {} {} = {} (line {})",
            o.day,
            o.channel.unwrap_or("-"),
            o.measure,
            o.value,
            o.line
        ));
    }
    values.sort();
    let info = reader.info();
    let mut out = format!("format {}\n", info.format.name());
    let columns: Vec<String> = info
        .columns
        .iter()
        .map(|column| {
            format!(
                "{} → {}",
                column.header,
                column.role.message().render(Lang::En)
            )
        })
        .collect();
    out.push_str(&format!("read: {}\n", columns.join(" | ")));
    if !info.left_out.is_empty() {
        let left: Vec<String> = info
            .left_out
            .iter()
            .map(|left| format!("{} ({:?})", left.header, left.why))
            .collect();
        out.push_str(&format!("left out: {}\n", left.join(" | ")));
    }
    if info.skipped_rows.count > 0 {
        out.push_str(&format!(
            "skipped rows: {} {:?}\n",
            info.skipped_rows.count, info.skipped_rows.lines
        ));
    }
    if let Some(dates) = &info.dates {
        out.push_str(&format!(
            "dates: {} {:?}{}\n",
            dates.decision.order.name(),
            dates.decision.basis,
            if dates.decision.timed { ", timed" } else { "" }
        ));
    }
    if info.decimal_mark_assumed {
        out.push_str(&format!("mark assumed: {:?}\n", info.decimal_mark));
    }
    if let Some(orders) = &info.orders {
        out.push_str(&format!(
            "orders: {} counted, left out {:?}\n",
            orders.counted, orders.left_out
        ));
    }
    for value in &values {
        out.push_str(value);
        out.push('\n');
    }
    for error in reader.errors() {
        out.push_str(&format!("error: {error}\n"));
    }
    out
}

fn auto() -> Options {
    Options::new(Format::Auto)
}

fn preset(name: &str) -> Options {
    Options::new(Format::parse(name).unwrap())
}

#[test]
fn conv_value_per_cost_is_never_revenue() {
    // Google Ads without a `Conv. value` column: its ROAS ratio `Conv.
    // value / cost` once became revenue (3.91). It is left out as a ratio.
    let file = "Day,Campaign,Cost,Clicks,Conv. value / cost,Clicks to call_Conversions\n\
                2026-01-05,Marque,100.00,40,3.91,2\n";
    expect![[r#"
        format google-ads
        read: Day → the day | Cost → measure cost | Clicks → measure clicks
        left out: Campaign (NotRead) | Conv. value / cost (Ratio) | Clicks to call_Conversions (NotRead)
        dates: dmy NotNeeded
        2026-01-05 search clicks = 40 (line 2)
        2026-01-05 search cost = 100 (line 2)
    "#]]
    .assert_eq(&read("ads.csv", file, preset("google-ads")));
}

#[test]
fn clicks_to_call_conversions_are_not_clicks_and_revenue_created_is_not_revenue() {
    // Headers were matched by their start: `Clicks to call_Conversions`
    // became clicks, Mailchimp's `Revenue Created` revenue.
    let file = "Title,Send Date,Total Recipients,Revenue Created\n\
                Janvier,\"Jan 05, 2026 09:00 am\",100,250.00\n";
    expect![[r#"
        format mailchimp
        read: Send Date → the day | Total Recipients → measure reach
        left out: Title (NotRead) | Revenue Created (NotRead)
        dates: dmy NotNeeded
        2026-01-05 email reach = 100 (line 2)
    "#]]
    .assert_eq(&read("campaigns.csv", file, auto()));
}

#[test]
fn thousands_in_a_comma_separated_file_are_not_read_as_decimals() {
    // The mark was told by dates such as `"Jun 01, 2023 09:46 pm"`, so a
    // recipient count `"1,823"` was read as 1.823. Only the columns read
    // tell the mark; here none tells, and a `,` file writes the point.
    let file = "Title,Send Date,Total Recipients,Successful Deliveries,Unique Opens\n\
                Juin,\"Jun 01, 2023 09:46 pm\",\"1,823\",\"1,800\",612\n\
                Juillet,\"Jul 03, 2023 10:00 am\",\"2,001\",\"1,990\",700\n";
    expect![[r#"
        format mailchimp
        read: Send Date → the day | Total Recipients → measure reach | Successful Deliveries → measure impressions | Unique Opens → measure engagements
        left out: Title (NotRead)
        dates: dmy NotNeeded
        mark assumed: Point
        2023-06-01 email engagements = 612 (line 2)
        2023-06-01 email impressions = 1800 (line 2)
        2023-06-01 email reach = 1823 (line 2)
        2023-07-03 email engagements = 700 (line 3)
        2023-07-03 email impressions = 1990 (line 3)
        2023-07-03 email reach = 2001 (line 3)
    "#]]
    .assert_eq(&read("mailchimp.csv", file, auto()));
}

#[test]
fn us_dates_re_saved_in_excel_are_read_month_first_when_the_column_proves_it() {
    // `3/9/17 18:54` was read day-first: 9 March became 3 September. The
    // 13th on line 4 proves month-first for the whole column.
    let file = "Name,Total,Created at,Financial Status\n\
                #1001,10.00,3/9/17 18:54,paid\n\
                #1002,20.00,3/10/17 9:00,paid\n\
                #1003,30.00,3/13/17 10:30,paid\n";
    expect![[r#"
        format shopify
        read: Name → the order number | Total → the order's total | Created at → the day | Financial Status → the order's status
        dates: mdy Proved(4, "3/13/17 10:30")
        orders: 3 counted, left out []
        2017-03-09 website revenue = 10 (line 2)
        2017-03-09 website transactions = 1 (line 2)
        2017-03-10 website revenue = 20 (line 3)
        2017-03-10 website transactions = 1 (line 3)
        2017-03-13 website revenue = 30 (line 4)
        2017-03-13 website transactions = 1 (line 4)
    "#]]
    .assert_eq(&read("orders.csv", file, auto()));
}

#[test]
fn a_date_column_that_proves_nothing_is_read_in_the_order_assumed_or_given() {
    let file = "Date,Sessions\n01/02/2026,10\n03/04/2026,20\n";
    // English, `,`: month first, and the info says it was assumed.
    let english = Options {
        default_date_order: DateOrder::Mdy,
        ..auto()
    };
    expect![[r#"
        format wide
        read: Date → the day | Sessions → measure sessions
        dates: mdy Assumed(Language)
        2026-01-02 - sessions = 10 (line 2)
        2026-03-04 - sessions = 20 (line 3)
    "#]]
    .assert_eq(&read("us.csv", file, english));
    // `--date-order dmy` decides.
    let given = Options {
        date_order: Some(DateOrder::Dmy),
        default_date_order: DateOrder::Mdy,
        ..auto()
    };
    expect![[r#"
        format wide
        read: Date → the day | Sessions → measure sessions
        dates: dmy Given
        2026-02-01 - sessions = 10 (line 2)
        2026-04-03 - sessions = 20 (line 3)
    "#]]
    .assert_eq(&read("given.csv", file, given));
    // A `;` file is a European spreadsheet's: day first, whatever the
    // language.
    let french = "Date;Visites\n01/02/2026;10\n";
    let english = Options {
        default_date_order: DateOrder::Mdy,
        ..auto()
    };
    expect![[r#"
        format wide
        read: Date → the day | Visites → measure sessions
        dates: dmy Assumed(Dialect)
        2026-02-01 - sessions = 10 (line 2)
    "#]]
    .assert_eq(&read("fr.csv", french, english));
}

#[test]
fn a_date_column_with_both_orders_is_refused() {
    let file = "Date,Sessions\n13/01/2026,1\n01/13/2026,2\n";
    expect![[r#"
        file error: the column `Date` has dates written day-first (`13/01/2026`, line 2) and month-first (`01/13/2026`, line 3): write the whole column in one order
    "#]]
    .assert_eq(&read("both.csv", file, auto()));
}

/// Google Ads' own "Excel CSV": UTF-16 LE with a BOM, tabs, a title line
/// and a date-range line above the header, `Total: …` rows, ` --` cells.
fn excel_csv(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

#[test]
fn google_ads_excel_csv_is_read() {
    // 5 Jan: 12.50 + 7.50 = 20 cost, 3 + 1 = 4 conversions on search; the
    // display campaign's conversions are ` --`, no value. The totals are
    // skipped.
    let text = "Campaign report\r\n\
                January 5, 2026 - January 6, 2026\r\n\
                Day\tCampaign\tCampaign type\tCurrency code\tCost\tImpr.\tClicks\tCTR\tConversions\r\n\
                2026-01-05\tMarque\tSearch\tEUR\t12.50\t1,000\t40\t4.00%\t3.00\r\n\
                2026-01-05\tGénérique\tSearch\tEUR\t7.50\t500\t10\t2.00%\t1.00\r\n\
                2026-01-06\tRemarketing\tDisplay\tEUR\t2.25\t3,000\t5\t0.17%\t --\r\n\
                Total: Account\t\t\tEUR\t22.25\t4,500\t55\t1.22%\t4.00\r\n\
                Total: Search\t\t\tEUR\t20.00\t1,500\t50\t3.33%\t4.00\r\n";
    expect![[r#"
        format google-ads
        read: Day → the day | Campaign type → the channel | Currency code → the currency (checked against the plan's) | Cost → measure cost | Impr. → measure impressions | Clicks → measure clicks | Conversions → measure conversions
        left out: Campaign (NotRead) | CTR (Ratio)
        skipped rows: 2 [7, 8]
        dates: dmy NotNeeded
        2026-01-05 search clicks = 50 (line 4)
        2026-01-05 search conversions = 4 (line 4)
        2026-01-05 search cost = 20 (line 4)
        2026-01-05 search impressions = 1500 (line 4)
        2026-01-06 display clicks = 5 (line 6)
        2026-01-06 display cost = 2.25 (line 6)
        2026-01-06 display impressions = 3000 (line 6)
    "#]]
    .assert_eq(&read("report.csv", excel_csv(text), auto()));
}

#[test]
fn meta_exports_first_summary_row_is_skipped() {
    // The first row has no campaign and no day: the period's summary,
    // which made the whole import fail (`[Day] `` is not a date`).
    let file = "Campaign name,Day,Amount spent (EUR),Impressions,Reach,Reporting starts,Reporting ends\n\
                ,,80.50,3000,2500,2026-01-05,2026-01-06\n\
                Soldes,2026-01-05,50.00,2000,1500,2026-01-05,2026-01-06\n\
                Soldes,2026-01-06,30.50,1000,1000,2026-01-05,2026-01-06\n";
    expect![[r#"
        format meta-ads
        read: Day → the day | Amount spent (EUR) → measure cost | Impressions → measure impressions | Reach → measure reach
        left out: Campaign name (NotRead) | Reporting starts (NotRead) | Reporting ends (NotRead)
        skipped rows: 1 [2]
        dates: dmy NotNeeded
        2026-01-05 social cost = 50 (line 3)
        2026-01-05 social impressions = 2000 (line 3)
        2026-01-05 social reach = 1500 (line 3)
        2026-01-06 social cost = 30.5 (line 4)
        2026-01-06 social impressions = 1000 (line 4)
        2026-01-06 social reach = 1000 (line 4)
    "#]]
    .assert_eq(&read("meta.csv", file, auto()));
}

#[test]
fn a_money_column_in_another_currency_is_refused() {
    let file = "Day,Amount spent (USD),Impressions\n2026-01-05,10.00,100\n";
    let plan_in_euros = Options {
        currencies: vec!["EUR".to_owned()],
        ..auto()
    };
    expect![[r#"
        file error: line 1, column 2 (`Amount spent (USD)`): amounts in USD, but the plan counts in EUR: export in the plan's currency
    "#]]
    .assert_eq(&read("meta.csv", file, plan_in_euros));
}

#[test]
fn ga4_explorations_grand_total_and_range_comment_and_hours_are_read() {
    // An exploration: its range comment `# 20230515-20230521`, `Date +
    // hour (YYYYMMDDHH)` summed into days, a `Grand total` row whose label
    // sits in an extra last column.
    let file = "# ----------------------------------------\n\
                # Free form 1\n\
                # 20230515-20230521\n\
                # ----------------------------------------\n\
                \n\
                Session default channel group,Date + hour (YYYYMMDDHH),Sessions\n\
                ,,48,Grand total\n\
                Direct,2023051509,10\n\
                Direct,2023051514,20\n\
                Organic Search,2023051610,18\n";
    expect![[r#"
        format ga4
        read: Session default channel group → the channel | Date + hour (YYYYMMDDHH) → the day | Sessions → measure sessions
        skipped rows: 1 [7]
        dates: dmy NotNeeded, timed
        2023-05-15 website sessions = 30 (line 8)
        2023-05-16 search sessions = 18 (line 10)
    "#]]
    .assert_eq(&read("exploration.csv", file, auto()));
}

#[test]
fn all_pending_orders_and_left_out_ones_are_told() {
    // Cash on delivery: 2 pending, 1 voided, 1 cancelled while paid; one
    // paid order counted.
    let file = "Name,Financial Status,Total,Created at,Cancelled at\n\
                #1,pending,10.00,2026-01-05 10:00:00 +0100,\n\
                #2,pending,20.00,2026-01-05 11:00:00 +0100,\n\
                #3,voided,30.00,2026-01-05 12:00:00 +0100,2026-01-06 09:00:00 +0100\n\
                #4,paid,40.00,2026-01-05 13:00:00 +0100,2026-01-06 09:00:00 +0100\n\
                #5,paid,50.00,2026-01-06 13:00:00 +0100,\n";
    expect![[r#"
        format shopify
        read: Name → the order number | Financial Status → the order's status | Total → the order's total | Created at → the day | Cancelled at → a cancellation (the order left out)
        dates: dmy NotNeeded
        orders: 1 counted, left out [("cancelled", 1), ("pending", 2), ("voided", 1)]
        2026-01-06 website revenue = 50 (line 6)
        2026-01-06 website transactions = 1 (line 6)
    "#]]
    .assert_eq(&read("orders.csv", file, auto()));
}

#[test]
fn format_auto_recognises_every_preset_of_the_samples() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/presets");
    let mut out = String::new();
    for preset in kpilot_import::preset::all() {
        let path = format!("{samples}/{}.csv", preset.name);
        let bytes = std::fs::read(&path).unwrap();
        let format = match Reader::open(&path, bytes, auto()) {
            Ok(reader) => reader.info().format.name().to_owned(),
            Err(error) => format!("error: {error}"),
        };
        out.push_str(&format!("{} → {format}\n", preset.name));
    }
    expect![[r#"
        ga4 → ga4
        google-ads → google-ads
        meta-ads → meta-ads
        mailchimp → mailchimp
        brevo → brevo
        shopify → shopify
        woocommerce → woocommerce
        prestashop → prestashop
    "#]]
    .assert_eq(&out);
}

#[test]
fn format_auto_names_the_closest_preset_and_what_it_lacks() {
    // A Google Ads campaign view not segmented by day.
    let file = "Campaign report\n\"January 1, 2026 - January 31, 2026\"\n\
                Campaign,Campaign type,Cost,Impr.,Clicks\nMarque,Search,100.00,1000,40\n";
    expect![[r#"
        file error: line 3: unknown columns 1 `Campaign`, 2 `Campaign type`: name a measure with --map 'Header=measure', or skip it with --map 'Header=-'. Known names: date, channel, segment, action, measure, value, clicks, contacts, conversions, cost, customers, email_optins, engagements, impressions, invited, new_contacts, new_customers, participants, reach, responses, revenue, satisfaction_score, search_position, sessions, sms_optins, time_on_site, transactions. The file looks most like a Google Ads — campagnes / campaigns export (--format google-ads), but it has no day column (day, jour, date)
    "#]]
    .assert_eq(&read("campaigns.csv", file, auto()));
}

fn mapped(format: Format, entries: &[&str]) -> Options {
    let mut mapping = Mapping::new([]);
    for entry in entries {
        mapping.add(entry).unwrap();
    }
    Options {
        mapping,
        ..Options::new(format)
    }
}

#[test]
fn map_is_taken_by_presets_or_refused() {
    let ads = "Day,Campaign,Cost,Clicks,Interactions\n2026-01-05,A,10.00,4,9\n";
    let google = Format::parse("google-ads").unwrap();
    // Name a column the preset does not read, skip one, override one.
    expect![[r#"
        format google-ads
        read: Day → the day | Cost → measure cost | Interactions → measure engagements
        left out: Campaign (NotRead) | Clicks (Skipped)
        dates: dmy NotNeeded
        2026-01-05 search cost = 10 (line 2)
        2026-01-05 search engagements = 9 (line 2)
    "#]]
    .assert_eq(&read(
        "ads.csv",
        ads,
        mapped(google, &["Interactions=engagements", "Clicks=-"]),
    ));
    // A column the file does not have: refused, not ignored.
    expect![[r#"
        file error: --map `Conversions`: the file has no such column, so the entry would be ignored; check the header's spelling
    "#]]
    .assert_eq(&read("ads.csv", ads, mapped(google, &["Conversions=conversions"])));
    // What a preset cannot take.
    let shopify = "Name,Total,Created at\n#1,10.00,2026-01-05\n";
    expect![[r#"
        file error: --map `Total`: a shopify export cannot take this entry (its day, channel and order columns are fixed); name a column the export does not read, or skip an optional one with `Header=-`
    "#]]
    .assert_eq(&read(
        "orders.csv",
        shopify,
        mapped(Format::parse("shopify").unwrap(), &["Total=revenue"]),
    ));
    // A ratio named as an additive measure.
    expect![[r#"
        file error: --map: `CTR` says it is a rate or an average, and kpilot never sums one as `clicks` (it computes rates from their components): import the components instead
    "#]]
    .assert_eq(&read(
        "ctr.csv",
        "Date,CTR\n2026-01-05,2.5%\n",
        mapped(Format::Auto, &["CTR=clicks"]),
    ));
}

#[test]
fn error_lines_are_the_files_physical_lines_after_blank_lines() {
    // The bad row is on physical line 5 however the lines end: LF, CRLF
    // and the lone CR of old Mac exports, with blank lines before it.
    for ending in ["\n", "\r\n", "\r"] {
        let file = ["date,sessions", "", "2026-01-05,1", "", "hier,2", ""].join(ending);
        let out = read("blank.csv", file, auto());
        assert!(
            out.contains("error: line 5, column 1 (date): `hier` is not a date"),
            "{ending:?}: {out}"
        );
        assert!(
            out.contains("2026-01-05 - sessions = 1 (line 3)"),
            "{ending:?}: {out}"
        );
    }
}

#[test]
fn row_errors_are_in_the_runs_language() {
    let mut reader = Reader::open(
        "fr.csv",
        b"Date;Visites\nhier;1\n02/01/2026;douze\n".to_vec(),
        auto(),
    )
    .unwrap();
    while reader.next_observation().is_some() {}
    let errors: Vec<String> = reader
        .errors()
        .iter()
        .map(|error| error.render(Lang::Fr))
        .collect();
    expect![[r#"
        [
            "ligne 2, colonne 1 (Date)\u{202f}: «\u{202f}hier\u{202f}» n’est pas une date\u{202f}: attendu 2026-01-31, 31/01/2026, 20260131 ou 31 janv. 2026",
            "ligne 3, colonne 2 (Visites)\u{202f}: «\u{202f}douze\u{202f}» n’est pas un nombre\u{202f}: attendu des chiffres, une virgule décimale et des espaces entre les milliers",
        ]
    "#]]
    .assert_debug_eq(&errors);
}

#[test]
fn n_a_dashes_and_not_set_are_no_value() {
    let file = "Date;Visites;Commandes;Clics;Impressions;Coût\n\
                31/01/2026;n/a;N/A;nd;—;–\n\
                01/02/2026;(not set);-;--;12;1,5\n";
    expect![[r#"
        format wide
        read: Date → the day | Visites → measure sessions | Commandes → measure transactions | Clics → measure clicks | Impressions → measure impressions | Coût → measure cost
        dates: dmy Proved(2, "31/01/2026")
        2026-02-01 - cost = 1.5 (line 3)
        2026-02-01 - impressions = 12 (line 3)
    "#]]
    .assert_eq(&read("na.csv", file, auto()));
}

#[test]
fn channel_values_name_the_plans_channels_and_the_unknown_ones_are_told() {
    let file = "Date;Canal;CA TTC;Opt-in e-mail;Taux d'ouverture\n\
                31/01/2026;Newsletter;100;3;25 %\n\
                31/01/2026;Boutique;50;0;\n\
                01/02/2026;Boutique;60;1;\n";
    let options = Options {
        channels: vec![("salon-lyon".to_owned(), "Salon de Lyon".to_owned())],
        ..auto()
    };
    let mut reader = Reader::open("canaux.csv", file.as_bytes().to_vec(), options).unwrap();
    let mut values = Vec::new();
    while let Some(o) = reader.next_observation() {
        values.push(format!(
            "{} {} {} = {}",
            o.day,
            o.channel.unwrap_or("-"),
            o.measure,
            o.value
        ));
    }
    let info = reader.info();
    let unknown: Vec<String> = info
        .unknown_values
        .iter()
        .map(|unknown| {
            format!(
                "{:?} `{}`: {} rows from line {}, closest {:?}",
                unknown.kind,
                unknown.value,
                unknown.rows,
                unknown.first_line,
                unknown.closest.as_ref().map(|known| &known.id)
            )
        })
        .collect();
    let left: Vec<&str> = info
        .left_out
        .iter()
        .map(|left| left.header.as_str())
        .collect();
    expect![[r#"
        (
            [
                "2026-01-31 email revenue = 100",
                "2026-01-31 email email_optins = 3",
                "2026-01-31 Boutique revenue = 50",
                "2026-01-31 Boutique email_optins = 0",
                "2026-02-01 Boutique revenue = 60",
                "2026-02-01 Boutique email_optins = 1",
            ],
            [
                "Channel `Boutique`: 2 rows from line 3, closest Some(\"store\")",
            ],
            [
                "Taux d'ouverture",
            ],
        )
    "#]]
    .assert_debug_eq(&(values, unknown, left));
}

#[test]
fn mailchimps_ab_test_parent_rows_are_not_summed_twice() {
    // The parent row repeats the sum of its combinations and winner.
    let file = "Title,Subject,Send Date,Total Recipients\n\
                \"News | Combo 1\",Hello,\"Oct 28, 2019 06:59 am\",132\n\
                \"News | Combo 2\",Hello,\"Oct 28, 2019 06:59 am\",132\n\
                \"News\",,\"Oct 28, 2019 07:00 am\",528\n\
                \"News | Winner\",Hello,\"Oct 28, 2019 10:00 am\",264\n";
    expect![[r#"
        format mailchimp
        read: Send Date → the day | Total Recipients → measure reach
        left out: Title (NotRead) | Subject (NotRead)
        skipped rows: 1 [4]
        dates: dmy NotNeeded
        2019-10-28 email reach = 528 (line 2)
    "#]]
    .assert_eq(&read("ab.csv", file, auto()));
}
