//! `POST /api/v1/session` (sign in), `DELETE /api/v1/session` (sign out) and
//! `GET /api/v1/me`, for scripts and tests. Same throttling as the form.

use super::schema::{Me, RoleItem};
use super::ApiJson;
use crate::auth::{session, Caller, SessionId};
use crate::error::responses::{BadBody, Forbidden, TooMany, Unauthorized, Unavailable};
use crate::error::ApiError;
use crate::source::Source;
use app::domain::staff::Staff;
use app::staff::{SignInError, SignInStep};
use app::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    email: String,
    password: String,
    /// The code from the authenticator app (or a recovery code), for an
    /// account that has one.
    #[serde(default)]
    code: Option<String>,
}

fn staff_me(staff: &Staff) -> Me {
    let roles = staff.grants.iter().map(|g| RoleItem { municipality: g.municipality.clone(), role: g.role.as_str() }).collect();
    Me { email: Some(staff.email.clone()), token: None, roles }
}

#[utoipa::path(
    post, path = "/api/v1/session", operation_id = "sign_in", tag = "session",
    summary = "Sign in as staff; sets the session cookie",
    request_body = Credentials,
    responses(
        (status = 200, body = Me, description = "Signed in; `Set-Cookie` carries the session"),
        BadBody, Unauthorized, Forbidden, TooMany, Unavailable
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Source(source): Source,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Credentials>,
) -> Result<Response, ApiError> {
    let secure = state.settings.secure_cookies;
    let previous = session::from_headers(&headers, secure);
    let (staff, id) = match app::staff::sign_in(&state.store, &body.email, &body.password, &source, previous.as_deref()).await? {
        SignInStep::Done { staff, session } => (staff, session),
        SignInStep::Code { challenge } => {
            let done = match body.code.as_deref() {
                Some(code) => app::staff::second_factor::finish_sign_in(&state.store, &challenge, code, &source).await,
                None => Err(SignInError::CodeRequired),
            };
            if done.is_err() {
                // Nobody else holds this challenge: it ends here.
                app::staff::second_factor::abandon(&state.store, &challenge).await?;
            }
            let done = done?;
            (done.staff, done.session)
        }
        // Setting up an app needs a QR code and a person: the browser does that.
        SignInStep::Enrol { challenge } => {
            app::staff::second_factor::abandon(&state.store, &challenge).await?;
            return Err(SignInError::MustEnrol.into());
        }
    };
    let mut res = Json(staff_me(&staff)).into_response();
    session::set_cookie(res.headers_mut(), &id, secure);
    Ok(res)
}

#[utoipa::path(
    delete, path = "/api/v1/session", operation_id = "sign_out", tag = "session",
    summary = "Sign out: ends the session on the server and clears the cookie",
    security((), ("session_cookie" = [])),
    responses((status = 204, description = "Signed out (also when not signed in)"), Forbidden, Unavailable)
)]
pub async fn delete(
    State(state): State<AppState>,
    id: Option<Extension<SessionId>>,
    staff: Option<Extension<Staff>>,
) -> Result<Response, ApiError> {
    if let Some(Extension(SessionId(id))) = id {
        app::staff::sign_out(&state.store, &id, staff.as_ref().map(|s| &s.0)).await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    session::clear_cookie(res.headers_mut(), state.settings.secure_cookies);
    Ok(res)
}

#[utoipa::path(
    get, path = "/api/v1/me", tag = "session",
    summary = "Who is asking: the signed-in staff member or the API token",
    security(("session_cookie" = []), ("api_token" = [])),
    responses((status = 200, body = Me, description = "The caller"), Unauthorized, Unavailable)
)]
pub async fn me(caller: Caller) -> Json<Me> {
    Json(match caller {
        Caller::Staff(staff) => staff_me(&staff),
        Caller::Token(t) => {
            Me { email: None, token: Some(t.name), roles: vec![RoleItem { municipality: Some(t.municipality), role: "reader" }] }
        }
    })
}
