//! `ProposalStore`, the staff side: the moderation queue, decisions and
//! official answers with their effect on the principles.

use crate::common::*;
use crate::principles::input;
use crate::proposals::{held, new_proposal};
use domain::proposal::{Moderation, PrincipleEffect, Status, StatusChange};
use store::proposals::{Answered, Target};

crate::both_engines!(
    the_queue_holds_the_municipality_s_pending_texts_urgent_first_then_oldest,
    a_text_is_decided_once_and_only_in_its_own_municipality,
    a_proposal_moves_through_its_statuses_and_a_stale_answer_is_refused,
    adopting_a_change_revises_the_principle_and_records_the_proposal,
    adopting_an_addition_adds_a_principle_and_a_removal_deactivates_one,
    an_effect_on_another_municipality_s_principle_changes_nothing,
    the_response_time_is_set_per_municipality,
);

fn change(status: Status, reason: Option<&str>) -> StatusChange {
    StatusChange { status, reason: reason.map(String::from) }
}

async fn the_queue_holds_the_municipality_s_pending_texts_urgent_first_then_oldest(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let mut p = new_proposal(a.id, "r1", "dev", NOW + 5);
    p.review = held(false);
    let held_proposal = s.add_proposal(&p).await.unwrap();
    let shown = s.add_proposal(&new_proposal(a.id, "r2", "dev", NOW)).await.unwrap();
    let urgent_comment = s.add_comment(shown, "help", &held(true), NOW + 9).await.unwrap();
    s.add_comment(shown, "fine", &Default::default(), NOW).await.unwrap();
    let fgu = service(s, a.id, "fgu").await;
    let mut r = rating(fgu, "d", &listened(3), NOW + 1);
    r.rating.comment = Some("held comment".into());
    r.comment_review = held(false);
    let rating_id = s.save_rating(&r).await.unwrap().id;
    let mut elsewhere = new_proposal(b.id, "rb", "dev", NOW);
    elsewhere.review = held(true);
    s.add_proposal(&elsewhere).await.unwrap();

    let queue = s.moderation_queue(a.id).await.unwrap();
    let items: Vec<_> = queue.iter().map(|i| (i.target, i.id)).collect();
    assert_eq!(items, [(Target::Comment, urgent_comment), (Target::RatingComment, rating_id), (Target::Proposal, held_proposal)]);
    assert_eq!((queue[0].about.as_str(), queue[0].text.as_str(), queue[0].urgent), ("Title r2", "help", true));
    assert_eq!((queue[1].about.as_str(), queue[1].text.as_str(), queue[1].created_at), ("FGU", "held comment", NOW + 1));
    assert_eq!(s.moderation_queue(b.id).await.unwrap().len(), 1);
    assert!(s.moderation_queue(9999).await.unwrap().is_empty());
}

async fn a_text_is_decided_once_and_only_in_its_own_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let mut p = new_proposal(a.id, "r1", "dev", NOW);
    p.review = held(false);
    let pid = s.add_proposal(&p).await.unwrap();
    let cid = s.add_comment(pid, "c", &held(false), NOW).await.unwrap();
    let fgu = service(s, a.id, "fgu").await;
    let mut r = rating(fgu, "d", &listened(3), NOW);
    r.rating.comment = Some("rc".into());
    r.comment_review = held(false);
    let rid = s.save_rating(&r).await.unwrap().id;

    for (target, id) in [(Target::Proposal, pid), (Target::Comment, cid), (Target::RatingComment, rid)] {
        assert_eq!(s.moderate(b.id, target, id, Moderation::Approved, None, NOW).await.unwrap(), Answered::NotFound, "{target:?} from b");
        assert_eq!(s.moderate(a.id, target, id + 1000, Moderation::Approved, None, NOW).await.unwrap(), Answered::NotFound);
        assert_eq!(s.moderate(a.id, target, id, Moderation::Rejected, Some("rude"), NOW + 1).await.unwrap(), Answered::Done);
        assert_eq!(s.moderate(a.id, target, id, Moderation::Approved, None, NOW + 2).await.unwrap(), Answered::Changed, "{target:?} twice");
    }
    let got = s.proposal(pid).await.unwrap().unwrap();
    assert_eq!((got.moderation, got.moderation_reason.as_deref()), (Moderation::Rejected, Some("rude")));
    let events = s.proposal_events(pid).await.unwrap();
    assert_eq!(events.len(), 2, "received, then the decision");
    assert_eq!(
        (events[1].kind.as_str(), events[1].value.as_str(), events[1].reason.as_deref(), events[1].role.as_str()),
        ("moderation", "rejected", Some("rude"), "moderator")
    );
    assert_eq!(s.comments(pid).await.unwrap()[0].moderation, Moderation::Rejected);
    assert!(s.moderation_queue(a.id).await.unwrap().is_empty());
    assert_eq!(db.count("SELECT COUNT(*) FROM ratings WHERE comment_moderation = 'rejected'").await, 1);
}

async fn a_proposal_moves_through_its_statuses_and_a_stale_answer_is_refused(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    let considering = change(Status::Considering, None);
    assert_eq!(s.answer_proposal(b.id, id, Status::Received, &considering, None, NOW).await.unwrap(), Answered::NotFound);
    assert_eq!(s.answer_proposal(a.id, id + 1000, Status::Received, &considering, None, NOW).await.unwrap(), Answered::NotFound);
    assert_eq!(s.answer_proposal(a.id, id, Status::Received, &considering, None, NOW + 1).await.unwrap(), Answered::Done);
    let p = s.proposal(id).await.unwrap().unwrap();
    assert_eq!((p.status, p.answered_at, p.answer.clone()), (Status::Considering, None, None), "not an answer yet");
    assert_eq!(s.answer_proposal(a.id, id, Status::Received, &considering, None, NOW + 2).await.unwrap(), Answered::Changed);
    let no = change(Status::NotAdopted, Some("no money"));
    assert_eq!(s.answer_proposal(a.id, id, Status::Considering, &no, None, NOW + 3).await.unwrap(), Answered::Done);
    let p = s.proposal(id).await.unwrap().unwrap();
    assert_eq!((p.status, p.answered_at, p.answer.as_deref()), (Status::NotAdopted, Some(NOW + 3), Some("no money")));
    let events = s.proposal_events(id).await.unwrap();
    let seen: Vec<_> = events.iter().map(|e| (e.value.as_str(), e.role.as_str(), e.at)).collect();
    assert_eq!(seen, [("received", "young_person", NOW), ("considering", "manager", NOW + 1), ("not_adopted", "manager", NOW + 3)]);
    assert_eq!(events[2].reason.as_deref(), Some("no money"));
}

async fn adopting_a_change_revises_the_principle_and_records_the_proposal(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let pr = s.add_principle(a.id, &input("Old"), NOW).await.unwrap();
    let id = s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    let revise = PrincipleEffect::Revise { principle_id: pr, input: input("New") };
    let adopted = change(Status::Adopted, Some("yes"));
    assert_eq!(s.answer_proposal(a.id, id, Status::Received, &adopted, Some(&revise), NOW + 1).await.unwrap(), Answered::Done);
    let p = s.principles(a.id, false).await.unwrap().into_iter().find(|p| p.id == pr).unwrap();
    let v = p.current().unwrap();
    assert_eq!((v.version, v.title_en.as_str(), v.proposal_id, v.valid_from), (2, "New en", Some(id), NOW + 1));
    // Adopted without new wording: no empty new version.
    let id2 = s.add_proposal(&new_proposal(a.id, "r2", "dev", NOW)).await.unwrap();
    let same = PrincipleEffect::Revise { principle_id: pr, input: input("New") };
    assert_eq!(s.answer_proposal(a.id, id2, Status::Received, &adopted, Some(&same), NOW + 2).await.unwrap(), Answered::Done);
    let p = s.principles(a.id, false).await.unwrap().into_iter().find(|p| p.id == pr).unwrap();
    assert_eq!(p.versions.len(), 2);
}

async fn adopting_an_addition_adds_a_principle_and_a_removal_deactivates_one(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let before = s.principles(a.id, false).await.unwrap();
    let id = s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    let add = PrincipleEffect::Add(input("Added"));
    assert_eq!(
        s.answer_proposal(a.id, id, Status::Received, &change(Status::Adopted, None), Some(&add), NOW).await.unwrap(),
        Answered::Done
    );
    let after = s.principles(a.id, false).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let added = after.last().unwrap();
    assert_eq!((added.versions[0].title_da.as_str(), added.versions[0].proposal_id, added.active), ("Added da", Some(id), true));
    let id2 = s.add_proposal(&new_proposal(a.id, "r2", "dev", NOW)).await.unwrap();
    let remove = PrincipleEffect::Deactivate { principle_id: before[0].id };
    assert_eq!(
        s.answer_proposal(a.id, id2, Status::Received, &change(Status::Partly, None), Some(&remove), NOW).await.unwrap(),
        Answered::Done
    );
    assert!(s.principles(a.id, true).await.unwrap().iter().all(|p| p.id != before[0].id));
}

async fn an_effect_on_another_municipality_s_principle_changes_nothing(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let theirs = s.add_principle(b.id, &input("B's"), NOW).await.unwrap();
    let id = s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    let adopted = change(Status::Adopted, Some("yes"));
    for effect in
        [PrincipleEffect::Revise { principle_id: theirs, input: input("Hijack") }, PrincipleEffect::Deactivate { principle_id: theirs }]
    {
        let out = s.answer_proposal(a.id, id, Status::Received, &adopted, Some(&effect), NOW).await.unwrap();
        assert_eq!(out, Answered::NotFound, "{effect:?}");
        let p = s.proposal(id).await.unwrap().unwrap();
        assert_eq!((p.status, p.answered_at), (Status::Received, None), "all or nothing: {effect:?}");
        assert_eq!(s.proposal_events(id).await.unwrap().len(), 1);
    }
    let p = s.principles(b.id, false).await.unwrap().into_iter().find(|p| p.id == theirs).unwrap();
    assert_eq!((p.versions.len(), p.active), (1, true), "b's principle is untouched");
}

async fn the_response_time_is_set_per_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let before = s.municipality("b").await.unwrap().unwrap().response_days;
    s.set_response_days(a.id, 14).await.unwrap();
    assert_eq!(s.municipality("a").await.unwrap().unwrap().response_days, 14, "not a stale cache");
    assert_eq!(s.municipality("b").await.unwrap().unwrap().response_days, before);
    assert_eq!(s.municipalities().await.unwrap().iter().find(|m| m.id == a.id).unwrap().response_days, 14);
    let _ = b;
}
