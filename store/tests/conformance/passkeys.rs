//! `PasskeyStore`: staff passkeys and the ceremonies waiting for them.

use crate::common::*;
use domain::policy::CHALLENGE_SECS;
use store::passkeys::Ceremony;

crate::both_engines!(
    passkeys_are_kept_per_account_once_per_credential,
    a_ceremony_is_taken_once_and_not_when_old,
    removing_the_app_removes_the_passkeys_too,
);

async fn passkeys_are_kept_per_account_once_per_credential(db: TestDb) {
    let s = &db.store;
    let (a, b) = (s.ensure_staff("a@x.dk", NOW).await.unwrap(), s.ensure_staff("b@x.dk", NOW).await.unwrap());
    assert!(s.add_passkey(a, "cred-1", "Telefon", "{\"v\":1}", NOW).await.unwrap());
    assert!(s.add_passkey(a, "cred-2", "Nøgle", "{\"v\":2}", NOW + 1).await.unwrap());
    assert!(!s.add_passkey(b, "cred-1", "Stjålet", "{}", NOW).await.unwrap(), "a credential belongs to one account");
    let keys = s.passkeys(a).await.unwrap();
    assert_eq!(keys.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(), ["Telefon", "Nøgle"]);
    assert_eq!(keys[0].last_used_at, None);
    assert!(s.passkeys(b).await.unwrap().is_empty());

    assert!(s.use_passkey(a, "cred-1", "{\"v\":3}", NOW + 5).await.unwrap());
    assert!(!s.use_passkey(b, "cred-2", "{}", NOW + 5).await.unwrap(), "not another account's credential");
    let used = &s.passkeys(a).await.unwrap()[0];
    assert_eq!((used.passkey.as_str(), used.last_used_at), ("{\"v\":3}", Some(NOW + 5)));

    assert!(!s.remove_passkey(b, keys[0].id).await.unwrap(), "not another account's passkey");
    assert!(s.remove_passkey(a, keys[0].id).await.unwrap());
    assert_eq!(s.passkeys(a).await.unwrap().len(), 1);
}

async fn a_ceremony_is_taken_once_and_not_when_old(db: TestDb) {
    let s = &db.store;
    let a = s.ensure_staff("a@x.dk", NOW).await.unwrap();
    let since = NOW - CHALLENGE_SECS;
    s.begin_ceremony(a, Ceremony::Register, "first", NOW).await.unwrap();
    s.begin_ceremony(a, Ceremony::Register, "second", NOW).await.unwrap();
    s.begin_ceremony(a, Ceremony::SignIn { challenge: "c1" }, "sign-in", NOW).await.unwrap();
    assert_eq!(s.take_ceremony(a, Ceremony::Register, since).await.unwrap().as_deref(), Some("second"), "the newest one");
    assert_eq!(s.take_ceremony(a, Ceremony::Register, since).await.unwrap(), None, "taken once");
    s.begin_ceremony(a, Ceremony::SignIn { challenge: "c2" }, "another browser", NOW).await.unwrap();
    assert_eq!(s.take_ceremony(a, Ceremony::SignIn { challenge: "c1" }, since).await.unwrap().as_deref(), Some("sign-in"), "not displaced");
    let b = s.ensure_staff("b@x.dk", NOW).await.unwrap();
    assert_eq!(s.take_ceremony(b, Ceremony::SignIn { challenge: "c2" }, since).await.unwrap(), None, "not another account's");
    s.begin_ceremony(a, Ceremony::SignIn { challenge: "c1" }, "old", since).await.unwrap();
    assert_eq!(s.take_ceremony(a, Ceremony::SignIn { challenge: "c1" }, since).await.unwrap(), None, "too old");
}

async fn removing_the_app_removes_the_passkeys_too(db: TestDb) {
    let s = &db.store;
    let a = s.ensure_staff("a@x.dk", NOW).await.unwrap();
    s.begin_totp(a, "SECRET", NOW).await.unwrap();
    assert!(s.confirm_totp(a, 1, &[], NOW).await.unwrap());
    assert!(s.add_passkey(a, "cred-1", "Telefon", "{}", NOW).await.unwrap());
    s.begin_ceremony(a, Ceremony::SignIn { challenge: "c1" }, "waiting", NOW).await.unwrap();
    assert!(s.remove_second_factor(a).await.unwrap());
    assert!(s.passkeys(a).await.unwrap().is_empty(), "a lost phone's passkey goes with the app");
    assert_eq!(s.take_ceremony(a, Ceremony::SignIn { challenge: "c1" }, 0).await.unwrap(), None);
}
