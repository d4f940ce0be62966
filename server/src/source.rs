//! Where a request comes from, for rate limits and sign-in throttling only.
//! The address is never stored: throttling keeps its SHA-256 for 15 minutes,
//! rate limits keep it in memory.

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// The client's source as every limit counts it: the peer's address, or,
/// behind a reverse proxy that the operator names with `--client-ip-header`,
/// the last address in that header (the one the proxy itself added, so
/// clients cannot forge it); grouped by [`source_group`].
pub fn client_source(parts: &Parts, header: Option<&str>) -> String {
    if let Some(name) = header {
        if let Some(last) = parts.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).next_back() {
            if let Some(ip) = last.rsplit(',').map(str::trim).find(|s| !s.is_empty()) {
                return source_group(ip);
            }
        }
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| source_group(&c.0.ip().to_string())).unwrap_or_else(|| "unknown".into())
}

/// One home, phone or office gets a whole IPv6 /64 and picks addresses in
/// it freely, so counting single IPv6 addresses would be trivial to dodge:
/// IPv6 counts by its /64, IPv4 (also written IPv4-mapped) by its address.
pub fn source_group(address: &str) -> String {
    let bare = address.trim().trim_start_matches('[').split(']').next().unwrap_or_default();
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V6(ip)) => match ip.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = ip.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(IpAddr::V4(ip)) => ip.to_string(),
        // Not an address (a proxy's odd header): counted as it is.
        Err(_) => address.trim().to_string(),
    }
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

    #[test]
    fn ipv6_is_grouped_by_its_64() {
        assert_eq!(source_group("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(source_group("2001:db8:1:2:bbbb::9"), source_group("2001:db8:1:2::1"));
        assert_ne!(source_group("2001:db8:1:2::1"), source_group("2001:db8:1:3::1"));
        assert_eq!(source_group("[2001:db8:1:2::1]"), "2001:db8:1:2::/64");
        assert_eq!(source_group("10.1.2.3"), "10.1.2.3");
        assert_eq!(source_group("::ffff:10.1.2.3"), "10.1.2.3");
        assert_eq!(source_group("unknown"), "unknown");
        let (mut parts, _) = Request::new(()).into_parts();
        parts.headers.append("x-forwarded-for", "2001:db8:5:6:7:8:9:a".parse().unwrap());
        assert_eq!(client_source(&parts, Some("x-forwarded-for")), "2001:db8:5:6::/64");
    }
}
