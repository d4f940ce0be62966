//! The chain's principles: the youth page, the API and the admin page.

use crate::common::{add_staff, client, signed_in, spawn_app, Engine, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::Value;

async fn principles_are_public_and_bilingual(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let list: Value = c.get(app.url("/api/v1/municipalities/demo/principles")).send().await.unwrap().json().await.unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 12);
    assert_eq!(list[5]["title"], "Unge er med til at bestemme, hvordan kæden fungerer");
    assert_eq!((list[5]["version"].as_i64(), list[5]["criterion"].as_i64()), (Some(1), Some(6)));
    let en: Value = c
        .get(app.url("/api/v1/municipalities/demo/principles"))
        .header("cookie", "stemme_sprog=en")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(en[5]["title"], "Young people help decide how the chain works");
    assert_eq!(c.get(app.url("/api/v1/municipalities/nowhere/principles")).send().await.unwrap().status(), 404);
    let page = c.get(app.url("/k/demo/principper")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Dit forløb skal hænge sammen"));
    assert!(c.get(app.url("/k/demo")).send().await.unwrap().text().await.unwrap().contains("/k/demo/principper"));
    assert_eq!(c.get(app.url("/k/nowhere/principper")).send().await.unwrap().status(), 404);
}

async fn admins_revise_principles_and_the_history_shows(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let admin = signed_in(&app, "admin@demo.dk").await;
    let list: Value = client().get(app.url("/api/v1/municipalities/demo/principles")).send().await.unwrap().json().await.unwrap();
    let id = list[6]["id"].as_i64().unwrap().to_string();
    let form = |text_da: &'static str| {
        vec![
            ("action", "update".to_string()),
            ("principle_id", id.clone()),
            ("criterion", "7".into()),
            ("title_da", "Ét forløb, én plan".into()),
            ("title_en", "One path, one plan".into()),
            ("text_da", text_da.into()),
            ("text_en", "One plan that the whole chain follows.".into()),
            ("active", "on".into()),
        ]
    };
    let r = admin.post(app.url("/admin/demo/principper")).form(&form("")).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Skal udfyldes"));
    let r = admin.post(app.url("/admin/demo/principper")).form(&form("Én plan, som hele kæden følger.")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let page = client().get(app.url("/k/demo/principper")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Ét forløb, én plan") && page.contains("Én plan, som hele kæden følger."));
    assert!(page.contains("Sådan stod der før") && page.contains("Dit forløb skal hænge sammen"), "the old version is history");
    let api: Value = client().get(app.url("/api/v1/municipalities/demo/principles")).send().await.unwrap().json().await.unwrap();
    assert_eq!(api[6]["version"], 2);
    let log = admin.get(app.url("/admin/demo/log")).send().await.unwrap().text().await.unwrap();
    assert!(log.contains("principle updated"));
    // Another municipality's admin cannot touch it.
    add_staff(&db.url, "admin@odense.dk", Some("odense"), &[Role::Admin], PASSWORD).await;
    let other = signed_in(&app, "admin@odense.dk").await;
    let r = other.post(app.url("/admin/odense/principper")).form(&form("Kapret")).send().await.unwrap();
    assert_eq!(r.status(), 404, "the id belongs to demo");
}

both_engines!(principles_are_public_and_bilingual, admins_revise_principles_and_the_history_shows);
