//! Young people's co-design form posts (no JavaScript needed): propose,
//! support or oppose, comment. Success → 303; bad input → the same page
//! again with the errors and everything typed (422).

use crate::cookies::{self, Device, TokenCookie};
use crate::forms::{read_form, see_other};
use app::codesign::{self, CodesignError};
use app::domain::form::Fields;
use app::i18n::tr;
use app::pages::AdminEcho;
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;

/// The page again, with the form's values and errors (or a message).
async fn again(state: AppState, parts: Parts, page: &str, form: &str, pairs: Vec<(String, String)>, e: CodesignError) -> Response {
    let locale = cookies::locale(&parts.headers);
    let (errors, message, status) = match e {
        CodesignError::Invalid(errors) => (errors, None, StatusCode::UNPROCESSABLE_ENTITY),
        // The page itself says "not found" with a 404.
        CodesignError::NotFound => (Default::default(), None, StatusCode::OK),
        CodesignError::Conflict => (Default::default(), Some(tr(locale, "form-conflict")), StatusCode::CONFLICT),
        CodesignError::Store(e) => {
            tracing::warn!(error = %e, "co-design post not stored");
            (Default::default(), Some(tr(locale, "form-not_saved")), StatusCode::SERVICE_UNAVAILABLE)
        }
    };
    let echo = AdminEcho { form: form.to_string(), values: pairs, errors, message, ..Default::default() };
    crate::admin::again(state, parts, page, echo, status).await
}

fn with_device(mut response: Response, device: &TokenCookie, state: &AppState) -> Response {
    device.set_cookie(response.headers_mut(), state.settings.secure_cookies);
    response
}

/// `POST /k/{m}/foreslaa` → 303 to the receipt page.
pub async fn propose(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let page = format!("/k/{m}/foreslaa");
    if let Some(locale) = app::domain::locale::switch_requested(&pairs) {
        let echo = AdminEcho { form: "proposal".into(), values: pairs, ..Default::default() };
        return crate::forms::in_language(state, parts, locale, &page, move || leptos::prelude::provide_context(echo.clone())).await;
    }
    let device = Device::from_headers(&parts.headers);
    match codesign::submit_proposal(&state.store, &m, &pairs, &device.hash()).await {
        Ok(s) => with_device(see_other(&format!("/kvittering/{}?ny=1", s.receipt)), &device, &state),
        Err(e) => again(state, parts, &page, "proposal", pairs, e).await,
    }
}

fn proposal_page(m: &str, id: &str) -> String {
    format!("/k/{m}/forslag/{id}")
}

/// `POST /k/{m}/forslag/{id}/holdning`: `stance=for|against|none`.
pub async fn stance(State(state): State<AppState>, Path((m, id)): Path<(String, String)>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let page = proposal_page(&m, &id);
    let Ok(pid) = id.parse::<i64>() else { return again(state, parts, &page, "stance", pairs, CodesignError::NotFound).await };
    let device = Device::from_headers(&parts.headers);
    let value = Fields::new(&pairs).raw("stance").map(str::to_string);
    let result = match codesign::proposal_in(&state.store, &m, pid).await {
        Ok(()) => codesign::set_stance(&state.store, pid, value.as_deref(), &device.hash()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => with_device(see_other(&format!("{page}?ok=stance#stance-title")), &device, &state),
        Err(e) => again(state, parts, &page, "stance", pairs, e).await,
    }
}

/// `POST /k/{m}/forslag/{id}/kommentarer`: `text`.
pub async fn comment(State(state): State<AppState>, Path((m, id)): Path<(String, String)>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let page = proposal_page(&m, &id);
    let Ok(pid) = id.parse::<i64>() else { return again(state, parts, &page, "comment", pairs, CodesignError::NotFound).await };
    let text = Fields::new(&pairs).raw("text").map(str::to_string);
    let result = match codesign::proposal_in(&state.store, &m, pid).await {
        Ok(()) => codesign::add_comment(&state.store, pid, text.as_deref()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(saved) if saved.safeguarding => see_other(&format!("{page}?ok=comment_held&hjaelp=1")),
        Ok(saved) if saved.moderation == app::domain::proposal::Moderation::Pending => {
            see_other(&format!("{page}?ok=comment_held#comments-title"))
        }
        Ok(_) => see_other(&format!("{page}?ok=comment#comments-title")),
        Err(e) => again(state, parts, &page, "comment", pairs, e).await,
    }
}
