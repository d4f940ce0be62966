//! Proposals in the JSON API: the same rules as the pages (`app::codesign`).
//! Young people's writes are anonymous and rate limited; moderation and
//! status changes need a signed-in moderator or manager.

use super::ApiJson;
use crate::auth::{audit, Caller};
use crate::cookies::{self, Device};
use crate::error::ApiError;
use app::codesign::{self, CodesignError, ProposalView};
use app::domain::proposal::{status_name, Proposal, ProposalEvent, Sort};
use app::domain::queue::Target;
use app::domain::staff::Role;
use app::domain::{Locale, Municipality};
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;


/// Ids in paths: anything but a number is simply not found.
fn parse_id(id: &str, locale: Locale) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::from_codesign(CodesignError::NotFound, locale))
}

fn event_json(e: &ProposalEvent) -> Value {
    json!({ "at": e.at, "kind": e.kind, "value": e.value, "reason": e.reason, "role": e.role })
}

fn proposal_json(p: &Proposal, locale: Locale) -> Value {
    json!({
        "id": p.id, "kind": p.kind, "principle_id": p.principle_id, "title": p.title, "text": p.text, "reason": p.reason,
        "status": p.status, "status_name": status_name(p.status, locale), "moderation": p.moderation,
        "created_at": p.created_at, "answered_at": p.answered_at, "answer": p.answer,
        "support": { "for": p.support_for, "against": p.support_against }, "comments": p.comments,
    })
}

fn view_json(v: &ProposalView, locale: Locale) -> Value {
    let mut out = proposal_json(&v.proposal, locale);
    out["moderation_reason"] = json!(v.proposal.moderation_reason);
    out["service"] = json!(v.service.as_ref().map(|s| &s.slug));
    out["history"] = Value::Array(v.events.iter().map(event_json).collect());
    out["comment_list"] = Value::Array(v.comments.iter().map(|c| json!({ "id": c.id, "text": c.text, "created_at": c.created_at })).collect());
    out
}

/// JSON bodies as the form's fields: the same validation, the same names.
fn fields(body: &serde_json::Map<String, Value>) -> Result<Vec<(String, String)>, ApiError> {
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
fn only(body: &serde_json::Map<String, Value>, known: &[&str]) -> Result<(), ApiError> {
    let unknown: std::collections::BTreeMap<String, String> =
        body.keys().filter(|k| !known.contains(&k.as_str())).map(|k| (k.clone(), "Ukendt felt. / Unknown field.".to_string())).collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid { message: "Ukendte felter. / Unknown fields.".into(), fields: unknown })
    }
}

type Body = serde_json::Map<String, Value>;

/// `GET /api/v1/municipalities/{m}/proposals?sort=nyeste|stoette|besvaret`
pub async fn list(
    State(state): State<AppState>,
    Path(m): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let sort = Sort::parse(q.get("sort").map(String::as_str).unwrap_or_default());
    let list = codesign::proposal_list(&state.store, &m, sort, None).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    Ok(Json(Value::Array(list.proposals.iter().map(|p| proposal_json(p, locale)).collect())))
}

/// `POST /api/v1/municipalities/{m}/proposals` → 201 `{id, receipt, status, safeguarding}`
pub async fn create(
    State(state): State<AppState>,
    Path(m): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Body>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    only(&body, &["kind", "principle_id", "service", "title", "text", "reason"])?;
    let device = Device::from_headers(&headers);
    let s = codesign::submit_proposal(&state.store, &m, &fields(&body)?, &device.hash()).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    let body = json!({ "id": s.id, "receipt": s.receipt, "status": s.status, "moderation": s.moderation, "safeguarding": s.safeguarding });
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    device.set_cookie(response.headers_mut(), state.settings.secure_cookies);
    Ok(response)
}

/// `GET /api/v1/receipts/{code}`
pub async fn receipt(State(state): State<AppState>, Path(code): Path<String>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let v = codesign::receipt_view(&state.store, &code).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    Ok(Json(view_json(&v, locale)))
}

/// The municipality a proposal belongs to (404 for unknown ids).
async fn owner(state: &AppState, id: i64, locale: Locale) -> Result<Municipality, ApiError> {
    let p = state.store.proposal(id).await?.ok_or_else(|| ApiError::from_codesign(CodesignError::NotFound, locale))?;
    let all = state.store.municipalities().await?;
    all.into_iter().find(|m| m.id == p.municipality_id).ok_or_else(|| ApiError::from_codesign(CodesignError::NotFound, locale))
}

/// `GET /api/v1/proposals/{id}`: a published proposal with history and comments.
pub async fn show(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = owner(&state, id, locale).await?;
    let v = codesign::proposal_view(&state.store, &mun.slug, id, None).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    Ok(Json(view_json(&v, locale)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceBody {
    stance: Option<String>,
}

/// `POST /api/v1/proposals/{id}/stance` with `{stance: "for"|"against"|null}`
pub async fn stance(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<StanceBody>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let device = Device::from_headers(&headers);
    let stance =
        codesign::set_stance(&state.store, id, body.stance.as_deref(), &device.hash()).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    let p = state.store.proposal(id).await?.ok_or(ApiError::Internal)?;
    let mut response = Json(json!({ "stance": stance, "support": { "for": p.support_for, "against": p.support_against } })).into_response();
    device.set_cookie(response.headers_mut(), state.settings.secure_cookies);
    Ok(response)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    text: Option<String>,
}

/// `POST /api/v1/proposals/{id}/comments` with `{text}` → 201
pub async fn comment(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CommentBody>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let saved = codesign::add_comment(&state.store, id, body.text.as_deref()).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    let body = json!({ "id": saved.id, "moderation": saved.moderation, "safeguarding": saved.safeguarding });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// The caller is staff holding `role` where `mun` is: 401 / 403 / 404 otherwise.
fn staff_with(caller: &Caller, mun: &Municipality, role: Role, locale: Locale) -> Result<String, ApiError> {
    let Caller::Staff(staff) = caller else {
        return Err(ApiError::Forbidden("API-nøgler kan kun læse. / API tokens are read-only.".into()));
    };
    if staff.has_role(&mun.slug, role) {
        Ok(staff.email.clone())
    } else if staff.works_in(&mun.slug) {
        Err(ApiError::Forbidden(locale.pick("Din rolle må ikke dette.", "Your role may not do this.").into()))
    } else {
        Err(ApiError::from_codesign(CodesignError::NotFound, locale))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModerationBody {
    decision: Option<String>,
    reason: Option<String>,
}

async fn moderate_target(state: AppState, caller: Caller, headers: HeaderMap, target: Target, id: i64, mun: Municipality, body: ModerationBody) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let actor = staff_with(&caller, &mun, Role::Moderator, locale)?;
    let d = codesign::moderate(&state.store, &mun, target, id, body.decision.as_deref(), body.reason.as_deref())
        .await
        .map_err(|e| ApiError::from_codesign(e, locale))?;
    audit(&state, Some(mun.id), &actor, "text moderated", &format!("{} {id}: {}", target.as_str(), d.as_str())).await?;
    Ok(Json(json!({ "id": id, "decision": d })))
}

/// `POST /api/v1/proposals/{id}/moderation` with `{decision, reason}` (moderator)
pub async fn moderation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ModerationBody>,
) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = owner(&state, id, locale).await?;
    moderate_target(state, caller, headers, Target::Proposal, id, mun, body).await
}

/// `POST /api/v1/municipalities/{m}/comments/{id}/moderation` (moderator)
pub async fn comment_moderation(
    State(state): State<AppState>,
    caller: Caller,
    Path((m, id)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ModerationBody>,
) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = codesign::municipality(&state.store, &m).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    moderate_target(state, caller, headers, Target::Comment, id, mun, body).await
}

/// `POST /api/v1/proposals/{id}/status` with `{status, reason}` and, when
/// adopting a new or changed principle, its texts (`title_da`, `text_da`,
/// `title_en`, `text_en`) (manager)
pub async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Body>,
) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let mun = owner(&state, id, locale).await?;
    let actor = staff_with(&caller, &mun, Role::Manager, locale)?;
    only(&body, &["status", "reason", "title_da", "text_da", "title_en", "text_en"])?;
    let change = codesign::answer(&state.store, &mun, id, &fields(&body)?).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    audit(&state, Some(mun.id), &actor, "proposal status changed", &format!("{id}: {}", change.status.as_str())).await?;
    Ok(Json(json!({ "id": id, "status": change.status, "reason": change.reason })))
}

/// `GET /api/v1/municipalities/{m}/results`: "you said, we did" in figures.
pub async fn results(State(state): State<AppState>, Path(m): Path<String>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let r = codesign::results(&state.store, &m).await.map_err(|e| ApiError::from_codesign(e, locale))?;
    let f = &r.figures;
    Ok(Json(json!({
        "proposals": f.proposals, "answered": f.answered, "changed": f.changed,
        "share_answered": f.share_answered(), "median_days_to_answer": f.median_days, "share_changed": f.share_changed(),
        "answered_proposals": r.answered.iter().map(|p| proposal_json(p, locale)).collect::<Vec<_>>(),
    })))
}
