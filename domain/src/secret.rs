//! Server-made secrets (session ids, set-password links, API tokens): 256
//! random bits, shown once, stored only as their SHA-256.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Prefix of API tokens, so a leaked one is easy to recognise in a scan.
pub const API_TOKEN_PREFIX: &str = "stm_";

pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", new_secret())
}

/// What the database keeps instead of the secret.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A secret as we hand them out: 64 lower-case hex digits (after the prefix
/// for API tokens). Anything else is refused before a lookup.
pub fn is_well_formed(s: &str) -> bool {
    let s = s.strip_prefix(API_TOKEN_PREFIX).unwrap_or(s);
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_256_bit_and_only_their_digest_is_kept() {
        let s = new_secret();
        assert!(is_well_formed(&s));
        assert_ne!(s, new_secret());
        assert_ne!(digest(&s), s);
        let t = new_api_token();
        assert!(t.starts_with("stm_") && is_well_formed(&t));
        assert!(!is_well_formed("stm_xyz"));
        assert!(!is_well_formed(&s.to_uppercase()));
    }
}
