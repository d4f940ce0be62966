//! `GET /api/v1/openapi.json` on both engines: served as JSON, lists exactly
//! the routes `api::router()` mounts, and documents where each really is.

use crate::common::{client, spawn_app, Engine, TestApp, TestDb};
use serde_json::Value;
use std::collections::BTreeSet;

/// Every (method, path) `server::api::router()` mounts under `/api/v1`,
/// kept by hand: a route added there must be added here and documented.
/// The document does not describe itself (`/openapi.json`).
const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/municipalities/{m}/services"),
    ("get", "/api/v1/municipalities/{m}/services/{s}"),
    ("get", "/api/v1/municipalities/{m}/questions"),
    ("get", "/api/v1/municipalities/{m}/principles"),
    ("post", "/api/v1/municipalities/{m}/services/{s}/ratings"),
    ("get", "/api/v1/municipalities/{m}/proposals"),
    ("post", "/api/v1/municipalities/{m}/proposals"),
    ("get", "/api/v1/municipalities/{m}/results"),
    ("post", "/api/v1/municipalities/{m}/comments/{id}/moderation"),
    ("get", "/api/v1/receipts/{code}"),
    ("get", "/api/v1/proposals/{id}"),
    ("post", "/api/v1/proposals/{id}/stance"),
    ("post", "/api/v1/proposals/{id}/comments"),
    ("post", "/api/v1/proposals/{id}/moderation"),
    ("post", "/api/v1/proposals/{id}/status"),
    ("post", "/api/v1/session"),
    ("delete", "/api/v1/session"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/municipalities/{m}/summary"),
    ("get", "/api/v1/municipalities/{m}/summary.csv"),
    ("get", "/api/v1/municipalities/{m}/tables/{table}"),
    ("post", "/api/v1/municipalities/{m}/workshops"),
    ("post", "/api/v1/workshops/join"),
    ("get", "/api/v1/workshops/{id}"),
    ("post", "/api/v1/workshops/{id}/advance"),
    ("post", "/api/v1/workshops/{id}/responses"),
    ("get", "/api/v1/workshops/{id}/events"),
    ("get", "/api/v1/workshops/{id}/export.csv"),
];

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

async fn document(app: &TestApp) -> Value {
    client().get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.expect("the document is JSON")
}

/// Every documented (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let paths = doc["paths"].as_object().expect("paths");
    let mut ops = Vec::new();
    for (path, item) in paths {
        for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
            ops.push((method.to_string(), path.clone(), item[*method].clone()));
        }
    }
    ops
}

async fn the_document_is_served_as_json(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let r = client().get(app.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
    assert_eq!(doc["info"]["title"], "Stemme API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["session_cookie"]["name"], "stemme_session");
    assert_eq!(schemes["api_token"]["scheme"], "bearer");
}

async fn every_route_is_documented_and_nothing_else(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let documented: BTreeSet<(String, String)> = operations(&document(&app).await).into_iter().map(|(m, p, _)| (m, p)).collect();
    let mounted: BTreeSet<(String, String)> = ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(mounted.difference(&documented).collect::<Vec<_>>(), Vec::<&(String, String)>::new(), "mounted, not documented");
    assert_eq!(documented.difference(&mounted).collect::<Vec<_>>(), Vec::<&(String, String)>::new(), "documented, not mounted");
}

async fn every_operation_documents_an_error_and_a_unique_id(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let mut ids = BTreeSet::new();
    for (method, path, op) in operations(&document(&app).await) {
        let statuses: Vec<&String> = op["responses"].as_object().expect("responses").keys().collect();
        assert!(statuses.iter().any(|s| s.starts_with('4')), "{method} {path}: {statuses:?}");
        assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{method} {path} has a tag");
        assert!(ids.insert(op["operationId"].to_string()), "{method} {path}: operationId {} is taken", op["operationId"]);
    }
}

/// The API's fallback (404 "No such API endpoint.") or 405 would mean the
/// document names a route the router does not have.
async fn documented_routes_are_mounted_there(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    for (method, path, _) in operations(&document(&app).await) {
        let url = path.replace("{m}", "demo").replace("{s}", "fgu").replace("{id}", "1").replace("{code}", "NOPE");
        let r = c.request(method.to_uppercase().parse().unwrap(), app.url(&url)).json(&serde_json::json!({})).send().await.unwrap();
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        assert_ne!(status, 405, "{method} {path}");
        assert!(!(status == 404 && body["error"] == "No such API endpoint."), "{method} {path} is not mounted");
    }
}

both_engines!(
    the_document_is_served_as_json,
    every_route_is_documented_and_nothing_else,
    every_operation_documents_an_error_and_a_unique_id,
    documented_routes_are_mounted_there,
);
