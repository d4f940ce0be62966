//! The admin pages' forms, API tokens and the audit log, on both engines.

use crate::common::{add_staff, client, signed_in, spawn_app, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::json;

async fn admin(engine: Engine) -> (TestDb, TestApp, reqwest::Client) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let c = signed_in(&app, "admin@demo.dk").await;
    (db, app, c)
}

/// The first match of `prefix` followed by token characters.
fn find_after(html: &str, prefix: &str) -> String {
    let start = html.find(prefix).unwrap_or_else(|| panic!("{prefix} not in page")) + prefix.len();
    html[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

async fn admins_edit_services_and_questions(engine: Engine) {
    let (_db, app, c) = admin(engine).await;
    let add = [("action", "add"), ("slug", "fgu-vest"), ("name", "FGU Vest"), ("category", "fgu"), ("active", "on")];
    let r = c.post(app.url("/admin/demo/tilbud")).form(&add).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/admin/demo/tilbud?ok=added"));
    assert!(c.get(app.url("/k/demo")).send().await.unwrap().text().await.unwrap().contains("FGU Vest"));

    let r = c.post(app.url("/admin/demo/tilbud")).form(&add).send().await.unwrap();
    assert_eq!(r.status(), 422, "the slug is taken");
    assert!(r.text().await.unwrap().contains("Findes allerede"));
    let r = c
        .post(app.url("/admin/demo/tilbud"))
        .form(&[("action", "add"), ("slug", "Bad Slug"), ("name", ""), ("category", "casino")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Brug kun små bogstaver") && html.contains("Skal udfyldes") && html.contains("Vælg en kategori"),
        "names each field"
    );
    assert!(html.contains(r#"value="Bad Slug""#), "keeps what was typed");

    // Turning it off hides it from young people; the XSS-looking name stays text.
    let off = [("action", "update"), ("slug", "fgu-vest"), ("name", "<script>alert(1)</script>"), ("category", "fgu")];
    assert_eq!(c.post(app.url("/admin/demo/tilbud")).form(&off).send().await.unwrap().status(), 303);
    assert!(!c.get(app.url("/k/demo")).send().await.unwrap().text().await.unwrap().contains("alert(1)"));
    let page = c.get(app.url("/admin/demo/tilbud")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert(1)"));

    let q = [
        ("action", "update"),
        ("slug", "listened"),
        ("criterion", "6"),
        ("text_da", "Blev du hørt?"),
        ("text_en", "Were you heard?"),
        ("active", "on"),
    ];
    assert_eq!(c.post(app.url("/admin/demo/spoergsmaal")).form(&q).send().await.unwrap().status(), 303);
    assert!(c.get(app.url("/k/demo/s/fgu")).send().await.unwrap().text().await.unwrap().contains("Blev du hørt?"));
    let new = [("action", "add"), ("slug", "respect"), ("criterion", "13"), ("text_da", "Respekt?"), ("text_en", "Respect?")];
    assert_eq!(c.post(app.url("/admin/demo/spoergsmaal")).form(&new).send().await.unwrap().status(), 422, "criterion 13");
    let ok = [
        ("action", "add"),
        ("slug", "respect"),
        ("criterion", "5"),
        ("text_da", "Blev du mødt med respekt?"),
        ("text_en", "Respect?"),
        ("active", "on"),
    ];
    assert_eq!(c.post(app.url("/admin/demo/spoergsmaal")).form(&ok).send().await.unwrap().status(), 303);
    let r = client()
        .post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))
        .json(&json!({ "answers": { "respect": 5 } }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "the new question can be answered");
}

async fn invites_give_a_one_time_link(engine: Engine) {
    let (_db, app, c) = admin(engine).await;
    let r = c.post(app.url("/admin/demo/personale")).form(&[("action", "invite"), ("email", "ny@demo.dk")]).send().await.unwrap();
    assert_eq!(r.status(), 422, "a role is needed");
    let r = c
        .post(app.url("/admin/demo/personale"))
        .form(&[("action", "invite"), ("email", "Ny@Demo.dk"), ("role", "moderator"), ("role", "facilitator")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let token = find_after(&r.text().await.unwrap(), "/adgangskode/");
    assert_eq!(token.len(), 64);
    let link = app.url(&format!("/adgangskode/{token}"));
    let page = client().get(&link).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("ny@demo.dk"));
    let fresh = client();
    let weak = fresh.post(&link).form(&[("password", "password1"), ("confirm", "password1")]).send().await.unwrap();
    assert_eq!(weak.status(), 422);
    assert!(weak.text().await.unwrap().contains("for almindelig"));
    let r = fresh.post(&link).form(&[("password", PASSWORD), ("confirm", PASSWORD)]).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/login?ok=password_set"));
    assert_eq!(fresh.post(&link).form(&[("password", PASSWORD), ("confirm", PASSWORD)]).send().await.unwrap().status(), 404, "once only");
    crate::common::set_up_app_for(&app.db_url, "ny@demo.dk").await;
    let me: serde_json::Value = signed_in(&app, "ny@demo.dk").await.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["roles"].as_array().unwrap().len(), 2);
}

async fn disabling_an_account_ends_its_sessions(engine: Engine) {
    let (db, app, c) = admin(engine).await;
    let id = add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    assert_eq!(moderator.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200);
    let form = [("action", "update"), ("staff_id", &id.to_string()), ("role", "moderator"), ("disabled", "on")];
    assert_eq!(c.post(app.url("/admin/demo/personale")).form(&form).send().await.unwrap().status(), 303);
    assert_eq!(moderator.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
    let r = client().post(app.url("/api/v1/session")).json(&json!({ "email": "mod@demo.dk", "password": PASSWORD })).send().await.unwrap();
    assert_eq!(r.status(), 401, "a disabled account cannot sign in");
    // Nobody locks the municipality out by disabling themselves.
    let store = app::store::connect(&db.url).await.unwrap();
    let me = store.staff_by_email("admin@demo.dk").await.unwrap().unwrap().id.to_string();
    let form = [("action", "update"), ("staff_id", &me), ("role", "admin"), ("disabled", "on")];
    assert_eq!(c.post(app.url("/admin/demo/personale")).form(&form).send().await.unwrap().status(), 422);
    let form = [("action", "update"), ("staff_id", &me), ("role", "moderator")];
    assert_eq!(c.post(app.url("/admin/demo/personale")).form(&form).send().await.unwrap().status(), 422);
    assert_eq!(c.get(app.url("/admin/demo/personale")).send().await.unwrap().status(), 200, "still an admin");
}

async fn tokens_read_but_never_write(engine: Engine) {
    let (_db, app, c) = admin(engine).await;
    let r = c.post(app.url("/admin/demo/noegler")).form(&[("action", "create"), ("name", "Ledelsesinfo")]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let token = format!("stm_{}", find_after(&r.text().await.unwrap(), "stm_"));
    let bearer = |rb: reqwest::RequestBuilder| rb.header("authorization", format!("Bearer {token}"));
    let raw = reqwest::Client::new();
    let me: serde_json::Value = bearer(raw.get(app.url("/api/v1/me"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["roles"], json!([{ "municipality": "demo", "role": "reader" }]));
    let write =
        bearer(raw.post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))).json(&json!({ "answers": { "listened": 4 } }));
    assert_eq!(write.send().await.unwrap().status(), 403);
    assert_eq!(bearer(raw.delete(app.url("/api/v1/session"))).send().await.unwrap().status(), 403);
    assert_eq!(
        bearer(raw.post(app.url("/admin/demo/noegler"))).form(&[("action", "create"), ("name", "x")]).send().await.unwrap().status(),
        403
    );
    let bad = raw.get(app.url("/api/v1/me")).header("authorization", "Bearer stm_nope").send().await.unwrap();
    assert_eq!(bad.status(), 401);

    let page = c.get(app.url("/admin/demo/noegler")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains(&token), "shown once only");
    let id = find_after(&page, r#"name="token_id" value=""#);
    assert_eq!(c.post(app.url("/admin/demo/noegler")).form(&[("action", "revoke"), ("token_id", &id)]).send().await.unwrap().status(), 303);
    assert_eq!(bearer(raw.get(app.url("/api/v1/me"))).send().await.unwrap().status(), 401, "revoked");

    let log = c.get(app.url("/admin/demo/log")).send().await.unwrap().text().await.unwrap();
    for action in ["sign-in", "API token created", "API token revoked", "Ledelsesinfo"] {
        assert!(log.contains(action), "the log has {action}");
    }
    assert!(!log.contains(&token[4..]) && !log.contains(PASSWORD), "no secrets in the log");
}

async fn retention_is_set_and_applied(engine: Engine) {
    let (db, app, c) = admin(engine).await;
    assert_eq!(c.post(app.url("/admin/demo/indstillinger")).form(&[("months", "0")]).send().await.unwrap().status(), 422);
    assert_eq!(
        c.post(app.url("/admin/demo/indstillinger")).form(&[("months", "6"), ("response_days", "14")]).send().await.unwrap().status(),
        303
    );
    let store = app::store::connect(&db.url).await.unwrap();
    assert_eq!(store.municipality("demo").await.unwrap().unwrap().retention_months, 6);
    let r = client()
        .post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))
        .json(&json!({ "answers": { "listened": 4 }, "comment": "Gammel kommentar" }))
        .send()
        .await
        .unwrap();
    let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let now = app::domain::policy::now();
    assert_eq!(store.housekeeping(now).await.unwrap().comments_erased, 0, "too new to erase");
    assert_eq!(store.housekeeping(now + 7 * app::domain::policy::MONTH_SECS).await.unwrap().comments_erased, 1);
    let rating = store.rating(id).await.unwrap().unwrap();
    assert_eq!(rating.comment, None);
    assert_eq!(rating.answers.len(), 1, "the answers stay");
}

async fn thirty_young_people_behind_one_school_network(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let services = ["fgu", "uu", "jobcenter", "ungdomsskole", "ungdomsklub"];
    let pupils = (0..30).map(|_| {
        let url = app.base.clone();
        tokio::spawn(async move {
            let c = client();
            let mut statuses = vec![];
            for s in services {
                let r = c
                    .post(format!("{url}/api/v1/municipalities/demo/services/{s}/ratings"))
                    .json(&json!({ "answers": { "listened": 4 } }))
                    .send()
                    .await
                    .unwrap();
                statuses.push(r.status().as_u16());
            }
            statuses
        })
    });
    for (i, p) in futures_join(pupils.collect()).await.into_iter().enumerate() {
        assert!(p.iter().all(|s| *s == 201), "pupil {i}: {p:?}");
    }
    // One device hammering is stopped, with a Danish message and Retry-After.
    let c = client();
    let mut last = None;
    for _ in 0..40 {
        let r = c
            .post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))
            .json(&json!({ "answers": { "listened": 4 } }))
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            last = Some(r);
            break;
        }
    }
    let r = last.expect("the device is limited");
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("Vent et øjeblik"));
    let form = c.post(app.url("/k/demo/s/fgu")).form(&[("answers.listened", "4")]).send().await.unwrap();
    assert_eq!(form.status(), 429, "the no-JS form shares the budget");
}

async fn futures_join<T>(handles: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

both_engines!(
    admins_edit_services_and_questions,
    invites_give_a_one_time_link,
    disabling_an_account_ends_its_sessions,
    tokens_read_but_never_write,
    retention_is_set_and_applied,
    thirty_young_people_behind_one_school_network,
);
