use crate::store::DynStore;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Settings read once at start-up.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The public base URL (for QR codes), e.g. `https://stemme.example.dk`.
    /// When unset, the request's Host header is used.
    pub public_url: Option<String>,
    /// Mark cookies `Secure` (on behind https).
    pub secure_cookies: bool,
    /// Behind a reverse proxy: the header holding the client's address
    /// (e.g. `x-forwarded-for`), used for rate limits only.
    pub client_ip_header: Option<String>,
    /// Multiplies every per-address budget and cap (`--address-limit-scale`;
    /// 0 counts as 1).
    pub address_limit_scale: u32,
    /// (municipality slug, button text) of each single sign-on provider,
    /// for the sign-in page.
    pub sso: Vec<(String, String)>,
}

impl Settings {
    /// The site's address for links and QR codes: the configured public
    /// URL, else the host this request came to (`headers`).
    pub fn base_url(&self, headers: Option<&http::HeaderMap>) -> String {
        match &self.public_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => {
                let host = headers.and_then(|h| h.get(http::header::HOST)).and_then(|h| h.to_str().ok()).unwrap_or("localhost:3000");
                format!("{}://{host}", if self.secure_cookies { "https" } else { "http" })
            }
        }
    }
}

/// Everything a handler or server function needs, built once at start-up.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: DynStore,
    pub settings: Arc<Settings>,
    /// Live workshop updates (server-sent events).
    pub live: Arc<crate::workshop::live::Hub>,
    /// The other municipalities' means behind the comparison, kept a while.
    pub comparisons: Arc<crate::governance::ComparisonCache>,
}
