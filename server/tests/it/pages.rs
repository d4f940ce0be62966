//! Youth pages and the no-JavaScript form on both engines.

use crate::common::{add_staff, client, signed_in, spawn_app, Engine, TestDb, PASSWORD};
use app::domain::staff::Role;

async fn get(c: &reqwest::Client, url: String) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn youth_pages_render_in_danish(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let (s, html) = get(&c, app.url("/")).await;
    assert_eq!(s, 200);
    assert!(html.contains(r#"<html lang="da""#));
    assert!(html.contains("Demo Kommune"));
    assert!(html.contains("/privatliv"));

    let (s, html) = get(&c, app.url("/k/demo")).await;
    assert_eq!(s, 200);
    assert!(html.contains("Kommunens tilbud") && html.contains("Samarbejdspartnere"));
    assert!(html.contains("/k/demo/s/jobcenter"));
    assert!(html.contains(r#"href="/k/demo/tilgaengelighed""#), "links the municipality's accessibility statement");
    assert!(!html.contains("stemme.js"), "pages without islands load no wasm");

    let (s, html) = get(&c, app.url("/k/demo?vis=external&q=fgu")).await;
    assert_eq!(s, 200);
    assert!(html.contains("/k/demo/s/fgu") && !html.contains("/k/demo/s/jobcenter"), "the filter works server-side");

    let (s, html) = get(&c, app.url("/k/demo/s/fgu")).await;
    assert_eq!(s, 200);
    assert!(html.contains("Hvad synes du om FGU Demo?"));
    assert!(html.contains(r#"name="answers.listened""#));
    assert!(html.contains(r#"method="post""#));
    assert!(html.contains("Slet ikke") && html.contains("Rigtig godt"), "faces have words");
    assert!(html.contains("leptos-island"), "the form is an island");
    assert!(!html.contains("/plakat"), "the poster is for staff: no link to it on a young person's page");

    let (s, html) = get(&c, app.url("/k/demo/s/fgu/plakat")).await;
    assert_eq!(s, 200);
    assert!(html.contains("<svg") && html.contains("/k/demo/s/fgu"));

    for path in ["/privatliv", "/tilgaengelighed", "/k/demo/s/fgu/tak"] {
        let (s, _) = get(&c, app.url(path)).await;
        assert_eq!(s, 200, "{path}");
    }
    for path in ["/k/nope", "/k/demo/s/nope", "/k/demo/s/nope/plakat", "/no/such/page", "/k/nope/tilgaengelighed"] {
        let (s, html) = get(&c, app.url(path)).await;
        assert_eq!(s, 404, "{path}");
        assert!(html.contains("Siden findes ikke"), "{path}");
    }
}

async fn the_language_switch_is_kept_in_a_cookie(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let r = c.post(app.url("/sprog")).form(&[("lang", "en"), ("back", "/k/demo")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/k/demo");
    let (_, html) = get(&c, app.url("/k/demo")).await;
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("The municipality's services"));
    let r = c.post(app.url("/sprog")).form(&[("lang", "da"), ("back", "//evil.example")]).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/", "no open redirect");
    let r = c.post(app.url("/sprog")).form(&[("lang", "xx")]).send().await.unwrap();
    assert_eq!(r.status(), 422);
}

async fn the_form_works_without_javascript(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let form = [
        ("answers.listened", "4"),
        ("answers.contact_person", "no"),
        ("comment", "Fint"),
        ("came_from", "uu"),
        ("age_band", ""),
        ("channel", "qr"),
    ];
    let r = c.post(app.url("/k/demo/s/fgu")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/k/demo/s/fgu/tak");
    let r = c.post(app.url("/k/demo/s/fgu")).form(&form).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/k/demo/s/fgu/tak?opdateret=1", "the same device replaces its rating");
    let (_, html) = get(&c, app.url("/k/demo/s/fgu/tak?opdateret=1")).await;
    assert!(html.contains("Tak for dit svar!") && html.contains("erstatter"));

    // Bad input: the page again, with the errors and what was typed.
    let r = c.post(app.url("/k/demo/s/fgu")).form(&[("answers.listened", "7"), ("comment", "Min kommentar her")]).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("Der er noget, du skal rette"));
    assert!(html.contains("Vælg et tal fra 1 til 5."));
    assert!(html.contains("Min kommentar her"), "the comment is not lost");
    let r = c.post(app.url("/k/demo/s/fgu")).form(&[("comment", "kun tekst")]).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Svar på mindst ét spørgsmål."));

    let r = c.post(app.url("/k/demo/s/nope")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let big = "x".repeat(20 * 1024);
    let r = c.post(app.url("/k/demo/s/fgu")).form(&[("comment", big.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 413);

    let v: serde_json::Value = c.get(app.url("/api/v1/municipalities/demo/services/fgu")).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["ratings_under_5"], true);
    assert_eq!(crate::common::stored_ratings(&app.db_url, "fgu").await, 1);
}

/// Re-rating says so before sending; a language switch keeps what was
/// typed and stores nothing; a phone from a workshop is led back to it.
async fn the_rating_form_keeps_the_young_person_s_place(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let (_, html) = get(&c, app.url("/k/demo/s/fgu")).await;
    assert!(!html.contains("Du har svaret om dette sted før"));
    let r = c.post(app.url("/k/demo/s/fgu")).form(&[("answers.listened", "4"), ("w", "12")]).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/k/demo/s/fgu/tak?w=12", "the thanks leads back to the workshop");
    let (_, html) = get(&c, app.url("/k/demo/s/fgu/tak?w=12")).await;
    assert!(html.contains(r#"href="/w/12""#) && html.contains("Tilbage til workshoppen"), "{html}");

    let r = c.get(app.url("/k/demo/s/fgu")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "private, no-store", "a page about this phone is not cached for others");
    let html = r.text().await.unwrap();
    assert!(html.contains("Du har svaret om dette sted før") && html.contains("erstatter det dit gamle"), "{html}");
    let (_, other) = get(&client(), app.url("/k/demo/s/fgu")).await;
    assert!(!other.contains("Du har svaret om dette sted før"), "another phone is not told");

    let (_, html) = get(&c, app.url("/k/demo/s/uu?kanal=workshop&w=7")).await;
    assert!(html.contains(r#"name="w" value="7""#), "the form carries the workshop along");
    let (_, html) = get(&c, app.url("/k/demo/s/uu?kanal=workshop&w=x7")).await;
    assert!(!html.contains(r#"name="w""#), "only a number");

    let form = [("answers.listened", "2"), ("comment", "Halvt skrevet"), ("came_from", "uu"), ("skift_sprog", "en")];
    let r = c.post(app.url("/k/demo/s/jobcenter")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap().starts_with("stemme_sprog=en")));
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#) && html.contains("Halvt skrevet") && !html.contains("field-error"), "{html}");
    let radio = &html[html.find(r#"id="f-answers-listened-2""#).expect("the scale is there")..];
    assert!(radio[..radio.find('>').unwrap()].contains("checked"), "the answer is kept: {}", &radio[..200]);
    assert_eq!(crate::common::stored_ratings(&app.db_url, "jobcenter").await, 0, "a language switch stores nothing");
    let r = c.post(app.url("/k/demo/foreslaa")).form(&[("title", "Mere lys"), ("skift_sprog", "en")]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#) && html.contains("Mere lys") && !html.contains("field-error"), "{html}");
}

/// Staff find each service's poster on the services page.
async fn staff_find_the_posters_on_the_services_page(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let admin = signed_in(&app, "admin@demo.dk").await;
    let (s, html) = get(&admin, app.url("/admin/demo/tilbud")).await;
    assert_eq!(s, 200);
    assert!(html.contains(r#"href="/k/demo/s/fgu/plakat""#) && html.contains("Plakat med QR-kode til opslag"));
}

both_engines!(
    the_accessibility_statement_follows_the_settings,
    the_rating_form_keeps_the_young_person_s_place,
    staff_find_the_posters_on_the_services_page,
    youth_pages_render_in_danish,
    the_language_switch_is_kept_in_a_cookie,
    the_form_works_without_javascript
);

/// No IP address or user agent is stored with a rating: the SQLite file and
/// its WAL never contain them.
#[tokio::test]
async fn no_ip_or_user_agent_is_stored() {
    let db = TestDb::new(Engine::Sqlite).await;
    let app = spawn_app(&db).await;
    let ua = "Mozilla/5.0 UniqueAgentMarker-7f3a";
    let r = reqwest::Client::builder()
        .user_agent(ua)
        .build()
        .unwrap()
        .post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))
        .header("x-forwarded-for", "203.0.113.77")
        .json(&serde_json::json!({ "answers": { "listened": 4 } }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let path = db.url.trim_start_matches("sqlite:").to_string();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("UniqueAgentMarker"));
    assert!(!text.contains("203.0.113.77"));
    assert!(!text.contains("127.0.0.1"));
}

/// The accessibility statement in WAS-Tool's order: before the admin has
/// filled it in, after, and the admin's mistakes named field by field.
async fn the_accessibility_statement_follows_the_settings(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let (s, html) = get(&c, app.url("/k/demo/tilgaengelighed")).await;
    assert_eq!(s, 200);
    for heading in ["Tilgængelighedserklæring", "Overholdelsesstatus", "Indhold, der ikke er tilgængeligt", "Sådan tester vi",
        "Feedback og kontaktoplysninger", "Håndhævelsesprocedure"] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(html.contains("delvist i overensstemmelse") && html.contains("har endnu ikke skrevet"), "the defaults say so");
    assert!(html.contains("via kommunens hjemmeside") && html.contains("axe-core"));
    assert!(html.contains("https://www.was.digst.dk/"), "how to complain");

    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], PASSWORD).await;
    let admin = signed_in(&app, "admin@demo.dk").await;
    let (_, form) = get(&admin, app.url("/admin/demo/indstillinger")).await;
    assert!(form.contains(r#"name="a11y_contact""#) && form.contains(r#"href="/k/demo/tilgaengelighed""#));
    let bad = [("action", "accessibility"), ("a11y_status", "mostly"), ("a11y_contact", ""), ("a11y_checked_on", "30/11/2026")];
    let r = admin.post(app.url("/admin/demo/indstillinger")).form(&bad).send().await.unwrap();
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("Skriv en dato som 2026-11-30.") && page.contains("30/11/2026"), "named, and what was typed is kept");
    let good = [
        ("action", "accessibility"),
        ("a11y_status", "partial"),
        ("a11y_contact", "digital@demo.dk"),
        ("a11y_checked_on", "2026-11-30"),
        ("a11y_known_issues", "Kortet på forsiden har ingen tekst.\nPDF-bilag er ikke tilgængelige."),
    ];
    let r = admin.post(app.url("/admin/demo/indstillinger")).form(&good).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let (_, html) = get(&c, app.url("/k/demo/tilgaengelighed")).await;
    assert!(html.contains(r#"href="mailto:digital@demo.dk""#) && html.contains("2026-11-30"), "{html}");
    assert!(html.contains("<li>Kortet på forsiden har ingen tekst.</li><li>PDF-bilag er ikke tilgængelige.</li>"), "one item per line");
    let (_, log) = get(&admin, app.url("/admin/demo/log")).await;
    assert!(log.contains("accessibility statement: partial, checked 2026-11-30"), "audited");
}
