//! The JSON API on both engines: shapes, the rating rules and every bad input.

use crate::common::{client, spawn_app, Engine, TestDb};
use serde_json::{json, Value};

const RATINGS: &str = "/api/v1/municipalities/demo/services/fgu/ratings";

async fn post(c: &reqwest::Client, url: String, body: Value) -> (u16, Value) {
    let r = c.post(url).json(&body).send().await.expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// What is stored; the public answer says only "under 5" below 5 (issue 16).
async fn count(c: &reqwest::Client, app: &crate::common::TestApp, service: &str) -> i64 {
    let v: Value = c.get(app.url(&format!("/api/v1/municipalities/demo/services/{service}"))).send().await.unwrap().json().await.unwrap();
    let stored = crate::common::stored_ratings(&app.db_url, service).await;
    assert_eq!(v["ratings_under_5"], json!(stored < 5), "{v}");
    assert_eq!(v["ratings"], if stored < 5 { Value::Null } else { json!(stored) }, "{v}");
    stored
}

async fn health_reports_the_database(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let r = client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["database"], "ok");
    assert_eq!(
        v["engine"],
        match engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    );
}

async fn catalogue_lists_services_and_questions(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let services: Value = c.get(app.url("/api/v1/municipalities/demo/services")).send().await.unwrap().json().await.unwrap();
    let services = services.as_array().unwrap();
    assert!(services.len() >= 14);
    for s in services {
        assert!(s["slug"].is_string() && s["name"].is_string() && s["category"].is_string());
        assert!(s["kind"] == "internal" || s["kind"] == "external");
    }
    let one: Value = c.get(app.url("/api/v1/municipalities/demo/services/jobcenter")).send().await.unwrap().json().await.unwrap();
    assert_eq!(one["slug"], "jobcenter");
    assert_eq!(one["kind"], "internal");
    assert_eq!((one["ratings"].clone(), one["ratings_under_5"].clone()), (Value::Null, json!(true)), "0 is \"under 5\" too");
    let questions: Value = c.get(app.url("/api/v1/municipalities/demo/questions")).send().await.unwrap().json().await.unwrap();
    let questions = questions.as_array().unwrap();
    assert!((5..=7).contains(&questions.len()));
    let listened = questions.iter().find(|q| q["key"] == "listened").unwrap();
    assert_eq!(listened["criterion"], 6);
    assert_eq!(listened["kind"], "scale");
    assert_eq!(listened["min"], 1);
    assert_eq!(listened["max"], 5);
    assert_eq!(listened["text"], "Lyttede de til dig?");
    let contact = questions.iter().find(|q| q["key"] == "contact_person").unwrap();
    assert_eq!(contact["kind"], "choice");
    assert_eq!(contact["options"].as_array().unwrap().len(), 3);
    for path in [
        "/api/v1/municipalities/nope/services",
        "/api/v1/municipalities/demo/services/nope",
        "/api/v1/municipalities/nope/questions",
        "/api/v1/nothing",
    ] {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let v: Value = r.json().await.unwrap();
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{path}");
    }
}

async fn a_rating_is_stored_and_counted(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let (status, body) = post(
        &c,
        app.url(RATINGS),
        json!({ "answers": { "listened": 4, "contact_person": "yes", "overall": "5" }, "comment": "Ring 22 33 44 55", "age_band": "18-20", "came_from": "uu" }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["replaced"], false);
    assert_eq!(count(&c, &app, "fgu").await, 1);

    let store = app::store::connect(&app.db_url).await.unwrap();
    let stored = store.rating(body["id"].as_i64().unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.comment.as_deref(), Some("Ring [telefonnummer skjult]"), "phone numbers are masked before storing");
    assert_eq!(stored.age_band.as_deref(), Some("18-20"));
    assert_eq!(stored.channel, "api");
    assert_eq!(stored.answers.len(), 3);
    assert!(stored.came_from_service_id.is_some());
}

async fn the_same_device_replaces_its_rating(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let phone = client();
    let (s1, b1) = post(&phone, app.url(RATINGS), json!({ "answers": { "listened": 2 } })).await;
    let (s2, b2) = post(&phone, app.url(RATINGS), json!({ "answers": { "listened": 5 } })).await;
    assert_eq!((s1, s2), (201, 201));
    assert_eq!(b2["replaced"], true);
    assert_eq!(b1["id"], b2["id"]);
    assert_eq!(count(&phone, &app, "fgu").await, 1);
    let store = app::store::connect(&app.db_url).await.unwrap();
    let stored = store.rating(b2["id"].as_i64().unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.answers, vec![("listened".to_string(), app::domain::rating::Answer::Scale(5))]);

    // Another phone, and the same phone on another service, are new ratings.
    let (s3, b3) = post(&client(), app.url(RATINGS), json!({ "answers": { "listened": 3 } })).await;
    assert_eq!((s3, b3["replaced"].clone()), (201, json!(false)));
    assert_eq!(count(&phone, &app, "fgu").await, 2);
    let (s4, _) = post(&phone, app.url("/api/v1/municipalities/demo/services/uu/ratings"), json!({ "answers": { "listened": 3 } })).await;
    assert_eq!(s4, 201);
    assert_eq!(count(&phone, &app, "uu").await, 1);
}

async fn every_bad_input_is_a_clear_4xx(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let cases: Vec<(Value, &str)> = vec![
        (json!({ "answers": { "nope": 3 } }), "answers.nope"),
        (json!({ "answers": { "listened": 9 } }), "answers.listened"),
        (json!({ "answers": { "listened": 0 } }), "answers.listened"),
        (json!({ "answers": { "listened": 2.5 } }), "answers.listened"),
        (json!({ "answers": { "listened": "many" } }), "answers.listened"),
        (json!({ "answers": { "listened": [1] } }), "answers.listened"),
        (json!({ "answers": { "contact_person": "maybe" } }), "answers.contact_person"),
        (json!({ "answers": { "contact_person": 1 } }), "answers.contact_person"),
        (json!({ "answers": {} }), "answers"),
        (json!({ "answers": { "listened": 3 }, "comment": "x".repeat(501) }), "comment"),
        (json!({ "answers": { "listened": 3 }, "age_band": "99" }), "age_band"),
        (json!({ "answers": { "listened": 3 }, "came_from": "fgu" }), "came_from"),
        (json!({ "answers": { "listened": 3 }, "came_from": "atlantis" }), "came_from"),
        (json!({ "answers": { "listened": 3 }, "channel": "fax" }), "channel"),
    ];
    for (body, field) in cases {
        let (status, v) = post(&c, app.url(RATINGS), body.clone()).await;
        assert_eq!(status, 422, "{body}");
        assert!(v["error"].is_string(), "{body}");
        assert!(v["fields"][field].as_str().is_some_and(|m| !m.is_empty()), "{body} → {v}");
    }
    // Shape errors: still 422/400 with a message, never a 500.
    for body in [
        json!({}),
        json!({ "answers": 3 }),
        json!({ "answers": {}, "extra": 1 }),
        json!([1, 2]),
        json!({ "answers": {"listened": 3}, "comment": 5 }),
    ] {
        let (status, v) = post(&c, app.url(RATINGS), body.clone()).await;
        assert!(status == 422 || status == 400, "{body} gave {status}");
        assert!(v["error"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    }
    let r = c.post(app.url(RATINGS)).header("content-type", "application/json").body("{not json").send().await.unwrap();
    assert_eq!(r.status(), 400);
    let r = c.post(app.url(RATINGS)).header("content-type", "text/plain").body("{}").send().await.unwrap();
    assert_eq!(r.status(), 415);
    let big = json!({ "answers": { "listened": 3 }, "comment": "x".repeat(17 * 1024) });
    let (status, v) = post(&c, app.url(RATINGS), big).await;
    assert_eq!(status, 413);
    assert!(v["error"].is_string());
    let (status, _) = post(&c, app.url("/api/v1/municipalities/nope/services/fgu/ratings"), json!({ "answers": { "listened": 3 } })).await;
    assert_eq!(status, 404);
    let (status, _) = post(&c, app.url("/api/v1/municipalities/demo/services/nope/ratings"), json!({ "answers": { "listened": 3 } })).await;
    assert_eq!(status, 404);
    assert_eq!(count(&c, &app, "fgu").await, 0, "nothing bad was stored");
}

async fn errors_speak_the_chosen_language(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let r =
        c.post(app.url(RATINGS)).header("cookie", "stemme_sprog=en").json(&json!({ "answers": { "listened": 9 } })).send().await.unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["fields"]["answers.listened"], "Choose a number from 1 to 5.");
    let (_, v) = post(&c, app.url(RATINGS), json!({ "answers": { "listened": 9 } })).await;
    assert_eq!(v["fields"]["answers.listened"], "Vælg et tal fra 1 til 5.");
}

async fn data_survives_a_restart(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let (status, body) = post(&c, app.url(RATINGS), json!({ "answers": { "listened": 4 }, "comment": "Godt" })).await;
    assert_eq!(status, 201);
    app.kill();
    let app = spawn_app(&db).await;
    assert_eq!(count(&c, &app, "fgu").await, 1);
    let store = app::store::connect(&app.db_url).await.unwrap();
    let stored = store.rating(body["id"].as_i64().unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.comment.as_deref(), Some("Godt"));
    // Still the same device: its next rating replaces the first.
    let (_, again) = post(&c, app.url(RATINGS), json!({ "answers": { "listened": 1 } })).await;
    assert_eq!(again["replaced"], true);
}

async fn the_device_cookie_is_httponly_and_long_lived(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let r = reqwest::Client::new().post(app.url(RATINGS)).json(&json!({ "answers": { "listened": 4 } })).send().await.unwrap();
    let cookie = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap().to_string();
    assert!(cookie.starts_with("stemme_enhed="), "{cookie}");
    let token = cookie.trim_start_matches("stemme_enhed=").split(';').next().unwrap();
    assert_eq!(token.len(), 32, "128 bits as hex");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=31536000"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
}

both_engines!(
    health_reports_the_database,
    catalogue_lists_services_and_questions,
    a_rating_is_stored_and_counted,
    the_same_device_replaces_its_rating,
    every_bad_input_is_a_clear_4xx,
    errors_speak_the_chosen_language,
    data_survives_a_restart,
    the_device_cookie_is_httponly_and_long_lived,
);
