//! The second factor (ASVS 5.0 V6.3.3), attacked as someone who has the
//! password but not the phone would: on both engines.

use crate::common::{
    add_staff, client, code_for, session_cookie, signed_in, spawn_app, text, Engine, TestApp, TestDb, PASSWORD, RECOVERY_CODE,
};
use app::domain::second_factor::{code_at, step_of};
use app::domain::staff::Role;
use serde_json::{json, Value};

/// The password form: where it sends the browser.
async fn password_step(app: &TestApp, c: &reqwest::Client, email: &str) -> String {
    let r = c.post(app.url("/login")).form(&[("email", email), ("password", PASSWORD), ("next", "/admin/demo")]).send().await.unwrap();
    assert_eq!(r.status(), 303, "password of {email}");
    assert_eq!(session_cookie(&r).as_deref(), Some(""), "no session before the code, and any old one cleared");
    r.headers()["location"].to_str().unwrap().to_string()
}

async fn post_code(app: &TestApp, c: &reqwest::Client, path: &str, code: &str) -> reqwest::Response {
    c.post(app.url(path)).form(&[("code", code), ("next", "/admin/demo")]).send().await.unwrap()
}

/// The key the set-up page shows for typing, without its spaces.
fn shown_secret(page: &str) -> String {
    let start = page.find(r#"<code class="totp-secret">"#).expect("the key is shown") + r#"<code class="totp-secret">"#.len();
    page[start..].split('<').next().unwrap().replace(' ', "")
}

fn now_code(secret: &str) -> String {
    code_at(secret, step_of(app::domain::policy::now())).unwrap()
}

/// Nothing behind the sign-in opens: pages send to sign-in, the API says 401.
async fn assert_not_signed_in(app: &TestApp, c: &reqwest::Client) {
    let r = c.get(app.url("/admin/demo")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login"));
    assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
}

async fn an_admin_without_an_app_sets_one_up_before_anything_opens(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    // Made a manager (no app needed), then made admin: now one is.
    let id = add_staff(&db.url, "ny@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let store = app::store::connect(&db.url).await.unwrap();
    let demo = store.municipality("demo").await.unwrap().unwrap();
    store.grant_role(id, Some(demo.id), Role::Admin).await.unwrap();

    let api = client().post(app.url("/api/v1/session")).json(&json!({ "email": "ny@demo.dk", "password": PASSWORD })).send().await.unwrap();
    assert_eq!(api.status(), 403, "the API cannot set up an app");
    assert!(api.text().await.unwrap().contains("/login"));

    let c = client();
    assert_eq!(password_step(&app, &c, "ny@demo.dk").await, "/login/app?next=/admin/demo");
    assert_not_signed_in(&app, &c).await;
    let (status, page) = text(&c, app.url("/login/app?next=/admin/demo")).await;
    assert_eq!(status, 200);
    assert!(page.contains("<svg"), "a QR code");
    let secret = shown_secret(&page);
    assert_eq!(secret.len(), 32);
    // A reload shows the same key (the app may already have it).
    assert_eq!(shown_secret(&text(&c, app.url("/login/app")).await.1), secret);

    let wrong = post_code(&app, &c, "/login/app", "000000").await;
    assert_eq!(wrong.status(), 401);
    assert!(wrong.text().await.unwrap().contains("Koden er forkert"));
    assert_not_signed_in(&app, &c).await;

    let done = post_code(&app, &c, "/login/app", &now_code(&secret)).await;
    assert_eq!(done.status(), 200);
    assert!(session_cookie(&done).is_some_and(|s| !s.is_empty()), "signed in");
    let page = done.text().await.unwrap();
    let codes: Vec<&str> = page.match_indices("<li><code>").map(|(i, _)| &page[i + 10..i + 21]).collect();
    assert_eq!(codes.len(), 10, "ten recovery codes, shown once");
    assert!(codes.iter().all(|c| app::domain::second_factor::recovery_code(c).as_deref() == Some(*c)), "{codes:?}");
    assert_eq!(text(&c, app.url("/admin/demo")).await.0, 200);
    let (_, log) = text(&c, app.url("/admin/demo/log")).await;
    assert!(log.contains("second factor set up"));

    // From now on the password alone is not enough, and a recovery code works once.
    let c2 = client();
    assert_eq!(password_step(&app, &c2, "ny@demo.dk").await, "/login/kode?next=/admin/demo");
    let r = post_code(&app, &c2, "/login/kode", &codes[3].to_uppercase()).await;
    assert_eq!(r.status(), 303);
    let c3 = client();
    password_step(&app, &c3, "ny@demo.dk").await;
    assert_eq!(post_code(&app, &c3, "/login/kode", codes[3]).await.status(), 401, "a recovery code works once");
}

async fn each_code_works_once_and_the_api_asks_for_it(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;

    let c = client();
    assert_eq!(password_step(&app, &c, "mod@demo.dk").await, "/login/kode?next=/admin/demo");
    assert_not_signed_in(&app, &c).await;
    let code = code_for(&app, "mod@demo.dk");
    // The way on is checked again here: no open redirect after the code either.
    let r = c.post(app.url("/login/kode")).form(&[("code", code.as_str()), ("next", "//evil.example")]).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/admin"));
    assert_eq!(text(&c, app.url("/admin/demo/moderation")).await.0, 200);

    // Someone who watched the code being typed, with the password too.
    let thief = client();
    password_step(&app, &thief, "mod@demo.dk").await;
    let r = post_code(&app, &thief, "/login/kode", &code).await;
    assert_eq!(r.status(), 401, "a code is accepted once (RFC 6238 §5.2)");
    assert_not_signed_in(&app, &thief).await;

    let api = client();
    let r = api.post(app.url("/api/v1/session")).json(&json!({ "email": "mod@demo.dk", "password": PASSWORD })).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("`code`"));
    let body = json!({ "email": "mod@demo.dk", "password": PASSWORD, "code": code });
    assert_eq!(api.post(app.url("/api/v1/session")).json(&body).send().await.unwrap().status(), 401, "replayed over the API");
    let body = json!({ "email": "mod@demo.dk", "password": PASSWORD, "code": RECOVERY_CODE });
    assert_eq!(api.post(app.url("/api/v1/session")).json(&body).send().await.unwrap().status(), 200);
    assert_eq!(api.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200);
}

async fn guessing_codes_is_throttled_like_passwords(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let c = client();
    password_step(&app, &c, "admin@demo.dk").await;
    for guess in 0..app::staff::MAX_FAILURES {
        let r = post_code(&app, &c, "/login/kode", &format!("{:06}", 100_000 + guess)).await;
        assert_eq!(r.status(), 401, "guess {guess}");
    }
    let r = post_code(&app, &c, "/login/kode", &code_for(&app, "admin@demo.dk")).await;
    assert_eq!(r.status(), 429, "even the right code waits now");
    assert!(r.headers().contains_key("retry-after"));
    assert_not_signed_in(&app, &c).await;
}

async fn a_challenge_is_not_a_session_and_a_made_up_one_is_nothing(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let r = client().post(app.url("/login")).form(&[("email", "admin@demo.dk"), ("password", PASSWORD)]).send().await.unwrap();
    let challenge = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("stemme_challenge="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("a challenge cookie");
    // Presented as a session id, it opens nothing.
    let raw = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = raw.get(app.url("/admin/demo")).header("cookie", format!("stemme_session={challenge}")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    // A made-up challenge: the code page says to start again, and takes no code.
    let fake = app::domain::secret::new_secret();
    let r = raw.get(app.url("/login/kode")).header("cookie", format!("stemme_challenge={fake}")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert!(r.text().await.unwrap().contains("Start forfra"));
    let r = raw
        .post(app.url("/login/kode"))
        .header("cookie", format!("stemme_challenge={fake}"))
        .form(&[("code", code_for(&app, "admin@demo.dk").as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert!(session_cookie(&r).is_none());
}

async fn an_admin_resets_a_lost_phone_and_the_log_says_so(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let admin_id = add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let moderator_id = add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    let admin = signed_in(&app, "admin@demo.dk").await;
    let moderator = signed_in(&app, "mod@demo.dk").await;
    let (_, people) = text(&admin, app.url("/admin/demo/personale")).await;
    assert!(people.contains("totrinsbekræftelse"), "the list shows who has an app");

    let own_id = admin_id.to_string();
    let own = admin
        .post(app.url("/admin/demo/personale"))
        .form(&[("action", "reset_factor"), ("staff_id", own_id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 422, "not one's own, from here");
    let id = moderator_id.to_string();
    let r =
        admin.post(app.url("/admin/demo/personale")).form(&[("action", "reset_factor"), ("staff_id", id.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(moderator.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "the moderator's sessions ended");
    let (_, log) = text(&admin, app.url("/admin/demo/log")).await;
    assert!(log.contains("second factor reset") && log.contains("mod@demo.dk"));
    let c = client();
    assert_eq!(password_step(&app, &c, "mod@demo.dk").await, "/login/app?next=/admin/demo", "a new app at the next sign-in");
}

async fn a_manager_may_turn_it_on_and_off_an_admin_may_not(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let c = signed_in(&app, "leder@demo.dk").await;
    let (status, page) = text(&c, app.url("/admin/konto")).await;
    assert_eq!(status, 200);
    let secret = shown_secret(&page);
    let r = c.post(app.url("/admin/konto")).form(&[("action", "enrol"), ("code", "123")]).send().await.unwrap();
    assert_eq!(r.status(), 422, "a signed-in person's mistyped code is a form error");
    let code = now_code(&secret);
    let r = c.post(app.url("/admin/konto")).form(&[("action", "enrol"), ("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap().matches("<li><code>").count(), 10);
    let c2 = client();
    assert_eq!(password_step(&app, &c2, "leder@demo.dk").await, "/login/kode?next=/admin/demo", "now the code is needed");

    // Turning it off takes a fresh code (the one used is spent) and signs out everywhere.
    let next_code = code_at(&secret, step_of(app::domain::policy::now()) + 1).unwrap();
    let r = c.post(app.url("/admin/konto")).form(&[("action", "remove"), ("code", code.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 422, "a spent code");
    let r = c.post(app.url("/admin/konto")).form(&[("action", "remove"), ("code", next_code.as_str())]).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/login?ok=factor_removed"));
    assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
    let body = json!({ "email": "leder@demo.dk", "password": PASSWORD });
    assert_eq!(client().post(app.url("/api/v1/session")).json(&body).send().await.unwrap().status(), 200, "the password alone again");

    let admin = signed_in(&app, "admin@demo.dk").await;
    let (_, page) = text(&admin, app.url("/admin/konto")).await;
    assert!(!page.contains(r#"value="remove""#), "no way to turn it off is offered");
    let r = admin.post(app.url("/admin/konto")).form(&[("action", "remove"), ("code", RECOVERY_CODE)]).send().await.unwrap();
    assert_eq!(r.status(), 403, "an admin's role requires it");
    assert_eq!(admin.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200, "still signed in");
}

async fn a_role_that_needs_an_app_signs_the_person_out_until_they_set_one_up(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let id = add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let (admin, manager) = (signed_in(&app, "admin@demo.dk").await, signed_in(&app, "leder@demo.dk").await);
    assert_eq!(manager.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200);
    let id = id.to_string();
    let form = [("action", "update"), ("staff_id", id.as_str()), ("role", "manager"), ("role", "moderator")];
    assert_eq!(admin.post(app.url("/admin/demo/personale")).form(&form).send().await.unwrap().status(), 303);
    assert_eq!(manager.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "the session without a code does not carry the new role");
    let c = client();
    assert_eq!(password_step(&app, &c, "leder@demo.dk").await, "/login/app?next=/admin/demo");
}

both_engines!(
    a_role_that_needs_an_app_signs_the_person_out_until_they_set_one_up,
    an_admin_without_an_app_sets_one_up_before_anything_opens,
    each_code_works_once_and_the_api_asks_for_it,
    guessing_codes_is_throttled_like_passwords,
    a_challenge_is_not_a_session_and_a_made_up_one_is_nothing,
    an_admin_resets_a_lost_phone_and_the_log_says_so,
    a_manager_may_turn_it_on_and_off_an_admin_may_not,
);
