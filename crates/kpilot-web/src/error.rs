//! The one error type of the web app: internals are logged, the client gets
//! a plain message and a status.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kpilot_store::StoreError;

#[derive(Debug)]
pub enum AppError {
    /// The thing asked for does not exist (404).
    NotFound(String),
    /// Something broke on our side (500); the message is logged, not shown.
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        AppError::Internal(error.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::NotFound(message) => (StatusCode::NOT_FOUND, message),
            AppError::Internal(message) => {
                eprintln!("kpilot-web: internal error: {message}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error: the server log says more".to_owned(),
                )
            }
        };
        (status, Json(serde_json::json!({ "error": message }))).into_response()
    }
}
