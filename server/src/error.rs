//! The JSON API's error type: `{ "error": "...", "fields": { "name": "message" } }`,
//! and the one place where a use case's error (and a store failure) becomes
//! an HTTP status and a message (`ToApi`; handlers write `.localized(locale)?`).
//! Internal causes are logged with `tracing`, never sent to the client.

use app::domain::rating::FieldErrors;
use app::domain::Locale;
use app::i18n::tr;
use app::store::StoreError;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use std::collections::BTreeMap;

mod use_cases;
pub use use_cases::{Localized, ToApi};

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
            message: tr(locale, "error-some_fields_are_not").into(),
            fields: errors.iter().map(|(f, e)| (f.clone(), e.message(locale))).collect(),
        }
    }
}

impl ApiError {
    /// The HTTP status of each variant: the one place it is decided, for the
    /// JSON API and the HTML forms alike.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadBody(status, _) => *status,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::TooMany { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The status and a message for a person, for HTML forms that show the
    /// error on the page instead of as JSON (a form names its first bad field).
    pub fn status_and_message(&self) -> (StatusCode, String) {
        let message = match self {
            ApiError::BadBody(_, m)
            | ApiError::Unauthorized(m)
            | ApiError::Forbidden(m)
            | ApiError::NotFound(m)
            | ApiError::Conflict(m) => m.clone(),
            ApiError::TooMany { message, .. } => message.clone(),
            ApiError::Invalid { message, fields } => fields.values().next().cloned().unwrap_or_else(|| message.clone()),
            ApiError::Unavailable => {
                "Vi kan ikke nå databasen lige nu. Prøv igen om lidt. / The database is not available. Try again shortly.".into()
            }
            ApiError::Internal => "Noget gik galt hos os. / Something went wrong on our side.".into(),
        };
        (self.status(), message)
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

/// The body of every API error. `error` is for people; `fields` (422 only)
/// names each bad input; `retry_after` (429 only) is also in `Retry-After`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = json!({ "answers.listened": "Vælg et tal fra 1 til 5." }))]
    pub fields: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<i64>,
}

impl ErrorBody {
    fn new(error: impl Into<String>) -> ErrorBody {
        ErrorBody { error: error.into(), fields: None, retry_after: None }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (body, retry_after) = match self {
            ApiError::BadBody(_, m)
            | ApiError::NotFound(m)
            | ApiError::Unauthorized(m)
            | ApiError::Forbidden(m)
            | ApiError::Conflict(m) => (ErrorBody::new(m), None),
            ApiError::TooMany { message, retry_after } => {
                (ErrorBody { retry_after: Some(retry_after), ..ErrorBody::new(message) }, Some(retry_after))
            }
            ApiError::Invalid { message, fields } => (ErrorBody { fields: Some(fields), ..ErrorBody::new(message) }, None),
            ApiError::Unavailable => (ErrorBody::new("The database is not available. Try again shortly."), None),
            ApiError::Internal => (ErrorBody::new("Something went wrong on our side."), None),
        };
        let mut res = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            res.headers_mut().insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        res
    }
}

/// The documented error responses, one type per status (400–422 together),
/// so each operation in the OpenAPI document lists exactly the ones it gives.
pub mod responses {
    use super::ErrorBody;

    #[derive(utoipa::IntoResponses)]
    #[response(status = 422, description = "A query parameter is wrong; `fields` names each one.")]
    pub struct BadQuery(pub ErrorBody);

    #[derive(utoipa::IntoResponses)]
    pub enum BadBody {
        #[response(status = 400, description = "The body is not JSON.")]
        NotJson(ErrorBody),
        #[response(status = 413, description = "The body is larger than 16 KiB.")]
        TooLarge(ErrorBody),
        #[response(status = 415, description = "Not sent as `Content-Type: application/json`.")]
        WrongType(ErrorBody),
        #[response(
            status = 422,
            description = "A rule is broken, or a field is unknown or of the wrong type; `fields` names each bad field."
        )]
        Invalid(ErrorBody),
    }

    #[derive(utoipa::IntoResponses)]
    #[response(status = 401, description = "Not signed in, a wrong e-mail or password, or an unknown or revoked API token.")]
    pub struct Unauthorized(pub ErrorBody);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 403,
        description = "Refused: a write from another site, a write with an API token (tokens only read), or a role that may not do this."
    )]
    pub struct Forbidden(pub ErrorBody);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 404,
        description = "No such municipality, service, proposal, comment or receipt (staff of another municipality get this too)."
    )]
    pub struct NotFound(pub ErrorBody);

    #[derive(utoipa::IntoResponses)]
    #[response(status = 409, description = "Someone else changed it first: reload and try again.")]
    pub struct Conflict(pub ErrorBody);

    #[derive(utoipa::IntoResponses)]
    #[response(
        status = 429,
        description = "Too many attempts: wait `retry_after` seconds.",
        headers(("Retry-After" = i64, description = "Seconds to wait"))
    )]
    pub struct TooMany(pub ErrorBody);

    #[derive(utoipa::IntoResponses)]
    #[response(status = 503, description = "The database cannot be reached right now.")]
    pub struct Unavailable(pub ErrorBody);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<ApiError> {
        vec![
            ApiError::BadBody(StatusCode::PAYLOAD_TOO_LARGE, "stor".into()),
            ApiError::Unauthorized("log ind".into()),
            ApiError::Forbidden("nej".into()),
            ApiError::TooMany { message: "vent".into(), retry_after: 7 },
            ApiError::NotFound("væk".into()),
            ApiError::Conflict("ændret".into()),
            ApiError::Invalid { message: "felter".into(), fields: BTreeMap::from([("title".into(), "Skriv en titel.".into())]) },
            ApiError::Unavailable,
            ApiError::Internal,
        ]
    }

    #[test]
    fn json_and_forms_give_the_same_status() {
        let statuses: Vec<u16> = every_variant().iter().map(|e| e.status().as_u16()).collect();
        assert_eq!(statuses, [413, 401, 403, 429, 404, 409, 422, 503, 500]);
        for e in every_variant() {
            let (form_status, message) = e.status_and_message();
            assert_eq!(form_status, e.status());
            assert!(!message.is_empty());
            let status = e.status();
            assert_eq!(e.into_response().status(), status);
        }
    }

    #[test]
    fn forms_name_the_first_bad_field_and_429_says_when_to_retry() {
        let invalid = &every_variant()[6];
        assert_eq!(invalid.status_and_message().1, "Skriv en titel.");
        let res = ApiError::TooMany { message: "vent".into(), retry_after: 7 }.into_response();
        assert_eq!(res.headers()[axum::http::header::RETRY_AFTER], "7");
    }
}
