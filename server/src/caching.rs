//! `Cache-Control: no-store` on every answer that holds staff data or
//! something personal to one young person (a receipt code), decided in one
//! place by the request's path, method and credentials. A shared computer's
//! browser cache, the back button after sign-out, or a proxy must never keep
//! them. Public youth pages and static files keep their own caching.

use crate::auth::session::PLAIN_NAME;
use crate::server_fns::is_server_fn_path;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

pub async fn no_store(req: Request, next: Next) -> Response {
    let credentials = req.headers().contains_key(header::AUTHORIZATION)
        || req.headers().get_all(header::COOKIE).iter().any(|c| c.to_str().is_ok_and(|c| c.contains(&format!("{PLAIN_NAME}="))));
    let private = must_not_store(req.method(), req.uri().path(), credentials);
    let mut res = next.run(req).await;
    if private {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Staff paths, personal paths, every answer to a write (it may show a new
/// receipt, token or link) and anything asked with staff credentials (a
/// public page may show a signed-in staff member's name or menu).
pub fn must_not_store(method: &Method, path: &str, credentials: bool) -> bool {
    let writes = !matches!(*method, Method::GET | Method::HEAD);
    writes || is_private_path(path) || (credentials && !is_static_file(path))
}

/// `path` is `prefix` or below it (`/admin` covers `/admin/x`, not `/administrator`).
fn under(path: &str, prefix: &str) -> bool {
    path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
}

fn is_private_path(path: &str) -> bool {
    if ["/admin", "/styring", "/login", "/logout", "/adgangskode", "/kvittering"].iter().any(|p| under(path, p)) {
        return true;
    }
    if let Some(api) = path.strip_prefix("/api/v1") {
        let staff_only =
            api.strip_prefix("/municipalities/").and_then(|rest| rest.split_once('/')).is_some_and(|(_, area)| area.starts_with("summary"));
        return staff_only || ["/me", "/session", "/receipts", "/workshops"].iter().any(|p| under(api, p));
    }
    // Server functions answer staff pages' loaders.
    is_server_fn_path(path)
}

/// Static files have a dot in their last segment; pages and the API never do
/// (except exports like `summary.csv`, which are private paths anyway).
fn is_static_file(path: &str) -> bool {
    !path.starts_with("/api/") && path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_and_personal_answers_are_not_stored() {
        let get = |path: &str| must_not_store(&Method::GET, path, false);
        for path in [
            "/admin",
            "/admin/demo/noegler",
            "/admin/kommuner",
            "/styring/demo",
            "/styring/demo/rapport",
            "/login",
            "/adgangskode/abc",
            "/kvittering",
            "/kvittering/ABCD-EFGH",
            "/api/v1/me",
            "/api/v1/session",
            "/api/v1/receipts/ABCD",
            "/api/v1/municipalities/demo/summary",
            "/api/v1/municipalities/demo/summary.csv",
            "/api/v1/workshops/3/export.csv",
            "/api/v1/workshops/3",
            "/api/admin_staff123",
        ] {
            assert!(get(path), "{path}");
        }
        for path in ["/", "/k/demo", "/k/demo/s/fgu", "/api/v1/municipalities/demo/services", "/pkg/stemme.js", "/administrator", "/w"] {
            assert!(!get(path), "{path} may be cached");
        }
        assert!(must_not_store(&Method::POST, "/k/demo/foreslaa", false), "answers to writes");
        assert!(must_not_store(&Method::GET, "/k/demo", true), "anything asked with staff credentials");
        assert!(!must_not_store(&Method::GET, "/pkg/stemme.wasm", true), "static files keep their caching");
    }
}
