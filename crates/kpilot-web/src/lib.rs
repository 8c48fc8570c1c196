//! kpilot's web application. For now its JSON API: the workspace's plans,
//! a stored plan as its plan file, and the SMART check of a plan file sent
//! by a client (what an editor shows beside the form as the user types).
//!
//! `router(store)` builds the routes and does no IO; `serve(listener, router,
//! shutdown)` runs them, so that tests can bind port 0 and stop the server.

mod error;

use std::future::Future;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use kpilot_core::check::{Located, check_text};
use kpilot_core::ids::PlanId;
use kpilot_core::kpi::Lang;
use kpilot_core::plan_file;
use kpilot_store::Store;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

pub use error::AppError;

/// What every handler shares.
#[derive(Clone)]
struct AppState {
    store: Arc<dyn Store>,
}

/// The application's routes.
pub fn router(store: Arc<dyn Store>) -> Router {
    Router::new()
        .route("/api/plans", get(list_plans))
        .route("/api/plans/{id}", get(plan_file_of))
        .route("/api/plans/{id}/check", get(check_stored))
        .route("/api/check", post(check_posted))
        .with_state(AppState { store })
}

/// Serves `router` on `listener` until `shutdown` completes, then finishes
/// the requests under way.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Runs a blocking store call off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| AppError::Internal(format!("store task failed: {error}")))?
}

#[derive(Serialize)]
struct PlanRow {
    id: String,
    name: String,
    start: String,
    end: String,
    revision: i64,
}

async fn list_plans(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let plans = blocking(move || Ok(state.store.plans()?)).await?;
    let rows: Vec<PlanRow> = plans
        .into_iter()
        .map(|plan| PlanRow {
            id: plan.id,
            name: plan.name,
            start: plan.start,
            end: plan.end,
            revision: plan.revision,
        })
        .collect();
    Ok(Json(serde_json::json!({ "plans": rows })))
}

/// Parses an id from the path, or answers 404: an id that cannot exist
/// names no plan.
fn plan_id(text: &str) -> Result<PlanId, AppError> {
    PlanId::parse(text).map_err(|_| AppError::NotFound(format!("no plan `{text}`")))
}

async fn load(state: AppState, id: String) -> Result<kpilot_store::StoredPlan, AppError> {
    let plan_id = plan_id(&id)?;
    blocking(move || {
        state
            .store
            .plan(&plan_id)?
            .ok_or_else(|| AppError::NotFound(format!("no plan `{id}`")))
    })
    .await
}

async fn plan_file_of(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let stored = load(state, id).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/toml; charset=utf-8")],
        plan_file::write(&stored.plan),
    ))
}

#[derive(Serialize)]
struct CheckResponse {
    findings: Vec<Located>,
}

/// `?lang=fr|en`, which wins over the `Accept-Language` header.
#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The language to answer in: the query's, else the first of the browser's
/// languages that kpilot speaks, else French.
fn language(query: &LangQuery, headers: &HeaderMap) -> Lang {
    if let Some(lang) = query.lang.as_deref().and_then(Lang::parse) {
        return lang;
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    accepted
        .split(',')
        .filter_map(|tag| tag.split(';').next())
        .filter_map(|tag| tag.trim().split('-').next())
        .find_map(|primary| Lang::parse(&primary.to_ascii_lowercase()))
        .unwrap_or(Lang::Fr)
}

async fn check_stored(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let lang = language(&query, &headers);
    let stored = load(state, id).await?;
    let text = plan_file::write(&stored.plan);
    Ok(Json(CheckResponse {
        findings: check_text(stored.plan.id.as_str(), &text, lang),
    }))
}

/// Checks the plan file in the request body (TOML text).
async fn check_posted(
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: String,
) -> Json<CheckResponse> {
    let lang = language(&query, &headers);
    Json(CheckResponse {
        findings: check_text("plan.toml", &body, lang),
    })
}
