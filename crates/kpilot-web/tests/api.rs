//! The JSON API through the router (no socket), and `serve` on a real
//! loopback port with a clean shutdown.

use std::io::{Read, Write};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kpilot_core::plan_file;
use kpilot_store::{SqliteStore, Store};
use tower::ServiceExt;

const EXAMPLE: &str = include_str!("../../../examples/cloud-kicks.toml");

fn store_with_example() -> Arc<dyn Store> {
    let store = SqliteStore::open_in_memory().unwrap();
    let plan = plan_file::parse(EXAMPLE).unwrap().plan;
    store.apply_plan(&plan, "tester").unwrap();
    Arc::new(store)
}

async fn call(store: Arc<dyn Store>, request: Request<Body>) -> (StatusCode, String) {
    let response = kpilot_web::router(store, kpilot_web::Config::default())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
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
    let plan = plan_file::parse(EXAMPLE).unwrap().plan;
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
