//! Live workshops: the event stream follows the room, across two instances
//! on PostgreSQL, and a restart keeps the room.

use super::{advance, answer, create, facilitator, join, snapshot, FACILITATOR};
use crate::common::{add_staff, signed_in, spawn_app, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};
use std::time::Duration;

/// Reads the next `snapshot` event from an event stream.
async fn next_event(r: &mut reqwest::Response, buffer: &mut String) -> Value {
    let read = async {
        loop {
            if let Some(end) = buffer.find("\n\n") {
                let event: String = buffer.drain(..end + 2).collect();
                if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) {
                    return serde_json::from_str::<Value>(data.trim()).unwrap();
                }
                continue;
            }
            let chunk = r.chunk().await.unwrap().expect("the stream stays open");
            buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    tokio::time::timeout(Duration::from_secs(15), read).await.expect("an event within 15 s")
}

async fn events(app: &TestApp, c: &reqwest::Client, id: i64) -> reqwest::Response {
    let r = c.get(app.url(&format!("/api/v1/workshops/{id}/events"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    r
}

async fn the_event_stream_follows_the_room(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let phone = join(&app, &code).await;
    let mut stream = events(&app, &phone, id).await;
    let mut buf = String::new();
    let first = next_event(&mut stream, &mut buf).await;
    assert_eq!(first["state"]["phase"], "waiting");
    advance(&app, &staff, id, "advance").await;
    let mut s = next_event(&mut stream, &mut buf).await;
    while s["state"]["phase"] != "running" {
        s = next_event(&mut stream, &mut buf).await;
    }
    assert_eq!(s["activity"]["kind"], "poll");
    assert_eq!(answer(&app, &phone, id, 0, json!(1)).await, 201);
    while s["answered"] != 1 {
        s = next_event(&mut stream, &mut buf).await;
    }
}

/// Two instances on one PostgreSQL: an answer on A reaches B's stream.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_live_updates() {
    let db = TestDb::new(Engine::Postgres).await;
    let a = spawn_app(&db).await;
    let b = spawn_app(&db).await;
    let staff_b = facilitator(&b, &db).await;
    let (id, code) = create(&b, &staff_b).await;
    let mut stream = events(&b, &staff_b, id).await;
    let mut buf = String::new();
    assert_eq!(next_event(&mut stream, &mut buf).await["participants"], 0);
    let phone = join(&a, &code).await;
    let mut s = next_event(&mut stream, &mut buf).await;
    while s["participants"] != 1 {
        s = next_event(&mut stream, &mut buf).await;
    }
    let staff_a = signed_in(&a, FACILITATOR).await;
    advance(&a, &staff_a, id, "advance").await;
    assert_eq!(answer(&a, &phone, id, 0, json!(2)).await, 201);
    while s["answered"] != 1 {
        s = next_event(&mut stream, &mut buf).await;
    }
    assert_eq!(s["state"]["phase"], "running");
}

async fn a_restart_keeps_the_room(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let phone = join(&app, &code).await;
    advance(&app, &staff, id, "advance").await;
    assert_eq!(answer(&app, &phone, id, 0, json!(1)).await, 201);
    app.kill();
    let app = spawn_app(&db).await;
    // Cookies are per host, not per port: the same phone comes back.
    let s = snapshot(&app, &phone, id).await;
    assert_eq!((s["state"]["phase"].as_str(), s["participants"].as_i64()), (Some("running"), Some(1)));
    assert_eq!(crate::common::dump_text(&db.url, "SELECT value FROM workshop_responses").await, "1", "the answer survived");
    assert_eq!(answer(&app, &phone, id, 0, json!(0)).await, 201, "the participant cookie still works");
    assert_eq!(crate::common::dump_text(&db.url, "SELECT value FROM workshop_responses").await, "0");
}

/// A moderator lets a held idea through: the room sees it without anyone
/// touching the workshop.
async fn a_moderated_idea_reaches_the_room(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let phone = join(&app, &code).await;
    for command in ["advance", "advance", "advance", "reveal"] {
        assert_eq!(advance(&app, &staff, id, command).await.status(), 200, "{command}");
    }
    assert_eq!(answer(&app, &phone, id, 2, json!("Jeg vil ikke leve mere")).await, 201);
    let mut stream = events(&app, &phone, id).await;
    let mut buf = String::new();
    let first = next_event(&mut stream, &mut buf).await;
    assert_eq!(first["results"]["ideas"], json!([]), "held for a moderator: {first}");
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let idea = crate::common::dump_text(&db.url, "SELECT CAST(id AS TEXT) FROM workshop_ideas").await;
    let form = [("target", "idea"), ("id", idea.as_str()), ("decision", "approve"), ("reason", "")];
    let r = moderator.post(app.url("/admin/demo/moderation")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let mut s = next_event(&mut stream, &mut buf).await;
    while s["results"]["ideas"] == json!([]) {
        s = next_event(&mut stream, &mut buf).await;
    }
    assert_eq!(s["results"]["ideas"], json!(["Jeg vil ikke leve mere"]));
}

both_engines!(the_event_stream_follows_the_room, a_restart_keeps_the_room, a_moderated_idea_reaches_the_room);
