//! `SsoStore`: sign-ins waiting for the identity provider, and the accounts
//! providers vouch for.

use crate::common::*;
use domain::policy::CHALLENGE_SECS;
use domain::staff::Role;
use store::sso::{RoleChange, SsoAccount, SsoAttempt};

crate::both_engines!(
    an_attempt_is_taken_once_and_not_when_old,
    an_identity_gets_one_account_which_follows_its_e_mail,
    a_local_account_of_the_municipality_is_taken_over_and_loses_its_password,
    an_account_without_a_role_here_or_with_one_elsewhere_or_linked_is_not_taken_over,
    roles_in_the_municipality_become_exactly_the_mapped_ones,
    housekeeping_forgets_old_attempts,
    many_first_sign_ins_at_once_all_get_their_account,
);

const ISSUER: &str = "https://idp.example.dk";

fn attempt(mid: i64) -> SsoAttempt {
    SsoAttempt { municipality_id: mid, verifier: "v".repeat(43), nonce: "n".repeat(22), next: "/admin/demo".into() }
}

fn found_id(a: SsoAccount) -> i64 {
    match a {
        SsoAccount::Found { id, .. } => id,
        other => panic!("expected an account, got {other:?}"),
    }
}

async fn an_attempt_is_taken_once_and_not_when_old(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "demo").await;
    s.begin_sso("fresh", &attempt(m.id), NOW).await.unwrap();
    s.begin_sso("old", &attempt(m.id), NOW - CHALLENGE_SECS).await.unwrap();
    let since = NOW - CHALLENGE_SECS;
    assert_eq!(s.take_sso("fresh", since).await.unwrap(), Some(attempt(m.id)));
    assert_eq!(s.take_sso("fresh", since).await.unwrap(), None, "a replayed answer finds nothing");
    assert_eq!(s.take_sso("old", since).await.unwrap(), None, "too old");
    assert_eq!(s.take_sso("unknown", since).await.unwrap(), None);
}

async fn an_identity_gets_one_account_which_follows_its_e_mail(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "demo").await;
    assert_eq!(
        s.sso_account(m.id, ISSUER, "sub-1", "anna@kommune.dk", false, NOW).await.unwrap(),
        SsoAccount::NotLinked,
        "nothing made without link"
    );
    let id = found_id(s.sso_account(m.id, ISSUER, "sub-1", "anna@kommune.dk", true, NOW).await.unwrap());
    assert_eq!(
        found_id(s.sso_account(m.id, ISSUER, "sub-1", "anna@kommune.dk", false, NOW).await.unwrap()),
        id,
        "a linked account is found"
    );
    let acc = s.staff_by_email("anna@kommune.dk").await.unwrap().unwrap();
    assert_eq!((acc.id, acc.password_hash), (id, None), "no password here");
    assert_eq!(
        s.sso_account(m.id, ISSUER, "sub-1", "anna.b@kommune.dk", true, NOW).await.unwrap(),
        SsoAccount::Found { id, email: "anna.b@kommune.dk".into(), disabled: false },
        "the same subject, a new e-mail"
    );
    // Another issuer's subject with the same name is someone else.
    let other = found_id(s.sso_account(m.id, "https://other.example", "sub-1", "x@kommune.dk", true, NOW).await.unwrap());
    assert_ne!(other, id);
    // An e-mail another account holds is not taken: the old one stays.
    s.ensure_staff("taken@kommune.dk", NOW).await.unwrap();
    assert_eq!(
        s.sso_account(m.id, ISSUER, "sub-1", "taken@kommune.dk", true, NOW).await.unwrap(),
        SsoAccount::Found { id, email: "anna.b@kommune.dk".into(), disabled: false }
    );
    s.set_disabled(id, true).await.unwrap();
    assert!(matches!(
        s.sso_account(m.id, ISSUER, "sub-1", "anna.b@kommune.dk", true, NOW).await.unwrap(),
        SsoAccount::Found { disabled: true, .. }
    ));
}

async fn a_local_account_of_the_municipality_is_taken_over_and_loses_its_password(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "demo").await;
    let id = s.ensure_staff("bo@kommune.dk", NOW).await.unwrap();
    s.grant_role(id, Some(m.id), Role::Manager).await.unwrap();
    s.create_password_link(id, "link", NOW + 60).await.unwrap();
    assert!(s.use_password_link("link", "$argon2id$old", NOW).await.unwrap().is_some());
    s.create_session("session", id, NOW).await.unwrap();
    s.begin_totp(id, "SECRET", NOW).await.unwrap();
    assert!(s.confirm_totp(id, 1, &["code".into()], NOW).await.unwrap());
    s.issue_password_link(id, "later-link", NOW + 600, Some(m.id)).await.unwrap();

    assert_eq!(found_id(s.sso_account(m.id, ISSUER, "sub-bo", "bo@kommune.dk", true, NOW).await.unwrap()), id);
    assert_eq!(s.staff_by_email("bo@kommune.dk").await.unwrap().unwrap().password_hash, None);
    assert_eq!(s.session_staff("session", NOW).await.unwrap(), None, "the password's sessions end");
    assert_eq!(s.totp(id).await.unwrap(), None, "the provider's own second factor replaces the app");
    assert_eq!(s.password_link_email("later-link", NOW).await.unwrap(), None, "no password can be set again");
    s.issue_password_link(id, "new-link", NOW + 600, None).await.unwrap();
    assert_eq!(s.password_link_email("new-link", NOW).await.unwrap(), None, "not even by the server");
    assert_eq!(s.use_password_link("new-link", "$argon2id$new", NOW).await.unwrap(), None);
    assert_eq!(s.grants(id).await.unwrap().len(), 1, "roles stay until the sign-in maps them");
}

async fn an_account_without_a_role_here_or_with_one_elsewhere_or_linked_is_not_taken_over(db: TestDb) {
    let s = &db.store;
    let (m, other) = (municipality(s, "demo").await, municipality(s, "odense").await);
    let both = s.ensure_staff("both@kommune.dk", NOW).await.unwrap();
    s.grant_role(both, Some(m.id), Role::Manager).await.unwrap();
    s.grant_role(both, Some(other.id), Role::Manager).await.unwrap();
    let operator = s.ensure_staff("drift@stemme.dk", NOW).await.unwrap();
    s.grant_role(operator, None, Role::Operator).await.unwrap();
    s.ensure_staff("nobody@kommune.dk", NOW).await.unwrap();
    let elsewhere = s.ensure_staff("elsewhere@kommune.dk", NOW).await.unwrap();
    s.grant_role(elsewhere, Some(other.id), Role::Manager).await.unwrap();
    for email in ["both@kommune.dk", "drift@stemme.dk", "nobody@kommune.dk", "elsewhere@kommune.dk"] {
        assert_eq!(s.sso_account(m.id, ISSUER, email, email, true, NOW).await.unwrap(), SsoAccount::EmailTaken, "{email}");
    }
    found_id(s.sso_account(other.id, "https://odense.idp", "o-1", "linked@kommune.dk", true, NOW).await.unwrap());
    assert_eq!(s.sso_account(m.id, ISSUER, "d-1", "linked@kommune.dk", true, NOW).await.unwrap(), SsoAccount::EmailTaken);
}

async fn roles_in_the_municipality_become_exactly_the_mapped_ones(db: TestDb) {
    let s = &db.store;
    let (m, other) = (municipality(s, "demo").await, municipality(s, "odense").await);
    let id = found_id(s.sso_account(m.id, ISSUER, "sub", "c@kommune.dk", true, NOW).await.unwrap());
    s.grant_role(id, Some(other.id), Role::Facilitator).await.unwrap();
    let change = s.set_roles_in(id, m.id, &[Role::Admin, Role::Moderator]).await.unwrap();
    assert_eq!(change, RoleChange { added: vec![Role::Admin, Role::Moderator], removed: vec![] });
    let change = s.set_roles_in(id, m.id, &[Role::Moderator]).await.unwrap();
    assert_eq!(change, RoleChange { added: vec![], removed: vec![Role::Admin] });
    assert_eq!(s.set_roles_in(id, m.id, &[Role::Moderator]).await.unwrap(), RoleChange::default());
    assert_eq!(s.set_roles_in(id, m.id, &[]).await.unwrap().removed, vec![Role::Moderator]);
    let grants = s.grants(id).await.unwrap();
    assert_eq!(grants.len(), 1, "the other municipality's role is not this provider's to take: {grants:?}");
    assert_eq!(grants[0].municipality.as_deref(), Some("odense"));
}

async fn housekeeping_forgets_old_attempts(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "demo").await;
    s.begin_sso("old", &attempt(m.id), NOW - CHALLENGE_SECS).await.unwrap();
    s.begin_sso("fresh", &attempt(m.id), NOW).await.unwrap();
    s.housekeeping(NOW).await.unwrap();
    // Taken with no age limit: only what housekeeping left is there.
    assert_eq!(s.take_sso("old", 0).await.unwrap(), None);
    assert!(s.take_sso("fresh", 0).await.unwrap().is_some());
}

async fn many_first_sign_ins_at_once_all_get_their_account(db: TestDb) {
    let m = municipality(&db.store, "demo").await;
    // Each reads, then writes: on SQLite they must queue for the write
    // lock, not fail because another committed in between.
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let s = db.store.clone();
            tokio::spawn(async move {
                let id = found_id(s.sso_account(m.id, ISSUER, &format!("sub-{i}"), &format!("p{i}@kommune.dk"), true, NOW).await?);
                s.set_roles_in(id, m.id, &[Role::Manager]).await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().expect("every sign-in gets through");
    }
    assert_eq!(db.store.staff_in(m.id).await.unwrap().len(), 24);
}
