//! `PrincipleStore`: principles and their versions.

use crate::common::*;
use domain::principle::PrincipleInput;

crate::both_engines!(
    a_new_principle_starts_at_version_1_at_the_end_of_the_list,
    revising_with_new_text_adds_a_version_and_with_the_same_text_does_not,
    a_principle_is_revised_and_deactivated_only_in_its_own_municipality,
    only_active_leaves_deactivated_principles_out,
);

pub fn input(title: &str) -> PrincipleInput {
    PrincipleInput {
        criterion: Some(6),
        title_da: format!("{title} da"),
        title_en: format!("{title} en"),
        text_da: format!("{title} tekst"),
        text_en: format!("{title} text"),
    }
}

async fn a_new_principle_starts_at_version_1_at_the_end_of_the_list(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let before = s.principles(a.id, false).await.unwrap();
    assert_eq!(before.len(), domain::principle::default_principles().len());
    let id = s.add_principle(a.id, &input("New"), NOW).await.unwrap();
    let all = s.principles(a.id, false).await.unwrap();
    let last = all.last().unwrap();
    assert_eq!((last.id, last.criterion, last.active), (id, Some(6), true));
    assert_eq!(last.versions.len(), 1);
    let v = &last.versions[0];
    assert_eq!((v.version, v.valid_from, v.proposal_id), (1, NOW, None));
    assert_eq!((v.title_da.as_str(), v.text_en.as_str()), ("New da", "New text"));
    assert!(s.add_principle(9999, &input("X"), NOW).await.is_err(), "unknown municipality");
    assert!(s.principles(9999, false).await.unwrap().is_empty());
}

async fn revising_with_new_text_adds_a_version_and_with_the_same_text_does_not(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = s.add_principle(a.id, &input("One"), NOW).await.unwrap();
    assert_eq!(s.revise_principle(a.id, id, &input("One"), NOW + 1, None).await.unwrap(), Some(1), "same text: no new version");
    let mut criterion_only = input("One");
    criterion_only.criterion = Some(9);
    assert_eq!(s.revise_principle(a.id, id, &criterion_only, NOW + 1, None).await.unwrap(), Some(1));
    assert_eq!(s.revise_principle(a.id, id, &input("Two"), NOW + 2, None).await.unwrap(), Some(2));
    assert_eq!(s.revise_principle(a.id, id, &input("Three"), NOW + 3, None).await.unwrap(), Some(3));
    let p = s.principles(a.id, false).await.unwrap().into_iter().find(|p| p.id == id).unwrap();
    assert_eq!(p.criterion, Some(6), "the last revision's criterion");
    assert_eq!(p.versions.iter().map(|v| v.version).collect::<Vec<_>>(), [1, 2, 3], "oldest first");
    assert_eq!(p.versions[1].valid_from, NOW + 2);
    assert_eq!(p.current().unwrap().title_en, "Three en");
    assert!(p.versions.iter().all(|v| v.proposal_id.is_none()));
}

async fn a_principle_is_revised_and_deactivated_only_in_its_own_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = s.add_principle(a.id, &input("A"), NOW).await.unwrap();
    assert_eq!(s.revise_principle(b.id, id, &input("Hijack"), NOW, None).await.unwrap(), None);
    assert!(!s.set_principle_active(b.id, id, false).await.unwrap());
    let p = s.principles(a.id, false).await.unwrap().into_iter().find(|p| p.id == id).unwrap();
    assert_eq!((p.versions.len(), p.active), (1, true), "untouched by b");
    assert_eq!(s.revise_principle(a.id, id + 1000, &input("X"), NOW, None).await.unwrap(), None);
    assert!(!s.set_principle_active(a.id, id + 1000, false).await.unwrap());
}

async fn only_active_leaves_deactivated_principles_out(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = s.add_principle(a.id, &input("A"), NOW).await.unwrap();
    let n = s.principles(a.id, false).await.unwrap().len();
    assert!(s.set_principle_active(a.id, id, false).await.unwrap());
    assert!(s.set_principle_active(a.id, id, false).await.unwrap(), "setting the same value again is still 'found'");
    assert_eq!(s.principles(a.id, false).await.unwrap().len(), n);
    let active = s.principles(a.id, true).await.unwrap();
    assert_eq!(active.len(), n - 1);
    assert!(active.iter().all(|p| p.id != id && p.active));
    assert!(s.set_principle_active(a.id, id, true).await.unwrap());
    assert_eq!(s.principles(a.id, true).await.unwrap().len(), n);
}
