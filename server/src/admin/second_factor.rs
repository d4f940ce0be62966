//! The second factor's form posts: the code after the password
//! (`/login/kode`), setting up the app during sign-in (`/login/app`), and
//! one's own account page (`/admin/konto`). The challenge cookie is not a
//! session: until the code is right nothing behind the sign-in opens.

use super::{again, locale, store_failed};
use crate::auth::session;
use crate::forms::{read_form, see_other};
use crate::source::client_source;
use app::domain::form::Fields;
use app::domain::staff::Staff;
use app::i18n::tr;
use app::pages::admin::safe_next;
use app::pages::AdminEcho;
use app::staff::second_factor::{self, Finished};
use app::staff::SignInError;
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// After a right password: on to `page` with the challenge in its cookie.
pub(crate) fn challenge_to(page: &str, next: &str, challenge: &str, secure: bool) -> Response {
    let mut res = see_other(&format!("{page}?next={}", crate::auth::encode(next)));
    session::clear_cookie(res.headers_mut(), secure);
    session::set_challenge_cookie(res.headers_mut(), challenge, secure);
    res
}

struct CodePost {
    parts: Parts,
    code: String,
    next: String,
    source: String,
}

async fn code_post(state: &AppState, req: Request) -> Result<CodePost, Response> {
    let (parts, body) = req.into_parts();
    let pairs = read_form(&parts, body).await?;
    let fields = Fields::new(&pairs);
    let code = fields.text("code");
    let next = safe_next(fields.raw("next").map(str::to_string));
    let source = client_source(&parts, state.settings.client_ip_header.as_deref());
    Ok(CodePost { parts, code, next, source })
}

/// The page again with `key`'s message on the code field (and `Retry-After`).
async fn refused(state: AppState, p: CodePost, page: &str, form: &str, e: SignInError) -> Response {
    let (key, status, retry) = match e {
        SignInError::Throttled { retry_after } => ("login-throttled", StatusCode::TOO_MANY_REQUESTS, Some(retry_after)),
        SignInError::Expired => ("factor-expired", StatusCode::UNAUTHORIZED, None),
        SignInError::MustEnrol => ("factor-required", StatusCode::FORBIDDEN, None),
        SignInError::Store(e) => return store_failed(e),
        // Someone signed in who mistypes is not unauthorised: a 422 like any form.
        _ if page == "/admin/konto" => ("factor-wrong", StatusCode::UNPROCESSABLE_ENTITY, None),
        _ => ("factor-wrong", StatusCode::UNAUTHORIZED, None),
    };
    let echo = AdminEcho { form: form.into(), message: Some(tr(locale(&p.parts), key)), ..Default::default() };
    let path = format!("{page}?next={}", crate::auth::encode(&p.next));
    let mut res = again(state, p.parts, &path, echo, status).await;
    if let Some(secs) = retry {
        res.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    res
}

fn challenge_id(state: &AppState, parts: &Parts) -> String {
    session::challenge_from_headers(&parts.headers, state.settings.secure_cookies).unwrap_or_default()
}

/// Signed in: the session cookie replaces the challenge's.
fn signed_in(mut res: Response, done: &Finished, secure: bool) -> Response {
    session::clear_challenge_cookie(res.headers_mut(), secure);
    session::set_cookie(res.headers_mut(), &done.session, secure);
    res
}

/// `POST /login/kode`: the code from the app, or a recovery code.
pub async fn login_code(State(state): State<AppState>, req: Request) -> Response {
    let p = match code_post(&state, req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let id = challenge_id(&state, &p.parts);
    match second_factor::finish_sign_in(&state.store, &id, &p.code, &p.source).await {
        // Few recovery codes left: the account page says so and offers new ones.
        Ok(done) if done.recovery_left.is_some_and(|n| n <= 3) => {
            signed_in(see_other("/admin/konto?ok=few_codes"), &done, state.settings.secure_cookies)
        }
        Ok(done) => signed_in(see_other(&p.next), &done, state.settings.secure_cookies),
        Err(e) => refused(state, p, "/login/kode", "code", e).await,
    }
}

/// `POST /login/app`: the first code from a newly set-up app, during
/// sign-in. The answer shows the recovery codes once.
pub async fn login_enrol(State(state): State<AppState>, req: Request) -> Response {
    let p = match code_post(&state, req).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let id = challenge_id(&state, &p.parts);
    match second_factor::finish_enrolment(&state.store, &id, &p.code, &p.source).await {
        Ok(done) => {
            let secure = state.settings.secure_cookies;
            let echo = AdminEcho { secret: Some(done.new_codes.join("\n")), ..Default::default() };
            let path = format!("/login/app?next={}", crate::auth::encode(&p.next));
            let res = again(state, p.parts, &path, echo, StatusCode::OK).await;
            signed_in(res, &done, secure)
        }
        Err(e) => refused(state, p, "/login/app", "enrol", e).await,
    }
}

/// `POST /admin/konto`: `action=enrol` (set up an app by choice) or
/// `action=new_codes` (new recovery codes) or `action=remove` (turn it
/// off, where the roles allow), each with a code.
pub async fn account(State(state): State<AppState>, req: Request) -> Response {
    let Some(staff) = req.extensions().get::<Staff>().cloned() else { return StatusCode::UNAUTHORIZED.into_response() };
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let fields = Fields::new(&pairs);
    let (action, code) = (fields.text("action"), fields.text("code"));
    let source = client_source(&parts, state.settings.client_ip_header.as_deref());
    let p = CodePost { parts, code, next: "/admin".into(), source };
    match action.as_str() {
        "enrol" => match second_factor::confirm(&state.store, &staff, &p.code, &p.source).await {
            Ok(codes) => {
                let echo = AdminEcho { secret: Some(codes.join("\n")), ..Default::default() };
                again(state, p.parts, "/admin/konto", echo, StatusCode::OK).await
            }
            Err(e) => refused(state, p, "/admin/konto", "enrol", e).await,
        },
        "new_codes" => match second_factor::renew_codes(&state.store, &staff, &p.code, &p.source).await {
            Ok(codes) => {
                let echo = AdminEcho { secret: Some(codes.join("\n")), ..Default::default() };
                again(state, p.parts, "/admin/konto", echo, StatusCode::OK).await
            }
            Err(e) => refused(state, p, "/admin/konto", "new_codes", e).await,
        },
        "remove" => match second_factor::remove_own(&state.store, &staff, &p.code, &p.source).await {
            // Every session of the account ended with it, this one too.
            Ok(()) => {
                let mut res = see_other("/login?ok=factor_removed");
                session::clear_cookie(res.headers_mut(), state.settings.secure_cookies);
                res
            }
            Err(e) => refused(state, p, "/admin/konto", "remove", e).await,
        },
        "remove_passkey" => {
            let id = Fields::new(&pairs).number("passkey_id").unwrap_or(-1);
            match app::staff::passkeys::remove(&state.store, &staff, id).await {
                Ok(true) => see_other("/admin/konto?ok=passkey_removed"),
                Ok(false) => (StatusCode::NOT_FOUND, "Ingen sådan passkey. / No such passkey.").into_response(),
                Err(e) => store_failed(e),
            }
        }
        _ => (StatusCode::UNPROCESSABLE_ENTITY, "Ukendt handling. / Unknown action.").into_response(),
    }
}
