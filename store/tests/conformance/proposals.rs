//! `ProposalStore`, the young people's side: proposals, receipts, stances
//! and comments. Moderation and answers are in `answers.rs`.

use crate::common::*;
use domain::proposal::{Moderation, ProposalInput, ProposalKind, Stance, Status};
use store::proposals::{NewProposal, PromotedFrom};
use store::{Review, StoreError};

crate::both_engines!(
    a_proposal_is_stored_with_its_received_event_and_found_by_id_and_receipt,
    a_receipt_is_used_once,
    proposals_are_per_municipality_newest_first,
    device_proposals_are_the_device_s_own_in_its_municipality,
    a_proposal_about_an_unknown_principle_is_refused,
    one_stance_per_device_changed_and_withdrawn,
    a_stance_on_an_unknown_proposal_is_refused,
    comments_are_oldest_first_and_only_approved_ones_are_counted,
    a_workshop_item_is_promoted_once_and_a_second_promotion_keeps_nothing,
);

pub fn new_proposal(municipality_id: i64, receipt: &str, device: &str, now: i64) -> NewProposal {
    NewProposal {
        municipality_id,
        receipt_hash: receipt.into(),
        device_hash: device.into(),
        input: ProposalInput {
            kind: ProposalKind::Idea,
            principle_id: None,
            service: None,
            title: format!("Title {receipt}"),
            text: format!("Text {receipt}"),
            reason: None,
        },
        service_id: None,
        review: Review::default(),
        now,
        promoted_from: None,
    }
}

pub fn held(urgent: bool) -> Review {
    Review { moderation: Moderation::Pending, held_for: "masked".into(), urgent }
}

async fn a_proposal_is_stored_with_its_received_event_and_found_by_id_and_receipt(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let principle = s.principles(a.id, false).await.unwrap()[0].id;
    let fgu = service(s, a.id, "fgu").await;
    let mut p = new_proposal(a.id, "r1", "dev", NOW);
    p.input.kind = ProposalKind::Change;
    p.input.principle_id = Some(principle);
    p.input.reason = Some("because".into());
    p.service_id = Some(fgu);
    p.review = held(true);
    let id = s.add_proposal(&p).await.unwrap();
    let got = s.proposal(id).await.unwrap().unwrap();
    assert_eq!((got.municipality_id, got.kind, got.principle_id, got.service_id), (a.id, ProposalKind::Change, Some(principle), Some(fgu)));
    assert_eq!((got.title.as_str(), got.text.as_str(), got.reason.as_deref()), ("Title r1", "Text r1", Some("because")));
    assert_eq!((got.status, got.moderation, got.held_for.as_str(), got.urgent), (Status::Received, Moderation::Pending, "masked", true));
    assert_eq!((got.created_at, got.answered_at, got.answer.clone()), (NOW, None, None));
    assert_eq!((got.support_for, got.support_against, got.comments), (0, 0, 0));
    assert_eq!(s.proposal_by_receipt("r1").await.unwrap(), Some(got));
    assert!(s.proposal_by_receipt("r2").await.unwrap().is_none());
    assert!(s.proposal(id + 1000).await.unwrap().is_none());
    let events = s.proposal_events(id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].at, events[0].kind.as_str(), events[0].value.as_str(), events[0].role.as_str()),
        (NOW, "status", "received", "young_person")
    );
    assert!(s.proposal_events(id + 1000).await.unwrap().is_empty());
}

async fn a_receipt_is_used_once(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    let err = s.add_proposal(&new_proposal(b.id, "r1", "dev", NOW)).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict), "{err:?}");
    assert_eq!(db.count("SELECT COUNT(*) FROM proposals").await, 1);
    assert_eq!(db.count("SELECT COUNT(*) FROM proposal_events").await, 1, "no event of the refused one");
}

async fn proposals_are_per_municipality_newest_first(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let p1 = s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    let p2 = s.add_proposal(&new_proposal(a.id, "r2", "dev", NOW + 10)).await.unwrap();
    let p3 = s.add_proposal(&new_proposal(a.id, "r3", "dev", NOW)).await.unwrap();
    let mut pending = new_proposal(a.id, "r4", "dev", NOW - 10);
    pending.review = held(false);
    let p4 = s.add_proposal(&pending).await.unwrap();
    let pb = s.add_proposal(&new_proposal(b.id, "rb", "dev", NOW)).await.unwrap();
    let ids: Vec<_> = s.proposals(a.id).await.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, [p2, p3, p1, p4], "newest first, then the later id; held ones included");
    let ids: Vec<_> = s.proposals(b.id).await.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, [pb]);
    assert!(s.proposals(9999).await.unwrap().is_empty());
}

async fn device_proposals_are_the_device_s_own_in_its_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let mine1 = s.add_proposal(&new_proposal(a.id, "r1", "me", NOW)).await.unwrap();
    s.add_proposal(&new_proposal(a.id, "r2", "you", NOW + 1)).await.unwrap();
    let mine2 = s.add_proposal(&new_proposal(a.id, "r3", "me", NOW + 2)).await.unwrap();
    s.add_proposal(&new_proposal(b.id, "r4", "me", NOW + 3)).await.unwrap();
    let ids: Vec<_> = s.device_proposals(a.id, "me").await.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, [mine2, mine1]);
    assert!(s.device_proposals(a.id, "nobody").await.unwrap().is_empty());
    assert_eq!(s.device_proposals(b.id, "me").await.unwrap().len(), 1);
}

async fn a_proposal_about_an_unknown_principle_is_refused(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let mut p = new_proposal(a.id, "r1", "dev", NOW);
    p.input.principle_id = Some(99_999);
    let err = s.add_proposal(&p).await.unwrap_err();
    assert!(matches!(err, StoreError::Internal(_)), "a foreign key: {err:?}");
    assert!(s.add_proposal(&new_proposal(9999, "r2", "dev", NOW)).await.is_err(), "unknown municipality");
    assert_eq!(db.count("SELECT COUNT(*) FROM proposals").await, 0);
}

async fn one_stance_per_device_changed_and_withdrawn(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    assert_eq!(s.stance(id, "d1").await.unwrap(), None);
    s.set_stance(id, "d1", Some(Stance::For), NOW).await.unwrap();
    s.set_stance(id, "d1", Some(Stance::For), NOW + 1).await.unwrap();
    s.set_stance(id, "d2", Some(Stance::For), NOW).await.unwrap();
    s.set_stance(id, "d3", Some(Stance::Against), NOW).await.unwrap();
    let p = s.proposal(id).await.unwrap().unwrap();
    assert_eq!((p.support_for, p.support_against), (2, 1), "the same device counts once");
    s.set_stance(id, "d2", Some(Stance::Against), NOW + 2).await.unwrap();
    assert_eq!(s.stance(id, "d2").await.unwrap(), Some(Stance::Against));
    s.set_stance(id, "d3", None, NOW + 3).await.unwrap();
    s.set_stance(id, "d3", None, NOW + 4).await.expect("withdrawing twice is fine");
    assert_eq!(s.stance(id, "d3").await.unwrap(), None);
    let p = s.proposal(id).await.unwrap().unwrap();
    assert_eq!((p.support_for, p.support_against), (1, 1));
    assert_eq!(s.stance(id + 1000, "d1").await.unwrap(), None);
}

async fn a_stance_on_an_unknown_proposal_is_refused(db: TestDb) {
    let s = &db.store;
    let err = s.set_stance(12345, "d1", Some(Stance::For), NOW).await.unwrap_err();
    assert!(matches!(err, StoreError::Internal(_)), "a foreign key: {err:?}");
    let err = s.add_comment(12345, "hi", &Review::default(), NOW).await.unwrap_err();
    assert!(matches!(err, StoreError::Internal(_)), "a foreign key: {err:?}");
}

async fn comments_are_oldest_first_and_only_approved_ones_are_counted(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = s.add_proposal(&new_proposal(a.id, "r1", "dev", NOW)).await.unwrap();
    let other = s.add_proposal(&new_proposal(a.id, "r2", "dev", NOW)).await.unwrap();
    let c2 = s.add_comment(id, "second", &Review::default(), NOW + 2).await.unwrap();
    let c1 = s.add_comment(id, "first", &Review::default(), NOW + 1).await.unwrap();
    let c3 = s.add_comment(id, "held", &held(true), NOW + 2).await.unwrap();
    s.add_comment(other, "elsewhere", &Review::default(), NOW).await.unwrap();
    let list = s.comments(id).await.unwrap();
    assert_eq!(list.iter().map(|c| c.id).collect::<Vec<_>>(), [c1, c2, c3], "oldest first, moderated or not");
    assert_eq!((list[2].moderation, list[2].urgent, list[2].held_for.as_str()), (Moderation::Pending, true, "masked"));
    assert_eq!((list[0].proposal_id, list[0].text.as_str(), list[0].created_at), (id, "first", NOW + 1));
    assert_eq!(s.proposal(id).await.unwrap().unwrap().comments, 2, "the held one is not counted");
    assert!(s.comments(id + 1000).await.unwrap().is_empty());
}

async fn a_workshop_item_is_promoted_once_and_a_second_promotion_keeps_nothing(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let activities = [domain::workshop::Activity::Ideas { title: "Ideas".into() }];
    let w = s
        .add_workshop(&store::workshops::NewWorkshop {
            municipality_id: a.id,
            title: "W",
            code: "ABC123",
            activities: &activities,
            by: "f@x.dk",
            now: NOW,
        })
        .await
        .unwrap();
    let from = PromotedFrom { workshop_id: w, activity: 0, item: 7 };
    let mut p = new_proposal(a.id, "r1", "dev", NOW);
    p.promoted_from = Some(from);
    let id = s.add_proposal(&p).await.unwrap();
    assert_eq!(s.promotions(w).await.unwrap(), vec![store::workshops::Promotion { activity: 0, item: 7, proposal_id: id }]);
    let mut again = new_proposal(a.id, "r2", "dev", NOW);
    again.promoted_from = Some(from);
    assert!(matches!(s.add_proposal(&again).await, Err(StoreError::Conflict)));
    assert!(s.proposal_by_receipt("r2").await.unwrap().is_none(), "nothing of the second is kept");
    assert_eq!(s.proposals(a.id).await.unwrap().len(), 1);
    let mut other_item = new_proposal(a.id, "r3", "dev", NOW);
    other_item.promoted_from = Some(PromotedFrom { item: 8, ..from });
    s.add_proposal(&other_item).await.unwrap();
    assert_eq!(s.promotions(w).await.unwrap().len(), 2);
    assert!(s.promotions(w + 1000).await.unwrap().is_empty());
}
