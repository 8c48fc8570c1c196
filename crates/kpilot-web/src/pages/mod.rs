//! The pages, one module each. Every page works without JavaScript; htmx
//! only makes some of them livelier.

mod actions;
mod catalogue;
mod plans;

use axum::Router;
use axum::routing::get;

use crate::AppState;
use crate::error::AppError;
use crate::ui::Ui;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(plans::list))
        .route("/plans/{id}/actions", get(actions::page))
        .route("/plans/{id}/actions.ics", get(actions::calendar))
        .route("/plans/{id}/catalogue", get(catalogue::page))
}

/// Any other path.
pub async fn not_found(ui: Ui) -> AppError {
    AppError::NotFound(ui.t("error-not-found"))
}
