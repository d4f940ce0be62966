//! Assumption checks end to end: a manager writes one, rating pages ask its
//! question, answers count without showing small groups, and a verdict stops
//! the question. Bad input and the wrong people get clear refusals.

use crate::common::{add_staff, client, signed_in, spawn_app, text, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::json;

const PAGE: &str = "/admin/demo/antagelser";
const RATING_PAGE: &str = "/k/demo/s/fgu";

async fn rate(app: &TestApp, answers: serde_json::Value) -> reqwest::StatusCode {
    client()
        .post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))
        .json(&json!({ "answers": answers }))
        .send()
        .await
        .unwrap()
        .status()
}

async fn asked_and_decided(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    let (status, html) = text(&manager, app.url(PAGE)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ingen antagelser endnu"));

    let form = [
        ("action", "add"),
        ("statement", "Virtuel vejledning er ikke noget for vores unge"),
        ("question_da", "Vil du gerne have vejledning over video?"),
        ("supports", "nej"),
    ];
    let r = manager.post(app.url(PAGE)).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/demo/antagelser?ok=asking");
    let (_, html) = text(&manager, app.url(PAGE)).await;
    let id: i64 = html.split("name=\"assumption_id\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().parse().unwrap();
    let key = format!("antagelse-{id}");

    // The rating page asks it, also without JavaScript.
    let (_, page) = text(&client(), app.url(RATING_PAGE)).await;
    assert!(page.contains("Vil du gerne have vejledning over video?") && page.contains(&format!("name=\"answers.{key}\"")));

    // Four answers: nothing shown. Then 11 no, 5 yes, 5 don't know.
    for _ in 0..4 {
        assert_eq!(rate(&app, json!({ "listened": 4, key.clone(): "nej" })).await, 201);
    }
    let (_, html) = text(&manager, app.url(PAGE)).await;
    assert!(html.contains("For få svar endnu"), "4 answers are not shown");
    for choice in std::iter::repeat_n("nej", 7).chain(std::iter::repeat_n("ja", 5)).chain(std::iter::repeat_n("ved-ikke", 5)) {
        assert_eq!(rate(&app, json!({ "listened": 4, key.clone(): choice })).await, 201);
    }
    let (_, html) = text(&manager, app.url(PAGE)).await;
    assert!(html.contains("69 % af svarene taler for antagelsen") && html.contains("n = 16"), "{html}");
    // The dashboard shows the same evidence.
    let (_, dash) = text(&manager, app.url("/styring/demo")).await;
    assert!(dash.contains("Antagelser afprøvet") && dash.contains("n = 16"));

    // A verdict needs a reason; then the question is no longer asked.
    let verdict = |note: &str| {
        vec![
            ("action", "verdict".to_string()),
            ("assumption_id", id.to_string()),
            ("verdict", "does_not_hold".into()),
            ("note", note.into()),
        ]
    };
    let r = manager.post(app.url(PAGE)).form(&verdict("")).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Skal udfyldes"));
    let r = manager.post(app.url(PAGE)).form(&verdict("En tredjedel vil gerne. Vi tilbyder video fra januar.")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let (_, page) = text(&client(), app.url(RATING_PAGE)).await;
    assert!(!page.contains("Vil du gerne have vejledning over video?"));
    assert_eq!(rate(&app, json!({ "listened": 4, key.clone(): "ja" })).await, 422, "a closed question is not accepted");
    let r = manager.post(app.url(PAGE)).form(&verdict("Igen")).send().await.unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("allerede truffet en afgørelse"));
    let (_, html) = text(&manager, app.url(PAGE)).await;
    assert!(html.contains("Antagelsen holder ikke") && html.contains("Vi tilbyder video fra januar."));
}

async fn bad_input_and_the_wrong_people(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin, Role::Moderator], PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;

    let r = manager.post(app.url(PAGE)).form(&[("action", "add"), ("statement", ""), ("supports", "maybe")]).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Skal udfyldes") && html.contains("Vælg et af svarene"));
    let long = "x".repeat(301);
    let r = manager
        .post(app.url(PAGE))
        .form(&[("action", "add"), ("statement", long.as_str()), ("question_da", "Q?"), ("supports", "ja")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(&long), "what was typed comes back");
    let r = manager
        .post(app.url(PAGE))
        .form(&[("action", "verdict"), ("assumption_id", "999999"), ("verdict", "holds"), ("note", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = manager.post(app.url(PAGE)).form(&[("action", "verdict"), ("assumption_id", "abc")]).send().await.unwrap();
    assert_eq!(r.status(), 404);

    // Two open assumptions: a rating answers at most one of them.
    for q in ["Første?", "Anden?"] {
        let r = manager
            .post(app.url(PAGE))
            .form(&[("action", "add"), ("statement", "S"), ("question_da", q), ("supports", "ja")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    }
    let (_, html) = text(&manager, app.url(PAGE)).await;
    let ids: Vec<String> =
        html.split("name=\"assumption_id\" value=\"").skip(1).filter_map(|s| s.split('"').next().map(str::to_string)).collect();
    assert_eq!(ids.len(), 2);
    let two = json!({ "listened": 3, format!("antagelse-{}", ids[0]): "ja", format!("antagelse-{}", ids[1]): "ja" });
    assert_eq!(rate(&app, two).await, 422);
    assert_eq!(rate(&app, json!({ format!("antagelse-{}", ids[0]): "ja" })).await, 422, "not a rating on its own");
    assert_eq!(rate(&app, json!({ "listened": 3, format!("antagelse-{}", ids[0]): "måske" })).await, 422);
    let (_, page) = text(&client(), app.url(RATING_PAGE)).await;
    assert_eq!(page.matches("name=\"answers.antagelse-").count(), 3, "one question (three options) per page");

    // Only managers of this municipality.
    let admin = signed_in(&app, "admin@demo.dk").await;
    assert_eq!(text(&admin, app.url(PAGE)).await.0, 403);
    let r = admin
        .post(app.url(PAGE))
        .form(&[("action", "add"), ("statement", "S"), ("question_da", "Q?"), ("supports", "ja")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = client().post(app.url(PAGE)).form(&[("action", "add")]).send().await.unwrap();
    assert!(matches!(r.status().as_u16(), 303 | 401 | 403), "{}", r.status());
    let (status, _) = text(&client(), app.url(PAGE)).await;
    assert_ne!(status, 200);
}

both_engines!(asked_and_decided, bad_input_and_the_wrong_people);
