use super::*;
use proptest::prelude::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn assumption(id: i64, verdict: Option<Verdict>) -> Assumption {
    Assumption {
        id,
        statement: "Virtuel vejledning er ikke noget for vores unge".into(),
        question_da: "Vil du gerne have vejledning over video?".into(),
        question_en: "Would you like guidance over video?".into(),
        supports: Supports::No,
        created_at: 0,
        verdict,
        verdict_note: None,
        verdict_at: None,
    }
}

#[test]
fn keys_are_recognised_exactly() {
    assert_eq!(assumption(7, None).key(), "antagelse-7");
    assert!(is_assumption_key("antagelse-7"));
    assert!(!is_assumption_key("antagelse-"));
    assert!(!is_assumption_key("antagelse-7x"));
    assert!(!is_assumption_key("listened"));
}

#[test]
fn the_question_is_a_three_way_choice_under_criterion_12() {
    let q = assumption(3, None).question();
    assert_eq!(q.criterion, 12);
    assert!(q.check().is_ok());
    let keys: Vec<&str> = q.options.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["ja", "nej", "ved-ikke"]);
}

#[test]
fn pick_rotates_through_open_assumptions_only() {
    let list = [assumption(1, None), assumption(2, Some(Verdict::Holds)), assumption(3, None)];
    let picked: Vec<i64> = (0..4).map(|turn| pick(&list, turn).unwrap().id).collect();
    assert_eq!(picked, [1, 3, 1, 3]);
    assert!(pick(&[assumption(2, Some(Verdict::Unclear))], 0).is_none());
    assert!(pick(&[], 5).is_none());
}

#[test]
fn the_form_names_every_problem() {
    let errors = AssumptionInput::from_form(&pairs(&[("statement", " "), ("supports", "maybe")])).unwrap_err();
    assert_eq!(errors.get("statement"), Some(&FieldError::Required));
    assert_eq!(errors.get("question_da"), Some(&FieldError::Required));
    assert_eq!(errors.get("supports"), Some(&FieldError::NotAnOption));
    let long = "x".repeat(STATEMENT_MAX + 1);
    let errors = AssumptionInput::from_form(&pairs(&[("statement", &long), ("question_da", "Q?"), ("supports", "ja")])).unwrap_err();
    assert_eq!(errors.get("statement"), Some(&FieldError::TooLong { max: STATEMENT_MAX }));
    let ok = AssumptionInput::from_form(&pairs(&[("statement", "S"), ("question_da", "Spørgsmål?"), ("supports", "nej")])).unwrap();
    assert_eq!(ok.question_en, "Spørgsmål?", "Danish text stands in for a missing English one");
    assert_eq!(ok.supports, Supports::No);
}

#[test]
fn a_verdict_needs_a_choice_and_a_reason() {
    assert!(verdict_from_form(&pairs(&[("verdict", "holds")])).unwrap_err().contains_key("note"));
    assert!(verdict_from_form(&pairs(&[("verdict", "perhaps"), ("note", "x")])).unwrap_err().contains_key("verdict"));
    assert_eq!(
        verdict_from_form(&pairs(&[("verdict", "does_not_hold"), ("note", " Mange vil gerne ")])).unwrap(),
        (Verdict::DoesNotHold, "Mange vil gerne".into())
    );
}

#[test]
fn four_people_are_never_shown_five_are() {
    let e = evidence(Counts { yes: 2, no: 2, unsure: 0 }, Supports::Yes);
    assert_eq!(e, Evidence::default());
    let e = evidence(Counts { yes: 5, no: 0, unsure: 0 }, Supports::Yes);
    assert_eq!((e.decided, e.answered, e.share_for), (Some(5), Some(5), Some(1.0)));
}

#[test]
fn a_small_side_hides_the_share_and_a_small_unsure_group_hides_the_total() {
    let e = evidence(Counts { yes: 3, no: 40, unsure: 2 }, Supports::No);
    assert_eq!((e.decided, e.answered, e.share_for), (Some(43), None, None));
    let e = evidence(Counts { yes: 10, no: 30, unsure: 6 }, Supports::No);
    assert_eq!((e.decided, e.answered), (Some(40), Some(46)));
    assert!((e.share_for.unwrap() - 0.75).abs() < 1e-9);
    let (lo, hi) = e.interval.unwrap();
    assert!(lo > 0.59 && lo < 0.61 && hi > 0.85 && hi < 0.87, "{lo} {hi}");
    assert_eq!(leaning(&e), Some(Verdict::Holds));
}

#[test]
fn leaning_follows_the_interval() {
    let against = evidence(Counts { yes: 40, no: 10, unsure: 0 }, Supports::No);
    assert_eq!(leaning(&against), Some(Verdict::DoesNotHold));
    let even = evidence(Counts { yes: 10, no: 11, unsure: 0 }, Supports::Yes);
    assert_eq!(leaning(&even), Some(Verdict::Unclear));
    assert_eq!(leaning(&Evidence::default()), None);
}

proptest! {
    /// Whatever the counts, every count that can be read or worked out from
    /// what is shown is 0 or at least K.
    #[test]
    fn nothing_shown_reveals_a_small_group(yes in 0_i64..30, no in 0_i64..30, unsure in 0_i64..30, supports_yes: bool) {
        let supports = if supports_yes { Supports::Yes } else { Supports::No };
        let e = evidence(Counts { yes, no, unsure }, supports);
        let ok = |n: i64| n == 0 || n >= K;
        if let Some(d) = e.decided { prop_assert!(ok(d)); }
        if let Some(a) = e.answered {
            prop_assert!(ok(a));
            if let Some(d) = e.decided { prop_assert!(ok(a - d)); }
        }
        if let (Some(share), Some(d)) = (e.share_for, e.decided) {
            let hits = (share * d as f64).round() as i64;
            prop_assert!(ok(hits) && ok(d - hits));
        }
    }
}
