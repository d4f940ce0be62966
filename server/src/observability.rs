//! What operators see: one log line per request with a request id (also sent
//! back as `x-request-id`, so a person's error report can be found in the
//! log), and logs as JSON for a log collector when `STEMME_LOG_FORMAT=json`.
//!
//! Privacy: a request's span names the matched route (`/kvittering/{code}`),
//! never the concrete path, query, address or user agent: receipt codes and
//! set-password tokens travel in paths, and no address is kept.

use axum::extract::{MatchedPath, Request};
use axum::Router;
use std::time::Duration;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    Text,
    /// One JSON object per line.
    Json,
}

impl LogFormat {
    /// Reads `STEMME_LOG_FORMAT` (`json` or `text`; anything else is text).
    pub fn from_env() -> LogFormat {
        LogFormat::parse(std::env::var("STEMME_LOG_FORMAT").ok().as_deref())
    }

    fn parse(value: Option<&str>) -> LogFormat {
        match value.map(|v| v.trim().to_ascii_lowercase()) {
            Some(v) if v == "json" => LogFormat::Json,
            _ => LogFormat::Text,
        }
    }
}

/// Installs the process's log subscriber: `RUST_LOG` filters (default
/// `info`), `STEMME_LOG_FORMAT` chooses the format.
pub fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match LogFormat::from_env() {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).with_span_list(false).init(),
        LogFormat::Text => builder.init(),
    }
}

/// Wraps the router: a request id on every request (kept when a proxy sent
/// one), a span per request carrying it, and a line when the response leaves.
pub fn layers<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(|res: &axum::response::Response, latency: Duration, _span: &Span| {
                    tracing::info!(status = res.status().as_u16(), ms = latency.as_secs_f64() * 1000.0, "request done");
                })
                .on_failure(()),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

fn request_span(req: &Request) -> Span {
    let id = req.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok()).unwrap_or("-");
    let route = req.extensions().get::<MatchedPath>().map(MatchedPath::as_str).unwrap_or(route_kind(req.uri().path()));
    tracing::info_span!("request", request_id = %id, method = %req.method(), route = %route)
}

/// A coarse name for requests no route matched (static files, server
/// functions, not found): their concrete paths may carry codes.
pub(crate) fn route_kind(path: &str) -> &'static str {
    if crate::server_fns::is_server_fn_path(path) {
        "server function"
    } else if path.starts_with("/pkg/") {
        "/pkg/*"
    } else {
        "fallback"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_format_is_json_only_when_asked() {
        assert_eq!(LogFormat::parse(Some("json")), LogFormat::Json);
        assert_eq!(LogFormat::parse(Some(" JSON ")), LogFormat::Json);
        assert_eq!(LogFormat::parse(Some("text")), LogFormat::Text);
        assert_eq!(LogFormat::parse(Some("yaml")), LogFormat::Text);
        assert_eq!(LogFormat::parse(None), LogFormat::Text);
    }

    #[test]
    fn unmatched_paths_are_named_coarsely() {
        assert_eq!(route_kind("/pkg/stemme.js"), "/pkg/*");
        assert_eq!(route_kind("/kvittering/ABC123"), "fallback");
    }
}
