//! What a municipality's IT department runs it with: Prometheus metrics on
//! their own listener, readiness, and a shutdown that ends live streams and
//! finishes what is under way.

use crate::common::{client, spawn_app_with, Engine, TestDb, PASSWORD};
use crate::durability::{free_port, wait_healthy};
use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

async fn metrics_count_requests_ratings_and_resources(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app_with(&db, |a| a.metrics_addr = Some(([127, 0, 0, 1], 0).into())).await;
    let metrics = format!("http://{}/metrics", app.metrics_addr.expect("a metrics listener"));
    for _ in 0..2 {
        let r = client()
            .post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))
            .json(&json!({ "answers": { "listened": 4 } }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
    }
    let bad = client().post(app.url("/api/v1/municipalities/demo/services/fgu/ratings")).json(&json!({ "answers": {} })).send().await.unwrap();
    assert_eq!(bad.status(), 422);
    assert_eq!(client().get(app.url("/k/demo/s/fgu")).send().await.unwrap().status(), 200);
    assert_eq!(client().get(app.url("/readyz")).send().await.unwrap().status(), 200);
    // A receipt code in an unmatched path, and a made-up method.
    client().get(app.url("/kvittering-findes-ikke/HEMMELIG7")).send().await.unwrap();
    let odd = reqwest::Method::from_bytes(b"HEMMELIGMETODE").unwrap();
    client().request(odd, app.url("/k/demo/s/fgu")).send().await.unwrap();
    assert_eq!(client().get(app.url("/metrics")).send().await.unwrap().status(), 404, "not on the public listener");

    let r = client().get(&metrics).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/openmetrics-text"));
    let text = r.text().await.unwrap();
    let has = |line: &str| assert!(text.lines().any(|l| l == line), "{line:?} in\n{text}");
    has("stemme_ratings_stored_total 2");
    has(r#"stemme_http_requests_total{method="POST",route="/api/v1/municipalities/{m}/services/{s}/ratings",status="201"} 2"#);
    has(r#"stemme_http_requests_total{method="POST",route="/api/v1/municipalities/{m}/services/{s}/ratings",status="422"} 1"#);
    has(r#"stemme_http_requests_total{method="GET",route="/k/{m}/s/{s}",status="200"} 1"#);
    has("stemme_live_streams 0");
    has("stemme_queued_ratings 0");
    let rating_page_buckets = text.lines().filter(|l| l.starts_with("stemme_http_request_duration_seconds_bucket") && l.contains(r#"route="/k/{m}/s/{s}""#));
    assert!(rating_page_buckets.count() >= 10, "a latency histogram for the rating page: {text}");
    let pool: i64 = text.lines().find_map(|l| l.strip_prefix("stemme_db_pool_connections ")).unwrap().parse().unwrap();
    assert!(pool >= 1, "{text}");
    for secret in ["fgu", "demo", "HEMMELIG"] {
        assert!(!text.contains(secret), "{secret}: no slug, code or method a client made up is a label");
    }
    has(r#"stemme_http_requests_total{method="other",route="/k/{m}/s/{s}",status="405"} 1"#);
}

both_engines!(metrics_count_requests_ratings_and_resources);

/// SIGTERM: an open workshop stream ends (so the phone reconnects
/// elsewhere), `/readyz` answers 503 through the grace period, and the
/// process exits by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shutdown_ends_live_streams_and_exits() {
    let db = TestDb::new(Engine::Sqlite).await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_stemme"))
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}"), "--database-url", &db.url, "--shutdown-grace", "3"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start stemme");
    wait_healthy(&base).await;
    let mut add = Command::new(env!("CARGO_BIN_EXE_stemme"))
        .args(["user", "add", "--email", "fac@demo.dk", "--municipality", "demo", "--role", "facilitator", "--password-stdin"])
        .env("DATABASE_URL", &db.url)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(PASSWORD.as_bytes()).unwrap();
    assert!(add.wait().unwrap().success());
    let staff = client();
    let r = staff.post(format!("{base}/api/v1/session")).json(&json!({ "email": "fac@demo.dk", "password": PASSWORD })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let plan = json!({ "title": "Luk ned", "activities": [{ "kind": "poll", "title": "Hvad?", "options": ["A", "B"] }] });
    let r = staff.post(format!("{base}/api/v1/municipalities/demo/workshops")).json(&plan).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let mut stream = staff.get(format!("{base}/api/v1/workshops/{id}/events")).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.chunk().await.unwrap().is_some(), "the first snapshot");

    let term = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(term.success());
    let ended = tokio::time::timeout(Duration::from_secs(10), async { while let Ok(Some(_)) = stream.chunk().await {} }).await;
    assert!(ended.is_ok(), "the open stream ends when the server shuts down");
    // During the grace period the listener still answers, and says "not ready".
    let ready = client().get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503, "a load balancer is told to stop sending");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server exits by itself");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "{status}");
}
