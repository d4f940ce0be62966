//! `WorkshopStore`, the room: workshops, codes, state, participants and
//! the change feed between instances. Answers are in `workshop_answers.rs`.

use crate::common::*;
use domain::workshop::{Activity, Phase, WorkshopState};
use std::sync::{Arc, Mutex};
use store::workshops::NewWorkshop;
use store::StoreError;

crate::both_engines!(
    a_workshop_is_stored_and_found_by_id_by_municipality_and_by_open_code,
    an_open_code_is_taken_once_and_free_again_when_closed,
    the_state_is_saved_only_from_the_current_version_and_closing_erases_nicknames,
    joining_again_keeps_the_participant_and_updates_the_nickname,
    other_instances_hear_of_changes_where_the_engine_has_other_instances,
);

pub fn activities() -> Vec<Activity> {
    vec![
        Activity::Poll { title: "Which?".into(), options: vec!["a".into(), "b".into()] },
        Activity::Ideas { title: "Ideas".into() },
        Activity::Rate { title: "Rate".into(), services: vec![("fgu".into(), "FGU".into())] },
    ]
}

pub async fn workshop(db: &TestDb, municipality_id: i64, code: &str, now: i64) -> i64 {
    let activities = activities();
    let w = NewWorkshop { municipality_id, title: "Ungeråd", code, activities: &activities, by: "f@x.dk", now };
    db.store.add_workshop(&w).await.unwrap()
}

pub fn state(phase: Phase, current: usize) -> WorkshopState {
    WorkshopState { phase, current, revealed: false }
}

/// A workshop running activity `current`: its id.
pub async fn running(db: &TestDb, municipality_id: i64, code: &str, current: usize) -> i64 {
    let id = workshop(db, municipality_id, code, NOW).await;
    assert!(db.store.set_workshop_state(id, 0, state(Phase::Running, current), NOW).await.unwrap());
    id
}

async fn a_workshop_is_stored_and_found_by_id_by_municipality_and_by_open_code(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let first = workshop(&db, a.id, "AAA111", NOW).await;
    let second = workshop(&db, a.id, "BBB222", NOW - 10).await;
    let theirs = workshop(&db, b.id, "CCC333", NOW).await;
    let w = s.workshop(first).await.unwrap().unwrap();
    assert_eq!((w.municipality_id, w.title.as_str(), w.code.as_str(), w.created_by.as_str()), (a.id, "Ungeråd", "AAA111", "f@x.dk"));
    assert_eq!((w.activities, w.state, w.version, w.created_at, w.closed_at), (activities(), state(Phase::Waiting, 0), 0, NOW, None));
    assert_eq!(s.workshops(a.id).await.unwrap().iter().map(|w| w.id).collect::<Vec<_>>(), [second, first], "newest (by id) first");
    assert_eq!(s.workshops(b.id).await.unwrap().iter().map(|w| w.id).collect::<Vec<_>>(), [theirs]);
    assert_eq!(s.open_workshop("BBB222").await.unwrap().map(|w| w.id), Some(second));
    assert!(s.open_workshop("ZZZ999").await.unwrap().is_none());
    assert!(s.workshop(theirs + 1000).await.unwrap().is_none());
    let acts = activities();
    let bad = NewWorkshop { municipality_id: 9999, title: "x", code: "DDD444", activities: &acts, by: "f", now: NOW };
    assert!(s.add_workshop(&bad).await.is_err(), "unknown municipality");
}

async fn an_open_code_is_taken_once_and_free_again_when_closed(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let first = workshop(&db, a.id, "AAA111", NOW).await;
    let acts = activities();
    let again = NewWorkshop { municipality_id: b.id, title: "Other", code: "AAA111", activities: &acts, by: "f", now: NOW };
    assert!(matches!(s.add_workshop(&again).await, Err(StoreError::Conflict)), "codes are global while open");
    assert!(s.set_workshop_state(first, 0, state(Phase::Closed, 0), NOW + 5).await.unwrap());
    assert!(s.open_workshop("AAA111").await.unwrap().is_none(), "a closed workshop is not open");
    let reused = s.add_workshop(&again).await.unwrap();
    assert_eq!(s.open_workshop("AAA111").await.unwrap().map(|w| w.id), Some(reused));
    assert_eq!(s.workshop(first).await.unwrap().unwrap().closed_at, Some(NOW + 5), "the old one stays, closed");
}

async fn the_state_is_saved_only_from_the_current_version_and_closing_erases_nicknames(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = workshop(&db, a.id, "AAA111", NOW).await;
    let p = s.join_workshop(id, "tok", Some("Kim"), NOW).await.unwrap();
    let run = WorkshopState { phase: Phase::Running, current: 1, revealed: true };
    assert!(s.set_workshop_state(id, 0, run, NOW + 1).await.unwrap());
    assert!(!s.set_workshop_state(id, 0, state(Phase::Paused, 1), NOW + 2).await.unwrap(), "stale version");
    let w = s.workshop(id).await.unwrap().unwrap();
    assert_eq!((w.state, w.version, w.closed_at), (run, 1, None));
    assert!(!s.set_workshop_state(id + 1000, 0, run, NOW).await.unwrap(), "unknown workshop");
    assert!(s.set_workshop_state(id, 1, state(Phase::Closed, 1), NOW + 3).await.unwrap());
    let w = s.workshop(id).await.unwrap().unwrap();
    assert_eq!((w.state.phase, w.version, w.closed_at), (Phase::Closed, 2, Some(NOW + 3)));
    assert_eq!(s.participant(id, "tok").await.unwrap(), Some((p, None)), "the nickname is gone, the participant stays");
}

async fn joining_again_keeps_the_participant_and_updates_the_nickname(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let (w1, w2) = (workshop(&db, a.id, "AAA111", NOW).await, workshop(&db, a.id, "BBB222", NOW).await);
    assert_eq!(s.participant_count(w1).await.unwrap(), 0);
    let p = s.join_workshop(w1, "tok", Some("Kim"), NOW).await.unwrap();
    assert_eq!(s.join_workshop(w1, "tok", None, NOW + 1).await.unwrap(), p);
    assert_eq!(s.participant(w1, "tok").await.unwrap(), Some((p, Some("Kim".into()))), "no nickname given: the old one stays");
    assert_eq!(s.join_workshop(w1, "tok", Some("Kim B"), NOW + 2).await.unwrap(), p);
    assert_eq!(s.participant(w1, "tok").await.unwrap(), Some((p, Some("Kim B".into()))));
    let other = s.join_workshop(w1, "tok-2", None, NOW).await.unwrap();
    assert_ne!(other, p);
    assert_eq!(s.participant(w1, "tok-2").await.unwrap(), Some((other, None)));
    assert_ne!(s.join_workshop(w2, "tok", None, NOW).await.unwrap(), p, "another workshop, another participant");
    assert_eq!((s.participant_count(w1).await.unwrap(), s.participant_count(w2).await.unwrap()), (2, 1));
    assert!(s.participant(w2, "tok-2").await.unwrap().is_none());
    assert!(s.join_workshop(w2 + 1000, "tok", None, NOW).await.is_err(), "unknown workshop");
}

async fn other_instances_hear_of_changes_where_the_engine_has_other_instances(db: TestDb) {
    let heard: Arc<Mutex<Vec<i64>>> = Arc::default();
    let sink = heard.clone();
    let watching = db.store.watch_workshops(Arc::new(move |id| sink.lock().unwrap().push(id))).await.unwrap();
    if db.engine == Engine::Sqlite {
        assert!(!watching, "SQLite has no other instances");
        return;
    }
    assert!(watching);
    let other = db.second_store().await;
    let a = municipality(&other, "a").await;
    let acts = activities();
    let id = other
        .add_workshop(&NewWorkshop { municipality_id: a.id, title: "W", code: "AAA111", activities: &acts, by: "f", now: NOW })
        .await
        .unwrap();
    other.join_workshop(id, "tok", None, NOW).await.unwrap();
    other.set_workshop_state(id, 0, state(Phase::Running, 0), NOW).await.unwrap();
    for _ in 0..100 {
        if heard.lock().unwrap().iter().filter(|x| **x == id).count() >= 2 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the join and the state change were not heard: {:?}", heard.lock().unwrap());
}
