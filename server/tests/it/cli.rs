//! `stemme municipality add`, `stemme user add` and `stemme token create`
//! against both engines, then the results used through the running server.

use crate::common::{client, spawn_app, Engine, TestDb, PASSWORD};
use serde_json::json;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn stemme(db: &TestDb, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stemme"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("stemme runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn last_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).lines().last().unwrap_or_default().to_string()
}

async fn the_cli_makes_the_first_accounts(engine: Engine) {
    let db = TestDb::new(engine).await;
    let ok = |o: &Output| assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    ok(&stemme(&db, &["municipality", "add", "--slug", "odense", "--name", "Odense Kommune"], None));
    let again = stemme(&db, &["municipality", "add", "--slug", "odense", "--name", "Odense"], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(stemme(&db, &["municipality", "add", "--slug", "Odense!", "--name", "x"], None).status.code(), Some(1));

    let invite = stemme(&db, &["user", "add", "--email", "leder@odense.dk", "--municipality", "odense", "--role", "manager"], None);
    ok(&invite);
    assert!(last_line(&invite).starts_with("http://127.0.0.1:3000/adgangskode/"), "{}", last_line(&invite));

    let weak = stemme(
        &db,
        &["user", "add", "--email", "a@odense.dk", "--municipality", "odense", "--role", "admin", "--password-stdin"],
        Some("password\n"),
    );
    assert_eq!(weak.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("too common"));
    let admin = stemme(
        &db,
        &[
            "user",
            "add",
            "--email",
            "a@odense.dk",
            "--municipality",
            "odense",
            "--role",
            "admin",
            "--role",
            "moderator",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    ok(&admin);
    assert!(!String::from_utf8_lossy(&admin.stdout).contains(PASSWORD));
    assert_eq!(
        stemme(&db, &["user", "add", "--email", "a@odense.dk", "--role", "admin"], None).status.code(),
        Some(1),
        "needs a municipality"
    );
    assert_eq!(
        stemme(&db, &["user", "add", "--email", "a@odense.dk", "--municipality", "odense", "--role", "root"], None).status.code(),
        Some(1)
    );
    ok(&stemme(&db, &["user", "add", "--email", "drift@stemme.dk", "--role", "operator", "--password-stdin"], Some(PASSWORD)));

    let token = stemme(&db, &["token", "create", "--municipality", "odense", "--name", "Rapporter"], None);
    ok(&token);
    let token = last_line(&token);
    assert!(token.starts_with("stm_") && token.len() == 68, "{token}");

    let app = spawn_app(&db).await;
    let c = client();
    let r = c.post(app.url("/api/v1/session")).json(&json!({ "email": "a@odense.dk", "password": PASSWORD })).send().await.unwrap();
    assert_eq!(r.status(), 403, "an admin sets up an authenticator app before anything else");
    crate::common::set_up_app_for(&db.url, "a@odense.dk").await;
    let me: serde_json::Value = c
        .post(app.url("/api/v1/session"))
        .json(&crate::common::credentials(&app, "a@odense.dk"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["roles"], json!([{ "municipality": "odense", "role": "admin" }, { "municipality": "odense", "role": "moderator" }]));
    let r = reqwest::Client::new().get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(c.get(app.url("/admin/odense/log")).send().await.unwrap().status(), 200);
    let log = c.get(app.url("/admin/odense/log")).send().await.unwrap().text().await.unwrap();
    assert!(log.contains("municipality created") && log.contains("API token created") && log.contains("cli"));

    // A lost phone, for anyone: the operator's command.
    ok(&stemme(&db, &["user", "reset-factor", "--email", "a@odense.dk"], None));
    assert_eq!(c.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401, "signed out");
    let r = client().post(app.url("/api/v1/session")).json(&crate::common::credentials(&app, "a@odense.dk")).send().await.unwrap();
    assert_eq!(r.status(), 403, "a new app first");
    crate::common::set_up_app_for(&db.url, "a@odense.dk").await;
    let log = crate::common::signed_in(&app, "a@odense.dk").await.get(app.url("/admin/odense/log")).send().await.unwrap().text().await.unwrap();
    assert!(log.contains("second factor reset"));
    let none = stemme(&db, &["user", "reset-factor", "--email", "nobody@odense.dk"], None);
    assert!(!none.status.success(), "an unknown account is an error");
}

both_engines!(the_cli_makes_the_first_accounts);
