//! The JSON API under `/api/v1/`. Handlers are thin: parse, call, answer.

mod answers;
mod catalogue;
mod doc;
mod governance;
mod proposals;
mod ratings;
mod schema;
mod session;
mod spreadsheet;
mod tables;
mod workshop_export;
mod workshops;

pub use workshops::join_checked;

use crate::error::ApiError;
use app::state::AppState;
use axum::extract::{FromRequest, Request};
use axum::routing::get;
use axum::Router;

/// `Json` whose rejections are our JSON errors (400/413/415/422).
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = axum::extract::rejection::JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<T>::from_request(req, state).await?;
        Ok(ApiJson(value))
    }
}

/// `anonymous_writes` is the rate limit layer for young people's writes,
/// `joins` and `answers` those for workshop joins and answers.
pub fn router<L>(anonymous_writes: L, joins: L, answers: L) -> Router<AppState>
where
    L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
    L::Service: tower::Service<axum::extract::Request, Error = std::convert::Infallible> + Clone + Send + Sync + 'static,
    <L::Service as tower::Service<axum::extract::Request>>::Response: axum::response::IntoResponse + 'static,
    <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
{
    Router::new()
        .route("/openapi.json", get(doc::openapi))
        .route("/municipalities/{m}/services", get(catalogue::services))
        .route("/municipalities/{m}/services/{s}", get(catalogue::service))
        .route("/municipalities/{m}/questions", get(catalogue::questions))
        .route("/municipalities/{m}/principles", get(catalogue::principles))
        .route("/municipalities/{m}/services/{s}/ratings", axum::routing::post(ratings::create).route_layer(anonymous_writes.clone()))
        .route(
            "/municipalities/{m}/proposals",
            get(proposals::list).merge(axum::routing::post(proposals::create).route_layer(anonymous_writes.clone())),
        )
        .route("/municipalities/{m}/results", get(proposals::results))
        .route("/municipalities/{m}/summary", get(governance::summary))
        .route("/municipalities/{m}/summary.csv", get(governance::summary_csv))
        .route("/municipalities/{m}/tables/{table}", get(tables::table_csv))
        .route("/municipalities/{m}/comments/{id}/moderation", axum::routing::post(answers::comment_moderation))
        .route("/receipts/{code}", get(proposals::receipt))
        .route("/proposals/{id}", get(proposals::show))
        .route("/proposals/{id}/stance", axum::routing::post(proposals::stance).route_layer(anonymous_writes.clone()))
        .route("/proposals/{id}/comments", axum::routing::post(proposals::comment).route_layer(anonymous_writes))
        .route("/proposals/{id}/moderation", axum::routing::post(answers::moderation))
        .route("/proposals/{id}/status", axum::routing::post(answers::status))
        .route("/municipalities/{m}/workshops", axum::routing::post(workshops::create))
        .route("/workshops/join", axum::routing::post(workshops::join).route_layer(joins))
        .route("/workshops/{id}", get(workshops::show))
        .route("/workshops/{id}/advance", axum::routing::post(workshops::advance))
        .route("/workshops/{id}/responses", axum::routing::post(workshops::respond).route_layer(answers))
        .route("/workshops/{id}/events", get(workshops::events))
        .route("/workshops/{id}/export.csv", get(workshop_export::export))
        .route("/session", axum::routing::post(session::create).delete(session::delete))
        .route("/me", get(session::me))
        .fallback(|| async { ApiError::NotFound("No such API endpoint.".into()) })
        // 405 with a message too, not axum's empty body (found by schemathesis).
        .method_not_allowed_fallback(|| async {
            (
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                axum::Json(serde_json::json!({ "error": "This endpoint does not take that HTTP method; see /api/v1/openapi.json." })),
            )
        })
}
