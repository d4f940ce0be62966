//! Public read-only views of a municipality's chain.

use super::schema::{OptionItem, PrincipleItem, QuestionItem, ServiceDetail, ServiceItem};
use crate::cookies;
use crate::error::responses::{NotFound, Unavailable};
use crate::error::ApiError;
use crate::error::Localized;
use app::catalogue;
use app::domain::public::PublicCount;
use app::domain::question::QuestionKind;
use app::domain::service::Service;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;

fn service_item(s: Service) -> ServiceItem {
    ServiceItem { slug: s.slug, name: s.name, kind: s.kind, category: s.category }
}

#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/services", tag = "catalogue",
    summary = "The municipality's active services",
    params(("m" = String, Path, description = "Municipality slug, e.g. `demo`")),
    responses((status = 200, body = [ServiceItem], description = "The services"), NotFound, Unavailable)
)]
pub async fn services(
    State(state): State<AppState>,
    Path(m): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<ServiceItem>>, ApiError> {
    let locale = cookies::locale(&headers);
    let (_, list) = catalogue::services(&state.store, &m).await.localized(locale)?;
    Ok(Json(list.into_iter().map(service_item).collect()))
}

#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/services/{s}", tag = "catalogue",
    summary = "One active service and how many ratings it has (\"under 5\", never exactly, below 5)",
    params(("m" = String, Path, description = "Municipality slug"), ("s" = String, Path, description = "Service slug, e.g. `fgu`")),
    responses((status = 200, body = ServiceDetail, description = "The service"), NotFound, Unavailable)
)]
pub async fn service(
    State(state): State<AppState>,
    Path((m, s)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<ServiceDetail>, ApiError> {
    let locale = cookies::locale(&headers);
    let (service, count) = catalogue::service(&state.store, &m, &s).await.localized(locale)?;
    let ratings = PublicCount::of(count);
    Ok(Json(ServiceDetail { service: service_item(service), ratings: ratings.exact(), ratings_under_5: ratings.under_5() }))
}

#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/questions", tag = "catalogue",
    summary = "The rating form's questions, in the chosen language",
    params(("m" = String, Path, description = "Municipality slug")),
    responses((status = 200, body = [QuestionItem], description = "The questions, in order"), NotFound, Unavailable)
)]
pub async fn questions(
    State(state): State<AppState>,
    Path(m): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<QuestionItem>>, ApiError> {
    let locale = cookies::locale(&headers);
    let list = catalogue::questions(&state.store, &m).await.localized(locale)?;
    Ok(Json(
        list.into_iter()
            .map(|q| {
                let options = q.choices(locale).into_iter().map(|(key, label)| OptionItem { key, label }).collect();
                let (min, max) = if q.kind == QuestionKind::Scale { (q.min, q.max) } else { (None, None) };
                QuestionItem {
                    text: q.text(locale).to_string(),
                    key: q.key,
                    criterion: q.criterion,
                    text_da: q.text_da,
                    text_en: q.text_en,
                    kind: q.kind,
                    min,
                    max,
                    options,
                }
            })
            .collect(),
    ))
}

/// `GET /api/v1/municipalities/{m}/principles`: the principles in force, in
/// the language of the `stemme_sprog` cookie (Danish by default).
#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/principles", tag = "catalogue",
    summary = "The principles in force, in the chosen language",
    params(("m" = String, Path, description = "Municipality slug")),
    responses((status = 200, body = [PrincipleItem], description = "The principles"), NotFound, Unavailable)
)]
pub async fn principles(
    State(state): State<AppState>,
    Path(m): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<PrincipleItem>>, ApiError> {
    let locale = cookies::locale(&headers);
    let (_, list) = catalogue::principles_in_force(&state.store, &m).await.localized(locale)?;
    Ok(Json(
        list.into_iter()
            .map(|p| PrincipleItem {
                id: p.id,
                title: p.title(locale).to_string(),
                text: p.text(locale).to_string(),
                version: p.current().map(|v| v.version).unwrap_or(1),
                criterion: p.criterion,
            })
            .collect(),
    ))
}
