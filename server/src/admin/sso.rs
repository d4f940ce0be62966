//! Single sign-on's two addresses. `GET /login/sso/{m}` sends the browser
//! to the municipality's identity provider; `GET /login/sso/{m}/callback`
//! takes its answer. A refusal shows the sign-in page with what went wrong
//! and sets no session: nothing is half signed in.

use super::{again, locale, store_failed};
use crate::auth::session;
use crate::forms::see_other;
use crate::sso::{Sso, SsoError};
use app::domain::secret;
use app::i18n::tr;
use app::pages::admin::safe_next;
use app::pages::AdminEcho;
use app::staff::sso::{self as use_case, SsoSignInError};
use app::state::AppState;
use app::store::sso::SsoAttempt;
use axum::extract::{Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use std::collections::HashMap;
use std::sync::Arc;

/// The query's parameters; a malformed query counts as none.
fn query_of(parts: &Parts) -> HashMap<String, String> {
    Query::try_from_uri(&parts.uri).map(|q: Query<_>| q.0).unwrap_or_default()
}

fn redirect_uri(state: &AppState, parts: &Parts, slug: &str) -> String {
    format!("{}/login/sso/{slug}/callback", state.settings.base_url(Some(&parts.headers)))
}

/// The sign-in page again with `key`'s message above the provider buttons.
async fn refused(state: AppState, parts: Parts, key: &str, status: StatusCode) -> Response {
    let echo = AdminEcho { form: "sso".into(), message: Some(tr(locale(&parts), key)), ..Default::default() };
    let mut res = again(state.clone(), parts, "/login", echo, status).await;
    session::clear_sso_cookie(res.headers_mut(), state.settings.secure_cookies);
    res
}

fn status_of(e: &SsoError) -> (&'static str, StatusCode) {
    match e {
        SsoError::Unreachable => ("sso-unreachable", StatusCode::BAD_GATEWAY),
        SsoError::Refused => ("sso-refused", StatusCode::UNAUTHORIZED),
        SsoError::InvalidToken => ("sso-invalid", StatusCode::UNAUTHORIZED),
        SsoError::NoEmail => ("sso-no_email", StatusCode::UNPROCESSABLE_ENTITY),
        SsoError::UntrustedEmail => ("sso-untrusted_email", StatusCode::FORBIDDEN),
    }
}

/// `GET /login/sso/{m}?next=…`
pub async fn start(State(state): State<AppState>, Extension(sso): Extension<Arc<Sso>>, Path(slug): Path<String>, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let query = query_of(&parts);
    let mun = match app::municipality::by_slug(&state.store, &slug).await {
        Ok(Some(m)) if sso.has(&slug) => m,
        Ok(_) => return refused(state, parts, "sso-not_here", StatusCode::NOT_FOUND).await,
        Err(e) => return store_failed(e),
    };
    let redirect = redirect_uri(&state, &parts, &slug);
    let auth = match sso.authorize(&slug, &redirect, secret::new_secret()).await {
        Ok(a) => a,
        Err(e) => {
            let (key, status) = status_of(&e);
            return refused(state, parts, key, status).await;
        }
    };
    let attempt =
        SsoAttempt { municipality_id: mun.id, verifier: auth.verifier, nonce: auth.nonce, next: safe_next(query.get("next").cloned()) };
    if let Err(e) = use_case::begin(&state.store, &auth.state, &attempt).await {
        return store_failed(e);
    }
    let mut res = see_other(&auth.url);
    session::set_sso_cookie(res.headers_mut(), &auth.state, state.settings.secure_cookies);
    res
}

/// `GET /login/sso/{m}/callback?code=…&state=…` (or `error=…`).
pub async fn callback(
    State(state): State<AppState>,
    Extension(sso): Extension<Arc<Sso>>,
    Path(slug): Path<String>,
    req: Request,
) -> Response {
    let (parts, _) = req.into_parts();
    let query = query_of(&parts);
    let secure = state.settings.secure_cookies;
    // The answer must come back to the browser that asked, and be fresh.
    let held = session::sso_from_headers(&parts.headers, secure);
    let Some(state_param) = query.get("state").filter(|s| held.as_deref() == Some(s.as_str())) else {
        tracing::warn!(municipality = %slug, "single sign-on answer without this browser's state");
        return refused(state, parts, "sso-expired", StatusCode::BAD_REQUEST).await;
    };
    let attempt = match use_case::take(&state.store, state_param).await {
        Ok(Some(a)) => a,
        Ok(None) => return refused(state, parts, "sso-expired", StatusCode::BAD_REQUEST).await,
        Err(e) => return store_failed(e),
    };
    let mun = match app::municipality::by_slug(&state.store, &slug).await {
        Ok(Some(m)) if m.id == attempt.municipality_id && sso.has(&slug) => m,
        Ok(_) => return refused(state, parts, "sso-expired", StatusCode::BAD_REQUEST).await,
        Err(e) => return store_failed(e),
    };
    if let Some(error) = query.get("error") {
        tracing::info!(municipality = %slug, %error, "the provider refused the sign-in");
        return refused(state, parts, "sso-refused", StatusCode::UNAUTHORIZED).await;
    }
    let Some(code) = query.get("code") else {
        return refused(state, parts, "sso-refused", StatusCode::BAD_REQUEST).await;
    };
    let redirect = redirect_uri(&state, &parts, &slug);
    let who = match sso.finish(&slug, &redirect, code, &attempt.verifier, &attempt.nonce, query.get("iss").map(String::as_str)).await {
        Ok(who) => who,
        Err(e) => {
            let (key, status) = status_of(&e);
            return refused(state, parts, key, status).await;
        }
    };
    let previous = session::from_headers(&parts.headers, secure);
    match use_case::sign_in(&state.store, &mun, &who, previous.as_deref()).await {
        Ok((_, id)) => {
            let mut res = see_other(&attempt.next);
            session::clear_sso_cookie(res.headers_mut(), secure);
            session::clear_challenge_cookie(res.headers_mut(), secure);
            session::set_cookie(res.headers_mut(), &id, secure);
            res
        }
        Err(SsoSignInError::NoRole) => refused(state, parts, "sso-no_role", StatusCode::FORBIDDEN).await,
        Err(SsoSignInError::Disabled) => refused(state, parts, "sso-disabled", StatusCode::FORBIDDEN).await,
        Err(SsoSignInError::EmailTaken) => refused(state, parts, "sso-email_taken", StatusCode::CONFLICT).await,
        Err(SsoSignInError::WorksElsewhere) => refused(state, parts, "sso-works_elsewhere", StatusCode::CONFLICT).await,
        Err(SsoSignInError::Store(e)) => store_failed(e),
    }
}
