//! The one error type of the web app: internals are logged, the client gets
//! a plain message and a status — as JSON from the API, as a page in the
//! user's language from the pages (see [`crate::ui::error_pages`]).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kpilot_store::StoreError;

#[derive(Debug)]
pub enum AppError {
    /// The thing asked for does not exist (404).
    NotFound(String),
    /// The request cannot be read: a malformed form, a bad date (400).
    BadRequest(String),
    /// A change without the page's token, or from another site (403).
    Forbidden(String),
    /// Something broke on our side (500); the message is logged, not shown.
    Internal(String),
}

/// What a failed response says, for the pages to show it in their layout.
#[derive(Debug, Clone)]
pub struct Failure {
    pub message: String,
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        AppError::Internal(error.to_string())
    }
}

impl From<kpilot_workspace::Error> for AppError {
    fn from(error: kpilot_workspace::Error) -> AppError {
        match error {
            // Results that cannot be judged: the user fixes them.
            kpilot_workspace::Error::Experiment(error) => AppError::BadRequest(error.to_string()),
            kpilot_workspace::Error::Store(error) => error.into(),
            error @ kpilot_workspace::Error::Thread(_) => AppError::Internal(error.to_string()),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match self {
            AppError::NotFound(message)
            | AppError::BadRequest(message)
            | AppError::Forbidden(message) => message,
            AppError::Internal(message) => {
                eprintln!("kpilot-web: internal error: {message}");
                "internal error: the server log says more".to_owned()
            }
        };
        let mut response = (status, Json(serde_json::json!({ "error": message }))).into_response();
        response.extensions_mut().insert(Failure { message });
        response
    }
}
