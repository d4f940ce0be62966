//! Creating staff accounts and tokens: shared by the CLI and the admin pages,
//! so both follow the same rules and both write the audit log.

use crate::auth::audit;
use app::domain::secret;
use app::domain::staff::Role;
use app::state::AppState;
use app::store::staff::PASSWORD_LINK_SECS;
use app::store::{now, StoreError};

/// Gives `email` (created without a password when new) the `roles` in the
/// municipality (`None`: operator) and returns a one-time set-password token.
pub async fn invite(
    state: &AppState,
    email: &str,
    municipality_id: Option<i64>,
    roles: &[Role],
    actor: &str,
) -> Result<String, StoreError> {
    let store = &state.store;
    let staff_id = store.ensure_staff(email, now()).await?;
    for role in roles {
        if store.grant_role(staff_id, municipality_id, *role).await? {
            audit(state, municipality_id, actor, "role granted", &format!("{email}: {}", role.as_str())).await?;
        }
    }
    password_link(state, staff_id, email, municipality_id, actor).await
}

/// A new one-time set-password token for an existing account.
pub async fn password_link(
    state: &AppState,
    staff_id: i64,
    email: &str,
    municipality_id: Option<i64>,
    actor: &str,
) -> Result<String, StoreError> {
    let token = secret::new_secret();
    state.store.create_password_link(staff_id, &secret::digest(&token), now() + PASSWORD_LINK_SECS).await?;
    audit(state, municipality_id, actor, "password link created", email).await?;
    Ok(token)
}

/// A new read-only API token; only its digest is kept.
pub async fn create_token(state: &AppState, municipality_id: i64, name: &str, actor: &str) -> Result<String, StoreError> {
    let token = secret::new_api_token();
    state.store.create_api_token(municipality_id, name, &secret::digest(&token), now()).await?;
    audit(state, Some(municipality_id), actor, "API token created", name).await?;
    Ok(token)
}

/// The absolute set-password URL for a token.
pub fn link_url(base: &str, token: &str) -> String {
    format!("{}/adgangskode/{token}", base.trim_end_matches('/'))
}
