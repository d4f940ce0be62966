//! Rate limits on anonymous writes (ratings now; proposals, stances,
//! comments and workshop joins as they arrive): one budget per device and
//! one per source address, kept in memory only (governor's GCRA).
//!
//! The budgets are generous on purpose: a school class of 30 behind one
//! network address must be able to rate everything at once, while one
//! device (or a script without cookies) cannot flood a service.

use crate::cookies::cookie_header;
use crate::source::client_source;
use app::domain::device;
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
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

/// A device rates a handful of services in a sitting; a source address may
/// be a whole school (30 × 20 writes in a burst).
pub const DEVICE: Budget = Budget { per_minute: 10, burst: 20 };
pub const SOURCE: Budget = Budget { per_minute: 300, burst: 600 };

fn limiter(b: Budget) -> DefaultKeyedRateLimiter<String> {
    let nz = |n: u32| NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
    RateLimiter::keyed(Quota::per_minute(nz(b.per_minute)).allow_burst(nz(b.burst)))
}

#[derive(Clone)]
pub struct AnonymousWrites {
    device: Arc<DefaultKeyedRateLimiter<String>>,
    source: Arc<DefaultKeyedRateLimiter<String>>,
}

impl AnonymousWrites {
    pub fn new(device: Budget, source: Budget) -> Self {
        AnonymousWrites { device: Arc::new(limiter(device)), source: Arc::new(limiter(source)) }
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
    let device = device::from_cookie_header(cookie_header(&parts.headers)).map(|t| device::hash(&t));
    let source = client_source(&parts, state.settings.client_ip_header.as_deref());
    if let Err(secs) = limits.check(device.as_deref(), &source) {
        tracing::info!(path = %parts.uri.path(), "anonymous write rate-limited");
        let message = "Du har sendt mange svar på kort tid. Vent et øjeblik, og prøv igen. / You have sent many answers in a short time. Wait a moment and try again.";
        let mut res = if parts.uri.path().starts_with("/api/") {
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
}
