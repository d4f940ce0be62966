//! Staff passwords: the policy (ASVS 2.1: 8–128 characters, no composition
//! rules, no truncation, common passwords refused) and argon2id hashing.

use super::Locale;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::collections::HashSet;
use std::sync::LazyLock;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// OWASP's recommended argon2id minimum: 19 MiB, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19456;
const PASSES: u32 = 2;
const LANES: u32 = 1;

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.to_lowercase())
        .collect()
});

/// How many common passwords are refused (for tests and the README).
pub fn common_count() -> usize {
    COMMON.len()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    TooCommon,
    SameAsEmail,
}

impl PasswordProblem {
    pub fn message(self, locale: Locale) -> &'static str {
        match self {
            PasswordProblem::TooShort => locale.pick("Adgangskoden skal have mindst 8 tegn.", "The password needs at least 8 characters."),
            PasswordProblem::TooLong => {
                locale.pick("Adgangskoden må højst have 128 tegn.", "The password can have at most 128 characters.")
            }
            PasswordProblem::TooCommon => locale.pick(
                "Den adgangskode er for almindelig og let at gætte. Vælg en anden, fx tre tilfældige ord.",
                "That password is too common and easy to guess. Choose another, for example three random words.",
            ),
            PasswordProblem::SameAsEmail => {
                locale.pick("Adgangskoden må ikke være din e-mailadresse.", "The password must not be your e-mail address.")
            }
        }
    }
}

/// Checks a new password against the policy. Every character counts,
/// spaces and emoji included; nothing is trimmed or truncated.
pub fn check(password: &str, email: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if lower == email.to_lowercase() || (!local.is_empty() && lower == local.to_lowercase()) {
        return Err(PasswordProblem::SameAsEmail);
    }
    if COMMON.contains(&lower) {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

fn argon2() -> Argon2<'static> {
    // The parameters are constants within their valid ranges.
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// An argon2id PHC string with a random salt. Slow on purpose: call it
/// from a blocking thread.
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// True when `password` matches the stored PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash of no one's password, checked when the account does not exist so
/// that a wrong e-mail takes as long as a wrong password.
pub static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| hash("not a password of anyone").unwrap_or_default());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_long_enough() {
        assert!(common_count() >= 3000, "{}", common_count());
    }

    #[test]
    fn policy_counts_characters_and_refuses_common_ones() {
        assert_eq!(check("kort", "a@b.dk"), Err(PasswordProblem::TooShort));
        assert_eq!(check("ææææææææ", "a@b.dk"), Ok(()), "8 characters, 16 bytes");
        assert_eq!(check("æææææææ", "a@b.dk"), Err(PasswordProblem::TooShort));
        assert_eq!(check(&"x".repeat(129), "a@b.dk"), Err(PasswordProblem::TooLong));
        assert_eq!(check(&"xy".repeat(64), "a@b.dk"), Ok(()));
        assert_eq!(check("password", "a@b.dk"), Err(PasswordProblem::TooCommon));
        assert_eq!(check("PassWord1", "a@b.dk"), Err(PasswordProblem::TooCommon));
        assert_eq!(check("adgangskode", "a@b.dk"), Err(PasswordProblem::TooCommon));
        assert_eq!(check("anne.hansen", "anne.hansen@kommune.dk"), Err(PasswordProblem::SameAsEmail));
        assert_eq!(check("blå hest spiser kage", "a@b.dk"), Ok(()), "no composition rules");
    }

    #[test]
    fn hashes_are_argon2id_with_the_required_cost_and_verify() {
        let h = hash("blå hest spiser kage").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("blå hest spiser kage", &h));
        assert!(!verify("blå hest spiser kag", &h), "no truncation, no near misses");
        assert!(!verify("x", "not a phc string"));
        assert_ne!(hash("blå hest spiser kage").unwrap(), h, "salted");
    }
}
