//! Workshop limits: joins and answers per device first and per address
//! generously, wrong codes per device, event streams per participant, and
//! revealed results that move only by five answers at a time.

use crate::common::{add_staff, client, signed_in, spawn_app, spawn_app_with, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};
use std::time::Duration;

async fn proxied(db: &TestDb) -> TestApp {
    spawn_app_with(db, |a| a.client_ip_header = Some("x-forwarded-for".into())).await
}

/// A signed-in facilitator and a running one-poll workshop: (staff, id, code).
async fn running_poll(app: &TestApp, db: &TestDb) -> (reqwest::Client, i64, String) {
    add_staff(&db.url, "f@demo.dk", Some("demo"), &[Role::Facilitator], PASSWORD).await;
    let staff = signed_in(app, "f@demo.dk").await;
    let plan = json!({"title": "Grænser", "activities": [{"kind": "poll", "options": ["A", "B", "C"]}]});
    let r = staff.post(app.url("/api/v1/municipalities/demo/workshops")).json(&plan).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    let (id, code) = (v["id"].as_i64().unwrap(), v["code"].as_str().unwrap().to_string());
    let r = staff.post(app.url(&format!("/api/v1/workshops/{id}/advance"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    (staff, id, code)
}

async fn join_as(app: &TestApp, c: &reqwest::Client, code: &str, from: &str) -> u16 {
    let r = c.post(app.url("/api/v1/workshops/join")).header("x-forwarded-for", from).json(&json!({ "code": code })).send().await.unwrap();
    r.status().as_u16()
}

async fn answer_as(app: &TestApp, c: &reqwest::Client, id: i64, value: usize, from: &str) -> u16 {
    let r = c
        .post(app.url(&format!("/api/v1/workshops/{id}/responses")))
        .header("x-forwarded-for", from)
        .json(&json!({ "activity": 0, "value": value }))
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

/// The index of the first 429 in `n` tries, if any.
async fn first_refusal<F: std::future::Future<Output = u16>>(n: usize, mut attempt: impl FnMut(usize) -> F) -> Option<usize> {
    for i in 0..n {
        if attempt(i).await == 429 {
            return Some(i);
        }
    }
    None
}

async fn one_script_cannot_join_or_answer_650_times(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = proxied(&db).await;
    let (_, id, code) = running_poll(&app, &db).await;
    // No cookies at all: every join would be a new participant.
    let raw = reqwest::Client::new();
    let at = first_refusal(650, |_| join_as(&app, &raw, &code, "10.1.0.1")).await;
    assert!(at.is_some_and(|i| i >= 30 && i <= 300), "cookieless joins from one address: {at:?}");
    // One cookie, joining again and again.
    let phone = client();
    let at = first_refusal(650, |_| join_as(&app, &phone, &code, "10.1.0.2")).await;
    assert!(at.is_some_and(|i| i <= 30), "one device's joins: {at:?}");
    // One joined phone voting as fast as it can.
    let at = first_refusal(650, |i| answer_as(&app, &phone, id, i % 3, "10.1.0.2")).await;
    assert!(at.is_some_and(|i| i >= 5 && i <= 60), "one device's answers: {at:?}");
    let at = first_refusal(650, |i| answer_as(&app, &raw, id, i % 3, "10.1.0.3")).await;
    assert!(at.is_some_and(|i| i <= 60), "cookieless answers: {at:?}");
    // The JSON API says so in JSON, with a message a person can act on.
    for path in ["/api/v1/workshops/join".to_string(), format!("/api/v1/workshops/{id}/responses")] {
        let r = raw.post(app.url(&path)).header("x-forwarded-for", "10.1.0.3").json(&json!({ "code": code })).send().await.unwrap();
        if r.status() == 429 {
            let body: serde_json::Value = r.json().await.expect("a JSON body");
            assert!(body["error"].as_str().is_some_and(|e| e.contains("Vent")), "{path}: {body}");
        }
    }
    let mut refused = None;
    for _ in 0..650 {
        let r = raw
            .post(app.url("/api/v1/workshops/join"))
            .header("x-forwarded-for", "10.1.0.9")
            .json(&json!({ "code": code }))
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            refused = Some(r.json::<serde_json::Value>().await.expect("a JSON body for a refused join"));
            break;
        }
    }
    let body = refused.expect("joins from one address are refused at last");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("Vent")), "{body}");
}

async fn one_guessing_device_does_not_lock_out_the_class(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = proxied(&db).await;
    let (_, _, code) = running_poll(&app, &db).await;
    let school = "10.2.0.1";
    let guesser = client();
    let mut statuses = Vec::new();
    for _ in 0..25 {
        statuses.push(join_as(&app, &guesser, "CCCCCC", school).await);
    }
    assert_eq!(statuses.last(), Some(&429), "the guessing device is stopped: {statuses:?}");
    // A script without cookies guesses too, from the same network.
    let raw = reqwest::Client::new();
    for _ in 0..25 {
        join_as(&app, &raw, "CCCCCD", school).await;
    }
    for pupil in 0..5 {
        assert_eq!(join_as(&app, &client(), &code, school).await, 200, "pupil {pupil} still joins");
    }
    assert_eq!(join_as(&app, &guesser, &code, school).await, 429, "the guesser waits, even with the right code");
}

async fn a_class_of_30_behind_one_address_joins_votes_and_follows(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let (_, id, code) = running_poll(&app, &db).await;
    let joins = (0..30).map(|_| {
        let (url, code) = (app.url("/api/v1/workshops/join"), code.clone());
        tokio::spawn(async move {
            let c = client();
            let status = c.post(url).json(&json!({ "code": code })).send().await.unwrap().status().as_u16();
            (status, c)
        })
    });
    let mut phones = Vec::new();
    for j in joins.collect::<Vec<_>>() {
        let (status, c) = j.await.unwrap();
        assert_eq!(status, 200, "every pupil joins");
        phones.push(c);
    }
    // Everyone changes their mind a few times in a burst, all at once.
    let votes = phones.iter().cloned().enumerate().map(|(i, c)| {
        let url = app.url(&format!("/api/v1/workshops/{id}/responses"));
        tokio::spawn(async move {
            let mut statuses = Vec::new();
            for k in 0..8 {
                let r = c.post(&url).json(&json!({ "activity": 0, "value": (i + k) % 3 })).send().await.unwrap();
                statuses.push(r.status().as_u16());
            }
            statuses
        })
    });
    for v in votes.collect::<Vec<_>>() {
        let statuses = v.await.unwrap();
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    }
    let mut streams = Vec::new();
    for p in &phones {
        let r = p.get(app.url(&format!("/api/v1/workshops/{id}/events"))).send().await.unwrap();
        assert_eq!(r.status(), 200, "every phone follows the room");
        streams.push(r);
    }
}

async fn one_participant_cannot_hold_50_streams(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = proxied(&db).await;
    let (_, id, code) = running_poll(&app, &db).await;
    let phone = client();
    assert_eq!(join_as(&app, &phone, &code, "10.3.0.1").await, 200);
    let open = || phone.get(app.url(&format!("/api/v1/workshops/{id}/events"))).header("x-forwarded-for", "10.3.0.1").send();
    let mut streams = Vec::new();
    let mut refused = None;
    for _ in 0..50 {
        let r = open().await.unwrap();
        if r.status() == 429 {
            refused = Some(r);
            break;
        }
        assert_eq!(r.status(), 200);
        streams.push(r);
    }
    let refused = refused.expect("a cap on streams per participant");
    assert!(streams.len() <= 5, "{} streams held", streams.len());
    assert!(refused.headers().contains_key("retry-after"));
    let v: Value = refused.json().await.unwrap();
    assert!(v["error"].as_str().unwrap().contains("åben"), "{v}");
    // Closing the streams gives the slots back.
    drop(streams);
    let mut again = 0;
    loop {
        let r = open().await.unwrap();
        if r.status() == 200 {
            break;
        }
        again += 1;
        assert!(again < 100, "a closed stream's slot comes back");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn revealed_results_move_only_by_five_answers(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let (staff, id, code) = running_poll(&app, &db).await;
    let mut phones = Vec::new();
    for _ in 0..9 {
        let c = client();
        assert_eq!(join_as(&app, &c, &code, "x").await, 200);
        phones.push(c);
    }
    for p in &phones[..5] {
        assert_eq!(answer_as(&app, p, id, 0, "x").await, 201);
    }
    let r = staff.post(app.url(&format!("/api/v1/workshops/{id}/advance"))).json(&json!({"command": "reveal"})).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let results = || async {
        let v: Value = phones[0].get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().json().await.unwrap();
        v["results"].clone()
    };
    assert_eq!(results().await, json!({"kind": "poll", "counts": [5, 0, 0]}));
    // One new vote, then one changed vote, then two more: four people moved, nothing is re-released.
    for (phone, value) in [(5, 1), (0, 2), (6, 1), (7, 1)] {
        assert_eq!(answer_as(&app, &phones[phone], id, value, "x").await, 201);
        assert_eq!(results().await, json!({"kind": "poll", "counts": [5, 0, 0]}), "after phone {phone}");
    }
    // The fifth person since the last release: the figure moves, by all five.
    assert_eq!(answer_as(&app, &phones[8], id, 1, "x").await, 201);
    assert_eq!(results().await, json!({"kind": "poll", "counts": [4, 4, 1]}));
}

crate::both_engines!(
    one_script_cannot_join_or_answer_650_times,
    one_guessing_device_does_not_lock_out_the_class,
    a_class_of_30_behind_one_address_joins_votes_and_follows,
    one_participant_cannot_hold_50_streams,
    revealed_results_move_only_by_five_answers,
);
