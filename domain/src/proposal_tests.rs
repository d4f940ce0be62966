use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn rules() -> (Vec<i64>, Vec<String>) {
    (vec![1, 2], vec!["ungdomsskolen".to_string()])
}

fn parse(list: &[(&str, &str)]) -> Result<ProposalInput, FieldErrors> {
    let (principles, services) = rules();
    ProposalInput::from_form(&pairs(list), &ProposalRules { principles: &principles, services: &services })
}

#[test]
fn a_change_needs_a_known_principle() {
    let e = parse(&[("kind", "change"), ("title", "t"), ("text", "x")]).unwrap_err();
    assert_eq!(e.get("principle_id"), Some(&FieldError::Required));
    let e = parse(&[("kind", "remove"), ("principle_id", "9"), ("title", "t"), ("text", "x")]).unwrap_err();
    assert_eq!(e.get("principle_id"), Some(&FieldError::UnknownPrinciple));
    let ok = parse(&[("kind", "change"), ("principle_id", "2"), ("title", " Kortere ventetid "), ("text", "x")]).unwrap();
    assert_eq!((ok.kind, ok.principle_id, ok.title.as_str()), (ProposalKind::Change, Some(2), "Kortere ventetid"));
}

#[test]
fn every_bad_field_is_named() {
    let long = "a".repeat(TITLE_MAX + 1);
    let e = parse(&[("kind", "wish"), ("title", &long), ("service", "nope")]).unwrap_err();
    assert_eq!(e.get("kind"), Some(&FieldError::NotAnOption));
    assert_eq!(e.get("title"), Some(&FieldError::TooLong { max: TITLE_MAX }));
    assert_eq!(e.get("text"), Some(&FieldError::Required));
    assert_eq!(e.get("service"), Some(&FieldError::UnknownService));
    let e = parse(&[("title", "t"), ("text", &"é".repeat(TEXT_MAX + 1))]).unwrap_err();
    assert_eq!(e.get("kind"), Some(&FieldError::Required));
    assert_eq!(e.get("text"), Some(&FieldError::TooLong { max: TEXT_MAX }));
}

#[test]
fn lengths_count_characters_not_bytes() {
    let title = "ø".repeat(TITLE_MAX);
    assert!(parse(&[("kind", "idea"), ("title", &title), ("text", "x"), ("service", "ungdomsskolen")]).is_ok());
}

#[test]
fn a_new_principle_is_not_tied_to_an_old_one() {
    let ok = parse(&[("kind", "add"), ("principle_id", "1"), ("title", "t"), ("text", "x"), ("reason", "  ")]).unwrap();
    assert_eq!((ok.principle_id, ok.reason), (None, None));
}

#[test]
fn answers_are_final_and_need_a_reason() {
    assert!(Status::Received.can_move_to(Status::Considering));
    assert!(Status::Received.can_move_to(Status::NotAdopted));
    assert!(Status::Considering.can_move_to(Status::Adopted));
    assert!(!Status::Considering.can_move_to(Status::Received));
    assert!(!Status::Adopted.can_move_to(Status::NotAdopted));
    let e = StatusChange::parse(Status::Received, Some("adopted"), Some(" ")).unwrap_err();
    assert_eq!(e.get("reason"), Some(&FieldError::Required));
    let e = StatusChange::parse(Status::Adopted, Some("considering"), None).unwrap_err();
    assert_eq!(e.get("status"), Some(&FieldError::NotAllowed));
    let ok = StatusChange::parse(Status::Received, Some("considering"), None).unwrap();
    assert_eq!(ok, StatusChange { status: Status::Considering, reason: None });
}

#[test]
fn rejecting_needs_a_reason() {
    assert_eq!(parse_decision(Some("reject"), None).unwrap_err().get("reason"), Some(&FieldError::Required));
    assert_eq!(parse_decision(Some("approve"), None).unwrap(), (Decision::Approve, None));
    assert_eq!(parse_decision(Some("maybe"), Some("x")).unwrap_err().get("decision"), Some(&FieldError::NotAnOption));
}

fn proposal(id: i64, created_days: i64, answered_days: Option<i64>, status: Status) -> Proposal {
    Proposal {
        id,
        municipality_id: 1,
        kind: ProposalKind::Idea,
        principle_id: None,
        service_id: None,
        title: format!("p{id}"),
        text: String::new(),
        reason: None,
        status,
        moderation: Moderation::Approved,
        moderation_reason: None,
        held_for: String::new(),
        urgent: false,
        created_at: created_days * 86_400,
        answered_at: answered_days.map(|d| d * 86_400),
        answer: None,
        support_for: id,
        support_against: 0,
        comments: 0,
    }
}

#[test]
fn responsiveness_counts_only_public_proposals() {
    let mut hidden = proposal(9, 0, Some(1), Status::Adopted);
    hidden.moderation = Moderation::Rejected;
    let list = vec![
        proposal(1, 0, Some(10), Status::Adopted),
        proposal(2, 0, Some(20), Status::NotAdopted),
        proposal(3, 0, Some(3), Status::Partly),
        proposal(4, 0, None, Status::Considering),
        hidden,
    ];
    let r = Responsiveness::of(&list);
    assert_eq!((r.proposals, r.answered, r.changed), (4, 3, 2));
    assert_eq!(r.median_days, Some(10.0));
    assert_eq!(r.share_answered(), Some(75));
    assert_eq!(r.share_changed(), Some(67));
    assert_eq!(Responsiveness::of(&[]).share_answered(), None);
    let even = Responsiveness::of(&list[..2]);
    assert_eq!(even.median_days, Some(15.0));
}

#[test]
fn in_time_is_known_once_answered_or_once_the_deadline_passed() {
    let fresh = proposal(1, 0, None, Status::Considering);
    assert_eq!(fresh.answered_in_time(30, 10 * 86_400), None, "too early to tell");
    assert_eq!(fresh.answered_in_time(30, 31 * 86_400), Some(false));
    assert_eq!(proposal(2, 0, Some(30), Status::Adopted).answered_in_time(30, 31 * 86_400), Some(true));
    assert_eq!(proposal(3, 0, Some(31), Status::Adopted).answered_in_time(30, 40 * 86_400), Some(false));
    assert_eq!(proposal(4, 0, Some(2), Status::Adopted).answered_in_time(30, 3 * 86_400), Some(true), "answered early counts at once");
}

#[test]
fn overdue_means_unanswered_past_the_deadline() {
    let p = proposal(1, 0, None, Status::Considering);
    assert!(p.is_overdue(30, 31 * 86_400));
    assert!(!p.is_overdue(30, 29 * 86_400));
    assert!(!proposal(2, 0, Some(40), Status::Adopted).is_overdue(30, 41 * 86_400));
}

#[test]
fn sorting() {
    let mut list =
        vec![proposal(1, 5, Some(9), Status::Adopted), proposal(2, 1, None, Status::Received), proposal(3, 3, Some(6), Status::Partly)];
    for (p, support) in list.iter_mut().zip([5, 6, 7]) {
        p.support_for = support;
    }
    Sort::MostSupported.apply(&mut list);
    assert_eq!(list.iter().map(|p| p.id).collect::<Vec<_>>(), [3, 2, 1]);
    // Under 5 is "under 5" whatever the exact count: the order cannot tell them apart.
    for (p, support) in list.iter_mut().zip([4, 1, 0]) {
        p.support_for = support;
    }
    Sort::MostSupported.apply(&mut list);
    assert_eq!(list.iter().map(|p| p.id).collect::<Vec<_>>(), [1, 3, 2], "newest first among the under-5s");
    Sort::Newest.apply(&mut list);
    assert_eq!(list.iter().map(|p| p.id).collect::<Vec<_>>(), [1, 3, 2]);
    Sort::RecentlyAnswered.apply(&mut list);
    assert_eq!(list.iter().map(|p| p.id).collect::<Vec<_>>(), [1, 3, 2]);
    assert_eq!(Sort::parse("stoette"), Sort::MostSupported);
    assert_eq!(Sort::parse("<script>"), Sort::Newest);
}

#[test]
fn codes_round_trip() {
    for s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()), Some(*s));
    }
    for k in ProposalKind::ALL {
        assert_eq!(ProposalKind::parse(k.as_str()), Some(*k));
    }
    assert_eq!(serde_json::to_string(&Status::Partly).unwrap(), "\"partly_adopted\"");
}

#[test]
fn adopting_a_change_needs_the_new_text() {
    let mut p = proposal(1, 0, None, Status::Considering);
    p.kind = ProposalKind::Change;
    p.principle_id = Some(7);
    let e = PrincipleEffect::of_answer(&p, Status::Adopted, &[]).unwrap_err();
    assert_eq!(e.get("text_da"), Some(&FieldError::Required));
    assert_eq!(PrincipleEffect::of_answer(&p, Status::Partly, &[]).unwrap(), None);
    assert_eq!(PrincipleEffect::of_answer(&p, Status::NotAdopted, &[]).unwrap(), None);
    let texts = pairs(&[("title_da", "Ny"), ("text_da", "Tekst"), ("title_en", "New"), ("text_en", "Text")]);
    match PrincipleEffect::of_answer(&p, Status::Partly, &texts).unwrap() {
        Some(PrincipleEffect::Revise { principle_id: 7, input }) => assert_eq!(input.title_da, "Ny"),
        other => panic!("{other:?}"),
    }
    p.kind = ProposalKind::Remove;
    assert_eq!(PrincipleEffect::of_answer(&p, Status::Adopted, &[]).unwrap(), Some(PrincipleEffect::Deactivate { principle_id: 7 }));
    p.kind = ProposalKind::Idea;
    assert_eq!(PrincipleEffect::of_answer(&p, Status::Adopted, &texts).unwrap(), None);
}

#[test]
fn a_partial_adoption_from_the_form_changes_the_text_only_when_ticked() {
    let mut p = proposal(1, 0, None, Status::Considering);
    p.kind = ProposalKind::Add;
    let mut form = pairs(&[("form", "answer"), ("title_da", "Ny"), ("text_da", "Tekst")]);
    assert_eq!(PrincipleEffect::of_answer(&p, Status::Partly, &form).unwrap(), None);
    assert!(matches!(PrincipleEffect::of_answer(&p, Status::Adopted, &form).unwrap(), Some(PrincipleEffect::Add(_))));
    form.push(("apply_text".into(), "on".into()));
    assert!(matches!(PrincipleEffect::of_answer(&p, Status::Partly, &form).unwrap(), Some(PrincipleEffect::Add(_))));
}
