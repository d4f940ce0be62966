//! `POST /api/v1/session` (sign in), `DELETE /api/v1/session` (sign out) and
//! `GET /api/v1/me`, for scripts and tests. Same throttling as the form.

use super::ApiJson;
use crate::auth::signin::{self, SignInError};
use crate::auth::{session, Caller, SessionId};
use crate::error::ApiError;
use crate::source::Source;
use app::domain::staff::Staff;
use app::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    email: String,
    password: String,
}

fn staff_json(staff: &Staff) -> Value {
    let roles: Vec<Value> = staff.grants.iter().map(|g| json!({ "municipality": g.municipality, "role": g.role.as_str() })).collect();
    json!({ "email": staff.email, "roles": roles })
}

impl From<SignInError> for ApiError {
    fn from(e: SignInError) -> Self {
        match e {
            SignInError::Throttled { retry_after } => ApiError::TooMany {
                message: "For mange forsøg. Prøv igen senere. / Too many attempts. Try again later.".into(),
                retry_after,
            },
            SignInError::Invalid => ApiError::Unauthorized("Forkert e-mail eller adgangskode. / Wrong e-mail or password.".into()),
            SignInError::Store(e) => e.into(),
        }
    }
}

pub async fn create(
    State(state): State<AppState>,
    Source(source): Source,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Credentials>,
) -> Result<Response, ApiError> {
    let secure = state.settings.secure_cookies;
    let previous = session::from_headers(&headers, secure);
    let (staff, id) = signin::sign_in(&state, &body.email, &body.password, &source, previous.as_deref()).await?;
    let mut res = Json(staff_json(&staff)).into_response();
    session::set_cookie(res.headers_mut(), &id, secure);
    Ok(res)
}

pub async fn delete(
    State(state): State<AppState>,
    id: Option<Extension<SessionId>>,
    staff: Option<Extension<Staff>>,
) -> Result<Response, ApiError> {
    if let Some(Extension(SessionId(id))) = id {
        signin::sign_out(&state, &id, staff.as_ref().map(|s| &s.0)).await?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    session::clear_cookie(res.headers_mut(), state.settings.secure_cookies);
    Ok(res)
}

pub async fn me(caller: Caller) -> Json<Value> {
    Json(match caller {
        Caller::Staff(staff) => staff_json(&staff),
        Caller::Token(t) => json!({
            "email": null,
            "token": t.name,
            "roles": [{ "municipality": t.municipality, "role": "reader" }],
        }),
    })
}
