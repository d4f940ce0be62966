//! Proposals in the JSON API: the same rules as the pages (`app::codesign`).
//! Young people's writes are anonymous and rate limited; the staff's side
//! (moderation, answers) is in `answers.rs`.

use super::schema::{
    self, CommentCreated, CommentItem, EventItem, ProposalCreated, ProposalDetail, ProposalInput, ProposalItem, Results, StanceSet, Support,
};
use super::ApiJson;
use crate::cookies::{self, Device};
use crate::error::responses::{BadBody, Forbidden, NotFound, TooMany, Unavailable};
use crate::error::ApiError;
use crate::error::Localized;
use crate::error::ToApi;
use app::codesign::{self, CodesignError, ProposalView};
use app::domain::proposal::{status_name, Moderation, ProposalEvent, Sort};
use app::domain::public::PublicProposal;
use app::domain::{Locale, Municipality};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

/// Ids in paths: anything but a number is simply not found.
pub(super) fn parse_id(id: &str, locale: Locale) -> Result<i64, ApiError> {
    id.parse().map_err(|_| CodesignError::NotFound.to_api(locale))
}

fn event_item(e: &ProposalEvent) -> EventItem {
    EventItem { at: e.at, kind: e.kind.clone(), value: e.value.clone(), reason: e.reason.clone(), role: e.role.clone() }
}

fn support(p: &PublicProposal) -> Support {
    let (f, a) = (p.support_for, p.support_against);
    Support { support_for: f.exact(), for_under_5: f.under_5(), against: a.exact(), against_under_5: a.under_5() }
}

/// `moderation`: what the reader may know; the public sees only published ones.
fn proposal_item(p: &PublicProposal, moderation: Moderation, locale: Locale) -> ProposalItem {
    ProposalItem {
        id: p.id,
        kind: p.kind,
        principle_id: p.principle_id,
        title: p.title.clone(),
        text: p.text.clone(),
        reason: p.reason.clone(),
        status: p.status,
        status_name: status_name(p.status, locale).to_string(),
        moderation,
        created_at: p.created_at,
        answered_at: p.answered_at,
        answer: p.answer.clone(),
        support: support(p),
        comments: p.comments.exact(),
        comments_under_5: p.comments.under_5(),
    }
}

fn public_item(p: &PublicProposal, locale: Locale) -> ProposalItem {
    proposal_item(p, Moderation::Approved, locale)
}

fn view_detail(v: &ProposalView, locale: Locale) -> ProposalDetail {
    let moderation = v.own.as_ref().map(|o| o.moderation).unwrap_or(Moderation::Approved);
    ProposalDetail {
        proposal: proposal_item(&v.proposal, moderation, locale),
        moderation_reason: v.own.as_ref().and_then(|o| o.rejection_reason.clone()),
        service: v.service.as_ref().map(|s| s.slug.clone()),
        history: v.events.iter().map(event_item).collect(),
        comment_list: v.comments.iter().map(|c| CommentItem { id: c.id, text: c.text.clone(), created_at: c.created_at }).collect(),
    }
}

/// JSON bodies as the form's fields: the same validation, the same names.
pub(super) fn fields(body: &serde_json::Map<String, Value>) -> Result<Vec<(String, String)>, ApiError> {
    let mut pairs = Vec::new();
    for (k, v) in body {
        let s = match v {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => {
                return Err(ApiError::Invalid {
                    message: "Send tekst eller tal. / Send text or numbers.".into(),
                    fields: [(k.clone(), "Skal være tekst eller et tal. / Expected a string or a number.".into())].into(),
                })
            }
        };
        pairs.push((k.clone(), s));
    }
    Ok(pairs)
}

/// Refuses field names the endpoint does not know, so typos are not silently ignored.
pub(super) fn only(body: &serde_json::Map<String, Value>, known: &[&str]) -> Result<(), ApiError> {
    let unknown: std::collections::BTreeMap<String, String> =
        body.keys().filter(|k| !known.contains(&k.as_str())).map(|k| (k.clone(), "Ukendt felt. / Unknown field.".to_string())).collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid { message: "Ukendte felter. / Unknown fields.".into(), fields: unknown })
    }
}

pub(super) type Body = serde_json::Map<String, Value>;

#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/proposals", operation_id = "list_proposals", tag = "proposals",
    summary = "Published proposals",
    params(("m" = String, Path, description = "Municipality slug"), ("sort" = Option<String>, Query, description = "`nyeste` (newest, the default), `stoette` (most support) or `besvaret` (recently answered)")),
    responses((status = 200, body = [ProposalItem], description = "The proposals, in the chosen order"), NotFound, Unavailable)
)]
pub async fn list(
    State(state): State<AppState>,
    Path(m): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<Vec<ProposalItem>>, ApiError> {
    let locale = cookies::locale(&headers);
    let sort = Sort::parse(q.get("sort").map(String::as_str).unwrap_or_default());
    let list = codesign::proposal_list(&state.store, &m, sort, None).await.localized(locale)?;
    Ok(Json(list.proposals.iter().map(|p| public_item(p, locale)).collect()))
}

#[utoipa::path(
    post, path = "/api/v1/municipalities/{m}/proposals", operation_id = "create_proposal", tag = "proposals",
    summary = "Propose to add, change or remove a principle, or an idea (anonymous)",
    params(("m" = String, Path, description = "Municipality slug")),
    request_body = ProposalInput,
    responses(
        (status = 201, body = ProposalCreated, description = "Stored; keep the receipt code to follow it"),
        BadBody, Forbidden, NotFound, TooMany, Unavailable
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Path(m): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Body>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    only(&body, &["kind", "principle_id", "service", "title", "text", "reason"])?;
    let device = Device::from_headers(&headers);
    let s = codesign::submit_proposal(&state.store, &m, &fields(&body)?, &device.hash()).await.localized(locale)?;
    let body = ProposalCreated { id: s.id, receipt: s.receipt, status: s.status, moderation: s.moderation, safeguarding: s.safeguarding };
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    device.set_cookie(response.headers_mut(), state.settings.secure_cookies);
    Ok(response)
}

#[utoipa::path(
    get, path = "/api/v1/receipts/{code}", tag = "proposals",
    summary = "Follow one's own proposal by its receipt code, also while it waits for moderation",
    params(("code" = String, Path, description = "The receipt code given when the proposal was sent")),
    responses((status = 200, body = ProposalDetail, description = "The proposal"), NotFound, Unavailable)
)]
pub async fn receipt(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Json<ProposalDetail>, ApiError> {
    let locale = cookies::locale(&headers);
    let v = codesign::receipt_view(&state.store, &code).await.localized(locale)?;
    Ok(Json(view_detail(&v, locale)))
}

/// The municipality a proposal belongs to (404 for unknown ids).
pub(super) async fn owner(state: &AppState, id: i64, locale: Locale) -> Result<Municipality, ApiError> {
    codesign::owner(&state.store, id).await.localized(locale)
}

#[utoipa::path(
    get, path = "/api/v1/proposals/{id}", tag = "proposals",
    summary = "A published proposal with its history and approved comments",
    params(("id" = String, Path, description = "Proposal id")),
    responses((status = 200, body = ProposalDetail, description = "The proposal"), NotFound, Unavailable)
)]
pub async fn show(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Json<ProposalDetail>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = owner(&state, id, locale).await?;
    let v = codesign::proposal_view(&state.store, &mun.slug, id, None).await.localized(locale)?;
    Ok(Json(view_detail(&v, locale)))
}

/// `null`, `""` or `"none"` withdraws this device's stance.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StanceBody {
    #[schema(schema_with = schema::stance_input)]
    stance: Option<String>,
}

#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/stance", tag = "proposals",
    summary = "Support or oppose a published proposal (one stance per device, changeable)",
    params(("id" = String, Path, description = "Proposal id")),
    request_body = StanceBody,
    responses((status = 200, body = StanceSet, description = "The stance and the new counts"), BadBody, Forbidden, NotFound, TooMany, Unavailable)
)]
pub async fn stance(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<StanceBody>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let device = Device::from_headers(&headers);
    let stance = codesign::set_stance(&state.store, id, body.stance.as_deref(), &device.hash()).await.localized(locale)?;
    let p = codesign::proposal(&state.store, id).await?.ok_or(ApiError::Internal)?;
    let mut response = Json(StanceSet { stance, support: support(&PublicProposal::from(&p)) }).into_response();
    device.set_cookie(response.headers_mut(), state.settings.secure_cookies);
    Ok(response)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    /// At most 500 characters.
    text: Option<String>,
}

#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/comments", tag = "proposals",
    summary = "Comment on a published proposal (anonymous; shown after moderation)",
    params(("id" = String, Path, description = "Proposal id")),
    request_body = CommentBody,
    responses((status = 201, body = CommentCreated, description = "Stored; shown once approved"), BadBody, Forbidden, NotFound, TooMany, Unavailable)
)]
pub async fn comment(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CommentBody>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let saved = codesign::add_comment(&state.store, id, body.text.as_deref()).await.localized(locale)?;
    let body = CommentCreated { id: saved.id, moderation: saved.moderation, safeguarding: saved.safeguarding };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/results", tag = "proposals",
    summary = "\"You said, we did\": how many proposals were answered and changed something",
    params(("m" = String, Path, description = "Municipality slug")),
    responses((status = 200, body = Results, description = "The figures"), NotFound, Unavailable)
)]
pub async fn results(State(state): State<AppState>, Path(m): Path<String>, headers: HeaderMap) -> Result<Json<Results>, ApiError> {
    let locale = cookies::locale(&headers);
    let r = codesign::results(&state.store, &m).await.localized(locale)?;
    let f = &r.figures;
    Ok(Json(Results {
        proposals: f.proposals,
        answered: f.answered,
        changed: f.changed,
        share_answered: f.share_answered(),
        median_days_to_answer: f.median_days,
        share_changed: f.share_changed(),
        answered_proposals: r.answered.iter().map(|p| public_item(p, locale)).collect(),
    }))
}
