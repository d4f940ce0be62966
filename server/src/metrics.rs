//! Prometheus metrics, served on a listener of their own (`--metrics-addr`,
//! off by default) so they are never reachable from the public side: bind
//! it to an internal address and let Prometheus scrape `/metrics` there.
//!
//! Requests are counted by method, matched route (`/k/{m}/s/{s}`, never the
//! concrete path: codes travel in paths) and status, with a latency
//! histogram per route; stored ratings; and, read at each scrape, live
//! workshop streams, the database pool and the group-commit queues. No
//! label ever holds an address, a slug or anything a person typed.

use app::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

/// The routes whose success stores a rating: the form (303 to the thanks
/// page) and the API (201).
const RATING_ROUTES: [(&str, u16); 2] = [("/k/{m}/s/{s}", 303), ("/api/v1/municipalities/{m}/services/{s}/ratings", 201)];

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    ratings: Counter,
    live_streams: Gauge,
    connections: Gauge,
    idle: Gauge,
    queued_ratings: Gauge,
    queued_answers: Gauge,
}

impl Metrics {
    pub fn new() -> Arc<Metrics> {
        let mut registry = Registry::with_prefix("stemme");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests by method, matched route and status", requests.clone());
        // 1 ms to ~16 s.
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| Histogram::new(exponential_buckets(0.001, 2.0, 15)));
        registry.register("http_request_duration_seconds", "Time to the response's head, by matched route", latency.clone());
        let ratings = Counter::default();
        registry.register("ratings_stored", "Ratings stored (acknowledged after their commit)", ratings.clone());
        let gauge = |registry: &mut Registry, name: &str, help: &str| {
            let g = Gauge::default();
            registry.register(name, help, g.clone());
            g
        };
        let live_streams = gauge(&mut registry, "live_streams", "Open workshop event streams");
        let connections = gauge(&mut registry, "db_pool_connections", "Open database connections");
        let idle = gauge(&mut registry, "db_pool_idle", "Idle database connections");
        let queued_ratings = gauge(&mut registry, "queued_ratings", "Ratings waiting for their group commit");
        let queued_answers = gauge(&mut registry, "queued_workshop_answers", "Workshop answers waiting for their group commit");
        Arc::new(Metrics { registry, requests, latency, ratings, live_streams, connections, idle, queued_ratings, queued_answers })
    }

    fn observe(&self, method: &Method, route: &str, status: StatusCode, seconds: f64) {
        let status = status.as_u16();
        // A client may send any method: only the known ones become labels.
        let known = [Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::PATCH, Method::DELETE, Method::OPTIONS];
        let method = if known.contains(method) { method.as_str() } else { "other" };
        self.requests.get_or_create(&RequestLabels { method: method.to_string(), route: route.to_string(), status }).inc();
        self.latency.get_or_create(&RouteLabels { route: route.to_string() }).observe(seconds);
        if method == "POST" && RATING_ROUTES.iter().any(|(r, s)| *r == route && *s == status) {
            self.ratings.inc();
        }
    }

    /// The text exposition, with the gauges read now.
    pub fn render(&self, state: &AppState) -> String {
        let stats = state.store.stats();
        let set = |g: &Gauge, v: usize| {
            g.set(i64::try_from(v).unwrap_or(i64::MAX));
        };
        set(&self.live_streams, state.live.listeners());
        set(&self.connections, stats.connections as usize);
        set(&self.idle, stats.idle as usize);
        set(&self.queued_ratings, stats.queued_ratings);
        set(&self.queued_answers, stats.queued_answers);
        let mut out = String::new();
        if let Err(e) = encode(&mut out, &self.registry) {
            tracing::error!(error = %e, "cannot encode the metrics");
        }
        out
    }
}

/// Middleware: counts and times every request under its matched route.
pub async fn track(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| crate::observability::route_kind(req.uri().path()).to_string());
    let method = req.method().clone();
    let started = Instant::now();
    let res = next.run(req).await;
    metrics.observe(&method, &route, res.status(), started.elapsed().as_secs_f64());
    res
}

/// The metrics listener's only page.
pub fn router(state: AppState, metrics: Arc<Metrics>) -> axum::Router {
    axum::Router::new().route(
        "/metrics",
        axum::routing::get(move || {
            let (state, metrics) = (state.clone(), metrics.clone());
            async move {
                let body = metrics.render(&state);
                ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], body).into_response()
            }
        }),
    )
}
