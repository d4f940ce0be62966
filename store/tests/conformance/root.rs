//! `Store` itself (the root trait): municipalities, the public catalogue and ratings.

use crate::common::*;
use domain::rating::Answer;
use store::StoreError;

crate::both_engines!(
    the_store_names_its_engine_and_answers_a_ping,
    seeding_a_municipality_twice_keeps_the_first_and_says_so,
    municipalities_are_listed_by_name_and_an_unknown_slug_is_none,
    services_lists_only_active_services_of_the_municipality_in_display_order,
    a_service_is_found_by_slug_only_in_its_own_municipality,
    questions_lists_the_active_questions_in_display_order,
    a_rating_is_stored_and_read_back_with_its_answers,
    the_same_device_replaces_its_rating_within_30_days_and_not_after,
    a_rating_of_an_unknown_service_is_refused_and_nothing_is_kept,
    concurrent_ratings_are_all_kept_one_per_device,
);

async fn the_store_names_its_engine_and_answers_a_ping(db: TestDb) {
    let expected = match db.engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    };
    assert_eq!(db.store.engine(), expected);
    db.store.ping().await.expect("ping");
    let stats = db.store.stats();
    assert!(stats.connections >= 1 && stats.idle <= stats.connections, "{stats:?}");
    assert_eq!((stats.queued_ratings, stats.queued_answers), (0, 0), "nothing waits at rest");
}

async fn seeding_a_municipality_twice_keeps_the_first_and_says_so(db: TestDb) {
    let s = &db.store;
    let mut seed = domain::demo::demo_municipality();
    assert!(s.seed_municipality(&seed).await.unwrap());
    let m = s.municipality("demo").await.unwrap().unwrap();
    let services = s.services(m.id).await.unwrap();
    assert_eq!(services.len(), seed.services.len());
    assert_eq!(services[0].slug, seed.services[0].slug, "seed order is display order");
    assert_eq!(s.questions(m.id).await.unwrap().len(), seed.questions.len());
    assert_eq!(s.principles(m.id, false).await.unwrap().len(), seed.principles.len());

    seed.name = "Another name".into();
    assert!(!s.seed_municipality(&seed).await.unwrap(), "the slug exists already");
    let again = s.municipality("demo").await.unwrap().unwrap();
    assert_eq!(again.name, "Demo Kommune", "the first seed stands");
    assert_eq!(s.services(m.id).await.unwrap().len(), services.len(), "no services added twice");
    assert_eq!(s.municipalities().await.unwrap().len(), 1);
}

async fn municipalities_are_listed_by_name_and_an_unknown_slug_is_none(db: TestDb) {
    let s = &db.store;
    assert!(s.municipalities().await.unwrap().is_empty());
    for (slug, name) in [("b", "Ballerup"), ("a", "Aarhus"), ("c", "Albertslund")] {
        assert!(s.seed_municipality(&domain::demo::new_municipality(slug, name)).await.unwrap());
    }
    let names: Vec<_> = s.municipalities().await.unwrap().into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["Aarhus", "Albertslund", "Ballerup"]);
    let b = s.municipality("b").await.unwrap().unwrap();
    assert_eq!((b.slug.as_str(), b.name.as_str()), ("b", "Ballerup"));
    assert!(b.retention_months > 0 && b.response_days > 0, "defaults are set: {b:?}");
    assert!(s.municipality("nowhere").await.unwrap().is_none());
}

async fn services_lists_only_active_services_of_the_municipality_in_display_order(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    service(s, a.id, "zeta").await;
    service(s, a.id, "alpha").await;
    let mut hidden = service_input("hidden", "Hidden");
    hidden.active = false;
    s.add_service(a.id, &hidden).await.unwrap();
    service(s, b.id, "other").await;
    let slugs: Vec<_> = s.services(a.id).await.unwrap().into_iter().map(|x| x.slug).collect();
    assert_eq!(slugs, ["zeta", "alpha"], "added order, not alphabetical; inactive left out");
    let slugs: Vec<_> = s.services(b.id).await.unwrap().into_iter().map(|x| x.slug).collect();
    assert_eq!(slugs, ["other"]);
    assert!(s.services(9999).await.unwrap().is_empty());
}

async fn a_service_is_found_by_slug_only_in_its_own_municipality(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let id = service(s, a.id, "fgu").await;
    let found = s.service(a.id, "fgu").await.unwrap().unwrap();
    assert_eq!((found.id, found.name.as_str(), found.description_en.as_str()), (id, "FGU", "FGU (en)"));
    assert!(s.service(b.id, "fgu").await.unwrap().is_none(), "another municipality's service is not found");
    assert!(s.service(a.id, "nope").await.unwrap().is_none());
    let mut off = service_input("off", "Off");
    off.active = false;
    s.add_service(a.id, &off).await.unwrap();
    assert!(!s.service(a.id, "off").await.unwrap().unwrap().active, "an inactive service is still found by slug");
}

async fn questions_lists_the_active_questions_in_display_order(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let defaults = domain::demo::default_questions();
    let keys: Vec<_> = s.questions(a.id).await.unwrap().into_iter().map(|q| q.key).collect();
    assert_eq!(keys, defaults.iter().map(|q| q.key.clone()).collect::<Vec<_>>());
    let first = &defaults[0];
    let off = domain::catalogue::QuestionInput {
        key: first.key.clone(),
        criterion: first.criterion,
        text_da: first.text_da.clone(),
        text_en: first.text_en.clone(),
        active: false,
    };
    assert!(s.update_question(a.id, &off).await.unwrap());
    let keys: Vec<_> = s.questions(a.id).await.unwrap().into_iter().map(|q| q.key).collect();
    assert!(!keys.contains(&first.key), "a deactivated question is not asked (no stale cache)");
    assert_eq!(s.questions(b.id).await.unwrap().len(), defaults.len(), "the other municipality is untouched");
}

async fn a_rating_is_stored_and_read_back_with_its_answers(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "a").await;
    let (fgu, uu) = (service(s, m.id, "fgu").await, service(s, m.id, "uu").await);
    let mut new = rating(fgu, "dev-1", &[("listened", Answer::Scale(4)), ("contact_person", Answer::Choice("yes".into()))], NOW);
    new.came_from_service_id = Some(uu);
    new.rating.comment = Some("fine".into());
    new.rating.age_band = Some("18-20".into());
    new.rating.channel = "qr".into();
    let saved = s.save_rating(&new).await.unwrap();
    assert!(!saved.replaced);
    let got = s.rating(saved.id).await.unwrap().unwrap();
    assert_eq!(got.service_id, fgu);
    assert_eq!(
        got.answers,
        vec![("contact_person".to_string(), Answer::Choice("yes".into())), ("listened".to_string(), Answer::Scale(4))],
        "answers come back ordered by key"
    );
    assert_eq!(got.comment.as_deref(), Some("fine"));
    assert_eq!(got.age_band.as_deref(), Some("18-20"));
    assert_eq!(got.came_from_service_id, Some(uu));
    assert_eq!(got.channel, "qr");
    assert_eq!((got.created_at, got.updated_at), (NOW, NOW));
    assert_eq!(s.rating_count(fgu).await.unwrap(), 1);
    assert_eq!(s.rating_count(uu).await.unwrap(), 0);
    assert!(s.rating(saved.id + 1000).await.unwrap().is_none());
}

async fn the_same_device_replaces_its_rating_within_30_days_and_not_after(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "a").await;
    let (fgu, uu) = (service(s, m.id, "fgu").await, service(s, m.id, "uu").await);
    assert_eq!(s.replaceable_rating(fgu, "dev", NOW).await.unwrap(), None, "nothing to replace yet");
    let first = s.save_rating(&rating(fgu, "dev", &listened(2), NOW)).await.unwrap();
    assert_eq!(s.replaceable_rating(fgu, "dev", NOW + 10 * DAY).await.unwrap(), Some(NOW), "the page can warn before");
    assert_eq!(s.replaceable_rating(uu, "dev", NOW + 10 * DAY).await.unwrap(), None);
    assert_eq!(s.replaceable_rating(fgu, "dev-2", NOW + 10 * DAY).await.unwrap(), None);
    let end = NOW + domain::policy::REPLACE_WINDOW_SECS;
    assert_eq!(s.replaceable_rating(fgu, "dev", end).await.unwrap(), Some(NOW), "the window's last second still replaces");
    assert_eq!(s.replaceable_rating(fgu, "dev", end + 1).await.unwrap(), None, "after the window nothing is replaced");
    let again = s.save_rating(&rating(fgu, "dev", &listened(5), NOW + 10 * DAY)).await.unwrap();
    assert_eq!(again, store::RatingSaved { id: first.id, replaced: true });
    let got = s.rating(first.id).await.unwrap().unwrap();
    assert_eq!(got.answers, vec![("listened".to_string(), Answer::Scale(5))]);
    assert_eq!((got.created_at, got.updated_at), (NOW, NOW + 10 * DAY), "created_at is kept, updated_at moves");
    assert_eq!(s.rating_count(fgu).await.unwrap(), 1);

    let other_service = s.save_rating(&rating(uu, "dev", &listened(3), NOW + 10 * DAY)).await.unwrap();
    assert!(!other_service.replaced, "another service is another rating");
    let other_device = s.save_rating(&rating(fgu, "dev-2", &listened(3), NOW + 10 * DAY)).await.unwrap();
    assert!(!other_device.replaced, "another device is another rating");
    let later = s.save_rating(&rating(fgu, "dev", &listened(1), NOW + domain::policy::REPLACE_WINDOW_SECS + DAY)).await.unwrap();
    assert!(!later.replaced, "after the window a new rating is kept");
    assert_ne!(later.id, first.id);
    assert_eq!(s.rating_count(fgu).await.unwrap(), 3);
}

async fn a_rating_of_an_unknown_service_is_refused_and_nothing_is_kept(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "a").await;
    let fgu = service(s, m.id, "fgu").await;
    let err = s.save_rating(&rating(fgu + 1000, "dev", &listened(3), NOW)).await.unwrap_err();
    assert!(matches!(err, StoreError::Internal(_)), "a foreign key violation, not a conflict: {err:?}");
    assert_eq!(db.count("SELECT COUNT(*) FROM ratings").await, 0);
    assert_eq!(db.count("SELECT COUNT(*) FROM rating_answers").await, 0);
    // The writer survives a bad item.
    assert!(!s.save_rating(&rating(fgu, "dev", &listened(3), NOW)).await.unwrap().replaced);
}

/// The write batcher groups concurrent saves: none is lost, and one phone's
/// ten submissions still count once.
async fn concurrent_ratings_are_all_kept_one_per_device(db: TestDb) {
    let s = &db.store;
    let m = municipality(s, "a").await;
    let fgu = service(s, m.id, "fgu").await;
    let mut tasks = Vec::new();
    for i in 0..60 {
        let store = s.clone();
        let device = if i < 50 { format!("phone-{i}") } else { "same-phone".to_string() };
        tasks.push(tokio::spawn(async move { store.save_rating(&rating(fgu, &device, &listened(1 + i % 5), NOW)).await }));
    }
    for t in tasks {
        t.await.unwrap().expect("every concurrent save succeeds");
    }
    assert_eq!(s.rating_count(fgu).await.unwrap(), 51, "one rating per device");
}

#[tokio::test]
async fn a_bad_database_url_is_a_one_line_reason() {
    for url in ["mysql://x", "postgres://nobody@127.0.0.1:1/none", "sqlite:/proc/definitely/not/here.db"] {
        let err = store::connect(url).await.err().expect("fails");
        assert!(!err.contains('\n'), "{err}");
        assert!(!err.is_empty());
    }
}
