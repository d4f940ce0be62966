use super::schema::RatingCreated;
use super::ApiJson;
use crate::cookies::{self, Device};
use crate::error::responses::{BadBody, Forbidden, NotFound, TooMany, Unavailable};
use crate::error::ApiError;
use crate::error::Localized;
use app::domain::rating::{AnswerValue, RatingDraft};
use app::rate;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{Map, Value};

/// One young person's rating of a service. Unknown fields are refused.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingBody {
    /// Question key → answer: a number on a scale question, an option's key
    /// on a choice question; `null` skips the question.
    #[schema(value_type = Object)]
    answers: Map<String, Value>,
    comment: Option<String>,
    age_band: Option<String>,
    came_from: Option<String>,
    channel: Option<String>,
}

impl RatingBody {
    fn into_draft(self) -> RatingDraft {
        let answers = self
            .answers
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| {
                let value = match v {
                    Value::Number(n) => n.as_i64().map(AnswerValue::Int).unwrap_or(AnswerValue::Invalid),
                    Value::String(s) => AnswerValue::from_form(&s),
                    _ => AnswerValue::Invalid,
                };
                (k, value)
            })
            .collect();
        let non_empty = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
        RatingDraft {
            answers,
            comment: non_empty(self.comment),
            age_band: non_empty(self.age_band),
            came_from: non_empty(self.came_from),
            channel: non_empty(self.channel).or_else(|| Some("api".into())),
        }
    }
}

#[utoipa::path(
    post, path = "/api/v1/municipalities/{m}/services/{s}/ratings", operation_id = "rate_service", tag = "ratings",
    summary = "Rate a service (anonymous; a device may replace its rating within 30 days)",
    params(("m" = String, Path, description = "Municipality slug"), ("s" = String, Path, description = "Service slug")),
    request_body = RatingBody,
    responses(
        (status = 201, body = RatingCreated, description = "Stored; sets the device cookie `stemme_enhed` when it is new"),
        BadBody, Forbidden, NotFound, TooMany, Unavailable
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Path((m, s)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<RatingBody>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let device = Device::from_headers(&headers);
    let saved = rate::submit_rating(&state.store, &m, &s, &body.into_draft(), device.hash()).await.localized(locale)?;
    let body = RatingCreated { id: saved.saved.id, replaced: saved.saved.replaced, safeguarding: saved.safeguarding };
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    device.set_cookie(response.headers_mut(), state.settings.secure_cookies);
    Ok(response)
}
