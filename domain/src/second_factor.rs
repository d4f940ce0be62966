//! The second factor for staff (ASVS 5.0 V6.3.3): a TOTP app (RFC 6238:
//! SHA-1, 6 digits, 30-second steps, one step of clock drift either way)
//! and ten one-time recovery codes. Required for anyone who can read young
//! people's held text or change who works where: admins, moderators and
//! the operator.

use crate::staff::{Grant, Role};
use rand::{Rng, RngCore};
use totp_rs::{Builder, Secret, Totp};

pub const STEP_SECS: u64 = 30;
pub const RECOVERY_CODES: usize = 10;
/// No 0/o, 1/l/i: a code copied from paper is read right.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const RECOVERY_LEN: usize = 10;
/// Shown in the authenticator app above the account.
pub const ISSUER: &str = "Stemme";

/// Roles whose holders must use a second factor.
pub fn required_for(grants: &[Grant]) -> bool {
    grants.iter().any(|g| matches!(g.role, Role::Admin | Role::Moderator | Role::Operator))
}

/// A new TOTP secret: 160 random bits (RFC 4226 §4), in base32 as apps take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::thread_rng().fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

fn totp(secret: &str, email: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret).ok()?;
    // A ':' would split the app's label; it cannot be in an address we accept,
    // but the label is only cosmetic, so drop it rather than fail.
    let account = email.replace(':', "");
    Builder::new().with_secret(secret).with_account_name(account).with_issuer(Some(ISSUER)).build().ok()
}

/// The `otpauth://` address the QR code carries.
pub fn enrolment_uri(secret: &str, email: &str) -> Option<String> {
    totp(secret, email)?.to_url().ok()
}

/// The secret in groups of four, for typing it into an app by hand.
pub fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The step a typed code belongs to, if it is right for `now` (±1 step).
/// The caller accepts it only once (RFC 6238 §5.2): only a step later than
/// the last one used.
pub fn matching_step(secret: &str, code: &str, now: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = u64::try_from(now).ok()?;
    totp(secret, "")?.check(&code, now).and_then(|step| i64::try_from(step).ok())
}

/// The code for a step (tests and the CLI compute what an app would show).
pub fn code_at(secret: &str, step: i64) -> Option<String> {
    let t = u64::try_from(step).ok()?.checked_mul(STEP_SECS)?;
    Some(totp(secret, "")?.generate(t).to_string())
}

pub fn step_of(now: i64) -> i64 {
    now.div_euclid(STEP_SECS as i64)
}

/// Ten new recovery codes, as shown once: `abcde-fghjk`.
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::thread_rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let raw: String = (0..RECOVERY_LEN).map(|_| RECOVERY_ALPHABET[rng.gen_range(0..RECOVERY_ALPHABET.len())] as char).collect();
            format!("{}-{}", &raw[..5], &raw[5..])
        })
        .collect()
}

/// A typed recovery code in its canonical form (case, spaces and dashes do
/// not matter), or `None` when it cannot be one.
pub fn recovery_code(typed: &str) -> Option<String> {
    let raw: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect();
    (raw.len() == RECOVERY_LEN && raw.bytes().all(|b| RECOVERY_ALPHABET.contains(&b))).then(|| format!("{}-{}", &raw[..5], &raw[5..]))
}

/// What someone typed in the code field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typed {
    /// Six digits from the app.
    Totp(String),
    /// A recovery code, canonical.
    Recovery(String),
    Neither,
}

pub fn classify(typed: &str) -> Typed {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Typed::Totp(digits);
    }
    recovery_code(typed).map_or(Typed::Neither, Typed::Recovery)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 key, "12345678901234567890".
    const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // The RFC lists 8 digits; six are their last six.
        assert_eq!(code_at(RFC_KEY, 59 / 30).as_deref(), Some("287082"));
        assert_eq!(code_at(RFC_KEY, 1111111109 / 30).as_deref(), Some("081804"));
        assert_eq!(code_at(RFC_KEY, 1234567890 / 30).as_deref(), Some("005924"));
        assert_eq!(matching_step(RFC_KEY, "287 082", 59), Some(1));
    }

    #[test]
    fn one_step_of_drift_is_forgiven_and_no_more() {
        let s = new_secret();
        let now = 1_800_000_015;
        let step = step_of(now);
        for d in [-1, 0, 1] {
            let code = code_at(&s, step + d).unwrap();
            assert_eq!(matching_step(&s, &code, now), Some(step + d));
        }
        for d in [-2, 2] {
            let code = code_at(&s, step + d).unwrap();
            assert_eq!(matching_step(&s, &code, now), None, "{d} steps away");
        }
        assert_eq!(matching_step(&s, "12345", now), None);
        assert_eq!(matching_step(&s, "abcdef", now), None);
    }

    #[test]
    fn secrets_are_160_bit_and_the_uri_names_us() {
        let s = new_secret();
        assert_eq!(s.len(), 32, "20 bytes in unpadded base32");
        assert_ne!(s, new_secret());
        let uri = enrolment_uri(&s, "anna@kommune.dk").unwrap();
        assert!(uri.starts_with("otpauth://totp/Stemme:anna%40kommune.dk?secret="), "{uri}");
        assert!(uri.contains("issuer=Stemme"));
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
    }

    #[test]
    fn recovery_codes_are_read_forgivingly_and_only_as_issued() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let c = &codes[0];
        assert_eq!(recovery_code(&c.to_uppercase().replace('-', " ")).as_ref(), Some(c));
        assert_eq!(recovery_code("abcde-fghj0"), None, "0 is not in the alphabet");
        assert_eq!(classify(" 123 456 "), Typed::Totp("123456".into()));
        assert_eq!(classify(c), Typed::Recovery(c.clone()));
        assert_eq!(classify("hello"), Typed::Neither);
    }

    #[test]
    fn admins_moderators_and_the_operator_need_it() {
        let g = |role| vec![Grant { municipality: Some("demo".into()), role }];
        assert!(required_for(&g(Role::Admin)));
        assert!(required_for(&g(Role::Moderator)));
        assert!(required_for(&[Grant { municipality: None, role: Role::Operator }]));
        assert!(!required_for(&g(Role::Manager)));
        assert!(!required_for(&g(Role::Facilitator)));
        assert!(!required_for(&[]));
    }
}
