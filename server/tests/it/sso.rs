//! Staff single sign-on against a real OpenID provider (the npm package
//! oidc-provider, `end2end/oidc/op.mjs`) started on 127.0.0.1 per test.
//! Each attack is tried as an attacker would: a wrong `state`, a replayed
//! answer or code, ID tokens that are expired, wrongly signed or for
//! someone else, an issuer that is not there, and a group taken away.
//! Each is refused with a message and leaves no session.

use crate::common::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The test provider: a node process, stopped when dropped.
struct Op {
    issuer: String,
    child: Child,
}

impl Drop for Op {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Op {
    fn start() -> Op {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/oidc/op.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the test provider (make npm installs oidc-provider)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the provider says where it is");
        let issuer = line.trim().strip_prefix("OP_ISSUER=").unwrap_or_else(|| panic!("unexpected first line {line:?}")).to_string();
        Op { issuer, child }
    }

    async fn control(&self, what: &str, body: serde_json::Value) {
        let r = reqwest::Client::new().post(format!("{}/test/{what}", self.issuer)).json(&body).send().await.unwrap();
        assert_eq!(r.status(), 204, "{what}");
    }

    async fn user(&self, sub: &str, email: &str, groups: &[&str]) {
        self.control("user", serde_json::json!({ "sub": sub, "email": email, "groups": groups })).await;
    }

    async fn mode(&self, mode: &str) {
        self.control("mode", serde_json::json!({ "mode": mode })).await;
    }
}

/// The provider, and the server with an SSO file for `demo` pointing at it
/// (`issuer` overrides where the file says the provider is).
async fn setup(engine: Engine, issuer: Option<&str>) -> (Op, TestApp, TestDb, tempfile::TempDir) {
    let op = Op::start();
    let db = TestDb::new(engine).await;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "test-secret-for-stemme\n").unwrap();
    let file = dir.path().join("sso.toml");
    let toml = format!(
        "[demo]\nlabel = \"Demo Kommune (test)\"\nissuer = \"{}\"\nclient_id = \"stemme\"\nclient_secret_file = \"{}\"\nemail_domains = [\"kommune.dk\"]\n\
         [demo.roles]\n\"stemme-admins\" = \"admin\"\n\"stemme-leaders\" = \"manager\"\n",
        issuer.unwrap_or(&op.issuer),
        secret.display()
    );
    std::fs::write(&file, toml).unwrap();
    let app = spawn_app_with(&db, |a| a.sso_config = Some(file.clone())).await;
    op.control("client", serde_json::json!({ "redirect_uris": [app.url("/login/sso/demo/callback")] })).await;
    (op, app, db, dir)
}

/// Where a sign-in ended.
struct Outcome {
    status: u16,
    url: String,
    body: String,
    /// The provider's answer to us, as it arrived.
    callback: Option<String>,
    /// Whether any response set a session cookie.
    session_set: bool,
}

/// Follows redirects from `url` as a browser does, with `c`'s cookies.
async fn follow(c: &reqwest::Client, url: String) -> Outcome {
    follow_to(c, url, false).await
}

/// The provider's answer for a sign-in `c` starts, not yet delivered.
async fn answer_for(app: &TestApp, c: &reqwest::Client) -> String {
    let out = follow_to(c, app.url("/login/sso/demo?next=/admin/demo"), true).await;
    out.callback.expect("the provider answered")
}

/// `follow`, stopping before the answer reaches us when `hold` is set.
async fn follow_to(c: &reqwest::Client, url: String, hold: bool) -> Outcome {
    let (mut url, mut callback, mut session_set) = (url, None, false);
    for _ in 0..20 {
        if hold && url.contains("/login/sso/demo/callback") {
            return Outcome { status: 0, url: url.clone(), body: String::new(), callback: Some(url), session_set };
        }
        let r = c.get(&url).send().await.unwrap();
        session_set |= session_cookie(&r).is_some_and(|v| !v.is_empty());
        if url.contains("/login/sso/demo/callback") {
            callback = Some(url.clone());
        }
        if !r.status().is_redirection() {
            return Outcome { status: r.status().as_u16(), url, body: r.text().await.unwrap(), callback, session_set };
        }
        let location = r.headers()["location"].to_str().unwrap().to_string();
        url = reqwest::Url::parse(&url).unwrap().join(&location).unwrap().to_string();
    }
    panic!("too many redirects");
}

async fn sign_in(app: &TestApp, c: &reqwest::Client) -> Outcome {
    follow(c, app.url("/login/sso/demo?next=/admin/demo")).await
}

async fn sessions(db: &TestDb) -> i64 {
    count_sql(&db.url, "SELECT COUNT(*) FROM staff_sessions").await
}

both_engines!(
    a_mapped_group_signs_in_and_a_removed_group_takes_the_role_away,
    an_address_the_municipality_does_not_own_or_no_group_takes_nothing_over,
    a_wrong_state_a_replayed_answer_and_a_replayed_code_are_refused,
    tampered_id_tokens_are_refused_and_nothing_is_half_signed_in,
    an_issuer_that_is_not_there_is_refused,
    a_rotated_signing_key_is_followed,
    a_local_account_taken_over_by_sso_has_no_password_any_more,
);

async fn a_mapped_group_signs_in_and_a_removed_group_takes_the_role_away(engine: Engine) {
    let (op, app, db, _dir) = setup(engine, None).await;
    let (status, login) = text(&client(), app.url("/login")).await;
    assert_eq!(status, 200);
    assert!(login.contains("Demo Kommune (test)") && login.contains("/login/sso/demo?next="), "the sign-in page offers the provider");

    op.user("anna-1", "Anna@Kommune.dk", &["stemme-admins", "stemme-leaders", "unrelated"]).await;
    let c = client();
    let done = sign_in(&app, &c).await;
    assert_eq!((done.status, done.url.ends_with("/admin/demo")), (200, true), "{}", done.url);
    assert!(done.session_set);
    let (status, _) = text(&c, app.url("/admin/demo/personale")).await;
    assert_eq!(status, 200, "an admin sees the staff page");
    let roles =
        count_sql(&db.url, "SELECT COUNT(*) FROM staff_roles r JOIN staff s ON s.id = r.staff_id WHERE s.email = 'anna@kommune.dk'").await;
    assert_eq!(roles, 2, "admin and manager, from two groups");
    let audit = count_sql(&db.url, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in (SSO)' AND actor = 'anna@kommune.dk'").await;
    assert!(audit >= 1);

    // Taken out of the admins' group: at the next sign-in the role is gone,
    // in every session, also the one already open.
    op.user("anna-1", "anna@kommune.dk", &["stemme-leaders"]).await;
    let again = sign_in(&app, &client()).await;
    assert_eq!(again.status, 200);
    let (status, _) = text(&c, app.url("/admin/demo/personale")).await;
    assert_eq!(status, 403, "the old session lost the admin role too");

    // Out of every group: refused, no session, no role left.
    op.user("anna-1", "anna@kommune.dk", &["unrelated"]).await;
    let before = sessions(&db).await;
    let refused = sign_in(&app, &client()).await;
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("ikke i en gruppe"), "the page says why");
    assert!(!refused.session_set);
    assert_eq!(sessions(&db).await, before);
    let (status, _) = text(&c, app.url("/admin/demo")).await;
    assert_eq!(status, 404, "no role in demo any more: the municipality is not even shown");
}

async fn a_wrong_state_a_replayed_answer_and_a_replayed_code_are_refused(engine: Engine) {
    let (op, app, db, _dir) = setup(engine, None).await;
    op.user("bo-1", "bo@kommune.dk", &["stemme-leaders"]).await;
    let first = sign_in(&app, &client()).await;
    assert_eq!(first.status, 200);
    let callback = first.callback.expect("the provider answered");
    let signed_in = sessions(&db).await;

    // The same answer again, in the same kind of browser: the state was
    // taken. With the state planted as a cookie: still taken.
    let replay = follow(&client(), callback.clone()).await;
    assert_eq!(replay.status, 400);
    assert!(replay.body.contains("udløbet eller allerede brugt"));
    let state = reqwest::Url::parse(&callback).unwrap().query_pairs().find(|(k, _)| k == "state").unwrap().1.to_string();
    let planted = client();
    let r = planted.get(&callback).header("cookie", format!("stemme_sso={state}")).send().await.unwrap();
    assert_eq!(r.status(), 400, "a planted state is taken already");

    // Login CSRF: the attacker signs in as themselves, keeps the answer and
    // makes the victim's browser deliver it, so the victim would work in
    // the attacker's account. The victim's browser did not start that
    // sign-in, with or without one of its own under way.
    op.user("attacker-1", "attacker@kommune.dk", &["stemme-leaders"]).await;
    let lure = answer_for(&app, &client()).await;
    let victim = client();
    assert_eq!(follow(&victim, lure.clone()).await.status, 400, "no sign-in of the victim's own");
    let r = victim.get(app.url("/login/sso/demo")).send().await.unwrap();
    assert_eq!(r.status(), 303, "the victim's own sign-in began");
    let out = follow(&victim, lure).await;
    assert_eq!(out.status, 400, "an answer with another state is refused");
    assert!(!out.session_set);
    op.user("bo-1", "bo@kommune.dk", &["stemme-leaders"]).await;

    // A fresh sign-in, answered with the first one's (used) code.
    let c = client();
    let r = c.get(app.url("/login/sso/demo")).send().await.unwrap();
    let to_op = r.headers()["location"].to_str().unwrap().to_string();
    let new_state = reqwest::Url::parse(&to_op).unwrap().query_pairs().find(|(k, _)| k == "state").unwrap().1.to_string();
    let old_code = callback.replace(&state, &new_state);
    let refused = follow(&c, old_code).await;
    assert_eq!(refused.status, 401, "the provider refuses a used code");
    assert!(refused.body.contains("sagde nej"));
    assert!(!refused.session_set);
    assert_eq!(sessions(&db).await, signed_in, "no new session from any of these");
}

async fn tampered_id_tokens_are_refused_and_nothing_is_half_signed_in(engine: Engine) {
    let (op, app, db, _dir) = setup(engine, None).await;
    op.user("cy-1", "cy@kommune.dk", &["stemme-admins"]).await;
    for mode in ["expired", "badsig", "issuer", "audience", "nonce"] {
        op.mode(mode).await;
        let c = client();
        let out = sign_in(&app, &c).await;
        assert_eq!(out.status, 401, "{mode}");
        assert!(out.body.contains("kunne ikke godkendes"), "{mode}: the page says why");
        assert!(!out.session_set, "{mode}");
        let r = c.get(app.url("/admin/demo")).send().await.unwrap();
        assert_eq!(r.status(), 303, "{mode}: still signed out");
    }
    assert_eq!(sessions(&db).await, 0);
    assert_eq!(count_sql(&db.url, "SELECT COUNT(*) FROM staff").await, 0, "not even an account was made");
    op.mode("").await;
    assert_eq!(sign_in(&app, &client()).await.status, 200, "the same person with an honest token");
}

async fn an_issuer_that_is_not_there_is_refused(engine: Engine) {
    // Port 9 (discard) on this machine: nothing answers there.
    let (_op, app, db, _dir) = setup(engine, Some("http://127.0.0.1:9/realms/nowhere")).await;
    let out = sign_in(&app, &client()).await;
    assert_eq!(out.status, 502);
    assert!(out.body.contains("svarer ikke"));
    assert_eq!(sessions(&db).await, 0);
    let (status, body) = text(&client(), app.url("/login/sso/odense")).await;
    assert_eq!(status, 404, "a municipality without single sign-on");
    assert!(body.contains("logger ikke ind med sin egen konto"));
}

async fn a_rotated_signing_key_is_followed(engine: Engine) {
    let (op, app, _db, _dir) = setup(engine, None).await;
    op.user("di-1", "di@kommune.dk", &["stemme-leaders"]).await;
    assert_eq!(sign_in(&app, &client()).await.status, 200);
    op.control("rotate", serde_json::json!({})).await;
    op.user("di-1", "di@kommune.dk", &["stemme-leaders"]).await;
    assert_eq!(sign_in(&app, &client()).await.status, 200, "the new key is fetched and trusted");
}

async fn a_local_account_taken_over_by_sso_has_no_password_any_more(engine: Engine) {
    let (op, app, db, _dir) = setup(engine, None).await;
    add_staff(&db.url, "eva@kommune.dk", Some("demo"), &[app::domain::staff::Role::Manager], PASSWORD).await;
    add_staff(&db.url, "both@kommune.dk", Some("odense"), &[app::domain::staff::Role::Manager], PASSWORD).await;
    let c = client();
    let r = c.post(app.url("/api/v1/session")).json(&credentials(&app, "eva@kommune.dk")).send().await.unwrap();
    assert_eq!(r.status(), 200, "the password works before");

    op.user("eva-1", "eva@kommune.dk", &["stemme-leaders"]).await;
    assert_eq!(sign_in(&app, &client()).await.status, 200);
    let r = c.get(app.url("/admin/demo")).send().await.unwrap();
    assert_eq!(r.status(), 303, "the password's session ended");
    let r = client().post(app.url("/api/v1/session")).json(&credentials(&app, "eva@kommune.dk")).send().await.unwrap();
    assert_eq!(r.status(), 401, "and the password no longer signs in");

    // Nor can an admin give the account a password again.
    add_staff(&db.url, "admin@kommune.dk", Some("demo"), &[app::domain::staff::Role::Admin], PASSWORD).await;
    let admin = signed_in(&app, "admin@kommune.dk").await;
    let (_, page) = text(&admin, app.url("/admin/demo/personale")).await;
    assert!(page.contains("kommunens konto (SSO)"), "the staff page says how Eva signs in");
    let eva = count_sql(&db.url, "SELECT id FROM staff WHERE email = 'eva@kommune.dk'").await.to_string();
    let r = admin.post(app.url("/admin/demo/personale")).form(&[("action", "link"), ("staff_id", eva.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 409);
    let invite = [("action", "invite"), ("email", "eva@kommune.dk"), ("role", "facilitator")];
    let r = admin.post(app.url("/admin/demo/personale")).form(&invite).send().await.unwrap();
    assert_eq!(r.status(), 409, "nor roles: the provider's groups give them");
    let roles = [("action", "update"), ("staff_id", eva.as_str()), ("role", "facilitator")];
    let r = admin.post(app.url("/admin/demo/personale")).form(&roles).send().await.unwrap();
    assert_eq!(r.status(), 409);

    // Someone who works in another municipality is not the provider's to take.
    op.user("both-1", "both@kommune.dk", &["stemme-leaders"]).await;
    let out = sign_in(&app, &client()).await;
    assert_eq!(out.status, 409);
    assert!(out.body.contains("hører til en anden konto"));
    let r = client().post(app.url("/api/v1/session")).json(&credentials(&app, "both@kommune.dk")).send().await.unwrap();
    assert_eq!(r.status(), 200, "their own password still works");
}

async fn an_address_the_municipality_does_not_own_or_no_group_takes_nothing_over(engine: Engine) {
    let (op, app, db, _dir) = setup(engine, None).await;
    add_staff(&db.url, "admin@kommune.dk", Some("demo"), &[app::domain::staff::Role::Admin], PASSWORD).await;
    let staff_before = count_sql(&db.url, "SELECT COUNT(*) FROM staff").await;

    // A provider user who set their own e-mail to the admin's, in no mapped
    // group: refused, and the admin's account is untouched.
    op.user("someone-else", "admin@kommune.dk", &["kantinen"]).await;
    let out = sign_in(&app, &client()).await;
    assert_eq!(out.status, 403);
    let r = client().post(app.url("/api/v1/session")).json(&credentials(&app, "admin@kommune.dk")).send().await.unwrap();
    assert_eq!(r.status(), 200, "the admin's password and app still work");
    assert_eq!(count_sql(&db.url, "SELECT COUNT(*) FROM staff WHERE sso_subject IS NOT NULL").await, 0, "nothing linked");

    // An address outside the municipality's domains, even in a mapped group.
    op.user("outsider", "anne@gmail.com", &["stemme-admins"]).await;
    let out = sign_in(&app, &client()).await;
    assert_eq!(out.status, 403);
    assert!(out.body.contains("ikke hører til kommunens domæner"));
    assert_eq!(count_sql(&db.url, "SELECT COUNT(*) FROM staff").await, staff_before, "no account made for either");

    // An SSO account given a role elsewhere (by the operator's CLI, say):
    // this provider does not vouch for that, so no session.
    op.user("fie-1", "fie@kommune.dk", &["stemme-leaders"]).await;
    assert_eq!(sign_in(&app, &client()).await.status, 200);
    let fie = count_sql(&db.url, "SELECT id FROM staff WHERE email = 'fie@kommune.dk'").await;
    let store = app::store::connect(&db.url).await.unwrap();
    let odense = app::domain::demo::new_municipality("odense", "Odense");
    store.seed_municipality(&odense).await.unwrap();
    let odense_id = store.municipality("odense").await.unwrap().unwrap().id;
    store.grant_role(fie, Some(odense_id), app::domain::staff::Role::Manager).await.unwrap();
    let out = sign_in(&app, &client()).await;
    assert_eq!(out.status, 409);
    assert!(out.body.contains("roller uden for denne kommune"));
}
