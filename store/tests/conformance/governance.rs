//! `GovernanceStore`: rollups kept on every rating write, their reads,
//! imports and rebuilds, released figures and the comparison opt-in.

use crate::common::*;
use domain::governance::rollup::RatingFacts;
use domain::rating::Answer;
use store::governance::{CellFilter, ImportedRating, RatingComment, ReleasedRow};
use store::StoreError;

crate::both_engines!(
    a_rating_feeds_the_rollups_and_a_replacement_takes_back_the_old_answers,
    answer_and_participation_cells_filter_by_month_age_band_and_channel,
    handovers_count_where_young_people_came_from,
    latest_comments_are_approved_newest_first_within_the_period_per_service,
    imported_ratings_feed_the_rollups_now_or_at_the_rebuild,
    maintenance_rebuilds_only_when_a_migration_asked_for_it,
    a_released_figure_is_replaced_only_k_arrivals_later_and_never_once_frozen,
    the_comparison_has_the_municipalities_that_opted_in,
    a_burst_of_batched_ratings_adds_up_to_what_a_rebuild_makes,
);

const MONTH: i64 = 202611;

fn all_of_month() -> CellFilter {
    CellFilter { from: MONTH, to: MONTH, ..Default::default() }
}

async fn a_rating_feeds_the_rollups_and_a_replacement_takes_back_the_old_answers(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let fgu = service(s, a.id, "fgu").await;
    let answers = [("listened", Answer::Scale(4)), ("contact_person", Answer::Choice("yes".into()))];
    s.save_rating(&rating(fgu, "d", &answers, NOW)).await.unwrap();
    let mut cells = s.answer_cells(a.id, &all_of_month()).await.unwrap();
    cells.sort_by(|x, y| (&x.question_key, &x.choice).cmp(&(&y.question_key, &y.choice)));
    let seen: Vec<_> = cells.iter().map(|c| (c.question_key.as_str(), c.choice.as_str(), c.n, c.total, c.sq, c.arrivals)).collect();
    assert_eq!(seen, [("", "", 1, 0, 0, 1), ("contact_person", "yes", 1, 0, 0, 1), ("listened", "", 1, 4, 16, 1)]);
    assert!(cells.iter().all(|c| c.service_id == fgu && c.month == MONTH));

    s.save_rating(&rating(fgu, "d", &listened(2), NOW + DAY)).await.unwrap();
    let cells = s.answer_cells(a.id, &all_of_month()).await.unwrap();
    let get = |k: &str| cells.iter().find(|c| c.question_key == k).map(|c| (c.n, c.total, c.sq, c.arrivals));
    assert_eq!(get("listened"), Some((1, 2, 4, 2)), "the old 4 taken back, arrivals only grow");
    assert_eq!(get(""), Some((1, 0, 0, 2)), "still one rating");
    assert_eq!(get("contact_person"), Some((0, 0, 0, 1)), "taken back; kept because it arrived once");
    assert!(s.answer_cells(b.id, &all_of_month()).await.unwrap().is_empty(), "b sees none of a's");
}

async fn answer_and_participation_cells_filter_by_month_age_band_and_channel(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let fgu = service(s, a.id, "fgu").await;
    for (i, (age, channel)) in [(Some("15-17"), "qr"), (Some("15-17"), "web"), (None, "qr")].into_iter().enumerate() {
        let mut r = rating(fgu, &format!("d{i}"), &listened(i as i64 + 1), NOW);
        r.rating.age_band = age.map(String::from);
        r.rating.channel = channel.into();
        s.save_rating(&r).await.unwrap();
    }
    s.save_rating(&rating(fgu, "next-month", &listened(5), NOW + 15 * DAY)).await.unwrap();
    let listened_n = |cells: &[store::governance::AnswerCell]| cells.iter().find(|c| c.question_key == "listened").map(|c| (c.n, c.total));
    assert_eq!(listened_n(&s.answer_cells(a.id, &all_of_month()).await.unwrap()), Some((3, 6)));
    let qr = CellFilter { channel: Some("qr".into()), ..all_of_month() };
    assert_eq!(listened_n(&s.answer_cells(a.id, &qr).await.unwrap()), Some((2, 4)));
    let young = CellFilter { age_band: Some("15-17".into()), ..all_of_month() };
    assert_eq!(listened_n(&s.answer_cells(a.id, &young).await.unwrap()), Some((2, 3)));
    let unknown_age = CellFilter { age_band: Some(String::new()), ..all_of_month() };
    assert_eq!(listened_n(&s.answer_cells(a.id, &unknown_age).await.unwrap()), Some((1, 3)), "\"\": no age given");
    let both_months = CellFilter { from: MONTH, to: MONTH + 1, ..Default::default() };
    assert_eq!(s.answer_cells(a.id, &both_months).await.unwrap().iter().filter(|c| c.question_key == "listened").count(), 2);
    let earlier = CellFilter { from: 202601, to: 202610, ..Default::default() };
    assert!(s.answer_cells(a.id, &earlier).await.unwrap().is_empty());

    let mut by_channel = s.participation_cells(a.id, &all_of_month(), "channel").await.unwrap();
    by_channel.sort_by(|x, y| x.value.cmp(&y.value));
    assert_eq!(by_channel.iter().map(|c| (c.value.as_str(), c.n, c.service_id)).collect::<Vec<_>>(), [("qr", 2, fgu), ("web", 1, fgu)]);
    let mut by_age = s.participation_cells(a.id, &qr, "age_band").await.unwrap();
    by_age.sort_by(|x, y| x.value.cmp(&y.value));
    assert_eq!(by_age.iter().map(|c| (c.value.as_str(), c.n)).collect::<Vec<_>>(), [("", 1), ("15-17", 1)]);
    let err = s.participation_cells(a.id, &qr, "device_hash").await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "only channel or age_band: {err:?}");
}

async fn handovers_count_where_young_people_came_from(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let (uu, fgu) = (service(s, a.id, "uu").await, service(s, a.id, "fgu").await);
    for (i, v) in [3, 5].into_iter().enumerate() {
        let mut r = rating(fgu, &format!("d{i}"), &[("listened", Answer::Scale(v)), ("contact_person", Answer::Choice("no".into()))], NOW);
        r.came_from_service_id = Some(uu);
        s.save_rating(&r).await.unwrap();
    }
    s.save_rating(&rating(fgu, "direct", &listened(1), NOW)).await.unwrap();
    let mut cells = s.handover_cells(a.id, &all_of_month()).await.unwrap();
    cells.sort_by(|x, y| x.question_key.cmp(&y.question_key));
    let seen: Vec<_> = cells.iter().map(|c| (c.from_service_id, c.service_id, c.question_key.as_str(), c.n, c.total, c.sq)).collect();
    assert_eq!(seen, [(uu, fgu, "", 2, 0, 0), (uu, fgu, "listened", 2, 8, 34)], "scale answers only; direct ratings not");
    assert!(s.handover_cells(b.id, &all_of_month()).await.unwrap().is_empty());
    assert!(s.handover_cells(a.id, &CellFilter { from: 202501, to: 202512, ..Default::default() }).await.unwrap().is_empty());
}

async fn latest_comments_are_approved_newest_first_within_the_period_per_service(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let (fgu, uu, other) = (service(s, a.id, "fgu").await, service(s, a.id, "uu").await, service(s, b.id, "x").await);
    let comment = |sid, dev: &str, text: &str, at, review: store::Review| {
        let mut r = rating(sid, dev, &listened(3), at);
        r.rating.comment = Some(text.into());
        r.comment_review = review;
        r
    };
    for (i, at) in [NOW, NOW + 1, NOW + 2, NOW + 100].into_iter().enumerate() {
        s.save_rating(&comment(fgu, &format!("d{i}"), &format!("c{i}"), at, Default::default())).await.unwrap();
    }
    s.save_rating(&comment(fgu, "held", "held", NOW + 3, crate::proposals::held(false))).await.unwrap();
    s.save_rating(&comment(uu, "u", "uu says", NOW - 1, Default::default())).await.unwrap();
    s.save_rating(&comment(uu, "early", "too early", NOW - 100, Default::default())).await.unwrap();
    s.save_rating(&comment(other, "o", "b's", NOW, Default::default())).await.unwrap();
    let mut got = s.latest_comments(a.id, NOW - 1, NOW + 100, 2).await.unwrap();
    got.sort_by_key(|c| (c.service_id, -c.created_at));
    let rc = |service_id, created_at, text: &str| RatingComment { service_id, created_at, text: text.into() };
    let mut want = vec![rc(fgu, NOW + 2, "c2"), rc(fgu, NOW + 1, "c1"), rc(uu, NOW - 1, "uu says")];
    want.sort_by_key(|c| (c.service_id, -c.created_at));
    assert_eq!(got, want, "approved only, [since, until), at most 2 per service, newest first");
    assert!(s.latest_comments(a.id, NOW + 200, NOW + 300, 5).await.unwrap().is_empty());
}

fn imported(service_id: i64, device: &str, v: i64) -> ImportedRating {
    let facts = RatingFacts {
        service_id,
        came_from: None,
        created_at: NOW,
        age_band: None,
        channel: "web".into(),
        answers: listened(v).into_iter().map(|(k, a)| (k.to_string(), a)).collect(),
    };
    ImportedRating { device_hash: device.into(), facts, comment: None }
}

fn listened_total(cells: &[store::governance::AnswerCell]) -> Option<(i64, i64)> {
    cells.iter().find(|c| c.question_key == "listened").map(|c| (c.n, c.total))
}

async fn imported_ratings_feed_the_rollups_now_or_at_the_rebuild(db: TestDb) {
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    let (fa, fb) = (service(s, a.id, "fgu").await, service(s, b.id, "fgu").await);
    s.import_ratings(a.id, &[imported(fa, "i1", 2), imported(fa, "i2", 4)], true).await.unwrap();
    assert_eq!(s.rating_count(fa).await.unwrap(), 2);
    assert_eq!(listened_total(&s.answer_cells(a.id, &all_of_month()).await.unwrap()), Some((2, 6)));
    s.import_ratings(b.id, &[imported(fb, "j1", 5)], false).await.unwrap();
    assert_eq!(s.rating_count(fb).await.unwrap(), 1);
    assert!(s.answer_cells(b.id, &all_of_month()).await.unwrap().is_empty(), "no rollups until the rebuild");
    assert_eq!(s.rebuild_rollups().await.unwrap(), 3, "every rating of every municipality read");
    assert_eq!(listened_total(&s.answer_cells(b.id, &all_of_month()).await.unwrap()), Some((1, 5)));
    assert_eq!(listened_total(&s.answer_cells(a.id, &all_of_month()).await.unwrap()), Some((2, 6)), "a is rebuilt the same");
    let err = s.import_ratings(a.id, &[imported(fa, "same", 1), imported(fa, "same", 2)], true).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "distinct device hashes needed: {err:?}");
    let mut no_answers = imported(fa, "same", 1);
    no_answers.facts.answers.clear();
    let err = s.import_ratings(a.id, &[no_answers, imported(fa, "same", 2)], true).await.unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "even when their answers do not collide: {err:?}");
    assert_eq!(s.rating_count(fa).await.unwrap(), 2, "nothing of the bad import is kept");
    s.import_ratings(a.id, &[], true).await.expect("an empty import is fine");
}

async fn maintenance_rebuilds_only_when_a_migration_asked_for_it(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let fa = service(s, a.id, "fgu").await;
    assert_eq!(db.count("SELECT COUNT(*) FROM maintenance").await, 0, "connect ran the migration's job");
    s.import_ratings(a.id, &[imported(fa, "i1", 3)], false).await.unwrap();
    s.run_maintenance().await.unwrap();
    assert!(s.answer_cells(a.id, &all_of_month()).await.unwrap().is_empty(), "no job: nothing rebuilt");
    db.execute("INSERT INTO maintenance (task) VALUES ('rebuild_rollups')").await;
    s.run_maintenance().await.unwrap();
    assert_eq!(listened_total(&s.answer_cells(a.id, &all_of_month()).await.unwrap()), Some((1, 3)));
    assert_eq!(db.count("SELECT COUNT(*) FROM maintenance").await, 0, "the job is taken");
}

fn released(figure: &str, node_from: i64, value: &str, arrivals: i64, released_at: i64, closes_at: i64) -> ReleasedRow {
    ReleasedRow { node_from, node_to: node_from, figure: figure.into(), value: value.into(), arrivals, released_at, closes_at }
}

async fn a_released_figure_is_replaced_only_k_arrivals_later_and_never_once_frozen(db: TestDb) {
    use domain::governance::disclosure::K;
    let s = &db.store;
    let (a, b) = (municipality(s, "a").await, municipality(s, "b").await);
    assert!(s.release_figures(a.id, &[]).await.unwrap().is_empty());
    let first = released("mean", MONTH, "3.5", 10, NOW, NOW + 100 * DAY);
    let frozen = released("count", MONTH, "12", 10, NOW, NOW);
    let old = released("mean", 202610, "2.0", 5, NOW, NOW + DAY);
    assert!(s.release_figures(a.id, &[first.clone(), frozen.clone(), old.clone()]).await.unwrap().is_empty());
    let mut got = s.released_figures(a.id, MONTH, MONTH).await.unwrap();
    got.sort_by(|x, y| x.figure.cmp(&y.figure));
    assert_eq!(got, vec![frozen.clone(), first.clone()], "only nodes starting in the months asked");
    assert_eq!(s.released_figures(a.id, 202601, 202612).await.unwrap().len(), 3);
    assert!(s.released_figures(b.id, 202601, 202612).await.unwrap().is_empty(), "per municipality");

    let too_soon = released("mean", MONTH, "3.6", 10 + K - 1, NOW + 1, NOW + 100 * DAY);
    assert_eq!(s.release_figures(a.id, &[too_soon.clone()]).await.unwrap(), vec![too_soon], "fewer than K new arrivals");
    let later = released("mean", MONTH, "3.7", 10 + K, NOW + 2, NOW + 100 * DAY);
    let frozen_again = released("count", MONTH, "99", 100, NOW + 2, NOW + 100 * DAY);
    assert_eq!(s.release_figures(a.id, &[later.clone(), frozen_again.clone()]).await.unwrap(), vec![frozen_again]);
    let mut got = s.released_figures(a.id, MONTH, MONTH).await.unwrap();
    got.sort_by(|x, y| x.figure.cmp(&y.figure));
    assert_eq!(got, vec![frozen, ReleasedRow { closes_at: first.closes_at, ..later }], "closes_at stays as first stored");
    assert!(s.release_figures(b.id, &[first]).await.unwrap().is_empty(), "b's own figure");
}

async fn the_comparison_has_the_municipalities_that_opted_in(db: TestDb) {
    let s = &db.store;
    let (a, b, c) = (municipality(s, "a").await, municipality(s, "b").await, municipality(s, "c").await);
    assert!(!s.compare_opt_in(a.id).await.unwrap(), "off by default");
    assert!(s.comparison_members().await.unwrap().is_empty());
    s.set_compare_opt_in(c.id, true).await.unwrap();
    s.set_compare_opt_in(a.id, true).await.unwrap();
    s.set_compare_opt_in(a.id, true).await.unwrap();
    assert!(s.compare_opt_in(a.id).await.unwrap());
    assert!(!s.compare_opt_in(b.id).await.unwrap());
    assert_eq!(s.comparison_members().await.unwrap(), [a.id, c.id], "by id");
    s.set_compare_opt_in(c.id, false).await.unwrap();
    assert_eq!(s.comparison_members().await.unwrap(), [a.id]);
    assert!(!s.compare_opt_in(9999).await.unwrap(), "an unknown municipality has not opted in");
}

/// What every roll-up read shows, without `arrivals` (a rebuild counts only
/// what is there now) and without cells that went back to zero.
async fn rollups_seen(s: &store::DynStore, m: i64) -> Vec<String> {
    let mut out = Vec::new();
    let filters = [
        all_of_month(),
        CellFilter { channel: Some("qr".into()), ..all_of_month() },
        CellFilter { age_band: Some("15-17".into()), ..all_of_month() },
        CellFilter { age_band: Some(String::new()), channel: Some("web".into()), ..all_of_month() },
    ];
    for (i, f) in filters.iter().enumerate() {
        for c in s.answer_cells(m, f).await.unwrap().into_iter().filter(|c| c.n != 0) {
            out.push(format!("answers {i} {} {} {} {} n={} total={} sq={}", c.service_id, c.month, c.question_key, c.choice, c.n, c.total, c.sq));
        }
        for c in s.handover_cells(m, f).await.unwrap().into_iter().filter(|c| c.n != 0) {
            out.push(format!("handover {i} {}→{} {} {} n={} total={} sq={}", c.from_service_id, c.service_id, c.month, c.question_key, c.n, c.total, c.sq));
        }
        for by in ["channel", "age_band"] {
            for c in s.participation_cells(m, f, by).await.unwrap().into_iter().filter(|c| c.n != 0) {
                out.push(format!("{by} {i} {} {} {} n={}", c.service_id, c.month, c.value, c.n));
            }
        }
    }
    out.sort();
    out
}

/// A burst of concurrent ratings (new ones, replacements, handovers, one
/// phone twice in one burst) leaves exactly the roll-ups a rebuild from the
/// stored ratings makes: the batched writes (set-based on PostgreSQL) add up.
async fn a_burst_of_batched_ratings_adds_up_to_what_a_rebuild_makes(db: TestDb) {
    let s = &db.store;
    let a = municipality(s, "a").await;
    let (uu, fgu) = (service(s, a.id, "uu").await, service(s, a.id, "fgu").await);
    let make = |i: usize, round: i64| {
        let choice = if i % 2 == 0 { "yes" } else { "no" };
        let answers = [("listened", Answer::Scale(1 + (i as i64 + round) % 5)), ("contact_person", Answer::Choice(choice.into()))];
        // 100 phones, each once per round (the second round replaces the
        // first); the last 20 are phones 0–19 again, rating the same
        // service twice within one burst.
        let phone = if i < 100 { i } else { i - 100 };
        let mut r = rating(if phone % 3 == 0 { uu } else { fgu }, &format!("phone-{phone}"), &answers, NOW + round * DAY);
        r.came_from_service_id = (i % 4 == 1).then_some(uu);
        r.rating.age_band = (i % 5 != 0).then(|| "15-17".to_string());
        r.rating.channel = if i % 7 < 4 { "qr" } else { "web" }.into();
        r
    };
    let mut kept = std::collections::HashSet::new();
    for round in 0..2 {
        let tasks: Vec<_> = (0..120)
            .map(|i| {
                let (store, r) = (s.clone(), make(i, round));
                tokio::spawn(async move { store.save_rating(&r).await })
            })
            .collect();
        for t in tasks {
            kept.insert(t.await.unwrap().expect("every save succeeds").id);
        }
    }
    let total = s.rating_count(uu).await.unwrap() + s.rating_count(fgu).await.unwrap();
    assert_eq!(total as usize, kept.len(), "one rating per phone and service; replacements keep their id");
    let incremental = rollups_seen(s, a.id).await;
    assert!(incremental.iter().any(|l| l.starts_with("handover")) && incremental.len() > 40, "{incremental:?}");
    s.rebuild_rollups().await.unwrap();
    assert_eq!(incremental, rollups_seen(s, a.id).await);
}
