//! The second factor: the code after the password, setting up the app
//! (at sign-in when the person's roles require it, or by choice on their
//! own account page), and turning it off. An admin's reset for someone who
//! lost their phone is a `MemberChange`. Wrong codes feed the same failure
//! counters as wrong passwords, and everything goes to the audit log.

use super::sessions::{open_session, throttle_keys, throttled, CHECKS};
use super::{audit_staff, SignInError};
use crate::domain::policy::{now, CHALLENGE_SECS};
use crate::domain::second_factor::{self as factor, Typed};
use crate::domain::secret;
use crate::domain::staff::Staff;
use crate::store::second_factor::Challenge;
use crate::store::{DynStore, StoreError};

/// An app to set up: what the page shows.
#[derive(Clone, Debug)]
pub struct Enrolment {
    pub email: String,
    /// Base32, as apps take it typed in.
    pub secret: String,
    /// `otpauth://…`, for the QR code.
    pub uri: String,
}

/// Signed in after the second factor.
#[derive(Debug)]
pub struct Finished {
    pub staff: Staff,
    pub session: String,
    /// Recovery codes left, when one was used (the page warns when few are).
    pub recovery_left: Option<i64>,
    /// New recovery codes, shown once, when the app was just set up.
    pub new_codes: Vec<String>,
}

/// The live challenge with this id (from its cookie).
pub async fn challenge(store: &DynStore, id: &str) -> Result<Option<Challenge>, StoreError> {
    store.challenge(&secret::digest(id), now() - CHALLENGE_SECS).await
}

async fn staff_of(store: &DynStore, c: &Challenge) -> Result<Staff, StoreError> {
    Ok(Staff { id: c.staff_id, email: c.email.clone(), grants: store.grants(c.staff_id).await? })
}

/// After the password: the code from the app, or a recovery code.
#[tracing::instrument(skip_all)]
pub async fn finish_sign_in(store: &DynStore, challenge_id: &str, typed: &str, source: &str) -> Result<Finished, SignInError> {
    let c = challenge(store, challenge_id).await?.ok_or(SignInError::Expired)?;
    let staff = staff_of(store, &c).await?;
    let recovery_left = check_code(store, &staff, typed, source).await?;
    store.end_challenge(&secret::digest(challenge_id)).await?;
    let detail = match recovery_left {
        Some(left) => format!("recovery code ({left} left)"),
        None => "app".into(),
    };
    let session = open_session(store, &staff, "sign-in", &detail).await?;
    Ok(Finished { staff, session, recovery_left, new_codes: vec![] })
}

/// Checks a typed code against the account's app or its recovery codes,
/// using it up; `Some(left)` when it was a recovery code.
pub(super) async fn check_code(store: &DynStore, staff: &Staff, typed: &str, source: &str) -> Result<Option<i64>, SignInError> {
    // As for passwords: at most a few checks in flight past the count, so
    // a flood of parallel guesses cannot outrun it.
    let _permit = CHECKS.acquire().await.map_err(|_| SignInError::WrongCode)?;
    let t = now();
    let keys = throttle_keys(&staff.email, source);
    throttled(store, &keys, t).await?;
    let accepted = match factor::classify(typed) {
        Typed::Totp(code) => match store.totp(staff.id).await?.filter(|f| f.confirmed) {
            Some(f) => match factor::matching_step(&f.secret, &code, t) {
                // A code seen before (or older than one used) is refused: RFC 6238 §5.2.
                Some(step) => store.use_totp_step(staff.id, step).await?.then_some(None),
                None => None,
            },
            None => None,
        },
        Typed::Recovery(code) => {
            if store.use_recovery_code(staff.id, &secret::digest(&code), t).await? {
                Some(Some(store.recovery_codes_left(staff.id).await?))
            } else {
                None
            }
        }
        Typed::Neither => None,
    };
    match accepted {
        Some(left) => Ok(left),
        None => {
            store.record_login_failure(&keys, t).await?;
            tracing::warn!(email = %staff.email, "second factor refused");
            audit_staff(store, staff, "sign-in code refused", "").await?;
            Err(SignInError::WrongCode)
        }
    }
}

/// The app to set up for this person: the pending one (made now if none),
/// or `None` when they already have one.
pub async fn enrolment(store: &DynStore, staff_id: i64, email: &str) -> Result<Option<Enrolment>, StoreError> {
    let Some(secret) = store.begin_totp(staff_id, &factor::new_secret(), now()).await? else { return Ok(None) };
    let uri = factor::enrolment_uri(&secret, email).unwrap_or_default();
    Ok(Some(Enrolment { email: email.into(), secret, uri }))
}

/// Confirms the pending app with a code from it: the new recovery codes.
#[tracing::instrument(skip_all, fields(staff = staff.id))]
pub async fn confirm(store: &DynStore, staff: &Staff, typed: &str, source: &str) -> Result<Vec<String>, SignInError> {
    let _permit = CHECKS.acquire().await.map_err(|_| SignInError::WrongCode)?;
    let t = now();
    let keys = throttle_keys(&staff.email, source);
    throttled(store, &keys, t).await?;
    let pending = store.totp(staff.id).await?.filter(|f| !f.confirmed);
    let step = match (pending, factor::classify(typed)) {
        (Some(f), Typed::Totp(code)) => factor::matching_step(&f.secret, &code, t),
        _ => None,
    };
    let codes = factor::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| secret::digest(c)).collect();
    let confirmed = match step {
        Some(step) => store.confirm_totp(staff.id, step, &hashes, t).await?,
        None => false,
    };
    if !confirmed {
        store.record_login_failure(&keys, t).await?;
        return Err(SignInError::WrongCode);
    }
    audit_staff(store, staff, "second factor set up", "app").await?;
    Ok(codes)
}

/// New recovery codes (the old ones stop working), with a code from the app.
pub async fn renew_codes(store: &DynStore, staff: &Staff, typed: &str, source: &str) -> Result<Vec<String>, SignInError> {
    check_code(store, staff, typed, source).await?;
    let codes = factor::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| secret::digest(c)).collect();
    if !store.replace_recovery_codes(staff.id, &hashes).await? {
        return Err(SignInError::WrongCode);
    }
    audit_staff(store, staff, "recovery codes renewed", "").await?;
    Ok(codes)
}

/// A challenge the JSON API made and will not finish.
pub async fn abandon(store: &DynStore, challenge_id: &str) -> Result<(), StoreError> {
    store.end_challenge(&secret::digest(challenge_id)).await
}

/// Setting up the app during sign-in: confirmed, the session opens.
pub async fn finish_enrolment(store: &DynStore, challenge_id: &str, typed: &str, source: &str) -> Result<Finished, SignInError> {
    let c = challenge(store, challenge_id).await?.ok_or(SignInError::Expired)?;
    let staff = staff_of(store, &c).await?;
    let new_codes = confirm(store, &staff, typed, source).await?;
    store.end_challenge(&secret::digest(challenge_id)).await?;
    let session = open_session(store, &staff, "sign-in", "app set up").await?;
    Ok(Finished { staff, session, recovery_left: None, new_codes })
}

/// Someone turning their own app off, with a code from it. Refused while
/// their roles require it; their other sessions end.
pub async fn remove_own(store: &DynStore, staff: &Staff, typed: &str, source: &str) -> Result<(), SignInError> {
    if factor::required_for(&staff.grants) {
        return Err(SignInError::MustEnrol);
    }
    check_code(store, staff, typed, source).await?;
    store.remove_second_factor(staff.id).await?;
    audit_staff(store, staff, "second factor removed", "by themselves").await?;
    Ok(())
}

/// Whether the person has an app, and how many recovery codes are left.
pub async fn status(store: &DynStore, staff_id: i64) -> Result<Option<i64>, StoreError> {
    match store.totp(staff_id).await? {
        Some(f) if f.confirmed => Ok(Some(store.recovery_codes_left(staff_id).await?)),
        _ => Ok(None),
    }
}

/// After a role was granted: someone whose roles now need an app and who
/// has none is signed out everywhere (a session opened without a code
/// must not carry the new role); their next sign-in sets the app up.
pub async fn after_grant(store: &DynStore, staff_id: i64) -> Result<(), StoreError> {
    if factor::required_for(&store.grants(staff_id).await?) && status(store, staff_id).await?.is_none() {
        store.remove_second_factor(staff_id).await?;
    }
    Ok(())
}
