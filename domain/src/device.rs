//! The anonymous device token: a random 128-bit value in an HttpOnly cookie.
//! Only its SHA-256 is stored, so the database never holds the cookie itself.

use rand::RngCore;
use sha2::{Digest, Sha256};

pub const DEVICE_COOKIE: &str = "stemme_enhed";
/// The device cookie lives a year.
pub const DEVICE_COOKIE_MAX_AGE_SECS: i64 = 365 * 24 * 3600;

pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn is_valid_token(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The device token from a `Cookie:` header, if it is well-formed.
pub fn from_cookie_header(header: &str) -> Option<String> {
    cookie_token(header, DEVICE_COOKIE)
}

/// A well-formed token in cookie `name` (device or workshop participant).
pub fn cookie_token(header: &str, name: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| is_valid_token(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_128_bit_hex() {
        let a = new_token();
        assert!(is_valid_token(&a));
        assert_ne!(a, new_token());
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
    }

    #[test]
    fn cookie_header_parsing_rejects_forged_values() {
        let t = new_token();
        assert_eq!(from_cookie_header(&format!("x=1; {DEVICE_COOKIE}={t}")), Some(t));
        assert_eq!(from_cookie_header(&format!("{DEVICE_COOKIE}=../../etc")), None);
        assert_eq!(from_cookie_header(""), None);
    }
}
