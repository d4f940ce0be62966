//! What an operator sees: a request id on every answer (a proxy's own id
//! kept), and JSON log lines that carry it, with the route's pattern but never
//! a receipt code or a token from the path.

use crate::common::{Engine, TestDb};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_carry_the_request_id_and_no_codes_from_paths() {
    let db = TestDb::new(Engine::Sqlite).await;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stemme"))
        .args(["serve", "--demo", "--addr", "127.0.0.1:0", "--database-url", &db.url])
        .env("STEMME_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start stemme");
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let base = loop {
        let line = lines_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("the server starts");
        if let Some(at) = line.find("http://") {
            break line[at..].split_whitespace().next().unwrap_or_default().trim_end_matches(')').to_string();
        }
        seen.push(line);
    };

    let c = reqwest::Client::new();
    let own = c.get(format!("{base}/healthz")).header("x-request-id", "proxy-id-42").send().await.unwrap();
    assert_eq!(own.headers()["x-request-id"], "proxy-id-42", "a proxy's request id is kept");
    let fresh = c.get(format!("{base}/kvittering/HEMMELIG7")).send().await.unwrap();
    let fresh_id = fresh.headers().get("x-request-id").expect("every answer has a request id").to_str().unwrap().to_string();
    assert_eq!(fresh_id.len(), 36, "a UUID: {fresh_id}");

    // Collect the log lines of both requests.
    let deadline = Instant::now() + Duration::from_secs(20);
    let done = |id: &str, seen: &Vec<String>| seen.iter().any(|l| l.contains(id) && l.contains("request done"));
    while !(done("proxy-id-42", &seen) && done(&fresh_id, &seen)) {
        match lines_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();

    let events: Vec<Value> = seen.iter().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert!(!events.is_empty() && events.len() == seen.len(), "every log line is JSON: {seen:#?}");
    let done_for = |id: &str| {
        events
            .iter()
            .find(|e| e["message"] == "request done" && e["span"]["request_id"] == id)
            .unwrap_or_else(|| panic!("a 'request done' line for {id} in {seen:#?}"))
            .clone()
    };
    let health = done_for("proxy-id-42");
    assert_eq!(health["span"]["route"], "/healthz");
    assert_eq!(health["status"], 200);
    let receipt = done_for(&fresh_id);
    assert_eq!(receipt["span"]["route"], "/kvittering/{code}");
    assert!(seen.iter().all(|l| !l.contains("HEMMELIG7")), "the receipt code is in no log line");
}
