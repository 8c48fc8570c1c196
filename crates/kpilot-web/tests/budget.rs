//! The Budget page through the router: the figures of `kpilot budget`
//! (kpilot-workspace's report, computed here too), formatted per language,
//! the breakdowns and their charts, the findings, and how bad requests fail.

mod common;

use axum::http::StatusCode;
use common::{
    PLAN, TODAY, assert_csp, assert_fails, assert_no_inline_style_or_script, get,
    store_with_results,
};
use jiff::civil::date;
use kpilot_core::budget::By;
use kpilot_core::display;
use kpilot_core::kpi::{Lang, Unit};

fn money(value: Option<f64>, lang: Lang) -> String {
    display::value(value, Unit::Currency, "EUR", lang)
}

#[tokio::test]
async fn the_budget_page_shows_the_reports_figures_in_each_language() {
    let (store, plan) = store_with_results();
    let report = kpilot_workspace::budget::report(store.as_ref(), &plan, TODAY, None).unwrap();
    // Cost observed (150000 + 1500.50 + 800) and entered (300).
    assert!((report.spent - 152_600.5).abs() < 1e-6, "{}", report.spent);
    for (lang, accept, spent_label, parts) in [
        (Lang::Fr, "fr-FR", "Dépensé à date", "dont coûts observés"),
        (Lang::En, "en-GB", "Spent to date", "of which observed cost"),
    ] {
        let answer = get(&store, &format!("/plans/{PLAN}/budget"), accept).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let body = &answer.body;
        for (id, value) in [
            ("envelope", report.envelope),
            ("allocated", Some(report.allocated)),
            ("planned", Some(report.planned)),
            ("spent", Some(report.spent)),
            ("remaining", report.remaining),
            ("forecast", report.forecast),
        ] {
            let shown = format!("<dd id=\"{id}\">{}</dd>", money(value, lang));
            assert!(body.contains(&shown), "{lang:?}: {shown} in {body}");
        }
        // Checkable by hand: spent is the observed cost plus the spend
        // entered, remaining the envelope less spent.
        assert!(body.contains(spent_label));
        let split = format!(
            "{parts} {} + ",
            money(Some(150_000.0 + 1500.5 + 800.0), lang)
        );
        assert!(body.contains(&split), "{split}");
        assert!(body.contains(&money(Some(300.0), lang)));
        assert_eq!(
            report.remaining,
            report.envelope.map(|envelope| envelope - report.spent)
        );
        // Both breakdowns, each a table with its caption and a chart.
        for by in ["by-channel", "by-month"] {
            assert!(body.contains(&format!("<section id=\"{by}\">")), "{by}");
        }
        assert_eq!(body.matches("<caption>").count(), 2);
        assert_eq!(body.matches("role=\"img\"").count(), 2);
        assert!(body.contains("<svg"));
        assert_no_inline_style_or_script(body);
        assert_csp(&answer);
    }
    let english = get(&store, &format!("/plans/{PLAN}/budget"), "en").await;
    assert!(english.body.contains("<th scope=\"row\">2026-03</th>"));
    assert!(
        english
            .body
            .contains("<tr class=\"over\"><th scope=\"row\">website</th>")
    );
    assert!(english.body.contains("<tr><th scope=\"row\">search</th>"));
}

#[tokio::test]
async fn the_breakdown_lines_are_the_reports() {
    let (store, plan) = store_with_results();
    for by in [By::Channel, By::Month, By::Action] {
        let report =
            kpilot_workspace::budget::report(store.as_ref(), &plan, TODAY, Some(by)).unwrap();
        let name = kpilot_workspace::budget::by_name(by);
        let answer = get(&store, &format!("/plans/{PLAN}/budget?by={name}"), "en").await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.body.contains(&format!("<section id=\"by-{name}\">")));
        assert_eq!(answer.body.matches("<section id=\"by-").count(), 1);
        assert!(!report.lines.is_empty(), "{name}");
        for line in &report.lines {
            let row = format!(
                "<th scope=\"row\">{}</th><td class=\"number\">{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td>",
                line.key,
                money(Some(line.budget), Lang::En),
                money(Some(line.planned), Lang::En),
                money(Some(line.spent), Lang::En),
                money(Some(line.remaining()), Lang::En),
            );
            assert!(answer.body.contains(&row), "{name}: {row}");
        }
        assert!(
            answer
                .body
                .contains(&format!("<option value=\"{name}\" selected>"))
        );
    }
}

#[tokio::test]
async fn an_earlier_day_shows_the_figures_of_that_day() {
    let (store, plan) = store_with_results();
    let at = date(2026, 2, 15);
    let report = kpilot_workspace::budget::report(store.as_ref(), &plan, at, None).unwrap();
    assert!((report.spent - 1800.5).abs() < 1e-6, "{}", report.spent);
    let answer = get(
        &store,
        &format!("/plans/{PLAN}/budget?at=2026-02-15&by="),
        "fr",
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains(&format!(
        "<dd id=\"spent\">{}</dd>",
        money(Some(report.spent), Lang::Fr)
    )));
    assert!(answer.body.contains("Chiffres au 15/02/2026"));
    assert!(answer.body.contains("value=\"2026-02-15\""));
}

#[tokio::test]
async fn overspend_is_in_the_alert_panel() {
    let (store, plan) = store_with_results();
    let report = kpilot_workspace::budget::report(store.as_ref(), &plan, TODAY, None).unwrap();
    let website = report
        .findings
        .iter()
        .find(|notice| notice.rule == "budget.overspend" && notice.item == "website")
        .expect("the website channel's overspend");
    for (lang, accept) in [(Lang::Fr, "fr"), (Lang::En, "en")] {
        let answer = get(&store, &format!("/plans/{PLAN}/budget"), accept).await;
        assert!(answer.body.contains("role=\"alert\""));
        for notice in &report.findings {
            let message = notice.message.get(lang).replace('"', "&quot;");
            assert!(answer.body.contains(&message), "{lang:?}: {message}");
        }
        assert!(answer.body.contains(website.message.get(lang)));
    }
    let french = get(&store, &format!("/plans/{PLAN}/budget"), "fr").await;
    assert!(french.body.contains("le canal website a dépensé"));
}

#[tokio::test]
async fn bad_requests_fail_with_a_page() {
    let (store, _) = store_with_results();
    let answer = get(&store, &format!("/plans/{PLAN}/budget?at=2026-13-01"), "fr").await;
    assert_fails(
        &answer,
        StatusCode::BAD_REQUEST,
        "Date invalide « 2026-13-01 »",
    );
    let answer = get(&store, &format!("/plans/{PLAN}/budget?by=planet"), "en").await;
    assert_fails(
        &answer,
        StatusCode::BAD_REQUEST,
        "Unknown breakdown “planet”",
    );
    let answer = get(&store, "/plans/ghost/budget", "en").await;
    assert_fails(&answer, StatusCode::NOT_FOUND, "This page does not exist");
}
