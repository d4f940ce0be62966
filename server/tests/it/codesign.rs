//! Co-design through the JSON API: propose → support → comment → moderate →
//! answer → "you said, we did", and every refusal on the way.

use crate::common::{add_staff, client, dump_text, execute_sql, signed_in, spawn_app, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};

async fn post(c: &reqwest::Client, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
    let r = c.post(app.url(path)).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn get(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, Value) {
    let r = c.get(app.url(path)).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn principle_id(app: &TestApp, index: usize) -> i64 {
    let (_, list) = get(&client(), app, "/api/v1/municipalities/demo/principles").await;
    list[index]["id"].as_i64().unwrap()
}

async fn the_whole_loop_through_the_api(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let young = client();
    let pid = principle_id(&app, 5).await;
    let (status, created) = post(
        &young,
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({
            "kind": "change", "principle_id": pid, "title": "Unge i styregruppen",
            "text": "To unge skal sidde med i kædens styregruppe.", "reason": "Så vi bliver hørt før beslutningerne."
        }),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!((created["status"].as_str(), created["safeguarding"].as_bool()), (Some("received"), Some(false)));
    assert_eq!(created["moderation"], "approved", "clean text is published at once");
    let receipt = created["receipt"].as_str().unwrap().to_string();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(receipt.len(), 19);

    // The receipt works typed sloppily too.
    let (status, r) = get(&client(), &app, &format!("/api/v1/receipts/{}", receipt.to_lowercase().replace('-', " "))).await;
    assert_eq!(status, 200);
    assert_eq!((r["title"].as_str(), r["status"].as_str()), (Some("Unge i styregruppen"), Some("received")));
    assert_eq!(r["history"][0]["role"], "young_person");

    // One stance per device, changeable.
    let other = client();
    let path = format!("/api/v1/proposals/{id}/stance");
    // The public answer says "under 5"; the store has the exact stances.
    let under_5 = json!({ "for": null, "for_under_5": true, "against": null, "against_under_5": true });
    let stances = |stance: &str| format!("SELECT COUNT(*) FROM proposal_stances WHERE proposal_id = {id} AND stance = '{stance}'");
    let stored = || async {
        (crate::common::count_sql(&db.url, &stances("for")).await, crate::common::count_sql(&db.url, &stances("against")).await)
    };
    for (who, stance, expected) in [
        (&young, json!("for"), (1, 0)),
        (&young, json!("for"), (1, 0)),
        (&other, json!("for"), (2, 0)),
        (&young, json!("against"), (1, 1)),
        (&young, Value::Null, (1, 0)),
    ] {
        assert_eq!(post(who, &app, &path, json!({ "stance": stance })).await.1["support"], under_5);
        assert_eq!(stored().await, expected, "{stance}");
    }

    let (status, c) = post(&other, &app, &format!("/api/v1/proposals/{id}/comments"), json!({ "text": "God idé!" })).await;
    assert_eq!((status, c["moderation"].as_str()), (201, Some("approved")));

    // Only a manager answers, and every answer needs a public reason.
    let manager = signed_in(&app, "leder@demo.dk").await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let status_path = format!("/api/v1/proposals/{id}/status");
    assert_eq!(post(&client(), &app, &status_path, json!({ "status": "considering" })).await.0, 401);
    assert_eq!(post(&moderator, &app, &status_path, json!({ "status": "considering" })).await.0, 403);
    assert_eq!(post(&manager, &app, &status_path, json!({ "status": "considering" })).await.0, 200);
    let (status, e) = post(&manager, &app, &status_path, json!({ "status": "adopted" })).await;
    assert_eq!(status, 422);
    assert!(e["fields"]["reason"].is_string() && e["fields"]["text_da"].is_string(), "{e}");
    let (status, e) = post(&manager, &app, &status_path, json!({ "status": "received", "reason": "x" })).await;
    assert_eq!((status, e["fields"]["status"].is_string()), (422, true), "no going back");
    let (status, _) = post(
        &manager,
        &app,
        &status_path,
        json!({
            "status": "adopted", "reason": "Fra januar sidder to unge i styregruppen.",
            "title_da": "Unge sidder med, når kæden beslutter", "text_da": "To unge er fast med i styregruppen."
        }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(post(&manager, &app, &status_path, json!({ "status": "not_adopted", "reason": "x" })).await.0, 422, "answers are final");

    // The principle has a new version linked to the proposal.
    let (_, principles) = get(&client(), &app, "/api/v1/municipalities/demo/principles").await;
    assert_eq!(
        (principles[5]["title"].as_str(), principles[5]["version"].as_i64()),
        (Some("Unge sidder med, når kæden beslutter"), Some(2))
    );
    let page = client().get(app.url("/k/demo/principper")).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("Ændret efter forslag fra unge") && page.contains(&format!("/k/demo/forslag/{id}")),
        "the youth page links the proposal"
    );

    // The young person sees the answer on the receipt, with the role (not the person).
    let (_, r) = get(&client(), &app, &format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!((r["status"].as_str(), r["answer"].as_str()), (Some("adopted"), Some("Fra januar sidder to unge i styregruppen.")));
    let history = r["history"].to_string();
    assert!(history.contains("manager") && !history.contains("leder@demo.dk"), "{history}");
    let html = client().get(app.url(&format!("/kvittering/{receipt}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Fra januar sidder to unge i styregruppen.") && html.contains("Vedtaget"));

    let (_, results) = get(&client(), &app, "/api/v1/municipalities/demo/results").await;
    assert_eq!(
        (results["answered"].as_i64(), results["share_answered"].as_i64(), results["share_changed"].as_i64()),
        (Some(1), Some(100), Some(100))
    );
    assert!(results["median_days_to_answer"].as_f64().unwrap() < 0.01, "answered within seconds");
    let html = client().get(app.url("/k/demo/resultater")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Unge i styregruppen") && html.contains("Ændrede princippet") && html.contains("100 %"));
}

async fn held_texts_wait_for_a_moderator(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let young = client();
    let (status, created) = post(&young, &app, "/api/v1/municipalities/demo/proposals", json!({
        "kind": "idea", "service": "fgu", "title": "Ring til mig", "text": "Ring på 22 33 44 55 eller skriv til ung@example.dk, det er fucking vigtigt"
    }))
    .await;
    assert_eq!((status, created["moderation"].as_str()), (201, Some("pending")));
    let id = created["id"].as_i64().unwrap();
    let receipt = created["receipt"].as_str().unwrap().to_string();
    let stored = dump_text(&db.url, "SELECT text FROM proposals").await;
    assert!(!stored.contains("22 33 44 55") && !stored.contains("ung@example.dk"), "the original is never stored: {stored}");
    assert!(stored.contains("[telefonnummer skjult]") && stored.contains("[e-mail skjult]"));
    let receipts = dump_text(&db.url, "SELECT receipt_hash FROM proposals").await;
    assert!(!receipts.contains(&receipt), "only the receipt's hash is stored");

    // Not public until approved.
    let (_, list) = get(&client(), &app, "/api/v1/municipalities/demo/proposals").await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    assert_eq!(get(&client(), &app, &format!("/api/v1/proposals/{id}")).await.0, 404);
    assert_eq!(client().get(app.url(&format!("/k/demo/forslag/{id}"))).send().await.unwrap().status(), 404);
    assert_eq!(post(&client(), &app, &format!("/api/v1/proposals/{id}/stance"), json!({ "stance": "for" })).await.0, 404);

    let moderator = signed_in(&app, "mod@demo.dk").await;
    let queue = moderator.get(app.url("/admin/demo/moderation")).send().await.unwrap().text().await.unwrap();
    assert!(queue.contains("Ring til mig") && queue.contains("bandeord") && queue.contains("personlige oplysninger"));
    let manager = signed_in(&app, "leder@demo.dk").await;
    assert_eq!(manager.get(app.url("/admin/demo/moderation")).send().await.unwrap().status(), 403);
    let path = format!("/api/v1/proposals/{id}/moderation");
    assert_eq!(post(&manager, &app, &path, json!({ "decision": "approve" })).await.0, 403);
    let (status, e) = post(&moderator, &app, &path, json!({ "decision": "reject" })).await;
    assert_eq!((status, e["fields"]["reason"].is_string()), (422, true), "rejecting needs a reason");
    let (status, _) =
        post(&moderator, &app, &path, json!({ "decision": "reject", "reason": "Skriv uden bandeord, så viser vi det." })).await;
    assert_eq!(status, 200);
    let (_, r) = get(&client(), &app, &format!("/api/v1/receipts/{receipt}")).await;
    assert_eq!(
        (r["moderation"].as_str(), r["moderation_reason"].as_str()),
        (Some("rejected"), Some("Skriv uden bandeord, så viser vi det."))
    );
    let html = client().get(app.url(&format!("/kvittering/{receipt}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Skriv uden bandeord, så viser vi det."));

    // Approved later: public, but the moderation steps stay on the receipt only.
    let (_, held) =
        post(&young, &app, "/api/v1/municipalities/demo/proposals", json!({ "kind": "idea", "title": "Mail mig", "text": "på a@b.dk" }))
            .await;
    let hid = held["id"].as_i64().unwrap();
    let manager_answer = post(&manager, &app, &format!("/api/v1/proposals/{hid}/status"), json!({ "status": "considering" })).await;
    assert_eq!((manager_answer.0, manager_answer.1["fields"]["status"].is_string()), (422, true), "not answered before moderation");
    let path = format!("/api/v1/proposals/{hid}/moderation");
    assert_eq!(post(&moderator, &app, &path, json!({ "decision": "approve", "reason": "OK, e-mail skjult" })).await.0, 200);
    assert_eq!(post(&moderator, &app, &path, json!({ "decision": "reject", "reason": "for sent" })).await.0, 409, "decided once");
    let (_, public) = get(&client(), &app, &format!("/api/v1/proposals/{hid}")).await;
    assert!(public["moderation_reason"].is_null() && !public["history"].to_string().contains("moderat"), "{public}");
    let (_, own) = get(&client(), &app, &format!("/api/v1/receipts/{}", held["receipt"].as_str().unwrap())).await;
    assert!(own["history"].to_string().contains("moderator"));

    // A held comment on a public proposal, approved by the form.
    let (_, clean) = post(
        &young,
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({ "kind": "idea", "title": "Længere åbent", "text": "Åbent til kl. 20" }),
    )
    .await;
    let pid = clean["id"].as_i64().unwrap();
    let (status, c) = post(&young, &app, &format!("/api/v1/proposals/{pid}/comments"), json!({ "text": "Mit nummer er 22334455" })).await;
    assert_eq!((status, c["moderation"].as_str()), (201, Some("pending")));
    let cid = c["id"].as_i64().unwrap().to_string();
    let (_, shown) = get(&client(), &app, &format!("/api/v1/proposals/{pid}")).await;
    assert_eq!(shown["comment_list"].as_array().unwrap().len(), 0);
    let form = [("target", "comment"), ("id", cid.as_str()), ("decision", "approve"), ("reason", "")];
    assert_eq!(moderator.post(app.url("/admin/demo/moderation")).form(&form).send().await.unwrap().status(), 303);
    let (_, shown) = get(&client(), &app, &format!("/api/v1/proposals/{pid}")).await;
    assert_eq!(shown["comment_list"][0]["text"], "Mit nummer er [telefonnummer skjult]");
    let log = moderator.get(app.url("/admin/demo/moderation")).send().await.unwrap().text().await.unwrap();
    assert!(log.contains("Ingen tekster venter"));
}

async fn self_harm_shows_help_at_once_and_is_urgent(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let young = client();
    let (_, plain) = post(
        &young,
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({ "kind": "idea", "title": "Skriv mere", "text": "Brug for flere voksne. Ring 22334455" }),
    )
    .await;
    assert_eq!(plain["safeguarding"], false);
    let (status, created) = post(
        &young,
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({
            "kind": "idea", "title": "Ingen hører efter", "text": "Nogle gange vil jeg ikke leve mere"
        }),
    )
    .await;
    assert_eq!((status, created["safeguarding"].as_bool(), created["moderation"].as_str()), (201, Some(true), Some("pending")));
    let receipt = created["receipt"].as_str().unwrap();
    let html = client().get(app.url(&format!("/kvittering/{receipt}?ny=1"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("116 111") && html.contains("70 201 201") && html.contains("tel:112"));

    // Rating comments too: help at once (API flag and the form's thank-you page).
    let (status, r) = post(
        &young,
        &app,
        "/api/v1/municipalities/demo/services/fgu/ratings",
        json!({ "answers": { "listened": 2 }, "comment": "I want to kill myself" }),
    )
    .await;
    assert_eq!((status, r["safeguarding"].as_bool()), (201, Some(true)));
    let r = client()
        .post(app.url("/k/demo/s/ungdomsklub"))
        .form(&[("answers.listened", "2"), ("comment", "jeg tænker på selvmord")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("hjaelp=1"), "{to}");
    assert!(client().get(app.url(&to)).send().await.unwrap().text().await.unwrap().contains("116 111"));

    // Urgent items come first in the queue, above the older non-urgent one.
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let home = moderator.get(app.url("/admin/demo")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("4 tekster venter, 3 haster."), "the moderator's start page counts what waits");
    let queue = moderator.get(app.url("/admin/demo/moderation")).send().await.unwrap().text().await.unwrap();
    let (urgent, plain) = (queue.find("Ingen hører efter").unwrap(), queue.find("Skriv mere").unwrap());
    assert!(urgent < plain, "urgent first");
    assert_eq!(queue.matches("queue-item urgent").count(), 3, "the proposal and both rating comments");
    // Each urgent item says what to do and whom to call, and its first
    // (primary) button keeps the text hidden; showing it is the second choice.
    let item = &queue[queue.find("queue-item urgent").unwrap()..];
    let item = &item[..item.find("</form>").unwrap()];
    assert!(item.contains("Hvad du gør nu") && item.contains("tel:112") && item.contains("tel:70201201"), "{item}");
    assert!(item.contains(" kl. "), "the time it arrived: {item}");
    let primary = &item[item.find("button primary").unwrap()..];
    assert!(primary.starts_with("button primary\">Hold skjult"), "{primary}");
    let plain_item = &queue[queue.find("Skriv mere").unwrap()..];
    assert!(!plain_item[..plain_item.find("</form>").unwrap()].contains("Hvad du gør nu"), "only urgent items carry the guide");
}

async fn bad_input_is_named_and_unknown_ids_are_404(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let path = "/api/v1/municipalities/demo/proposals";
    let (status, e) = post(&c, &app, path, json!({ "title": "x".repeat(121), "principle_id": 999999, "service": "casino" })).await;
    assert_eq!(status, 422);
    for f in ["kind", "title", "text", "principle_id", "service"] {
        assert!(e["fields"][f].is_string(), "{f}: {e}");
    }
    assert_eq!(
        post(&c, &app, path, json!({ "kind": "change", "title": "t", "text": "x" })).await.1["fields"]["principle_id"],
        "Skal udfyldes."
    );
    assert_eq!(post(&c, &app, path, json!({ "kind": "idea", "title": "t", "text": "x", "colour": "red" })).await.0, 422);
    assert_eq!(post(&c, &app, path, json!({ "kind": "idea", "title": ["t"], "text": "x" })).await.0, 422);
    assert_eq!(
        post(&c, &app, "/api/v1/municipalities/nowhere/proposals", json!({ "kind": "idea", "title": "t", "text": "x" })).await.0,
        404
    );
    let r = c.post(app.url(path)).header("content-type", "application/json").body("{not json").send().await.unwrap();
    assert_eq!(r.status(), 400);

    let (_, ok) = post(&c, &app, path, json!({ "kind": "idea", "title": "t", "text": "x" })).await;
    let id = ok["id"].as_i64().unwrap();
    let (status, e) = post(&c, &app, &format!("/api/v1/proposals/{id}/stance"), json!({ "stance": "maybe" })).await;
    assert_eq!((status, e["fields"]["stance"].is_string()), (422, true));
    let (status, e) = post(&c, &app, &format!("/api/v1/proposals/{id}/comments"), json!({ "text": "x".repeat(501) })).await;
    assert_eq!((status, e["fields"]["text"].as_str()), (422, Some("Skriv højst 500 tegn.")));
    assert_eq!(post(&c, &app, &format!("/api/v1/proposals/{id}/comments"), json!({ "text": "  " })).await.0, 422);
    for bad in
        ["/api/v1/proposals/999999", "/api/v1/proposals/abc", "/api/v1/receipts/AAAA-BBBB-CCCC-DDDD", "/api/v1/receipts/..%2F..%2Fetc"]
    {
        let (status, body) = get(&c, &app, bad).await;
        assert_eq!(status, 404, "{bad}");
        assert!(body["error"].is_string(), "{bad}");
    }
    assert_eq!(post(&c, &app, "/api/v1/proposals/999999/stance", json!({ "stance": "for" })).await.0, 404);
    assert_eq!(post(&c, &app, "/api/v1/proposals/999999/comments", json!({ "text": "hej" })).await.0, 404);
    assert_eq!(c.get(app.url("/kvittering/NOPE")).send().await.unwrap().status(), 404);
    assert_eq!(c.get(app.url("/k/demo/forslag/abc")).send().await.unwrap().status(), 404);
}

async fn managers_see_overdue_proposals(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let (_, p) = post(
        &client(),
        &app,
        "/api/v1/municipalities/demo/proposals",
        json!({ "kind": "add", "title": "Gratis bus", "text": "Alle unge skal kunne tage bussen gratis til deres tilbud." }),
    )
    .await;
    let id = p["id"].as_i64().unwrap().to_string();
    let manager = signed_in(&app, "leder@demo.dk").await;
    let page = manager.get(app.url("/admin/demo/forslag")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Gratis bus") && !page.contains("Over fristen"));
    execute_sql(&db.url, "UPDATE proposals SET created_at = created_at - 31 * 86400").await;
    let page = manager.get(app.url("/admin/demo/forslag")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Over fristen") && page.contains("1 forslag har ventet længere end fristen"));
    let home = manager.get(app.url("/admin/demo")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("1 forslag har ventet længere end fristen"), "the manager's start page says so too");

    // The form: a refused answer keeps what was typed; adopting adds the principle.
    let form = |reason: &str| {
        vec![
            ("proposal_id", id.clone()),
            ("status", "adopted".into()),
            ("reason", reason.to_string()),
            ("title_da", "Gratis bus til dit tilbud".into()),
            ("text_da", "Du kan tage bussen gratis.".into()),
        ]
    };
    let r = manager.post(app.url("/admin/demo/forslag")).form(&form("")).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Gratis bus til dit tilbud"));
    let r = manager.post(app.url("/admin/demo/forslag")).form(&form("Det gør vi fra august.")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let (_, principles) = get(&client(), &app, "/api/v1/municipalities/demo/principles").await;
    assert_eq!(principles.as_array().unwrap().len(), 13);
    assert_eq!(principles[12]["title"], "Gratis bus til dit tilbud");
    let page = manager.get(app.url("/admin/demo/forslag")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Over fristen"), "answered proposals are not overdue");
    let log = dump_text(&db.url, "SELECT action FROM audit_log").await;
    assert!(log.contains("proposal status changed"));
}

both_engines!(
    the_whole_loop_through_the_api,
    held_texts_wait_for_a_moderator,
    self_harm_shows_help_at_once_and_is_urgent,
    bad_input_is_named_and_unknown_ids_are_404,
    managers_see_overdue_proposals,
);
