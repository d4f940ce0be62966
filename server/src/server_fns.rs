//! One guard in front of every server function (`/api/{name}{hash}`), so a
//! malformed call is a clear 4xx rather than server_fn's 500:
//! unknown function → 404, wrong method → 405, not urlencoded → 415, body
//! over the limit → 413, arguments that do not decode → 400. A real failure
//! stays 500, is logged, and tells the client nothing more.
//!
//! Bodies keep server_fn's own error encoding (`Variant|message`, and the
//! `serverfnerror` header), so the Leptos client still reads them as errors.

use crate::BODY_LIMIT;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::LazyLock;

const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";

/// Every registered server function's path and method. Registration happens
/// at start-up (inventory), before the first request can ask.
static REGISTERED: LazyLock<HashMap<&'static str, Method>> = LazyLock::new(|| leptos::server_fn::axum::server_fn_paths().collect());

/// Server functions share `/api/` with the JSON API, which has its own errors.
pub fn is_server_fn_path(path: &str) -> bool {
    path.starts_with("/api/") && !(path == "/api/v1" || path.starts_with("/api/v1/"))
}

pub async fn guard(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !is_server_fn_path(&path) {
        return next.run(req).await;
    }
    let Some(method) = REGISTERED.get(path.as_str()) else {
        return refuse(&path, StatusCode::NOT_FOUND, "Registration", "Den serverfunktion findes ikke. / No such server function.");
    };
    if req.method() != method {
        let mut res =
            refuse(&path, StatusCode::METHOD_NOT_ALLOWED, "Request", "Serverfunktionen tager ikke den metode. / Wrong HTTP method.");
        if let Ok(allow) = HeaderValue::from_str(method.as_str()) {
            res.headers_mut().insert(header::ALLOW, allow);
        }
        return res;
    }
    // Every `#[server]` of the app takes its arguments urlencoded (the default).
    let urlencoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded")));
    if *method != Method::GET && !urlencoded {
        let message = "Send argumenterne som application/x-www-form-urlencoded. / Send the arguments urlencoded.";
        return refuse(&path, StatusCode::UNSUPPORTED_MEDIA_TYPE, "Request", message);
    }
    let (parts, body) = req.into_parts();
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    let too_large = || refuse(&path, StatusCode::PAYLOAD_TOO_LARGE, "Request", "Forespørgslen er større end 16 KiB. / Body over 16 KiB.");
    if declared.is_some_and(|n| n > BODY_LIMIT) {
        return too_large();
    }
    // A read error other than the limit means the client went away; nobody
    // reads this answer then.
    let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else { return too_large() };
    let res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR || !res.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return res;
    }
    let encoded = match to_bytes(res.into_body(), BODY_LIMIT).await {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => e.to_string(),
    };
    let (variant, detail) = encoded.split_once('|').unwrap_or(("", encoded.as_str()));
    match variant {
        // server_fn reports arguments it cannot decode as these: the caller's mistake.
        "Args" | "MissingArg" | "Deserialization" => {
            tracing::info!(%path, %detail, "server function called with bad arguments");
            let detail: String = detail.chars().take(200).collect();
            let message = format!("Serverfunktionen fik forkerte eller manglende argumenter. / Bad or missing arguments ({detail}).");
            refuse(&path, StatusCode::BAD_REQUEST, "Args", &message)
        }
        _ => {
            tracing::error!(%path, error = %encoded, "server function failed");
            refuse(&path, StatusCode::INTERNAL_SERVER_ERROR, "ServerError", "Noget gik galt hos os. / Something went wrong on our side.")
        }
    }
}

fn refuse(path: &str, status: StatusCode, variant: &str, message: &str) -> Response {
    let mut res = (status, format!("{variant}|{message}")).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    if let Ok(p) = HeaderValue::from_str(path) {
        h.insert(SERVER_FN_ERROR_HEADER, p);
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn server_functions_are_told_apart_from_the_json_api() {
        assert!(super::is_server_fn_path("/api/load_chain123"));
        assert!(super::is_server_fn_path("/api/v1abc"));
        assert!(!super::is_server_fn_path("/api/v1"));
        assert!(!super::is_server_fn_path("/api/v1/me"));
        assert!(!super::is_server_fn_path("/k/demo"));
    }
}
