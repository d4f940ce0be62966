//! Staff form posts: sign-in, sign-out, set-password and the operator's
//! "new municipality". Success redirects (303); a refusal renders the same
//! page again with the errors and what was typed (never the password).

mod areas;
mod assumptions;
mod codesign;
mod passkeys;
pub(crate) mod post;
mod second_factor;
mod sso;
mod workshops;

pub use areas::{principles, questions, services, settings, staff, tokens};
pub use assumptions::assumptions;
pub use codesign::{answer, moderation};
pub use passkeys::{
    register_finish as passkey_register_finish, register_start as passkey_register_start, sign_in_finish as passkey_sign_in_finish,
    sign_in_start as passkey_sign_in_start,
};
pub use second_factor::{account, login_code, login_enrol};
pub use sso::{callback as sso_callback, start as sso_start};
pub use workshops::{workshop, workshops};

use crate::auth::{session, SessionId};
use crate::forms::{read_form, render_page, see_other};
use crate::source::client_source;
use app::domain::form::Fields;
use app::domain::rating::{FieldError, FieldErrors};
use app::domain::staff::{normalize_email, Role, Staff};
use app::domain::{password, Locale};
use app::i18n::tr;
use app::pages::admin::safe_next;
use app::pages::AdminEcho;
use app::staff::{self as accounts, PasswordLink, SignInError, SignInStep};
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

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
    let fields = Fields::new(&pairs);
    let (email, password) = (fields.text("email"), fields.raw("password").unwrap_or_default().to_string());
    // Raw, not `text`: trimming or dropping control characters would turn
    // `/\t/evil` into something that passes.
    let next = safe_next(fields.raw("next").map(str::to_string));
    let refused = |key: &str, status: StatusCode| {
        let echo = AdminEcho {
            form: "login".into(),
            values: vec![("email".into(), email.clone())],
            message: Some(tr(locale(&parts), key)),
            ..Default::default()
        };
        (echo, status)
    };
    let (echo, status, retry) = match accounts::sign_in(&state.store, &email, &password, &source, previous.as_deref()).await {
        Ok(SignInStep::Done { session: id, .. }) => {
            let mut res = see_other(&next);
            session::set_cookie(res.headers_mut(), &id, secure);
            return res;
        }
        Ok(SignInStep::Code { challenge }) => return second_factor::challenge_to("/login/kode", &next, &challenge, secure),
        Ok(SignInStep::Enrol { challenge }) => return second_factor::challenge_to("/login/app", &next, &challenge, secure),
        // The code answers come from the code pages only; the password form
        // never gets them, but if it did, "wrong" is the safe thing to say.
        Err(SignInError::Invalid | SignInError::WrongCode | SignInError::Expired | SignInError::CodeRequired | SignInError::MustEnrol) => {
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
        if let Err(e) = accounts::sign_out(&state.store, &id, staff.as_ref()).await {
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
    let email = match accounts::link_state(&state.store, &token).await {
        Ok(PasswordLink::For(email)) => email,
        // A dead link: the page explains (404; 410 for one the account outgrew).
        Ok(link) => return dead_link(state, parts, &path, link).await,
        Err(e) => return store_failed(e),
    };
    let fields = Fields::new(&pairs);
    let (new, confirm) = (fields.raw("password").unwrap_or_default().to_string(), fields.raw("confirm").unwrap_or_default());
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
    match accounts::set_password(&state.store, &token, &email, &phc).await {
        Ok(Some(_)) => see_other("/login?ok=password_set"),
        // Used by a concurrent request a moment ago, or outgrown meanwhile.
        Ok(None) => match accounts::link_state(&state.store, &token).await {
            Ok(link) => dead_link(state, parts, &path, link).await,
            Err(e) => store_failed(e),
        },
        Err(e) => store_failed(e),
    }
}

/// The set-password page for a link that does not work: 404, or 410 when a
/// municipality's link met an account that now works elsewhere too.
async fn dead_link(state: AppState, parts: Parts, path: &str, link: PasswordLink) -> Response {
    let status = if link == PasswordLink::Outgrown { StatusCode::GONE } else { StatusCode::NOT_FOUND };
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
    let fields = Fields::new(&pairs);
    let (name, slug, email) = (fields.text("name"), fields.text("slug"), normalize_email(&fields.text("email")));
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
    let mut created = None;
    if errors.is_empty() {
        match app::municipality::create(&state.store, &slug, &name, &operator.email).await {
            Ok(Some(m)) => created = Some(m),
            Ok(None) => {
                errors.insert("slug".into(), FieldError::Taken);
            }
            Err(e) => return store_failed(e),
        }
    }
    let Some(created) = created.filter(|_| errors.is_empty()) else {
        echo.errors = errors;
        return again(state, parts, "/admin/kommuner", echo, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let email = email.unwrap_or_default();
    let link = async {
        accounts::audit(&state.store, None, &operator.email, "municipality created", &slug).await?;
        let issuer = accounts::Issuer::Municipality(&slug);
        accounts::invite(&state.store, &email, Some(created.id), &[Role::Admin], &operator.email, issuer).await
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
        Err(accounts::InviteError::SingleSignOn) => (
            StatusCode::CONFLICT,
            "Adressen logger ind med en kommunes egen konto og kan ikke blive administrator her. / \
             This address signs in with a municipality's own account and cannot become an admin here.",
        )
            .into_response(),
        Err(accounts::InviteError::Store(e)) => store_failed(e),
    }
}
