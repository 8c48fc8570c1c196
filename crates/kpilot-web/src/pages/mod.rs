//! The pages, one module each. Every page works without JavaScript; htmx
//! only makes some of them livelier.

mod catalogue;
mod import;
mod plans;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::error::AppError;
use crate::ui::Ui;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(plans::list))
        .route("/plans/{id}/catalogue", get(catalogue::page))
        .route("/import", get(import::page).post(import::upload))
        .route("/import/{upload}/preview", post(import::preview))
        .route("/import/{upload}/confirm", post(import::confirm))
        .route("/import/batches/{batch}/undo", post(import::undo))
}

/// Any other path.
pub async fn not_found(ui: Ui) -> AppError {
    AppError::NotFound(ui.t("error-not-found"))
}
