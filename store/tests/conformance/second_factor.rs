//! `SecondFactorStore`: the TOTP app, recovery codes and sign-in challenges.

use crate::common::*;
use domain::policy::CHALLENGE_SECS;
use domain::staff::Role;

crate::both_engines!(
    an_app_is_pending_until_confirmed_and_then_kept,
    a_step_and_a_recovery_code_are_accepted_once,
    removing_the_app_ends_the_account_s_sessions_and_challenges,
    a_challenge_lives_ten_minutes_and_not_for_a_disabled_account,
    staff_in_says_who_has_an_app,
    a_new_password_ends_waiting_sign_ins_and_an_unconfirmed_app,
);

async fn an_app_is_pending_until_confirmed_and_then_kept(db: TestDb) {
    let s = &db.store;
    let id = s.ensure_staff("a@x.dk", NOW).await.unwrap();
    assert_eq!(s.totp(id).await.unwrap(), None);
    assert_eq!(s.begin_totp(id, "FIRST", NOW).await.unwrap().as_deref(), Some("FIRST"));
    assert_eq!(s.begin_totp(id, "SECOND", NOW).await.unwrap().as_deref(), Some("FIRST"), "a reload keeps the pending secret");
    let later = NOW + CHALLENGE_SECS;
    assert_eq!(s.begin_totp(id, "FRESH", later).await.unwrap().as_deref(), Some("FRESH"), "an old pending secret is replaced");
    let pending = s.totp(id).await.unwrap().unwrap();
    assert!(!pending.confirmed);
    assert!(!s.replace_recovery_codes(id, &["x".into()]).await.unwrap(), "no codes for a pending app");
    assert!(!s.use_totp_step(id, 5).await.unwrap(), "a pending app signs nobody in");

    assert!(s.confirm_totp(id, 100, &["h1".into(), "h2".into()], NOW).await.unwrap());
    assert!(!s.confirm_totp(id, 101, &["h3".into()], NOW).await.unwrap(), "confirmed once");
    let f = s.totp(id).await.unwrap().unwrap();
    assert_eq!((f.secret.as_str(), f.last_step, f.confirmed), ("FRESH", 100, true));
    assert_eq!(s.begin_totp(id, "THIRD", later + CHALLENGE_SECS).await.unwrap(), None, "no second app over a confirmed one, however old");
    assert_eq!(s.recovery_codes_left(id).await.unwrap(), 2);
    assert!(s.replace_recovery_codes(id, &["n1".into(), "n2".into(), "n3".into()]).await.unwrap());
    assert_eq!(s.recovery_codes_left(id).await.unwrap(), 3);
    assert!(!s.use_recovery_code(id, "h1", NOW).await.unwrap(), "the old codes are gone");
}

async fn a_step_and_a_recovery_code_are_accepted_once(db: TestDb) {
    let s = &db.store;
    let id = s.ensure_staff("a@x.dk", NOW).await.unwrap();
    let other = s.ensure_staff("b@x.dk", NOW).await.unwrap();
    s.begin_totp(id, "S", NOW).await.unwrap();
    s.confirm_totp(id, 10, &["code".into()], NOW).await.unwrap();
    assert!(!s.use_totp_step(id, 10).await.unwrap(), "the confirming step is spent");
    assert!(s.use_totp_step(id, 11).await.unwrap());
    assert!(!s.use_totp_step(id, 11).await.unwrap(), "a step once");
    assert!(!s.use_totp_step(id, 9).await.unwrap(), "nor an older one");
    assert!(s.use_totp_step(id, 13).await.unwrap());
    assert!(!s.use_recovery_code(other, "code", NOW).await.unwrap(), "another account's code");
    assert!(s.use_recovery_code(id, "code", NOW).await.unwrap());
    assert!(!s.use_recovery_code(id, "code", NOW).await.unwrap(), "a recovery code once");
    assert_eq!(s.recovery_codes_left(id).await.unwrap(), 0);
    // Two requests with the same code at once: one wins.
    let (a, b) = tokio::join!(s.use_totp_step(id, 20), s.use_totp_step(id, 20));
    assert!(a.unwrap() ^ b.unwrap());
}

async fn removing_the_app_ends_the_account_s_sessions_and_challenges(db: TestDb) {
    let s = &db.store;
    let id = s.ensure_staff("a@x.dk", NOW).await.unwrap();
    let other = s.ensure_staff("b@x.dk", NOW).await.unwrap();
    s.begin_totp(id, "S", NOW).await.unwrap();
    s.confirm_totp(id, 1, &["c".into()], NOW).await.unwrap();
    s.create_session("sess", id, NOW).await.unwrap();
    s.create_session("other", other, NOW).await.unwrap();
    s.create_challenge("chal", id, NOW).await.unwrap();
    assert!(s.remove_second_factor(id).await.unwrap());
    assert!(!s.remove_second_factor(id).await.unwrap(), "nothing left to remove");
    assert_eq!(s.totp(id).await.unwrap(), None);
    assert_eq!(s.recovery_codes_left(id).await.unwrap(), 0);
    assert!(s.session_staff("sess", NOW + 1).await.unwrap().is_none());
    assert!(s.challenge("chal", NOW - 1).await.unwrap().is_none());
    assert!(s.session_staff("other", NOW + 1).await.unwrap().is_some(), "only that account's");
    assert_eq!(s.begin_totp(id, "NEW", NOW).await.unwrap().as_deref(), Some("NEW"), "a new app can be set up");
}

async fn a_challenge_lives_ten_minutes_and_not_for_a_disabled_account(db: TestDb) {
    let s = &db.store;
    let id = s.ensure_staff("a@x.dk", NOW).await.unwrap();
    s.create_challenge("chal", id, NOW).await.unwrap();
    let c = s.challenge("chal", NOW - CHALLENGE_SECS).await.unwrap().unwrap();
    assert_eq!((c.staff_id, c.email.as_str()), (id, "a@x.dk"));
    assert!(s.challenge("chal", NOW).await.unwrap().is_none(), "made at or before `since`: dead");
    assert!(s.challenge("unknown", 0).await.unwrap().is_none());
    s.end_challenge("chal").await.unwrap();
    assert!(s.challenge("chal", 0).await.unwrap().is_none());
    s.create_challenge("again", id, NOW).await.unwrap();
    s.set_disabled(id, true).await.unwrap();
    assert!(s.challenge("again", 0).await.unwrap().is_none(), "disabling ends challenges too");
    // Housekeeping removes old ones.
    s.set_disabled(id, false).await.unwrap();
    s.create_challenge("old", id, NOW).await.unwrap();
    s.housekeeping(NOW + CHALLENGE_SECS).await.unwrap();
    assert!(s.challenge("old", 0).await.unwrap().is_none());
}

async fn staff_in_says_who_has_an_app(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "a").await;
    let (with, pending, without) = (
        s.ensure_staff("a@x.dk", NOW).await.unwrap(),
        s.ensure_staff("b@x.dk", NOW).await.unwrap(),
        s.ensure_staff("c@x.dk", NOW).await.unwrap(),
    );
    for id in [with, pending, without] {
        s.grant_role(id, Some(m.id), Role::Moderator).await.unwrap();
    }
    s.begin_totp(with, "S", NOW).await.unwrap();
    s.confirm_totp(with, 1, &[], NOW).await.unwrap();
    s.begin_totp(pending, "S", NOW).await.unwrap();
    let people = s.staff_in(m.id).await.unwrap();
    let has: Vec<(&str, bool)> = people.iter().map(|p| (p.email.as_str(), p.has_second_factor)).collect();
    assert_eq!(has, [("a@x.dk", true), ("b@x.dk", false), ("c@x.dk", false)]);
}

async fn a_new_password_ends_waiting_sign_ins_and_an_unconfirmed_app(db: TestDb) {
    let s = &db.store;
    let (a, b) = (s.ensure_staff("a@x.dk", NOW).await.unwrap(), s.ensure_staff("b@x.dk", NOW).await.unwrap());
    s.begin_totp(a, "PENDING", NOW).await.unwrap();
    s.begin_totp(b, "KEPT", NOW).await.unwrap();
    s.confirm_totp(b, 1, &[], NOW).await.unwrap();
    for (id, chal) in [(a, "ca"), (b, "cb")] {
        s.create_challenge(chal, id, NOW).await.unwrap();
        s.create_password_link(id, &format!("link-{id}"), NOW + 60).await.unwrap();
        assert_eq!(s.use_password_link(&format!("link-{id}"), "phc", NOW).await.unwrap(), Some(id));
    }
    assert_eq!(s.totp(a).await.unwrap(), None, "an app never confirmed goes with the old password");
    assert!(s.totp(b).await.unwrap().unwrap().confirmed, "a confirmed app stays");
    assert!(s.challenge("ca", 0).await.unwrap().is_none() && s.challenge("cb", 0).await.unwrap().is_none());
}
