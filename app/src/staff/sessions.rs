//! Signing in and out, shared by the sign-in form and `POST /api/v1/session`.
//! Throttling (ASVS 2.2.1): after 10 failures for one account or from one
//! source within 15 minutes, every attempt is refused with 429 until the
//! oldest failure is 15 minutes old. Failures are counted in the database,
//! so all instances share the count.

use super::audit_staff;
use crate::domain::policy::{now, LOGIN_WINDOW_SECS};
use crate::domain::secret;
use crate::domain::staff::{normalize_email, Staff};
use crate::store::staff::TokenHolder;
use crate::store::{DynStore, StoreError};

pub const MAX_FAILURES: i64 = 10;

/// Password checks running at once. Each argon2 check takes 19 MiB and a
/// core for a moment: a burst of sign-ins waits here instead of exhausting
/// memory, and the failure count cannot be outrun by parallel guesses (at
/// most this many are in flight past the check).
const CONCURRENT_CHECKS: usize = 4;
pub(super) static CHECKS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| tokio::sync::Semaphore::new(CONCURRENT_CHECKS));

#[derive(Debug)]
pub enum SignInError {
    /// 429 with `Retry-After` seconds.
    Throttled { retry_after: i64 },
    /// 401: wrong e-mail or password (never which of the two).
    Invalid,
    /// 401: the code from the app (or the recovery code) is wrong or used.
    WrongCode,
    /// 401: the time between password and code ran out: start again.
    Expired,
    /// 401 (JSON API): this account needs its code with the password.
    CodeRequired,
    /// 403 (JSON API): this account must set up its app in a browser first.
    MustEnrol,
    /// 503 / 500.
    Store(StoreError),
}

impl From<StoreError> for SignInError {
    fn from(e: StoreError) -> Self {
        SignInError::Store(e)
    }
}

/// Seconds until a key with `count` failures, the oldest at `oldest`, may
/// try again; `None` when it may try now.
pub fn retry_after(count: i64, oldest: Option<i64>, now: i64) -> Option<i64> {
    (count >= MAX_FAILURES).then(|| oldest.map(|o| (o + LOGIN_WINDOW_SECS - now).max(1)).unwrap_or(LOGIN_WINDOW_SECS))
}

/// Checks the password and opens a new session, or a challenge for the
/// second factor; `previous` (the id the browser had) is ended, so an id
/// planted before sign-in is worthless after it.
#[tracing::instrument(skip(store, email, password, source, previous))]
pub async fn sign_in(
    store: &DynStore,
    email: &str,
    password: &str,
    source: &str,
    previous: Option<&str>,
) -> Result<SignInStep, SignInError> {
    let _permit = CHECKS.acquire().await.map_err(|_| SignInError::Invalid)?;
    let t = now();
    // Something that is not an address (perhaps a password typed in the
    // wrong field) is neither looked up nor logged.
    let valid = normalize_email(email);
    let email = valid.clone().unwrap_or_else(|| email.trim().to_lowercase());
    let shown = if valid.is_some() { email.as_str() } else { "<not an e-mail address>" };
    let keys = throttle_keys(&email, source);
    if let Err(e) = throttled(store, &keys, t).await {
        tracing::warn!(email = %shown, "sign-in throttled");
        return Err(e);
    }
    let account = match valid {
        Some(_) => store.staff_by_email(&email).await?,
        None => None,
    };
    // Unknown accounts are checked against a dummy hash: same time, same answer.
    let phc = account.as_ref().and_then(|a| a.password_hash.clone()).unwrap_or_else(|| crate::domain::password::DUMMY_HASH.clone());
    let candidate = password.to_string();
    let matches = tokio::task::spawn_blocking(move || crate::domain::password::verify(&candidate, &phc)).await.unwrap_or(false);
    let account = match account {
        Some(a) if matches && !a.disabled && a.password_hash.is_some() => a,
        other => {
            store.record_login_failure(&keys, t).await?;
            tracing::warn!(email = %shown, "sign-in failed");
            if let Some(a) = other {
                // After answering, so a known account is not slower to refuse than an unknown one.
                let store = store.clone();
                tokio::spawn(async move {
                    let grants = store.grants(a.id).await.unwrap_or_default();
                    let staff = Staff { id: a.id, email: a.email, grants };
                    if let Err(e) = audit_staff(&store, &staff, "sign-in failed", "").await {
                        tracing::error!(error = %e, "audit of a failed sign-in");
                    }
                });
            }
            return Err(SignInError::Invalid);
        }
    };
    if let Some(previous) = previous {
        store.end_session(&secret::digest(previous)).await?;
    }
    let staff = Staff { id: account.id, email: account.email, grants: store.grants(account.id).await? };
    let factor = store.totp(staff.id).await?.filter(|f| f.confirmed);
    if factor.is_some() || crate::domain::second_factor::required_for(&staff.grants) {
        // Not signed in yet: a challenge, which only the code pages accept.
        let challenge = secret::new_secret();
        store.create_challenge(&secret::digest(&challenge), staff.id, t).await?;
        tracing::info!(email = %staff.email, "password accepted; second factor next");
        return Ok(if factor.is_some() { SignInStep::Code { challenge } } else { SignInStep::Enrol { challenge } });
    }
    let session = open_session(store, &staff, "sign-in", "").await?;
    Ok(SignInStep::Done { staff, session })
}

/// What a right password leads to.
#[derive(Debug)]
pub enum SignInStep {
    /// Signed in: the new session id.
    Done { staff: Staff, session: String },
    /// The account has an app: the code comes next, with this challenge.
    Code { challenge: String },
    /// The account's roles need an app it has not set up: that comes next.
    Enrol { challenge: String },
}

/// A new session for `staff`, in the audit log as `action`.
pub(super) async fn open_session(store: &DynStore, staff: &Staff, action: &str, detail: &str) -> Result<String, StoreError> {
    let id = secret::new_secret();
    store.create_session(&secret::digest(&id), staff.id, now()).await?;
    tracing::info!(email = %staff.email, "signed in");
    audit_staff(store, staff, action, detail).await?;
    Ok(id)
}

/// The failure counters an attempt for `email` from `source` feeds.
pub(super) fn throttle_keys(email: &str, source: &str) -> [String; 2] {
    [format!("account:{}", secret::digest(email)), format!("source:{}", secret::digest(source))]
}

/// `Throttled` when any of `keys` has had too many failures lately.
pub(super) async fn throttled(store: &DynStore, keys: &[String], t: i64) -> Result<(), SignInError> {
    for key in keys {
        let (count, oldest) = store.login_failures(key, t - LOGIN_WINDOW_SECS).await?;
        if let Some(retry_after) = retry_after(count, oldest, t) {
            return Err(SignInError::Throttled { retry_after });
        }
    }
    Ok(())
}

/// Ends the session on the server (the cookie is cleared by the caller).
#[tracing::instrument(skip_all)]
pub async fn sign_out(store: &DynStore, session_id: &str, staff: Option<&Staff>) -> Result<(), StoreError> {
    store.end_session(&secret::digest(session_id)).await?;
    if let Some(staff) = staff {
        tracing::info!(email = %staff.email, "signed out");
        audit_staff(store, staff, "sign-out", "").await?;
    }
    Ok(())
}

/// The staff member signed in with this session id, when the session is
/// alive (looking touches it).
#[tracing::instrument(skip_all, level = "debug")]
pub async fn staff_by_session(store: &DynStore, session_id: &str) -> Result<Option<Staff>, StoreError> {
    store.session_staff(&secret::digest(session_id), now()).await
}

/// The holder of a live API token.
#[tracing::instrument(skip_all, level = "debug")]
pub async fn caller_by_token(store: &DynStore, token: &str) -> Result<Option<TokenHolder>, StoreError> {
    store.api_token(&secret::digest(token)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_lock_until_the_oldest_is_fifteen_minutes_old() {
        assert_eq!(retry_after(9, Some(1000), 1100), None);
        assert_eq!(retry_after(10, Some(1000), 1100), Some(LOGIN_WINDOW_SECS - 100));
        assert_eq!(retry_after(12, Some(1000), 1000 + LOGIN_WINDOW_SECS), Some(1));
    }
}
