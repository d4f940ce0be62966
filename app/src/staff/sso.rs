//! Signing in through a municipality's identity provider (single sign-on).
//! The provider vouches for who the person is and which groups they are
//! in; here that becomes an account, its roles in that municipality (set
//! again at every sign-in, so someone taken out of a group loses the role
//! the next time) and a session. The provider's own second factor stands
//! in for the app: such an account has no password here.

use super::audit;
use super::sessions::open_session;
use crate::domain::policy::{now, CHALLENGE_SECS};
use crate::domain::secret;
use crate::domain::staff::{Role, Staff};
use crate::domain::Municipality;
use crate::store::sso::{SsoAccount, SsoAttempt};
use crate::store::{DynStore, StoreError};

/// What the provider said about the person (already checked).
#[derive(Clone, Debug)]
pub struct Vouched {
    pub issuer: String,
    pub subject: String,
    pub email: String,
    pub roles: Vec<Role>,
}

/// Why the sign-in ends without a session.
#[derive(Debug)]
pub enum SsoSignInError {
    /// 403: no group of theirs gives a role here (roles they had are gone).
    NoRole,
    /// 403: the account is disabled in Stemme.
    Disabled,
    /// 409: the e-mail belongs to an account this provider may not take over.
    EmailTaken,
    /// 409: the account holds roles outside this municipality, which this
    /// provider does not vouch for.
    WorksElsewhere,
    /// 503 / 500.
    Store(StoreError),
}

impl From<StoreError> for SsoSignInError {
    fn from(e: StoreError) -> Self {
        SsoSignInError::Store(e)
    }
}

/// Keeps a sign-in sent to the provider; `state` is only stored hashed.
pub async fn begin(store: &DynStore, state: &str, attempt: &SsoAttempt) -> Result<(), StoreError> {
    store.begin_sso(&secret::digest(state), attempt, now()).await
}

/// The sign-in `state` belongs to, once, and only while it is fresh.
pub async fn take(store: &DynStore, state: &str) -> Result<Option<SsoAttempt>, StoreError> {
    store.take_sso(&secret::digest(state), now() - CHALLENGE_SECS).await
}

/// The account, its roles in `mun` and a new session (its id);
/// `previous` (the browser's earlier session) is ended. Someone in no
/// mapped group gets no account: an account already linked loses its
/// roles here, and nothing is made or taken over.
#[tracing::instrument(skip(store, mun, who, previous), fields(email = %who.email))]
pub async fn sign_in(
    store: &DynStore,
    mun: &Municipality,
    who: &Vouched,
    previous: Option<&str>,
) -> Result<(Staff, String), SsoSignInError> {
    let municipality_id = mun.id;
    let link = !who.roles.is_empty();
    let (id, email) = match store.sso_account(municipality_id, &who.issuer, &who.subject, &who.email, link, now()).await? {
        SsoAccount::Found { disabled: true, email, .. } => {
            audit(store, Some(municipality_id), &email, "sign-in refused (SSO)", "the account is disabled").await?;
            return Err(SsoSignInError::Disabled);
        }
        SsoAccount::Found { id, email, .. } => (id, email),
        SsoAccount::NotLinked => {
            audit(store, Some(municipality_id), &who.email, "sign-in refused (SSO)", "no group gives a role").await?;
            return Err(SsoSignInError::NoRole);
        }
        SsoAccount::EmailTaken => {
            tracing::warn!(email = %who.email, "single sign-on for an e-mail another account holds");
            audit(store, Some(municipality_id), &who.email, "sign-in refused (SSO)", "the e-mail belongs to another account").await?;
            return Err(SsoSignInError::EmailTaken);
        }
    };
    let change = store.set_roles_in(id, municipality_id, &who.roles).await?;
    if change != Default::default() {
        let list = |roles: &[Role]| roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
        let detail = format!("from the identity provider: added [{}], removed [{}]", list(&change.added), list(&change.removed));
        audit(store, Some(municipality_id), &email, "roles changed (SSO)", &detail).await?;
    }
    if who.roles.is_empty() {
        audit(store, Some(municipality_id), &email, "sign-in refused (SSO)", "no group gives a role").await?;
        return Err(SsoSignInError::NoRole);
    }
    let staff = Staff { id, email, grants: store.grants(id).await? };
    if staff.grants.iter().any(|g| g.municipality.as_deref() != Some(mun.slug.as_str())) {
        tracing::warn!(email = %staff.email, "single sign-on for an account with roles elsewhere");
        audit(store, Some(municipality_id), &staff.email, "sign-in refused (SSO)", "the account has roles elsewhere").await?;
        return Err(SsoSignInError::WorksElsewhere);
    }
    if let Some(previous) = previous {
        store.end_session(&secret::digest(previous)).await?;
    }
    let roles = who.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
    let session = open_session(store, &staff, "sign-in (SSO)", &format!("{} as {roles}", who.issuer)).await?;
    Ok((staff, session))
}
