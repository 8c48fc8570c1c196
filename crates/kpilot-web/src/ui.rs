//! What every page shares: the request's language, CSRF token and day
//! ([`Ui`]), the layout (header, navigation, language switch), the error
//! pages, the security headers and the embedded assets.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use kpilot_core::kpi::Lang;
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};

use crate::error::{AppError, Failure};
use crate::i18n::{self, Tr};
use crate::{AppState, cookies, csrf};

/// The request as a page sees it.
#[derive(Debug, Clone)]
pub struct Ui {
    pub tr: Tr,
    /// The browser's CSRF token (new when it had none).
    pub csrf: String,
    csrf_is_new: bool,
    /// The token of an htmx request's header.
    header_token: Option<String>,
    /// Set when the request chose a language with `?lang=`: remembered.
    chosen: Option<Lang>,
    /// The path and query, without `lang`, for the language switch.
    here: String,
    /// Today, or the day the server was told to take as today.
    pub today: Date,
    /// On a plan's pages, how many things its week asks to look at (the
    /// count beside "This week" in the navigation bar).
    pub week_count: Option<usize>,
}

impl FromRequestParts<AppState> for Ui {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ui, AppError> {
        let query = parts.uri.query().unwrap_or_default();
        let lang_query = query_value(query, "lang");
        let lang = i18n::language(lang_query.as_deref(), &parts.headers);
        let existing = cookies::get(&parts.headers, csrf::COOKIE).filter(|token| token.len() == 32);
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
            .collect();
        let here = if kept.is_empty() {
            parts.uri.path().to_owned()
        } else {
            format!("{}?{}", parts.uri.path(), kept.join("&"))
        };
        // A plan's page shows its week's count in the navigation bar; an
        // unknown plan (a 404 to come) has none.
        let page_of_plan = parts.method == axum::http::Method::GET
            && parts
                .uri
                .path()
                .strip_prefix("/plans/")
                .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'));
        let week_count = match parts.uri.path().strip_prefix("/plans/") {
            Some(rest) if page_of_plan => {
                let id = rest.split('/').next().unwrap_or_default().to_owned();
                crate::week_of(state, id, state.today(), lang)
                    .await
                    .ok()
                    .map(|(_, week)| week.count())
            }
            _ => None,
        };
        Ok(Ui {
            week_count,
            tr: Tr::new(lang),
            csrf_is_new: existing.is_none(),
            header_token: csrf::from_header(&parts.headers).map(str::to_owned),
            csrf: existing.unwrap_or_else(csrf::new_token),
            chosen: lang_query.as_deref().and_then(Lang::parse),
            here,
            today: state.today(),
        })
    }
}

/// The value of `name` in a query string, percent-decoded.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    serde_urlencoded_pairs(query)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn serde_urlencoded_pairs(query: &str) -> Vec<(String, String)> {
    axum::extract::Query::<Vec<(String, String)>>::try_from_uri(
        &format!("/?{query}").parse().unwrap_or_default(),
    )
    .map(|query| query.0)
    .unwrap_or_default()
}

/// The pages of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Plans,
    Dashboard,
    Explorer,
    Editor,
    Week,
    Actions,
    Budget,
    Experiments,
    Review,
    Catalogue,
    Import,
}

impl Ui {
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    pub fn lang(&self) -> Lang {
        self.tr.lang
    }

    /// Fails unless the form's token (`sent`, from its hidden `csrf`
    /// field) or the htmx request's `X-CSRF-Token` header is this
    /// browser's token.
    pub fn verify(&self, sent: Option<&str>) -> Result<(), AppError> {
        let expected = (!self.csrf_is_new).then_some(self.csrf.as_str());
        if csrf::matches(expected, sent) || csrf::matches(expected, self.header_token.as_deref()) {
            Ok(())
        } else {
            Err(AppError::Forbidden(self.t("error-csrf")))
        }
    }

    /// The hidden field every form carries.
    pub fn csrf_field(&self) -> Markup {
        html! { input type="hidden" name="csrf" value=(self.csrf); }
    }

    /// A whole page: `body` in the layout, with the cookies to set.
    pub fn page(&self, title: &str, nav: Nav, plan: Option<&str>, body: impl Render) -> Response {
        self.page_with_status(StatusCode::OK, title, nav, plan, body)
    }

    pub fn page_with_status(
        &self,
        status: StatusCode,
        title: &str,
        nav: Nav,
        plan: Option<&str>,
        body: impl Render,
    ) -> Response {
        let markup = self.layout(title, nav, plan, body);
        let mut response = (status, Html(markup.into_string())).into_response();
        response.extensions_mut().insert(Rendered);
        self.set_cookies(&mut response);
        response
    }

    /// Redirects after a change (303: the browser then GETs `to`).
    pub fn redirect(&self, to: &str) -> Response {
        let mut response = Redirect::to(to).into_response();
        self.set_cookies(&mut response);
        response
    }

    fn set_cookies(&self, response: &mut Response) {
        let mut set = |value: String| {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        };
        if self.csrf_is_new {
            set(cookies::set(csrf::COOKIE, &self.csrf));
        }
        if let Some(lang) = self.chosen {
            set(cookies::set(i18n::LANG_COOKIE, Tr::new(lang).code()));
        }
    }

    fn layout(&self, title: &str, active: Nav, plan: Option<&str>, body: impl Render) -> Markup {
        let t = |key: &str| self.t(key);
        let mut links: Vec<(Nav, String, String)> =
            vec![(Nav::Plans, "/".to_owned(), t("nav-plans"))];
        if let Some(plan) = plan {
            let base = format!("/plans/{plan}");
            links.extend([
                (Nav::Dashboard, base.clone(), t("nav-dashboard")),
                (Nav::Explorer, format!("{base}/kpis"), t("nav-explorer")),
                (Nav::Editor, format!("{base}/edit"), t("nav-editor")),
                (Nav::Week, format!("{base}/week"), t("nav-week")),
                (Nav::Actions, format!("{base}/actions"), t("nav-actions")),
                (Nav::Budget, format!("{base}/budget"), t("nav-budget")),
                (
                    Nav::Experiments,
                    format!("{base}/experiments"),
                    t("nav-experiments"),
                ),
                (Nav::Review, format!("{base}/review"), t("nav-review")),
                (
                    Nav::Catalogue,
                    format!("{base}/catalogue"),
                    t("nav-catalogue"),
                ),
            ]);
        }
        links.push((Nav::Import, "/import".to_owned(), t("nav-import")));
        let switch_to = |lang: &str| {
            let separator = if self.here.contains('?') { '&' } else { '?' };
            format!("{}{separator}lang={lang}", self.here)
        };
        let headers = format!(r#"{{"X-CSRF-Token": "{}"}}"#, self.csrf);
        html! {
            (DOCTYPE)
            html lang=(self.tr.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="htmx-config" content=r#"{"includeIndicatorStyles": false, "allowEval": false}"#;
                    title { (title) " · kpilot" }
                    link rel="stylesheet" href=(asset_path("style.css"));
                    script src=(asset_path("htmx.min.js")) defer {}
                }
                body hx-headers=(headers) {
                    a.skip href="#main" { (t("skip-to-content")) }
                    header.top {
                        a.brand href="/" { "kpilot" }
                        nav aria-label=(t("nav-label")) {
                            ul {
                                @for (nav, href, label) in &links {
                                    li {
                                        @let count = self.week_count.filter(|_| *nav == Nav::Week);
                                        a href=(href) aria-current=[(*nav == active).then_some("page")] {
                                            (label)
                                            @if let Some(count) = count {
                                                " "
                                                span.count title=(self.tr.t_with("week-count", &[("count", count.into())])) {
                                                    (count)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        div.lang role="group" aria-label=(t("lang-label")) {
                            @for (code, name) in [("fr", "Français"), ("en", "English")] {
                                @if code == self.tr.code() {
                                    span aria-current="true" lang=(code) { (name) }
                                } @else {
                                    a href=(switch_to(code)) lang=(code) hreflang=(code) { (name) }
                                }
                            }
                        }
                    }
                    main #main tabindex="-1" {
                        h1 { (title) }
                        (body)
                    }
                    footer { (PreEscaped(t("footer"))) }
                }
            }
        }
    }
}

/// Marks a page rendered in the layout: a form shown again with its errors
/// (422) keeps its page instead of becoming an error page.
#[derive(Debug, Clone, Copy)]
pub struct Rendered;

/// Turns the failures of the pages (an [`AppError`], a rejected form, a
/// body over the limit, an unknown route) into a page in the user's
/// language with a plain message.
pub async fn error_pages(request: Request, next: Next) -> Response {
    let query = request.uri().query().unwrap_or_default().to_owned();
    let lang = i18n::language(query_value(&query, "lang").as_deref(), request.headers());
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<Rendered>().is_some()
    {
        return response;
    }
    let tr = Tr::new(lang);
    let failure = response.extensions().get::<Failure>().cloned();
    let detail = match status {
        StatusCode::NOT_FOUND => tr.t("error-not-found"),
        StatusCode::PAYLOAD_TOO_LARGE => tr.t("error-too-large"),
        StatusCode::FORBIDDEN => tr.t("error-forbidden"),
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => tr.t("error-bad-request"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => tr.t("error-bad-request"),
        _ => tr.t("error-internal"),
    };
    let message = match failure {
        Some(failure) if status != StatusCode::INTERNAL_SERVER_ERROR => failure.message,
        _ => String::new(),
    };
    let title = tr.t("error-title");
    let markup = html! {
        (DOCTYPE)
        html lang=(tr.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · kpilot" }
                link rel="stylesheet" href=(asset_path("style.css"));
            }
            body {
                main #main {
                    h1 { (title) " " (status.as_u16()) }
                    p.error role="alert" { (detail) }
                    @if !message.is_empty() { p { (message) } }
                    p { a href="/" { (tr.t("error-home")) } }
                }
            }
        }
    };
    let mut page = (status, Html(markup.into_string())).into_response();
    for (name, value) in response.headers() {
        if name == header::SET_COOKIE || name == header::ALLOW {
            page.headers_mut().append(name, value.clone());
        }
    }
    page
}

/// The Content-Security-Policy: nothing inline, nothing from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
        ("cross-origin-opener-policy", "same-origin"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The embedded files: the stylesheet and htmx.
const ASSETS: [(&str, &str, &str); 2] = [
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../assets/style.css"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_str!("../assets/htmx.min.js"),
    ),
];

/// An asset's URL, versioned by the release so that browsers may keep it.
fn asset_path(name: &str) -> String {
    format!("/assets/{name}?v={}", env!("CARGO_PKG_VERSION"))
}

pub async fn asset(
    axum::extract::Path(name): axum::extract::Path<String>,
) -> Result<Response, AppError> {
    let (_, content_type, text) = ASSETS
        .iter()
        .find(|(file, _, _)| *file == name)
        .ok_or_else(|| AppError::NotFound(format!("no asset `{name}`")))?;
    Ok((
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        *text,
    )
        .into_response())
}
