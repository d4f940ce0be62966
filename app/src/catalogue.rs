//! Catalogue use cases: a municipality's services, questions, principles and
//! settings, as the public reads them and as its admins change them. Every
//! change is written to the audit log here, so no caller can forget it.

use crate::domain::catalogue::{QuestionInput, ServiceInput};
use crate::domain::principle::{Principle, PrincipleInput};
use crate::domain::question::Question;
use crate::domain::service::Service;
use crate::domain::Municipality;
use crate::rate::{self, NotFound, RateError};
use crate::staff::audit;
use crate::store::{DynStore, StoreError};

/// Why an admin's change was not made. HTTP: `NotFound` → 404, `Taken` →
/// 422 on the slug or key, `Store` → 503/500.
#[derive(Debug)]
pub enum CatalogueError {
    NotFound,
    /// The slug (or question key) is used already.
    Taken,
    Store(StoreError),
}

impl From<StoreError> for CatalogueError {
    fn from(e: StoreError) -> Self {
        CatalogueError::Store(e)
    }
}

/// A slug or key that is taken is the admin's to change, not our failure.
fn taken(e: StoreError) -> CatalogueError {
    match e {
        StoreError::Conflict => CatalogueError::Taken,
        other => CatalogueError::Store(other),
    }
}

/// Who changes what in which municipality.
#[derive(Clone, Copy, Debug)]
pub struct Editor<'a> {
    pub municipality_id: i64,
    pub actor: &'a str,
}

/// Adds a service (`adding`) or updates the one with `input.slug`.
#[tracing::instrument(skip(store, input), fields(slug = %input.slug))]
pub async fn save_service(store: &DynStore, by: Editor<'_>, adding: bool, input: &ServiceInput) -> Result<(), CatalogueError> {
    let saved = if adding {
        store.add_service(by.municipality_id, input).await.map(|_| true)
    } else {
        store.update_service(by.municipality_id, input).await
    };
    let found = saved.map_err(taken)?;
    if !found {
        return Err(CatalogueError::NotFound);
    }
    let action = if adding { "service added" } else { "service updated" };
    audit(store, Some(by.municipality_id), by.actor, action, &input.slug).await?;
    Ok(())
}

/// Adds a question (`adding`) or updates the one with `input.key`.
#[tracing::instrument(skip(store, input), fields(key = %input.key))]
pub async fn save_question(store: &DynStore, by: Editor<'_>, adding: bool, input: &QuestionInput) -> Result<(), CatalogueError> {
    let saved = if adding {
        store.add_question(by.municipality_id, input).await.map(|_| true)
    } else {
        store.update_question(by.municipality_id, input).await
    };
    let found = saved.map_err(taken)?;
    if !found {
        return Err(CatalogueError::NotFound);
    }
    let action = if adding { "question added" } else { "question updated" };
    audit(store, Some(by.municipality_id), by.actor, action, &input.key).await?;
    Ok(())
}

/// Adds a principle (`id` `None`) or revises principle `id`: new text makes
/// a new version, the old one stays as history; `active` says whether it is
/// in force.
#[tracing::instrument(skip(store, input))]
pub async fn save_principle(
    store: &DynStore,
    by: Editor<'_>,
    id: Option<i64>,
    input: &PrincipleInput,
    active: bool,
) -> Result<(), CatalogueError> {
    let (mid, now) = (by.municipality_id, crate::domain::policy::now());
    let Some(id) = id else {
        let new = store.add_principle(mid, input, now).await?;
        audit(store, Some(mid), by.actor, "principle added", &format!("{new}: {}", input.title_da)).await?;
        return Ok(());
    };
    let version = store.revise_principle(mid, id, input, now, None).await?.ok_or(CatalogueError::NotFound)?;
    store.set_principle_active(mid, id, active).await?;
    audit(store, Some(mid), by.actor, "principle updated", &format!("{id} v{version}: {}", input.title_da)).await?;
    Ok(())
}

/// The municipality's settings: months free text is kept, days to answer
/// a proposal, and whether its figures may be compared with others'.
#[tracing::instrument(skip(store))]
pub async fn save_settings(store: &DynStore, by: Editor<'_>, months: i64, days: i64, compare: bool) -> Result<(), StoreError> {
    let mid = by.municipality_id;
    store.set_retention_months(mid, months).await?;
    store.set_response_days(mid, days).await?;
    store.set_compare_opt_in(mid, compare).await?;
    let detail = format!("retention {months} months, answer within {days} days, comparison {}", if compare { "on" } else { "off" });
    audit(store, Some(mid), by.actor, "settings changed", &detail).await
}

/// A municipality's accessibility statement, by slug (public).
#[tracing::instrument(skip(store))]
pub async fn accessibility_statement(
    store: &DynStore,
    slug: &str,
) -> Result<Option<(Municipality, crate::domain::accessibility::AccessibilitySettings)>, StoreError> {
    let Some(mun) = crate::municipality::by_slug(store, slug).await? else { return Ok(None) };
    let statement = store.accessibility(mun.id).await?;
    Ok(Some((mun, statement)))
}

/// The accessibility statement's settings (for the municipality's admins).
#[tracing::instrument(skip(store))]
pub async fn accessibility(store: &DynStore, municipality_id: i64) -> Result<crate::domain::accessibility::AccessibilitySettings, StoreError> {
    store.accessibility(municipality_id).await
}

/// An admin saves the accessibility statement's settings.
#[tracing::instrument(skip(store, a))]
pub async fn save_accessibility(
    store: &DynStore,
    by: Editor<'_>,
    a: &crate::domain::accessibility::AccessibilitySettings,
) -> Result<(), CatalogueError> {
    let mid = by.municipality_id;
    if !store.set_accessibility(mid, a).await? {
        return Err(CatalogueError::NotFound);
    }
    let detail = format!("accessibility statement: {}, checked {}", a.status.as_str(), a.checked_on.as_deref().unwrap_or("-"));
    audit(store, Some(mid), by.actor, "settings changed", &detail).await?;
    Ok(())
}

/// Whether the municipality's figures may be compared with others'.
#[tracing::instrument(skip(store))]
pub async fn compare_opt_in(store: &DynStore, municipality_id: i64) -> Result<bool, StoreError> {
    store.compare_opt_in(municipality_id).await
}

/// Every service, deactivated ones too (for admins).
#[tracing::instrument(skip(store))]
pub async fn all_services(store: &DynStore, municipality_id: i64) -> Result<Vec<Service>, StoreError> {
    store.all_services(municipality_id).await
}

/// Every question and whether it is asked (for admins).
#[tracing::instrument(skip(store))]
pub async fn all_questions(store: &DynStore, municipality_id: i64) -> Result<Vec<(Question, bool)>, StoreError> {
    store.all_questions(municipality_id).await
}

/// The principles, each with its versions; `only_active`: those in force.
#[tracing::instrument(skip(store))]
pub async fn principles(store: &DynStore, municipality_id: i64, only_active: bool) -> Result<Vec<Principle>, StoreError> {
    store.principles(municipality_id, only_active).await
}

/// The municipality `m` and its active services.
#[tracing::instrument(skip(store))]
pub async fn services(store: &DynStore, m: &str) -> Result<(Municipality, Vec<Service>), RateError> {
    let municipality = rate::municipality(store, m).await?;
    let services = store.services(municipality.id).await?;
    Ok((municipality, services))
}

/// An active service of `m` and how many ratings it has.
#[tracing::instrument(skip(store))]
pub async fn service(store: &DynStore, m: &str, s: &str) -> Result<(Service, i64), RateError> {
    let municipality = rate::municipality(store, m).await?;
    let service = store.service(municipality.id, s).await?.filter(|s| s.active).ok_or(RateError::NotFound(NotFound::Service))?;
    let ratings = store.rating_count(service.id).await?;
    Ok((service, ratings))
}

/// The rating form's questions in `m`.
#[tracing::instrument(skip(store))]
pub async fn questions(store: &DynStore, m: &str) -> Result<Vec<Question>, RateError> {
    let municipality = rate::municipality(store, m).await?;
    Ok(store.questions(municipality.id).await?)
}

/// The municipality `m` and its principles in force.
#[tracing::instrument(skip(store))]
pub async fn principles_in_force(store: &DynStore, m: &str) -> Result<(Municipality, Vec<Principle>), RateError> {
    let municipality = rate::municipality(store, m).await?;
    let principles = store.principles(municipality.id, true).await?;
    Ok((municipality, principles))
}
