//! Workshops in the JSON API: a facilitator prepares and drives one; young
//! people join with the code and answer; everyone in the room follows the
//! event stream.

use super::proposals::parse_id;
use super::ApiJson;
use crate::auth::{staff_with, Caller};
use crate::cookies::{self, Participant, TokenCookie};
use crate::error::responses::{BadBody, Conflict, Forbidden, NotFound, TooMany, Unauthorized, Unavailable};
use crate::error::ApiError;
use crate::error::Localized;
use crate::error::ToApi;
use crate::source::client_source;
use crate::workshops::{guard_keys, too_many_codes, JoinGuard};
use app::domain::staff::Role;
use app::domain::workshop::response::ResponseInput;
use app::domain::workshop::{ActivityDraft, Command, Workshop};
use app::domain::{Locale, Municipality};
use app::i18n::tr;
use app::state::AppState;
use app::workshop::{self as ws, WorkshopError};
use axum::extract::{FromRequest, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use std::convert::Infallible;

/// One activity of a new workshop.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityBody {
    /// `rate`, `dots`, `ideas`, `statements` or `poll`.
    kind: String,
    title: Option<String>,
    /// Poll or dot options, statements, or service slugs to rate (all when empty).
    #[serde(default, alias = "options", alias = "statements", alias = "services")]
    lines: Vec<String>,
    /// Dots per participant (dot-voting; default 3).
    dots: Option<u32>,
    /// Dot-voting on `proposals` or `principles` instead of own options.
    source: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWorkshopBody {
    title: Option<String>,
    activities: Vec<ActivityBody>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WorkshopCreated {
    id: i64,
    /// The join code for `/w`, 6 characters.
    code: String,
}

/// Where the workshop is now.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WorkshopState {
    id: i64,
    /// `waiting`, `running`, `paused` or `closed`.
    phase: String,
    /// The current activity's index.
    current: usize,
    revealed: bool,
    activities: usize,
    /// Send it back with the next command to refuse a move made meanwhile.
    version: i64,
}

impl From<&Workshop> for WorkshopState {
    fn from(w: &Workshop) -> Self {
        WorkshopState {
            id: w.id,
            phase: w.state.phase.as_str().into(),
            current: w.state.current,
            revealed: w.state.revealed,
            activities: w.activities.len(),
            version: w.version,
        }
    }
}

async fn municipality(state: &AppState, m: &str, locale: Locale) -> Result<Municipality, ApiError> {
    app::municipality::by_slug(&state.store, m).await?.ok_or_else(|| WorkshopError::NotFound.to_api(locale))
}

/// The workshop and its municipality, for a facilitator there.
pub(super) async fn facilitated(state: &AppState, caller: &Caller, id: &str, locale: Locale) -> Result<(Workshop, String), ApiError> {
    let id = parse_id(id, locale)?;
    let w = ws::workshop(&state.store, id).await.localized(locale)?;
    let mun = app::municipality::by_id(&state.store, w.municipality_id).await?.ok_or(ApiError::Internal)?;
    let who = staff_with(caller, &mun, Role::Facilitator, locale)?;
    Ok((w, who))
}

#[utoipa::path(
    post, path = "/api/v1/municipalities/{m}/workshops", operation_id = "create_workshop", tag = "workshops",
    summary = "Prepare a workshop (facilitator)",
    params(("m" = String, Path, description = "Municipality slug")),
    request_body = NewWorkshopBody,
    security(("session_cookie" = [])),
    responses((status = 201, body = WorkshopCreated, description = "Prepared; share the code"), BadBody, Unauthorized, Forbidden, NotFound, Unavailable)
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(m): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewWorkshopBody>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let mun = municipality(&state, &m, locale).await?;
    let who = staff_with(&caller, &mun, Role::Facilitator, locale)?;
    let drafts: Vec<ActivityDraft> = body
        .activities
        .into_iter()
        .map(|a| ActivityDraft { kind: a.kind, title: a.title.unwrap_or_default(), lines: a.lines, dots: a.dots, source: a.source })
        .collect();
    let w = ws::create(&state.store, &mun, body.title.as_deref(), &drafts, &who).await.localized(locale)?;
    Ok((StatusCode::CREATED, Json(WorkshopCreated { id: w.id, code: w.code })).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvanceBody {
    /// `advance` (default: start, next activity, close after the last),
    /// `back`, `pause`, `resume`, `reveal`, `hide` or `close`.
    command: Option<String>,
    /// The `version` of the state this command was decided on: 409 when the
    /// workshop moved since (so a retried request cannot move it twice).
    version: Option<i64>,
}

#[utoipa::path(
    post, path = "/api/v1/workshops/{id}/advance", operation_id = "advance_workshop", tag = "workshops",
    summary = "Move the workshop on, or pause, reveal or close it (facilitator)",
    params(("id" = String, Path, description = "Workshop id")),
    request_body(content = AdvanceBody, description = "Optional; an empty body advances"),
    security(("session_cookie" = [])),
    responses((status = 200, body = WorkshopState, description = "The new state"), BadBody, Unauthorized, Forbidden, NotFound, Conflict, Unavailable)
)]
pub async fn advance(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<WorkshopState>, ApiError> {
    let locale = cookies::locale(&headers);
    let (w, who) = facilitated(&state, &caller, &id, locale).await?;
    let (command, version) = if body.iter().all(u8::is_ascii_whitespace) {
        (None, None)
    } else {
        let AdvanceBody { command, version } = serde_json::from_slice(&body)
            .map_err(|e| ApiError::Invalid { message: format!("The body is not a valid command: {e}"), fields: Default::default() })?;
        (command, version)
    };
    let command = match command.as_deref() {
        None => Command::Advance,
        Some(c) => Command::parse(c).ok_or_else(|| ApiError::Invalid {
            message: tr(locale, "workshop-unknown_command").into(),
            fields: [("command".to_string(), "advance, back, pause, resume, reveal, hide, close".to_string())].into(),
        })?,
    };
    let w = ws::command(&state.store, &state.live, w, command, version, &who).await.localized(locale)?;
    Ok(Json(WorkshopState::from(&w)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinBody {
    /// The code on the presenter screen (case, spaces and dashes do not matter).
    code: String,
    /// Optional; shown only during the workshop.
    nickname: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Joined {
    id: i64,
}

/// Joins by code, or counts a wrong code against the guard. Shared with the
/// `/w` form.
pub async fn join_checked(
    state: &AppState,
    guard: &JoinGuard,
    parts: &Parts,
    code: &str,
    nickname: Option<&str>,
    participant: &TokenCookie,
) -> Result<Workshop, ApiError> {
    let locale = cookies::locale(&parts.headers);
    let keys = guard_keys(&client_source(parts, state.settings.client_ip_header.as_deref()), &participant.token);
    guard.attempt(&keys).map_err(|wait| too_many_codes(locale, wait))?;
    match ws::join(&state.store, &state.live, code, &participant.token, nickname).await {
        Ok(w) => {
            guard.refund(&keys);
            Ok(w)
        }
        // A wrong or malformed code keeps its attempt: that is a guess.
        Err(WorkshopError::NotFound) => Err(ApiError::NotFound(tr(locale, "error-no_workshop_with_code").into())),
        Err(WorkshopError::Invalid(errors)) if errors.contains_key("code") => Err(ApiError::invalid(&errors, locale)),
        Err(e) => {
            guard.refund(&keys);
            Err(e.to_api(locale))
        }
    }
}

#[utoipa::path(
    post, path = "/api/v1/workshops/join", operation_id = "join_workshop", tag = "workshops",
    summary = "Join a workshop with its code (anonymous; 429 after 20 wrong codes from a device, or 200 from an address, in 10 minutes, and when joining too often)",
    request_body = JoinBody,
    responses(
        (status = 200, body = Joined, description = "Joined; sets the participant cookie `stemme_deltager`"),
        BadBody, NotFound, TooMany, Unavailable
    )
)]
pub async fn join(
    State(state): State<AppState>,
    Extension(guard): Extension<JoinGuard>,
    req: axum::extract::Request,
) -> Result<Response, ApiError> {
    let (parts, body) = req.into_parts();
    let axum::Json(body): axum::Json<JoinBody> =
        axum::Json::from_request(axum::extract::Request::from_parts(parts.clone(), body), &state).await?;
    let participant = Participant::from_headers(&parts.headers);
    let joined = join_checked(&state, &guard, &parts, &body.code, body.nickname.as_deref(), &participant).await;
    // Also on a wrong code: its next guesses count against this device, not only its network.
    let mut response = joined.map(|w| Json(Joined { id: w.id })).into_response();
    participant.set_cookie(response.headers_mut(), state.settings.secure_cookies);
    Ok(response)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    /// The activity's index (the current one).
    activity: usize,
    /// Poll: an option's index. Dots: dots per option, e.g. `[2, 0, 1]`.
    /// Statements: `{"statement": 0, "vote": "agree" | "disagree" | "pass"}`. Ideas: a text.
    #[schema(value_type = Object)]
    value: serde_json::Value,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ResponseSaved {
    saved: bool,
    /// An idea looked like self-harm or suicide language: show where to get help now.
    safeguarding: bool,
    /// When the answer was committed (ms since the epoch): every snapshot
    /// whose `read_at_ms` is this or later includes it.
    saved_at_ms: i64,
}

#[utoipa::path(
    post, path = "/api/v1/workshops/{id}/responses", operation_id = "answer_workshop", tag = "workshops",
    summary = "Answer the current activity (participant); answering again replaces the answer",
    params(("id" = String, Path, description = "Workshop id")),
    request_body = ResponseBody,
    responses((status = 201, body = ResponseSaved, description = "Saved"), BadBody, Forbidden, NotFound, Conflict, TooMany, Unavailable)
)]
pub async fn respond(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ResponseBody>,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let id = parse_id(&id, locale)?;
    let w = ws::workshop(&state.store, id).await.localized(locale)?;
    let participant = ws::participant(&state.store, &w, Participant::token_from(&headers).as_deref()).await.localized(locale)?;
    let activity = w.activities.get(body.activity).ok_or_else(|| WorkshopError::NotNow.to_api(locale))?;
    let input = ResponseInput::from_json(activity, &body.value).map_err(|e| ApiError::invalid(&e, locale))?;
    let ws::AnswerSaved { safeguarding, saved_at_ms } =
        ws::respond(&state.store, &state.live, &w, participant, body.activity, input).await.localized(locale)?;
    Ok((StatusCode::CREATED, Json(ResponseSaved { saved: true, safeguarding, saved_at_ms })).into_response())
}

/// `domain::workshop::may_watch` for this request, or 403.
async fn may_watch(state: &AppState, parts: &Parts, w: &Workshop, locale: Locale) -> Result<(), ApiError> {
    let staff = parts.extensions.get::<app::domain::staff::Staff>();
    let municipality = match staff {
        Some(_) => app::municipality::by_id(&state.store, w.municipality_id).await?.map(|m| m.slug),
        None => None,
    };
    // Staff of the municipality are let in without a participant lookup.
    let joined = match Participant::token_from(&parts.headers) {
        _ if app::domain::workshop::may_watch(false, staff, municipality.as_deref()) => false,
        Some(t) => ws::member(&state.store, w.id, &ws::participant_key(&t, w.id)).await.localized(locale)?.is_some(),
        None => false,
    };
    if app::domain::workshop::may_watch(joined, staff, municipality.as_deref()) {
        Ok(())
    } else {
        Err(WorkshopError::NotJoined.to_api(locale))
    }
}

#[utoipa::path(
    get, path = "/api/v1/workshops/{id}", operation_id = "workshop_snapshot", tag = "workshops",
    summary = "The workshop now: state, current activity, answers so far, revealed results (participants and staff)",
    params(("id" = String, Path, description = "Workshop id")),
    responses((status = 200, body = Object, description = "A snapshot, as on the event stream"), BadBody, Forbidden, NotFound, Unavailable)
)]
pub async fn show(State(state): State<AppState>, Path(id): Path<String>, req: axum::extract::Request) -> Result<Response, ApiError> {
    let (parts, _) = req.into_parts();
    let locale = cookies::locale(&parts.headers);
    let id = parse_id(&id, locale)?;
    let w = ws::workshop(&state.store, id).await.localized(locale)?;
    may_watch(&state, &parts, &w, locale).await?;
    let snapshot = ws::snapshot(&state.store, id).await.localized(locale)?;
    Ok(Json(snapshot).into_response())
}

#[utoipa::path(
    get, path = "/api/v1/workshops/{id}/events", operation_id = "workshop_events", tag = "workshops",
    summary = "Server-sent events: a `snapshot` event now and after every change (at most 10 a second)",
    params(("id" = String, Path, description = "Workshop id")),
    responses((status = 200, content_type = "text/event-stream", body = String, description = "`event: snapshot` with the snapshot as JSON data"), BadBody, Forbidden, NotFound, TooMany, Unavailable)
)]
pub async fn events(
    State(state): State<AppState>,
    Extension(slots): Extension<crate::streams::StreamSlots>,
    Path(id): Path<String>,
    req: axum::extract::Request,
) -> Result<Response, ApiError> {
    let (parts, _) = req.into_parts();
    let locale = cookies::locale(&parts.headers);
    let id = parse_id(&id, locale)?;
    let w = ws::workshop(&state.store, id).await.localized(locale)?;
    may_watch(&state, &parts, &w, locale).await?;
    let slot = crate::streams::slot_for(&state, &slots, &parts, locale)?;
    let (first, rx) = state.live.subscribe(id).await.localized(locale)?;
    // The slot lives in the stream's state: it is freed when the stream is
    // dropped, also when the client goes away.
    let stream = futures::stream::unfold((Some(first), rx, slot), |(first, mut rx, slot)| async move {
        if let Some(update) = first {
            return Some((update, (None, rx, slot)));
        }
        loop {
            match rx.recv().await {
                Ok(update) => return Some((update, (None, rx, slot))),
                // A slow phone skips to the newest snapshot.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    // A shutting-down server ends the stream; the browser reconnects.
    let stream = futures::StreamExt::take_until(stream, state.live.closed());
    let events = futures::StreamExt::map(stream, |update| Ok::<_, Infallible>(Event::default().event("snapshot").data(&*update)));
    // A comment every 10 s also finds clients that went away without a word, so their slots come back.
    let keep_alive = KeepAlive::new().interval(std::time::Duration::from_secs(10));
    let mut response = Sse::new(events).keep_alive(keep_alive).into_response();
    // Proxies must not buffer the stream.
    response.headers_mut().insert("x-accel-buffering", axum::http::HeaderValue::from_static("no"));
    Ok(response)
}
