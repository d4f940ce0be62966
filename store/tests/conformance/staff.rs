//! `StaffStore`: accounts, roles, sessions, set-password links, sign-in
//! failures, API tokens, the audit log, retention and housekeeping.

use crate::common::*;
use domain::policy::{SESSION_ABSOLUTE_SECS, SESSION_IDLE_SECS};
use domain::staff::{AuditEntry, Grant, Role};
use store::StoreError;

crate::both_engines!(
    an_account_is_created_once_and_found_by_email,
    a_role_is_granted_once_and_revoked_once,
    grants_list_the_operator_role_first_on_both_engines,
    staff_in_lists_only_the_municipality_s_people_by_email,
    a_session_lives_while_used_and_dies_idle_or_old,
    a_session_for_an_unknown_account_is_refused_and_an_id_is_used_once,
    disabling_an_account_ends_its_sessions_at_once,
    a_password_link_works_once_while_alive,
    a_municipality_s_link_is_outgrown_when_the_account_works_elsewhere,
    sign_in_failures_are_counted_per_key_since_a_moment,
    api_tokens_are_listed_newest_first_and_revoked_once_per_municipality,
    the_audit_log_is_newest_first_limited_and_per_municipality,
    housekeeping_erases_by_each_municipality_s_retention_and_removes_dead_rows,
);

async fn an_account_is_created_once_and_found_by_email(db: TestDb) {
    let s = &db.store;
    assert!(s.staff_by_email("a@x.dk").await.unwrap().is_none());
    let id = s.ensure_staff("a@x.dk", NOW).await.unwrap();
    assert_eq!(s.ensure_staff("a@x.dk", NOW + 5).await.unwrap(), id, "ensuring again keeps the account");
    assert_ne!(s.ensure_staff("b@x.dk", NOW).await.unwrap(), id);
    let a = s.staff_by_email("a@x.dk").await.unwrap().unwrap();
    assert_eq!((a.id, a.email.as_str(), a.password_hash.is_none(), a.disabled), (id, "a@x.dk", true, false));
    assert!(s.staff_by_email("A@X.DK").await.unwrap().is_none(), "e-mails are stored as given (callers normalise)");
}

async fn a_role_is_granted_once_and_revoked_once(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    assert!(s.grant_role(id, Some(a.id), Role::Admin).await.unwrap());
    assert!(!s.grant_role(id, Some(a.id), Role::Admin).await.unwrap(), "already held");
    assert!(s.grant_role(id, None, Role::Operator).await.unwrap());
    assert!(!s.grant_role(id, None, Role::Operator).await.unwrap(), "the operator role too is held once");
    assert!(s.grant_role(id, Some(b.id), Role::Admin).await.unwrap(), "the same role elsewhere is another grant");
    assert!(!s.revoke_role(id, b.id, Role::Moderator).await.unwrap(), "not held");
    assert!(s.revoke_role(id, b.id, Role::Admin).await.unwrap());
    assert!(!s.revoke_role(id, b.id, Role::Admin).await.unwrap(), "revoked already");
    assert_eq!(s.grants(id).await.unwrap().len(), 2);
    let err = s.grant_role(id, Some(9999), Role::Admin).await.unwrap_err();
    assert!(matches!(err, StoreError::Internal(_)), "unknown municipality: {err:?}");
    assert!(s.grant_role(id + 1000, Some(a.id), Role::Admin).await.is_err(), "unknown account");
    assert!(s.grants(id + 1000).await.unwrap().is_empty());
}

async fn grants_list_the_operator_role_first_on_both_engines(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    s.grant_role(id, Some(b.id), Role::Moderator).await.unwrap();
    s.grant_role(id, Some(a.id), Role::Manager).await.unwrap();
    s.grant_role(id, Some(a.id), Role::Admin).await.unwrap();
    s.grant_role(id, None, Role::Operator).await.unwrap();
    let g = |m: Option<&str>, role| Grant { municipality: m.map(String::from), role };
    assert_eq!(
        s.grants(id).await.unwrap(),
        vec![g(None, Role::Operator), g(Some("a"), Role::Admin), g(Some("a"), Role::Manager), g(Some("b"), Role::Moderator)],
        "by municipality then role; the operator grant (no municipality) first"
    );
}

async fn staff_in_lists_only_the_municipality_s_people_by_email(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let zed = s.ensure_staff("zed@x.dk", NOW).await.unwrap();
    let ann = s.ensure_staff("ann@x.dk", NOW).await.unwrap();
    let op = s.ensure_staff("op@x.dk", NOW).await.unwrap();
    s.grant_role(zed, Some(a.id), Role::Moderator).await.unwrap();
    s.grant_role(zed, Some(a.id), Role::Admin).await.unwrap();
    s.grant_role(ann, Some(a.id), Role::Manager).await.unwrap();
    s.grant_role(ann, Some(b.id), Role::Admin).await.unwrap();
    s.grant_role(op, None, Role::Operator).await.unwrap();
    s.create_password_link(ann, "link", NOW + 60).await.unwrap();
    s.use_password_link("link", "$argon2id$phc", NOW).await.unwrap().unwrap();
    let list = s.staff_in(a.id).await.unwrap();
    assert_eq!(list.iter().map(|m| m.email.as_str()).collect::<Vec<_>>(), ["ann@x.dk", "zed@x.dk"]);
    assert_eq!(list[0].roles, [Role::Manager], "only the roles in this municipality");
    assert!(list[0].has_password && !list[1].has_password);
    assert_eq!(list[1].roles.len(), 2, "one entry per person, all their roles");
    assert!(!list[1].disabled);
    let in_b = s.staff_in(b.id).await.unwrap();
    assert_eq!((in_b.len(), in_b[0].id), (1, ann));
    assert!(s.staff_in(9999).await.unwrap().is_empty());
}

async fn a_session_lives_while_used_and_dies_idle_or_old(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    s.grant_role(id, Some(a.id), Role::Admin).await.unwrap();
    s.create_session("sess", id, NOW).await.unwrap();
    let who = s.session_staff("sess", NOW + 60).await.unwrap().unwrap();
    assert_eq!((who.id, who.email.as_str()), (id, "p@x.dk"));
    assert_eq!(who.grants, vec![Grant { municipality: Some("a".into()), role: Role::Admin }]);
    assert!(s.session_staff("other", NOW).await.unwrap().is_none());
    // Used every 20 minutes it lives past the idle limit...
    let mut t = NOW;
    while t + 20 * 60 < NOW + SESSION_ABSOLUTE_SECS {
        t += 20 * 60;
        assert!(s.session_staff("sess", t).await.unwrap().is_some(), "alive at {}", t - NOW);
    }
    // ...but never past the absolute one.
    assert!(s.session_staff("sess", NOW + SESSION_ABSOLUTE_SECS).await.unwrap().is_none());
    s.create_session("idle", id, NOW).await.unwrap();
    assert!(s.session_staff("idle", NOW + SESSION_IDLE_SECS).await.unwrap().is_none(), "idle for 30 minutes");
    s.create_session("touched", id, NOW).await.unwrap();
    assert!(s.session_staff("touched", NOW + SESSION_IDLE_SECS - 1).await.unwrap().is_some(), "touched just in time");
    assert!(s.session_staff("touched", NOW + 2 * SESSION_IDLE_SECS - 2).await.unwrap().is_some(), "the touch counts");
    s.create_session("bye", id, NOW).await.unwrap();
    s.end_session("bye").await.unwrap();
    assert!(s.session_staff("bye", NOW + 1).await.unwrap().is_none());
    s.end_session("bye").await.expect("ending an ended session is fine");
}

async fn a_session_for_an_unknown_account_is_refused_and_an_id_is_used_once(db: TestDb) {
    let s = &db.store;
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    let err = s.create_session("s", id + 1000, NOW).await.unwrap_err();
    assert!(matches!(err, StoreError::Internal(_)), "foreign key: {err:?}");
    s.create_session("s", id, NOW).await.unwrap();
    assert!(matches!(s.create_session("s", id, NOW).await, Err(StoreError::Conflict)));
}

async fn disabling_an_account_ends_its_sessions_at_once(db: TestDb) {
    let s = &db.store;
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    let other = s.ensure_staff("q@x.dk", NOW).await.unwrap();
    s.create_session("p1", id, NOW).await.unwrap();
    s.create_session("q1", other, NOW).await.unwrap();
    s.set_disabled(id, true).await.unwrap();
    assert!(s.staff_by_email("p@x.dk").await.unwrap().unwrap().disabled);
    assert!(s.session_staff("p1", NOW + 1).await.unwrap().is_none());
    assert!(s.session_staff("q1", NOW + 1).await.unwrap().is_some(), "others keep theirs");
    s.create_session("p2", id, NOW).await.unwrap();
    assert!(s.session_staff("p2", NOW + 1).await.unwrap().is_none(), "a disabled account cannot be signed in");
    s.set_disabled(id, false).await.unwrap();
    assert!(!s.staff_by_email("p@x.dk").await.unwrap().unwrap().disabled);
    assert!(s.session_staff("p1", NOW + 2).await.unwrap().is_none(), "re-enabling does not bring sessions back");
    s.set_disabled(id + 1000, true).await.expect("an unknown account is no error");
}

async fn a_password_link_works_once_while_alive(db: TestDb) {
    let s = &db.store;
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    s.create_password_link(id, "tok", NOW + 100).await.unwrap();
    assert!(matches!(s.create_password_link(id, "tok", NOW + 100).await, Err(StoreError::Conflict)));
    assert!(s.create_password_link(id + 1000, "tok2", NOW + 100).await.is_err(), "unknown account");
    assert_eq!(s.password_link_email("tok", NOW).await.unwrap().as_deref(), Some("p@x.dk"));
    assert!(s.password_link_email("tok", NOW + 100).await.unwrap().is_none(), "expired");
    assert!(s.password_link_email("nope", NOW).await.unwrap().is_none());
    s.create_session("s", id, NOW).await.unwrap();
    assert!(s.use_password_link("tok", "phc", NOW + 100).await.unwrap().is_none(), "expired link");
    assert_eq!(s.use_password_link("tok", "phc-1", NOW + 1).await.unwrap(), Some(id));
    assert_eq!(s.staff_by_email("p@x.dk").await.unwrap().unwrap().password_hash.as_deref(), Some("phc-1"));
    assert!(s.session_staff("s", NOW + 2).await.unwrap().is_none(), "setting a password ends the sessions");
    assert!(s.use_password_link("tok", "phc-2", NOW + 2).await.unwrap().is_none(), "used once");
    assert!(s.password_link_email("tok", NOW + 2).await.unwrap().is_none());
    assert_eq!(s.staff_by_email("p@x.dk").await.unwrap().unwrap().password_hash.as_deref(), Some("phc-1"));
    s.create_password_link(id, "tok3", NOW + 100).await.unwrap();
    s.set_disabled(id, true).await.unwrap();
    assert!(s.password_link_email("tok3", NOW).await.unwrap().is_none(), "not for a disabled account");
}

async fn a_municipality_s_link_is_outgrown_when_the_account_works_elsewhere(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    s.grant_role(id, Some(a.id), Role::Admin).await.unwrap();
    s.issue_password_link(id, "from-a", NOW + 100, Some(a.id)).await.unwrap();
    s.issue_password_link(id, "from-a-2", NOW + 100, Some(a.id)).await.unwrap();
    s.issue_password_link(id, "server", NOW + 100, None).await.unwrap();
    assert!(!s.password_link_outgrown("from-a", NOW).await.unwrap());
    assert_eq!(s.password_link_email("from-a", NOW).await.unwrap().as_deref(), Some("p@x.dk"));
    s.grant_role(id, Some(b.id), Role::Moderator).await.unwrap();
    assert!(s.password_link_outgrown("from-a", NOW).await.unwrap());
    assert!(s.password_link_email("from-a", NOW).await.unwrap().is_none());
    assert!(s.use_password_link("from-a", "phc", NOW).await.unwrap().is_none(), "checked when used");
    assert!(!s.password_link_outgrown("server", NOW).await.unwrap(), "the server's links fit any account");
    assert!(!s.password_link_outgrown("nope", NOW).await.unwrap());
    assert!(!s.password_link_outgrown("from-a", NOW + 100).await.unwrap(), "an expired link is not 'outgrown'");
    s.revoke_role(id, b.id, Role::Moderator).await.unwrap();
    s.grant_role(id, None, Role::Operator).await.unwrap();
    assert!(s.password_link_outgrown("from-a-2", NOW).await.unwrap(), "operator counts as elsewhere");
    assert_eq!(s.use_password_link("server", "phc", NOW).await.unwrap(), Some(id));
    assert!(s.issue_password_link(id, "bad", NOW + 100, Some(9999)).await.is_err(), "unknown municipality");
}

async fn sign_in_failures_are_counted_per_key_since_a_moment(db: TestDb) {
    let s = &db.store;
    assert_eq!(s.login_failures("ip:1", 0).await.unwrap(), (0, None));
    let keys = ["ip:1".to_string(), "email:p@x.dk".to_string()];
    s.record_login_failure(&keys, NOW).await.unwrap();
    s.record_login_failure(&keys[..1], NOW + 10).await.unwrap();
    s.record_login_failure(&[], NOW + 20).await.unwrap();
    assert_eq!(s.login_failures("ip:1", NOW - 1).await.unwrap(), (2, Some(NOW)));
    assert_eq!(s.login_failures("ip:1", NOW).await.unwrap(), (1, Some(NOW + 10)), "strictly after `since`");
    assert_eq!(s.login_failures("email:p@x.dk", NOW - 1).await.unwrap(), (1, Some(NOW)));
    assert_eq!(s.login_failures("ip:2", NOW - 1).await.unwrap(), (0, None));
}

async fn api_tokens_are_listed_newest_first_and_revoked_once_per_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let t1 = s.create_api_token(a.id, "bi", "h1", NOW).await.unwrap();
    let t2 = s.create_api_token(a.id, "export", "h2", NOW + 5).await.unwrap();
    let t3 = s.create_api_token(b.id, "bi", "h3", NOW).await.unwrap();
    assert!(matches!(s.create_api_token(b.id, "dup", "h1", NOW).await, Err(StoreError::Conflict)));
    assert!(s.create_api_token(9999, "x", "h9", NOW).await.is_err(), "unknown municipality");
    let list = s.api_tokens(a.id).await.unwrap();
    assert_eq!(list.iter().map(|t| t.id).collect::<Vec<_>>(), [t2, t1]);
    assert_eq!((list[1].name.as_str(), list[1].created_at, list[1].revoked_at), ("bi", NOW, None));
    assert_eq!(s.api_token("h1").await.unwrap(), Some(store::staff::TokenHolder { id: t1, name: "bi".into(), municipality: "a".into() }));
    assert!(s.api_token("nope").await.unwrap().is_none());
    assert!(s.revoke_api_token(b.id, t1, NOW).await.unwrap().is_none(), "not b's token");
    assert!(s.api_token("h1").await.unwrap().is_some());
    assert_eq!(s.revoke_api_token(a.id, t1, NOW + 9).await.unwrap().as_deref(), Some("bi"));
    assert!(s.revoke_api_token(a.id, t1, NOW + 10).await.unwrap().is_none(), "revoked once");
    assert!(s.api_token("h1").await.unwrap().is_none());
    assert_eq!(s.api_tokens(a.id).await.unwrap()[1].revoked_at, Some(NOW + 9), "still listed, as revoked");
    assert_eq!(s.api_tokens(b.id).await.unwrap().iter().map(|t| t.id).collect::<Vec<_>>(), [t3]);
}

async fn the_audit_log_is_newest_first_limited_and_per_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let e = |m: Option<i64>, action: &str, at| AuditEntry {
        municipality_id: m,
        actor: "p@x.dk".into(),
        action: action.into(),
        detail: "d".into(),
        at,
    };
    s.audit(&e(Some(a.id), "first", NOW)).await.unwrap();
    s.audit(&e(Some(a.id), "third", NOW + 2)).await.unwrap();
    s.audit(&e(Some(a.id), "second", NOW + 1)).await.unwrap();
    s.audit(&e(Some(a.id), "also-third", NOW + 2)).await.unwrap();
    s.audit(&e(Some(b.id), "b", NOW)).await.unwrap();
    s.audit(&e(None, "operator", NOW)).await.unwrap();
    assert!(s.audit(&e(Some(9999), "x", NOW)).await.is_err(), "unknown municipality");
    let log = s.audit_log(a.id, 10).await.unwrap();
    let actions: Vec<_> = log.iter().map(|x| x.action.as_str()).collect();
    assert_eq!(actions, ["also-third", "third", "second", "first"], "newest first; same moment: last written first");
    assert_eq!(log[3], e(Some(a.id), "first", NOW));
    assert_eq!(s.audit_log(a.id, 2).await.unwrap().len(), 2);
    assert_eq!(s.audit_log(b.id, 10).await.unwrap().len(), 1);
}

async fn housekeeping_erases_by_each_municipality_s_retention_and_removes_dead_rows(db: TestDb) {
    use domain::policy::MONTH_SECS;
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    s.set_retention_months(a.id, 1).await.unwrap();
    assert_eq!(s.municipality("a").await.unwrap().unwrap().retention_months, 1, "read back, not a stale cache");
    assert_ne!(s.municipality("b").await.unwrap().unwrap().retention_months, 1);
    let (fa, fb) = (service(s, a.id, "fgu").await, service(s, b.id, "fgu").await);
    let old = NOW - 2 * MONTH_SECS;
    let mut r = rating(fa, "d1", &listened(3), old);
    r.rating.comment = Some("old a".into());
    let ra = s.save_rating(&r).await.unwrap().id;
    r.service_id = fb;
    r.rating.comment = Some("old b".into());
    let rb = s.save_rating(&r).await.unwrap().id;
    let id = s.ensure_staff("p@x.dk", NOW).await.unwrap();
    s.create_session("dead", id, NOW - SESSION_IDLE_SECS).await.unwrap();
    s.create_session("alive", id, NOW - 60).await.unwrap();
    s.create_password_link(id, "expired", NOW).await.unwrap();
    s.record_login_failure(&["k".to_string()], NOW - 3600).await.unwrap();

    let done = s.housekeeping(NOW).await.unwrap();
    assert_eq!(done, store::staff::Housekeeping { comments_erased: 1, sessions_ended: 1 });
    assert_eq!(s.rating(ra).await.unwrap().unwrap().comment, None, "a's one month has passed");
    assert_eq!(s.rating(ra).await.unwrap().unwrap().answers.len(), 1, "the rating itself stays");
    assert_eq!(s.rating(rb).await.unwrap().unwrap().comment.as_deref(), Some("old b"), "b keeps its longer retention");
    assert!(s.session_staff("alive", NOW).await.unwrap().is_some());
    assert_eq!(db.count("SELECT COUNT(*) FROM staff_sessions").await, 1);
    assert_eq!(db.count("SELECT COUNT(*) FROM password_links").await, 0);
    assert_eq!(s.login_failures("k", 0).await.unwrap().0, 0);
    assert_eq!(s.housekeeping(NOW).await.unwrap(), Default::default(), "a second run finds nothing");
}
