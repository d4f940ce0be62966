//! Staff form posts: sign-in, sign-out, set-password and the operator's
//! "new municipality". Success redirects (303); a refusal renders the same
//! page again with the errors and what was typed (never the password).

mod areas;
mod assumptions;
mod codesign;
pub(crate) mod post;
mod workshops;

pub use areas::{principles, questions, services, settings, staff, tokens};
pub use assumptions::assumptions;
pub use codesign::{answer, moderation};
pub use workshops::{workshop, workshops};

use crate::accounts;
use crate::auth::signin::{self, SignInError};
use crate::auth::{audit, session, SessionId};
use crate::forms::{read_form, render_page, see_other};
use crate::source::client_source;
use app::domain::rating::{FieldError, FieldErrors};
use app::domain::staff::{normalize_email, Role, Staff};
use app::domain::{password, secret, Locale};
use app::i18n::tr;
use app::pages::admin::safe_next;
use app::pages::AdminEcho;
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

pub(crate) fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| app::domain::clean_text(v).trim().to_string()).unwrap_or_default()
}

/// Renders `path` again with `echo` (status 422 unless given).
pub(crate) async fn again(state: AppState, parts: Parts, path: &str, echo: AdminEcho, status: StatusCode) -> Response {
    render_page(state, parts, path, move || provide_context(echo.clone()), status).await
}

/// A store failure on a staff form: logged, and the page says so (503).
pub(crate) fn store_failed(e: app::store::StoreError) -> Response {
    crate::error::ApiError::from(e).into_response()
}

pub(crate) fn locale(parts: &Parts) -> Locale {
    crate::cookies::locale(&parts.headers)
}

/// `POST /login`
pub async fn login(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let secure = state.settings.secure_cookies;
    let source = client_source(&parts, state.settings.client_ip_header.as_deref());
    let previous = session::from_headers(&parts.headers, secure);
    let (email, password) =
        (field(&pairs, "email"), pairs.iter().find(|(k, _)| k == "password").map(|(_, v)| v.clone()).unwrap_or_default());
    // Raw, not `field`: trimming or dropping control characters would turn
    // `/\t/evil` into something that passes.
    let next = safe_next(pairs.iter().find(|(k, _)| k == "next").map(|(_, v)| v.clone()));
    let refused = |key: &str, status: StatusCode| {
        let echo = AdminEcho {
            form: "login".into(),
            values: vec![("email".into(), email.clone())],
            message: Some(tr(locale(&parts), key)),
            ..Default::default()
        };
        (echo, status)
    };
    let (echo, status, retry) = match signin::sign_in(&state, &email, &password, &source, previous.as_deref()).await {
        Ok((_, id)) => {
            let mut res = see_other(&next);
            session::set_cookie(res.headers_mut(), &id, secure);
            return res;
        }
        Err(SignInError::Invalid) => {
            let (e, s) = refused("login-wrong", StatusCode::UNAUTHORIZED);
            (e, s, None)
        }
        Err(SignInError::Throttled { retry_after }) => {
            let (e, s) = refused("login-throttled", StatusCode::TOO_MANY_REQUESTS);
            (e, s, Some(retry_after))
        }
        Err(SignInError::Store(e)) => return store_failed(e),
    };
    let path = format!("/login?next={}", crate::auth::encode(&next));
    let mut res = again(state, parts, &path, echo, status).await;
    if let Some(secs) = retry {
        res.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    res
}

/// `POST /logout`: ends the session on the server and clears the cookie.
pub async fn logout(State(state): State<AppState>, req: Request) -> Response {
    let (id, staff) = (req.extensions().get::<SessionId>().cloned(), req.extensions().get::<Staff>().cloned());
    if let Some(SessionId(id)) = id {
        if let Err(e) = signin::sign_out(&state, &id, staff.as_ref()).await {
            return store_failed(e);
        }
    }
    let mut res = see_other("/login?ok=signed_out");
    session::clear_cookie(res.headers_mut(), state.settings.secure_cookies);
    res
}

/// `POST /adgangskode/{token}`: sets the password with a one-time link.
pub async fn set_password(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let path = format!("/adgangskode/{token}");
    let digest = secret::digest(&token);
    let email = match secret::is_well_formed(&token) {
        true => match state.store.password_link_email(&digest, app::domain::policy::now()).await {
            Ok(e) => e,
            Err(e) => return store_failed(e),
        },
        false => None,
    };
    // A dead link: the page explains (404; 410 for one the account outgrew).
    let Some(email) = email else { return dead_link(state, parts, &path, &digest).await };
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let (new, confirm) = (get("password"), get("confirm"));
    let l = locale(&parts);
    let problem = password::check(&new, &email)
        .err()
        .map(|p| p.message(l).to_string())
        .or_else(|| (new != confirm).then(|| tr(l, "password-mismatch")));
    if let Some(message) = problem {
        let echo = AdminEcho { form: "password".into(), message: Some(message), ..Default::default() };
        return again(state, parts, &path, echo, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let phc = match tokio::task::spawn_blocking(move || password::hash(&new)).await {
        Ok(Ok(phc)) => phc,
        other => {
            tracing::error!(?other, "password hashing failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match state.store.use_password_link(&digest, &phc, app::domain::policy::now()).await {
        Ok(Some(staff_id)) => {
            let grants = state.store.grants(staff_id).await.unwrap_or_default();
            let staff = Staff { id: staff_id, email, grants };
            if let Err(e) = crate::auth::audit_staff(&state, &staff, "password set", "").await {
                return store_failed(e);
            }
            see_other("/login?ok=password_set")
        }
        // Used by a concurrent request a moment ago, or outgrown meanwhile.
        Ok(None) => dead_link(state, parts, &path, &digest).await,
        Err(e) => store_failed(e),
    }
}

/// The set-password page for a link that does not work: 404, or 410 when a
/// municipality's link met an account that now works elsewhere too.
async fn dead_link(state: AppState, parts: Parts, path: &str, digest: &str) -> Response {
    let status = match state.store.password_link_outgrown(digest, app::domain::policy::now()).await {
        Ok(true) => StatusCode::GONE,
        Ok(false) => StatusCode::NOT_FOUND,
        Err(e) => return store_failed(e),
    };
    render_page(state, parts, path, || (), status).await
}

/// `POST /admin/kommuner` (operator): a new municipality and its first admin.
pub async fn municipality(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(operator) = parts.extensions.get::<Staff>().cloned() else { return StatusCode::UNAUTHORIZED.into_response() };
    let (name, slug, email) = (field(&pairs, "name"), field(&pairs, "slug"), normalize_email(&field(&pairs, "email")));
    let mut errors = FieldErrors::new();
    if name.is_empty() {
        errors.insert("name".into(), FieldError::Required);
    }
    if !app::domain::slug::is_valid_municipality_slug(&slug) {
        errors.insert("slug".into(), FieldError::BadSlug);
    }
    if email.is_none() {
        errors.insert("email".into(), FieldError::BadEmail);
    }
    let mut echo = AdminEcho { form: "municipality".into(), values: pairs.clone(), ..Default::default() };
    if errors.is_empty() {
        match state.store.seed_municipality(&app::domain::demo::new_municipality(&slug, &name)).await {
            Ok(true) => {}
            Ok(false) => {
                errors.insert("slug".into(), FieldError::Taken);
            }
            Err(e) => return store_failed(e),
        }
    }
    if !errors.is_empty() {
        echo.errors = errors;
        return again(state, parts, "/admin/kommuner", echo, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let created = match state.store.municipality(&slug).await {
        Ok(Some(m)) => m,
        Ok(None) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Err(e) => return store_failed(e),
    };
    let email = email.unwrap_or_default();
    let link = async {
        audit(&state, None, &operator.email, "municipality created", &slug).await?;
        audit(&state, Some(created.id), &operator.email, "municipality created", &slug).await?;
        accounts::invite(&state, &email, Some(created.id), &[Role::Admin], &operator.email, accounts::Issuer::Municipality(&slug)).await
    };
    match link.await {
        Ok(Some(token)) => {
            let echo = AdminEcho {
                secret: Some(accounts::link_url(&state.settings.base_url(Some(&parts.headers)), &token)),
                ..Default::default()
            };
            again(state, parts, "/admin/kommuner?ok=added", echo, StatusCode::OK).await
        }
        // An existing account keeps its password: it signs in as before.
        Ok(None) => see_other("/admin/kommuner?ok=roles_added"),
        Err(e) => store_failed(e),
    }
}
