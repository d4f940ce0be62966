//! Workshop fan-out benchmark: N participants in one workshop hold event
//! streams open and vote about once a second; one presenter stream measures
//! vote-to-presenter latency. Run by `bench/workshop.sh` against release
//! servers (one instance, or two sharing PostgreSQL).
//!
//!   workshop_fanout --servers http://127.0.0.1:3101[,http://…:3102] --email f@x.dk
//!                   --password … --participants 2000 --seconds 30 [--pids 123,456]
//!
//! A vote's latency is the time from sending it until the presenter receives
//! the first snapshot read after the vote was committed (`read_at_ms` ≥ the
//! answer's `saved_at_ms`), so it is never flattered. Prints one line of
//! figures.

use futures::StreamExt;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_string())
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

fn rss_kib(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

/// Reads `snapshot` events from a stream, calling `on` with (arrival ms, data).
async fn follow(response: reqwest::Response, mut on: impl FnMut(i64, &str)) {
    let mut stream = response.bytes_stream();
    let mut buffer = String::new();
    while let Some(Ok(chunk)) = stream.next().await {
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) {
                on(now_ms(), data.trim());
            }
        }
    }
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return -1;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let servers: Vec<String> = arg("--servers", "http://127.0.0.1:3000").split(',').map(str::to_string).collect();
    let (email, password) = (arg("--email", "facilitator@demo.dk"), arg("--password", ""));
    let n: usize = arg("--participants", "2000").parse().expect("--participants");
    let seconds: u64 = arg("--seconds", "30").parse().expect("--seconds");
    let pids: Vec<String> = arg("--pids", "").split(',').filter(|p| !p.is_empty()).map(str::to_string).collect();
    let http = reqwest::Client::builder().pool_max_idle_per_host(4096).timeout(Duration::from_secs(120)).build().expect("client");
    let streams = reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("client");

    // The facilitator signs in on the last server, prepares and starts a poll.
    let staff = reqwest::Client::builder().cookie_store(true).build().expect("client");
    let last = servers.last().expect("a server").clone();
    let r =
        staff.post(format!("{last}/api/v1/session")).json(&json!({"email": email, "password": password})).send().await.expect("sign in");
    assert_eq!(r.status(), 200, "sign-in");
    let plan = json!({"title": "Fan-out", "activities": [{"kind": "poll", "options": ["A", "B", "C", "D"]}]});
    let created: Value = staff
        .post(format!("{last}/api/v1/municipalities/demo/workshops"))
        .json(&plan)
        .send()
        .await
        .expect("create")
        .json()
        .await
        .expect("json");
    let (id, code) = (created["id"].as_i64().expect("id"), created["code"].as_str().expect("code").to_string());

    // Everyone joins (spread over the servers) and keeps a stream open.
    let rss_before: Vec<u64> = pids.iter().map(|p| rss_kib(p)).collect();
    let mut cookies = Vec::with_capacity(n);
    for i in 0..n {
        let base = &servers[i % servers.len()];
        let r = http.post(format!("{base}/api/v1/workshops/join")).json(&json!({"code": code})).send().await.expect("join");
        assert_eq!(r.status(), 200, "join {i}");
        let cookie = r.headers()["set-cookie"].to_str().expect("cookie").split(';').next().expect("cookie").to_string();
        cookies.push(cookie);
    }
    let events = Arc::new(AtomicU64::new(0));
    for (i, cookie) in cookies.iter().enumerate() {
        let base = servers[i % servers.len()].clone();
        let r = streams.get(format!("{base}/api/v1/workshops/{id}/events")).header("cookie", cookie).send().await.expect("stream");
        assert_eq!(r.status(), 200, "stream {i}");
        let events = events.clone();
        tokio::spawn(follow(r, move |_, _| {
            events.fetch_add(1, Ordering::Relaxed);
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_after: Vec<u64> = pids.iter().map(|p| rss_kib(p)).collect();

    // The presenter watches on the last server.
    let snapshots: Arc<Mutex<Vec<(i64, i64)>>> = Arc::default();
    let r = staff.get(format!("{last}/api/v1/workshops/{id}/events")).send().await.expect("presenter");
    {
        let snapshots = snapshots.clone();
        tokio::spawn(follow(r, move |at, data| {
            if let Ok(v) = serde_json::from_str::<Value>(data) {
                snapshots.lock().expect("lock").push((v["read_at_ms"].as_i64().unwrap_or(0), at));
            }
        }));
    }
    let r = staff.post(format!("{last}/api/v1/workshops/{id}/advance")).send().await.expect("start");
    assert_eq!(r.status(), 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    events.store(0, Ordering::Relaxed);

    // Votes: each participant about once a second, spread evenly.
    // (sent, committed on the server, answered) per vote, in ms.
    let votes: Arc<Mutex<Vec<(i64, i64, i64)>>> = Arc::default();
    let failures = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (i, cookie) in cookies.into_iter().enumerate() {
        let (http, votes, failures) = (http.clone(), votes.clone(), failures.clone());
        let url = format!("{}/api/v1/workshops/{id}/responses", servers[i % servers.len()]);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis((i as u64 * 1000) / n as u64)).await;
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            let mut k = i;
            while Instant::now() < deadline {
                tick.tick().await;
                k += 1;
                let sent = now_ms();
                let saved = match http.post(&url).header("cookie", &cookie).json(&json!({"activity": 0, "value": k % 4})).send().await {
                    Ok(r) if r.status() == 201 => r.json::<Value>().await.ok().and_then(|v| v["saved_at_ms"].as_i64()),
                    _ => None,
                };
                match saved {
                    Some(at) => votes.lock().expect("lock").push((sent, at, now_ms())),
                    None => {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(2)).await;

    let snaps = snapshots.lock().expect("lock").clone();
    let votes = votes.lock().expect("lock").clone();
    let mut latencies: Vec<i64> = votes
        .iter()
        .filter_map(|(sent, saved, _)| snaps.iter().find(|(read, _)| read >= saved).map(|(_, arrived)| arrived - sent))
        .collect();
    latencies.sort_unstable();
    let mut answered: Vec<i64> = votes.iter().map(|(sent, _, back)| back - sent).collect();
    answered.sort_unstable();
    let presenter_rate = snaps.len() as f64 / elapsed;
    let fanned = events.load(Ordering::Relaxed);
    let per_conn: Vec<String> = rss_before
        .iter()
        .zip(&rss_after)
        .map(|(b, a)| format!("{:.1}", (a.saturating_sub(*b) as f64) * 1024.0 / (n as f64 / servers.len() as f64) / 1024.0))
        .collect();
    println!(
        "instances={} participants={n} votes={} failed={} votes/s={:.0} ack95={} ms vote→presenter p50={} ms p95={} ms p99={} ms max={} ms \
         presenter_snapshots/s={:.1} phone_events={} ({:.0}/s) rss_before_kib={:?} rss_after_kib={:?} kib_per_stream={:?}",
        servers.len(),
        votes.len(),
        failures.load(Ordering::Relaxed),
        votes.len() as f64 / elapsed,
        percentile(&answered, 0.95),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(-1),
        presenter_rate,
        fanned,
        fanned as f64 / elapsed,
        rss_before,
        rss_after,
        per_conn
    );
}
