//! Plain HTML form posts, so the youth flows work without JavaScript.

use crate::cookies::{self, Device};
use app::domain::rating::RatingDraft;
use app::pages::RatingFormEcho;
use app::rate::{self, RateError};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::provide_context;

/// `POST /k/{m}/s/{s}`: the rating form without JavaScript. Success → 303 to
/// the thank-you page; bad input → the same page again with the errors and
/// everything typed (422).
pub async fn rating(State(state): State<AppState>, Path((m, s)): Path<(String, String)>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let page = format!("/k/{m}/s/{s}");
    if let Some(locale) = app::domain::locale::switch_requested(&pairs) {
        let echo = RatingFormEcho { values: pairs, errors: Default::default() };
        return in_language(state, parts, locale, &page, move || provide_context(echo.clone())).await;
    }
    let device = Device::from_headers(&parts.headers);
    let draft = RatingDraft::from_form(&pairs);
    match rate::submit_rating(&state.store, &m, &s, &draft, device.hash()).await {
        Ok(saved) => {
            // Back to the workshop the phone came from, if it did (a number only).
            let fields = app::domain::form::Fields::new(&pairs);
            let workshop = app::domain::workshop::return_to(fields.raw(app::domain::workshop::RETURN_FIELD))
                .map(|w| format!("{}={w}", app::domain::workshop::RETURN_FIELD));
            let query: Vec<&str> =
                [saved.saved.replaced.then_some("opdateret=1"), saved.safeguarding.then_some("hjaelp=1"), workshop.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
            let to = if query.is_empty() { format!("{page}/tak") } else { format!("{page}/tak?{}", query.join("&")) };
            let mut response = see_other(&to);
            device.set_cookie(response.headers_mut(), state.settings.secure_cookies);
            response
        }
        Err(RateError::Invalid(errors)) => {
            let echo = RatingFormEcho { values: pairs, errors };
            render_page(state, parts, &page, move || provide_context(echo.clone()), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        // The page itself says "not found" (404) or "unavailable" (503).
        Err(RateError::NotFound(_)) | Err(RateError::Store(_)) => render_page(state, parts, &page, || (), StatusCode::OK).await,
    }
}

/// Renders a page of the app as if it were a GET of `path`, keeping the
/// request's headers and extensions (the signed-in staff member), with
/// `extra` context (a form's echo).
pub(crate) async fn render_page(
    state: AppState,
    mut parts: Parts,
    path: &str,
    extra: impl Fn() + Clone + Send + Sync + 'static,
    status: StatusCode,
) -> Response {
    parts.method = Method::GET;
    parts.uri = path.parse().unwrap_or_default();
    parts.headers.remove(CONTENT_TYPE);
    parts.headers.remove(CONTENT_LENGTH);
    let mut response = crate::render_app(state, Request::from_parts(parts, Body::empty()), extra).await;
    if status != StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// A page's form sent with the language button: the same page in `locale`,
/// with everything typed (`extra` echoes it) and the language remembered.
pub(crate) async fn in_language(
    state: AppState,
    mut parts: Parts,
    locale: app::domain::Locale,
    path: &str,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    // The page reads its language from the request's cookies; the new
    // choice goes first, where it wins over the old one.
    let chosen = format!("{}={}; {}", app::domain::locale::LANG_COOKIE, locale.code(), cookies::cookie_header(&parts.headers));
    if let Ok(v) = HeaderValue::from_str(&chosen) {
        parts.headers.insert(axum::http::header::COOKIE, v);
    }
    let secure = state.settings.secure_cookies;
    let mut response = render_page(state, parts, path, extra, StatusCode::OK).await;
    if let Ok(v) = HeaderValue::from_str(&cookies::language_cookie(locale, secure)) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    response
}

/// Reads an urlencoded form body into pairs (repeated names kept).
pub(crate) async fn read_form(parts: &Parts, body: Body) -> Result<Vec<(String, String)>, Response> {
    let req = Request::from_parts(parts.clone(), body);
    match Form::<Vec<(String, String)>>::from_request(req, &()).await {
        Ok(Form(pairs)) => Ok(pairs),
        Err(r) => {
            Err((r.status(), "Formularen kunne ikke læses. Gå tilbage og prøv igen. / The form could not be read. Go back and try again.")
                .into_response())
        }
    }
}

pub(crate) fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        response.headers_mut().insert(LOCATION, v);
    }
    response
}

/// `POST /sprog`: remembers the chosen language and goes back to the page,
/// if that page is a clean path on this site (else the front page).
pub async fn language(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let fields = app::domain::form::Fields::new(&pairs);
    let Some(locale) = fields.raw("lang").and_then(app::domain::Locale::parse) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "Vælg da eller en. / Choose da or en.").into_response();
    };
    let back = app::domain::return_path::same_site_or_home(fields.raw("back"));
    let mut response = see_other(&back);
    if let Ok(v) = HeaderValue::from_str(&cookies::language_cookie(locale, state.settings.secure_cookies)) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    response
}
