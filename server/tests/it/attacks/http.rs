//! HTTP hygiene (issue 16, items 10–12): staff and personal answers are never
//! stored by a browser or proxy, redirects stay on the site, and malformed
//! calls get a clear 4xx instead of a 500. See `main.rs`.

use crate::common::{add_staff, client, signed_in, spawn_app, Engine, TestApp, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::json;

fn cache_control(r: &reqwest::Response) -> String {
    r.headers().get_all("cache-control").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(", ")
}

fn assert_no_store(r: &reqwest::Response, what: &str) {
    assert!(cache_control(r).contains("no-store"), "{what}: Cache-Control is {:?} (status {})", cache_control(r), r.status());
}

/// The first match of `prefix` followed by token characters.
fn find_after(html: &str, prefix: &str) -> String {
    let start = html.find(prefix).unwrap_or_else(|| panic!("{prefix} not in page")) + prefix.len();
    html[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// Every server function the app registered: (path, method).
fn server_fns() -> Vec<(String, String)> {
    let mut fns: Vec<(String, String)> = leptos::server_fn::axum::server_fn_paths().map(|(p, m)| (p.to_string(), m.to_string())).collect();
    fns.sort();
    fns
}

fn server_fn(name: &str) -> String {
    server_fns().into_iter().map(|(p, _)| p).find(|p| p.contains(name)).unwrap_or_else(|| panic!("no server function {name}"))
}

async fn staff_and_personal_answers_are_never_stored(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let roles = [Role::Admin, Role::Manager, Role::Facilitator, Role::Moderator];
    add_staff(&db.url, "alle@demo.dk", Some("demo"), &roles, PASSWORD).await;
    let anonymous = client();
    // Even the redirect to sign-in and the sign-in answer itself.
    assert_no_store(&anonymous.get(app.url("/admin/demo")).send().await.unwrap(), "redirect to sign-in");
    let r =
        anonymous.post(app.url("/api/v1/session")).json(&json!({ "email": "alle@demo.dk", "password": PASSWORD })).send().await.unwrap();
    assert_no_store(&r, "POST /api/v1/session");
    let staff = signed_in(&app, "alle@demo.dk").await;
    let areas = ["tilbud", "principper", "spoergsmaal", "personale", "noegler", "indstillinger", "log", "moderation", "forslag"];
    let mut pages: Vec<String> = areas.iter().map(|a| format!("/admin/demo/{a}")).collect();
    pages.extend(["/admin", "/admin/demo", "/admin/demo/antagelser", "/admin/demo/workshops", "/admin/kommuner"].map(String::from));
    pages.extend(["/styring/demo", "/styring/demo/rapport", "/login", "/api/v1/me"].map(String::from));
    pages.push("/api/v1/municipalities/demo/summary?from=2026-01-01&to=2026-01-31".into());
    pages.push("/api/v1/municipalities/demo/summary.csv?from=2026-01-01&to=2026-01-31".into());
    for path in &pages {
        let r = staff.get(app.url(path)).send().await.unwrap();
        assert!(r.status().as_u16() < 500, "{path}: {}", r.status());
        assert_no_store(&r, path);
    }

    // The page that shows a new API token once, and the token's answers.
    let r = staff.post(app.url("/admin/demo/noegler")).form(&[("action", "create"), ("name", "BI")]).send().await.unwrap();
    assert_no_store(&r, "the new API token page");
    let token = format!("stm_{}", find_after(&r.text().await.unwrap(), "stm_"));
    let r = reqwest::Client::new().get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_no_store(&r, "/api/v1/me with a token");
    // The page that shows a set-password link, and the link's own page.
    let invite = [("action", "invite"), ("email", "ny@demo.dk"), ("role", "moderator")];
    let r = staff.post(app.url("/admin/demo/personale")).form(&invite).send().await.unwrap();
    assert_no_store(&r, "the invitation page with a set-password link");
    let link = find_after(&r.text().await.unwrap(), "/adgangskode/");
    assert_no_store(&client().get(app.url(&format!("/adgangskode/{link}"))).send().await.unwrap(), "/adgangskode/{token}");

    // A server function answering with staff data.
    let r = staff.post(app.url(&server_fn("admin_staff"))).form(&[("m", "demo")]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_no_store(&r, "the admin_staff server function");

    // A young person's receipt: the answer that shows it, the page and its JSON.
    let young = client();
    let proposal = json!({ "kind": "idea", "service": "fgu", "title": "Mere tid", "text": "Længere samtaler med min kontaktperson" });
    let r = young.post(app.url("/api/v1/municipalities/demo/proposals")).json(&proposal).send().await.unwrap();
    assert_eq!(r.status(), 201);
    assert_no_store(&r, "the answer with a new receipt code");
    let receipt = r.json::<serde_json::Value>().await.unwrap()["receipt"].as_str().unwrap().to_string();
    for path in [format!("/kvittering/{receipt}"), format!("/kvittering?kode={receipt}"), format!("/api/v1/receipts/{receipt}")] {
        let r = young.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_no_store(&r, &path);
    }

    // Public youth pages and public JSON keep their caching.
    for path in ["/k/demo", "/k/demo/s/fgu", "/api/v1/municipalities/demo/services"] {
        let r = young.get(app.url(path)).send().await.unwrap();
        assert!(!cache_control(&r).contains("no-store"), "{path} is public");
    }
}

async fn language_switch_and_sign_in_only_go_back_to_this_site(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let c = client();
    let location = |r: &reqwest::Response| r.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let nasty =
        ["//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "\\/evil.example", "https://evil.example", " /x"];
    let nasty = nasty.iter().copied().chain(["/%09/evil.example", "/%2F/evil.example", "/%5Cevil.example", "%2F%2Fevil.example"]);
    for back in nasty {
        let r = c.post(app.url("/sprog")).form(&[("lang", "en"), ("back", back)]).send().await.unwrap();
        assert_eq!((r.status().as_u16(), location(&r)), (303, "/".to_string()), "back={back:?}");
    }
    for back in ["/k/demo?x=1#y", "/k/demo/s/fgu", "/"] {
        let r = c.post(app.url("/sprog")).form(&[("lang", "da"), ("back", back)]).send().await.unwrap();
        assert_eq!((r.status().as_u16(), location(&r)), (303, back.to_string()), "back={back:?}");
    }
    // A form without `lang` is a clear 4xx in Danish.
    let r = c.post(app.url("/sprog")).form(&[("back", "/")]).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Vælg"));

    // A manager: no second factor, so the password form itself redirects.
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    for (next, to) in [("//evil.example", "/admin"), ("/admin\t/x", "/admin"), ("/styring/demo", "/styring/demo")] {
        let fresh = client();
        let r =
            fresh.post(app.url("/login")).form(&[("email", "admin@demo.dk"), ("password", PASSWORD), ("next", next)]).send().await.unwrap();
        assert_eq!((r.status().as_u16(), location(&r)), (303, to.to_string()), "next={next:?}");
        let page = fresh.get(app.url(&format!("/login?next={}", next.replace('\t', "%09")))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&format!(r#"name="next" value="{to}""#)), "the sign-in page keeps only a safe next ({next:?})");
    }
}

/// Bodies a careless or hostile client sends to a server function.
fn malformed_bodies() -> Vec<(&'static str, Option<&'static str>, Vec<u8>)> {
    let form = Some("application/x-www-form-urlencoded");
    vec![
        ("empty", form, Vec::new()),
        ("not urlencoded", form, b"\xff\xfe{{{%%%&&==;".to_vec()),
        ("wrong types", form, b"m[]=1&m[x][y]=2&id[0]=a&sort[a]=b&pairs=1&keep[]=x&token[a]=1&code[]=1&s[]=2".to_vec()),
        ("JSON", Some("application/json"), br#"{"m": 1, "id": [1]}"#.to_vec()),
        ("no content type", None, b"m=demo".to_vec()),
        ("1 MiB", form, format!("m={}", "a".repeat(1 << 20)).into_bytes()),
    ]
}

async fn post(app: &TestApp, c: &reqwest::Client, path: &str, content_type: Option<&str>, body: Vec<u8>) -> (u16, String) {
    let mut rb = c.post(app.url(path)).body(body);
    if let Some(ct) = content_type {
        rb = rb.header("content-type", ct);
    }
    let r = rb.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

async fn malformed_server_function_calls_get_a_clear_4xx(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin, Role::Manager], PASSWORD).await;
    let staff = signed_in(&app, "admin@demo.dk").await;
    let fns = server_fns();
    assert!(fns.len() >= 26, "{fns:?}");
    let mut failures = Vec::new();
    for (path, method) in &fns {
        assert_eq!(method, "POST", "{path}");
        let takes_arguments = !path.contains("municipalities") && !path.contains("my_account");
        for c in [&client(), &staff] {
            for (what, ct, body) in malformed_bodies() {
                let (status, text) = post(&app, c, path, ct, body).await;
                let expected = match what {
                    "1 MiB" => Some(413),
                    "JSON" | "no content type" => Some(415),
                    "empty" if takes_arguments => Some(400),
                    _ => None,
                };
                let ok = match expected {
                    Some(e) => status == e,
                    None => status < 500,
                };
                if !ok || (status >= 400 && text.trim().is_empty()) || text.contains("panicked") {
                    failures.push(format!("{path} {what}: {status} {}", text.chars().take(120).collect::<String>()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} malformed calls:\n{}", failures.len(), fns.len() * 12, failures.join("\n"));

    // Well-formed calls still work, and an unknown function is a 404.
    assert_eq!(post(&app, &client(), &server_fn("load_municipalities"), Some("application/x-www-form-urlencoded"), vec![]).await.0, 200);
    let (status, text) = post(&app, &client(), "/api/nope12345", Some("application/x-www-form-urlencoded"), b"m=demo".to_vec()).await;
    assert_eq!(status, 404);
    assert!(!text.trim().is_empty());
    let r = client().get(app.url(&server_fn("load_chain"))).send().await.unwrap();
    assert!(matches!(r.status().as_u16(), 404 | 405), "GET of a POST server function: {}", r.status());
}

async fn garbage_youth_form_posts_get_a_4xx(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    let forms = ["/k/demo/s/fgu", "/k/demo/foreslaa", "/k/demo/forslag/1/holdning", "/k/demo/forslag/1/kommentarer", "/w", "/w/1/svar"];
    let mut failures = Vec::new();
    for path in forms.iter().chain(&["/sprog", "/login"]) {
        for (what, ct, body) in malformed_bodies() {
            let (status, text) = post(&app, &client(), path, ct, body).await;
            let ok = match what {
                "1 MiB" => status == 413,
                "JSON" | "no content type" => status == 415,
                _ => (300..500).contains(&status),
            };
            if !ok || (status >= 400 && text.trim().is_empty()) {
                failures.push(format!("{path} {what}: {status} {}", text.chars().take(120).collect::<String>()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

crate::both_engines!(
    staff_and_personal_answers_are_never_stored,
    language_switch_and_sign_in_only_go_back_to_this_site,
    malformed_server_function_calls_get_a_clear_4xx,
    garbage_youth_form_posts_get_a_4xx,
);
