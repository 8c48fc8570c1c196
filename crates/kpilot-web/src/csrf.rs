//! Protection against cross-site request forgery, before accounts exist:
//! each browser gets a random token in a `SameSite=Strict` cookie, every
//! form sends it back in a hidden field (htmx requests in the
//! `X-CSRF-Token` header), and a change is accepted only when both agree.
//! Requests that a browser marks as coming from another site are refused
//! before any handler runs.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// The cookie holding the browser's token.
pub const COOKIE: &str = "kpilot_csrf";
/// The header htmx sends the token in.
pub const HEADER: &str = "x-csrf-token";

/// A new random token: 128 bits in hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Whether `sent` (from a form or header) is the browser's token `expected`,
/// compared in constant time.
pub fn matches(expected: Option<&str>, sent: Option<&str>) -> bool {
    let (Some(expected), Some(sent)) = (expected, sent) else {
        return false;
    };
    expected.len() == 32
        && expected.len() == sent.len()
        && expected
            .bytes()
            .zip(sent.bytes())
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
}

/// The token an htmx request sent in its header.
pub fn from_header(headers: &HeaderMap) -> Option<&str> {
    headers.get(HEADER).and_then(|value| value.to_str().ok())
}

/// Refuses a change (any method but GET, HEAD and OPTIONS) that the browser
/// says comes from another site (`Sec-Fetch-Site`), or whose `Origin` is
/// not this server's `Host`.
pub async fn same_origin(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && !same_site(request.headers()) {
        return AppError::Forbidden("cross-site request refused".to_owned()).into_response();
    }
    next.run(request).await
}

fn same_site(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = text("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (text(header::ORIGIN.as_str()), text(header::HOST.as_str())) {
        // `Origin: null` (a sandboxed or privacy-stripped page) has no
        // authority, so it is refused too.
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority == host),
        // Clients that send no Origin (curl, older browsers on same-origin
        // GET-like forms) still need the token.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(matches(Some(&a), Some(&a)));
        assert!(!matches(Some(&a), Some(&b)));
        assert!(!matches(Some(&a), Some(&a[..31])));
        assert!(!matches(None, Some(&a)));
        assert!(!matches(Some(&a), None));
        assert!(!matches(Some(""), Some("")));
    }

    #[test]
    fn another_site_is_refused() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, value.parse().unwrap());
            }
            map
        };
        assert!(same_site(&headers(&[("host", "127.0.0.1:8080")])));
        assert!(same_site(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
            ("sec-fetch-site", "same-origin"),
        ])));
        assert!(!same_site(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://evil.example"),
        ])));
        assert!(!same_site(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("sec-fetch-site", "cross-site"),
        ])));
        assert!(!same_site(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "null"),
        ])));
    }
}
