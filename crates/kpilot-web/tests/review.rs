//! The Review page through the router: kpilot-report's review of a period
//! on screen in French and English, its downloads (the bytes `kpilot
//! review` writes), and how bad periods fail.

mod common;

use axum::http::{StatusCode, header};
use common::{
    PLAN, assert_csp, assert_fails, assert_no_inline_style_or_script, get, get_on,
    store_with_results,
};
use jiff::civil::date;
use kpilot_core::kpi::Lang;

#[tokio::test]
async fn the_review_shows_the_objectives_in_each_language() {
    let (store, _) = store_with_results();
    for (accept, objectives, subtitle, download) in [
        (
            "fr-FR",
            "<h2>Objectifs</h2>",
            "du 01/01/2026 au 06/04/2026 — dernières données le 06/04/2026",
            "Télécharger en PDF",
        ),
        (
            "en-US",
            "<h2>Objectives</h2>",
            "2026-01-01 to 2026-04-06 — last data on 2026-04-06",
            "Download as PDF",
        ),
    ] {
        let answer = get(&store, &format!("/plans/{PLAN}/review"), accept).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let body = &answer.body;
        assert!(body.contains("<section id=\"objectives\">"), "{accept}");
        assert!(body.contains(objectives), "{accept}");
        assert!(body.contains(subtitle), "{accept}: {subtitle}");
        assert!(body.contains(download), "{accept}");
        // The default period: the plan's start to the last day with data,
        // which comes before today.
        for format in ["html", "pdf", "xlsx"] {
            let link =
                format!("href=\"/plans/{PLAN}/review.{format}?from=2026-01-01&amp;to=2026-04-06\"");
            assert!(body.contains(&link), "{link}");
        }
        assert!(body.contains("name=\"from\" value=\"2026-01-01\""));
        assert!(body.contains("<div class=\"review\">"));
        assert!(body.contains("<th scope=\"col\""));
        assert_no_inline_style_or_script(body);
        assert_csp(&answer);
    }
}

#[tokio::test]
async fn the_default_period_ends_at_the_last_data_or_today_if_sooner() {
    let (store, _) = store_with_results();
    // After the plan: its results stopped on 6 April.
    let later = date(2026, 9, 15);
    let answer = get_on(&store, &format!("/plans/{PLAN}/review.xlsx"), "en", later).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers[header::CONTENT_DISPOSITION],
        format!("attachment; filename=\"review-{PLAN}-2026-01-01-2026-04-06.xlsx\"")
    );
    // Before the last data (results were imported ahead): today, and no
    // word of the last data, which lies after the period.
    let sooner = date(2026, 3, 15);
    let answer = get_on(&store, &format!("/plans/{PLAN}/review"), "en", sooner).await;
    assert!(
        answer.body.contains("2026-01-01 to 2026-03-15<"),
        "{}",
        answer.body
    );
    assert!(!answer.body.contains("last data"));
    // A chosen end after the data says where the data stops.
    let answer = get(&store, &format!("/plans/{PLAN}/review?to=2026-06-30"), "fr").await;
    assert!(
        answer
            .body
            .contains("du 01/01/2026 au 30/06/2026 — dernières données le 06/04/2026")
    );
}

#[tokio::test]
async fn a_chosen_period_is_shown_and_downloaded() {
    let (store, _) = store_with_results();
    let answer = get(
        &store,
        &format!("/plans/{PLAN}/review?from=2026-03-01&to=2026-03-31"),
        "en",
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("2026-03-01 to 2026-03-31"));
    assert!(
        answer
            .body
            .contains("review.xlsx?from=2026-03-01&amp;to=2026-03-31")
    );
}

#[tokio::test]
async fn the_html_download_is_the_command_lines_document() {
    let (store, plan) = store_with_results();
    for (lang, accept) in [(Lang::Fr, "fr"), (Lang::En, "en")] {
        let (from, to) = (date(2026, 2, 1), date(2026, 4, 15));
        let review =
            kpilot_workspace::review::gather(store.as_ref(), &plan, from, to, lang).unwrap();
        let expected = kpilot_report::html::write(&kpilot_report::review::document(&review));
        let answer = get(
            &store,
            &format!("/plans/{PLAN}/review.html?from=2026-02-01&to=2026-04-15"),
            accept,
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(
            answer.headers[header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        assert_eq!(
            answer.headers[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"review-{PLAN}-2026-02-01-2026-04-15.html\"")
        );
        assert!(answer.body == expected, "{lang:?}: the download differs");
    }
}

#[tokio::test]
async fn the_pdf_and_xlsx_downloads_are_attachments() {
    let (store, _) = store_with_results();
    for (format, content_type, magic) in [
        ("pdf", "application/pdf", "%PDF"),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "PK",
        ),
    ] {
        let answer = get(&store, &format!("/plans/{PLAN}/review.{format}"), "fr").await;
        assert_eq!(answer.status, StatusCode::OK, "{format}");
        assert_eq!(answer.headers[header::CONTENT_TYPE], content_type);
        assert_eq!(
            answer.headers[header::CONTENT_DISPOSITION],
            format!("attachment; filename=\"review-{PLAN}-2026-01-01-2026-04-06.{format}\"")
        );
        assert!(answer.body.starts_with(magic), "{format}");
    }
}

#[tokio::test]
async fn bad_periods_and_unknown_plans_fail_with_a_page() {
    let (store, _) = store_with_results();
    for path in ["review", "review.html", "review.pdf", "review.xlsx"] {
        let answer = get(
            &store,
            &format!("/plans/{PLAN}/{path}?from=2026-04-02&to=2026-04-01"),
            "fr",
        )
        .await;
        assert_fails(
            &answer,
            StatusCode::BAD_REQUEST,
            "Le bilan commence le 02/04/2026, après son dernier jour, le 01/04/2026.",
        );
        let answer = get(&store, &format!("/plans/{PLAN}/{path}?to=2026-02-30"), "en").await;
        assert_fails(&answer, StatusCode::BAD_REQUEST, "2026-02-30");
        let answer = get(&store, &format!("/plans/ghost/{path}"), "en").await;
        assert_fails(&answer, StatusCode::NOT_FOUND, "This page does not exist");
    }
}

/// The review lists the experiments of its period with their verdicts, and
/// leaves out those that had not started.
#[tokio::test]
async fn the_review_lists_the_experiments_of_the_period_with_their_verdicts() {
    let (store, plan) = store_with_results();
    let rows: Vec<kpilot_store::ExperimentRow> = (9..=22)
        .flat_map(|day| {
            [("A", 20), ("B", 31)].map(|(variant, conversions)| kpilot_store::ExperimentRow {
                day: date(2026, 2, day),
                variant: variant.to_owned(),
                visitors: 1000,
                conversions,
                revenue: None,
                revenue_squares: None,
            })
        })
        .collect();
    store
        .record_experiment(&plan.id, "ab-paiement", &rows, "results.csv", "tester")
        .unwrap();
    let answer = get(&store, &format!("/plans/{PLAN}/review"), "en").await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = &answer.body;
    let start = body
        .find("<section id=\"experiments\">")
        .expect("an A/B tests section");
    let section = &body[start..start + body[start..].find("</section>").unwrap()];
    assert!(section.contains("<h2>A/B tests</h2>"), "{section}");
    assert!(section.contains("ab-paiement"), "{section}");
    assert!(section.contains("winner"), "{section}");
    assert!(section.contains("B wins: +55.0%"), "{section}");
    // A period that ends before the test began lists none.
    let answer = get(
        &store,
        &format!("/plans/{PLAN}/review?from=2026-01-01&to=2026-01-31"),
        "en",
    )
    .await;
    assert!(answer.body.contains("No experiment during the period."));
}
