//! Passkeys' JSON calls refused as they should be. The real ceremonies
//! (Chromium's virtual authenticator) are in end2end/tests/passkeys.spec.ts.

use crate::common::*;
use app::domain::staff::Role;
use serde_json::json;

both_engines!(passkey_calls_refuse_strangers_the_wrong_address_and_answers_without_a_ceremony);

async fn passkey_calls_refuse_strangers_the_wrong_address_and_answers_without_a_ceremony(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let post = |c: &reqwest::Client, path: &str, host: &str| c.post(app.url(path)).header("host", host.to_string()).json(&json!({}));
    let local = format!("localhost:{}", app.addr.port());

    // Signed out: nothing to register with; no challenge: nothing to sign.
    let r = post(&client(), "/admin/konto/passkey/start", &local).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = post(&client(), "/login/passkey/start", &local).send().await.unwrap();
    assert_eq!(r.status(), 401, "no sign-in under way");

    // A manager without an app: passkeys come after the app.
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    let r = post(&manager, "/admin/konto/passkey/start", &local).send().await.unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("godkendelses-app"));

    // An admin with an app, at an IP address: browsers refuse WebAuthn there.
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let admin = signed_in(&app, "admin@demo.dk").await;
    let with_code = |c: &reqwest::Client, host: &str, code: &str| {
        c.post(app.url("/admin/konto/passkey/start")).header("host", host.to_string()).json(&json!({ "code": code }))
    };
    let r = with_code(&admin, &app.addr.to_string(), "000000").send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("IP-adresse"));
    let r = with_code(&admin, &local, "000000").send().await.unwrap();
    assert_eq!(r.status(), 401, "a session alone adds no passkey: the code is checked");
    let r = with_code(&admin, &local, &code_for(&app, "admin@demo.dk")).send().await.unwrap();
    assert_eq!(r.status(), 200, "on a name, with a code, it starts");
    let options: serde_json::Value = r.json().await.unwrap();
    assert_eq!(options["publicKey"]["rp"]["id"], "localhost");
    // An answer that is not a credential, and one for no ceremony.
    let r = admin.post(app.url("/admin/konto/passkey/finish")).header("host", &local).json(&json!({ "name": "x" })).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let fake = json!({ "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": { "attestationObject": "AAAA", "clientDataJSON": "AAAA" }, "extensions": {} });
    let finish =
        || admin.post(app.url("/admin/konto/passkey/finish")).header("host", &local).json(&json!({ "name": "x", "credential": fake }));
    assert_eq!(finish().send().await.unwrap().status(), 401, "the ceremony's answer does not verify");
    let r = finish().send().await.unwrap();
    assert_eq!(r.status(), 401, "and the ceremony was used up");
    assert!(r.text().await.unwrap().contains("allerede brugt"));
    assert_eq!(count_sql(&db.url, "SELECT COUNT(*) FROM staff_passkeys").await, 0);
}
