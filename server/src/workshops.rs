//! What the workshop API and forms share: the limit on guessing join codes;
//! and the no-JavaScript join and answer forms. (Workshop errors become HTTP
//! answers in `error.rs`, with every other use case's.)

use crate::cookies::{self, Participant};
use crate::error::ApiError;
use crate::error::ToApi;
use crate::forms::{read_form, render_page, see_other};
use app::domain::form::Fields;
use app::domain::workshop::response::ResponseInput;
use app::domain::{device, Locale};
use app::i18n::tr;
use app::pages::WorkshopEcho;
use app::state::AppState;
use app::workshop::{self as ws, WorkshopError};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use leptos::prelude::provide_context;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Wrong join codes allowed per device in `WINDOW`.
pub const WRONG_CODES: usize = 20;
/// Wrong join codes allowed per source address in `WINDOW`: far more, so one
/// pupil guessing cannot lock a whole class on one network out; still few
/// against 47 million codes.
pub const WRONG_CODES_PER_SOURCE: usize = 200;
pub const WINDOW: Duration = Duration::from_secs(600);

/// How many wrong codes a guard key may use.
fn allowed(key: &str) -> usize {
    if key.starts_with("s:") {
        WRONG_CODES_PER_SOURCE
    } else {
        WRONG_CODES
    }
}

/// Counts wrong join codes (a sliding window), so codes cannot be guessed.
#[derive(Clone, Default)]
pub struct JoinGuard {
    misses: Arc<Mutex<HashMap<String, Vec<Instant>>>>,
}

impl JoinGuard {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<String, Vec<Instant>>) -> T) -> T {
        let mut map = self.misses.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        map.retain(|_, v| {
            v.retain(|t| now.duration_since(*t) < WINDOW);
            !v.is_empty()
        });
        f(&mut map)
    }

    /// Takes one attempt for every key, or says how many seconds to wait
    /// when a key has used up its wrong codes. Taking it before the lookup
    /// (under one lock) means a burst of parallel guesses cannot all pass.
    pub fn attempt(&self, keys: &[String]) -> Result<(), u64> {
        self.with(|map| {
            let wait = keys
                .iter()
                .filter_map(|k| map.get(k).filter(|v| v.len() >= allowed(k)).and_then(|v| v.first()))
                .map(|oldest| WINDOW.saturating_sub(oldest.elapsed()).as_secs().max(1))
                .max();
            match wait {
                Some(wait) => Err(wait),
                None => {
                    keys.iter().for_each(|k| map.entry(k.clone()).or_default().push(Instant::now()));
                    Ok(())
                }
            }
        })
    }

    /// Gives back the attempt of a code that was right (or was not a guess).
    pub fn refund(&self, keys: &[String]) {
        self.with(|map| {
            for k in keys {
                if let Some(v) = map.get_mut(k) {
                    v.pop();
                }
            }
        });
    }
}

/// The guard's keys for a request: its source (already grouped by /64,
/// see `source`) and its participant token, also a new one that the answer
/// sets as the cookie, so a browser's guesses count against itself from the
/// first one. A script that drops cookies falls to the address's count.
pub fn guard_keys(source: &str, participant_token: &str) -> Vec<String> {
    vec![format!("s:{source}"), format!("d:{}", device::hash(participant_token))]
}

pub fn too_many_codes(locale: Locale, retry_after: u64) -> ApiError {
    ApiError::TooMany { message: tr(locale, "error-too_many_codes").into(), retry_after: retry_after as i64 }
}

/// `POST /w`: the join form. Success → 303 to the participant page with
/// the cookie; a wrong code → the join page again with the message.
pub async fn join_form(State(state): State<AppState>, Extension(guard): Extension<JoinGuard>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let fields = Fields::new(&pairs);
    let (code, nickname) = (fields.raw("code").unwrap_or_default().to_string(), fields.raw("nickname").unwrap_or_default().to_string());
    let participant = Participant::from_headers(&parts.headers);
    let nick = Some(nickname.as_str()).filter(|n| !n.trim().is_empty());
    match crate::api::join_checked(&state, &guard, &parts, &code, nick, &participant).await {
        Ok(w) => {
            let mut response = see_other(&format!("/w/{}", w.id));
            participant.set_cookie(response.headers_mut(), state.settings.secure_cookies);
            response
        }
        Err(e) => {
            let (status, message) = e.status_and_message();
            let field = if matches!(&e, ApiError::Invalid { fields, .. } if fields.contains_key("nickname")) { "nickname" } else { "code" };
            let echo = WorkshopEcho { values: pairs, errors: vec![(field.to_string(), message)] };
            let secure = state.settings.secure_cookies;
            let mut response = render_page(state, parts, "/w", move || provide_context(echo.clone()), status).await;
            // Its next guesses count against this phone, not only its network.
            participant.set_cookie(response.headers_mut(), secure);
            response
        }
    }
}

/// `POST /w/{id}/svar`: an answer without JavaScript. Success → 303 back
/// with "saved"; bad input → the page with the errors and what was typed.
pub async fn answer_form(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let pairs = match read_form(&parts, body).await {
        Ok(pairs) => pairs,
        Err(response) => return response,
    };
    let locale = cookies::locale(&parts.headers);
    let page = format!("/w/{id}");
    let Ok(id) = id.parse::<i64>() else { return render_page(state, parts, &page, || (), StatusCode::NOT_FOUND).await };
    let w = match ws::workshop(&state.store, id).await {
        Ok(w) => w,
        Err(WorkshopError::NotFound) => return render_page(state, parts, &page, || (), StatusCode::NOT_FOUND).await,
        Err(e) => return e.to_api(locale).into_response(),
    };
    let participant = match ws::participant(&state.store, &w, Participant::token_from(&parts.headers).as_deref()).await {
        Ok(p) => p,
        Err(WorkshopError::NotJoined) => return see_other(&page),
        Err(e) => return e.to_api(locale).into_response(),
    };
    let index = Fields::new(&pairs).number::<usize>("activity").ok();
    let Some((index, activity)) = index.and_then(|i| w.activities.get(i).map(|a| (i, a))).filter(|(i, _)| w.state.accepts(*i)) else {
        return see_other(&format!("{page}?lukket=1"));
    };
    let refused = |errors: app::domain::rating::FieldErrors, pairs: Vec<(String, String)>| {
        let echo = WorkshopEcho { values: pairs, errors: errors.iter().map(|(f, e)| (f.clone(), e.message(locale))).collect() };
        render_page(state.clone(), parts.clone(), &page, move || provide_context(echo.clone()), StatusCode::UNPROCESSABLE_ENTITY)
    };
    let input = match ResponseInput::from_form(activity, &pairs) {
        Ok(input) => input,
        Err(errors) => return refused(errors, pairs).await,
    };
    match ws::respond(&state.store, &state.live, &w, participant, index, input).await {
        Ok(saved) => see_other(&format!("{page}?gemt=1{}", if saved.safeguarding { "&hjaelp=1" } else { "" })),
        Err(WorkshopError::NotNow) => see_other(&format!("{page}?lukket=1")),
        Err(WorkshopError::Invalid(errors)) => refused(errors, pairs).await,
        Err(e) => e.to_api(locale).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_wrong_codes_block_the_key_but_not_others() {
        let guard = JoinGuard::default();
        let keys = vec!["d:phone".to_string()];
        for _ in 0..WRONG_CODES {
            assert_eq!(guard.attempt(&keys), Ok(()));
        }
        assert!(guard.attempt(&keys).is_err_and(|s| s > 0 && s <= 600));
        assert_eq!(guard.attempt(&["d:other".to_string()]), Ok(()));
    }

    #[test]
    fn a_right_code_is_given_back() {
        let guard = JoinGuard::default();
        let keys = vec!["s:10.0.0.1".to_string(), "d:abc".to_string()];
        for _ in 0..WRONG_CODES * 2 {
            assert_eq!(guard.attempt(&keys), Ok(()));
            guard.refund(&keys);
        }
        assert_eq!(guard.attempt(&keys), Ok(()));
    }

    #[test]
    fn one_guessing_device_does_not_block_its_address() {
        let guard = JoinGuard::default();
        let guesser = guard_keys("10.0.0.1", "guesser");
        for _ in 0..WRONG_CODES {
            assert_eq!(guard.attempt(&guesser), Ok(()));
        }
        assert!(guard.attempt(&guesser).is_err());
        assert_eq!(guard.attempt(&guard_keys("10.0.0.1", "pupil")), Ok(()), "the class still joins");
        for i in 0..WRONG_CODES_PER_SOURCE {
            let _ = guard.attempt(&guard_keys("10.0.0.2", &format!("fresh{i}")));
        }
        assert!(guard.attempt(&guard_keys("10.0.0.2", "another")).is_err(), "an address has a (much larger) limit too");
    }
}
