//! Issue 16, items 1 and 2: what a stranger (or the young person) can read on
//! public pages, in their hydration data, from the public server functions
//! and from the public JSON: never a count of 1–4 young people, never a
//! moderator's private note, hold or urgency flag.

use crate::common::{add_staff, client, signed_in, spawn_app, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};

const NOTE: &str = "godkendt efter samtale med Mads Jensen";

async fn post(c: &reqwest::Client, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
    let r = c.post(app.url(path)).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn body(c: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let r = c.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

/// The URL a server function is POSTed to (Leptos adds a hash to the name).
fn server_fn_url(name: &str) -> String {
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    // The name, then only the hash's digits: `load_proposal` is not `load_proposals…`.
    let found = paths.iter().find(|p| {
        p.rsplit('/').next().and_then(|last| last.strip_prefix(name)).is_some_and(|hash| hash.bytes().all(|b| b.is_ascii_digit()))
    });
    found.unwrap_or_else(|| panic!("no server function {name} among {paths:?}")).to_string()
}

/// A server function's whole answer, called as the browser's hydration does.
async fn call(c: &reqwest::Client, app: &TestApp, name: &str, args: &[(&str, &str)]) -> String {
    let r = c.post(app.url(&server_fn_url(name))).form(args).send().await.unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, 200, "{name} {args:?}: {text}");
    text
}

fn no_moderator_data(what: &str, text: &str) {
    assert!(!text.contains("Mads Jensen"), "{what} carries the moderator's note: {text}");
    assert!(!text.contains("held_for"), "{what} carries why the text was held: {text}");
    assert!(!text.contains("urgent"), "{what} carries the urgency flag: {text}");
}

/// A proposal (held for a phone number, or for self-harm language) that a
/// moderator approves with a private note: (id, receipt).
async fn approved_with_note(app: &TestApp, moderator: &reqwest::Client, young: &reqwest::Client, title: &str, text: &str) -> (i64, String) {
    let (status, p) =
        post(young, app, "/api/v1/municipalities/demo/proposals", json!({ "kind": "idea", "title": title, "text": text })).await;
    assert_eq!((status, p["moderation"].as_str()), (201, Some("pending")), "{p}");
    let id = p["id"].as_i64().unwrap();
    let path = format!("/api/v1/proposals/{id}/moderation");
    assert_eq!(post(moderator, app, &path, json!({ "decision": "approve", "reason": NOTE })).await.0, 200);
    (id, p["receipt"].as_str().unwrap().to_string())
}

async fn moderators_notes_and_flags_stay_private(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    let young = client();
    let (held, receipt) = approved_with_note(&app, &moderator, &young, "Ring til mig", "Ring på 22 33 44 55").await;
    let (urgent, urgent_receipt) =
        approved_with_note(&app, &moderator, &young, "Ingen hører efter", "Nogle gange vil jeg ikke leve mere").await;
    let status = format!("/api/v1/proposals/{held}/status");
    assert_eq!(post(&manager, &app, &status, json!({ "status": "not_adopted", "reason": "Det kan vi ikke love." })).await.0, 200);
    let (_, c) = post(&young, &app, &format!("/api/v1/proposals/{urgent}/comments"), json!({ "text": "Mit nummer er 22334455" })).await;
    let cid = c["id"].as_i64().unwrap();
    let path = format!("/api/v1/municipalities/demo/comments/{cid}/moderation");
    assert_eq!(post(&moderator, &app, &path, json!({ "decision": "approve", "reason": NOTE })).await.0, 200);

    for who in [client(), young.clone()] {
        for page in ["/k/demo/forslag", "/k/demo/forslag?sort=besvaret", "/k/demo/forslag?sort=stoette", "/k/demo/resultater"] {
            no_moderator_data(page, &body(&who, &app, page).await);
        }
        for id in [held, urgent] {
            let page = format!("/k/demo/forslag/{id}");
            no_moderator_data(&page, &body(&who, &app, &page).await);
            let id = id.to_string();
            no_moderator_data("load_proposal", &call(&who, &app, "load_proposal", &[("m", "demo"), ("id", &id)]).await);
            no_moderator_data("GET /api/v1/proposals/{id}", &body(&who, &app, &format!("/api/v1/proposals/{id}")).await);
        }
        for sort in ["", "besvaret", "stoette"] {
            no_moderator_data("load_proposals", &call(&who, &app, "load_proposals", &[("m", "demo"), ("sort", sort)]).await);
            no_moderator_data("GET …/proposals", &body(&who, &app, &format!("/api/v1/municipalities/demo/proposals?sort={sort}")).await);
        }
        no_moderator_data("load_results", &call(&who, &app, "load_results", &[("m", "demo")]).await);
        no_moderator_data("GET …/results", &body(&who, &app, "/api/v1/municipalities/demo/results").await);
        // The author follows the outcome, but never reads a moderator's note or flags.
        for code in [&receipt, &urgent_receipt] {
            no_moderator_data("the receipt page", &body(&who, &app, &format!("/kvittering/{code}")).await);
            no_moderator_data("load_receipt", &call(&who, &app, "load_receipt", &[("code", code.as_str())]).await);
            no_moderator_data("GET /api/v1/receipts/{code}", &body(&who, &app, &format!("/api/v1/receipts/{code}")).await);
        }
    }
}

/// The rejection reason is written to the young person: the receipt keeps it.
async fn the_receipt_still_shows_a_rejection_reason(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let (_, p) =
        post(&client(), &app, "/api/v1/municipalities/demo/proposals", json!({ "kind": "idea", "title": "Hm", "text": "fucking dårligt" }))
            .await;
    let (id, code) = (p["id"].as_i64().unwrap(), p["receipt"].as_str().unwrap().to_string());
    let why = "Skriv uden bandeord, så viser vi det.";
    assert_eq!(
        post(&moderator, &app, &format!("/api/v1/proposals/{id}/moderation"), json!({ "decision": "reject", "reason": why })).await.0,
        200
    );
    let r: Value = serde_json::from_str(&body(&client(), &app, &format!("/api/v1/receipts/{code}")).await).unwrap();
    assert_eq!((r["moderation"].as_str(), r["moderation_reason"].as_str()), (Some("rejected"), Some(why)));
    assert!(body(&client(), &app, &format!("/kvittering/{code}")).await.contains(why));
}

/// An exact count of 1–4 in a page, its hydration data or JSON: `"name":3`
/// (also escaped inside a script string) or the visible labels.
fn no_small_count(what: &str, text: &str) {
    let plain = text.replace("\\\"", "\"").replace(": ", ":");
    for name in ["ratings", "support_for", "support_against", "comments", "for", "against"] {
        for n in 1..5 {
            assert!(
                !plain.contains(&format!("\"{name}\":{n},")) && !plain.contains(&format!("\"{name}\":{n}}}")),
                "{what}: {name} = {n} in {text}"
            );
        }
    }
    for label in ["2 støtter", "1 imod", "1 kommentar", "2 kommentarer", "Støt (2)", "Imod (1)", "Kommentarer (2)"] {
        assert!(!text.contains(label), "{what} shows \"{label}\"");
    }
}

async fn counts_under_5_are_never_exact(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let rating = "/api/v1/municipalities/demo/services/fgu/ratings";
    for _ in 0..3 {
        assert_eq!(post(&client(), &app, rating, json!({ "answers": { "overall": 4 } })).await.0, 201);
    }
    let service = body(&client(), &app, "/api/v1/municipalities/demo/services/fgu").await;
    no_small_count("GET …/services/fgu", &service);
    let v: Value = serde_json::from_str(&service).unwrap();
    assert_eq!((v["ratings"].clone(), v["ratings_under_5"].clone()), (Value::Null, json!(true)), "{v}");

    let young = client();
    let (_, p) = post(
        &young,
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({ "kind": "idea", "title": "Længere åbent", "text": "Åbent til kl. 20" }),
    )
    .await;
    let (id, code) = (p["id"].as_i64().unwrap(), p["receipt"].as_str().unwrap().to_string());
    let stance = format!("/api/v1/proposals/{id}/stance");
    for s in ["for", "for", "against"] {
        let (status, answer) = post(&client(), &app, &stance, json!({ "stance": s })).await;
        assert_eq!(status, 200);
        no_small_count("the stance answer", &answer.to_string());
    }
    for text in ["God idé", "Enig"] {
        assert_eq!(post(&client(), &app, &format!("/api/v1/proposals/{id}/comments"), json!({ "text": text })).await.0, 201);
    }
    for path in [
        "/k/demo/forslag".to_string(),
        "/k/demo/forslag?sort=stoette".to_string(),
        format!("/k/demo/forslag/{id}"),
        format!("/kvittering/{code}"),
        "/api/v1/municipalities/demo/proposals".to_string(),
        format!("/api/v1/proposals/{id}"),
        format!("/api/v1/receipts/{code}"),
        "/k/demo/s/fgu".to_string(),
        "/k/demo".to_string(),
    ] {
        no_small_count(&path, &body(&young, &app, &path).await);
    }
    let v: Value = serde_json::from_str(&body(&client(), &app, &format!("/api/v1/proposals/{id}")).await).unwrap();
    assert_eq!(v["support"], json!({ "for": null, "for_under_5": true, "against": null, "against_under_5": true }));
    assert_eq!((v["comments"].clone(), v["comments_under_5"].clone()), (Value::Null, json!(true)));
    assert!(body(&client(), &app, "/k/demo/forslag").await.contains("under 5"), "the page says \"under 5\"");

    // From 5 the count is exact again.
    for _ in 0..2 {
        post(&client(), &app, rating, json!({ "answers": { "overall": 4 } })).await;
    }
    let v: Value = serde_json::from_str(&body(&client(), &app, "/api/v1/municipalities/demo/services/fgu").await).unwrap();
    assert_eq!((v["ratings"].clone(), v["ratings_under_5"].clone()), (json!(5), json!(false)));
}

crate::both_engines!(moderators_notes_and_flags_stay_private, the_receipt_still_shows_a_rejection_reason, counts_under_5_are_never_exact);
