//! Every preset on a sample export of our own making
//! (`tests/data/presets/`), with the quirks of the real ones: title lines,
//! `#` comments, total rows, one row per campaign or per order item,
//! cancelled orders, French spellings. The expected figures are worked out
//! by hand in the comments.

use expect_test::{Expect, expect};
use kpilot_import::preset;
use kpilot_import::reader::{Format, Options, Reader};
use kpilot_import::record::{OwnedObservation, Record, RowError};

fn read_with(name: &str, bytes: Vec<u8>, channel: Option<&str>) -> String {
    let format = kpilot_import::find_preset(
        name.trim_end_matches(".csv")
            .split('/')
            .next_back()
            .unwrap_or(name),
    )
    .map(Format::Preset)
    .expect("a preset named like the file");
    read_as(name, bytes, format, channel)
}

fn read_as(name: &str, bytes: Vec<u8>, format: Format, channel: Option<&str>) -> String {
    let options = Options {
        channel: channel.map(str::to_owned),
        ..Options::new(format)
    };
    let mut reader = match Reader::open(name, bytes, options) {
        Ok(reader) => reader,
        Err(error) => return format!("file error: {error}\n"),
    };
    let mut out = String::new();
    while let Some(o) = reader.next_observation() {
        out.push_str(&format!(
            "{} {} {} = {} (line {})\n",
            o.day,
            o.channel.unwrap_or("-"),
            o.measure,
            o.value,
            o.line
        ));
    }
    for error in reader.errors() {
        out.push_str(&format!("error: {error}\n"));
    }
    let left: Vec<&str> = reader
        .info()
        .left_out
        .iter()
        .map(|left| left.header.as_str())
        .collect();
    if !left.is_empty() {
        out.push_str(&format!("ignored: {}\n", left.join(" | ")));
    }
    out
}

fn sample(name: &str, expect: Expect) {
    let path = format!("{}/tests/data/presets/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    expect.assert_eq(&read_with(name, bytes, None));
}

#[test]
fn ga4_traffic_acquisition() {
    // 5 Jan: Organic + Paid Search = search: 1200 + 300 sessions, 14 + 6
    // key events, 1234.56 + 456.78 = 1691.34 revenue. Direct is the
    // website. An unknown group is kept as written.
    sample(
        "ga4.csv",
        expect![[r#"
            2026-01-05 email conversions = 3 (line 12)
            2026-01-05 email revenue = 99.9 (line 12)
            2026-01-05 email sessions = 150 (line 12)
            2026-01-05 search conversions = 20 (line 10)
            2026-01-05 search revenue = 1691.34 (line 10)
            2026-01-05 search sessions = 1500 (line 10)
            2026-01-05 website conversions = 2 (line 13)
            2026-01-05 website revenue = 0 (line 13)
            2026-01-05 website sessions = 400 (line 13)
            2026-01-06 Unassigned conversions = 0 (line 15)
            2026-01-06 Unassigned revenue = 0 (line 15)
            2026-01-06 Unassigned sessions = 5 (line 15)
            2026-01-06 search conversions = 12 (line 14)
            2026-01-06 search revenue = 1000 (line 14)
            2026-01-06 search sessions = 1100 (line 14)
            ignored: Engaged sessions | Engagement rate | Average engagement time per session
        "#]],
    );
}

#[test]
fn google_ads_campaigns() {
    // 5 Jan: two Search campaigns: cost 1234.50 + 65.50 = 1300,
    // impressions 12000 + 800, clicks 340 + 20, conversions 12 + 1,
    // conversion value 2400 + 80. 6 Jan: one Search campaign (`--` is no
    // value) and a Display one, named "Total Look" but read (its day reads),
    // on the display channel. The three total rows are not summed.
    sample(
        "google-ads.csv",
        expect![[r#"
            2026-01-05 search clicks = 360 (line 4)
            2026-01-05 search conversions = 13 (line 4)
            2026-01-05 search cost = 1300 (line 4)
            2026-01-05 search impressions = 12800 (line 4)
            2026-01-05 search revenue = 2480 (line 4)
            2026-01-06 display clicks = 45 (line 7)
            2026-01-06 display conversions = 0 (line 7)
            2026-01-06 display cost = 20.25 (line 7)
            2026-01-06 display impressions = 15000 (line 7)
            2026-01-06 display revenue = 0 (line 7)
            2026-01-06 search clicks = 30 (line 6)
            2026-01-06 search conversions = 2 (line 6)
            2026-01-06 search cost = 100 (line 6)
            2026-01-06 search impressions = 1000 (line 6)
            ignored: Campaign | CTR
        "#]],
    );
}

#[test]
fn meta_ads_in_french() {
    // 5 Jan: 45,30 + 10,00 = 55.30 spent, 12 000 + 3 000 impressions,
    // 8 000 + 2 500 reach, 150 + 40 link clicks. `Résultats` depends on the
    // campaign's objective: ignored.
    sample(
        "meta-ads.csv",
        expect![[r#"
            2026-01-05 social clicks = 190 (line 2)
            2026-01-05 social cost = 55.3 (line 2)
            2026-01-05 social impressions = 15000 (line 2)
            2026-01-05 social reach = 10500 (line 2)
            2026-01-06 social clicks = 160 (line 4)
            2026-01-06 social cost = 50 (line 4)
            2026-01-06 social impressions = 13000 (line 4)
            2026-01-06 social reach = 8500 (line 4)
            ignored: Nom de la campagne | Résultats | Indicateur de résultats | Début des rapports | Fin des rapports
        "#]],
    );
}

#[test]
fn meta_ads_without_a_breakdown_by_day_is_refused() {
    let text = "Campaign name,Reporting starts,Reporting ends,Amount spent (EUR),Impressions\n\
                Spring,2026-01-01,2026-01-31,450.00,120000\n\
                Spring,2026-02-01,2026-02-01,10.00,1000\n";
    expect![[r#"
        error: line 2, column 3 (Reporting ends): the row covers 2026-01-01 to 2026-01-31: export with the breakdown by day (Breakdown › By time › Day)
    "#]]
    .assert_eq(&read_with("meta-ads.csv", text.as_bytes().to_vec(), None));
}

#[test]
fn mailchimp_campaign_reports() {
    // 14 Jan: one campaign, as written. 15 Jan: two campaigns: 5000 + 1000
    // recipients, 4960 + 990 delivered, 2300 + 300 unique opens, 510 + 50
    // unique clicks, 25 + 2 orders, 1800.00 + 95.50 revenue.
    sample(
        "mailchimp.csv",
        expect![[r#"
            2026-01-14 email clicks = 420 (line 2)
            2026-01-14 email engagements = 2100 (line 2)
            2026-01-14 email impressions = 4950 (line 2)
            2026-01-14 email reach = 5000 (line 2)
            2026-01-14 email revenue = 1250 (line 2)
            2026-01-14 email transactions = 18 (line 2)
            2026-01-15 email clicks = 560 (line 3)
            2026-01-15 email engagements = 2600 (line 3)
            2026-01-15 email impressions = 5950 (line 3)
            2026-01-15 email reach = 6000 (line 3)
            2026-01-15 email revenue = 1895.5 (line 3)
            2026-01-15 email transactions = 27 (line 3)
            ignored: Title | Subject | List | Send Weekday | Soft Bounces | Hard Bounces | Total Bounces | Open Rate | Total Opens | Click Rate | Total Clicks | Unsubscribes | Total Gross Sales
        "#]],
    );
}

#[test]
fn brevo_campaign_reports_in_french() {
    // 12 Jan: 2 000 + 1 500 recipients, 1 980 + 1 490 delivered, 700 + 600
    // unique opens, 120 + 90 unique clicks.
    sample(
        "brevo.csv",
        expect![[r#"
            2026-01-12 email clicks = 210 (line 2)
            2026-01-12 email engagements = 1300 (line 2)
            2026-01-12 email impressions = 3470 (line 2)
            2026-01-12 email reach = 3500 (line 2)
            ignored: Nom de la campagne | Taux d'ouverture | Taux de clic | Désinscriptions
        "#]],
    );
}

#[test]
fn shopify_orders() {
    // 5 Jan: #1001 (two item rows, counted once, 59.90) and #1002 (12.00):
    // 2 orders, 71.90; #1003 refunded. 6 Jan: #1004 cancelled, #1005 taken
    // in the shop (POS): 1 order, 36.00, channel store.
    sample(
        "shopify.csv",
        expect![[r#"
            2026-01-05 website revenue = 71.9 (line 2)
            2026-01-05 website transactions = 2 (line 2)
            2026-01-06 store revenue = 36 (line 7)
            2026-01-06 store transactions = 1 (line 7)
            ignored: Email | Paid at | Fulfillment Status | Currency | Subtotal | Shipping | Taxes | Discount Code | Lineitem quantity | Lineitem name | Lineitem price
        "#]],
    );
}

#[test]
fn woocommerce_orders_in_french() {
    // 5 Jan: 59,90 + 120,00 (the cancelled 30,00 left out): 2 orders,
    // 179.90. 6 Jan: 1 005,50 (the refunded one left out).
    sample(
        "woocommerce.csv",
        expect![[r#"
            2026-01-05 website revenue = 179.9 (line 2)
            2026-01-05 website transactions = 2 (line 2)
            2026-01-06 website revenue = 1005.5 (line 6)
            2026-01-06 website transactions = 1 (line 6)
            ignored: Moyen de paiement
        "#]],
    );
}

#[test]
fn prestashop_orders_in_french() {
    // Windows-1252, `;`, `59,90 €`. 5 Jan: 59,90 + 12,00 = 71.90, 2 orders,
    // one by a new customer; the cancelled one left out. 6 Jan: the order
    // awaiting its bank transfer left out: 1 order, 36.00, by a customer
    // who had ordered before (0 new customers, a value, not a gap).
    sample(
        "prestashop.csv",
        expect![[r#"
            2026-01-05 website new_customers = 1 (line 2)
            2026-01-05 website revenue = 71.9 (line 2)
            2026-01-05 website transactions = 2 (line 2)
            2026-01-06 website new_customers = 0 (line 6)
            2026-01-06 website revenue = 36 (line 6)
            2026-01-06 website transactions = 1 (line 6)
            ignored: Référence | Livraison | Client | Paiement
        "#]],
    );
}

#[test]
fn the_channel_flag_wins_over_the_preset() {
    let path = format!(
        "{}/tests/data/presets/google-ads.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = read_with(
        "google-ads.csv",
        std::fs::read(path).unwrap(),
        Some("display"),
    );
    assert!(
        out.lines().take(9).all(|line| line.contains(" display ")),
        "{out}"
    );
}

#[test]
fn bad_rows_are_named() {
    let text = "Name,Created at,Total\n\
                #1,2026-01-05 10:00:00 +0100,12.00\n\
                #2,hier,5.00\n\
                #3,2026-01-05 11:00:00 +0100,douze\n\
                ,2026-01-05 12:00:00 +0100,3.00\n\
                #1,2026-01-05 10:00:00 +0100,13.00\n";
    expect![[r#"
        error: line 3, column 2 (Created at): `hier` is not a date: expected 2026-01-31, 31/01/2026, 20260131 or Jan 31, 2026
        error: line 4, column 3 (Total): `douze` is not a number: expected digits, a decimal point and commas between thousands
        error: line 5, column 1 (Name): an order without its number
        error: line 6, column 3 (Total): order #1 appears again with another total (12 on line 2)
    "#]]
    .assert_eq(&read_with("shopify.csv", text.as_bytes().to_vec(), None));
}

#[test]
fn an_export_of_another_tool_says_what_was_expected() {
    expect![[r#"
        file error: no header row of a WooCommerce — commandes / orders export was found: expected columns such as order date, order number, order total (export: WooCommerce › Analytics › Orders › Download, or an order export extension)
    "#]]
    .assert_eq(&read_with(
        "woocommerce.csv",
        b"date,sessions\n2026-01-05,12\n".to_vec(),
        None,
    ));
}

fn read_text(name: &str, text: &str) -> String {
    read_with(name, text.as_bytes().to_vec(), None)
}

#[test]
fn ga4_without_a_date_column_takes_the_one_day_it_covers() {
    // GA4's default traffic acquisition export has no Date column; over one
    // day, the comments' range says which. Then a second table (the chart's
    // data, after its own comments) is not the preset's and is left alone.
    let text = "\
# ----------------------------------------
# Acquisition de trafic : Groupe de canaux principal de la session
# ----------------------------------------
#
# Date de début : 20260107
# Date de fin : 20260107
Groupe de canaux principal de la session (Groupe de canaux par défaut),Utilisateurs,Sessions,Événements clés,Revenu total
Organic Search,800,1000,10,\"1,000.50\"
Paid Social,90,100,1,25
Totals,890,1100,11,\"1,025.50\"

# ----------------------------------------
# Nth day
# ----------------------------------------
Nth day,Sessions
0000,1100
";
    expect![[r#"
        2026-01-07 search conversions = 10 (line 8)
        2026-01-07 search revenue = 1000.5 (line 8)
        2026-01-07 search sessions = 1000 (line 8)
        2026-01-07 social conversions = 1 (line 9)
        2026-01-07 social revenue = 25 (line 9)
        2026-01-07 social sessions = 100 (line 9)
        ignored: Utilisateurs
    "#]]
    .assert_eq(&read_text("ga4.csv", text));
}

#[test]
fn ga4_over_several_days_without_a_date_column_is_refused() {
    let text = "\
# Start date: 20260101
# End date: 20260131
Session primary channel group (Default Channel Group),Sessions
Organic Search,31000
";
    expect![[r#"
        file error: line 3: no day column (date, jour, day, date hour yyyymmddhh, date hour, date and hour, date heure aaaammjjhh, date heure, date et heure) while the export covers 2026-01-01 to 2026-01-31: add the Date dimension: a Google Analytics 4 — acquisition de trafic / traffic acquisition export has the columns date, session default channel group, sessions, key events, transactions, total revenue (export: Reports › Acquisition › Traffic acquisition, with Date as a secondary dimension, then Share › Download file › CSV)
    "#]]
    .assert_eq(&read_text("ga4.csv", text));
}

#[test]
fn a_header_row_without_a_needed_column_names_it() {
    let text = "Name,Email,Financial Status,Created at\n#1001,a@example.com,paid,2026-01-05\n";
    expect![[r#"
        file error: line 1: no order total column (total): a Shopify — commandes / orders export has the columns created at, name, total (export: Orders › Export › All orders › CSV for Excel, Numbers…)
    "#]]
    .assert_eq(&read_text("shopify.csv", text));
    let text = "Campaign,Cost,Impr.,Clicks\nBrand,12.00,100,3\n";
    expect![[r#"
        file error: line 1: no day column (day, jour, date): a Google Ads — campagnes / campaigns export has the columns day, campaign type, cost, impr, clicks, conversions, conv value (export: Campaigns, Segment › Time › Day, then Download › CSV)
    "#]]
    .assert_eq(&read_text("google-ads.csv", text));
}

#[test]
fn unpaid_orders_are_left_out_in_every_spelling() {
    // An order export extension's slugs: on hold (awaiting a bank
    // transfer), pending, failed are left out; processing and completed
    // count.
    let text = "\
order_number,order_date,status,order_total
1,2026-01-05 10:00:00,wc-completed,10.00
2,2026-01-05 11:00:00,wc-on-hold,20.00
3,2026-01-05 12:00:00,on-hold,30.00
4,2026-01-05 13:00:00,pending,40.00
5,2026-01-05 14:00:00,processing,50.00
6,2026-01-05 15:00:00,failed,60.00
";
    expect![[r#"
        2026-01-05 website revenue = 60 (line 2)
        2026-01-05 website transactions = 2 (line 2)
    "#]]
    .assert_eq(&read_text("woocommerce.csv", text));
}

#[test]
fn woocommerce_analytics_export_gives_net_sales() {
    // WooCommerce's own Analytics › Orders download: `Order #`, net sales.
    let text = "\
\"Date\",\"Order #\",\"Status\",\"Customer\",\"Customer type\",\"Product(s)\",\"Items sold\",\"Coupon(s)\",\"Net Sales\"
\"2026-01-05\",\"2041\",\"Completed\",\"Ana M.\",\"new\",\"Baskets\",\"1\",\"\",\"49.92\"
\"2026-01-05\",\"2042\",\"Refunded\",\"Bob D.\",\"returning\",\"Sac\",\"1\",\"\",\"40.00\"
\"2026-01-06\",\"2043\",\"Processing\",\"Cy P.\",\"returning\",\"Tee-shirt, Casquette\",\"2\",\"SOLDES\",\"1,030.00\"
";
    expect![[r#"
        2026-01-05 website revenue = 49.92 (line 2)
        2026-01-05 website transactions = 1 (line 2)
        2026-01-06 website revenue = 1030 (line 4)
        2026-01-06 website transactions = 1 (line 4)
        ignored: Customer | Customer type | Product(s) | Items sold | Coupon(s)
    "#]]
    .assert_eq(&read_text("woocommerce.csv", text));
}

#[test]
fn the_decimal_mark_is_told_by_the_values_read() {
    // The titles, subjects and send dates hold commas that look decimal
    // (`Soldes, J-1`, `Jan 14, 2026`): the file as a whole would say comma,
    // the figures say point.
    let text = "\
Title,Subject,Send Date,Total Recipients,Total Revenue
\"Soldes, J-1\",\"Demain, 8h\",\"Jan 14, 2026 10:00 am\",5000,1250.5
\"Soldes, J0\",\"Aujourd'hui, 8h\",\"Jan 15, 2026 08:00 am\",5000,1800
";
    expect![[r#"
        2026-01-14 email reach = 5000 (line 2)
        2026-01-14 email revenue = 1250.5 (line 2)
        2026-01-15 email reach = 5000 (line 3)
        2026-01-15 email revenue = 1800 (line 3)
        ignored: Title | Subject
    "#]]
    .assert_eq(&read_text("mailchimp.csv", text));
}

#[test]
fn bad_values_in_daily_exports_are_named() {
    let text = "\
Day,Campaign,Cost,Impr.
2026-01-05,Brand,12.50,100
2026-13-05,Brand,1.00,10
2026-01-06,Brand,douze,10
,Brand,1.00,10
";
    expect![[r#"
        error: line 3, column 1 (Day): `2026-13-05` is not a date: no such day in the calendar
        error: line 4, column 3 (Cost): `douze` is not a number: expected digits, a decimal point and commas between thousands
    "#]]
    .assert_eq(&read_text("google-ads.csv", text));
}

/// Splits a UTF-8 sample into records as any reader would: every line,
/// with its number, the delimiter given.
fn records(path: &str, delimiter: u8) -> Vec<Record> {
    let path = format!("{}/tests/data/presets/{path}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            Record::new(
                record.position().map_or(0, |position| position.line()),
                record
                    .iter()
                    .map(|field| field.trim_start_matches('\u{feff}').to_owned())
                    .collect(),
            )
        })
        .collect()
}

fn observations(read: Result<Vec<OwnedObservation>, Vec<RowError>>) -> String {
    let mut out = String::new();
    match read {
        Ok(observations) => {
            for o in observations {
                out.push_str(&format!(
                    "{} {} {} = {} (line {}, segment {})\n",
                    o.day,
                    o.channel.as_deref().unwrap_or("-"),
                    o.measure,
                    o.value,
                    o.line,
                    o.segment.as_deref().unwrap_or("-"),
                ));
            }
        }
        Err(errors) => {
            for error in errors {
                out.push_str(&format!("error: {error}\n"));
            }
        }
    }
    out
}

#[test]
fn presets_read_records_split_by_any_reader() {
    // `Preset::read` tells the decimal mark itself: `59,90` in a
    // comma-separated file is a decimal comma.
    let preset = preset::find("woocommerce").unwrap();
    let rows = records("woocommerce.csv", b',');
    let segment = Options {
        segment: Some("b2c".to_owned()),
        ..Options::new(Format::Auto)
    };
    expect![[r#"
        2026-01-05 website revenue = 179.9 (line 2, segment b2c)
        2026-01-05 website transactions = 2 (line 2, segment b2c)
        2026-01-06 website revenue = 1005.5 (line 6, segment b2c)
        2026-01-06 website transactions = 1 (line 6, segment b2c)
    "#]]
    .assert_eq(&observations(
        preset.read_split(rows, &segment.context(b',')),
    ));

    let preset = preset::find("meta-ads").unwrap();
    let rows = records("meta-ads.csv", b';');
    let events = Options {
        channel: Some("events".to_owned()),
        ..Options::new(Format::Auto)
    };
    expect![[r#"
        2026-01-05 events clicks = 190 (line 2, segment -)
        2026-01-05 events cost = 55.3 (line 2, segment -)
        2026-01-05 events impressions = 15000 (line 2, segment -)
        2026-01-05 events reach = 10500 (line 2, segment -)
        2026-01-06 events clicks = 160 (line 4, segment -)
        2026-01-06 events cost = 50 (line 4, segment -)
        2026-01-06 events impressions = 13000 (line 4, segment -)
        2026-01-06 events reach = 8500 (line 4, segment -)
    "#]]
    .assert_eq(&observations(
        preset.read_split(rows, &events.context(b',')),
    ));

    let preset = preset::find("brevo").unwrap();
    expect![[r#"
        error: line 1: no header row of a Brevo — rapports de campagnes / campaign reports export was found: expected columns such as date d envoi, total recipients, successful deliveries, unique opens, unique clicks, total orders, total revenue (export: Campaigns › Email, select the campaigns, Export)
    "#]]
    .assert_eq(&observations(preset.read_split(Vec::new(), &Options::new(Format::Auto).context(b','))));
}

#[test]
fn columns_say_what_each_becomes() {
    let mut out = String::new();
    for preset in preset::all() {
        out.push_str(preset.name);
        out.push('\n');
        for column in preset.columns() {
            out.push_str(&format!(
                "  {}{} → {:?}\n",
                column.headers[0],
                if column.required { " (required)" } else { "" },
                column.becomes
            ));
        }
    }
    expect![[r#"
        ga4
          date → Day
          session default channel group → Channel
          sessions → Measure("sessions")
          key events → Measure("conversions")
          transactions → Measure("transactions")
          total revenue → Measure("revenue")
        google-ads
          day (required) → Day
          campaign type → Channel
          currency code → Currency
          cost → Measure("cost")
          impr → Measure("impressions")
          clicks → Measure("clicks")
          conversions → Measure("conversions")
          conv value → Measure("revenue")
        meta-ads
          day → Day
          reporting starts → PeriodStart
          reporting ends → PeriodEnd
          amount spent → Measure("cost")
          impressions → Measure("impressions")
          reach → Measure("reach")
          link clicks → Measure("clicks")
          purchases → Measure("transactions")
          purchases conversion value → Measure("revenue")
        mailchimp
          send date (required) → Day
          total recipients → Measure("reach")
          successful deliveries → Measure("impressions")
          unique opens → Measure("engagements")
          unique clicks → Measure("clicks")
          total orders → Measure("transactions")
          total revenue → Measure("revenue")
        brevo
          date d envoi (required) → Day
          total recipients → Measure("reach")
          successful deliveries → Measure("impressions")
          unique opens → Measure("engagements")
          unique clicks → Measure("clicks")
          total orders → Measure("transactions")
          total revenue → Measure("revenue")
        shopify
          created at (required) → Day
          name (required) → OrderNumber
          total (required) → OrderTotal
          financial status → OrderStatus
          cancelled at → CancelledAt
          source → Source
        woocommerce
          order date (required) → Day
          order number (required) → OrderNumber
          order total (required) → OrderTotal
          order status → OrderStatus
        prestashop
          date (required) → Day
          id (required) → OrderNumber
          total (required) → OrderTotal
          etat → OrderStatus
          nouveau client → NewCustomer
    "#]]
    .assert_eq(&out);
}

#[test]
fn every_preset_is_documented() {
    let path = format!(
        "{}/../../docs/import-presets.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let docs = std::fs::read_to_string(path).unwrap();
    for preset in preset::all() {
        assert!(
            docs.contains(&format!("### `{}`", preset.name))
                || docs.contains(&format!("## `{}`", preset.name)),
            "docs/import-presets.md has no section for {}",
            preset.name
        );
    }
    let names: Vec<&str> = preset::all().iter().map(|preset| preset.name).collect();
    assert_eq!(
        names,
        [
            "ga4",
            "google-ads",
            "meta-ads",
            "mailchimp",
            "brevo",
            "shopify",
            "woocommerce",
            "prestashop"
        ]
    );
}
