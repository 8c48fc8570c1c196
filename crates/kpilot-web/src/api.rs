//! The JSON API under `/api/v1`: the workspace's plans, a stored plan as
//! its plan file, and the SMART check of a plan file sent by a client.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use kpilot_core::check::{Located, check_text};
use kpilot_core::plan_file;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::{AppState, blocking, i18n, load};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plans", get(list_plans))
        .route("/plans/{id}", get(plan_file_of))
        .route("/plans/{id}/check", get(check_stored))
        .route("/check", post(check_posted))
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

async fn check_stored(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let lang = i18n::language(query.lang.as_deref(), &headers);
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
    let lang = i18n::language(query.lang.as_deref(), &headers);
    Json(CheckResponse {
        findings: check_text("plan.toml", &body, lang),
    })
}
