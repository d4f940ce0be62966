//! The staff session cookie. Behind https (`--secure-cookies`) it is
//! `__Host-stemme_session; Secure`, which browsers bind to this exact host.
//! On plain-http local development browsers refuse `Secure` cookies, so it is
//! `stemme_session` without `Secure`; everything else is the same.

use crate::cookies::cookie_header;
use app::domain::policy::{CHALLENGE_SECS, SESSION_ABSOLUTE_SECS};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue};

pub const SECURE_NAME: &str = "__Host-stemme_session";
pub const PLAIN_NAME: &str = "stemme_session";
/// Between the password and the second factor (see `app::staff::second_factor`).
pub const CHALLENGE_SECURE_NAME: &str = "__Host-stemme_challenge";
pub const CHALLENGE_PLAIN_NAME: &str = "stemme_challenge";
/// A single sign-on sent to the provider: its `state`, so the answer is
/// taken only in the browser that asked (no login CSRF).
pub const SSO_SECURE_NAME: &str = "__Host-stemme_sso";
pub const SSO_PLAIN_NAME: &str = "stemme_sso";

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_NAME
    } else {
        PLAIN_NAME
    }
}

fn challenge_name(secure: bool) -> &'static str {
    if secure {
        CHALLENGE_SECURE_NAME
    } else {
        CHALLENGE_PLAIN_NAME
    }
}

fn sso_name(secure: bool) -> &'static str {
    if secure {
        SSO_SECURE_NAME
    } else {
        SSO_PLAIN_NAME
    }
}

fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    cookie_header(headers)
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| app::domain::secret::is_well_formed(v))
}

/// The session id the request carries, if it is one we could have made.
pub fn from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    read(headers, cookie_name(secure))
}

/// The sign-in challenge id the request carries.
pub fn challenge_from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    read(headers, challenge_name(secure))
}

/// The single sign-on `state` the browser holds.
pub fn sso_from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    read(headers, sso_name(secure))
}

fn set(headers: &mut HeaderMap, name: &str, value: &str, max_age: i64, secure: bool) {
    let cookie = format!("{name}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax{}", if secure { "; Secure" } else { "" });
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        headers.append(SET_COOKIE, v);
    }
}

pub fn set_cookie(headers: &mut HeaderMap, id: &str, secure: bool) {
    set(headers, cookie_name(secure), id, SESSION_ABSOLUTE_SECS, secure);
}

pub fn clear_cookie(headers: &mut HeaderMap, secure: bool) {
    set(headers, cookie_name(secure), "", 0, secure);
}

pub fn set_challenge_cookie(headers: &mut HeaderMap, id: &str, secure: bool) {
    set(headers, challenge_name(secure), id, CHALLENGE_SECS, secure);
}

pub fn clear_challenge_cookie(headers: &mut HeaderMap, secure: bool) {
    set(headers, challenge_name(secure), "", 0, secure);
}

pub fn set_sso_cookie(headers: &mut HeaderMap, state: &str, secure: bool) {
    set(headers, sso_name(secure), state, CHALLENGE_SECS, secure);
}

pub fn clear_sso_cookie(headers: &mut HeaderMap, secure: bool) {
    set(headers, sso_name(secure), "", 0, secure);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_cookies_use_the_host_prefix() {
        let mut h = HeaderMap::new();
        set_cookie(&mut h, "abc", true);
        let c = h[SET_COOKIE].to_str().unwrap();
        assert!(c.starts_with("__Host-stemme_session=abc;"));
        for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(c.contains(flag), "{c} lacks {flag}");
        }
        assert!(!c.contains("Domain"), "__Host- cookies have no Domain");
    }

    #[test]
    fn only_well_formed_ids_are_read() {
        let id = app::domain::secret::new_secret();
        let mut h = HeaderMap::new();
        h.insert("cookie", format!("a=1; stemme_session={id}").parse().unwrap());
        assert_eq!(from_headers(&h, false), Some(id.clone()));
        assert_eq!(from_headers(&h, true), None, "the plain name is not read when secure");
        h.insert("cookie", "stemme_session=forged".parse().unwrap());
        assert_eq!(from_headers(&h, false), None);
    }
}
