//! The JSON API through the router (no socket), and `serve` on a real
//! loopback port with a clean shutdown.

use std::io::{Read, Write};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kpilot_core::plan_file;
use kpilot_store::{SqliteStore, Store};

mod common;

use common::{EXAMPLE, store_with_example};

async fn call(store: Arc<dyn Store>, request: Request<Body>) -> (StatusCode, String) {
    let answer = common::send(&store, request).await;
    (answer.status, answer.body)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn lists_plans_and_serves_a_plan_file() {
    let store = store_with_example();
    let (status, body) = call(store.clone(), get("/api/v1/plans")).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["plans"][0]["id"], "cloud-kicks-2026-h1");
    assert_eq!(json["plans"][0]["revision"], 1);

    let (status, body) = call(store.clone(), get("/api/v1/plans/cloud-kicks-2026-h1")).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let plan = plan_file::parse(EXAMPLE).unwrap().plan;
    assert_eq!(json["currency"], "EUR");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), plan.items().len());
    assert!(
        items
            .iter()
            .any(|item| item["kind"] == "objective" && item["id"] == "taux-conversion")
    );

    let (status, body) = call(store.clone(), get("/api/v1/plans/cloud-kicks-2026-h1/file")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, plan_file::write(&plan));

    let (status, body) = call(store, get("/api/v1/plans/cloud-kicks-2026-h1/check")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, r#"{"findings":[]}"#);
}

#[tokio::test]
async fn unknown_plan_is_404_with_a_message() {
    let store = store_with_example();
    for uri in ["/api/v1/plans/ghost", "/api/v1/plans/not%20an%20id/check"] {
        let (status, body) = call(store.clone(), get(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(body.contains("no plan"), "{body}");
    }
}

#[tokio::test]
async fn checks_a_posted_plan_file_with_lines() {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_in_memory().unwrap());
    let broken = EXAMPLE.replacen("deadline = ", "# deadline = ", 1);
    let request = Request::post("/api/v1/check")
        .body(Body::from(broken))
        .unwrap();
    let (status, body) = call(store.clone(), request).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let finding = &json["findings"][0];
    assert_eq!(finding["rule"], "smart.time_bound");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["kind"], "objective");
    assert!(finding["line"].as_u64().unwrap() > 1);

    let request = Request::post("/api/v1/check")
        .body(Body::from("[plan\n"))
        .unwrap();
    let (_, body) = call(store, request).await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["findings"][0]["rule"], "plan.syntax");
    assert_eq!(json["findings"][0]["line"], 1);
}

#[tokio::test]
async fn serves_on_a_loopback_port_and_shuts_down_cleanly() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(kpilot_web::serve(
        listener,
        kpilot_web::router(store_with_example(), kpilot_web::Config::default()),
        async {
            let _ = stopped.await;
        },
    ));
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream
            .write_all(
                b"GET /api/v1/plans HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            )
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    })
    .await
    .unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.contains("cloud-kicks-2026-h1"), "{response}");
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

fn post_json(uri: &str, body: serde_json::Value) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn pushed_observations_are_stored_all_or_nothing() {
    let store = store_with_example();
    let day = jiff::civil::date(2026, 3, 2);
    let sessions = |store: &Arc<dyn Store>| -> Vec<String> {
        store
            .observations(&kpilot_store::ObservationQuery {
                from: Some(day),
                to: Some(day),
                measures: Some(vec!["sessions".to_owned()]),
                batch: None,
            })
            .unwrap()
            .iter()
            .map(|o| format!("{} {:?} {}", o.measure, o.channel, o.value))
            .collect()
    };

    // One bad value among good ones: each fault named, nothing written.
    let bad = serde_json::json!({ "observations": [
        { "date": "2026-03-02", "measure": "sessions", "value": 120, "channel": "email" },
        { "date": "2026-02-30", "measure": "sessions", "value": "1,5" },
        { "date": "2026-03-02", "measure": "sessions", "value": 3, "segment": "pas un id" },
    ]});
    let (status, body) = call(store.clone(), post_json("/api/v1/observations", bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let errors: Vec<(u64, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["index"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, [(1, "date"), (1, "value"), (2, "segment")]);
    assert!(sessions(&store).is_empty());

    // A dry run counts without writing.
    let good = serde_json::json!({ "source": "shop-webhook", "observations": [
        { "date": "2026-03-02", "measure": "sessions", "value": 120, "channel": "email" },
        { "date": "2026-03-02", "measure": "sessions", "value": "80.5", "channel": "search" },
    ]});
    let mut dry = good.clone();
    dry["dry_run"] = true.into();
    let (status, body) = call(store.clone(), post_json("/api/v1/observations", dry)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (json["batch"].is_null(), json["inserted"].as_u64()),
        (true, Some(2))
    );
    assert!(sessions(&store).is_empty());

    let (status, body) = call(store.clone(), post_json("/api/v1/observations", good)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(json["batch"].as_i64().is_some());
    assert_eq!(
        sessions(&store),
        [
            "sessions Some(\"email\") 120",
            "sessions Some(\"search\") 80.5"
        ]
    );
    let batches = store.batches().unwrap();
    assert_eq!(batches.last().unwrap().file_name, "shop-webhook");

    // A batch that repeats a key contradicts itself: nothing written.
    let twice = serde_json::json!({ "observations": [
        { "date": "2026-03-03", "measure": "sessions", "value": 1 },
        { "date": "2026-03-03", "measure": "sessions", "value": 2 },
    ]});
    let (status, body) = call(store.clone(), post_json("/api/v1/observations", twice)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("\"duplicates\":[{\"index\":1"), "{body}");
    assert_eq!(store.batches().unwrap().len(), batches.len());

    // A push of nothing stores nothing: refused, no batch, unless asked.
    let empty = serde_json::json!({ "observations": [] });
    let (status, body) = call(store.clone(), post_json("/api/v1/observations", empty)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("nothing to import"), "{body}");
    assert_eq!(store.batches().unwrap().len(), batches.len());
    let allowed = serde_json::json!({ "observations": [], "allow_empty": true });
    let (status, body) = call(store.clone(), post_json("/api/v1/observations", allowed)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(store.batches().unwrap().len(), batches.len() + 1);

    // Malformed JSON is refused by the extractor.
    let request = Request::post("/api/v1/observations")
        .header("content-type", "application/json")
        .body(Body::from("{\"observations\": [{\"date\": 1}"))
        .unwrap();
    let (status, _) = call(store, request).await;
    assert!(status.is_client_error(), "{status}");
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let (status, body) = call(store_with_example(), get("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(json["openapi"].as_str().unwrap().starts_with("3."));
    let paths = json["paths"].as_object().unwrap();
    for path in [
        "/api/v1/plans",
        "/api/v1/plans/{id}",
        "/api/v1/plans/{id}/file",
        "/api/v1/plans/{id}/check",
        "/api/v1/check",
        "/api/v1/observations",
        "/api/v1/plans/{id}/actions/{action}/updates",
        "/api/v1/plans/{id}/objectives/{objective}/checkins",
        "/api/v1/plans/{id}/status",
        "/api/v1/plans/{id}/experiments/{experiment}",
        "/api/v1/kpis/{kpi}",
    ] {
        assert!(
            paths.contains_key(path),
            "{path} missing from {:?}",
            paths.keys()
        );
    }
    assert!(json["components"]["schemas"]["PushRequest"].is_object());
}

#[tokio::test]
async fn status_and_kpi_queries_answer_as_the_command_line() {
    let store = store_with_example();
    let good = serde_json::json!({ "observations": [
        { "date": "2026-03-02", "measure": "sessions", "value": 1000, "channel": "website" },
        { "date": "2026-03-02", "measure": "transactions", "value": 31, "channel": "website" },
        { "date": "2026-03-03", "measure": "sessions", "value": 500, "channel": "email" },
        { "date": "2026-03-03", "measure": "transactions", "value": 9, "channel": "email" },
    ]});
    let (status, _) = call(store.clone(), post_json("/api/v1/observations", good)).await;
    assert_eq!(status, StatusCode::OK);
    let plan = plan_file::parse(EXAMPLE).unwrap().plan;

    let (status, body) = call(
        store.clone(),
        get("/api/v1/plans/cloud-kicks-2026-h1/status?at=2026-03-31&lang=en"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let at = jiff::civil::date(2026, 3, 31);
    let expected =
        kpilot_workspace::status::status(store.as_ref(), &plan, at, kpilot_core::kpi::Lang::En)
            .unwrap()
            .to_json();
    // Both through text: serde_json reads floats back to the nearest
    // double only with its `float_roundtrip` feature.
    let reread = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(reread(&body), reread(&expected.to_string()));

    // Σtransactions / Σsessions over the window, never a mean of rates.
    let (status, body) = call(
        store.clone(),
        get("/api/v1/kpis/conversion_rate?from=2026-03-01&to=2026-03-31&by=channel"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["value"].as_f64().unwrap(), 40.0 / 1500.0, "{json}");
    assert_eq!(json["components"]["sessions"], 1500);

    for (uri, code) in [
        (
            "/api/v1/kpis/conversion_rate?from=2026-03-01",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/kpis/conversion_rate?from=2026-03-01&to=2026-02-01",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/kpis/conversion_rate?from=2026-03-01&to=2026-03-31&grain=year",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/kpis/ghost?from=2026-03-01&to=2026-03-31",
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/v1/kpis/tickets_per_order?from=2026-03-01&to=2026-03-31",
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/v1/kpis/tickets_per_order?from=2026-03-01&to=2026-03-31&plan=cloud-kicks-2026-h1",
            StatusCode::OK,
        ),
        (
            "/api/v1/plans/cloud-kicks-2026-h1/status?at=yesterday",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/v1/plans/ghost/status", StatusCode::NOT_FOUND),
    ] {
        let (status, body) = call(store.clone(), get(uri)).await;
        assert_eq!(status, code, "{uri}: {body}");
        if code != StatusCode::OK {
            assert!(body.starts_with("{\"error\":"), "{uri}: {body}");
        }
    }
}

/// An experiment through the API: the JSON of `kpilot experiment`, and
/// 404s that say what is unknown.
#[tokio::test]
async fn an_experiment_answers_as_the_command_line() {
    let store = store_with_example();
    let plan = common::example_plan();
    let rows: Vec<kpilot_store::ExperimentRow> = ["A", "B"]
        .into_iter()
        .zip([20, 31])
        .map(|(variant, conversions)| kpilot_store::ExperimentRow {
            day: jiff::civil::date(2026, 2, 10),
            variant: variant.to_owned(),
            visitors: 1000,
            conversions,
            revenue: None,
            revenue_squares: None,
        })
        .collect();
    store
        .record_experiment(&plan.id, "ab-paiement", &rows, "record", "tester")
        .unwrap();
    let (status, body) = call(
        store.clone(),
        get("/api/v1/plans/cloud-kicks-2026-h1/experiments/ab-paiement?at=2026-03-01"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let experiment = plan.experiment("ab-paiement").unwrap();
    let expected = kpilot_workspace::experiment::to_json(
        &kpilot_workspace::experiment::judged(
            store.as_ref(),
            &plan,
            experiment,
            jiff::civil::date(2026, 3, 1),
        )
        .unwrap(),
    );
    // Compared as text read back, as the answer was: the same digits.
    let expected: serde_json::Value = serde_json::from_str(&expected.to_string()).unwrap();
    assert_eq!(json, expected);
    assert_eq!(json["comparisons"][0]["verdict"], "keep_running");
    let (status, body) = call(
        store.clone(),
        get("/api/v1/plans/cloud-kicks-2026-h1/experiments/nope"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("no experiment `nope`"), "{body}");
    let (status, _) = call(
        store,
        get("/api/v1/plans/cloud-kicks-2026-h1/experiments/ab-paiement?at=tomorrow"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn actions_updates_and_checkins_go_through_the_api() {
    let store = store_with_example();
    let plan = "/api/v1/plans/cloud-kicks-2026-h1";
    // An action started, then 60 % done with a new expected end.
    for body in [
        serde_json::json!({ "change": "started", "on": "2026-01-05" }),
        serde_json::json!({ "change": "progress", "on": "2026-02-02", "percent": 60, "expected_end": "2026-03-20" }),
    ] {
        let (status, answer) = call(
            store.clone(),
            post_json(
                &format!("{plan}/actions/cartographie-parcours/updates"),
                body,
            ),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    let (status, body) = call(
        store.clone(),
        get(&format!(
            "{plan}/actions/cartographie-parcours/updates?at=2026-02-10"
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["state"], "started");
    assert_eq!(json["progress"], 60);
    assert_eq!(json["expected_end"], "2026-03-20");
    assert_eq!(json["updates"].as_array().unwrap().len(), 2);
    assert_eq!(json["updates"][1]["by"], "api");
    // What the plan refuses: an occurrence of an action that does not
    // recur, a day outside the plan, an unknown action.
    let (status, body) = call(
        store.clone(),
        post_json(
            &format!("{plan}/actions/cartographie-parcours/updates"),
            serde_json::json!({ "change": "done", "on": "2026-03-01", "occurrence": 2 }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("does not recur"), "{body}");
    let (status, body) = call(
        store.clone(),
        post_json(
            &format!("{plan}/actions/cartographie-parcours/updates"),
            serde_json::json!({ "change": "done", "on": "2027-03-01" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = call(
        store.clone(),
        post_json(
            &format!("{plan}/actions/nope/updates"),
            serde_json::json!({ "change": "done" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A check-in, then its list in the contract's JSON.
    let (status, body) = call(
        store.clone(),
        post_json(
            &format!("{plan}/objectives/tickets-support/checkins"),
            serde_json::json!({ "confidence": "at_risk", "comment": "Trop de tickets", "value": "0.6", "on": "2026-03-02" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = call(
        store.clone(),
        post_json(
            &format!("{plan}/objectives/tickets-support/checkins"),
            serde_json::json!({ "confidence": 12 }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = call(
        store,
        get(&format!("{plan}/objectives/tickets-support/checkins")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (
            json[0]["objective"].as_str(),
            json[0]["on"].as_str(),
            json[0]["confidence"].as_str(),
            json[0]["comment"].as_str(),
            json[0]["value"].as_f64(),
            json[0]["by"].as_str(),
        ),
        (
            Some("tickets-support"),
            Some("2026-03-02"),
            Some("at_risk"),
            Some("Trop de tickets"),
            Some(0.6),
            Some("api")
        )
    );
}
