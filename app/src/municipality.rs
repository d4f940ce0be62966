//! Municipality use cases. Records (workshops, proposals) point at their
//! municipality by id, while roles and URLs name it by slug: this turns the
//! one into the other, and creates new ones.

use crate::domain::Municipality;
use crate::store::{DynStore, StoreError};

/// The municipality with this id; `None` when there is none.
#[tracing::instrument(skip(store), level = "debug")]
pub async fn by_id(store: &DynStore, id: i64) -> Result<Option<Municipality>, StoreError> {
    Ok(store.municipalities().await?.into_iter().find(|m| m.id == id))
}

/// The municipality with this slug; `None` when there is none.
#[tracing::instrument(skip(store), level = "debug")]
pub async fn by_slug(store: &DynStore, slug: &str) -> Result<Option<Municipality>, StoreError> {
    store.municipality(slug).await
}

/// Every municipality of the installation.
#[tracing::instrument(skip(store))]
pub async fn all(store: &DynStore) -> Result<Vec<Municipality>, StoreError> {
    store.municipalities().await
}

/// The municipalities with these slugs that exist, in the same order.
#[tracing::instrument(skip(store))]
pub async fn of_slugs(store: &DynStore, slugs: &[String]) -> Result<Vec<Municipality>, StoreError> {
    let mut found = Vec::with_capacity(slugs.len());
    for slug in slugs {
        found.extend(store.municipality(slug).await?);
    }
    Ok(found)
}

/// A new municipality with the standard catalogue (slug and name already
/// checked), logged in its own audit log as made by `actor`; `None` when
/// the slug is taken.
#[tracing::instrument(skip(store))]
pub async fn create(store: &DynStore, slug: &str, name: &str, actor: &str) -> Result<Option<Municipality>, StoreError> {
    if !store.seed_municipality(&crate::domain::demo::new_municipality(slug, name)).await? {
        return Ok(None);
    }
    let created = store.municipality(slug).await?.ok_or_else(|| StoreError::Corrupt(format!("municipality {slug} vanished")))?;
    crate::staff::audit(store, Some(created.id), actor, "municipality created", slug).await?;
    Ok(Some(created))
}
