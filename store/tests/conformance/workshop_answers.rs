//! `WorkshopStore`, the answers: responses, ideas and their moderation,
//! releases, workshop ratings, and what housekeeping erases of a workshop.

use crate::common::*;
use crate::workshops::{running, state, workshop};
use domain::proposal::Moderation;
use domain::workshop::results::Row;
use domain::workshop::Phase;
use store::workshops::Saved;
use store::Review;

crate::both_engines!(
    answers_are_saved_only_while_their_activity_runs,
    a_replacing_answer_removes_the_participant_s_other_rows,
    ideas_are_kept_while_their_activity_runs_up_to_the_limit,
    a_pending_idea_is_decided_once_in_its_own_workshop,
    an_urgent_idea_waits_in_the_moderators_queue_too,
    a_release_is_stored_once_per_version,
    workshop_ratings_count_the_workshop_channel_of_the_services_in_the_period,
    housekeeping_erases_old_ideas_proposal_comments_and_nicknames,
    a_room_answering_at_once_keeps_each_phone_s_last_answer,
);

fn row(participant: i64, item: i64, value: &str) -> Row {
    Row { participant, item, value: value.into() }
}

async fn answers_are_saved_only_while_their_activity_runs(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let waiting = workshop(&db, a.id, "WWW000", NOW).await;
    let pw = s.join_workshop(waiting, "tok", None, NOW).await.unwrap();
    assert_eq!(s.save_responses(waiting, 0, pw, &[(0, "1".into())], true, NOW).await.unwrap(), Saved::NotNow, "not started");
    let id = running(&db, a.id, "AAA111", 0).await;
    let (p1, p2) = (s.join_workshop(id, "t1", None, NOW).await.unwrap(), s.join_workshop(id, "t2", None, NOW).await.unwrap());
    assert_eq!(s.save_responses(id, 1, p1, &[(0, "x".into())], false, NOW).await.unwrap(), Saved::NotNow, "another activity");
    assert_eq!(s.save_responses(id, 0, pw, &[(0, "x".into())], false, NOW).await.unwrap(), Saved::NotNow, "another workshop's participant");
    assert_eq!(s.save_responses(id, 0, p2, &[(1, "b".into())], false, NOW).await.unwrap(), Saved::Yes);
    assert_eq!(s.save_responses(id, 0, p1, &[(0, "a".into()), (1, "b".into())], false, NOW).await.unwrap(), Saved::Yes);
    assert_eq!(s.save_responses(id, 0, p1, &[(0, "c".into())], false, NOW).await.unwrap(), Saved::Yes, "same item: updated");
    assert_eq!(s.responses(id, 0).await.unwrap(), vec![row(p1, 0, "c"), row(p1, 1, "b"), row(p2, 1, "b")], "by participant, item");
    assert!(s.responses(id, 1).await.unwrap().is_empty());
    assert_eq!(s.respondents(id, 0).await.unwrap(), 2, "people, not rows");
    assert_eq!(s.respondents(id, 1).await.unwrap(), 0);
    assert!(s.set_workshop_state(id, 1, state(Phase::Paused, 0), NOW).await.unwrap());
    assert_eq!(s.save_responses(id, 0, p1, &[(0, "d".into())], false, NOW).await.unwrap(), Saved::NotNow, "paused");
    assert_eq!(s.responses(id, 0).await.unwrap()[0].value, "c");
}

async fn a_replacing_answer_removes_the_participant_s_other_rows(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = running(&db, a.id, "AAA111", 0).await;
    let (p1, p2) = (s.join_workshop(id, "t1", None, NOW).await.unwrap(), s.join_workshop(id, "t2", None, NOW).await.unwrap());
    s.save_responses(id, 0, p1, &[(0, "2".into()), (1, "1".into())], true, NOW).await.unwrap();
    s.save_responses(id, 0, p2, &[(0, "1".into())], true, NOW).await.unwrap();
    assert_eq!(s.save_responses(id, 0, p1, &[(1, "3".into())], true, NOW + 1).await.unwrap(), Saved::Yes);
    assert_eq!(s.responses(id, 0).await.unwrap(), vec![row(p1, 1, "3"), row(p2, 0, "1")], "p1's item 0 is gone, p2 keeps theirs");
    s.save_responses(id, 0, p1, &[], true, NOW + 2).await.unwrap();
    assert_eq!(s.responses(id, 0).await.unwrap(), vec![row(p2, 0, "1")], "an empty whole answer clears it");
    assert_eq!(s.respondents(id, 0).await.unwrap(), 1, "and p1 is no longer counted");
}

async fn ideas_are_kept_while_their_activity_runs_up_to_the_limit(db: TestDb) {
    use domain::workshop::response::IDEAS_PER_PARTICIPANT;
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = running(&db, a.id, "AAA111", 1).await;
    let (p1, p2) = (s.join_workshop(id, "t1", None, NOW).await.unwrap(), s.join_workshop(id, "t2", None, NOW).await.unwrap());
    let ok = Review::default();
    assert_eq!(s.add_idea(id, 0, p1, "wrong activity", &ok, NOW).await.unwrap(), Saved::NotNow);
    for i in 0..IDEAS_PER_PARTICIPANT {
        assert_eq!(s.add_idea(id, 1, p1, &format!("idea {i}"), &ok, NOW + i as i64).await.unwrap(), Saved::Yes);
    }
    assert_eq!(s.add_idea(id, 1, p1, "one too many", &ok, NOW + 100).await.unwrap(), Saved::TooManyIdeas);
    let held = Review { moderation: Moderation::Pending, held_for: "swearing".into(), urgent: true };
    assert_eq!(s.add_idea(id, 1, p2, "held", &held, NOW + 200).await.unwrap(), Saved::Yes, "the limit is per participant");
    let ideas = s.ideas(id).await.unwrap();
    assert_eq!(ideas.len(), IDEAS_PER_PARTICIPANT + 1);
    assert_eq!(
        (ideas[0].text.as_str(), ideas[0].activity, ideas[0].moderation, ideas[0].created_at),
        ("idea 0", 1, Moderation::Approved, NOW)
    );
    let last = ideas.last().unwrap();
    assert_eq!((last.text.as_str(), last.moderation, last.held_for.as_str(), last.urgent), ("held", Moderation::Pending, "swearing", true));
    assert_eq!(s.idea_authors(id, 1).await.unwrap(), 2);
    assert_eq!(s.idea_authors(id, 0).await.unwrap(), 0);
    assert!(s.ideas(id + 1000).await.unwrap().is_empty());
}

async fn a_pending_idea_is_decided_once_in_its_own_workshop(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = running(&db, a.id, "AAA111", 1).await;
    let other = running(&db, a.id, "BBB222", 1).await;
    let p = s.join_workshop(id, "t1", None, NOW).await.unwrap();
    let held = Review { moderation: Moderation::Pending, held_for: "masked".into(), urgent: false };
    s.add_idea(id, 1, p, "held", &held, NOW).await.unwrap();
    s.add_idea(id, 1, p, "shown", &Review::default(), NOW).await.unwrap();
    let ideas = s.ideas(id).await.unwrap();
    let (held_id, shown_id) = (ideas[0].id, ideas[1].id);
    assert!(!s.moderate_idea(other, held_id, Moderation::Approved).await.unwrap(), "not the other workshop's idea");
    assert!(!s.moderate_idea(id, shown_id, Moderation::Rejected).await.unwrap(), "not pending");
    assert!(s.moderate_idea(id, held_id, Moderation::Rejected).await.unwrap());
    assert!(!s.moderate_idea(id, held_id, Moderation::Approved).await.unwrap(), "decided once");
    let ideas = s.ideas(id).await.unwrap();
    assert_eq!((ideas[0].moderation, ideas[1].moderation), (Moderation::Rejected, Moderation::Approved));
}

async fn an_urgent_idea_waits_in_the_moderators_queue_too(db: TestDb) {
    use store::proposals::{Answered, Target};
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = running(&db, a.id, "AAA111", 1).await;
    let p = s.join_workshop(id, "t1", None, NOW).await.unwrap();
    let urgent = Review { moderation: Moderation::Pending, held_for: "self_harm".into(), urgent: true };
    let masked = Review { moderation: Moderation::Pending, held_for: "masked".into(), urgent: false };
    s.add_idea(id, 1, p, "jeg orker ikke mere", &urgent, NOW + 5).await.unwrap();
    s.add_idea(id, 1, p, "ring 12345678", &masked, NOW).await.unwrap();
    let idea = s.ideas(id).await.unwrap()[0].id;

    let queue = s.moderation_queue(a.id).await.unwrap();
    let items: Vec<_> = queue.iter().map(|i| (i.target, i.id, i.text.as_str(), i.urgent, i.created_at)).collect();
    assert_eq!(items, [(Target::WorkshopIdea, idea, "jeg orker ikke mere", true, NOW + 5)], "only the urgent idea; the facilitator has the rest");
    assert_eq!(queue[0].about, "Ungeråd", "the workshop's title");
    assert!(s.moderation_queue(b.id).await.unwrap().is_empty(), "not another municipality's");

    assert_eq!(s.moderate(b.id, Target::WorkshopIdea, idea, Moderation::Rejected, None, NOW).await.unwrap(), Answered::NotFound);
    assert_eq!(s.moderate(a.id, Target::WorkshopIdea, idea, Moderation::Rejected, Some("hjælp"), NOW).await.unwrap(), Answered::Done);
    assert_eq!(s.moderate(a.id, Target::WorkshopIdea, idea, Moderation::Approved, None, NOW).await.unwrap(), Answered::Changed);
    assert!(!s.moderate_idea(id, idea, Moderation::Approved).await.unwrap(), "the facilitator cannot undo the moderator");
    assert_eq!(s.ideas(id).await.unwrap()[0].moderation, Moderation::Rejected);
    assert!(s.moderation_queue(a.id).await.unwrap().is_empty());
}

async fn a_release_is_stored_once_per_version(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = workshop(&db, a.id, "AAA111", NOW).await;
    assert_eq!(s.released(id, 0).await.unwrap(), None);
    let first = vec![row(1, 0, "a"), row(2, 0, "b")];
    assert!(s.save_release(id, 0, 0, &first).await.unwrap());
    assert!(!s.save_release(id, 0, 0, &[row(9, 9, "late")]).await.unwrap(), "another instance released first");
    assert_eq!(s.released(id, 0).await.unwrap(), Some((1, first)));
    let second = vec![row(3, 1, "c")];
    assert!(s.save_release(id, 0, 1, &second).await.unwrap());
    assert!(!s.save_release(id, 0, 1, &[row(9, 9, "stale")]).await.unwrap(), "from a stale version");
    assert_eq!(s.released(id, 0).await.unwrap(), Some((2, second)));
    assert_eq!(s.released(id, 1).await.unwrap(), None, "per activity");
    assert!(!s.save_release(id, 1, 5, &[]).await.unwrap(), "no such version");
    assert!(s.save_release(id + 1000, 0, 0, &[]).await.is_err(), "unknown workshop");
}

async fn workshop_ratings_count_the_workshop_channel_of_the_services_in_the_period(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let (fgu, uu, club) = (service(s, a.id, "fgu").await, service(s, a.id, "uu").await, service(s, a.id, "club").await);
    let at = |sid, dev: &str, channel: &str, t| {
        let mut r = rating(sid, dev, &listened(3), t);
        r.rating.channel = channel.into();
        r
    };
    for r in [
        at(fgu, "1", "workshop", NOW),
        at(fgu, "2", "workshop", NOW + 60),
        at(uu, "3", "workshop", NOW + 30),
        at(fgu, "4", "web", NOW),
        at(club, "5", "workshop", NOW),
        at(fgu, "6", "workshop", NOW + 61),
    ] {
        s.save_rating(&r).await.unwrap();
    }
    assert_eq!(s.workshop_ratings(&[fgu, uu], NOW, NOW + 60).await.unwrap(), 3, "both ends included");
    assert_eq!(s.workshop_ratings(&[fgu], NOW + 1, NOW + 59).await.unwrap(), 0);
    assert_eq!(s.workshop_ratings(&[], NOW, NOW + 100).await.unwrap(), 0);
}

async fn housekeeping_erases_old_ideas_proposal_comments_and_nicknames(db: TestDb) {
    use domain::policy::MONTH_SECS;
    let s = &db.store;
    let a = municipality(s, "a").await;
    s.set_retention_months(a.id, 1).await.unwrap();
    let old = NOW - 2 * MONTH_SECS;
    let id = workshop(&db, a.id, "AAA111", old).await;
    assert!(s.set_workshop_state(id, 0, state(Phase::Running, 1), old).await.unwrap());
    let p_old = s.join_workshop(id, "old", Some("Kim"), NOW - 2 * DAY).await.unwrap();
    let p_new = s.join_workshop(id, "new", Some("Ida"), NOW - 3600).await.unwrap();
    s.add_idea(id, 1, p_old, "old idea", &Review::default(), old).await.unwrap();
    s.add_idea(id, 1, p_new, "new idea", &Review::default(), NOW).await.unwrap();
    let pid = s.add_proposal(&crate::proposals::new_proposal(a.id, "r1", "dev", old)).await.unwrap();
    s.add_comment(pid, "old comment", &Review::default(), old).await.unwrap();
    s.add_comment(pid, "new comment", &Review::default(), NOW).await.unwrap();
    assert_eq!(s.housekeeping(NOW).await.unwrap().comments_erased, 2, "one proposal comment and one idea");
    assert_eq!(s.ideas(id).await.unwrap().iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), ["new idea"]);
    assert_eq!(s.comments(pid).await.unwrap().iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["new comment"]);
    assert!(s.proposal(pid).await.unwrap().is_some(), "the proposal is the public record");
    assert_eq!(s.participant(id, "old").await.unwrap(), Some((p_old, None)), "a day-old nickname goes");
    assert_eq!(s.participant(id, "new").await.unwrap(), Some((p_new, Some("Ida".into()))));
}

/// A room answering at once (batched; set-based on PostgreSQL): each phone's
/// answer is kept once, replacing its earlier one; answers to an activity
/// that is not running are refused; one phone sending twice at once ends
/// with one of its two answers, whole.
async fn a_room_answering_at_once_keeps_each_phone_s_last_answer(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = running(&db, a.id, "AAA111", 0).await;
    let mut phones = Vec::new();
    for i in 0..60 {
        phones.push(s.join_workshop(id, &format!("t{i}"), None, NOW).await.unwrap());
    }
    for round in 0..2_i64 {
        let mut tasks = Vec::new();
        for (i, p) in phones.iter().copied().enumerate() {
            let store = s.clone();
            // Every tenth phone answers an activity that is not running.
            let activity = i64::from(i % 10 == 9);
            let rows: Vec<(i64, String)> =
                if round == 0 { vec![(0, format!("{}", i % 3)), (1, "x".into())] } else { vec![(1, format!("r{i}"))] };
            tasks.push(tokio::spawn(async move { store.save_responses(id, activity, p, &rows, true, NOW + round).await }));
        }
        // The first phone sends a second, different answer at the same moment.
        let (store, first) = (s.clone(), phones[0]);
        let twice = tokio::spawn(async move { store.save_responses(id, 0, first, &[(2, "twice".into())], true, NOW + round).await });
        let outcomes: Vec<Saved> = futures_outcomes(tasks).await;
        assert_eq!(twice.await.unwrap().unwrap(), Saved::Yes);
        assert_eq!(outcomes.iter().filter(|o| **o == Saved::NotNow).count(), 6, "round {round}");
        assert_eq!(outcomes.iter().filter(|o| **o == Saved::Yes).count(), 54, "round {round}");
    }
    let rows = s.responses(id, 0).await.unwrap();
    for (i, p) in phones.iter().copied().enumerate() {
        let mine: Vec<(i64, &str)> = rows.iter().filter(|r| r.participant == p).map(|r| (r.item, r.value.as_str())).collect();
        let expected: Vec<(i64, String)> = match i {
            0 => continue,
            _ if i % 10 == 9 => vec![],
            _ => vec![(1, format!("r{i}"))],
        };
        let expected: Vec<(i64, &str)> = expected.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(mine, expected, "phone {i}: its last answer only");
    }
    let first: Vec<(i64, &str)> = rows.iter().filter(|r| r.participant == phones[0]).map(|r| (r.item, r.value.as_str())).collect();
    assert!(first == [(1, "r0")] || first == [(2, "twice")], "one whole answer: {first:?}");
}

async fn futures_outcomes(tasks: Vec<tokio::task::JoinHandle<Result<Saved, store::StoreError>>>) -> Vec<Saved> {
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap().expect("every answer is stored or refused, never lost"));
    }
    out
}
