//! Creating staff accounts, set-password links and API tokens: shared by
//! the CLI and the admin pages, so both follow the same rules and both
//! write the audit log.

use super::audit;
use crate::domain::policy::{now, PASSWORD_LINK_SECS};
use crate::domain::secret;
use crate::domain::staff::{ApiTokenInfo, Role};
use crate::store::{DynStore, StoreError};

/// Who may be handed a set-password link for an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuer<'a> {
    /// The CLI on the server itself: any account.
    Server,
    /// An admin (or the operator) on the web: only accounts that exist
    /// nowhere but in this municipality (slug), so nobody can take over a
    /// colleague elsewhere by "inviting" their address.
    Municipality(&'a str),
}

/// Why an invitation gave nothing.
#[derive(Debug)]
pub enum InviteError {
    /// 409: the address signs in through a municipality's identity
    /// provider, whose groups alone give its roles.
    SingleSignOn,
    /// 503 / 500.
    Store(StoreError),
}

impl From<StoreError> for InviteError {
    fn from(e: StoreError) -> Self {
        InviteError::Store(e)
    }
}

/// Gives `email` (created without a password when new) the `roles` in the
/// municipality (`None`: operator). Returns a one-time set-password token,
/// or `None` when the account already exists beyond what `issuer` may
/// reset (it keeps its password; the roles are still given).
#[tracing::instrument(skip(store, email))]
pub async fn invite(
    store: &DynStore,
    email: &str,
    municipality_id: Option<i64>,
    roles: &[Role],
    actor: &str,
    issuer: Issuer<'_>,
) -> Result<Option<String>, InviteError> {
    let existing = store.staff_by_email(email).await?;
    if existing.as_ref().is_some_and(|a| a.single_sign_on) {
        return Err(InviteError::SingleSignOn);
    }
    let staff_id = store.ensure_staff(email, now()).await?;
    for role in roles {
        if store.grant_role(staff_id, municipality_id, *role).await? {
            audit(store, municipality_id, actor, "role granted", &format!("{email}: {}", role.as_str())).await?;
        }
    }
    super::second_factor::after_grant(store, staff_id).await?;
    let may_link = match (issuer, existing) {
        (Issuer::Server, _) | (_, None) => true,
        (Issuer::Municipality(slug), Some(a)) => a.password_hash.is_none() && only_in(store, a.id, slug).await?,
    };
    if !may_link {
        return Ok(None);
    }
    let issued_for = match issuer {
        Issuer::Server => None,
        Issuer::Municipality(_) => municipality_id,
    };
    Ok(Some(password_link(store, staff_id, email, municipality_id, issued_for, actor).await?))
}

/// True when every role the account holds is in the municipality `slug`.
#[tracing::instrument(skip(store))]
pub async fn only_in(store: &DynStore, staff_id: i64, slug: &str) -> Result<bool, StoreError> {
    Ok(store.grants(staff_id).await?.iter().all(|g| g.municipality.as_deref() == Some(slug)))
}

/// A new one-time set-password token for an existing account. `issued_for`:
/// the municipality whose admin asks (`None`: the server's CLI); its link
/// dies if the account gets a role anywhere else before it is used.
#[tracing::instrument(skip(store, email))]
pub async fn password_link(
    store: &DynStore,
    staff_id: i64,
    email: &str,
    municipality_id: Option<i64>,
    issued_for: Option<i64>,
    actor: &str,
) -> Result<String, StoreError> {
    let token = secret::new_secret();
    store.issue_password_link(staff_id, &secret::digest(&token), now() + PASSWORD_LINK_SECS, issued_for).await?;
    audit(store, municipality_id, actor, "password link created", email).await?;
    Ok(token)
}

/// A new read-only API token; only its digest is kept.
#[tracing::instrument(skip(store))]
pub async fn create_token(store: &DynStore, municipality_id: i64, name: &str, actor: &str) -> Result<String, StoreError> {
    let token = secret::new_api_token();
    store.create_api_token(municipality_id, name, &secret::digest(&token), now()).await?;
    audit(store, Some(municipality_id), actor, "API token created", name).await?;
    Ok(token)
}

/// Revokes a token of the municipality; its name, or `None` when there is
/// no such live token there.
#[tracing::instrument(skip(store))]
pub async fn revoke_token(store: &DynStore, municipality_id: i64, id: i64, actor: &str) -> Result<Option<String>, StoreError> {
    let Some(name) = store.revoke_api_token(municipality_id, id, now()).await? else { return Ok(None) };
    audit(store, Some(municipality_id), actor, "API token revoked", &name).await?;
    Ok(Some(name))
}

/// The municipality's API tokens, for its admin page.
#[tracing::instrument(skip(store))]
pub async fn api_tokens(store: &DynStore, municipality_id: i64) -> Result<Vec<ApiTokenInfo>, StoreError> {
    store.api_tokens(municipality_id).await
}

/// The absolute set-password URL for a token.
pub fn link_url(base: &str, token: &str) -> String {
    format!("{}/adgangskode/{token}", base.trim_end_matches('/'))
}
