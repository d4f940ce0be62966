//! Issue 16, item 13: a text that names a person or gives a street address
//! is not published before a moderator has read it.

use crate::common::{add_staff, client, count_sql, signed_in, spawn_app, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};

async fn post(c: &reqwest::Client, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
    let r = c.post(app.url(path)).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn page(c: &reqwest::Client, app: &TestApp, path: &str) -> String {
    c.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

async fn a_named_person_waits_for_a_moderator(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let moderator = signed_in(&app, "mod@demo.dk").await;

    // A proposal naming a person: not public until approved.
    let text = "Karin fra jobcentret sagde, at jeg hedder Mads Jensen i systemet";
    let (status, p) =
        post(&client(), &app, "/api/v1/municipalities/demo/proposals", json!({ "kind": "idea", "title": "Bedre møder", "text": text }))
            .await;
    assert_eq!((status, p["moderation"].as_str()), (201, Some("pending")), "{p}");
    let id = p["id"].as_i64().unwrap();
    assert!(!page(&client(), &app, "/api/v1/municipalities/demo/proposals").await.contains("Karin"));
    assert!(!page(&client(), &app, "/k/demo/forslag").await.contains("Karin"));
    assert_eq!(client().get(app.url(&format!("/api/v1/proposals/{id}"))).send().await.unwrap().status(), 404);

    // An address too.
    let (_, a) = post(
        &client(),
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({ "kind": "idea", "title": "Kom forbi", "text": "Jeg bor på Vestergade 12, 2. th" }),
    )
    .await;
    assert_eq!(a["moderation"], "pending", "{a}");

    // A rating comment naming a person: held.
    let (status, _) = post(
        &client(),
        &app,
        "/api/v1/municipalities/demo/services/fgu/ratings",
        json!({ "answers": { "overall": 4 }, "comment": "Karin fra jobcentret var sød" }),
    )
    .await;
    assert_eq!(status, 201);
    let held = "SELECT COUNT(*) FROM ratings WHERE comment_moderation = 'pending'";
    assert_eq!(count_sql(&db.url, held).await, 1, "the rating comment waits for a moderator");

    // The queue says why.
    let queue = page(&moderator, &app, "/admin/demo/moderation").await;
    assert!(queue.contains("Kan nævne en person") && queue.contains("Kan være en adresse"), "{queue}");
    let path = format!("/api/v1/proposals/{id}/moderation");
    assert_eq!(post(&moderator, &app, &path, json!({ "decision": "approve" })).await.0, 200);
    assert!(page(&client(), &app, "/api/v1/municipalities/demo/proposals").await.contains("Karin"), "public once approved");

    // Ordinary text is published at once.
    let (_, ok) = post(
        &client(),
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({ "kind": "idea", "title": "Per uge", "text": "Hans mor siger, at vi skal have mere vejledning per uge" }),
    )
    .await;
    assert_eq!(ok["moderation"], "approved", "{ok}");
}

crate::both_engines!(a_named_person_waits_for_a_moderator);
