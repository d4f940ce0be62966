//! The JSON API's error type: `{ "error": "...", "fields": { "name": "message" } }`.
//! Internal causes are logged with `tracing`, never sent to the client.

use app::domain::rating::FieldErrors;
use app::domain::Locale;
use app::codesign::CodesignError;
use app::rate::{NotFound, RateError};
use app::store::StoreError;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Debug)]
pub enum ApiError {
    /// 400 / 413 / 415: the request body could not be read as JSON.
    BadBody(StatusCode, String),
    /// 401: not signed in (or an unknown API token).
    Unauthorized(String),
    /// 403: signed in, but not allowed (wrong role, read-only token).
    Forbidden(String),
    /// 429: too many attempts; try again after `retry_after` seconds.
    TooMany { message: String, retry_after: i64 },
    /// 404: no such municipality, service or resource.
    NotFound(String),
    /// 409: someone else changed the resource meanwhile.
    Conflict(String),
    /// 422: the input broke a rule; each bad field is named.
    Invalid { message: String, fields: BTreeMap<String, String> },
    /// 503: the database cannot be reached right now.
    Unavailable,
    /// 500: a bug of ours (logged).
    Internal,
}

impl ApiError {
    pub fn invalid(errors: &FieldErrors, locale: Locale) -> Self {
        ApiError::Invalid {
            message: locale.pick("Nogle felter er ikke udfyldt rigtigt.", "Some fields are not filled in correctly.").into(),
            fields: errors.iter().map(|(f, e)| (f.clone(), e.message(locale))).collect(),
        }
    }

    pub fn from_rate(e: RateError, locale: Locale) -> Self {
        match e {
            RateError::NotFound(NotFound::Municipality) => {
                ApiError::NotFound(locale.pick("Kommunen findes ikke.", "No such municipality.").into())
            }
            RateError::NotFound(NotFound::Service) => ApiError::NotFound(locale.pick("Tilbuddet findes ikke.", "No such service.").into()),
            RateError::Invalid(errors) => ApiError::invalid(&errors, locale),
            RateError::Store(e) => e.into(),
        }
    }

    pub fn from_codesign(e: CodesignError, locale: Locale) -> Self {
        match e {
            CodesignError::NotFound => ApiError::NotFound(locale.pick("Findes ikke.", "Not found.").into()),
            CodesignError::Invalid(errors) => ApiError::invalid(&errors, locale),
            CodesignError::Conflict => ApiError::Conflict(
                locale.pick("Forslaget er lige blevet ændret af en anden. Hent det igen.", "Someone else just changed it. Reload it.").into(),
            ),
            CodesignError::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => {
                tracing::warn!(error = %e, "database unavailable");
                ApiError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "store error");
                ApiError::Internal
            }
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let status = r.status();
        let message = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "The request body is larger than 16 KiB.".to_string(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "Send JSON with Content-Type: application/json.".to_string(),
            _ => r.body_text(),
        };
        match status {
            StatusCode::UNPROCESSABLE_ENTITY => ApiError::Invalid { message, fields: BTreeMap::new() },
            _ => ApiError::BadBody(status, message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::BadBody(status, message) => (status, json!({ "error": message })),
            ApiError::NotFound(message) => (StatusCode::NOT_FOUND, json!({ "error": message })),
            ApiError::Unauthorized(message) => (StatusCode::UNAUTHORIZED, json!({ "error": message })),
            ApiError::Forbidden(message) => (StatusCode::FORBIDDEN, json!({ "error": message })),
            ApiError::Conflict(message) => (StatusCode::CONFLICT, json!({ "error": message })),
            ApiError::TooMany { message, retry_after } => {
                let mut res =
                    (StatusCode::TOO_MANY_REQUESTS, Json(json!({ "error": message, "retry_after": retry_after }))).into_response();
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after.into());
                return res;
            }
            ApiError::Invalid { message, fields } => (StatusCode::UNPROCESSABLE_ENTITY, json!({ "error": message, "fields": fields })),
            ApiError::Unavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, json!({ "error": "The database is not available. Try again shortly." }))
            }
            ApiError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, json!({ "error": "Something went wrong on our side." })),
        };
        (status, Json(body)).into_response()
    }
}
