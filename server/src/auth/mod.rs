//! Who is asking: a staff member (session cookie), an API token (read-only),
//! or nobody (young people are always anonymous). The `resolve` middleware
//! puts the answer in the request's extensions, and guards `/admin`.

pub mod access;
pub mod session;

use crate::error::ApiError;
use crate::error::ToApi;
use access::required_access;
use app::domain::secret;
use app::domain::staff::{Access, Staff};
use app::i18n::tr;
use app::pages::Denied;
use app::state::AppState;
use app::store::staff::TokenHolder;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// The session id a signed-in request came with (for signing out).
#[derive(Clone, Debug)]
pub struct SessionId(pub String);

pub async fn resolve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
        let token = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).map(str::trim).filter(|t| secret::is_well_formed(t));
        let Some(token) = token else {
            return ApiError::Unauthorized("Send the API token as `Authorization: Bearer stm_…`.".into()).into_response();
        };
        match app::staff::caller_by_token(&state.store, token).await {
            Ok(Some(holder)) if writes(&parts.method) => {
                tracing::info!(token = holder.id, path = %parts.uri.path(), "write with a read-only token refused");
                return ApiError::Forbidden("API tokens can only read.".into()).into_response();
            }
            Ok(Some(holder)) => {
                parts.extensions.insert(holder);
            }
            Ok(None) => return ApiError::Unauthorized("The API token is unknown or revoked.".into()).into_response(),
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else if let Some(id) = session::from_headers(&parts.headers, state.settings.secure_cookies).filter(|_| !is_static(parts.uri.path())) {
        match app::staff::staff_by_session(&state.store, &id).await {
            Ok(Some(staff)) => {
                parts.extensions.insert(staff);
                parts.extensions.insert(SessionId(id));
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "session lookup failed"),
        }
    }
    if parts.uri.path().starts_with("/login/") {
        if let Some(id) = session::challenge_from_headers(&parts.headers, state.settings.secure_cookies) {
            match app::staff::second_factor::challenge(&state.store, &id).await {
                Ok(Some(challenge)) => {
                    parts.extensions.insert(challenge);
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "challenge lookup failed"),
            }
        }
    }
    if let Some(access) = required_access(parts.uri.path()) {
        let verdict = verdict(&access, parts.extensions.get::<Staff>());
        if let Verdict::Deny(status) = verdict {
            let who = parts.extensions.get::<Staff>().map(|s| s.email.clone()).unwrap_or_default();
            tracing::warn!(%who, path = %parts.uri.path(), %status, "staff access denied");
        }
        match verdict {
            Verdict::Allow => {}
            Verdict::SignIn if parts.method == Method::GET || parts.method == Method::HEAD => {
                let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/admin");
                return Redirect::to(&format!("/login?next={}", encode(next))).into_response();
            }
            Verdict::SignIn => return ApiError::Unauthorized("Log ind først. / Sign in first.".into()).into_response(),
            Verdict::Deny(status) if parts.method == Method::GET => {
                let mut res = crate::render_app(state, Request::from_parts(parts, Body::empty()), move || {
                    leptos::prelude::provide_context(Denied(status.as_u16()))
                })
                .await;
                *res.status_mut() = status;
                return res;
            }
            Verdict::Deny(StatusCode::NOT_FOUND) => return ApiError::NotFound("Not found.".into()).into_response(),
            Verdict::Deny(_) => {
                return ApiError::Forbidden("Din rolle giver ikke adgang. / Your role does not allow this.".into()).into_response()
            }
        }
    }
    next.run(Request::from_parts(parts, body)).await
}

/// Static files (they have a dot in their last segment, pages never do)
/// need no session lookup, so a staff page load touches the session once.
fn is_static(path: &str) -> bool {
    // API exports such as `summary.csv` look like files but need the session.
    !path.starts_with("/api/") && path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

fn writes(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Allow,
    SignIn,
    Deny(StatusCode),
}

/// Someone from another municipality learns nothing, not even that it
/// exists (404); a colleague without the role is told so (403).
fn verdict(access: &Access, staff: Option<&Staff>) -> Verdict {
    let Some(staff) = staff else { return Verdict::SignIn };
    let allowed = match access {
        Access::SignedIn => true,
        Access::Operator => staff.is_operator(),
        Access::Member(m) => staff.works_in(m),
        Access::Role(m, role) => {
            if !staff.works_in(m) {
                return Verdict::Deny(StatusCode::NOT_FOUND);
            }
            staff.has_role(m, *role)
        }
    };
    match (allowed, access) {
        (true, _) => Verdict::Allow,
        (false, Access::Member(_)) => Verdict::Deny(StatusCode::NOT_FOUND),
        (false, _) => Verdict::Deny(StatusCode::FORBIDDEN),
    }
}

pub use app::domain::return_path::percent_encode as encode;

/// A signed-in staff member or API token, for JSON handlers: 401 without.
pub enum Caller {
    Staff(Staff),
    Token(TokenHolder),
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(Caller::Staff(staff.clone()));
        }
        if let Some(token) = parts.extensions.get::<TokenHolder>() {
            return Ok(Caller::Token(token.clone()));
        }
        Err(ApiError::Unauthorized("Log ind eller send et API-token. / Sign in or send an API token.".into()))
    }
}

impl Caller {
    /// The staff member; 403 for an API token, which can only read.
    pub fn staff(&self) -> Result<&Staff, ApiError> {
        match self {
            Caller::Staff(staff) => Ok(staff),
            Caller::Token(_) => Err(ApiError::Forbidden("API-nøgler kan kun læse. / API tokens are read-only.".into())),
        }
    }
}

/// The caller is staff holding `role` where `mun` is: 401 / 403 / 404 otherwise.
pub fn staff_with(
    caller: &Caller,
    mun: &app::domain::Municipality,
    role: app::domain::staff::Role,
    locale: app::domain::Locale,
) -> Result<String, ApiError> {
    let staff = caller.staff()?;
    if staff.has_role(&mun.slug, role) {
        Ok(staff.email.clone())
    } else if staff.works_in(&mun.slug) {
        Err(ApiError::Forbidden(tr(locale, "error-your_role_may_not").into()))
    } else {
        Err(app::codesign::CodesignError::NotFound.to_api(locale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::staff::{Grant, Role};

    #[test]
    fn verdicts() {
        let staff =
            Staff { id: 1, email: "m@x.dk".into(), grants: vec![Grant { municipality: Some("demo".into()), role: Role::Moderator }] };
        let s = Some(&staff);
        assert_eq!(verdict(&Access::SignedIn, None), Verdict::SignIn);
        assert_eq!(verdict(&Access::SignedIn, s), Verdict::Allow);
        assert_eq!(verdict(&Access::Member("demo".into()), s), Verdict::Allow);
        assert_eq!(verdict(&Access::Member("odense".into()), s), Verdict::Deny(StatusCode::NOT_FOUND));
        assert_eq!(verdict(&Access::Role("demo".into(), Role::Admin), s), Verdict::Deny(StatusCode::FORBIDDEN));
        assert_eq!(verdict(&Access::Role("odense".into(), Role::Admin), s), Verdict::Deny(StatusCode::NOT_FOUND));
        assert_eq!(verdict(&Access::Operator, s), Verdict::Deny(StatusCode::FORBIDDEN));
    }

    #[test]
    fn static_files_are_recognised() {
        assert!(is_static("/pkg/stemme.css"));
        assert!(is_static("/favicon.svg"));
        assert!(!is_static("/admin/demo"));
        assert!(!is_static("/k/demo/s/fgu"));
    }

    #[test]
    fn next_paths_are_encoded() {
        assert_eq!(encode("/admin/demo?x=1&y=2"), "/admin/demo%3Fx%3D1%26y%3D2");
    }
}
