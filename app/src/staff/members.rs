//! A municipality's admin changing one of its staff: roles, disabling, a
//! new set-password link.

use super::{audit, only_in, password_link};
use crate::domain::staff::{Role, Staff, StaffMember};
use crate::domain::Municipality;
use crate::store::{DynStore, StoreError};

/// What the admin asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberChange {
    /// Exactly these municipal roles here, and disabled or not.
    Roles { roles: Vec<Role>, disabled: bool },
    /// A new set-password link (the old password stops working when used).
    NewLink,
    /// Removes the person's authenticator app and recovery codes (a lost
    /// phone): they set up a new one at their next sign-in.
    ResetSecondFactor,
}

/// Why a change was refused. HTTP: `NotFound` → 404, `WorksElsewhere` → 403,
/// `OwnAdmin` → 422, `SingleSignOn` → 409, `Store` → 503/500.
#[derive(Debug)]
pub enum MemberError {
    /// Nobody with that id works in this municipality.
    NotFound,
    /// Resetting or disabling would reach other municipalities too.
    WorksElsewhere,
    /// The admin would remove their own admin role, disable themselves or
    /// reset their own second factor.
    OwnAdmin,
    /// A password link or a role change for someone who signs in with the
    /// municipality's identity provider: they have no password here, and
    /// the provider's groups give their roles.
    SingleSignOn,
    Store(StoreError),
}

impl From<StoreError> for MemberError {
    fn from(e: StoreError) -> Self {
        MemberError::Store(e)
    }
}

/// Everyone with a role in the municipality.
#[tracing::instrument(skip(store))]
pub async fn members(store: &DynStore, municipality_id: i64) -> Result<Vec<StaffMember>, StoreError> {
    store.staff_in(municipality_id).await
}

/// Applies `change` to staff member `id` of `mun`, by `actor`; the new
/// set-password token for `NewLink`. Every change is in the audit log.
#[tracing::instrument(skip(store, mun, actor), fields(municipality = %mun.slug, by = actor.id))]
pub async fn update_member(
    store: &DynStore,
    mun: &Municipality,
    actor: &Staff,
    id: i64,
    change: MemberChange,
) -> Result<Option<String>, MemberError> {
    let mid = mun.id;
    // Only people of this municipality can be changed from here.
    let member = store.staff_in(mid).await?.into_iter().find(|s| s.id == id).ok_or(MemberError::NotFound)?;
    // Resetting a password or disabling an account reaches every
    // municipality it works in: only for people who work nowhere else.
    let only_here = only_in(store, id, &mun.slug).await?;
    let (roles, disabled) = match change {
        MemberChange::NewLink | MemberChange::ResetSecondFactor if !only_here => return Err(MemberError::WorksElsewhere),
        // One's own app is changed on one's own account page, with a code.
        MemberChange::ResetSecondFactor if id == actor.id => return Err(MemberError::OwnAdmin),
        MemberChange::ResetSecondFactor => {
            if store.remove_second_factor(id).await? {
                audit(store, Some(mid), &actor.email, "second factor reset", &member.email).await?;
            }
            return Ok(None);
        }
        MemberChange::NewLink if member.single_sign_on => return Err(MemberError::SingleSignOn),
        MemberChange::NewLink => {
            let token = password_link(store, id, &member.email, Some(mid), Some(mid), &actor.email).await?;
            return Ok(Some(token));
        }
        MemberChange::Roles { disabled, .. } if !only_here && disabled != member.disabled => return Err(MemberError::WorksElsewhere),
        // The provider's groups give such a person's roles, at every sign-in.
        MemberChange::Roles { ref roles, .. } if member.single_sign_on && !same_roles(roles, &member.roles) => {
            return Err(MemberError::SingleSignOn)
        }
        MemberChange::Roles { roles, disabled } => (roles, disabled),
    };
    if id == actor.id && (disabled || !roles.contains(&Role::Admin)) {
        // Nobody locks the municipality out by accident.
        return Err(MemberError::OwnAdmin);
    }
    for role in Role::MUNICIPAL {
        let (had, wants) = (member.roles.contains(&role), roles.contains(&role));
        if wants && !had && store.grant_role(id, Some(mid), role).await? {
            audit(store, Some(mid), &actor.email, "role granted", &format!("{}: {}", member.email, role.as_str())).await?;
        } else if had && !wants && store.revoke_role(id, mid, role).await? {
            audit(store, Some(mid), &actor.email, "role removed", &format!("{}: {}", member.email, role.as_str())).await?;
        }
    }
    super::second_factor::after_grant(store, id).await?;
    if disabled != member.disabled {
        store.set_disabled(id, disabled).await?;
        audit(store, Some(mid), &actor.email, if disabled { "account disabled" } else { "account enabled" }, &member.email).await?;
    }
    Ok(None)
}

fn same_roles(a: &[Role], b: &[Role]) -> bool {
    Role::MUNICIPAL.iter().all(|r| a.contains(r) == b.contains(r))
}
