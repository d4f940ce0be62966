use super::*;
use crate::question::QuestionOption;

fn questions() -> Vec<Question> {
    let opt = |k: &str| QuestionOption { key: k.into(), da: k.into(), en: k.into() };
    vec![
        Question {
            key: "listened".into(),
            criterion: 6,
            text_da: "a".into(),
            text_en: "a".into(),
            kind: QuestionKind::Scale,
            min: Some(1),
            max: Some(5),
            options: vec![],
        },
        Question {
            key: "contact".into(),
            criterion: 5,
            text_da: "b".into(),
            text_en: "b".into(),
            kind: QuestionKind::Choice,
            min: None,
            max: None,
            options: vec![opt("yes"), opt("no")],
        },
    ]
}

#[test]
fn one_assumption_answer_rides_along_but_is_not_a_rating_alone() {
    let mut qs = questions();
    for id in [1, 2] {
        let mut q = qs[1].clone();
        q.key = format!("antagelse-{id}");
        q.options = vec![QuestionOption { key: "ja".into(), da: "Ja".into(), en: "Yes".into() }];
        qs.push(q);
    }
    let services = vec!["fgu".to_string()];
    let rules = RatingRules { questions: &qs, services: &services, service: "fgu" };
    let alone = RatingDraft::from_form(&pairs(&[("answers.antagelse-1", "ja")]));
    assert_eq!(alone.validate(&rules).unwrap_err().get("answers"), Some(&FieldError::NoAnswers));
    let two = RatingDraft::from_form(&pairs(&[("answers.listened", "4"), ("answers.antagelse-1", "ja"), ("answers.antagelse-2", "ja")]));
    assert_eq!(two.validate(&rules).unwrap_err().get("answers.antagelse-2"), Some(&FieldError::OneExtraQuestion));
    let one = RatingDraft::from_form(&pairs(&[("answers.listened", "4"), ("answers.antagelse-2", "ja")]));
    assert_eq!(one.validate(&rules).unwrap().answers.len(), 2);
}

fn check(draft: &RatingDraft) -> Result<ValidRating, FieldErrors> {
    let qs = questions();
    let services = vec!["uu".to_string(), "fgu".to_string()];
    draft.validate(&RatingRules { questions: &qs, services: &services, service: "fgu" })
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn a_full_form_is_valid() {
    let d = RatingDraft::from_form(&pairs(&[
        ("answers.listened", "4"),
        ("answers.contact", "yes"),
        ("comment", "  Godt sted  "),
        ("age_band", "15-17"),
        ("came_from", "uu"),
        ("channel", "qr"),
    ]));
    let r = check(&d).unwrap();
    assert_eq!(r.answers, vec![("listened".into(), Answer::Scale(4)), ("contact".into(), Answer::Choice("yes".into()))]);
    assert_eq!(r.comment.as_deref(), Some("Godt sted"));
    assert_eq!(r.channel, "qr");
}

#[test]
fn empty_fields_are_unanswered_and_one_answer_is_needed() {
    let d = RatingDraft::from_form(&pairs(&[("answers.listened", ""), ("comment", "   ")]));
    let e = check(&d).unwrap_err();
    assert_eq!(e.get("answers"), Some(&FieldError::NoAnswers));
    assert_eq!(e.len(), 1);
}

#[test]
fn every_bad_field_is_named() {
    let d = RatingDraft {
        answers: vec![
            ("listened".into(), AnswerValue::Int(9)),
            ("contact".into(), AnswerValue::Text("maybe".into())),
            ("nope".into(), AnswerValue::Int(1)),
        ],
        comment: Some("x".repeat(501)),
        age_band: Some("40".into()),
        came_from: Some("fgu".into()),
        channel: Some("fax".into()),
    };
    let e = check(&d).unwrap_err();
    assert_eq!(e["answers.listened"], FieldError::OutOfRange { min: 1, max: 5 });
    assert_eq!(e["answers.contact"], FieldError::NotAnOption);
    assert_eq!(e["answers.nope"], FieldError::UnknownQuestion);
    assert_eq!(e["comment"], FieldError::TooLong { max: 500 });
    assert_eq!(e["age_band"], FieldError::UnknownAgeBand);
    assert_eq!(e["came_from"], FieldError::SameService);
    assert_eq!(e["channel"], FieldError::UnknownChannel);
}

#[test]
fn comment_limit_counts_characters_not_bytes() {
    let d = RatingDraft { answers: vec![("listened".into(), AnswerValue::Int(3))], comment: Some("æ".repeat(500)), ..Default::default() };
    assert!(check(&d).is_ok());
}

#[test]
fn wrong_types_are_refused() {
    let d = RatingDraft {
        answers: vec![("listened".into(), AnswerValue::Text("4x".into())), ("contact".into(), AnswerValue::Int(1))],
        ..Default::default()
    };
    let e = check(&d).unwrap_err();
    assert!(e.contains_key("answers.listened") && e.contains_key("answers.contact"));
    let d =
        RatingDraft { answers: vec![("listened".into(), AnswerValue::Invalid)], came_from: Some("nowhere".into()), ..Default::default() };
    let e = check(&d).unwrap_err();
    assert_eq!(e["came_from"], FieldError::UnknownService);
}

#[test]
fn messages_exist_in_both_languages() {
    let e = FieldError::TooLong { max: 500 };
    assert!(e.message(Locale::Da).contains("500"));
    assert!(e.message(Locale::En).contains("500"));
}
