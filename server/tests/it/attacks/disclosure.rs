//! Differencing, totals, handovers and medians: what a reader with a
//! read-only token (or a manager's dashboard) could work out by comparing
//! two reads, a total with its parts, or a median of few (issue 16, items
//! 3, 4, 5 and 14). See the README's "Release rule".

use crate::common::{add_staff, client, signed_in, spawn_app, text, Engine, TestApp, TestDb, PASSWORD};
use app::domain::catalogue::ServiceInput;
use app::domain::governance::month::Month;
use app::domain::staff::Role;
use app::governance::{dashboard, ComparisonCache, Dashboard, DashboardQuery};
use app::store::{connect, DynStore};
use serde_json::{json, Value};

const TOKEN: &str = "stm_dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";

/// A read-only API token of demo (what a BI tool, or anyone holding it, has).
async fn token(db: &TestDb) {
    let store = connect(&db.url).await.unwrap();
    let demo = store.municipality("demo").await.unwrap().unwrap();
    store.create_api_token(demo.id, "BI", &app::domain::secret::digest(TOKEN), app::domain::policy::now()).await.unwrap();
}

/// One new phone per rating; returns the phones, so they can replace their rating.
async fn rate(app: &TestApp, service: &str, body: Value, n: usize) -> Vec<reqwest::Client> {
    let mut phones = Vec::new();
    for _ in 0..n {
        let phone = client();
        let r = phone.post(app.url(&format!("/api/v1/municipalities/demo/services/{service}/ratings"))).json(&body).send().await.unwrap();
        assert!(r.status().is_success(), "{}", r.status());
        phones.push(phone);
    }
    phones
}

fn month_query(m: Month) -> String {
    format!("from={}&to={}", m.first_day(), m.last_day())
}

/// The summary as JSON, and as CSV followed by every table's CSV file, read
/// with the token.
async fn read(app: &TestApp, m: Month) -> (Value, String) {
    let get = |path: String| {
        let url = app.url(&path);
        async move {
            let r = client().get(url).header("authorization", format!("Bearer {TOKEN}")).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.text().await.unwrap()
        }
    };
    let json = get(format!("/api/v1/municipalities/demo/summary?{}", month_query(m))).await;
    let mut csv = get(format!("/api/v1/municipalities/demo/summary.csv?{}", month_query(m))).await;
    for table in ["heatmap", "trends", "movers", "handovers", "channels", "ages", "comparison"] {
        csv.push_str(&get(format!("/api/v1/municipalities/demo/tables/{table}.csv?{}", month_query(m))).await);
    }
    (serde_json::from_str(&json).unwrap(), csv)
}

fn listened(v: &Value, slug: &str) -> Value {
    let s = v["services"].as_array().unwrap().iter().find(|s| s["slug"] == slug).unwrap();
    s["criteria"].as_array().unwrap().iter().find(|c| c["criterion"] == 6).unwrap().clone()
}

/// Item 3: one rating between two reads changes nothing; five do.
async fn one_rating_between_two_reads_shows_nothing(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    token(&db).await;
    let now = Month::of_unix(app::domain::policy::now());
    rate(&app, "fgu", json!({ "answers": { "listened": 4 } }), 6).await;
    rate(&app, "jobcenter", json!({ "answers": { "listened": 3 } }), 7).await;
    let (before, before_csv) = read(&app, now).await;
    assert_eq!(listened(&before, "fgu")["n"], 6, "the cell shows a figure: {before}");
    rate(&app, "fgu", json!({ "answers": { "listened": 1 } }), 1).await;
    let (after, after_csv) = read(&app, now).await;
    assert_eq!(after, before, "one young person's answer must not show");
    assert_eq!(after_csv, before_csv, "nor in the CSV");
    rate(&app, "fgu", json!({ "answers": { "listened": 1 } }), 4).await;
    let (later, later_csv) = read(&app, now).await;
    assert_eq!(listened(&later, "fgu")["n"], 11, "five arrivals release a new value: {later}");
    assert_ne!(later_csv, after_csv);
}

/// Item 3: a rating replaced after its month ended does not move that month.
async fn a_replaced_rating_does_not_move_a_closed_month(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    token(&db).await;
    let now = app::domain::policy::now();
    let this = Month::of_unix(now);
    let aged = this.start_unix() - 3600;
    // Late on the 31st no moment of last month is still replaceable: then the
    // second rating is a new one (in this month), and the closed month must
    // not move either way.
    let replaceable = now - aged <= app::domain::policy::REPLACE_WINDOW_SECS - 600;
    let phones = rate(&app, "fgu", json!({ "answers": { "listened": 4 } }), 6).await;
    crate::common::execute_sql(&db.url, &format!("UPDATE ratings SET created_at = {aged}, updated_at = {aged}")).await;
    connect(&db.url).await.unwrap().rebuild_rollups().await.unwrap();
    let last = this.plus(-1);
    let (before, before_csv) = read(&app, last).await;
    assert_eq!(listened(&before, "fgu"), json!({ "criterion": 6, "n": 6, "mean": 4.0, "suppressed": false }));
    let r = phones[0]
        .post(app.url("/api/v1/municipalities/demo/services/fgu/ratings"))
        .json(&json!({ "answers": { "listened": 1 } }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let count = crate::common::dump_text(&db.url, "SELECT CAST(COUNT(*) AS TEXT) FROM ratings").await;
    assert_eq!(count.trim(), if replaceable { "6" } else { "7" }, "replaced within the window, else added");
    let (after, after_csv) = read(&app, last).await;
    assert_eq!(after, before, "the closed month is frozen");
    assert_eq!(after_csv, before_csv);
}

/// Item 3: one answer to an assumption between two reads changes nothing.
async fn one_assumption_answer_between_two_reads_shows_nothing(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    let page = "/admin/demo/antagelser";
    let form = [("action", "add"), ("statement", "Unge vil ikke have video"), ("question_da", "Vil du have video?"), ("supports", "nej")];
    assert_eq!(manager.post(app.url(page)).form(&form).send().await.unwrap().status(), 303);
    let (_, html) = text(&manager, app.url(page)).await;
    let id: i64 = html.split("name=\"assumption_id\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().parse().unwrap();
    let key = format!("antagelse-{id}");
    rate(&app, "fgu", json!({ "answers": { "listened": 4, key.clone(): "nej" } }), 6).await;
    let evidence = |html: &str| html.split("n = ").nth(1).map(|s| s.chars().take_while(char::is_ascii_digit).collect::<String>());
    let (_, before) = text(&manager, app.url(page)).await;
    assert_eq!(evidence(&before).as_deref(), Some("6"), "the evidence is shown");
    rate(&app, "fgu", json!({ "answers": { "listened": 4, key.clone(): "ja" } }), 1).await;
    let (_, after) = text(&manager, app.url(page)).await;
    assert_eq!(evidence(&after), evidence(&before), "one answer must not show");
    assert!(after.contains("100 % af svarene"), "the share is the released one: {after}");
    let (_, dash) = text(&manager, app.url("/styring/demo")).await;
    assert!(dash.contains("n = 6") && !dash.contains("n = 7"), "the dashboard shows the same evidence");
}

async fn demo_store(db: &TestDb) -> (DynStore, app::domain::Municipality) {
    let store = connect(&db.url).await.unwrap();
    let demo = store.municipality("demo").await.unwrap().unwrap();
    (store, demo)
}

async fn month_dashboard(store: &DynStore, mun: &app::domain::Municipality) -> Dashboard {
    let now = app::domain::policy::now();
    let query = DashboardQuery::from_pairs(&[("periode".into(), "maaned".into())], Month::of_unix(now)).unwrap();
    dashboard(store, &ComparisonCache::default(), mun, query, now).await.unwrap()
}

/// Item 4: the ratings of a service minus its shown handovers must not
/// single out the few who did not say where they came from.
async fn handovers_cannot_be_subtracted_from_their_row(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    rate(&app, "fgu", json!({ "answers": { "listened": 4, "fits_path": 4 }, "came_from": "uu" }), 6).await;
    rate(&app, "fgu", json!({ "answers": { "listened": 1, "fits_path": 1 } }), 1).await;
    let (store, demo) = demo_store(&db).await;
    let d = month_dashboard(&store, &demo).await;
    let fgu = d.rows.iter().find(|r| r.service.slug == "fgu").unwrap();
    let into_fgu: Vec<i64> = d.handovers.iter().filter(|h| h.to == fgu.service.name).filter_map(|h| h.figure.n).collect();
    if let (Some(row), false) = (fgu.total.n, into_fgu.is_empty()) {
        let rest = row - into_fgu.iter().sum::<i64>();
        assert!(rest == 0 || rest >= 5, "row {row} minus handovers {into_fgu:?} singles out {rest}");
    }
}

/// Item 5: a median of three municipalities is one of their means.
async fn a_median_needs_five_municipalities(engine: Engine) {
    let db = TestDb::new(engine).await;
    let store = connect(&db.url).await.unwrap();
    let now = app::domain::policy::now();
    let mut muns = Vec::new();
    for slug in ["demo", "andeby", "gaasebyen", "ankeby", "langtbortistan"] {
        let mut seed = app::domain::demo::demo_municipality();
        seed.slug = slug.into();
        store.seed_municipality(&seed).await.unwrap();
        muns.push(store.municipality(slug).await.unwrap().unwrap());
    }
    crate::common::six_fgu_ratings_each(&store, &muns, now).await;
    let median = |d: &Dashboard| d.comparison.as_ref().map(|c| c.iter().find(|c| c.criterion == 6).unwrap().median);
    for m in &muns[..3] {
        store.set_compare_opt_in(m.id, true).await.unwrap();
    }
    // One server's kept means: a new member is computed anew at once.
    let cache = ComparisonCache::default();
    let query = DashboardQuery::from_pairs(&[("periode".into(), "maaned".into())], Month::of_unix(now)).unwrap();
    let d = dashboard(&store, &cache, &muns[0], query.clone(), now).await.unwrap();
    assert_eq!(median(&d), Some(None), "three municipalities: no median");
    for m in &muns[3..] {
        store.set_compare_opt_in(m.id, true).await.unwrap();
    }
    let d = dashboard(&store, &cache, &muns[0], query, now).await.unwrap();
    assert_eq!(median(&d), Some(Some(3.0)), "median of 1–5");
}

/// Item 14: deactivating a service whose ratings were hidden must not
/// reveal them through the headline total.
async fn deactivating_a_service_keeps_the_totals(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    rate(&app, "fgu", json!({ "answers": { "listened": 4 } }), 10).await;
    rate(&app, "jobcenter", json!({ "answers": { "listened": 4 } }), 23).await;
    rate(&app, "uu", json!({ "answers": { "listened": 2 } }), 3).await;
    let (store, demo) = demo_store(&db).await;
    let d = month_dashboard(&store, &demo).await;
    assert_eq!(d.ratings.n, Some(36));
    let uu = store.service(demo.id, "uu").await.unwrap().unwrap();
    let off = ServiceInput {
        slug: uu.slug,
        name: uu.name,
        description_da: uu.description_da,
        description_en: uu.description_en,
        kind: uu.kind,
        category: uu.category,
        active: false,
    };
    assert!(store.update_service(demo.id, &off).await.unwrap());
    let d = month_dashboard(&store, &demo).await;
    assert_eq!(d.ratings.n, Some(36), "the headline total must not drop by the hidden 3");
    assert!(d.rows.iter().all(|r| r.service.slug != "uu"), "no row for a deactivated service");
    rate(&app, "fgu", json!({ "answers": { "listened": 4 } }), 5).await;
    let d = month_dashboard(&store, &demo).await;
    assert_eq!(d.ratings.n, Some(41), "totals keep counting the deactivated service");
}

/// Item 3, two instances at once: a release is written only where the
/// stored value is K arrivals behind and not frozen, checked at write time.
async fn two_readers_cannot_release_values_closer_than_five(engine: Engine) {
    use app::store::governance::ReleasedRow;
    let db = TestDb::new(engine).await;
    let (store, demo) = {
        let store = connect(&db.url).await.unwrap();
        store.seed_municipality(&app::domain::demo::demo_municipality()).await.unwrap();
        let demo = store.municipality("demo").await.unwrap().unwrap();
        (store, demo)
    };
    let row = |value: &str, arrivals: i64, released_at: i64| ReleasedRow {
        node_from: 202611,
        node_to: 202611,
        figure: "grand".into(),
        value: value.into(),
        arrivals,
        released_at,
        closes_at: 1000,
    };
    assert!(store.release_figures(demo.id, &[row("a", 10, 1)]).await.unwrap().is_empty());
    // Another reader saw the same old value and tries 4 arrivals later: refused.
    assert_eq!(store.release_figures(demo.id, &[row("b", 14, 2)]).await.unwrap(), vec![row("b", 14, 2)]);
    assert!(store.release_figures(demo.id, &[row("c", 15, 3)]).await.unwrap().is_empty());
    // Released after the node closed: frozen for good.
    assert!(store.release_figures(demo.id, &[row("d", 20, 1000)]).await.unwrap().is_empty());
    assert_eq!(store.release_figures(demo.id, &[row("e", 90, 2000)]).await.unwrap().len(), 1);
    let stored = store.released_figures(demo.id, 202611, 202611).await.unwrap();
    assert_eq!(stored, vec![row("d", 20, 1000)]);
}

crate::both_engines!(
    two_readers_cannot_release_values_closer_than_five,
    one_rating_between_two_reads_shows_nothing,
    a_replaced_rating_does_not_move_a_closed_month,
    one_assumption_answer_between_two_reads_shows_nothing,
    handovers_cannot_be_subtracted_from_their_row,
    a_median_needs_five_municipalities,
    deactivating_a_service_keeps_the_totals
);
