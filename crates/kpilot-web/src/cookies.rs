//! The two cookies kpilot sets (the remembered language and the CSRF
//! token), read from the `Cookie` header and written as `Set-Cookie` values.

use axum::http::{HeaderMap, header};

/// The value of cookie `name`, if the browser sent it.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// A `Set-Cookie` value for a whole year, for every page, never sent by
/// another site's requests and never read by scripts.
pub fn set(name: &str, value: &str) -> String {
    format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Strict; HttpOnly")
}
