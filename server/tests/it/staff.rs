//! Staff sign-in, sessions and access control, on both engines.

use crate::common::{add_staff, client, session_cookie, signed_in, spawn_app, spawn_app_with, Engine, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};

const STAFF_PAGES: [&str; 8] = [
    "/admin",
    "/admin/demo",
    "/admin/demo/tilbud",
    "/admin/demo/spoergsmaal",
    "/admin/demo/personale",
    "/admin/demo/noegler",
    "/admin/demo/indstillinger",
    "/admin/demo/log",
];

async fn everything_staff_needs_credentials(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    for path in STAFF_PAGES.iter().chain(&["/admin/kommuner"]) {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 303, "{path}");
        let to = r.headers()["location"].to_str().unwrap();
        assert!(to.starts_with("/login?next=%2Fadmin") || to.starts_with("/login?next=/admin"), "{path} → {to}");
        let r = c.post(app.url(path)).form(&[("action", "add")]).send().await.unwrap();
        assert_eq!(r.status(), 401, "POST {path}");
    }
    assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
    let login = c.get(app.url("/login?next=/admin/demo")).send().await.unwrap();
    assert_eq!(login.status(), 200);
    assert!(login.text().await.unwrap().contains(r#"name="next" value="/admin/demo""#));
}

async fn other_municipalities_are_invisible_and_roles_are_enforced(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@odense.dk", Some("odense"), &[Role::Admin], PASSWORD).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], PASSWORD).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;

    let odense = signed_in(&app, "admin@odense.dk").await;
    for path in &STAFF_PAGES[1..] {
        assert_eq!(odense.get(app.url(path)).send().await.unwrap().status(), 404, "{path}");
    }
    let r = odense
        .post(app.url("/admin/demo/tilbud"))
        .form(&[("action", "add"), ("slug", "x"), ("name", "X"), ("category", "uu")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(odense.get(app.url("/admin/odense/tilbud")).send().await.unwrap().status(), 200);
    assert_eq!(odense.get(app.url("/admin/kommuner")).send().await.unwrap().status(), 403, "not an operator");

    let moderator = signed_in(&app, "mod@demo.dk").await;
    assert_eq!(moderator.get(app.url("/admin/demo")).send().await.unwrap().status(), 200);
    for path in &STAFF_PAGES[2..] {
        let r = moderator.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 403, "{path}");
        assert!(r.text().await.unwrap().contains("Ingen adgang"));
    }
    let r = moderator
        .post(app.url("/admin/demo/personale"))
        .form(&[("action", "invite"), ("email", "x@y.dk"), ("role", "admin")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "a moderator cannot make admins");

    let admin = signed_in(&app, "admin@demo.dk").await;
    for path in &STAFF_PAGES {
        assert_eq!(admin.get(app.url(path)).send().await.unwrap().status(), 200, "{path}");
    }
    let me: Value = admin.get(app.url("/api/v1/me")).send().await.unwrap().json().await.unwrap();
    assert_eq!(me, json!({ "email": "admin@demo.dk", "roles": [{ "municipality": "demo", "role": "admin" }] }));
}

async fn sign_in_makes_a_new_session_and_sign_out_ends_it(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "a@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let raw = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let creds = json!({ "email": "A@demo.dk ", "password": PASSWORD });
    let me = |id: String| raw.get(app.url("/api/v1/me")).header("cookie", format!("stemme_session={id}")).send();

    // An id planted before sign-in (session fixation) is never accepted.
    let planted = app::domain::secret::new_secret();
    let r = raw.post(app.url("/api/v1/session")).header("cookie", format!("stemme_session={planted}")).json(&creds).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let first = session_cookie(&r).expect("a session cookie");
    assert_ne!(first, planted);
    assert_eq!(me(planted).await.unwrap().status(), 401);
    assert_eq!(me(first.clone()).await.unwrap().status(), 200);

    // Signing in again replaces the old id, which dies.
    let r = raw.post(app.url("/api/v1/session")).header("cookie", format!("stemme_session={first}")).json(&creds).send().await.unwrap();
    let second = session_cookie(&r).unwrap();
    assert_ne!(first, second);
    assert_eq!(me(first).await.unwrap().status(), 401, "the pre-login id is dead");
    assert_eq!(me(second.clone()).await.unwrap().status(), 200);

    let r = raw.delete(app.url("/api/v1/session")).header("cookie", format!("stemme_session={second}")).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(me(second).await.unwrap().status(), 401, "ended on the server, not just in the browser");
}

async fn session_cookie_flags_behind_https(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app_with(&db, |a| a.secure_cookies = true).await;
    add_staff(&db.url, "a@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let r = client().post(app.url("/api/v1/session")).json(&json!({ "email": "a@demo.dk", "password": PASSWORD })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-stemme_session="), "{cookie}");
    for flag in ["; Secure", "; HttpOnly", "; SameSite=Lax", "; Path=/"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    assert!(!cookie.contains("Domain="));
    assert!(r.headers().contains_key("strict-transport-security"));
}

async fn sign_in_is_throttled_per_account_and_per_source(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "a@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let c = client();
    let attempt = |email: &'static str, password: &'static str| {
        c.post(app.url("/api/v1/session")).json(&json!({ "email": email, "password": password })).send()
    };
    for i in 0..10 {
        assert_eq!(attempt("a@demo.dk", "forkert kodeord").await.unwrap().status(), 401, "attempt {i}");
    }
    let r = attempt("a@demo.dk", PASSWORD).await.unwrap();
    assert_eq!(r.status(), 429, "even the right password waits");
    let retry: i64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // The same source is now spent too, for any account; the form says so in Danish.
    let r = c.post(app.url("/login")).form(&[("email", "b@demo.dk"), ("password", "x"), ("next", "/admin")]).send().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.text().await.unwrap().contains("For mange forsøg"));
}

async fn the_sign_in_form_works_without_javascript(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "a@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let c = client();
    let r = c.post(app.url("/login")).form(&[("email", "a@demo.dk"), ("password", "nej"), ("next", "/admin/demo")]).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let html = r.text().await.unwrap();
    assert!(html.contains("Forkert e-mail eller adgangskode") && html.contains(r#"value="a@demo.dk""#), "echoes the e-mail");
    assert!(!html.contains("nej\""), "never echoes the password");
    let r = c
        .post(app.url("/login"))
        .form(&[("email", "a@demo.dk"), ("password", PASSWORD), ("next", "https://evil.example")])
        .send()
        .await
        .unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/admin"), "no open redirect");
    assert_eq!(c.get(app.url("/admin/demo")).send().await.unwrap().status(), 200);
    let r = c.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(c.get(app.url("/admin/demo")).send().await.unwrap().status(), 303, "signed out");
}

async fn staff_forms_refuse_cross_site_posts(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "a@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let admin = signed_in(&app, "a@demo.dk").await;
    let form = [("action", "invite"), ("email", "evil@x.dk"), ("role", "admin")];
    let r = admin.post(app.url("/admin/demo/personale")).header("origin", "https://evil.example").form(&form).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = admin.post(app.url("/admin/demo/personale")).header("sec-fetch-site", "cross-site").form(&form).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let r = admin.post(app.url("/login")).header("sec-fetch-site", "cross-site").form(&[("email", "a@demo.dk")]).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let page = admin.get(app.url("/admin/demo/personale")).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("evil@x.dk"), "nothing was invited");
}

async fn an_admin_cannot_take_over_a_colleague_elsewhere(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    add_staff(&db.url, "admin@odense.dk", Some("odense"), &[Role::Admin], PASSWORD).await;
    let odense = signed_in(&app, "admin@odense.dk").await;
    let r = odense
        .post(app.url("/admin/odense/personale"))
        .form(&[("action", "invite"), ("email", "admin@demo.dk"), ("role", "moderator")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.headers()["location"].to_str().unwrap()),
        (303, "/admin/odense/personale?ok=roles_added"),
        "no link for an existing account"
    );
    let page = odense.get(app.url("/admin/odense/personale?ok=roles_added")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("allerede en konto") && !page.contains("/adgangskode/"));
    let store = app::store::connect(&db.url).await.unwrap();
    let victim = store.staff_by_email("admin@demo.dk").await.unwrap().unwrap().id.to_string();
    for form in [
        vec![("action", "link"), ("staff_id", victim.as_str())],
        vec![("action", "update"), ("staff_id", victim.as_str()), ("role", "moderator"), ("disabled", "on")],
    ] {
        let r = odense.post(app.url("/admin/odense/personale")).form(&form).send().await.unwrap();
        assert_eq!(r.status(), 403, "{form:?}");
    }
    signed_in(&app, "admin@demo.dk").await;
}

async fn odd_input_gets_a_4xx_never_a_500(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let c = client();
    let r = c.post(app.url("/login")).form(&[("email", "a\u{0}@demo.dk"), ("password", "x")]).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = c.post(app.url("/api/v1/session")).json(&json!({ "email": "\u{0}", "password": "\u{0}" })).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let admin = signed_in(&app, "admin@demo.dk").await;
    let add = [("action", "add"), ("slug", "nul"), ("name", "Nul\u{0}tegn"), ("category", "uu"), ("active", "on")];
    assert_eq!(admin.post(app.url("/admin/demo/tilbud")).form(&add).send().await.unwrap().status(), 303);
    assert!(client().get(app.url("/k/demo")).send().await.unwrap().text().await.unwrap().contains("Nultegn"));
    let rating = json!({ "answers": { "listened": 4 }, "comment": "hej\u{0}med dig" });
    let r = c.post(app.url("/api/v1/municipalities/demo/services/fgu/ratings")).json(&rating).send().await.unwrap();
    assert_eq!(r.status(), 201);
}

async fn parallel_guesses_cannot_outrun_the_throttle(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "a@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let guesses = (0..40).map(|i| {
        let url = app.url("/api/v1/session");
        tokio::spawn(async move {
            let body = json!({ "email": "a@demo.dk", "password": format!("gæt nummer {i}") });
            client().post(url).json(&body).send().await.unwrap().status().as_u16()
        })
    });
    let mut wrong = 0;
    for g in guesses.collect::<Vec<_>>() {
        match g.await.unwrap() {
            401 => wrong += 1,
            429 => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert!(wrong <= 10 + 3, "{wrong} guesses were checked");
}

both_engines!(
    an_admin_cannot_take_over_a_colleague_elsewhere,
    odd_input_gets_a_4xx_never_a_500,
    parallel_guesses_cannot_outrun_the_throttle,
    everything_staff_needs_credentials,
    other_municipalities_are_invisible_and_roles_are_enforced,
    sign_in_makes_a_new_session_and_sign_out_ends_it,
    session_cookie_flags_behind_https,
    sign_in_is_throttled_per_account_and_per_source,
    the_sign_in_form_works_without_javascript,
    staff_forms_refuse_cross_site_posts,
);
