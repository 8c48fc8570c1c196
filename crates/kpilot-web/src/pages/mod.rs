//! The pages, one module each. Every page works without JavaScript; htmx
//! only makes some of them livelier.

mod actions;
mod budget;
mod catalogue;
mod dashboard;
mod editor;
mod editor_item;
mod experiments;
mod explorer;
mod import;
mod objective;
mod plans;
mod review;
mod week;

use axum::Router;
use axum::routing::{get, post};
use jiff::civil::Date;

use crate::AppState;
use crate::error::AppError;
use crate::ui::Ui;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(plans::list))
        .route("/plans", post(plans::create))
        .route("/plans/{id}", get(dashboard::page))
        .route("/plans/{id}/kpis", get(explorer::page))
        .route("/plans/{id}/objectives/{objective}", get(objective::page))
        .route(
            "/plans/{id}/objectives/{objective}/checkins",
            post(objective::check_in),
        )
        .route("/plans/{id}/kpis.csv", get(explorer::csv))
        .route("/plans/{id}/week", get(week::page))
        .route("/plans/{id}/actions", get(actions::page))
        .route(
            "/plans/{id}/actions/{action}/updates",
            post(actions::update),
        )
        .route("/plans/{id}/actions.ics", get(actions::calendar))
        .route("/plans/{id}/catalogue", get(catalogue::page))
        .route("/plans/{id}/budget", get(budget::page))
        .route("/plans/{id}/experiments", get(experiments::list))
        .route(
            "/plans/{id}/experiments/{experiment}",
            get(experiments::page),
        )
        .route(
            "/plans/{id}/experiments/{experiment}/results",
            post(experiments::upload),
        )
        .route("/plans/{id}/review", get(review::page))
        .route("/plans/{id}/review.html", get(review::html))
        .route("/plans/{id}/review.pdf", get(review::pdf))
        .route("/plans/{id}/review.xlsx", get(review::xlsx))
        .route("/import", get(import::page).post(import::upload))
        .route("/import/{upload}/preview", post(import::preview))
        .route("/import/{upload}/confirm", post(import::confirm))
        .route("/import/batches/{batch}/undo", post(import::undo))
        .route("/plans/{id}/edit", get(editor::page))
        .route(
            "/plans/{id}/plan.toml",
            get(editor::download).post(editor::upload),
        )
        .route(
            "/plans/{id}/edit/{kind}/{item}",
            get(editor_item::form).post(editor_item::save),
        )
        .route(
            "/plans/{id}/edit/{kind}/{item}/check",
            post(editor_item::check),
        )
        .route(
            "/plans/{id}/edit/{kind}/{item}/delete",
            post(editor_item::delete),
        )
}

/// The day a `?at=`, `?from=` or `?to=` names (`None` when absent or
/// empty), or a 400 page saying what was expected.
pub fn day_of(ui: &Ui, text: Option<&str>) -> Result<Option<Date>, AppError> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|_| {
            AppError::BadRequest(ui.tr.t_with("error-bad-date", &[("value", text.into())]))
        }),
    }
}

/// Any other path.
pub async fn not_found(ui: Ui) -> AppError {
    AppError::NotFound(ui.t("error-not-found"))
}
