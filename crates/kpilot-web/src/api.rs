//! The JSON API under `/api/v1`: the workspace's plans and their items, a
//! stored plan as its plan file, the SMART check, the status of a plan and
//! KPI queries (the same JSON as `kpilot status` and `kpilot kpi`), and
//! batches of observations pushed with the guarantees of a file import.
//! Its OpenAPI document is generated from the handlers' annotations and
//! served at `/api/v1/openapi.json`.

#![allow(
    unused_qualifications,
    reason = "utoipa's path macro names the parameter types with their paths"
)]

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::civil::Date;
use kpilot_core::check::{Located, check_text};
use kpilot_core::ids::{ActionId, ChannelId, KpiId, SegmentId};
use kpilot_core::kpi::Lang;
use kpilot_core::observation::Observation;
use kpilot_core::plan_file;
use kpilot_store::{ImportMode, NewBatch, ObservationSource};
use kpilot_workspace::import::{How, Input, Outcome, Refusal, Request};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::error::AppError;
use crate::kpi_query::KpiParams;
use crate::{AppState, blocking, i18n, load, load_with_version, memo};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/plans", get(list_plans))
        .route("/plans/{id}", get(plan_of))
        .route("/plans/{id}/file", get(plan_file_of))
        .route("/plans/{id}/check", get(check_stored))
        .route("/plans/{id}/status", get(status_of))
        .route("/plans/{id}/week", get(week_of))
        .route("/plans/{id}/experiments/{experiment}", get(experiment_of))
        .route("/kpis/{kpi}", get(kpi_of))
        .route("/check", post(check_posted))
        .route("/observations", post(push_observations))
        .route(
            "/plans/{id}/actions/{action}/updates",
            get(action_updates_of).post(update_action),
        )
        .route(
            "/plans/{id}/objectives/{objective}/checkins",
            get(checkins_of).post(check_in),
        )
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kpilot",
        description = "The marketing plan and its KPIs: plans, their items, status, KPI queries and observations."
    ),
    paths(
        list_plans,
        plan_of,
        plan_file_of,
        check_stored,
        check_posted,
        status_of,
        week_of,
        experiment_of,
        kpi_of,
        push_observations,
        update_action,
        action_updates_of,
        check_in,
        checkins_of
    )
)]
struct ApiDoc;

/// The OpenAPI document of this API.
async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}")),
    )
        .into_response()
}

/// An error: what went wrong, in plain words.
#[derive(Serialize, ToSchema)]
struct ErrorBody {
    error: String,
}

#[derive(Serialize, ToSchema)]
struct PlanRow {
    id: String,
    name: String,
    /// First day, `YYYY-MM-DD`.
    start: String,
    /// Last day, `YYYY-MM-DD`.
    end: String,
    /// How many times the plan was changed and stored.
    revision: i64,
}

#[derive(Serialize, ToSchema)]
struct PlanList {
    plans: Vec<PlanRow>,
}

/// The workspace's plans.
#[utoipa::path(get, path = "/api/v1/plans", responses((status = 200, body = PlanList)))]
async fn list_plans(State(state): State<AppState>) -> Result<Json<PlanList>, AppError> {
    let plans = blocking(move || Ok(state.store.plans()?)).await?;
    Ok(Json(PlanList {
        plans: plans
            .into_iter()
            .map(|plan| PlanRow {
                id: plan.id,
                name: plan.name,
                start: plan.start,
                end: plan.end,
                revision: plan.revision,
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
struct Item {
    /// `goal`, `objective`, `kpi`, `segment`, `channel`, `strategy`,
    /// `tactic` or `action`.
    kind: String,
    id: String,
    title: String,
}

#[derive(Serialize, ToSchema)]
struct PlanView {
    id: String,
    name: String,
    mission: String,
    vision: String,
    start: String,
    end: String,
    currency: String,
    revision: i64,
    /// Every item of the chain, goals first, actions last.
    items: Vec<Item>,
}

/// A stored plan and its items.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}",
    params(("id" = String, Path, description = "The plan's id")),
    responses(
        (status = 200, body = PlanView),
        (status = 404, body = ErrorBody, description = "No such plan")
    )
)]
async fn plan_of(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PlanView>, AppError> {
    let stored = load(state, id).await?;
    let plan = &stored.plan;
    Ok(Json(PlanView {
        id: plan.id.to_string(),
        name: plan.name.clone(),
        mission: plan.mission.clone(),
        vision: plan.vision.clone(),
        start: plan.start.to_string(),
        end: plan.end.to_string(),
        currency: plan.currency.as_str().to_owned(),
        revision: stored.revision,
        items: plan
            .items()
            .into_iter()
            .map(|(kind, id, title)| Item {
                kind: kind.as_str().to_owned(),
                id: id.to_owned(),
                title: title.to_owned(),
            })
            .collect(),
    }))
}

/// A stored plan as its plan file (TOML).
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/file",
    params(("id" = String, Path, description = "The plan's id")),
    responses(
        (status = 200, content_type = "application/toml", body = String),
        (status = 404, body = ErrorBody)
    )
)]
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

#[derive(Serialize, ToSchema)]
struct CheckResponse {
    /// The SMART check's findings, with their line and column in the file.
    #[schema(value_type = Vec<Object>)]
    findings: Vec<Located>,
}

/// `?lang=fr|en`, which wins over the `Accept-Language` header.
#[derive(Deserialize, IntoParams)]
struct LangQuery {
    /// `fr` or `en`.
    lang: Option<String>,
}

/// The SMART check of a stored plan.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/check",
    params(("id" = String, Path, description = "The plan's id"), LangQuery),
    responses((status = 200, body = CheckResponse), (status = 404, body = ErrorBody))
)]
async fn check_stored(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Json<CheckResponse>, AppError> {
    let lang = i18n::language(query.lang.as_deref(), &headers);
    let stored = load(state, id).await?;
    let text = plan_file::write(&stored.plan);
    Ok(Json(CheckResponse {
        findings: check_text(stored.plan.id.as_str(), &text, lang),
    }))
}

/// The SMART check of the plan file in the request body (TOML text): what
/// an editor shows beside the form as the user types.
#[utoipa::path(
    post,
    path = "/api/v1/check",
    params(LangQuery),
    request_body(content = String, content_type = "application/toml"),
    responses((status = 200, body = CheckResponse))
)]
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

#[derive(Deserialize, IntoParams)]
struct StatusQuery {
    /// The day to judge at, `YYYY-MM-DD` (default: today, in UTC, or the
    /// server's `--today`).
    at: Option<String>,
    /// `fr` or `en`, for the alerts' messages.
    lang: Option<String>,
}

/// The status of a plan at a day: every objective against its target, the
/// goals rolled up and the alerts — the JSON of `kpilot status --format
/// json`.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/status",
    params(("id" = String, Path, description = "The plan's id"), StatusQuery),
    responses(
        (status = 200, body = Object, description = "As `kpilot status --format json`"),
        (status = 400, body = ErrorBody, description = "A bad day"),
        (status = 404, body = ErrorBody)
    )
)]
async fn status_of(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<StatusQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = i18n::language(query.lang.as_deref(), &headers);
    let at = day_or_today(&state, query.at.as_deref())?;
    let (stored, data_version) = load_with_version(state.clone(), id).await?;
    let key = memo::Key {
        plan: stored.plan.id.to_string(),
        data_version,
        at,
        lang,
    };
    let store = state.store.clone();
    let json = state
        .statuses
        .get(key, || {
            blocking(move || {
                let report =
                    kpilot_workspace::status::status(store.as_ref(), &stored.plan, at, lang)
                        .map_err(|error| AppError::Internal(error.to_string()))?;
                Ok(Bytes::from(report.to_json().to_string()))
            })
        })
        .await?;
    // `Bytes` share the cached text: no copy per request.
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        Bytes::clone(&json),
    )
        .into_response())
}

/// What the team must look at in the week from a day: objectives to check
/// in on, actions due or late, alerts and budget overruns — the JSON of
/// `kpilot week --format json`.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/week",
    params(("id" = String, Path, description = "The plan's id"), StatusQuery),
    responses(
        (status = 200, body = Object, description = "As `kpilot week --format json`"),
        (status = 400, body = ErrorBody, description = "A bad day"),
        (status = 404, body = ErrorBody)
    )
)]
async fn week_of(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<StatusQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = i18n::language(query.lang.as_deref(), &headers);
    let at = day_or_today(&state, query.at.as_deref())?;
    let (_, week) = crate::week_of(&state, id, at, lang).await?;
    Ok(Json(week.to_json()).into_response())
}

/// The day `at` names, or today; a 400 naming it when it is not a day.
fn day_or_today(state: &AppState, at: Option<&str>) -> Result<Date, AppError> {
    match at {
        None => Ok(state.today()),
        Some(text) => text.parse::<Date>().map_err(|_| {
            AppError::BadRequest(format!("`at`: `{text}` is not a date (YYYY-MM-DD)"))
        }),
    }
}

#[derive(Deserialize, IntoParams)]
struct ExperimentQuery {
    /// The day to judge at, `YYYY-MM-DD` (default: today, in UTC, or the
    /// server's `--today`).
    at: Option<String>,
}

/// An A/B test of a plan judged at a day — the JSON of `kpilot experiment
/// EXP --format json`: each treatment against the control (lift, 95 %
/// interval, p-value, sequential interval and p-value, chance to win,
/// expected loss, sample ratio p-value, verdict) and the sample size per
/// variant.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/experiments/{experiment}",
    params(
        ("id" = String, Path, description = "The plan's id"),
        ("experiment" = String, Path, description = "The experiment's id"),
        ExperimentQuery
    ),
    responses(
        (status = 200, body = Object, description = "As `kpilot experiment EXP --format json`"),
        (status = 400, body = ErrorBody, description = "A bad day, or results that cannot be judged"),
        (status = 404, body = ErrorBody, description = "No such plan or experiment")
    )
)]
async fn experiment_of(
    State(state): State<AppState>,
    Path((id, experiment)): Path<(String, String)>,
    Query(query): Query<ExperimentQuery>,
) -> Result<Json<serde_json::Value>, AppError> {
    let at = day_or_today(&state, query.at.as_deref())?;
    let stored = load(state.clone(), id).await?;
    let json = blocking(move || {
        let plan = &stored.plan;
        let experiment = plan.experiment(&experiment).ok_or_else(|| {
            AppError::NotFound(format!(
                "plan `{}` has no experiment `{experiment}`",
                plan.id
            ))
        })?;
        let judged =
            kpilot_workspace::experiment::judged(state.store.as_ref(), plan, experiment, at)?;
        Ok(kpilot_workspace::experiment::to_json(&judged))
    })
    .await?;
    Ok(Json(json))
}

#[derive(Deserialize, IntoParams)]
struct KpiPlan {
    /// Look the KPI up among this stored plan's own KPIs too.
    plan: Option<String>,
}

/// A KPI's value over a window, with the components it is computed from,
/// the previous window of the same length, and a series (`grain`) or a
/// breakdown (`by`) when asked — the JSON of `kpilot kpi --format json`.
/// `from` and `to` are required.
#[utoipa::path(
    get,
    path = "/api/v1/kpis/{kpi}",
    params(("kpi" = String, Path, description = "The KPI's id"), KpiParams, KpiPlan),
    responses(
        (status = 200, body = Object, description = "As `kpilot kpi --format json`"),
        (status = 400, body = ErrorBody, description = "A bad or missing parameter"),
        (status = 404, body = ErrorBody, description = "No such KPI or plan")
    )
)]
async fn kpi_of(
    State(state): State<AppState>,
    Path(kpi): Path<String>,
    Query(params): Query<KpiParams>,
    Query(plan): Query<KpiPlan>,
) -> Result<Json<serde_json::Value>, AppError> {
    for (name, value) in [("from", &params.from), ("to", &params.to)] {
        if value.is_none() {
            return Err(AppError::BadRequest(format!(
                "`{name}` is required (YYYY-MM-DD)"
            )));
        }
    }
    let any = jiff::civil::date(2000, 1, 1);
    let asked = params
        .read(kpilot_core::engine::Span { from: any, to: any })
        .map_err(|invalid| {
            AppError::BadRequest(format!(
                "`{}`: `{}` is not valid (dates YYYY-MM-DD with from ≤ to; grain total|day|week|month; by channel|segment)",
                invalid.parameter, invalid.value
            ))
        })?;
    let plan = match plan.plan {
        Some(id) => Some(load(state.clone(), id).await?.plan),
        None => None,
    };
    let (answer, _) = crate::kpi_query::answer(&state, kpi.clone(), plan, asked)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no KPI `{kpi}`")))?;
    Ok(Json(answer.to_json()))
}

/// One value pushed: a measure on a day, for a channel, segment or action.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PushedObservation {
    /// `YYYY-MM-DD`.
    date: String,
    /// The measure's name (`sessions`, `revenue`, a plan's own measure…).
    measure: String,
    /// A decimal number, as a JSON number or a string (`"12.50"`), kept
    /// exactly.
    #[schema(value_type = String)]
    value: serde_json::Value,
    channel: Option<String>,
    segment: Option<String>,
    action: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PushRequest {
    /// Where the values come from, recorded as the batch's file name
    /// (default `api`).
    source: Option<String>,
    /// Check and count without writing anything.
    #[serde(default)]
    dry_run: bool,
    /// Store a batch of no value instead of refusing it (422).
    #[serde(default)]
    allow_empty: bool,
    observations: Vec<PushedObservation>,
}

/// A pushed value that cannot be stored: nothing of the batch is.
#[derive(Serialize, ToSchema)]
struct PushError {
    /// The value's position in `observations`, from 0.
    index: usize,
    field: &'static str,
    message: String,
}

#[derive(Serialize, ToSchema)]
struct PushResponse {
    /// The batch's number when written (undo it like a file import).
    batch: Option<i64>,
    rows: u64,
    inserted: u64,
    replaced: u64,
    unchanged: u64,
    /// Two values for the same day, measure, channel, segment and action:
    /// the batch contradicts itself and nothing is written.
    duplicates: Vec<PushError>,
    errors: Vec<PushError>,
}

/// A valid pushed value, its position as its line.
struct Row {
    line: u64,
    day: Date,
    measure: String,
    value: Decimal,
    channel: Option<String>,
    segment: Option<String>,
    action: Option<String>,
}

/// Valid values, in order.
struct Pushed {
    rows: Vec<Row>,
    next: usize,
}

impl ObservationSource for Pushed {
    fn next_observation(&mut self) -> Option<Observation<'_>> {
        let row = self.rows.get(self.next)?;
        self.next += 1;
        Some(Observation {
            line: row.line,
            day: row.day,
            measure: &row.measure,
            value: row.value,
            channel: row.channel.as_deref(),
            segment: row.segment.as_deref(),
            action: row.action.as_deref(),
        })
    }

    fn is_clean(&self) -> bool {
        true
    }
}

/// Pushes a batch of observations, all or nothing: every bad value is
/// named (position and field) and then nothing is written; a value for a
/// day, measure, channel, segment and action already stored replaces it,
/// and the batch can be undone like a file import.
#[utoipa::path(
    post,
    path = "/api/v1/observations",
    request_body = PushRequest,
    responses(
        (status = 200, body = PushResponse, description = "Written (or checked, with dry_run)"),
        (status = 422, body = PushResponse, description = "Bad values: nothing written")
    )
)]
async fn push_observations(
    State(state): State<AppState>,
    Json(request): Json<PushRequest>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for (index, pushed) in request.observations.iter().enumerate() {
        let mut error = |field, message: String| {
            errors.push(PushError {
                index,
                field,
                message,
            })
        };
        let day = pushed.date.parse::<Date>();
        if day.is_err() {
            error(
                "date",
                format!("`{}` is not a date (YYYY-MM-DD)", pushed.date),
            );
        }
        if KpiId::parse(&pushed.measure).is_err() {
            error(
                "measure",
                format!("`{}` is not a measure name", pushed.measure),
            );
        }
        let value = match &pushed.value {
            serde_json::Value::Number(number) => number.to_string().parse::<Decimal>().ok(),
            serde_json::Value::String(text) => text.trim().parse::<Decimal>().ok(),
            _ => None,
        };
        if value.is_none() {
            error("value", format!("`{}` is not a number", pushed.value));
        }
        let name = |text: &Option<String>, valid: fn(&str) -> bool| match text {
            Some(text) if !valid(text) => Err(text.clone()),
            other => Ok(other.clone()),
        };
        let channel = name(&pushed.channel, |t| ChannelId::parse(t).is_ok());
        let segment = name(&pushed.segment, |t| SegmentId::parse(t).is_ok());
        let action = name(&pushed.action, |t| ActionId::parse(t).is_ok());
        for (field, result) in [
            ("channel", &channel),
            ("segment", &segment),
            ("action", &action),
        ] {
            if let Err(text) = result {
                error(field, format!("`{text}` is not an id"));
            }
        }
        if let (Ok(day), Some(value), Ok(channel), Ok(segment), Ok(action)) =
            (day, value, channel, segment, action)
        {
            rows.push(Row {
                line: index as u64,
                day,
                measure: pushed.measure.clone(),
                value,
                channel,
                segment,
                action,
            });
        }
    }
    if !errors.is_empty() {
        let body = PushResponse {
            batch: None,
            rows: request.observations.len() as u64,
            inserted: 0,
            replaced: 0,
            unchanged: 0,
            duplicates: Vec::new(),
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
    }
    let canonical = serde_json::to_vec(
        &rows
            .iter()
            .map(|row| {
                (
                    row.day.to_string(),
                    &row.measure,
                    row.value.to_string(),
                    &row.channel,
                    &row.segment,
                    &row.action,
                )
            })
            .collect::<Vec<_>>(),
    )
    .map_err(|error| AppError::Internal(error.to_string()))?;
    let batch = NewBatch {
        file_name: request.source.clone().unwrap_or_else(|| "api".to_owned()),
        content_hash: kpilot_store::sha256_hex(&canonical),
        format: "api".to_owned(),
        options: String::new(),
        imported_by: "api".to_owned(),
    };
    let mode = if request.dry_run {
        ImportMode::DryRun
    } else {
        ImportMode::Commit
    };
    let store = state.store.clone();
    let allow_empty = request.allow_empty;
    let outcome = blocking(move || {
        let mut source = Pushed { rows, next: 0 };
        Ok(kpilot_workspace::import::import(
            store.as_ref(),
            Request {
                input: Input::Values {
                    name: batch.file_name,
                    format: batch.format,
                    content_hash: batch.content_hash,
                    source: &mut source,
                },
                how: How::default(),
                // Values pushed carry ISO days: no language's order of
                // dates applies.
                lang: Lang::En,
                allow_empty,
                mode,
                imported_by: batch.imported_by,
            },
        )?)
    })
    .await?;
    let report = match outcome {
        Outcome::Imported(imported) => imported.report,
        Outcome::Refused(refusal) => {
            let (duplicates, errors) = match *refusal {
                Refusal::Rows { duplicates, .. } => (
                    duplicates
                        .iter()
                        .map(|duplicate| PushError {
                            index: duplicate.line as usize,
                            field: "date",
                            message: format!(
                                "same day ({}), measure, channel, segment and action as value {}",
                                duplicate.day, duplicate.first_line
                            ),
                        })
                        .collect(),
                    Vec::new(),
                ),
                other => (
                    Vec::new(),
                    vec![PushError {
                        index: 0,
                        field: "observations",
                        message: other.message().render(Lang::En),
                    }],
                ),
            };
            let body = PushResponse {
                batch: None,
                rows: 0,
                inserted: 0,
                replaced: 0,
                unchanged: 0,
                duplicates,
                errors,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
        }
        Outcome::Already { batch, .. } => {
            return Err(AppError::Internal(format!(
                "values are never checked against batch {}",
                batch.id
            )));
        }
    };
    let body = PushResponse {
        batch: report.batch,
        rows: report.rows,
        inserted: report.inserted,
        replaced: report.replaced,
        unchanged: report.unchanged,
        duplicates: Vec::new(),
        errors: Vec::new(),
    };
    Ok((StatusCode::OK, Json(body)).into_response())
}

/// Who a change made through the API is recorded as, until there are
/// tokens.
const API_USER: &str = "api";

/// An update of an action: what really happened.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ActionUpdateBody {
    /// `started`, `done`, `cancelled`, `progress` or `reopened`.
    change: String,
    /// The day it happened, `YYYY-MM-DD` (default: today).
    on: Option<String>,
    /// For a recurring action: the occurrence, from 1.
    occurrence: Option<u32>,
    /// For `cancelled`: why.
    reason: Option<String>,
    /// For `progress`: 0 to 100.
    percent: Option<u8>,
    /// For `progress`: the new expected end, `YYYY-MM-DD`.
    expected_end: Option<String>,
}

/// A check-in on an objective.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CheckInBody {
    /// `on_track`, `at_risk`, `off_track`, or a score from 0 to 10 (as a
    /// string or a number).
    #[schema(value_type = String)]
    confidence: serde_json::Value,
    #[serde(default)]
    comment: String,
    /// For a KPI measured by hand: its value, exact (a JSON number or a
    /// string).
    #[schema(value_type = Option<String>)]
    value: Option<serde_json::Value>,
    /// The day checked in for, `YYYY-MM-DD` (default: today).
    on: Option<String>,
}

/// A day of a body: `YYYY-MM-DD`, today when absent.
fn body_day(state: &AppState, field: &str, text: Option<&str>) -> Result<Date, AppError> {
    match text {
        None => Ok(state.today()),
        Some(text) => text.parse::<Date>().map_err(|_| {
            AppError::BadRequest(format!("`{field}`: `{text}` is not a date (YYYY-MM-DD)"))
        }),
    }
}

/// Records what really happened to an action (tracking data, never the
/// plan file): `{"id"}` of the update, or why it was refused (422).
#[utoipa::path(
    post,
    path = "/api/v1/plans/{id}/actions/{action}/updates",
    params(("id" = String, Path, description = "The plan's id"), ("action" = String, Path, description = "The action's id")),
    request_body = ActionUpdateBody,
    responses(
        (status = 201, body = Object, description = "Recorded: `{\"id\"}`"),
        (status = 400, body = ErrorBody, description = "A bad field"),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "The plan refuses it (no such occurrence, a day outside the plan…)")
    )
)]
async fn update_action(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    Json(body): Json<ActionUpdateBody>,
) -> Result<Response, AppError> {
    use kpilot_core::progress::{ActionUpdate, Change};
    let on = body_day(&state, "on", body.on.as_deref())?;
    let expected_end = match body.expected_end.as_deref() {
        None => None,
        Some(text) => Some(body_day(&state, "expected_end", Some(text))?),
    };
    let change = match body.change.as_str() {
        "started" => Change::Started,
        "done" => Change::Done,
        "cancelled" => Change::Cancelled {
            reason: body.reason.clone().unwrap_or_default(),
        },
        "progress" => Change::Progress {
            percent: body.percent,
            expected_end,
        },
        "reopened" => Change::Reopened,
        other => {
            return Err(AppError::BadRequest(format!(
                "`change`: `{other}`: write started, done, cancelled, progress or reopened"
            )));
        }
    };
    let stored = load(state.clone(), id).await?;
    let action = ActionId::parse(&action)
        .map_err(|_| AppError::NotFound(format!("no action `{action}` in this plan")))?;
    let update = ActionUpdate {
        action,
        occurrence: body.occurrence,
        change,
        on,
    };
    let store = state.store.clone();
    let result = blocking(move || {
        Ok(kpilot_workspace::tracking::update_action(
            store.as_ref(),
            &stored.plan,
            &update,
            API_USER,
        )?)
    })
    .await?;
    Ok(match result {
        Ok(number) => (
            StatusCode::CREATED,
            Json(serde_json::json!({ "id": number })),
        )
            .into_response(),
        Err(refused) => refused_response(&refused),
    })
}

fn refused_response(refused: &kpilot_workspace::tracking::Refused) -> Response {
    let status = match refused {
        kpilot_workspace::tracking::Refused::UnknownAction { .. }
        | kpilot_workspace::tracking::Refused::UnknownObjective { .. } => StatusCode::NOT_FOUND,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (
        status,
        Json(ErrorBody {
            error: refused.message().render(Lang::En),
        }),
    )
        .into_response()
}

/// An action's updates, in the order recorded, and its execution now (or
/// at `?at=`): `{"action", "state", "progress", "expected_end", "updates":
/// [{"id", "change", "on", "occurrence", "reason", "percent",
/// "expected_end", "by", "recorded_at"}]}`.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/actions/{action}/updates",
    params(("id" = String, Path, description = "The plan's id"), ("action" = String, Path, description = "The action's id"), StatusQuery),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody))
)]
async fn action_updates_of(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    Query(query): Query<StatusQuery>,
) -> Result<Response, AppError> {
    use kpilot_core::progress::Change;
    let at = day_or_today(&state, query.at.as_deref())?;
    let stored = load(state.clone(), id).await?;
    let Some(action) = stored
        .plan
        .actions
        .iter()
        .find(|a| a.id.as_str() == action)
        .map(|a| a.id.clone())
    else {
        return Err(AppError::NotFound(format!(
            "no action `{action}` in this plan"
        )));
    };
    let store = state.store.clone();
    let updates = blocking(move || {
        Ok(kpilot_workspace::tracking::history(
            store.as_ref(),
            &stored.plan,
        )?)
    })
    .await?;
    let mine: Vec<_> = updates
        .iter()
        .filter(|stored| stored.update.action == action)
        .collect();
    let execution = kpilot_workspace::tracking::Executions::of(
        mine.iter()
            .filter(|stored| stored.update.occurrence.is_none())
            .map(|stored| &stored.update),
        at,
    )
    .of_action(&action);
    let list: Vec<serde_json::Value> = mine
        .iter()
        .map(|stored| {
            let update = &stored.update;
            let (reason, percent, expected_end) = match &update.change {
                Change::Cancelled { reason } => (Some(reason.clone()), None, None),
                Change::Progress {
                    percent,
                    expected_end,
                } => (None, *percent, expected_end.map(|day| day.to_string())),
                _ => (None, None, None),
            };
            serde_json::json!({
                "id": stored.id,
                "change": update.change.code(),
                "on": update.on.to_string(),
                "occurrence": update.occurrence,
                "reason": reason,
                "percent": percent,
                "expected_end": expected_end,
                "by": stored.recorded_by,
                "recorded_at": stored.recorded_at.to_string(),
            })
        })
        .collect();
    Ok(Json(serde_json::json!({
        "action": action.to_string(),
        "state": execution.state.code(),
        "progress": execution.progress,
        "expected_end": execution.expected_end.map(|day| day.to_string()),
        "updates": list,
    }))
    .into_response())
}

/// Records a check-in on an objective: `{"id"}`, or why it was refused.
#[utoipa::path(
    post,
    path = "/api/v1/plans/{id}/objectives/{objective}/checkins",
    params(("id" = String, Path, description = "The plan's id"), ("objective" = String, Path, description = "The objective's id")),
    request_body = CheckInBody,
    responses(
        (status = 201, body = Object, description = "Recorded: `{\"id\"}`"),
        (status = 400, body = ErrorBody, description = "A bad field"),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "The plan refuses it (a day outside the plan)")
    )
)]
async fn check_in(
    State(state): State<AppState>,
    Path((id, objective)): Path<(String, String)>,
    Json(body): Json<CheckInBody>,
) -> Result<Response, AppError> {
    use kpilot_core::ids::ObjectiveId;
    use kpilot_core::progress::{CheckIn, Confidence};
    let confidence_text = match &body.confidence {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let confidence = Confidence::parse(&confidence_text).ok_or_else(|| {
        AppError::BadRequest(format!(
            "`confidence`: `{confidence_text}`: write on_track, at_risk, off_track, or a score from 0 to 10"
        ))
    })?;
    let value = match &body.value {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Number(number)) => number.to_string().parse::<Decimal>().ok(),
        Some(serde_json::Value::String(text)) => text.trim().parse::<Decimal>().ok(),
        Some(_) => None,
    };
    if body.value.as_ref().is_some_and(|v| !v.is_null()) && value.is_none() {
        return Err(AppError::BadRequest("`value`: not a number".to_owned()));
    }
    let on = body_day(&state, "on", body.on.as_deref())?;
    let stored = load(state.clone(), id).await?;
    let objective = ObjectiveId::parse(&objective)
        .map_err(|_| AppError::NotFound(format!("no objective `{objective}` in this plan")))?;
    let checkin = CheckIn {
        objective,
        on,
        confidence,
        comment: body.comment.clone(),
        value,
    };
    let store = state.store.clone();
    let result = blocking(move || {
        Ok(kpilot_workspace::tracking::check_in(
            store.as_ref(),
            &stored.plan,
            &checkin,
            API_USER,
        )?)
    })
    .await?;
    Ok(match result {
        Ok(number) => (
            StatusCode::CREATED,
            Json(serde_json::json!({ "id": number })),
        )
            .into_response(),
        Err(refused) => refused_response(&refused),
    })
}

/// An objective's check-ins, by day: `[{"objective", "on", "confidence",
/// "comment", "value", "by", "recorded_at"}]`.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{id}/objectives/{objective}/checkins",
    params(("id" = String, Path, description = "The plan's id"), ("objective" = String, Path, description = "The objective's id")),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody))
)]
async fn checkins_of(
    State(state): State<AppState>,
    Path((id, objective)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let stored = load(state.clone(), id).await?;
    let Some(objective) = stored
        .plan
        .objectives
        .iter()
        .find(|o| o.id.as_str() == objective)
        .map(|o| o.id.clone())
    else {
        return Err(AppError::NotFound(format!(
            "no objective `{objective}` in this plan"
        )));
    };
    let store = state.store.clone();
    let list = blocking(move || {
        Ok(kpilot_workspace::tracking::checkins(
            store.as_ref(),
            &stored.plan,
            Some(&objective),
        )?)
    })
    .await?;
    let json: Vec<serde_json::Value> = list
        .iter()
        .map(kpilot_workspace::tracking::checkin_json)
        .collect();
    Ok(Json(json).into_response())
}
