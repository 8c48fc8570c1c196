//! The pages through the router, without a socket: what each shows, in
//! French and English, and how bad requests fail.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kpilot_core::plan_file;
use kpilot_store::{SqliteStore, Store};

mod common;

use common::{Answer, EXAMPLE, get_in, store_with_example};

/// `request` to a server taking 2026-04-30 as today.
async fn call(store: Arc<dyn Store>, request: Request<Body>) -> Answer {
    common::send(&store, request).await
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn the_start_page_goes_to_the_only_plan() {
    let answer = call(store_with_example(), get("/")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers[header::LOCATION],
        "/plans/cloud-kicks-2026-h1"
    );
    // The browser gets its CSRF token on its first visit.
    let cookie = answer.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("kpilot_csrf="), "{cookie}");
    assert!(cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly"));

    let empty: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
    let answer = call(empty, get("/")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer.body.contains("Aucun plan pour l’instant"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    for uri in [
        "/",
        "/plans/cloud-kicks-2026-h1/catalogue",
        "/nowhere",
        "/api/v1/plans",
    ] {
        let answer = call(store_with_example(), get(uri)).await;
        let csp = answer.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(answer.headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(answer.headers["x-frame-options"], "DENY", "{uri}");
    }
}

#[tokio::test]
async fn the_catalogue_shows_formulas_in_the_browsers_language() {
    let uri = "/plans/cloud-kicks-2026-h1/catalogue";
    let french = call(store_with_example(), get_in(uri, "fr-FR,fr;q=0.9")).await;
    assert_eq!(french.status, StatusCode::OK);
    assert!(french.body.contains("<html lang=\"fr\">"));
    assert!(french.body.contains("Catalogue des KPI"));
    assert!(
        french.body.contains("transactions / sessions"),
        "the conversion rate's formula"
    );
    assert!(
        french.body.contains("plus bas, c’est mieux"),
        "cost per acquisition"
    );
    // The plan's own KPI, marked as tracked.
    assert!(french.body.contains("id=\"kpi-tickets_per_order\""));

    let english = call(store_with_example(), get_in(uri, "en-US,en;q=0.9")).await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("KPI catalogue"));
    assert!(english.body.contains("lower is better"));
}

#[tokio::test]
async fn the_language_switch_is_remembered() {
    let answer = call(
        store_with_example(),
        get("/plans/cloud-kicks-2026-h1/catalogue?lang=en"),
    )
    .await;
    assert!(answer.body.contains("KPI catalogue"));
    let cookies: Vec<_> = answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("kpilot_lang=en;")),
        "{cookies:?}"
    );
    // The switch links back to the same page in the other language.
    assert!(
        answer
            .body
            .contains("href=\"/plans/cloud-kicks-2026-h1/catalogue?lang=fr\"")
    );

    let remembered = Request::get("/plans/cloud-kicks-2026-h1/catalogue")
        .header(header::COOKIE, "kpilot_lang=en")
        .header(header::ACCEPT_LANGUAGE, "fr")
        .body(Body::empty())
        .unwrap();
    assert!(
        call(store_with_example(), remembered)
            .await
            .body
            .contains("KPI catalogue")
    );
}

#[tokio::test]
async fn unknown_pages_and_plans_answer_404_pages_in_the_language() {
    for uri in [
        "/nowhere",
        "/plans/ghost/catalogue",
        "/plans/not%20an%20id/catalogue",
    ] {
        let answer = call(store_with_example(), get_in(uri, "en")).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            answer.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(
            answer.body.contains("This page does not exist"),
            "{uri}: {}",
            answer.body
        );
    }
    // The API keeps answering JSON.
    let answer = call(store_with_example(), get("/api/v1/plans/ghost")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.body.starts_with("{\"error\""), "{}", answer.body);
}

#[tokio::test]
async fn a_change_from_another_site_is_refused() {
    let request = Request::post("/api/v1/check")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, "http://evil.example")
        .body(Body::from("[plan]"))
        .unwrap();
    let answer = call(store_with_example(), request).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn assets_are_embedded() {
    let answer = call(store_with_example(), get("/assets/style.css")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("--off-track"));
    let answer = call(store_with_example(), get("/assets/htmx.min.js")).await;
    assert!(answer.body.starts_with("var htmx"));
    assert_eq!(
        call(store_with_example(), get("/assets/nothing.js"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// Sessions and transactions every day of March and April 2026, pushed
/// through the API as a client would.
async fn with_results(store: &Arc<dyn Store>) {
    let answer = call(store.clone(), results_pushed()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

/// Sessions and transactions of the website for March and April, pushed
/// through the API.
fn results_pushed() -> Request<Body> {
    let mut observations = Vec::new();
    let mut day = jiff::civil::date(2026, 3, 1);
    while day <= jiff::civil::date(2026, 4, 30) {
        let n = i64::from(day.day());
        observations.push(serde_json::json!({ "date": day.to_string(), "measure": "sessions", "value": 1000 + 10 * n, "channel": "website" }));
        observations.push(serde_json::json!({ "date": day.to_string(), "measure": "transactions", "value": 30 + n % 7, "channel": "website" }));
        day = day.tomorrow().unwrap();
    }
    Request::post("/api/v1/observations")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            serde_json::json!({ "observations": observations }).to_string(),
        ))
        .unwrap()
}

#[tokio::test]
async fn the_dashboard_shows_each_objective_as_kpilot_status_does() {
    let store = store_with_example();
    with_results(&store).await;
    let at = jiff::civil::date(2026, 4, 30);
    let plan = store
        .plan(&kpilot_core::ids::PlanId::parse("cloud-kicks-2026-h1").unwrap())
        .unwrap()
        .unwrap()
        .plan;
    for (lang, accept) in [
        (kpilot_core::kpi::Lang::Fr, "fr"),
        (kpilot_core::kpi::Lang::En, "en"),
    ] {
        let expected = kpilot_workspace::status::status(store.as_ref(), &plan, at, lang).unwrap();
        let answer = call(store.clone(), get_in("/plans/cloud-kicks-2026-h1", accept)).await;
        assert_eq!(answer.status, StatusCode::OK);
        let page = &answer.body;
        assert!(page.contains(&plan.mission), "the mission heads the page");
        assert!(
            page.contains("value=\"2026-04-30\""),
            "the day shown is the configured today"
        );
        for row in &expected.objectives {
            let start = page
                .find(&format!("id=\"objective-{}\"", row.id))
                .unwrap_or_else(|| panic!("{}", row.id));
            let end = page[start..].find("</li>").unwrap() + start;
            let card = &page[start..end];
            assert!(
                card.contains(&format!("data-status=\"{}\"", row.status.as_str())),
                "{}",
                row.id
            );
            let value = kpilot_core::display::value(row.value, row.kpi.unit, "EUR", lang);
            assert!(
                card.contains(&format!("<dd class=\"value\">{value}</dd>")),
                "{}: {value} in {card}",
                row.id
            );
            for (name, sum) in &row.components {
                let text = format!("Σ{name} = {}", kpilot_core::display::decimal(*sum, lang));
                assert!(card.contains(&text), "{}: {text}", row.id);
            }
        }
        // The conversion rate is Σtransactions / Σsessions over its window,
        // and has a chart with its forecast.
        let conversion = expected
            .objectives
            .iter()
            .find(|row| row.id == "taux-conversion")
            .unwrap();
        assert!(conversion.value.is_some());
        let start = page.find("id=\"objective-taux-conversion\"").unwrap();
        assert!(page[start..].contains("<svg"), "a chart");
        for alert in &expected.alerts {
            assert!(
                page.contains(&format!("data-rule=\"{}\"", alert.rule)),
                "{}",
                alert.rule
            );
        }
    }
    // An earlier day shows the plan as it stood then.
    let answer = call(
        store.clone(),
        get("/plans/cloud-kicks-2026-h1?at=2026-03-15"),
    )
    .await;
    assert!(answer.body.contains("value=\"2026-03-15\""));
}

#[tokio::test]
async fn a_bad_day_is_a_400_page_naming_it() {
    let answer = call(
        store_with_example(),
        get_in("/plans/cloud-kicks-2026-h1?at=2026-02-30", "en"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body.contains("Invalid date “2026-02-30”"),
        "{}",
        answer.body
    );
    let answer = call(store_with_example(), get("/plans/ghost")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_explorer_shows_a_kpi_with_its_components_and_the_same_csv_as_the_cli() {
    let store = store_with_example();
    with_results(&store).await;
    let query = "kpi=conversion_rate&from=2026-03-01&to=2026-03-31&grain=week&channel=website";
    let answer = call(
        store.clone(),
        get_in(&format!("/plans/cloud-kicks-2026-h1/kpis?{query}"), "fr"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let page = &answer.body;
    // Σtransactions / Σsessions over March, from the pushed values.
    let sessions: i64 = (1..=31).map(|n| 1000 + 10 * n).sum();
    let transactions: i64 = (1..=31).map(|n| 30 + n % 7).sum();
    let rate = kpilot_core::display::value(
        Some(transactions as f64 / sessions as f64),
        kpilot_core::kpi::Unit::Percent,
        "EUR",
        kpilot_core::kpi::Lang::Fr,
    );
    assert!(
        page.contains(&format!("<dd id=\"total\">{rate}</dd>")),
        "{rate}"
    );
    let grouped = kpilot_core::display::decimal(sessions.into(), kpilot_core::kpi::Lang::Fr);
    assert!(
        page.contains(&format!("Σsessions = {grouped}")),
        "{grouped}"
    );
    assert!(page.contains("2026-W10"), "a row per ISO week");
    assert!(page.contains("<svg"), "a chart");
    assert!(
        page.contains("option value=\"website\" selected"),
        "the filter is kept"
    );

    // The CSV link gives what `kpilot kpi --format csv` gives.
    let csv = call(
        store.clone(),
        get(&format!("/plans/cloud-kicks-2026-h1/kpis.csv?{query}")),
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("conversion_rate-2026-03-01-2026-03-31.csv")
    );
    let plan = plan_file::parse(EXAMPLE).unwrap().plan;
    let kpi = kpilot_core::catalogue::find("conversion_rate").unwrap();
    let expected = kpilot_workspace::kpi::query(
        store.as_ref(),
        kpi,
        kpilot_core::engine::Span {
            from: jiff::civil::date(2026, 3, 1),
            to: jiff::civil::date(2026, 3, 31),
        },
        kpilot_core::engine::Grain::Week,
        kpilot_workspace::data::Filters {
            channel: Some("website"),
            segment: None,
            by: None,
        },
    )
    .unwrap();
    assert_eq!(csv.body, expected.to_csv());
    assert!(page.contains(&format!("href=\"/plans/{}/kpis.csv?", plan.id)));

    // A breakdown by channel, in English.
    let answer = call(
        store.clone(),
        get_in("/plans/cloud-kicks-2026-h1/kpis?kpi=sessions&from=2026-03-01&to=2026-03-31&grain=total&by=channel", "en"),
    )
    .await;
    assert!(answer.body.contains("KPI explorer"));
    assert!(
        answer.body.contains("<th scope=\"row\">website"),
        "{}",
        answer.body
    );

    for (uri, code) in [
        (
            "/plans/cloud-kicks-2026-h1/kpis?kpi=ghost",
            StatusCode::NOT_FOUND,
        ),
        (
            "/plans/cloud-kicks-2026-h1/kpis?grain=year",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/plans/cloud-kicks-2026-h1/kpis?from=2026-04-01&to=2026-03-01",
            StatusCode::BAD_REQUEST,
        ),
        ("/plans/ghost/kpis", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(call(store.clone(), get(uri)).await.status, code, "{uri}");
    }
    // The page's default: the first objective's KPI, the plan up to today.
    let answer = call(store.clone(), get("/plans/cloud-kicks-2026-h1/kpis")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer
            .body
            .contains("option value=\"conversion_rate\" selected")
    );
    assert!(answer.body.contains("value=\"2026-04-30\""));
}

/// The dashboard and the status API keep their answers in memory between
/// writes: every write — a push through the API, or an import straight into
/// the store, as `kpilot import` does while the server runs — shows at once.
#[tokio::test]
async fn the_dashboard_and_the_status_follow_every_write() {
    let store = store_with_example();
    let router = kpilot_web::router(
        store.clone(),
        kpilot_web::Config {
            today: Some(common::TODAY),
            ..kpilot_web::Config::default()
        },
    );
    let plan = common::example_plan();
    let lang = kpilot_core::kpi::Lang::Fr;
    // What the page and the API say, and what a fresh computation says.
    let seen = || async {
        let page = common::respond(router.clone(), get_in("/plans/cloud-kicks-2026-h1", "fr"))
            .await
            .body;
        let start = page.find("id=\"objective-taux-conversion\"").unwrap();
        let end = page[start..].find("</li>").unwrap() + start;
        let card = page[start..end].to_owned();
        let api = common::respond(
            router.clone(),
            get("/api/v1/plans/cloud-kicks-2026-h1/status?lang=fr"),
        )
        .await
        .body;
        let expected =
            kpilot_workspace::status::status(store.as_ref(), &plan, common::TODAY, lang).unwrap();
        let row = expected
            .objectives
            .iter()
            .find(|row| row.id == "taux-conversion")
            .unwrap();
        let value = kpilot_core::display::value(row.value, row.kpi.unit, "EUR", lang);
        assert!(
            card.contains(&format!("<dd class=\"value\">{value}</dd>")),
            "{value} in {card}"
        );
        let api: serde_json::Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api, expected.to_json());
        (card, api)
    };
    let (empty_card, empty_api) = seen().await;
    assert_eq!(seen().await, (empty_card.clone(), empty_api.clone()));

    let pushed = common::respond(router.clone(), results_pushed()).await;
    assert_eq!(pushed.status, StatusCode::OK, "{}", pushed.body);
    let (pushed_card, pushed_api) = seen().await;
    assert_ne!(pushed_card, empty_card, "the pushed results show");
    assert_ne!(pushed_api, empty_api);

    // Twice as many transactions on one day, written behind the server's back.
    common::import(
        store.as_ref(),
        "more.csv",
        &[(
            jiff::civil::date(2026, 4, 29),
            "transactions",
            "400",
            "website",
        )],
    );
    let (imported_card, imported_api) = seen().await;
    assert_ne!(imported_card, pushed_card, "the import shows");
    assert_ne!(imported_api, pushed_api);
}

/// The A/B tests pages: the list with each verdict, and a test's result —
/// the variants' sums, the lift with its intervals and chart, the verdict in
/// words — with the figures of `kpilot experiment`.
#[tokio::test]
async fn the_experiments_pages_show_the_verdicts_of_kpilot_experiment() {
    let store = store_with_example();
    let plan = common::example_plan();
    let rows: Vec<kpilot_store::ExperimentRow> = (9..=22)
        .flat_map(|day| {
            [("A", 20), ("B", 31)].map(|(variant, conversions)| kpilot_store::ExperimentRow {
                day: jiff::civil::date(2026, 2, day),
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
    let experiment = plan.experiment("ab-paiement").unwrap();
    let judgement =
        kpilot_workspace::experiment::judged(store.as_ref(), &plan, experiment, common::TODAY)
            .unwrap();
    let comparison = &judgement.comparisons[0];
    assert_eq!(comparison.verdict.as_str(), "winner");

    let list = common::get(&store, "/plans/cloud-kicks-2026-h1/experiments", "en").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("data-experiment=\"ab-paiement\""));
    assert!(
        list.body.contains("data-verdict=\"winner\""),
        "{}",
        list.body
    );
    assert!(
        list.body.contains("28,000"),
        "the visitors of both variants"
    );
    common::assert_no_inline_style_or_script(&list.body);

    for (accept, lang) in [
        ("en", kpilot_core::kpi::Lang::En),
        ("fr", kpilot_core::kpi::Lang::Fr),
    ] {
        let page = common::get(
            &store,
            "/plans/cloud-kicks-2026-h1/experiments/ab-paiement",
            accept,
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let body = &page.body;
        let lift = kpilot_workspace::experiment::lift_text(comparison.fixed.unwrap().lift, lang);
        assert!(body.contains(&lift), "{lift} in the page");
        let sentence = kpilot_workspace::experiment::sentence(&judgement, comparison, lang);
        assert!(
            body.contains(&maud::html! { (sentence) }.into_string()),
            "{sentence}"
        );
        // The value is checkable from the sums beside it: 434 / 14 000.
        let value = kpilot_core::display::value(
            Some(434.0 / 14_000.0),
            kpilot_core::kpi::Unit::Percent,
            "EUR",
            lang,
        );
        assert!(
            body.contains(&format!("<td class=\"number value\">{value}</td>")),
            "{value}"
        );
        assert!(body.contains("<svg"), "the interval chart");
        // Where the test stands in the chain: its action, tactic, channel.
        let chain = kpilot_workspace::experiment::chain(&plan, experiment);
        assert!(chain.tactic.is_some() && chain.channel.is_some());
        for part in [
            &chain.action,
            chain.tactic.as_ref().unwrap(),
            chain.channel.as_ref().unwrap(),
        ] {
            assert!(
                body.contains(&maud::html! { (part) }.into_string()),
                "{part}"
            );
        }
        common::assert_no_inline_style_or_script(body);
    }
    let unknown = common::get(&store, "/plans/cloud-kicks-2026-h1/experiments/nope", "en").await;
    common::assert_fails(&unknown, StatusCode::NOT_FOUND, "nope");
    let bad_day = common::get(
        &store,
        "/plans/cloud-kicks-2026-h1/experiments/ab-paiement?at=31/02",
        "en",
    )
    .await;
    assert_eq!(bad_day.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_last_value_measure_is_never_labelled_a_sum() {
    // The audit's completion is recorded as its latest value: the
    // dashboard and the explorer say so, never `Σaudit_completion`.
    let store = store_with_example();
    let push = serde_json::json!({ "observations": [
        { "date": "2026-03-02", "measure": "audit_completion", "value": "0.2" },
        { "date": "2026-04-01", "measure": "audit_completion", "value": "0.6" },
    ]});
    let answer = call(
        store.clone(),
        Request::post("/api/v1/observations")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(push.to_string()))
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let dashboard = call(store.clone(), get_in("/plans/cloud-kicks-2026-h1", "fr")).await;
    assert!(
        dashboard
            .body
            .contains("audit_completion (dernière valeur) = 0,6"),
        "{}",
        dashboard.body
    );
    assert!(!dashboard.body.contains("Σaudit_completion"));
    let explorer = call(
        store,
        get_in(
            "/plans/cloud-kicks-2026-h1/kpis?kpi=audit_completion&from=2026-03-01&to=2026-04-30",
            "en",
        ),
    )
    .await;
    assert_eq!(explorer.status, StatusCode::OK, "{}", explorer.body);
    assert!(
        explorer.body.contains("audit_completion (latest value)"),
        "{}",
        explorer.body
    );
    assert!(!explorer.body.contains("Σaudit_completion"));
}

#[tokio::test]
async fn an_objectives_link_opens_the_explorer_on_the_same_figure() {
    // The link carried only the KPI: the explorer showed the whole plan's
    // rate (2.5 %) where the objective, on its channel and window, said
    // 3.5 %. It carries the channel, segment and window now.
    let store = store_with_example();
    with_results(&store).await;
    let dashboard = call(store.clone(), get_in("/plans/cloud-kicks-2026-h1", "fr")).await;
    let page = &dashboard.body;
    let mut followed = 0;
    for item in page.split("<li class=\"objective\"").skip(1) {
        let Some(value) = item
            .split("<dd class=\"value\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
        else {
            continue;
        };
        if value == "—" {
            continue;
        }
        let link = item
            .split("href=\"/plans/cloud-kicks-2026-h1/kpis?")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a link to the explorer")
            .replace("&amp;", "&");
        assert!(link.contains("&from=") && link.contains("&to="), "{link}");
        let explorer = call(
            store.clone(),
            get_in(&format!("/plans/cloud-kicks-2026-h1/kpis?{link}"), "fr"),
        )
        .await;
        assert_eq!(explorer.status, StatusCode::OK, "{link}");
        assert!(
            explorer.body.contains(&format!(">{value}<")),
            "{link}: the explorer does not show {value}"
        );
        followed += 1;
    }
    assert!(followed >= 1, "{page}");
}
