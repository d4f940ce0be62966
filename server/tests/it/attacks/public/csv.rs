//! Issue 16, item 9: an idea `ok;=1+1;` must not become a live `=1+1` cell
//! when Danish Excel (which splits at `;`) opens an export.

use crate::common::{add_staff, client, signed_in, spawn_app, Engine, TestDb, PASSWORD};
use app::domain::staff::Role;
use serde_json::{json, Value};

const IDEA: &str = "ok;=1+1;";

/// Splits one CSV line as Excel does with separator `sep`: honouring quotes.
pub fn excel_cells(line: &str, sep: char) -> Vec<String> {
    let (mut cells, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => cells.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    cells.push(cur);
    cells
}

fn no_live_formula(body: &str, sep: char) {
    for line in body.trim_start_matches('\u{feff}').lines() {
        for cell in excel_cells(line, sep) {
            assert!(!cell.starts_with(['=', '+', '@']), "a live formula when split at {sep:?}: {cell:?} in {line:?}");
        }
    }
}

async fn an_idea_with_a_semicolon_formula_is_not_live_in_danish_excel(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "facilitator@demo.dk", Some("demo"), &[Role::Facilitator], PASSWORD).await;
    let staff = signed_in(&app, "facilitator@demo.dk").await;
    let plan = json!({ "title": "Ungerådet", "activities": [{ "kind": "ideas", "title": "Din bedste idé" }] });
    let r = staff.post(app.url("/api/v1/municipalities/demo/workshops")).json(&plan).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    let (id, code) = (v["id"].as_i64().unwrap(), v["code"].as_str().unwrap().to_string());
    let r = staff.post(app.url(&format!("/api/v1/workshops/{id}/advance"))).json(&json!({ "command": "advance" })).send().await.unwrap();
    assert_eq!(r.status(), 200);
    for i in 0..5 {
        let phone = client();
        let r = phone.post(app.url("/api/v1/workshops/join")).json(&json!({ "code": code })).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let idea = if i == 0 { IDEA.to_string() } else { format!("Idé nummer {i}") };
        let r = phone
            .post(app.url(&format!("/api/v1/workshops/{id}/responses")))
            .json(&json!({ "activity": 0, "value": idea }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
    }
    let r = staff.get(app.url(&format!("/api/v1/workshops/{id}/export.csv"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "BOM for Excel");
    assert!(body.contains("ok;"), "the idea is exported: {body}");
    no_live_formula(&body, ';');
    let head = body.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().to_string();
    assert_eq!(excel_cells(&head, ';').len(), 7, "Danish Excel's `;` is the default: {head}");

    let r = staff.get(app.url(&format!("/api/v1/workshops/{id}/export.csv?sep=comma"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    no_live_formula(&body, ';');
    no_live_formula(&body, ',');
    let r = staff.get(app.url(&format!("/api/v1/workshops/{id}/export.csv?sep=tab"))).send().await.unwrap();
    assert_eq!(r.status(), 422, "an unknown separator is a clear 4xx");
}

/// The summary CSV defaults to Danish Excel's format too.
async fn the_summary_csv_defaults_to_danish_excel(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    let r = manager.get(app.url("/api/v1/municipalities/demo/summary.csv")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "BOM for Excel");
    let head = body.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().to_string();
    assert_eq!(excel_cells(&head, ';').len(), 9, "`;` between cells by default: {head}");
    no_live_formula(&body, ';');
    let r = manager.get(app.url("/api/v1/municipalities/demo/summary.csv?sep=comma")).send().await.unwrap();
    let body = r.text().await.unwrap();
    let head = body.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().to_string();
    assert_eq!(excel_cells(&head, ',').len(), 9, "`?sep=comma` still works: {head}");
}

crate::both_engines!(an_idea_with_a_semicolon_formula_is_not_live_in_danish_excel, the_summary_csv_defaults_to_danish_excel);
