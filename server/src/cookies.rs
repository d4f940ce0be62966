//! The cookies a young person gets: the anonymous device token, a workshop
//! participant's token and the chosen language. Nothing else.

use app::domain::{device, Locale};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};

pub fn cookie_header(headers: &HeaderMap) -> &str {
    headers.get(COOKIE).and_then(|v| v.to_str().ok()).unwrap_or("")
}

pub fn locale(headers: &HeaderMap) -> Locale {
    Locale::from_cookie_header(cookie_header(headers))
}

/// A random token kept in an HttpOnly cookie: the anonymous device, or a
/// workshop participant. The one the request brought, or a new one to set.
pub struct TokenCookie {
    name: &'static str,
    max_age: i64,
    pub token: String,
    pub is_new: bool,
}

impl TokenCookie {
    fn from_headers(headers: &HeaderMap, name: &'static str, max_age: i64) -> TokenCookie {
        match device::cookie_token(cookie_header(headers), name) {
            Some(token) => TokenCookie { name, max_age, token, is_new: false },
            None => TokenCookie { name, max_age, token: device::new_token(), is_new: true },
        }
    }

    /// Only this hash is ever stored or compared.
    pub fn hash(&self) -> String {
        device::hash(&self.token)
    }

    /// Adds `Set-Cookie` when the token is new.
    pub fn set_cookie(&self, headers: &mut HeaderMap, secure: bool) {
        if self.is_new {
            let value = format!(
                "{}={}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax{}",
                self.name,
                self.token,
                self.max_age,
                if secure { "; Secure" } else { "" }
            );
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.append(SET_COOKIE, v);
            }
        }
    }
}

/// The device's token (rating changes, "your proposals", stances).
pub struct Device;

impl Device {
    pub fn from_headers(headers: &HeaderMap) -> TokenCookie {
        TokenCookie::from_headers(headers, device::DEVICE_COOKIE, device::DEVICE_COOKIE_MAX_AGE_SECS)
    }
}

/// A workshop participant's token. It outlives any workshop (12 hours); the
/// workshop's closing ends what it can do.
pub struct Participant;

impl Participant {
    pub fn from_headers(headers: &HeaderMap) -> TokenCookie {
        TokenCookie::from_headers(headers, app::workshop::PARTICIPANT_COOKIE, 12 * 3600)
    }

    /// The cookie's token, if the request has one (the workshop hashes it
    /// with its own id: `app::workshop::participant_key`).
    pub fn token_from(headers: &HeaderMap) -> Option<String> {
        device::cookie_token(cookie_header(headers), app::workshop::PARTICIPANT_COOKIE)
    }
}

pub fn language_cookie(locale: Locale, secure: bool) -> String {
    format!(
        "{}={}; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax{}",
        app::domain::locale::LANG_COOKIE,
        locale.code(),
        if secure { "; Secure" } else { "" }
    )
}
