//! Rate limits on anonymous writes (ratings, proposals, stances, comments,
//! workshop joins and answers): one budget per device and one per source
//! address (an IPv6 /64, see `source`), kept in memory only (governor's GCRA).
//!
//! The budgets are generous on purpose: a school class of 30 behind one
//! network address must be able to rate everything at once, while one
//! device (or a script without cookies) cannot flood a service.

use crate::cookies::cookie_header;
use crate::source::client_source;
use app::domain::device;
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// Writes per minute (sustained) and in one burst.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub per_minute: u32,
    pub burst: u32,
}

impl Budget {
    /// `--address-limit-scale`: one address standing for many people (a
    /// big event on one network, a load test from one machine).
    pub fn scaled(self, scale: u32) -> Budget {
        let scale = scale.max(1);
        Budget { per_minute: self.per_minute.saturating_mul(scale), burst: self.burst.saturating_mul(scale) }
    }
}

/// A device rates a handful of services in a sitting; a source address may
/// be a whole school (30 × 20 writes in a burst).
pub const DEVICE: Budget = Budget { per_minute: 10, burst: 20 };
pub const SOURCE: Budget = Budget { per_minute: 300, burst: 600 };
/// A phone joins a workshop a handful of times (a reload, a lost cookie);
/// one address may be a hall of several classes joining within a minute.
/// The device's burst lies above its 20 wrong codes, so a pupil who keeps
/// mistyping is told to check the code (`workshops::JoinGuard`) first.
pub const JOIN_DEVICE: Budget = Budget { per_minute: 10, burst: 25 };
pub const JOIN_SOURCE: Budget = Budget { per_minute: 60, burst: 200 };
/// A phone votes at most a few times a second, in bursts (changing its
/// mind, dots one by one); a class of 30 does so all at once.
pub const ANSWER_DEVICE: Budget = Budget { per_minute: 120, burst: 20 };
pub const ANSWER_SOURCE: Budget = Budget { per_minute: 3_600, burst: 1_000 };

fn limiter(b: Budget) -> DefaultKeyedRateLimiter<String> {
    let nz = |n: u32| NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
    RateLimiter::keyed(Quota::per_minute(nz(b.per_minute)).allow_burst(nz(b.burst)))
}

/// Which cookie names the device, and what a request without it counts as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Devices {
    /// The young person's device cookie; without it only the address counts
    /// (a phone's first rating has no cookie yet).
    Device,
    /// Joining a workshop: the participant cookie, else the device cookie;
    /// without either only the address counts (a class of fresh phones).
    Joining,
    /// Answering in a workshop: the participant cookie. Without it the
    /// request cannot answer anyway, so the whole address counts as one
    /// device: a cookieless script gets the budget of one phone.
    Participant,
}

#[derive(Clone)]
pub struct AnonymousWrites {
    device: Arc<DefaultKeyedRateLimiter<String>>,
    source: Arc<DefaultKeyedRateLimiter<String>>,
    devices: Devices,
    message: &'static str,
}

const WRITES_MESSAGE: &str = "Du har sendt mange svar på kort tid. Vent et øjeblik, og prøv igen. / You have sent many answers in a short time. Wait a moment and try again.";
const JOINS_MESSAGE: &str = "Du har prøvet at deltage mange gange på kort tid. Vent et øjeblik, og prøv igen. / You have tried to join many times in a short time. Wait a moment and try again.";

impl AnonymousWrites {
    pub fn new(device: Budget, source: Budget) -> Self {
        AnonymousWrites {
            device: Arc::new(limiter(device)),
            source: Arc::new(limiter(source)),
            devices: Devices::Device,
            message: WRITES_MESSAGE,
        }
    }

    /// Ratings, proposals, stances and comments.
    pub fn writes(scale: u32) -> Self {
        Self::new(DEVICE, SOURCE.scaled(scale))
    }

    /// Workshop joins (the form and the API).
    pub fn joins(scale: u32) -> Self {
        AnonymousWrites { devices: Devices::Joining, message: JOINS_MESSAGE, ..Self::new(JOIN_DEVICE, JOIN_SOURCE.scaled(scale)) }
    }

    /// Workshop answers (the form and the API).
    pub fn answers(scale: u32) -> Self {
        AnonymousWrites { devices: Devices::Participant, ..Self::new(ANSWER_DEVICE, ANSWER_SOURCE.scaled(scale)) }
    }

    /// The device key of a request from `source` (hashed: memory holds no tokens).
    pub fn device_key(&self, headers: &HeaderMap, source: &str) -> Option<String> {
        let cookies = cookie_header(headers);
        let participant = || device::cookie_token(cookies, app::workshop::PARTICIPANT_COOKIE);
        let token = match self.devices {
            Devices::Device => device::from_cookie_header(cookies),
            Devices::Joining => participant().or_else(|| device::from_cookie_header(cookies)),
            Devices::Participant => return Some(participant().map(|t| device::hash(&t)).unwrap_or_else(|| format!("cookieless:{source}"))),
        };
        token.map(|t| device::hash(&t))
    }

    /// `Err(seconds to wait)` when either budget is spent.
    pub fn check(&self, device: Option<&str>, source: &str) -> Result<(), u64> {
        let clock = DefaultClock::default();
        let wait = |e: governor::NotUntil<_>| e.wait_time_from(clock.now()).as_secs().max(1);
        if let Some(d) = device {
            self.device.check_key(&d.to_string()).map_err(wait)?;
        }
        self.source.check_key(&source.to_string()).map_err(wait)
    }

    /// Forgets keys that are full again, so memory stays flat.
    pub fn spawn_cleanup(&self) {
        let this = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                this.device.retain_recent();
                this.source.retain_recent();
            }
        });
    }
}

pub async fn limit(State((state, limits)): State<(AppState, AnonymousWrites)>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let source = client_source(&parts, state.settings.client_ip_header.as_deref());
    let device = limits.device_key(&parts.headers, &source);
    if let Err(secs) = limits.check(device.as_deref(), &source) {
        tracing::info!(path = %parts.uri.path(), "anonymous write rate-limited");
        let message = limits.message;
        // Inside a nested router the URI has lost its `/api/v1` prefix; the
        // original one says whether the caller is the JSON API.
        let path = parts.extensions.get::<axum::extract::OriginalUri>().map_or(parts.uri.path(), |o| o.0.path());
        let mut res = if path.starts_with("/api/") {
            (StatusCode::TOO_MANY_REQUESTS, Json(serde_json::json!({ "error": message, "retry_after": secs }))).into_response()
        } else {
            let mut res = (StatusCode::TOO_MANY_REQUESTS, axum::response::Html(too_many_page(message))).into_response();
            res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP));
            res
        };
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return res;
    }
    next.run(Request::from_parts(parts, body)).await
}

const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// A small page for form posts (no JavaScript): what happened, what to do.
fn too_many_page(message: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Vent lidt</title><link rel=\"stylesheet\" href=\"/pkg/stemme.css\"></head><body><main id=\"main\">\
         <h1>Vent lidt</h1><p>{message}</p><p><a class=\"button\" href=\"/\">Til forsiden / Home</a></p></main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_device_is_stopped_but_a_class_behind_one_address_is_not() {
        let limits = AnonymousWrites::new(DEVICE, SOURCE);
        for pupil in 0..30 {
            for _ in 0..DEVICE.burst {
                assert!(limits.check(Some(&format!("device{pupil}")), "10.0.0.1").is_ok(), "pupil {pupil}");
            }
        }
        assert!(limits.check(Some("device0"), "10.0.0.1").is_err(), "one device over its burst");
        assert!(limits.check(Some("device31"), "10.0.0.2").is_ok());
    }

    #[test]
    fn a_class_joins_and_votes_but_a_cookieless_script_is_one_phone() {
        let (joins, answers) = (AnonymousWrites::joins(1), AnonymousWrites::answers(1));
        for pupil in 0..30 {
            assert!(joins.check(None, "10.0.0.1").is_ok(), "fresh phone {pupil} joins");
            for _ in 0..ANSWER_DEVICE.burst {
                assert!(answers.check(Some(&format!("p{pupil}")), "10.0.0.1").is_ok(), "pupil {pupil}");
            }
        }
        let cookieless = answers.device_key(&HeaderMap::new(), "10.0.0.9");
        assert_eq!(cookieless.as_deref(), Some("cookieless:10.0.0.9"));
        let spent = (0..100).position(|_| answers.check(cookieless.as_deref(), "10.0.0.9").is_err());
        assert!(spent.is_some_and(|n| n <= ANSWER_DEVICE.burst as usize), "{spent:?}");
        assert_eq!(joins.device_key(&HeaderMap::new(), "10.0.0.9"), None, "a fresh phone has no device yet");
    }

    #[test]
    fn the_scale_multiplies_only_what_an_address_may() {
        assert_eq!(SOURCE.scaled(100).burst, 60_000);
        assert_eq!(SOURCE.scaled(0).burst, SOURCE.burst);
    }
}
