//! Where a request comes from, for rate limits and sign-in throttling only.
//! The address is never stored: throttling keeps its SHA-256 for 15 minutes,
//! rate limits keep it in memory.

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::SocketAddr;

/// The client's address: the peer's, or, behind a reverse proxy that the
/// operator names with `--client-ip-header`, the last address in that header
/// (the one the proxy itself added, so clients cannot forge it).
pub fn client_source(parts: &Parts, header: Option<&str>) -> String {
    if let Some(name) = header {
        if let Some(last) = parts.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).next_back() {
            if let Some(ip) = last.rsplit(',').map(str::trim).find(|s| !s.is_empty()) {
                return ip.to_string();
            }
        }
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// The client's address as an extractor (see [`client_source`]).
pub struct Source(pub String);

impl axum::extract::FromRequestParts<app::state::AppState> for Source {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &app::state::AppState) -> Result<Self, Self::Rejection> {
        Ok(Source(client_source(parts, state.settings.client_ip_header.as_deref())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    #[test]
    fn the_proxy_header_is_read_from_the_right() {
        let (mut parts, _) = Request::new(()).into_parts();
        parts.headers.append("x-forwarded-for", "6.6.6.6, 10.0.0.7".parse().unwrap());
        parts.extensions.insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9))));
        assert_eq!(client_source(&parts, Some("x-forwarded-for")), "10.0.0.7");
        assert_eq!(client_source(&parts, None), "127.0.0.1");
    }
}
