//! Passkeys (WebAuthn) as the second factor after the password, beside the
//! authenticator app: phishing-resistant, nothing to type. Someone with an
//! app adds passkeys on their account page; at sign-in the code page then
//! offers "use a passkey". A passkey never stands alone: resetting or
//! removing the app removes the passkeys too, so an admin's reset for a
//! lost phone still covers everything. The ceremonies follow webauthn-rs;
//! their state waits in the database (several instances), taken once.

use super::second_factor::{challenge, check_code, status, Finished};
use super::sessions::{open_session, throttle_keys, throttled, CHECKS};
use super::{audit_staff, SignInError};
use crate::domain::policy::{now, CHALLENGE_SECS};
use crate::domain::secret;
use crate::domain::staff::{PasskeyInfo, Staff};
use crate::store::passkeys::Ceremony;
use crate::store::{DynStore, StoreError};
use serde::Serialize;
use webauthn_rs::prelude::{
    CreationChallengeResponse, Passkey, PasskeyAuthentication, PasskeyRegistration, RequestChallengeResponse, Url, Uuid, Webauthn,
    WebauthnBuilder,
};
pub use webauthn_rs::prelude::{PublicKeyCredential, RegisterPublicKeyCredential};

/// Why a passkey ceremony did not go through.
#[derive(Debug)]
pub enum PasskeyError {
    /// 400: this address cannot use passkeys (an IP address instead of a
    /// name; browsers need https, or http only on localhost).
    Unsupported,
    /// 409: passkeys come after the authenticator app.
    AppFirst,
    /// 409: this passkey is already registered.
    Duplicate,
    /// 401 at sign-in (400 on the account page): the ceremony is unknown,
    /// used or older than 10 minutes; start again.
    Expired,
    /// 401: the authenticator's answer was not accepted.
    Rejected,
    /// 429 / 503 / 500: as the sign-in's own errors.
    SignIn(SignInError),
}

impl From<StoreError> for PasskeyError {
    fn from(e: StoreError) -> Self {
        PasskeyError::SignIn(SignInError::Store(e))
    }
}

impl From<SignInError> for PasskeyError {
    fn from(e: SignInError) -> Self {
        PasskeyError::SignIn(e)
    }
}

/// The relying party for the site's address (`base_url`).
fn relying_party(base_url: &str) -> Result<Webauthn, PasskeyError> {
    let origin = Url::parse(base_url).map_err(|_| PasskeyError::Unsupported)?;
    let id = origin.domain().ok_or(PasskeyError::Unsupported)?.to_string();
    WebauthnBuilder::new(&id, &origin).and_then(|b| b.rp_name("Stemme").build()).map_err(|e| {
        tracing::info!(error = %e, %base_url, "no passkeys at this address");
        PasskeyError::Unsupported
    })
}

fn decode(stored: &str) -> Result<Passkey, StoreError> {
    serde_json::from_str(stored).map_err(|e| StoreError::Corrupt(format!("passkey: {e}")))
}

fn encode<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("passkey state: {e}")))
}

/// The account's passkeys as webauthn-rs takes them.
async fn keys_of(store: &DynStore, staff_id: i64) -> Result<Vec<Passkey>, StoreError> {
    store.passkeys(staff_id).await?.iter().map(|p| decode(&p.passkey)).collect()
}

/// The credential id as text (base64url, as webauthn-rs writes it).
fn credential_id(p: &Passkey) -> Result<String, StoreError> {
    Ok(encode(p.cred_id())?.trim_matches('"').to_string())
}

/// The account's passkeys.
pub async fn list(store: &DynStore, staff_id: i64) -> Result<Vec<PasskeyInfo>, StoreError> {
    Ok(store
        .passkeys(staff_id)
        .await?
        .into_iter()
        .map(|p| PasskeyInfo { id: p.id, name: p.name, created_at: p.created_at, last_used_at: p.last_used_at })
        .collect())
}

/// What the browser needs to make a passkey (`navigator.credentials.create`).
/// A code from the app (or a recovery code) first: a session alone, perhaps
/// left open or stolen, must not add a lasting way in.
pub async fn start_registration(
    store: &DynStore,
    staff: &Staff,
    base_url: &str,
    code: &str,
    source: &str,
) -> Result<CreationChallengeResponse, PasskeyError> {
    let rp = relying_party(base_url)?;
    if status(store, staff.id).await?.is_none() {
        return Err(PasskeyError::AppFirst);
    }
    check_code(store, staff, code, source).await?;
    let known = keys_of(store, staff.id).await?.iter().map(|k| k.cred_id().clone()).collect();
    let (options, state) =
        rp.start_passkey_registration(Uuid::from_u128(staff.id as u128), &staff.email, &staff.email, Some(known)).map_err(|e| {
            tracing::warn!(error = %e, "passkey registration could not start");
            PasskeyError::Unsupported
        })?;
    store.begin_ceremony(staff.id, Ceremony::Register, &encode(&state)?, now()).await?;
    Ok(options)
}

/// Checks the new passkey and keeps it under `name`.
pub async fn finish_registration(
    store: &DynStore,
    staff: &Staff,
    base_url: &str,
    name: &str,
    answer: &RegisterPublicKeyCredential,
) -> Result<(), PasskeyError> {
    let rp = relying_party(base_url)?;
    let state = store.take_ceremony(staff.id, Ceremony::Register, now() - CHALLENGE_SECS).await?.ok_or(PasskeyError::Expired)?;
    let state: PasskeyRegistration = serde_json::from_str(&state).map_err(|_| PasskeyError::Expired)?;
    let passkey = rp.finish_passkey_registration(answer, &state).map_err(|e| {
        tracing::warn!(email = %staff.email, error = %e, "passkey registration refused");
        PasskeyError::Rejected
    })?;
    let name: String = name.trim().chars().filter(|c| !c.is_control()).take(60).collect();
    let name = if name.is_empty() { "Passkey".to_string() } else { name };
    if !store.add_passkey(staff.id, &credential_id(&passkey)?, &name, &encode(&passkey)?, now()).await? {
        return Err(PasskeyError::Duplicate);
    }
    audit_staff(store, staff, "passkey added", &name).await?;
    Ok(())
}

/// Removes one of one's own passkeys.
pub async fn remove(store: &DynStore, staff: &Staff, id: i64) -> Result<bool, StoreError> {
    let Some(p) = store.passkeys(staff.id).await?.into_iter().find(|p| p.id == id) else { return Ok(false) };
    let removed = store.remove_passkey(staff.id, id).await?;
    if removed {
        audit_staff(store, staff, "passkey removed", &p.name).await?;
    }
    Ok(removed)
}

/// After the password: what the browser needs to sign with one of the
/// account's passkeys (`navigator.credentials.get`).
pub async fn start_sign_in(store: &DynStore, challenge_id: &str, base_url: &str) -> Result<RequestChallengeResponse, PasskeyError> {
    let rp = relying_party(base_url)?;
    let c = challenge(store, challenge_id).await?.ok_or(PasskeyError::Expired)?;
    let keys = keys_of(store, c.staff_id).await?;
    if keys.is_empty() {
        return Err(PasskeyError::Rejected);
    }
    let (options, state) = rp.start_passkey_authentication(&keys).map_err(|_| PasskeyError::Rejected)?;
    let challenge = secret::digest(challenge_id);
    store.begin_ceremony(c.staff_id, Ceremony::SignIn { challenge: &challenge }, &encode(&state)?, now()).await?;
    Ok(options)
}

/// Checks the signature and signs in. A refused answer counts as a
/// failed sign-in, as a wrong code does.
#[tracing::instrument(skip_all)]
pub async fn finish_sign_in(
    store: &DynStore,
    challenge_id: &str,
    base_url: &str,
    answer: &PublicKeyCredential,
    source: &str,
) -> Result<Finished, PasskeyError> {
    let rp = relying_party(base_url)?;
    let c = challenge(store, challenge_id).await?.ok_or(PasskeyError::Expired)?;
    let staff = Staff { id: c.staff_id, email: c.email.clone(), grants: store.grants(c.staff_id).await? };
    let _permit = CHECKS.acquire().await.map_err(|_| PasskeyError::Rejected)?;
    let (t, keys) = (now(), throttle_keys(&staff.email, source));
    throttled(store, &keys, t).await?;
    let challenge = secret::digest(challenge_id);
    let state = store
        .take_ceremony(staff.id, Ceremony::SignIn { challenge: &challenge }, t - CHALLENGE_SECS)
        .await?
        .ok_or(PasskeyError::Expired)?;
    let state: PasskeyAuthentication = serde_json::from_str(&state).map_err(|_| PasskeyError::Expired)?;
    let result = match rp.finish_passkey_authentication(answer, &state) {
        Ok(r) => r,
        Err(e) => {
            store.record_login_failure(&keys, t).await?;
            tracing::warn!(email = %staff.email, error = %e, "passkey refused");
            audit_staff(store, &staff, "sign-in passkey refused", "").await?;
            return Err(PasskeyError::Rejected);
        }
    };
    // The signature counter moves on (a cloned authenticator shows up as
    // one going backwards, which webauthn-rs refuses).
    if let Some(mut key) = keys_of(store, staff.id).await?.into_iter().find(|k| k.cred_id() == result.cred_id()) {
        key.update_credential(&result);
        store.use_passkey(staff.id, &credential_id(&key)?, &encode(&key)?, t).await?;
    }
    store.end_challenge(&secret::digest(challenge_id)).await?;
    let session = open_session(store, &staff, "sign-in", "passkey").await?;
    Ok(Finished { staff, session, recovery_left: None, new_codes: vec![] })
}
