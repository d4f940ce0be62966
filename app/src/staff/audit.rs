//! The audit log: who did what, in which municipality's log.

use crate::domain::policy::now;
use crate::domain::staff::{AuditEntry, Staff};
use crate::store::{DynStore, StoreError};

/// Records one action in the audit log of a municipality (`None`: the
/// installation's own log, for operators).
#[tracing::instrument(skip(store), level = "debug")]
pub async fn audit(store: &DynStore, municipality_id: Option<i64>, actor: &str, action: &str, detail: &str) -> Result<(), StoreError> {
    let entry = AuditEntry { municipality_id, actor: actor.into(), action: action.into(), detail: detail.into(), at: now() };
    store.audit(&entry).await
}

/// Records an action of a staff member in each municipality they work in.
#[tracing::instrument(skip(store, staff), fields(staff = staff.id))]
pub async fn audit_staff(store: &DynStore, staff: &Staff, action: &str, detail: &str) -> Result<(), StoreError> {
    let municipalities = staff.municipalities();
    if municipalities.is_empty() {
        return audit(store, None, &staff.email, action, detail).await;
    }
    for slug in municipalities {
        if let Some(m) = store.municipality(&slug).await? {
            audit(store, Some(m.id), &staff.email, action, detail).await?;
        }
    }
    Ok(())
}

/// The newest `limit` entries of a municipality's log.
#[tracing::instrument(skip(store))]
pub async fn audit_log(store: &DynStore, municipality_id: i64, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
    store.audit_log(municipality_id, limit).await
}
