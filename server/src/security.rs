//! Security baseline for every response and every write:
//! - headers: nosniff, referrer policy, permissions policy, framing denied,
//!   HSTS behind https, and a restrictive CSP wherever a page did not set its
//!   own (pages set one with a per-response nonce, see `app::pages::shell`);
//! - CSRF: a state-changing request that a browser marks as cross-site, or
//!   whose Origin is another site, is refused with 403.

use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

const FALLBACK_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: HeaderName, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(h, HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(h, header::CONTENT_SECURITY_POLICY, FALLBACK_CSP);
    if state.settings.secure_cookies {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    res
}

pub async fn csrf(req: Request, next: Next) -> Response {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if writes && is_cross_site(req.headers()) {
        tracing::info!(path = %req.uri().path(), "cross-site write refused");
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!({ "error": "Forespørgsler fra andre websteder afvises. / Requests from other sites are refused." })),
        )
            .into_response();
    }
    next.run(req).await
}

/// Browsers say where a request comes from (`Sec-Fetch-Site`, `Origin`);
/// clients without them (scripts, kiosks) carry no ambient browser cookies.
fn is_cross_site(h: &HeaderMap) -> bool {
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (h.get(header::ORIGIN).and_then(|v| v.to_str().ok()), h.get(header::HOST).and_then(|v| v.to_str().ok())) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) != Some(host),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_is_detected() {
        assert!(!is_cross_site(&headers(&[])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[("origin", "http://a.dk:3000"), ("host", "a.dk:3000")])));
        assert!(is_cross_site(&headers(&[("origin", "http://evil.dk"), ("host", "a.dk")])));
        assert!(is_cross_site(&headers(&[("origin", "null"), ("host", "a.dk")])));
    }
}
