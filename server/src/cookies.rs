//! The two cookies a young person gets: the anonymous device token and the
//! chosen language. Nothing else.

use app::domain::{device, Locale};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};

pub fn cookie_header(headers: &HeaderMap) -> &str {
    headers.get(COOKIE).and_then(|v| v.to_str().ok()).unwrap_or("")
}

pub fn locale(headers: &HeaderMap) -> Locale {
    Locale::from_cookie_header(cookie_header(headers))
}

/// The device's token: the one in its cookie, or a new one to be set.
pub struct Device {
    pub token: String,
    pub is_new: bool,
}

impl Device {
    pub fn from_headers(headers: &HeaderMap) -> Device {
        match device::from_cookie_header(cookie_header(headers)) {
            Some(token) => Device { token, is_new: false },
            None => Device { token: device::new_token(), is_new: true },
        }
    }

    pub fn hash(&self) -> String {
        device::hash(&self.token)
    }

    /// Adds `Set-Cookie` when the token is new.
    pub fn set_cookie(&self, headers: &mut HeaderMap, secure: bool) {
        if self.is_new {
            let value = format!(
                "{}={}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax{}",
                device::DEVICE_COOKIE,
                self.token,
                device::DEVICE_COOKIE_MAX_AGE_SECS,
                if secure { "; Secure" } else { "" }
            );
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.append(SET_COOKIE, v);
            }
        }
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
