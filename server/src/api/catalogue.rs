//! Public read-only views of a municipality's chain.

use crate::cookies;
use crate::error::ApiError;
use app::domain::question::QuestionKind;
use app::rate;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

pub async fn services(State(state): State<AppState>, Path(m): Path<String>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let municipality = rate::municipality(&state.store, &m).await.map_err(|e| ApiError::from_rate(e, locale))?;
    let list = state.store.services(municipality.id).await?;
    Ok(Json(Value::Array(
        list.into_iter().map(|s| json!({ "slug": s.slug, "name": s.name, "kind": s.kind, "category": s.category })).collect(),
    )))
}

pub async fn service(
    State(state): State<AppState>,
    Path((m, s)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let municipality = rate::municipality(&state.store, &m).await.map_err(|e| ApiError::from_rate(e, locale))?;
    let service = state
        .store
        .service(municipality.id, &s)
        .await?
        .filter(|s| s.active)
        .ok_or_else(|| ApiError::from_rate(rate::RateError::NotFound(rate::NotFound::Service), locale))?;
    let ratings = state.store.rating_count(service.id).await?;
    Ok(Json(json!({ "slug": service.slug, "name": service.name, "kind": service.kind, "category": service.category, "ratings": ratings })))
}

pub async fn questions(State(state): State<AppState>, Path(m): Path<String>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let municipality = rate::municipality(&state.store, &m).await.map_err(|e| ApiError::from_rate(e, locale))?;
    let list = state.store.questions(municipality.id).await?;
    Ok(Json(Value::Array(
        list.into_iter()
            .map(|q| {
                let options: Vec<Value> = q.choices(locale).into_iter().map(|(key, label)| json!({ "key": key, "label": label })).collect();
                let (min, max) = if q.kind == QuestionKind::Scale { (q.min, q.max) } else { (None, None) };
                json!({
                    "key": q.key,
                    "criterion": q.criterion,
                    "text": q.text(locale),
                    "text_da": q.text_da,
                    "text_en": q.text_en,
                    "kind": q.kind,
                    "min": min,
                    "max": max,
                    "options": options,
                })
            })
            .collect(),
    )))
}

/// `GET /api/v1/municipalities/{m}/principles`: the principles in force, in
/// the language of the `stemme_sprog` cookie (Danish by default).
pub async fn principles(State(state): State<AppState>, Path(m): Path<String>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    let locale = cookies::locale(&headers);
    let municipality = rate::municipality(&state.store, &m).await.map_err(|e| ApiError::from_rate(e, locale))?;
    let list = state.store.principles(municipality.id, true).await?;
    Ok(Json(Value::Array(
        list.into_iter()
            .map(|p| {
                let version = p.current().map(|v| v.version).unwrap_or(1);
                json!({ "id": p.id, "title": p.title(locale), "text": p.text(locale), "version": version, "criterion": p.criterion })
            })
            .collect(),
    )))
}
