//! Passkeys' JSON calls, made by `public/passkey.js` (WebAuthn needs the
//! browser's `navigator.credentials`): adding one on one's own account
//! page, and using one after the password instead of the code. Errors are
//! JSON `{error}` with a message the script shows as it is.

use super::locale;
use crate::api::ApiJson;
use crate::auth::{session, Caller};
use crate::error::{ApiError, Localized};
use crate::source::client_source;
use app::pages::admin::safe_next;
use app::staff::passkeys::{self, PublicKeyCredential, RegisterPublicKeyCredential};
use app::state::AppState;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

fn base_url(state: &AppState, parts: &Parts) -> String {
    state.settings.base_url(Some(&parts.headers))
}

#[derive(Deserialize)]
pub struct Start {
    #[serde(default)]
    code: String,
}

/// `POST /admin/konto/passkey/start` with `{code}`: options for
/// `navigator.credentials.create`.
pub async fn register_start(
    State(state): State<AppState>,
    parts: Parts,
    caller: Caller,
    ApiJson(body): ApiJson<Start>,
) -> Result<Response, ApiError> {
    let staff = caller.staff()?;
    let source = client_source(&parts, state.settings.client_ip_header.as_deref());
    let base = base_url(&state, &parts);
    let options = passkeys::start_registration(&state.store, staff, &base, &body.code, &source).await.localized(locale(&parts))?;
    Ok(Json(options).into_response())
}

#[derive(Deserialize)]
pub struct Registration {
    #[serde(default)]
    name: String,
    credential: RegisterPublicKeyCredential,
}

/// `POST /admin/konto/passkey/finish`: the new passkey, checked and kept.
pub async fn register_finish(
    State(state): State<AppState>,
    parts: Parts,
    caller: Caller,
    ApiJson(body): ApiJson<Registration>,
) -> Result<Response, ApiError> {
    let staff = caller.staff()?;
    let base = base_url(&state, &parts);
    passkeys::finish_registration(&state.store, staff, &base, &body.name, &body.credential).await.localized(locale(&parts))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn challenge_id(state: &AppState, parts: &Parts) -> String {
    session::challenge_from_headers(&parts.headers, state.settings.secure_cookies).unwrap_or_default()
}

/// `POST /login/passkey/start`: after the password, options for
/// `navigator.credentials.get` (the challenge cookie says whose).
pub async fn sign_in_start(State(state): State<AppState>, parts: Parts) -> Result<Response, ApiError> {
    let id = challenge_id(&state, &parts);
    let options = passkeys::start_sign_in(&state.store, &id, &base_url(&state, &parts)).await.localized(locale(&parts))?;
    Ok(Json(options).into_response())
}

#[derive(Deserialize)]
pub struct SignIn {
    credential: PublicKeyCredential,
    #[serde(default)]
    next: Option<String>,
}

/// `POST /login/passkey/finish`: signed in; the answer says where to go.
pub async fn sign_in_finish(State(state): State<AppState>, parts: Parts, ApiJson(body): ApiJson<SignIn>) -> Result<Response, ApiError> {
    let (id, base) = (challenge_id(&state, &parts), base_url(&state, &parts));
    let source = client_source(&parts, state.settings.client_ip_header.as_deref());
    let done = passkeys::finish_sign_in(&state.store, &id, &base, &body.credential, &source).await.localized(locale(&parts))?;
    let mut res = Json(serde_json::json!({ "next": safe_next(body.next) })).into_response();
    let secure = state.settings.secure_cookies;
    session::clear_challenge_cookie(res.headers_mut(), secure);
    session::set_cookie(res.headers_mut(), &done.session, secure);
    Ok(res)
}
