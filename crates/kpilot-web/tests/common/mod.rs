//! The harness of the router tests: the example plan in an in-memory store
//! (with a few results for the Budget and Review pages: cost, sessions,
//! transactions and revenue by channel, and a spend entered by hand), and
//! the router called without a socket.

#![allow(
    dead_code,
    reason = "each test binary includes this module and uses part of it"
)]

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use jiff::civil::{Date, date};
use kpilot_core::observation::Observation;
use kpilot_core::plan::Plan;
use kpilot_core::plan_file;
use kpilot_store::{ImportMode, NewBatch, NewSpend, ObservationSource, SqliteStore, Store};
use rust_decimal::Decimal;
use tower::ServiceExt;

pub const EXAMPLE: &str = include_str!("../../../../examples/cloud-kicks.toml");
pub const PLAN: &str = "cloud-kicks-2026-h1";
/// The day the server takes as today.
pub const TODAY: Date = date(2026, 4, 30);

/// The results imported: `(day, measure, value, channel)`. The website's
/// cost is far above its actions' budgets (and the plan's envelope).
const RESULTS: [(Date, &str, &str, &str); 10] = [
    (date(2026, 2, 2), "cost", "1500.50", "search"),
    (date(2026, 2, 2), "sessions", "1200", "search"),
    (date(2026, 2, 2), "transactions", "30", "search"),
    (date(2026, 2, 2), "revenue", "2400", "search"),
    (date(2026, 3, 2), "cost", "150000", "website"),
    (date(2026, 3, 2), "sessions", "5000", "website"),
    (date(2026, 3, 2), "transactions", "90", "website"),
    (date(2026, 3, 2), "revenue", "8100.25", "website"),
    (date(2026, 4, 6), "cost", "800", "email"),
    (date(2026, 4, 6), "sessions", "700", "email"),
];

struct Rows {
    rows: Vec<(Date, &'static str, Decimal, &'static str)>,
    next: usize,
}

impl ObservationSource for Rows {
    fn next_observation(&mut self) -> Option<Observation<'_>> {
        let (day, measure, value, channel) = *self.rows.get(self.next)?;
        self.next += 1;
        Some(Observation {
            line: self.next as u64,
            day,
            measure,
            value,
            channel: Some(channel),
            segment: None,
            action: None,
        })
    }

    fn is_clean(&self) -> bool {
        true
    }
}

/// The example plan, parsed.
pub fn example_plan() -> Plan {
    plan_file::parse(EXAMPLE).unwrap().plan
}

/// The example plan alone in a new in-memory workspace.
pub fn store_with_example() -> Arc<dyn Store> {
    let store = SqliteStore::open_in_memory().unwrap();
    store.apply_plan(&example_plan(), "tester").unwrap();
    Arc::new(store)
}

/// Imports `rows` — `(day, measure, value, channel)` — as the file `name`,
/// as `kpilot import` would.
pub fn import(store: &dyn Store, name: &str, rows: &[(Date, &'static str, &str, &'static str)]) {
    let batch = NewBatch {
        file_name: name.to_owned(),
        content_hash: kpilot_store::sha256_hex(name.as_bytes()),
        format: "long".to_owned(),
        options: String::new(),
        imported_by: "tester".to_owned(),
    };
    let mut rows = Rows {
        rows: rows
            .iter()
            .map(|(day, measure, value, channel)| {
                (*day, *measure, value.parse().unwrap(), *channel)
            })
            .collect(),
        next: 0,
    };
    let report = store.import(&batch, &mut rows, ImportMode::Commit).unwrap();
    assert!(report.batch.is_some(), "{report:?}");
}

/// The example plan with the results above and 300 € entered by hand
/// against the heatmap action.
pub fn store_with_results() -> (Arc<dyn Store>, Plan) {
    let store = SqliteStore::open_in_memory().unwrap();
    let plan = plan_file::parse(EXAMPLE).unwrap().plan;
    store.apply_plan(&plan, "tester").unwrap();
    import(&store, "results.csv", &RESULTS);
    store
        .record_spend(&NewSpend {
            plan: plan.id.clone(),
            action: "heatmap-paiement".to_owned(),
            day: date(2026, 1, 20),
            amount: "300".parse().unwrap(),
            note: "outil de carte de chaleur".to_owned(),
            entered_by: "tester".to_owned(),
        })
        .unwrap();
    (Arc::new(store), plan)
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

/// `GET uri` with the browser asking for `lang` first, on [`TODAY`].
pub async fn get(store: &Arc<dyn Store>, uri: &str, lang: &str) -> Answer {
    get_on(store, uri, lang, TODAY).await
}

/// `GET uri` with the server taking `today` as today.
pub async fn get_on(store: &Arc<dyn Store>, uri: &str, lang: &str, today: Date) -> Answer {
    let config = kpilot_web::Config {
        today: Some(today),
        ..kpilot_web::Config::default()
    };
    respond(kpilot_web::router(store.clone(), config), get_in(uri, lang)).await
}

/// `GET uri`, the browser asking for `lang` first.
pub fn get_in(uri: &str, lang: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::empty())
        .unwrap()
}

/// `request` to a server on `store` taking [`TODAY`] as today.
pub async fn send(store: &Arc<dyn Store>, request: Request<Body>) -> Answer {
    let config = kpilot_web::Config {
        today: Some(TODAY),
        ..kpilot_web::Config::default()
    };
    respond(kpilot_web::router(store.clone(), config), request).await
}

/// `request` to `router`, its answer read whole.
pub async fn respond(router: Router, request: Request<Body>) -> Answer {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        // Lossy: a PDF's or a spreadsheet's first bytes are still there.
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// The CSRF token a first page gives the browser in its cookie.
pub fn csrf_token(answer: &Answer) -> String {
    let cookie = answer
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("kpilot_csrf="))
        .expect("a CSRF cookie");
    let value = cookie.strip_prefix("kpilot_csrf=").unwrap();
    value.split(';').next().unwrap().to_owned()
}

/// A page without inline style or script: the CSP would block them.
pub fn assert_no_inline_style_or_script(body: &str) {
    assert!(!body.contains("<style"), "an inline <style>");
    assert!(!body.contains(" style="), "an inline style attribute");
    assert!(!body.contains("<script>"), "an inline script");
}

/// The page is served with the CSP that forbids them.
pub fn assert_csp(answer: &Answer) {
    let csp = answer.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"));
}

/// A failure page: its status, as an HTML page in the language asked.
pub fn assert_fails(answer: &Answer, status: StatusCode, says: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "an error page"
    );
    assert!(answer.body.contains(says), "{says:?} in {}", answer.body);
}

/// A form field as a browser encodes it.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// A form POST as a browser sends it: the cookie, the same-origin headers
/// and `fields` (the token among them when the test wants it).
pub fn form_post(uri: &str, cookie: &str, lang: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect();
    Request::post(uri)
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, "http://127.0.0.1:8080")
        .header(header::COOKIE, format!("kpilot_csrf={cookie}"))
        .header(header::ACCEPT_LANGUAGE, lang)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.join("&")))
        .unwrap()
}
