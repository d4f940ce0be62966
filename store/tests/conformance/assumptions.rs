//! `AssumptionStore`: assumptions, their verdicts and their answers.

use crate::common::*;
use domain::governance::assumption::{AssumptionInput, Counts, Supports, Verdict};
use domain::rating::Answer;
use store::assumptions::VerdictSaved;

crate::both_engines!(
    assumptions_are_per_municipality_newest_first,
    a_verdict_is_recorded_once_and_only_in_its_own_municipality,
    answers_are_counted_per_assumption_from_the_ratings,
);

fn input(statement: &str) -> AssumptionInput {
    AssumptionInput {
        statement: statement.into(),
        question_da: format!("{statement}?"),
        question_en: format!("{statement} (en)?"),
        supports: Supports::No,
    }
}

async fn assumptions_are_per_municipality_newest_first(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    assert!(s.assumptions(a.id).await.unwrap().is_empty());
    let first = s.add_assumption(a.id, &input("virtual is not for us"), "m@x.dk", NOW).await.unwrap();
    let second = s.add_assumption(a.id, &input("no interest in X"), "m@x.dk", NOW).await.unwrap();
    s.add_assumption(b.id, &input("b's"), "m@x.dk", NOW).await.unwrap();
    let list = s.assumptions(a.id).await.unwrap();
    assert_eq!(list.iter().map(|x| x.id).collect::<Vec<_>>(), [second, first], "newest first, read after the write");
    let x = &list[1];
    assert_eq!(
        (x.statement.as_str(), x.question_en.as_str(), x.supports, x.created_at),
        ("virtual is not for us", "virtual is not for us (en)?", Supports::No, NOW)
    );
    assert_eq!((x.verdict, x.verdict_note.clone(), x.verdict_at), (None, None, None));
    assert_eq!(s.assumptions(b.id).await.unwrap().len(), 1);
    assert!(s.add_assumption(9999, &input("x"), "m@x.dk", NOW).await.is_err(), "unknown municipality");
}

async fn a_verdict_is_recorded_once_and_only_in_its_own_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = s.add_assumption(a.id, &input("virtual is not for us"), "m@x.dk", NOW).await.unwrap();
    assert!(s.assumptions(a.id).await.unwrap()[0].verdict.is_none(), "(fills the cache)");
    assert_eq!(s.record_verdict(b.id, id, Verdict::Holds, "n", "m@x.dk", NOW).await.unwrap(), VerdictSaved::NotFound);
    assert_eq!(s.record_verdict(a.id, id + 1000, Verdict::Holds, "n", "m@x.dk", NOW).await.unwrap(), VerdictSaved::NotFound);
    assert_eq!(s.record_verdict(a.id, id, Verdict::DoesNotHold, "the data says no", "m@x.dk", NOW + 1).await.unwrap(), VerdictSaved::Saved);
    assert_eq!(
        s.record_verdict(a.id, id, Verdict::Holds, "changed my mind", "m@x.dk", NOW + 2).await.unwrap(),
        VerdictSaved::AlreadyDecided
    );
    let x = &s.assumptions(a.id).await.unwrap()[0];
    assert_eq!((x.verdict, x.verdict_note.as_deref(), x.verdict_at), (Some(Verdict::DoesNotHold), Some("the data says no"), Some(NOW + 1)));
}

async fn answers_are_counted_per_assumption_from_the_ratings(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let (fgu, fb) = (service(s, a.id, "fgu").await, service(s, b.id, "fgu").await);
    let one = s.add_assumption(a.id, &input("one"), "m@x.dk", NOW).await.unwrap();
    let two = s.add_assumption(a.id, &input("two"), "m@x.dk", NOW).await.unwrap();
    let key = |id: i64| format!("antagelse-{id}");
    let (k1, k2) = (key(one), key(two));
    let answers = [(k1.as_str(), "ja"), (k1.as_str(), "ja"), (k1.as_str(), "nej"), (k1.as_str(), "ved-ikke"), (k2.as_str(), "nej")];
    for (i, (k, choice)) in answers.into_iter().enumerate() {
        s.save_rating(&rating(fgu, &format!("d{i}"), &[(k, Answer::Choice(choice.into()))], NOW)).await.unwrap();
    }
    s.save_rating(&rating(fb, "b", &[(k1.as_str(), Answer::Choice("ja".into()))], NOW)).await.unwrap();
    s.save_rating(&rating(fgu, "plain", &listened(3), NOW)).await.unwrap();
    // The same phone changes its mind: one answer, two arrivals.
    s.save_rating(&rating(fgu, "d4", &[(k2.as_str(), Answer::Choice("ja".into()))], NOW + 1)).await.unwrap();
    let counts = s.assumption_counts(a.id).await.unwrap();
    assert_eq!(counts.keys().copied().collect::<Vec<_>>(), [one, two]);
    assert_eq!(counts[&one], (Counts { yes: 2, no: 1, unsure: 1 }, 4), "b's answer not counted");
    assert_eq!(counts[&two], (Counts { yes: 1, no: 0, unsure: 0 }, 2));
    assert_eq!(s.assumption_counts(b.id).await.unwrap()[&one].0.yes, 1);
    assert!(s.assumption_counts(9999).await.unwrap().is_empty());
}
