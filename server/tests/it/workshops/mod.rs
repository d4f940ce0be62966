//! Workshop mode through the API and the no-JavaScript forms, on both
//! engines: preparing, joining by code (and guessing limits), answering,
//! live event streams (also across two instances on PostgreSQL), restarts.

use crate::common::{add_staff, client, signed_in, spawn_app, text, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};

mod live;

const FACILITATOR: &str = "facilitator@demo.dk";

async fn facilitator(app: &TestApp, db: &TestDb) -> reqwest::Client {
    add_staff(&db.url, FACILITATOR, Some("demo"), &[Role::Facilitator], PASSWORD).await;
    signed_in(app, FACILITATOR).await
}

fn plan() -> Value {
    json!({
        "title": "Ungerådet november",
        "activities": [
            {"kind": "poll", "title": "Hvad skal vi tale om?", "options": ["Transport", "Job", "Fritid"]},
            {"kind": "statements", "statements": ["Bussen kører for sjældent", "Vejledningen lytter"]},
            {"kind": "ideas", "title": "Din bedste idé"},
            {"kind": "dots", "dots": 3, "options": ["A", "B"]}
        ]
    })
}

/// Creates the workshop: (id, code).
async fn create(app: &TestApp, staff: &reqwest::Client) -> (i64, String) {
    let r = staff.post(app.url("/api/v1/municipalities/demo/workshops")).json(&plan()).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    (v["id"].as_i64().unwrap(), v["code"].as_str().unwrap().to_string())
}

async fn join(app: &TestApp, code: &str) -> reqwest::Client {
    let c = client();
    let typed = format!(" {}-{} ", &code[..3].to_lowercase(), &code[3..]);
    let r = c.post(app.url("/api/v1/workshops/join")).json(&json!({ "code": typed })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("set-cookie").is_some_and(|v| v.to_str().unwrap().starts_with("stemme_deltager=")));
    c
}

async fn advance(app: &TestApp, staff: &reqwest::Client, id: i64, command: &str) -> reqwest::Response {
    staff.post(app.url(&format!("/api/v1/workshops/{id}/advance"))).json(&json!({ "command": command })).send().await.unwrap()
}

async fn answer(app: &TestApp, c: &reqwest::Client, id: i64, activity: usize, value: Value) -> u16 {
    let r = c
        .post(app.url(&format!("/api/v1/workshops/{id}/responses")))
        .json(&json!({ "activity": activity, "value": value }))
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

async fn snapshot(app: &TestApp, c: &reqwest::Client, id: i64) -> Value {
    let r = c.get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// The projector's page. It must carry no inline styles: the CSP
/// (`style-src 'self'`) would drop them, and the bars would be empty.
async fn presenter_html(app: &TestApp, staff: &reqwest::Client, id: i64) -> String {
    let (status, html) = crate::common::text(staff, app.url(&format!("/admin/demo/workshops/{id}/skaerm"))).await;
    assert_eq!(status, 200);
    assert!(!html.contains(" style="), "no inline styles: {html}");
    html
}

async fn a_workshop_runs_end_to_end(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    assert_eq!(code.len(), 6);
    let mut phones = Vec::new();
    for _ in 0..7 {
        phones.push(join(&app, &code).await);
    }
    assert_eq!(answer(&app, &phones[0], id, 0, json!(1)).await, 409, "not started yet");
    assert_eq!(advance(&app, &staff, id, "advance").await.status(), 200);
    for (i, p) in phones.iter().enumerate() {
        assert_eq!(answer(&app, p, id, 0, json!(if i < 4 { 0 } else { 2 })).await, 201);
    }
    assert_eq!(answer(&app, &phones[0], id, 0, json!(7)).await, 422, "no such option");
    assert_eq!(answer(&app, &phones[0], id, 1, json!({"statement": 0, "vote": "agree"})).await, 409, "not the current activity");
    let s = snapshot(&app, &phones[0], id).await;
    assert_eq!((s["participants"].as_i64(), s["answered"].as_i64()), (Some(7), Some(7)));
    assert!(s["results"].is_null(), "hidden until revealed");
    assert_eq!(advance(&app, &staff, id, "reveal").await.status(), 200);
    let s = snapshot(&app, &phones[0], id).await;
    assert_eq!(s["results"], json!({"kind": "poll", "counts": [4, 0, 3]}));
    let screen = presenter_html(&app, &staff, id).await;
    assert!(screen.contains("bar-fill w-55") && screen.contains("4 (57 %)"), "bars as classes: {screen}");

    assert_eq!(advance(&app, &staff, id, "advance").await.status(), 200);
    for (i, p) in phones.iter().enumerate() {
        let vote = if i < 4 { "agree" } else { "disagree" };
        assert_eq!(answer(&app, p, id, 1, json!({"statement": 0, "vote": vote})).await, 201);
        assert_eq!(answer(&app, p, id, 1, json!({"statement": 1, "vote": "agree"})).await, 201);
    }
    advance(&app, &staff, id, "reveal").await;
    let s = snapshot(&app, &phones[0], id).await;
    assert_eq!(s["results"]["tallies"][0], json!({"agree": 4, "disagree": 3, "pass": 0}));

    assert_eq!(advance(&app, &staff, id, "advance").await.status(), 200);
    assert_eq!(answer(&app, &phones[0], id, 2, json!("Gratis bus om natten")).await, 201);
    assert_eq!(answer(&app, &phones[1], id, 2, json!("Ring til mig på 22 33 44 55")).await, 201);
    let stored = crate::common::dump_text(&db.url, "SELECT text FROM workshop_ideas").await;
    assert!(!stored.contains("22 33 44 55"), "phone numbers are masked before storing: {stored}");
    advance(&app, &staff, id, "reveal").await;
    let s = snapshot(&app, &phones[2], id).await;
    assert_eq!(s["results"]["ideas"], json!(["Gratis bus om natten"]), "the masked idea waits for the facilitator");
    assert!(presenter_html(&app, &staff, id).await.contains(r#"<li class="cloud-5">bus"#), "the word cloud");

    // An idea about self-harm: hidden, the facilitator is alerted at the top
    // of the page, and it waits in the moderators' queue, marked urgent.
    assert_eq!(answer(&app, &phones[3], id, 2, json!("Jeg vil ikke leve mere")).await, 201);
    assert!(!snapshot(&app, &phones[2], id).await["results"].to_string().contains("leve mere"), "never shown to the room");
    let (_, page) = crate::common::text(&staff, app.url(&format!("/admin/demo/workshops/{id}"))).await;
    let alert = page.find("urgent-alert").expect("the facilitator is alerted");
    assert!(alert < page.find("class=\"controls\"").unwrap(), "above the controls");
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let (_, queue) = crate::common::text(&moderator, app.url("/admin/demo/moderation")).await;
    assert!(queue.contains("Jeg vil ikke leve mere") && queue.contains("queue-item urgent") && queue.contains("Idé fra workshoppen"), "{queue}");
    assert!(!queue.contains("Ring til mig"), "the facilitator decides the other held ideas in the room");

    assert_eq!(advance(&app, &staff, id, "close").await.status(), 200);
    assert_eq!(answer(&app, &phones[0], id, 3, json!([1, 1])).await, 403, "closed workshops take no answers");
    assert_eq!(advance(&app, &staff, id, "advance").await.status(), 409);
    let r = phones[0].post(app.url("/api/v1/workshops/join")).json(&json!({ "code": code })).send().await.unwrap();
    assert_eq!(r.status(), 404, "the code expired with the workshop");

    let csv = staff.get(app.url(&format!("/api/v1/workshops/{id}/export.csv"))).send().await.unwrap();
    assert_eq!(csv.status(), 200);
    let body = csv.text().await.unwrap();
    assert!(body.contains("Transport;votes;4") && body.contains("Gratis bus om natten"), "{body}");
}

async fn only_facilitators_prepare_and_drive(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let r = client().post(app.url("/api/v1/municipalities/demo/workshops")).json(&plan()).send().await.unwrap();
    assert_eq!(r.status(), 401);
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let r = moderator.post(app.url("/api/v1/municipalities/demo/workshops")).json(&plan()).send().await.unwrap();
    assert_eq!(r.status(), 403);
    add_staff(&db.url, "f@odense.dk", Some("odense"), &[Role::Facilitator], PASSWORD).await;
    let other = signed_in(&app, "f@odense.dk").await;
    let r = other.post(app.url("/api/v1/municipalities/demo/workshops")).json(&plan()).send().await.unwrap();
    assert_eq!(r.status(), 404);

    let staff = facilitator(&app, &db).await;
    let bad = json!({"title": "", "activities": [{"kind": "poll", "options": ["only one"]}, {"kind": "dance"}]});
    let r = staff.post(app.url("/api/v1/municipalities/demo/workshops")).json(&bad).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    for f in ["title", "activities.0.lines", "activities.1.kind"] {
        assert!(v["fields"][f].is_string(), "{f}: {v}");
    }
    let (id, _) = create(&app, &staff).await;
    assert_eq!(advance(&app, &staff, id, "jump").await.status(), 422);
    assert_eq!(advance(&app, &staff, id, "pause").await.status(), 409, "nothing to pause before the start");
    assert_eq!(advance(&app, &other, id, "advance").await.status(), 404);
    let empty = staff.post(app.url(&format!("/api/v1/workshops/{id}/advance"))).send().await.unwrap();
    assert_eq!(empty.status(), 200, "an empty body advances");
    assert_eq!(client().get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().status(), 403, "strangers cannot watch");
    assert_eq!(client().get(app.url("/api/v1/workshops/999999")).send().await.unwrap().status(), 404);
}

async fn guessing_codes_is_limited(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let r = c.post(app.url("/api/v1/workshops/join")).json(&json!({ "code": "0O1IL" })).send().await.unwrap();
    assert_eq!(r.status(), 422, "not a code at all");
    for _ in 0..19 {
        let r = c.post(app.url("/api/v1/workshops/join")).json(&json!({ "code": "CCCCCC" })).send().await.unwrap();
        assert_eq!(r.status(), 404);
    }
    let r = c.post(app.url("/api/v1/workshops/join")).json(&json!({ "code": "CCCCCD" })).send().await.unwrap();
    assert_eq!(r.status(), 429, "the 21st wrong code (malformed ones count too)");
    assert!(r.headers().get("retry-after").is_some());
    let v: Value = r.json().await.unwrap();
    assert!(v["error"].as_str().unwrap().contains("koder"));
}

async fn phones_without_javascript_take_part(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let phone = client();
    let (status, page) = text(&phone, app.url(&format!("/w?kode={code}"))).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("value=\"{code}\"")), "the QR link fills in the code");
    let r = phone.post(app.url("/w")).form(&[("code", "CCCCCC"), ("nickname", "")]).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("Ingen workshop har den kode"));
    let r = phone.post(app.url("/w")).form(&[("code", code.as_str()), ("nickname", "Mads")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/w/{id}"));
    let (_, page) = text(&phone, app.url(&format!("/w/{id}"))).await;
    assert!(page.contains("Du er med som Mads"), "{page}");
    advance(&app, &staff, id, "advance").await;
    let (_, page) = text(&phone, app.url(&format!("/w/{id}"))).await;
    assert!(page.contains("Transport") && page.contains("name=\"option\""));
    let r = phone.post(app.url(&format!("/w/{id}/svar"))).form(&[("activity", "0")]).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Vælg et af svarene"));
    let r = phone.post(app.url(&format!("/w/{id}/svar"))).form(&[("activity", "0"), ("option", "2")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/w/{id}?gemt=1"));
    let (_, page) = text(&phone, app.url(&format!("/w/{id}?gemt=1"))).await;
    assert!(page.contains("Dit svar er gemt") && page.contains("value=\"2\" checked"), "the answer is shown again");
    let r = phone.post(app.url(&format!("/w/{id}/svar"))).form(&[("activity", "1"), ("vote.0", "agree")]).send().await.unwrap();
    assert_eq!(r.headers()["location"], format!("/w/{id}?lukket=1"), "an old page's answer is not stored");
    advance(&app, &staff, id, "close").await;
    let nick = crate::common::dump_text(&db.url, "SELECT nickname FROM workshop_participants").await;
    assert_eq!(nick, "", "nicknames are erased when the workshop closes");
}

async fn ideas_and_statements_become_proposals(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let phone = join(&app, &code).await;
    for _ in 0..3 {
        advance(&app, &staff, id, "advance").await;
    }
    assert_eq!(answer(&app, &phone, id, 2, json!("Gratis bus om natten")).await, 201);
    let idea_id: i64 = crate::common::dump_text(&db.url, "SELECT CAST(id AS TEXT) FROM workshop_ideas").await.parse().unwrap();
    let page = format!("/admin/demo/workshops/{id}");
    let promote = |activity: &str, item: String| {
        let staff = staff.clone();
        let url = app.url(&page);
        let activity = activity.to_string();
        async move { staff.post(url).form(&[("action", "promote".to_string()), ("activity", activity), ("item", item)]).send().await.unwrap() }
    };
    let r = promote("2", idea_id.to_string()).await;
    assert_eq!(r.status(), 303);
    let r = promote("1", "0".into()).await;
    assert_eq!(r.status(), 303);
    let again = promote("1", "0".into()).await;
    assert_eq!(again.status(), 303, "promoting twice is harmless");
    let list: Value = client().get(app.url("/api/v1/municipalities/demo/proposals")).send().await.unwrap().json().await.unwrap();
    let titles: Vec<&str> = list.as_array().unwrap().iter().filter_map(|p| p["title"].as_str()).collect();
    assert!(titles.contains(&"Gratis bus om natten") && titles.contains(&"Bussen kører for sjældent"), "{titles:?}");
    assert_eq!(titles.len(), 2);
    let reasons = crate::common::dump_text(&db.url, "SELECT reason FROM proposals").await;
    assert!(reasons.contains("Fra workshoppen «Ungerådet november»"), "{reasons}");
    let r = promote("3", "0".into()).await;
    assert_eq!(r.status(), 409, "dots options are not promoted");
    assert!(r.text().await.unwrap().contains("kun viste idéer og udsagn"), "the page says why");

    // Two facilitators (or a double click) at once: one proposal.
    let (a, b) = tokio::join!(promote("1", "1".into()), promote("1", "1".into()));
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
    assert_eq!(
        crate::common::dump_text(&db.url, "SELECT CAST(COUNT(*) AS TEXT) FROM proposals WHERE title = 'Vejledningen lytter'").await,
        "1"
    );

    // A held idea the facilitator showed the room still waits for a moderator as a proposal.
    assert_eq!(answer(&app, &phone, id, 2, json!("Ring til mig på 22 33 44 55")).await, 201);
    let held: i64 =
        crate::common::dump_text(&db.url, "SELECT CAST(id AS TEXT) FROM workshop_ideas WHERE held_for <> ''").await.parse().unwrap();
    let shown = staff
        .post(app.url(&page))
        .form(&[("action", "moderate"), ("idea", &held.to_string()), ("decision", "approve")])
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 303);
    assert_eq!(promote("2", held.to_string()).await.status(), 303);
    let moderation = crate::common::dump_text(&db.url, "SELECT moderation FROM proposals WHERE title LIKE 'Ring til mig%'").await;
    assert_eq!(moderation, "pending");
    let again = staff
        .post(app.url(&page))
        .form(&[("action", "moderate"), ("idea", &held.to_string()), ("decision", "reject")])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409, "decided once");
    assert!(again.text().await.unwrap().contains("allerede afgjort"));
}

/// Ids are sequential: someone who has not joined sees nothing of the room.
async fn strangers_see_nothing(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let stranger = client();
    let (status, html) = crate::common::text(&stranger, app.url(&format!("/w/{id}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains("Du er ikke med i denne workshop endnu"));
    assert!(!html.contains("Ungerådet november") && !html.contains(&code) && !html.contains(&code[3..]), "no title or code: {html}");
    assert_eq!(stranger.get(app.url(&format!("/api/v1/workshops/{id}"))).send().await.unwrap().status(), 403);
    assert_eq!(stranger.get(app.url(&format!("/api/v1/workshops/{id}/events"))).send().await.unwrap().status(), 403);
    let (_, html) = crate::common::text(&staff, app.url(&format!("/w/{id}"))).await;
    assert!(html.contains("Ungerådet november"), "the municipality's staff may look");
}

/// Ideas follow the municipality's retention; nicknames live a day at most.
/// The builder's rows move up and go away without JavaScript; nothing is
/// created until "create", and what was typed stays.
async fn the_builder_reorders_and_removes_rows(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let form = |row: &'static str| {
        vec![
            ("action", "create"),
            ("title", "Ungeråd i marts"),
            ("activities.0.kind", "poll"),
            ("activities.0.title", "Første"),
            ("activities.0.lines", "a\nb"),
            ("activities.1.kind", "ideas"),
            ("activities.1.title", "Anden"),
            ("row", row),
        ]
    };
    let r = staff.post(app.url("/admin/demo/workshops")).form(&form("up:1")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let (anden, forste) = (html.find(r#"value="Anden""#).unwrap(), html.find(r#"value="Første""#).unwrap());
    assert!(anden < forste, "the second row moved up");
    assert!(html.contains(r#"id="activities.0.title" name="activities.0.title" value="Anden""#), "{html}");
    assert!(html.contains(r#"value="Ungeråd i marts""#) && !html.contains("field-error"));

    let r = staff.post(app.url("/admin/demo/workshops")).form(&form("remove:0")).send().await.unwrap();
    let html = r.text().await.unwrap();
    assert!(!html.contains(r#"value="Første""#) && html.contains(r#"id="activities.0.title" name="activities.0.title" value="Anden""#));
    assert_eq!(crate::common::dump_text(&db.url, "SELECT CAST(COUNT(*) AS TEXT) FROM workshops").await, "0", "nothing was created");

    let r = staff.post(app.url("/admin/demo/workshops")).form(&form("up:0")).send().await.unwrap();
    assert_eq!(r.status(), 200, "a button that names no row changes nothing");
    assert!(r.text().await.unwrap().contains(r#"id="activities.0.title" name="activities.0.title" value="Første""#));
    assert_eq!(crate::common::dump_text(&db.url, "SELECT CAST(COUNT(*) AS TEXT) FROM workshops").await, "0", "nothing was created");
}

async fn housekeeping_erases_ideas_and_nicknames(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let phone = client();
    let r = phone.post(app.url("/api/v1/workshops/join")).json(&json!({ "code": code, "nickname": "Anna" })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    for _ in 0..3 {
        advance(&app, &staff, id, "advance").await;
    }
    assert_eq!(answer(&app, &phone, id, 2, json!("Gratis bus om natten")).await, 201);
    let store = app::store::connect(&db.url).await.unwrap();
    let now = app::domain::policy::now();
    store.housekeeping(now).await.unwrap();
    assert_eq!(crate::common::dump_text(&db.url, "SELECT nickname FROM workshop_participants").await, "Anna");
    store.housekeeping(now + 25 * 3600).await.unwrap();
    assert_eq!(crate::common::dump_text(&db.url, "SELECT COALESCE(nickname, '-') FROM workshop_participants").await, "-");
    assert_eq!(crate::common::dump_text(&db.url, "SELECT text FROM workshop_ideas").await, "Gratis bus om natten");
    let erased = store.housekeeping(now + 25 * app::domain::policy::MONTH_SECS).await.unwrap();
    assert_eq!(erased.comments_erased, 1);
    assert_eq!(crate::common::dump_text(&db.url, "SELECT CAST(COUNT(*) AS TEXT) FROM workshop_ideas").await, "0");
}

async fn one_phone_cannot_flood_the_ideas(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let staff = facilitator(&app, &db).await;
    let (id, code) = create(&app, &staff).await;
    let (phone, other) = (join(&app, &code).await, join(&app, &code).await);
    for command in ["advance", "advance", "advance"] {
        advance(&app, &staff, id, command).await;
    }
    for i in 0..10 {
        assert_eq!(answer(&app, &phone, id, 2, json!(format!("Idé nummer {i}"))).await, 201);
    }
    let r = phone
        .post(app.url(&format!("/api/v1/workshops/{id}/responses")))
        .json(&json!({ "activity": 2, "value": "Én til" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert!(e["fields"]["idea"].as_str().is_some_and(|m| m.contains("10 idéer")), "{e}");
    assert_eq!(answer(&app, &other, id, 2, json!("Min første idé")).await, 201, "the limit is per phone");
    // Without JavaScript the form says the same, and keeps the text.
    let form = [("activity", "2"), ("idea", "Endnu en idé")];
    let r = phone.post(app.url(&format!("/w/{id}/svar"))).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("10 idéer") && html.contains("Endnu en idé"), "{html}");
}

both_engines!(
    a_workshop_runs_end_to_end,
    only_facilitators_prepare_and_drive,
    guessing_codes_is_limited,
    phones_without_javascript_take_part,
    ideas_and_statements_become_proposals,
    the_builder_reorders_and_removes_rows,
    one_phone_cannot_flood_the_ideas,
    strangers_see_nothing,
    housekeeping_erases_ideas_and_nicknames,
);
