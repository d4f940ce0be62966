//! The staff's side of proposals in the JSON API: moderating texts and
//! answering proposals. Needs a signed-in moderator or manager; API tokens
//! only read, so they are refused.

use super::proposals::{fields, only, owner, parse_id, Body};
use super::schema::{self, Moderated, StatusChanged, StatusInput};
use super::ApiJson;
use crate::auth::{staff_with, Caller};
use crate::cookies;
use crate::error::responses::{BadBody, Conflict, Forbidden, NotFound, Unauthorized, Unavailable};
use crate::error::ApiError;
use crate::error::Localized;
use app::codesign;
use app::domain::queue::Target;
use app::domain::staff::Role;
use app::domain::Municipality;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde::Deserialize;

/// A reason is required to reject.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationBody {
    #[schema(schema_with = schema::decision)]
    decision: Option<String>,
    reason: Option<String>,
}

async fn moderate_target(
    state: AppState,
    caller: Caller,
    headers: HeaderMap,
    target: Target,
    id: i64,
    mun: Municipality,
    body: ModerationBody,
) -> Result<Json<Moderated>, ApiError> {
    let locale = cookies::locale(&headers);
    let actor = staff_with(&caller, &mun, Role::Moderator, locale)?;
    let d = codesign::moderate(&state.store, &state.live, &mun, target, id, body.decision.as_deref(), body.reason.as_deref(), &actor)
        .await
        .localized(locale)?;
    Ok(Json(Moderated { id, decision: d }))
}

#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/moderation", tag = "proposals",
    summary = "Approve or reject a proposal's text (moderator; once only)",
    params(("id" = String, Path, description = "Proposal id")),
    request_body = ModerationBody,
    security(("session_cookie" = [])),
    responses((status = 200, body = Moderated, description = "Decided"), BadBody, Unauthorized, Forbidden, NotFound, Conflict, Unavailable)
)]
pub async fn moderation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ModerationBody>,
) -> Result<Json<Moderated>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = owner(&state, id, locale).await?;
    moderate_target(state, caller, headers, Target::Proposal, id, mun, body).await
}

#[utoipa::path(
    post, path = "/api/v1/municipalities/{m}/comments/{id}/moderation", tag = "proposals",
    summary = "Approve or reject a comment (moderator; once only)",
    params(("m" = String, Path, description = "Municipality slug"), ("id" = String, Path, description = "Comment id")),
    request_body = ModerationBody,
    security(("session_cookie" = [])),
    responses((status = 200, body = Moderated, description = "Decided"), BadBody, Unauthorized, Forbidden, NotFound, Conflict, Unavailable)
)]
pub async fn comment_moderation(
    State(state): State<AppState>,
    caller: Caller,
    Path((m, id)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ModerationBody>,
) -> Result<Json<Moderated>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = codesign::municipality(&state.store, &m).await.localized(locale)?;
    moderate_target(state, caller, headers, Target::Comment, id, mun, body).await
}

#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/status", tag = "proposals",
    summary = "Change a moderated proposal's status or answer it officially (manager)",
    params(("id" = String, Path, description = "Proposal id")),
    request_body = StatusInput,
    security(("session_cookie" = [])),
    responses((status = 200, body = StatusChanged, description = "Changed"), BadBody, Unauthorized, Forbidden, NotFound, Conflict, Unavailable)
)]
pub async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Body>,
) -> Result<Json<StatusChanged>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = owner(&state, id, locale).await?;
    let actor = staff_with(&caller, &mun, Role::Manager, locale)?;
    only(&body, &["status", "reason", "title_da", "text_da", "title_en", "text_en"])?;
    let change = codesign::answer(&state.store, &mun, id, &fields(&body)?, &actor).await.localized(locale)?;
    Ok(Json(StatusChanged { id, status: change.status, reason: change.reason }))
}
