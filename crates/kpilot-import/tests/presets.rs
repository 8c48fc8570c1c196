//! Every preset on a sample export of our own making
//! (`tests/data/presets/`), with the quirks of the real ones: title lines,
//! `#` comments, total rows, one row per campaign or per order item,
//! cancelled orders, French spellings. The expected figures are worked out
//! by hand in the comments.

use expect_test::{Expect, expect};
use kpilot_import::header::Mapping;
use kpilot_import::reader::{Format, Options, Reader};

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
        format,
        mapping: Mapping::new([]),
        channel: channel.map(str::to_owned),
        segment: None,
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
    if !reader.info().ignored_columns.is_empty() {
        out.push_str(&format!(
            "ignored: {}\n",
            reader.info().ignored_columns.join(" | ")
        ));
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
    // 5 Jan: two campaigns: cost 1234.50 + 65.50 = 1300, impressions
    // 12000 + 800, clicks 340 + 20, conversions 12 + 1, conversion value
    // 2400 + 80. `--` is no value. The two total rows are not summed.
    sample(
        "google-ads.csv",
        expect![[r#"
            2026-01-05 search clicks = 360 (line 4)
            2026-01-05 search conversions = 13 (line 4)
            2026-01-05 search cost = 1300 (line 4)
            2026-01-05 search impressions = 12800 (line 4)
            2026-01-05 search revenue = 2480 (line 4)
            2026-01-06 search clicks = 30 (line 6)
            2026-01-06 search conversions = 2 (line 6)
            2026-01-06 search cost = 100 (line 6)
            2026-01-06 search impressions = 1000 (line 6)
            ignored: Campaign | Campaign type | Currency code | CTR
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
            ignored: Nom de la campagne | Résultats | Indicateur de résultats
        "#]],
    );
}

#[test]
fn meta_ads_without_a_breakdown_by_day_is_refused() {
    let text = "Campaign name,Reporting starts,Reporting ends,Amount spent (EUR),Impressions\n\
                Spring,2026-01-01,2026-01-31,450.00,120000\n\
                Spring,2026-02-01,2026-02-01,10.00,1000\n";
    expect![[r#"
        error: line 2, column 3 (Reporting ends): the row covers 2026-01-01 to 2026-01-31: export with the breakdown by day (Répartition › Par période › Jour)
    "#]]
    .assert_eq(&read_with("meta-ads.csv", text.as_bytes().to_vec(), None));
}

#[test]
fn mailchimp_campaign_reports() {
    // 15 Jan: two campaigns: 5000 + 1000 recipients, 4960 + 990 delivered,
    // 2300 + 300 unique opens, 510 + 50 unique clicks, 25 + 2 orders,
    // 1800.00 + 95.50 revenue.
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
    // awaiting its bank transfer left out: 1 order, 36.00.
    sample(
        "prestashop.csv",
        expect![[r#"
            2026-01-05 website new_customers = 1 (line 2)
            2026-01-05 website revenue = 71.9 (line 2)
            2026-01-05 website transactions = 2 (line 2)
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
        error: line 3, column 2 (Created at): `hier` is not a date: a date has three parts (expected 2026-01-31, 31/01/2026 or 31.01.2026)
        error: line 4, column 3 (Total): `douze` is not a number: expected digits, a decimal point and commas between thousands
        error: line 5, column 1 (Name): an order without its number
        error: line 6, column 3 (Total): order #1 appears again with another total (12 on line 2)
    "#]]
    .assert_eq(&read_with("shopify.csv", text.as_bytes().to_vec(), None));
}

#[test]
fn an_export_of_another_tool_says_what_was_expected() {
    expect![[r#"
        error: line 1: no header row of a WooCommerce — commandes / orders export was found: expected columns such as order date, order number, order total
    "#]]
    .assert_eq(&read_with(
        "woocommerce.csv",
        b"date,sessions\n2026-01-05,12\n".to_vec(),
        None,
    ));
}
