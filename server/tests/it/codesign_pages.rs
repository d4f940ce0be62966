//! Co-design with plain HTML forms (no JavaScript), and an XSS corpus in
//! every free-text field that must come out inert in pages and the API.

use crate::common::{add_staff, client, signed_in, spawn_app, text, Engine, TestDb, PASSWORD};
use app::domain::staff::Role;

async fn the_loop_works_with_forms_only(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let young = client();
    let (status, page) = text(&young, app.url("/k/demo/foreslaa")).await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"kind\"") && page.contains("action=\"/k/demo/foreslaa\""));

    // A refused post keeps everything typed and names the problem.
    let r = young
        .post(app.url("/k/demo/foreslaa"))
        .form(&[("kind", "change"), ("title", "Mere tid"), ("text", "Længere samtaler")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Længere samtaler") && html.contains("Mere tid") && html.contains("Skal udfyldes"));

    let r = young
        .post(app.url("/k/demo/foreslaa"))
        .form(&[("kind", "idea"), ("service", "fgu"), ("title", "Mere tid"), ("text", "Længere samtaler med min kontaktperson")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/kvittering/") && to.ends_with("?ny=1"), "{to}");
    let code = to.trim_start_matches("/kvittering/").trim_end_matches("?ny=1").to_string();
    let (status, receipt) = text(&young, app.url(&to)).await;
    assert_eq!(status, 200);
    assert!(receipt.contains(&code) && receipt.contains("Mere tid") && receipt.contains("FGU Demo"));
    // The GET form finds it again.
    let (status, found) = text(&client(), app.url(&format!("/kvittering?kode={}", code.to_lowercase()))).await;
    assert_eq!(status, 200);
    assert!(found.contains("Mere tid") && !found.contains(&code), "the code is shown only right after sending");
    let (status, _) = text(&client(), app.url("/kvittering?kode=AAAA-AAAA-AAAA-AAAA")).await;
    assert_eq!(status, 404);

    // "Your proposals" is for this device only.
    let (_, list) = text(&young, app.url("/k/demo/forslag")).await;
    assert!(list.contains("Dine forslag") && list.contains("Mere tid"));
    let (_, list) = text(&client(), app.url("/k/demo/forslag?sort=stoette")).await;
    assert!(!list.contains("Dine forslag") && list.contains("Mere tid"));

    let (_, api) = text(&client(), app.url("/api/v1/municipalities/demo/proposals")).await;
    let id = serde_json::from_str::<serde_json::Value>(&api).unwrap()[0]["id"].as_i64().unwrap();
    let page = format!("/k/demo/forslag/{id}");
    let r = young.post(app.url(&format!("{page}/holdning"))).form(&[("stance", "for")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let (_, html) = text(&young, app.url(&format!("{page}?ok=stance"))).await;
    assert!(html.contains("Du støtter forslaget") && html.contains("Støt (under 5)"));
    let r = young.post(app.url(&format!("{page}/kommentarer"))).form(&[("text", "")]).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let r = young.post(app.url(&format!("{page}/kommentarer"))).form(&[("text", "Enig, 20 minutter er for lidt")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let (_, html) = text(&client(), app.url(&page)).await;
    assert!(html.contains("Enig, 20 minutter er for lidt"));
    let r = young.post(app.url("/k/demo/forslag/999999/kommentarer")).form(&[("text", "hej")]).send().await.unwrap();
    assert_eq!(r.status(), 404);

    // The manager answers through the form; the young person sees it on the receipt.
    let manager = signed_in(&app, "leder@demo.dk").await;
    let form =
        [("proposal_id", id.to_string()), ("status", "not_adopted".into()), ("reason", "Samtalerne er allerede 45 minutter.".into())];
    assert_eq!(manager.post(app.url("/admin/demo/forslag")).form(&form).send().await.unwrap().status(), 303);
    let (_, receipt) = text(&client(), app.url(&format!("/kvittering/{code}"))).await;
    assert!(receipt.contains("Ikke vedtaget") && receipt.contains("Samtalerne er allerede 45 minutter."));
    let (_, results) = text(&client(), app.url("/k/demo/resultater")).await;
    assert!(results.contains("Mere tid") && results.contains("Samtalerne er allerede 45 minutter."));
}

const XSS: [&str; 9] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "</textarea><script>alert(2)</script>",
    "javascript:alert(3)",
    "<a href=\"javascript:alert(4)\">klik</a>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "'; DROP TABLE proposals; --",
    "</title><script>alert(5)</script>",
];

async fn xss_in_every_field_is_inert(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    for (i, payload) in XSS.iter().enumerate() {
        let title: String = format!("{i} {payload}").chars().take(120).collect();
        let r = c
            .post(app.url("/api/v1/municipalities/demo/proposals"))
            .json(&serde_json::json!({ "kind": "idea", "title": title, "text": payload, "reason": payload }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{payload}");
        let body: serde_json::Value = r.json().await.unwrap();
        let (id, code) = (body["id"].as_i64().unwrap(), body["receipt"].as_str().unwrap().to_string());
        let r = c
            .post(app.url(&format!("/api/v1/proposals/{id}/comments")))
            .json(&serde_json::json!({ "text": payload }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        // The API returns the text as data, unchanged (no masking needed).
        let (_, json) = text(&c, app.url(&format!("/api/v1/receipts/{code}"))).await;
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["text"].as_str(), Some(*payload));
        for url in [format!("/k/demo/forslag/{id}"), format!("/kvittering/{code}"), "/k/demo/forslag".into()] {
            let (status, html) = text(&c, app.url(&url)).await;
            assert_eq!(status, 200, "{url}");
            for raw in ["<script>alert", "<img src=x", "<svg/onload", "<a href=\"javascript:", "</title><script"] {
                assert!(!html.contains(raw), "{url} contains {raw} raw for {payload}");
            }
        }
    }
    // The tables are still there.
    let (status, _) = text(&c, app.url("/api/v1/municipalities/demo/proposals")).await;
    assert_eq!(status, 200);
}

both_engines!(the_loop_works_with_forms_only, xss_in_every_field_is_inert);
