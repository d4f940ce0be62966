//! One conformance suite for both storage engines.

use crate::common::{Engine, TestDb};
use app::domain::demo::demo_municipality;
use app::domain::policy::REPLACE_WINDOW_SECS;
use app::domain::rating::{Answer, ValidRating};
use app::store::{connect, DynStore, NewRating};

async fn store(engine: Engine) -> (TestDb, DynStore) {
    let db = TestDb::new(engine).await;
    let store = connect(&db.url).await.expect("connect");
    (db, store)
}

fn rating(value: i64, device: &str, service_id: i64, now: i64) -> NewRating {
    NewRating {
        service_id,
        device_hash: app::domain::device::hash(device),
        came_from_service_id: None,
        rating: ValidRating {
            answers: vec![("listened".into(), Answer::Scale(value))],
            comment: None,
            age_band: None,
            came_from: None,
            channel: "web".into(),
        },
        comment_review: Default::default(),
        now,
    }
}

async fn seeding_is_idempotent_and_complete(engine: Engine) {
    let (_db, store) = store(engine).await;
    let seed = demo_municipality();
    assert!(store.seed_municipality(&seed).await.unwrap());
    assert!(!store.seed_municipality(&seed).await.unwrap(), "second seed is a no-op");
    let m = store.municipality("demo").await.unwrap().unwrap();
    assert_eq!(store.municipalities().await.unwrap().len(), 1);
    let services = store.services(m.id).await.unwrap();
    assert_eq!(services.len(), seed.services.len());
    assert_eq!(services[0].slug, seed.services[0].slug, "display order is kept");
    let questions = store.questions(m.id).await.unwrap();
    assert_eq!(questions, seed.questions, "questions round-trip exactly");
    assert!(store.service(m.id, "fgu").await.unwrap().is_some());
    assert!(store.service(m.id, "nope").await.unwrap().is_none());
    assert!(store.municipality("nope").await.unwrap().is_none());
}

async fn ratings_replace_within_30_days_only(engine: Engine) {
    let (_db, store) = store(engine).await;
    store.seed_municipality(&demo_municipality()).await.unwrap();
    let m = store.municipality("demo").await.unwrap().unwrap();
    let fgu = store.service(m.id, "fgu").await.unwrap().unwrap().id;
    let t0 = 1_700_000_000;
    let first = store.save_rating(&rating(2, "phone-a", fgu, t0)).await.unwrap();
    assert!(!first.replaced);
    let second = store.save_rating(&rating(4, "phone-a", fgu, t0 + REPLACE_WINDOW_SECS - 1)).await.unwrap();
    assert!(second.replaced);
    assert_eq!(first.id, second.id);
    let stored = store.rating(first.id).await.unwrap().unwrap();
    assert_eq!(stored.answers, vec![("listened".to_string(), Answer::Scale(4))]);
    assert_eq!(stored.created_at, t0);
    assert_eq!(stored.updated_at, t0 + REPLACE_WINDOW_SECS - 1);
    let later = store.save_rating(&rating(5, "phone-a", fgu, t0 + REPLACE_WINDOW_SECS + 1)).await.unwrap();
    assert!(!later.replaced, "after 30 days a device may rate again");
    assert_eq!(store.rating_count(fgu).await.unwrap(), 2);
    assert!(store.rating(9_999_999).await.unwrap().is_none());
}

async fn concurrent_ratings_are_all_kept(engine: Engine) {
    let (_db, store) = store(engine).await;
    store.seed_municipality(&demo_municipality()).await.unwrap();
    let m = store.municipality("demo").await.unwrap().unwrap();
    let fgu = store.service(m.id, "fgu").await.unwrap().unwrap().id;
    let now = app::domain::policy::now();
    let mut tasks = Vec::new();
    for i in 0..60 {
        let store = store.clone();
        // 50 different phones, and 10 submissions from one phone.
        let device = if i < 50 { format!("phone-{i}") } else { "same-phone".to_string() };
        tasks.push(tokio::spawn(async move { store.save_rating(&rating(1 + i % 5, &device, fgu, now)).await }));
    }
    for t in tasks {
        t.await.unwrap().expect("every concurrent save succeeds");
    }
    assert_eq!(store.rating_count(fgu).await.unwrap(), 51, "one rating per device");
}

async fn sessions_die_when_idle_or_old(engine: Engine) {
    use app::domain::policy::{SESSION_ABSOLUTE_SECS, SESSION_IDLE_SECS};
    let (_db, store) = store(engine).await;
    let t = 1_800_000_000;
    let id = store.ensure_staff("a@b.dk", t).await.unwrap();
    store.create_session("s1", id, t).await.unwrap();
    assert!(store.session_staff("s1", t + SESSION_IDLE_SECS - 1).await.unwrap().is_some(), "alive, and touched");
    assert!(store.session_staff("s1", t + 2 * SESSION_IDLE_SECS - 2).await.unwrap().is_some(), "the touch kept it alive");
    assert!(store.session_staff("s1", t + 3 * SESSION_IDLE_SECS).await.unwrap().is_none(), "idle for 30 minutes");
    // Kept busy, it still ends after 12 hours.
    store.create_session("s2", id, t).await.unwrap();
    let mut now = t;
    while now + SESSION_IDLE_SECS / 2 < t + SESSION_ABSOLUTE_SECS {
        now += SESSION_IDLE_SECS / 2;
        assert!(store.session_staff("s2", now).await.unwrap().is_some());
    }
    assert!(store.session_staff("s2", t + SESSION_ABSOLUTE_SECS).await.unwrap().is_none(), "12 hours in all");
    assert_eq!(store.housekeeping(t + SESSION_ABSOLUTE_SECS).await.unwrap().sessions_ended, 2);
}

async fn login_failures_count_within_the_window(engine: Engine) {
    let (_db, store) = store(engine).await;
    let keys = vec!["account:x".to_string(), "source:y".to_string()];
    for at in [100, 200, 300] {
        store.record_login_failure(&keys, at).await.unwrap();
    }
    assert_eq!(store.login_failures("account:x", 150).await.unwrap(), (2, Some(200)));
    assert_eq!(store.login_failures("source:y", 0).await.unwrap(), (3, Some(100)));
    assert_eq!(store.login_failures("account:z", 0).await.unwrap(), (0, None));
}

async fn principles_keep_every_version(engine: Engine) {
    use app::domain::principle::PrincipleInput;
    let (_db, store) = store(engine).await;
    store.seed_municipality(&demo_municipality()).await.unwrap();
    store.seed_municipality(&app::domain::demo::new_municipality("odense", "Odense")).await.unwrap();
    let demo = store.municipality("demo").await.unwrap().unwrap().id;
    let odense = store.municipality("odense").await.unwrap().unwrap().id;
    let all = store.principles(demo, true).await.unwrap();
    assert_eq!(all.len(), 12, "the 12 quality criteria");
    assert!(all.iter().all(|p| p.versions.len() == 1 && p.criterion.is_some()));
    let first = &all[0];
    let v1 = first.current().unwrap().clone();
    let same = PrincipleInput {
        criterion: first.criterion,
        title_da: v1.title_da.clone(),
        title_en: v1.title_en.clone(),
        text_da: v1.text_da.clone(),
        text_en: v1.text_en.clone(),
    };
    assert_eq!(store.revise_principle(demo, first.id, &same, 2_000_000_000, None).await.unwrap(), Some(1), "no change, no version");
    let changed = PrincipleInput { text_da: "Ny tekst".into(), ..same.clone() };
    assert_eq!(store.revise_principle(demo, first.id, &changed, 2_000_000_000, Some(7)).await.unwrap(), Some(2));
    assert_eq!(
        store.revise_principle(odense, first.id, &changed, 2_000_000_000, None).await.unwrap(),
        None,
        "another municipality's principle"
    );
    let after = store.principles(demo, true).await.unwrap();
    let p = after.iter().find(|p| p.id == first.id).unwrap();
    assert_eq!(p.versions.len(), 2);
    assert_eq!((p.versions[0].text_da.as_str(), p.versions[1].text_da.as_str()), (v1.text_da.as_str(), "Ny tekst"));
    assert_eq!((p.versions[1].valid_from, p.versions[1].proposal_id), (2_000_000_000, Some(7)));
    assert!(store.set_principle_active(demo, first.id, false).await.unwrap());
    assert!(!store.set_principle_active(odense, first.id, false).await.unwrap());
    assert_eq!(store.principles(demo, true).await.unwrap().len(), 11);
    assert_eq!(store.principles(demo, false).await.unwrap().len(), 12);
    let added = store.add_principle(odense, &changed, 2_000_000_001).await.unwrap();
    assert_eq!(store.principles(odense, true).await.unwrap().last().unwrap().id, added);
}

async fn proposals_are_answered_once_and_stay_in_their_municipality(engine: Engine) {
    use app::domain::proposal::{Moderation, ProposalInput, ProposalKind, Stance, Status, StatusChange};
    use app::store::proposals::{Answered, NewProposal, PrincipleEffect, Review, Target};
    let (_db, store) = store(engine).await;
    store.seed_municipality(&demo_municipality()).await.unwrap();
    store.seed_municipality(&app::domain::demo::new_municipality("odense", "Odense")).await.unwrap();
    let demo = store.municipality("demo").await.unwrap().unwrap().id;
    let odense = store.municipality("odense").await.unwrap().unwrap().id;
    let principle = store.principles(demo, true).await.unwrap()[0].clone();
    let input = ProposalInput {
        kind: ProposalKind::Change,
        principle_id: Some(principle.id),
        service: None,
        title: "Kortere ventetid".into(),
        text: "Højst to uger".into(),
        reason: None,
    };
    let new = NewProposal {
        municipality_id: demo,
        receipt_hash: "r1".into(),
        device_hash: "d1".into(),
        input,
        service_id: None,
        review: Review { moderation: Moderation::Pending, held_for: "masked".into(), urgent: true },
        now: 1_000,
        promoted_from: None,
    };
    let id = store.add_proposal(&new).await.unwrap();
    assert!(matches!(store.add_proposal(&new).await, Err(app::store::StoreError::Conflict)), "receipts are unique");
    assert_eq!(store.proposal_by_receipt("r1").await.unwrap().unwrap().id, id);
    assert_eq!(store.device_proposals(demo, "d1").await.unwrap().len(), 1);
    assert_eq!(store.device_proposals(odense, "d1").await.unwrap().len(), 0);
    let queue = store.moderation_queue(demo).await.unwrap();
    assert_eq!((queue.len(), queue[0].urgent, queue[0].target), (1, true, Target::Proposal));
    assert!(store.moderation_queue(odense).await.unwrap().is_empty());
    let moderate = |m, decision| store.moderate(m, Target::Proposal, id, decision, None, 1_001);
    assert_eq!(moderate(odense, Moderation::Approved).await.unwrap(), Answered::NotFound, "not across municipalities");
    assert_eq!(moderate(demo, Moderation::Approved).await.unwrap(), Answered::Done);
    assert_eq!(moderate(demo, Moderation::Rejected).await.unwrap(), Answered::Changed, "a decided text is not decided again");

    // One stance per device; counted on the proposal.
    for (device, stance) in [("a", Stance::For), ("b", Stance::For), ("a", Stance::Against)] {
        store.set_stance(id, device, Some(stance), 1_002).await.unwrap();
    }
    let p = store.proposal(id).await.unwrap().unwrap();
    assert_eq!((p.support_for, p.support_against), (1, 1));

    // Two managers answering at once: exactly one wins.
    let change = StatusChange { status: Status::Adopted, reason: Some("Ja".into()) };
    let mut edited = app::domain::principle::PrincipleInput {
        criterion: principle.criterion,
        title_da: "Ny titel".into(),
        title_en: "New title".into(),
        text_da: "Ny tekst".into(),
        text_en: "New text".into(),
    };
    let effect = PrincipleEffect::Revise { principle_id: principle.id, input: edited.clone() };
    let (a, b) = tokio::join!(
        store.answer_proposal(demo, id, Status::Received, &change, Some(&effect), 2_000),
        store.answer_proposal(demo, id, Status::Received, &change, Some(&effect), 2_000),
    );
    let mut outcomes = [a.unwrap(), b.unwrap()];
    outcomes.sort_by_key(|o| format!("{o:?}"));
    assert_eq!(outcomes, [Answered::Changed, Answered::Done]);
    let versions = &store.principles(demo, true).await.unwrap()[0].versions;
    assert_eq!((versions.len(), versions[1].proposal_id), (2, Some(id)), "one new version, linked");
    let same = store.add_proposal(&NewProposal { receipt_hash: "r3".into(), ..new.clone() }).await.unwrap();
    assert_eq!(store.answer_proposal(demo, same, Status::Received, &change, Some(&effect), 2_500).await.unwrap(), Answered::Done);
    assert_eq!(store.principles(demo, true).await.unwrap()[0].versions.len(), 2, "the same wording makes no new version");
    assert_eq!(store.answer_proposal(odense, id, Status::Adopted, &change, None, 2_001).await.unwrap(), Answered::NotFound);
    let p = store.proposal(id).await.unwrap().unwrap();
    assert_eq!((p.status, p.answered_at, p.answer.as_deref()), (Status::Adopted, Some(2_000), Some("Ja")));
    let events = store.proposal_events(id).await.unwrap();
    let kinds: Vec<_> = events.iter().map(|e| (e.kind.as_str(), e.value.as_str(), e.role.as_str())).collect();
    assert_eq!(kinds, [("status", "received", "young_person"), ("moderation", "approved", "moderator"), ("status", "adopted", "manager")]);
    edited.title_da = "Odense".into();
    let foreign = PrincipleEffect::Revise { principle_id: principle.id, input: edited };
    let other = store.add_proposal(&NewProposal { municipality_id: odense, receipt_hash: "r2".into(), ..new.clone() }).await.unwrap();
    let outcome = store.answer_proposal(odense, other, Status::Received, &change, Some(&foreign), 3_000).await.unwrap();
    assert_eq!(outcome, Answered::NotFound, "a manager cannot change another municipality's principle");
    assert_eq!(store.proposal(other).await.unwrap().unwrap().status, Status::Received, "and nothing else changed");
}

both_engines!(
    proposals_are_answered_once_and_stay_in_their_municipality,
    principles_keep_every_version,
    seeding_is_idempotent_and_complete,
    ratings_replace_within_30_days_only,
    concurrent_ratings_are_all_kept,
    sessions_die_when_idle_or_old,
    login_failures_count_within_the_window,
);

#[tokio::test]
async fn a_bad_database_url_is_a_one_line_reason() {
    for url in ["mysql://x", "postgres://nobody@127.0.0.1:1/none", "sqlite:/proc/definitely/not/here.db"] {
        let err = connect(url).await.err().expect("fails");
        assert!(!err.contains('\n'), "{err}");
        assert!(!err.is_empty());
    }
}
