//! See `main.rs`. Account takeover through old set-password links, and
//! IPv6 sources counted by their /64; the workshop's limits are in `workshop`.

/// Workshop joins, answers, event streams and revealed results.
mod workshop;

use crate::common::{add_staff, client, signed_in, spawn_app, spawn_app_with, Engine, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::json;

/// The one-time link on an admin page (`/adgangskode/{64 hex}`).
fn link_token(html: &str) -> String {
    let start = html.find("/adgangskode/").expect("a set-password link on the page") + "/adgangskode/".len();
    html[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

/// Demo's admin invites x; then x gets a role in Odense. The link demo's
/// admin holds must not set x's password any more: that would be a way
/// into Odense. A link the server's CLI made stays valid.
async fn a_municipality_link_dies_when_the_account_works_elsewhere(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    add_staff(&db.url, "admin@odense.dk", Some("odense"), &[Role::Admin], PASSWORD).await;
    let demo = signed_in(&app, "admin@demo.dk").await;
    let invite = |email: &'static str| {
        demo.post(app.url("/admin/demo/personale")).form(&[("action", "invite"), ("email", email), ("role", "facilitator")]).send()
    };
    let r = invite("x@demo.dk").await.unwrap();
    assert_eq!(r.status(), 200);
    let token = link_token(&r.text().await.unwrap());
    let r = invite("y@demo.dk").await.unwrap();
    let kept = link_token(&r.text().await.unwrap());

    // Odense's admin gives x a role there (x has no password yet).
    let odense = signed_in(&app, "admin@odense.dk").await;
    let r = odense
        .post(app.url("/admin/odense/personale"))
        .form(&[("action", "invite"), ("email", "x@demo.dk"), ("role", "admin")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection(), "{}", r.status());

    let page = client().get(app.url(&format!("/adgangskode/{token}"))).send().await.unwrap();
    assert_eq!(page.status(), 410, "the page refuses the link");
    assert!(page.text().await.unwrap().contains("arbejder nu også i en anden kommune"));
    let form = [("password", "en helt ny adgangskode"), ("confirm", "en helt ny adgangskode")];
    let r = client().post(app.url(&format!("/adgangskode/{token}"))).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 410, "the form refuses it too");
    assert!(r.text().await.unwrap().contains("arbejder nu også i en anden kommune"));
    let r = client().post(app.url("/api/v1/session")).json(&json!({ "email": "x@demo.dk", "password": form[0].1 })).send().await.unwrap();
    assert_eq!(r.status(), 401, "no password was set");

    // y works only in demo: the link works.
    let r = client().post(app.url(&format!("/adgangskode/{kept}"))).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303);

    // The server's own link (the CLI, `add_staff`) for an account in two municipalities still works.
    add_staff(&db.url, "x@demo.dk", Some("odense"), &[Role::Admin], PASSWORD).await;
    signed_in(&app, "x@demo.dk").await;
}

/// Sign-in failures from one /64 share the budget of one address.
async fn sign_in_failures_count_per_64(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app_with(&db, |a| a.client_ip_header = Some("x-forwarded-for".into())).await;
    add_staff(&db.url, "a@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let c = client();
    for i in 0..10 {
        let r = c
            .post(app.url("/api/v1/session"))
            .header("x-forwarded-for", format!("2001:db8:1:2::{:x}", i + 1))
            .json(&json!({ "email": format!("nobody{i}@demo.dk"), "password": "forkert kodeord" }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "attempt {i}");
    }
    let r = c
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", "2001:db8:1:2:ffff:ffff:ffff:ffff")
        .json(&json!({ "email": "a@demo.dk", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429, "the same /64 has spent its failures");
    let r = c
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", "2001:db8:1:3::1")
        .json(&json!({ "email": "a@demo.dk", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the next /64 is someone else");
}

/// Anonymous writes (here: ratings) from one /64 share one address budget.
async fn anonymous_writes_count_per_64(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app_with(&db, |a| a.client_ip_header = Some("x-forwarded-for".into())).await;
    let url = app.url("/api/v1/municipalities/demo/services/fgu/ratings");
    let raw = reqwest::Client::new();
    let budget = server::ratelimit::SOURCE.burst as usize;
    let mut refused = None;
    for i in 0..budget + 20 {
        // A fresh address of the /64 every time, no cookies, a body the
        // handler refuses at once: only the limit can stop this.
        let r = raw
            .post(&url)
            .header("x-forwarded-for", format!("2001:db8:7:7:{:x}::{:x}", i / 0xffff, i % 0xffff + 1))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        if r.status() == 429 {
            refused = Some(i);
            break;
        }
    }
    let refused = refused.expect("one /64 is one source");
    assert!(refused >= budget - 5, "a whole budget first: {refused}");
    let r = raw
        .post(&url)
        .header("x-forwarded-for", "2001:db8:7:8::1")
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 429, "another /64 has its own budget");
}

crate::both_engines!(
    a_municipality_link_dies_when_the_account_works_elsewhere,
    sign_in_failures_count_per_64,
    anonymous_writes_count_per_64
);
