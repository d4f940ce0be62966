//! Security headers on every kind of response, and cross-site writes refused.

use crate::common::{client, spawn_app, Engine, TestDb};
use serde_json::json;

async fn every_response_has_security_headers(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    for path in [
        "/",
        "/k/demo/s/fgu",
        "/api/v1/municipalities/demo/services",
        "/healthz",
        "/nope",
        "/api/v1/nope",
        "/login",
        "/admin",
        "/api/v1/me",
    ] {
        let r = c.get(app.url(path)).send().await.unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h.contains_key("permissions-policy"), "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("base-uri 'none'"), "{path}: {csp}");
        assert!(!h.contains_key("strict-transport-security"), "no HSTS over plain http");
    }
}

async fn pages_get_a_fresh_nonce_that_matches_their_scripts(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let nonce_of = |csp: &str| csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).map(str::to_string);
    let r1 = c.get(app.url("/k/demo/s/fgu")).send().await.unwrap();
    let n1 = nonce_of(r1.headers()["content-security-policy"].to_str().unwrap()).expect("page CSP has a nonce");
    let html = r1.text().await.unwrap();
    assert!(html.contains(&format!(r#"nonce="{n1}""#)), "the page's scripts carry the header's nonce");
    let r2 = c.get(app.url("/k/demo/s/fgu")).send().await.unwrap();
    let n2 = nonce_of(r2.headers()["content-security-policy"].to_str().unwrap()).unwrap();
    assert_ne!(n1, n2, "a new nonce per response");
}

async fn cross_site_writes_are_refused(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let url = app.url("/api/v1/municipalities/demo/services/fgu/ratings");
    let body = json!({ "answers": { "listened": 4 } });
    let r = c.post(&url).header("sec-fetch-site", "cross-site").json(&body).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = c.post(&url).header("origin", "https://evil.example").json(&body).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r =
        c.post(app.url("/k/demo/s/fgu")).header("sec-fetch-site", "cross-site").form(&[("answers.listened", "4")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = c.post(app.url("/sprog")).header("origin", "https://evil.example").form(&[("lang", "en")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    // Same-origin browsers and scripts without browser headers are let through.
    let r = c.post(&url).header("sec-fetch-site", "same-origin").json(&body).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let r = c.post(&url).header("origin", app.base.clone()).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let v: serde_json::Value = c.get(app.url("/api/v1/municipalities/demo/services/fgu")).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["ratings_under_5"], true);
    assert_eq!(crate::common::stored_ratings(&app.db_url, "fgu").await, 1, "refused writes stored nothing");
}

both_engines!(every_response_has_security_headers, pages_get_a_fresh_nonce_that_matches_their_scripts, cross_site_writes_are_refused);
