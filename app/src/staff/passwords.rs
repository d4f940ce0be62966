//! One-time set-password links: what a link is good for, and using it.

use super::{audit_staff, PasswordLink};
use crate::domain::policy::now;
use crate::domain::secret;
use crate::domain::staff::Staff;
use crate::store::{DynStore, StoreError};

/// What the link with this token is good for now.
#[tracing::instrument(skip_all)]
pub async fn link_state(store: &DynStore, token: &str) -> Result<PasswordLink, StoreError> {
    if !secret::is_well_formed(token) {
        return Ok(PasswordLink::Dead);
    }
    let digest = secret::digest(token);
    let now = now();
    match store.password_link_email(&digest, now).await? {
        Some(email) => Ok(PasswordLink::For(email)),
        None if store.password_link_outgrown(&digest, now).await? => Ok(PasswordLink::Outgrown),
        None => Ok(PasswordLink::Dead),
    }
}

/// Uses the link once: the account gets the password `phc` (already
/// checked and hashed) and all its sessions end. `None` when the link was
/// used by a concurrent request a moment ago, or outgrown meanwhile.
#[tracing::instrument(skip_all)]
pub async fn set_password(store: &DynStore, token: &str, email: &str, phc: &str) -> Result<Option<Staff>, StoreError> {
    let Some(staff_id) = set_password_now(store, token, phc).await? else { return Ok(None) };
    let grants = store.grants(staff_id).await.unwrap_or_default();
    let staff = Staff { id: staff_id, email: email.to_string(), grants };
    audit_staff(store, &staff, "password set", "").await?;
    Ok(Some(staff))
}

/// Uses the link without an audit entry: for the server's CLI, which sets
/// a first password right after making the link (and logged that).
#[tracing::instrument(skip_all)]
pub async fn set_password_now(store: &DynStore, token: &str, phc: &str) -> Result<Option<i64>, StoreError> {
    store.use_password_link(&secret::digest(token), phc, now()).await
}
