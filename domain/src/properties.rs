//! Property tests for the two doors every young person's input passes
//! through: masking free text and parsing forms. Each property is checked
//! on a few hundred generated inputs per run (proptest), on top of the
//! hand-picked corpus beside each module.

use super::demo::default_questions;
use super::masking::{mask, CPR_MASK, EMAIL_MASK, PHONE_MASK};
use super::question::QuestionKind;
use super::rating::{RatingDraft, RatingRules};
use super::workshop::response::ResponseInput;
use super::workshop::{Activity, ActivityDraft, Plan, PlanRules};
use proptest::prelude::*;

/// Words around the personal data: letters, spaces and punctuation, no digits.
fn words() -> impl Strategy<Value = String> {
    "[a-zæøåA-ZÆØÅ ,!?]{0,24}"
}

fn cpr() -> impl Strategy<Value = String> {
    (1u32..=28, 1u32..=12, 0u32..=99, 0u32..=9999, prop::sample::select(vec!["", "-", " ", " - ", "–"]))
        .prop_map(|(d, m, y, s, sep)| format!("{d:02}{m:02}{y:02}{sep}{s:04}"))
}

/// Danish numbers as people type them: together, in pairs, 4+4, with +45.
fn phone() -> impl Strategy<Value = String> {
    (2u32..=9, 0u32..=9_999_999, 0usize..5).prop_map(|(first, rest, style)| {
        let d = format!("{first}{rest:07}");
        match style {
            0 => d,
            1 => format!("{} {} {} {}", &d[0..2], &d[2..4], &d[4..6], &d[6..8]),
            2 => format!("{} {}", &d[0..4], &d[4..8]),
            3 => format!("+45 {d}"),
            _ => format!("{}-{}-{}-{}", &d[0..2], &d[2..4], &d[4..6], &d[6..8]),
        }
    })
}

fn email() -> impl Strategy<Value = String> {
    ("[a-z][a-z0-9._]{0,10}", "[a-z]{1,10}", prop::sample::select(vec!["dk", "com", "org", "net"]))
        .prop_map(|(l, d, t)| format!("{l}@{d}.{t}"))
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_cpr_number_never_survives(before in words(), number in cpr(), after in words()) {
        let m = mask(&format!("{before} {number} {after}"));
        prop_assert!(m.masked);
        prop_assert!(m.text.contains(CPR_MASK), "{}", m.text);
        prop_assert!(!digits(&m.text).contains(&digits(&number)));
    }

    #[test]
    fn a_phone_number_never_survives(before in words(), number in phone(), after in words()) {
        let m = mask(&format!("{before} {number} {after}"));
        prop_assert!(m.masked);
        prop_assert!(m.text.contains(PHONE_MASK), "{}", m.text);
        prop_assert!(digits(&m.text).is_empty(), "{}", m.text);
    }

    #[test]
    fn an_email_address_never_survives(before in words(), address in email(), after in words()) {
        let m = mask(&format!("{before} {address} {after}"));
        prop_assert!(m.masked);
        prop_assert!(m.text.contains(EMAIL_MASK), "{}", m.text);
        prop_assert!(!m.text.contains('@'), "{}", m.text);
    }

    #[test]
    fn plain_words_are_never_touched(text in "[a-zæøåA-ZÆØÅ ,!?'\n-]{0,200}") {
        let m = mask(&text);
        prop_assert!(!m.masked);
        prop_assert_eq!(m.text, text);
    }

    /// Masking twice changes nothing more, and never panics, on any text,
    /// including text dense with digits, separators and "@".
    #[test]
    fn masking_is_stable(text in prop_oneof![any::<String>(), "[0-9a-z @.:/+()\\-–\u{a0}]{0,60}"]) {
        let once = mask(&text).text;
        prop_assert_eq!(mask(&once).text, once);
    }

    /// Any form a browser (or a script) can send is read without panicking,
    /// and every complaint names a field the form has.
    #[test]
    fn any_rating_form_gets_field_errors_or_a_rating(
        pairs in prop::collection::vec((
            prop_oneof![
                Just("answers.listened".to_string()), Just("answers.contact_person".to_string()), Just("comment".to_string()),
                Just("age_band".to_string()), Just("came_from".to_string()), Just("channel".to_string()), "answers\\.[a-z_]{0,12}", ".{0,12}",
            ],
            prop_oneof!["-?[0-9]{1,20}", ".{0,40}"],
        ), 0..12)
    ) {
        let questions = default_questions();
        let services = vec!["fgu".to_string(), "jobcenter".to_string()];
        let rules = RatingRules { questions: &questions, services: &services, service: "fgu" };
        if let Err(errors) = RatingDraft::from_form(&pairs).validate(&rules) {
            for field in errors.keys() {
                let known = ["answers", "comment", "age_band", "came_from", "channel"].contains(&field.as_str())
                    || field.strip_prefix("answers.").is_some_and(|k| pairs.iter().any(|(n, _)| n == &format!("answers.{k}")));
                prop_assert!(known, "error on a field the form does not have: {field}");
            }
        }
    }

    /// Every answer the rating page offers is accepted as it is sent.
    #[test]
    fn every_offered_answer_is_accepted(picks in prop::collection::vec(0usize..100, 8)) {
        let questions = default_questions();
        let pairs: Vec<(String, String)> = questions.iter().zip(&picks).map(|(q, pick)| {
            let value = match q.kind {
                QuestionKind::Scale => (q.min.unwrap_or(1) + (*pick as i64) % (q.max.unwrap_or(5) - q.min.unwrap_or(1) + 1)).to_string(),
                QuestionKind::Choice => q.options[pick % q.options.len()].key.clone(),
            };
            (format!("answers.{}", q.key), value)
        }).collect();
        let services = vec!["fgu".to_string()];
        let rules = RatingRules { questions: &questions, services: &services, service: "fgu" };
        let valid = RatingDraft::from_form(&pairs).validate(&rules);
        prop_assert!(valid.is_ok(), "{:?}", valid);
        prop_assert_eq!(valid.map(|v| v.answers.len()).unwrap_or(0), pairs.len());
    }

    /// Workshop plans and answers from any form: errors, never a panic.
    #[test]
    fn any_workshop_form_is_read_safely(
        title in proptest::option::of(".{0,150}"),
        kinds in prop::collection::vec(prop_oneof![Just("poll"), Just("dots"), Just("ideas"), Just("statements"), Just("rate"), Just("x"), Just("")], 0..24),
        lines in prop::collection::vec(".{0,30}", 0..50),
        dots in proptest::option::of(0u32..100),
        answer in prop::collection::vec((prop_oneof![Just("option".to_string()), "dots\\.[0-9]{1,2}", "vote\\.[0-9]{1,2}", Just("idea".to_string())], ".{0,30}"), 0..10),
    ) {
        let drafts: Vec<ActivityDraft> = kinds.iter().map(|k| ActivityDraft {
            kind: k.to_string(), title: String::new(), lines: lines.clone(), dots, source: None,
        }).collect();
        let services = vec![("fgu".to_string(), "FGU".to_string())];
        let rules = PlanRules { services: &services, proposals: &[], principles: &[] };
        if let Ok(plan) = Plan::validate(title.as_deref(), &drafts, &rules) {
            prop_assert!(!plan.activities.is_empty());
            for activity in &plan.activities {
                let read = ResponseInput::from_form(activity, &answer);
                if let (Activity::Rate { .. }, Ok(_)) = (activity, &read) {
                    prop_assert!(false, "a rate activity takes no workshop answer");
                }
            }
        }
    }
}
