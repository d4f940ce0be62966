//! `CatalogueStore`: services and questions as admins edit them.

use crate::common::*;
use domain::accessibility::{AccessibilitySettings, Compliance};
use domain::catalogue::QuestionInput;
use store::StoreError;

crate::both_engines!(
    all_services_lists_inactive_ones_too_in_display_order,
    a_service_slug_is_taken_once_per_municipality,
    updating_a_service_changes_it_only_in_its_own_municipality,
    all_questions_lists_every_question_with_whether_it_is_asked,
    a_question_key_is_taken_once_per_municipality,
    updating_a_question_changes_it_only_in_its_own_municipality,
    the_accessibility_statement_is_kept_per_municipality,
);

fn question(key: &str, active: bool) -> QuestionInput {
    QuestionInput { key: key.into(), criterion: 10, text_da: format!("{key}?"), text_en: format!("{key} (en)?"), active }
}

async fn all_services_lists_inactive_ones_too_in_display_order(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    service(s, a.id, "one").await;
    let mut two = service_input("two", "Two");
    two.active = false;
    s.add_service(a.id, &two).await.unwrap();
    service(s, a.id, "three").await;
    service(s, b.id, "elsewhere").await;
    let all = s.all_services(a.id).await.unwrap();
    assert_eq!(all.iter().map(|x| x.slug.as_str()).collect::<Vec<_>>(), ["one", "two", "three"]);
    assert!(!all[1].active);
    assert_eq!(s.services(a.id).await.unwrap().len(), 2, "the public list leaves the inactive one out");
    assert!(s.all_services(9999).await.unwrap().is_empty());
}

async fn a_service_slug_is_taken_once_per_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    service(s, a.id, "fgu").await;
    let err = s.add_service(a.id, &service_input("fgu", "Again")).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict), "{err:?}");
    assert_eq!(s.all_services(a.id).await.unwrap().len(), 1);
    assert_eq!(s.service(a.id, "fgu").await.unwrap().unwrap().name, "FGU", "the first one stands");
    service(s, b.id, "fgu").await; // another municipality may use the slug
    let err = s.add_service(9999, &service_input("x", "X")).await.unwrap_err();
    assert!(matches!(err, StoreError::Internal(_)), "unknown municipality: {err:?}");
}

async fn updating_a_service_changes_it_only_in_its_own_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = service(s, a.id, "fgu").await;
    service(s, b.id, "fgu").await;
    assert_eq!(s.services(a.id).await.unwrap().len(), 1, "(fills the cache)");
    let mut changed = service_input("fgu", "FGU Vest");
    changed.kind = domain::service::ServiceKind::External;
    changed.category = "fgu".into();
    changed.active = false;
    assert!(s.update_service(a.id, &changed).await.unwrap());
    let got = s.service(a.id, "fgu").await.unwrap().unwrap();
    assert_eq!(got.id, id, "the slug and id stay");
    assert_eq!((got.name.as_str(), got.kind, got.category.as_str(), got.active), ("FGU Vest", changed.kind, "fgu", false));
    assert!(s.services(a.id).await.unwrap().is_empty(), "deactivated: gone from the public list at once");
    assert_eq!(s.service(b.id, "fgu").await.unwrap().unwrap().name, "FGU", "b's service is untouched");
    assert!(!s.update_service(a.id, &service_input("nope", "N")).await.unwrap());
    assert!(!s.update_service(9999, &service_input("fgu", "N")).await.unwrap());
}

async fn all_questions_lists_every_question_with_whether_it_is_asked(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let defaults = domain::demo::default_questions().len();
    s.add_question(a.id, &question("extra", false)).await.unwrap();
    s.add_question(a.id, &question("also", true)).await.unwrap();
    let all = s.all_questions(a.id).await.unwrap();
    assert_eq!(all.len(), defaults + 2);
    let (q, asked) = &all[defaults];
    assert_eq!((q.key.as_str(), *asked), ("extra", false), "new questions go last, in the order added");
    assert_eq!((q.text_da.as_str(), q.criterion, q.kind), ("extra?", 10, domain::question::QuestionKind::Scale));
    assert_eq!((q.min, q.max), (Some(1), Some(5)), "a 1-5 question");
    assert_eq!(all[defaults + 1].0.key, "also");
    let asked: Vec<_> = s.questions(a.id).await.unwrap().into_iter().map(|q| q.key).collect();
    assert!(asked.contains(&"also".to_string()) && !asked.contains(&"extra".to_string()));
    assert!(s.all_questions(9999).await.unwrap().is_empty());
}

async fn a_question_key_is_taken_once_per_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    s.add_question(a.id, &question("extra", true)).await.unwrap();
    assert!(matches!(s.add_question(a.id, &question("extra", false)).await, Err(StoreError::Conflict)));
    assert!(matches!(s.add_question(a.id, &question("listened", true)).await, Err(StoreError::Conflict)), "a default key");
    s.add_question(b.id, &question("extra", true)).await.unwrap();
    assert!(s.add_question(9999, &question("x", true)).await.is_err(), "unknown municipality");
}

async fn updating_a_question_changes_it_only_in_its_own_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    s.add_question(a.id, &question("extra", true)).await.unwrap();
    s.add_question(b.id, &question("extra", true)).await.unwrap();
    let mut changed = question("extra", false);
    changed.text_en = "New text".into();
    changed.criterion = 12;
    assert!(s.update_question(a.id, &changed).await.unwrap());
    let all = s.all_questions(a.id).await.unwrap();
    let (q, asked) = all.iter().find(|(q, _)| q.key == "extra").unwrap();
    assert_eq!((q.text_en.as_str(), q.criterion, *asked), ("New text", 12, false));
    let b_all = s.all_questions(b.id).await.unwrap();
    let (q, asked) = b_all.iter().find(|(q, _)| q.key == "extra").unwrap();
    assert_eq!((q.text_en.as_str(), *asked), ("extra (en)?", true), "b's question is untouched");
    assert!(!s.update_question(a.id, &question("nope", true)).await.unwrap());
}

async fn the_accessibility_statement_is_kept_per_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    assert_eq!(s.accessibility(a.id).await.unwrap(), AccessibilitySettings::default(), "not set yet");
    let statement = AccessibilitySettings {
        status: Compliance::Full,
        contact: "digital@a.dk".into(),
        checked_on: Some("2026-11-30".into()),
        known_issues: "PDF-bilag er ikke tilgængelige.\nVideoer mangler undertekster.".into(),
    };
    assert!(s.set_accessibility(a.id, &statement).await.unwrap());
    assert_eq!(s.accessibility(a.id).await.unwrap(), statement, "read back exactly, line breaks too");
    assert_eq!(s.accessibility(b.id).await.unwrap(), AccessibilitySettings::default(), "b is untouched");
    let cleared = AccessibilitySettings { checked_on: None, ..statement };
    assert!(s.set_accessibility(a.id, &cleared).await.unwrap());
    assert_eq!(s.accessibility(a.id).await.unwrap().checked_on, None);
    assert!(!s.set_accessibility(9999, &cleared).await.unwrap(), "no such municipality");
    assert_eq!(s.accessibility(9999).await.unwrap(), AccessibilitySettings::default());
}
