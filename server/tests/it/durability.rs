//! Nothing acknowledged is lost: a `kill -9` under load, and 200 clients at
//! once, on both engines.

use crate::common::{spawn_app, Engine, TestDb};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(crate) fn start_binary(db_url: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_stemme"))
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}"), "--database-url", db_url])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start stemme")
}

pub(crate) async fn wait_healthy(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(r) = reqwest::get(format!("{base}/healthz")).await {
            if r.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not become healthy");
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn acknowledged_ratings_survive_kill_9(engine: Engine) {
    let db = TestDb::new(engine).await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = start_binary(&db.url, port);
    wait_healthy(&base).await;

    let acked: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..8 {
        let (acked, stop, base) = (acked.clone(), stop.clone(), base.clone());
        writers.push(tokio::spawn(async move {
            let url = format!("{base}/api/v1/municipalities/demo/services/fgu/ratings");
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let comment = format!("crash-{w}-{i}");
                // A fresh client per rating: a new device, so a new rating.
                let sent = reqwest::Client::new()
                    .post(&url)
                    .timeout(Duration::from_secs(5))
                    .json(&json!({ "answers": { "listened": 1 + i % 5 }, "comment": comment }))
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == 201 => {
                        if let Ok(v) = r.json::<Value>().await {
                            acked.lock().unwrap().push((v["id"].as_i64().unwrap(), comment));
                        }
                    }
                    Ok(r) => assert!(r.status().as_u16() < 500, "server error {}", r.status()),
                    Err(_) => {} // the server is gone: nothing was acknowledged
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    child.kill().expect("kill -9"); // SIGKILL on Unix
    child.wait().unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }

    let mut child = start_binary(&db.url, port);
    wait_healthy(&base).await;
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() > 20, "the load ran ({} acknowledged)", acked.len());
    let store = app::store::connect(&db.url).await.unwrap();
    for (id, comment) in &acked {
        let r = store.rating(*id).await.unwrap().unwrap_or_else(|| panic!("acknowledged rating {id} was lost"));
        assert_eq!(r.comment.as_deref(), Some(comment.as_str()));
        assert_eq!(r.answers.len(), 1);
    }
    child.kill().unwrap();
    child.wait().unwrap();
    eprintln!("{engine:?}: {} acknowledged ratings all survived kill -9", acked.len());
}

/// 200 young people at once, each on their own phone (cookie jar): a rating
/// and a stance on the same proposal. 0 lost, 0 5xx.
async fn two_hundred_clients_at_once(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let created: Value = crate::common::client()
        .post(app.url("/api/v1/municipalities/demo/proposals"))
        .json(&json!({ "kind": "idea", "title": "Flere busser om aftenen", "text": "Bussen kører for sjældent efter klokken 20." }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let proposal = created["id"].as_i64().expect("proposal id");
    let rating_url = app.url("/api/v1/municipalities/demo/services/jobcenter/ratings");
    let stance_url = app.url(&format!("/api/v1/proposals/{proposal}/stance"));
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let (rating_url, stance_url) = (rating_url.clone(), stance_url.clone());
            tokio::spawn(async move {
                let phone = crate::common::client();
                let rating = phone.post(&rating_url).json(&json!({ "answers": { "overall": 1 + i % 5, "contact_person": "yes" } }));
                let stance = phone.post(&stance_url).json(&json!({ "stance": if i % 3 == 0 { "against" } else { "for" } }));
                let (r, s) = tokio::join!(rating.send(), stance.send());
                (r.unwrap().status().as_u16(), s.unwrap().status().as_u16())
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let bad: Vec<_> = statuses.iter().filter(|(r, s)| *r != 201 || *s != 200).collect();
    assert!(bad.is_empty(), "every rating 201 and every stance 200: {bad:?}");
    let v: Value = reqwest::get(app.url("/api/v1/municipalities/demo/services/jobcenter")).await.unwrap().json().await.unwrap();
    assert_eq!(v["ratings"], 200, "0 ratings lost");
    let p: Value = reqwest::get(app.url(&format!("/api/v1/proposals/{proposal}"))).await.unwrap().json().await.unwrap();
    let against = (0..200).filter(|i| i % 3 == 0).count();
    assert_eq!(
        p["support"],
        json!({ "for": 200 - against, "for_under_5": false, "against": against, "against_under_5": false }),
        "0 stances lost"
    );
}

both_engines!(acknowledged_ratings_survive_kill_9, two_hundred_clients_at_once);
