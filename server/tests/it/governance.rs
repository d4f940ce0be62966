//! The governance view and its exports: rollups that equal the ratings,
//! disclosure control over HTTP, and who may see what.

use crate::common::{add_staff, client, signed_in, spawn_app, Engine, TestApp, TestDb};
use app::domain::governance::month::Month;
use app::domain::rating::{Answer, ValidRating};
use app::domain::staff::Role;
use app::store::governance::CellFilter;
use app::store::{connect, NewRating};
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::collections::BTreeMap;

type Expected = BTreeMap<(i64, String, String, i64), (i64, i64, i64)>;

/// The same cells as the rollups, computed straight from the ratings.
async fn direct(db_url: &str, age: Option<&str>) -> Expected {
    let store = connect(db_url).await.unwrap();
    let m = store.municipality("demo").await.unwrap().unwrap();
    let mut out = Expected::new();
    for s in store.services(m.id).await.unwrap() {
        let ids = crate::common::dump_text(db_url, &format!("SELECT CAST(id AS TEXT) FROM ratings WHERE service_id = {}", s.id)).await;
        for id in ids.split_whitespace().filter_map(|v| v.parse::<i64>().ok()) {
            let r = store.rating(id).await.unwrap().unwrap();
            if age.is_some_and(|a| r.age_band.as_deref().unwrap_or("") != a) {
                continue;
            }
            let month = Month::of_unix(r.created_at).yyyymm();
            let e = out.entry((s.id, String::new(), String::new(), month)).or_default();
            e.0 += 1;
            for (k, a) in r.answers {
                let (choice, v) = match a {
                    Answer::Scale(v) => (String::new(), v),
                    Answer::Choice(c) => (c, 0),
                };
                let e = out.entry((s.id, k, choice, month)).or_default();
                (e.0, e.1, e.2) = (e.0 + 1, e.1 + v, e.2 + v * v);
            }
        }
    }
    out
}

async fn rolled_up(db_url: &str, age: Option<&str>) -> Expected {
    let store = connect(db_url).await.unwrap();
    let m = store.municipality("demo").await.unwrap().unwrap();
    let f = CellFilter { from: 190001, to: 999912, age_band: age.map(str::to_string), channel: None };
    store
        .answer_cells(m.id, &f)
        .await
        .unwrap()
        .into_iter()
        // Cells whose ratings were all replaced away keep only their arrivals.
        .filter(|c| c.n != 0)
        .map(|c| ((c.service_id, c.question_key, c.choice, c.month), (c.n, c.total, c.sq)))
        .collect()
}

/// Random ratings over two years from a small pool of phones (so many
/// replace an earlier one), plus a bulk import: the rollups must equal a
/// direct count, with and without a filter, and after a rebuild.
async fn rollups_equal_a_direct_query(engine: Engine) {
    let db = TestDb::new(engine).await;
    let store = connect(&db.url).await.unwrap();
    store.seed_municipality(&app::domain::demo::demo_municipality()).await.unwrap();
    let m = store.municipality("demo").await.unwrap().unwrap();
    let services: Vec<i64> = store.services(m.id).await.unwrap().iter().map(|s| s.id).collect();
    let mut rng = rand::rngs::StdRng::seed_from_u64(42);
    let start = app::domain::policy::now() - 2 * 365 * 86_400;
    let mut now = start;
    for _ in 0..250 {
        now += rng.gen_range(0..6 * 86_400);
        let mut answers = Vec::new();
        for k in ["listened", "fits_path", "overall"] {
            if rng.gen_bool(0.8) {
                answers.push((k.to_string(), Answer::Scale(rng.gen_range(1..=5))));
            }
        }
        if rng.gen_bool(0.5) {
            answers.push(("contact_person".to_string(), Answer::Choice("yes".into())));
        }
        let service = services[rng.gen_range(0..3)];
        let new = NewRating {
            service_id: service,
            device_hash: format!("phone-{}", rng.gen_range(0..15)),
            came_from_service_id: rng.gen_bool(0.3).then(|| services[4]),
            rating: ValidRating {
                answers,
                comment: None,
                age_band: [None, Some("15-17".to_string()), Some("18-20".to_string())][rng.gen_range(0..3)].clone(),
                came_from: None,
                channel: ["web", "qr"][rng.gen_range(0..2)].into(),
            },
            comment_review: Default::default(),
            now,
        };
        store.save_rating(&new).await.unwrap();
    }
    let questions = store.questions(m.id).await.unwrap();
    let batch: Vec<_> = app::domain::governance::synthetic::Generator::new(&services, &questions, now, 3, "bulk").take(300).collect();
    store.import_ratings(m.id, &batch, true).await.unwrap();
    let replaced = crate::common::dump_text(&db.url, "SELECT CAST(COUNT(*) AS TEXT) FROM ratings").await;
    assert!(replaced.trim().parse::<i64>().unwrap() < 550, "some ratings replaced earlier ones: {replaced}");
    for age in [None, Some("15-17"), Some("")] {
        assert_eq!(rolled_up(&db.url, age).await, direct(&db.url, age).await, "age filter {age:?}");
    }
    store.rebuild_rollups().await.unwrap();
    assert_eq!(rolled_up(&db.url, None).await, direct(&db.url, None).await, "after a rebuild");
    // A bulk import without rollups, then the start-up job a migration
    // leaves: the next start sums everything once, and only once.
    let more: Vec<_> = app::domain::governance::synthetic::Generator::new(&services, &questions, now, 4, "raw").take(200).collect();
    store.import_ratings(m.id, &more, false).await.unwrap();
    assert_ne!(rolled_up(&db.url, None).await, direct(&db.url, None).await, "not yet summed");
    crate::common::execute_sql(&db.url, "INSERT INTO maintenance (task) VALUES ('rebuild_rollups')").await;
    drop(connect(&db.url).await.unwrap());
    assert_eq!(rolled_up(&db.url, None).await, direct(&db.url, None).await, "summed at start-up");
    assert_eq!(crate::common::dump_text(&db.url, "SELECT task FROM maintenance").await, "", "the job is done");
    drop(connect(&db.url).await.unwrap());
    assert_eq!(rolled_up(&db.url, None).await, direct(&db.url, None).await, "not summed twice");
}

async fn rate(app: &TestApp, service: &str, listened: i64, n: usize) {
    for _ in 0..n {
        let r = client()
            .post(app.url(&format!("/api/v1/municipalities/demo/services/{service}/ratings")))
            .json(&json!({ "answers": { "listened": listened } }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
    }
}

fn this_month() -> String {
    let m = Month::of_unix(app::domain::policy::now());
    format!("from={}&to={}", m.first_day(), m.last_day())
}

async fn summary(c: &reqwest::Client, app: &TestApp) -> Value {
    let r = c.get(app.url(&format!("/api/v1/municipalities/demo/summary?{}", this_month()))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// Criterion 6 ("listened") of a service in the summary.
fn listened<'a>(v: &'a Value, slug: &str) -> &'a Value {
    let s = v["services"].as_array().unwrap().iter().find(|s| s["slug"] == slug).unwrap();
    s["criteria"].as_array().unwrap().iter().find(|c| c["criterion"] == 6).unwrap()
}

async fn four_hidden_five_shown_and_the_secondary_case(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], crate::common::PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    rate(&app, "fgu", 4, 4).await;
    let v = summary(&manager, &app).await;
    assert_eq!(v["k"], 5);
    assert_eq!(listened(&v, "fgu"), &json!({ "criterion": 6, "n": null, "mean": null, "suppressed": true }));
    assert_eq!(listened(&v, "uu"), &json!({ "criterion": 6, "n": 0, "mean": null, "suppressed": false }));
    // The release rule: what was read stays until 5 more have answered.
    rate(&app, "fgu", 4, 1).await;
    let v = summary(&manager, &app).await;
    assert_eq!(listened(&v, "fgu")["suppressed"], true, "1 new answer since the last read: {v}");
    rate(&app, "fgu", 4, 4).await;
    let v = summary(&manager, &app).await;
    assert_eq!(listened(&v, "fgu"), &json!({ "criterion": 6, "n": 9, "mean": 4.0, "suppressed": false }));
    // 3 at UU beside 5 at FGU and 20 at the jobcentre, read for the first
    // time: the column's total minus the two shown cells would reveal UU,
    // so FGU is hidden too.
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], crate::common::PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    rate(&app, "fgu", 4, 5).await;
    rate(&app, "uu", 2, 3).await;
    rate(&app, "jobcenter", 5, 20).await;
    let v = summary(&manager, &app).await;
    assert_eq!(listened(&v, "uu")["suppressed"], true);
    assert_eq!(listened(&v, "fgu")["suppressed"], true, "secondary suppression: {v}");
    assert_eq!(listened(&v, "jobcenter")["mean"], 5.0);
    let text = v.to_string();
    assert!(!text.contains("\"n\":3") && !text.contains("\"n\":4"), "no group under 5 anywhere: {text}");
}

async fn only_managers_and_tokens_of_the_municipality(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], crate::common::PASSWORD).await;
    add_staff(&db.url, "mod@demo.dk", Some("demo"), &[Role::Moderator], crate::common::PASSWORD).await;
    add_staff(&db.url, "leder@andeby.dk", Some("andeby"), &[Role::Manager], crate::common::PASSWORD).await;
    let store = connect(&db.url).await.unwrap();
    let (demo, andeby) = (store.municipality("demo").await.unwrap().unwrap(), store.municipality("andeby").await.unwrap().unwrap());
    let token = format!("stm_{}", "a".repeat(64));
    store.create_api_token(demo.id, "BI", &app::domain::secret::digest(&token), app::domain::policy::now()).await.unwrap();
    let other = format!("stm_{}", "b".repeat(64));
    store.create_api_token(andeby.id, "BI", &app::domain::secret::digest(&other), app::domain::policy::now()).await.unwrap();
    let status = |c: reqwest::Client, path: &'static str, bearer: Option<String>| {
        let url = app.url(path);
        async move {
            let mut rb = c.get(url);
            if let Some(t) = bearer {
                rb = rb.header("authorization", format!("Bearer {t}"));
            }
            rb.send().await.unwrap().status().as_u16()
        }
    };
    // The summary and every table's CSV file answer the same people.
    for path in ["/api/v1/municipalities/demo/summary", "/api/v1/municipalities/demo/tables/heatmap.csv", "/api/v1/municipalities/demo/tables/trends.csv"]
    {
        assert_eq!(status(client(), path, None).await, 401, "{path}");
        assert_eq!(status(signed_in(&app, "mod@demo.dk").await, path, None).await, 403, "{path}");
        assert_eq!(status(signed_in(&app, "leder@andeby.dk").await, path, None).await, 404, "{path}");
        assert_eq!(status(signed_in(&app, "leder@demo.dk").await, path, None).await, 200, "{path}");
        assert_eq!(status(client(), path, Some(token.clone())).await, 200, "{path}");
        assert_eq!(status(client(), path, Some(other.clone())).await, 404, "{path}");
    }
    assert_eq!(status(client(), "/api/v1/municipalities/demo/summary.csv", Some(token)).await, 200);
    // The pages: sign-in first, then managers of demo only.
    let page = client().get(app.url("/styring/demo")).send().await.unwrap();
    let location = page.headers().get("location").map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    assert!(page.status().is_redirection() && location.starts_with("/login"), "anonymous → sign in: {location}");
    assert_eq!(signed_in(&app, "mod@demo.dk").await.get(app.url("/styring/demo")).send().await.unwrap().status(), 403);
    assert_eq!(signed_in(&app, "leder@andeby.dk").await.get(app.url("/styring/demo/rapport")).send().await.unwrap().status(), 404);
    let manager = signed_in(&app, "leder@demo.dk").await;
    for p in ["/styring/demo", "/styring/demo/rapport", "/styring/demo?periode=aar&type=internal&tilbud=fgu"] {
        let r = manager.get(app.url(p)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{p}");
        assert!(r.text().await.unwrap().contains("class=\"heatmap\""), "{p}");
    }
    let r = manager.get(app.url("/styring/demo?periode=uge&ved=2026-13")).send().await.unwrap();
    assert_eq!(r.status(), 422);

    // At a glance, above the filters. The running quarter is not compared
    // with a whole one: changes are read between the two quarters before it.
    let now = Month::of_unix(app::domain::policy::now());
    let (_, html) = crate::common::text(&manager, app.url("/styring/demo")).await;
    let (glance, filters) = (html.find(r#"class="glance""#).unwrap(), html.find(r#"class="filters""#).unwrap());
    assert!(glance < filters, "the glance comes first");
    assert!(html.contains("Sammenlignes, når perioden er slut") && !html.contains("fra forrige periode"), "{html}");
    assert!(html.contains("er ikke slut endnu") && html.contains(r##"href="#g-pipe""##) && html.contains(r#"href="/admin/demo/forslag""#));
    // A quarter that is over is compared with the one before it.
    let (_, past) = crate::common::text(&manager, app.url(&format!("/styring/demo?periode=kvartal&ved={}", now.plus(-6).iso()))).await;
    assert!(!past.contains("Sammenlignes, når perioden er slut") && past.contains("fra forrige periode"), "{past}");
}

async fn csv_has_the_right_columns_and_bad_queries_are_422(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "leder@demo.dk", Some("demo"), &[Role::Manager], crate::common::PASSWORD).await;
    let manager = signed_in(&app, "leder@demo.dk").await;
    rate(&app, "fgu", 3, 6).await;
    let url = format!("/api/v1/municipalities/demo/summary.csv?{}&sep=semicolon&decimal=comma", this_month());
    let r = manager.get(app.url(&url)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let body = r.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "BOM for Excel");
    let mut lines = body.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("period_from;period_to;service_slug;service_name;criterion;criterion_name;n;mean;suppressed"));
    let fgu = body.lines().find(|l| l.contains(";fgu;") && l.contains(";6;")).unwrap();
    // A decimal comma holds the other separator, so it is quoted (issue 16): still a number to Excel.
    assert!(fgu.ends_with(";6;\"3,00\";false"), "{fgu}");
    for (bad, field) in [
        ("from=2026-01-01&to=2026-02-15", "to"),
        ("from=2026-02-30&to=2026-03-31", "from"),
        ("from=2026-01-01", "to"),
        ("kind=both", "kind"),
        ("service=nope", "service"),
    ] {
        let r = manager.get(app.url(&format!("/api/v1/municipalities/demo/summary?{bad}"))).send().await.unwrap();
        assert_eq!(r.status(), 422, "{bad}");
        let v: Value = r.json().await.unwrap();
        assert!(v["fields"][field].is_string(), "{bad}: {v}");
    }
    let r = manager.get(app.url("/api/v1/municipalities/demo/summary.csv?sep=tab")).send().await.unwrap();
    assert_eq!(r.status(), 422);

    // One file per table of the page, with the page's figures.
    let table = |name: &str, query: &str| {
        let url = app.url(&format!("/api/v1/municipalities/demo/tables/{name}?{query}"));
        let manager = manager.clone();
        async move {
            let r = manager.get(url).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, heat) = table("heatmap.csv", &this_month()).await;
    assert_eq!(status, 200);
    let mut lines = heat.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("service;K6_n;K6_mean;K7_n;K7_mean;K9_n;K9_mean;K10_n;K10_mean;all_n;all_mean"));
    let fgu = heat.lines().find(|l| l.starts_with("FGU")).unwrap();
    assert!(fgu.starts_with("FGU Demo;6;\"3,00\";"), "{fgu}");
    assert!(heat.lines().last().unwrap().starts_with("Alle tilbud;6;\"3,00\""), "{heat}");
    let (status, trends) = table("trends.csv", &format!("{}&sep=comma", this_month())).await;
    assert_eq!(status, 200);
    assert!(trends.contains("series,month,n,mean,interval_low,interval_high") && trends.contains(",6,3.00,"), "{trends}");
    for (name, query, expected) in [
        ("secret.csv", this_month(), 404),
        ("heatmap", this_month(), 404),
        ("heatmap.csv", "kind=both".to_string(), 422),
        ("heatmap.csv", "sep=tab".to_string(), 422),
    ] {
        let (status, body) = table(name, &query).await;
        assert_eq!(status, expected, "{name}?{query}: {body}");
        assert!(!body.is_empty() && body.contains("error"), "a message a person can act on: {body}");
    }
    let stranger = client().get(app.url("/api/v1/municipalities/demo/tables/heatmap.csv")).send().await.unwrap();
    assert_eq!(stranger.status(), 401);
}

/// The comparison shows a median only when 5 opted-in municipalities each
/// have at least 5 answers; the settings form turns it on.
async fn comparison_needs_five_municipalities(engine: Engine) {
    let db = TestDb::new(engine).await;
    let app = spawn_app(&db).await;
    add_staff(&db.url, "admin@demo.dk", Some("demo"), &[Role::Admin], crate::common::PASSWORD).await;
    let admin = signed_in(&app, "admin@demo.dk").await;
    let r = admin
        .post(app.url("/admin/demo/indstillinger"))
        .form(&[("months", "24"), ("response_days", "30"), ("compare", "on")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let store = connect(&db.url).await.unwrap();
    let now = app::domain::policy::now();
    let mut muns = vec![store.municipality("demo").await.unwrap().unwrap()];
    for slug in ["andeby", "gaasebyen", "ankeby", "langtbortistan"] {
        let mut seed = app::domain::demo::demo_municipality();
        seed.slug = slug.into();
        store.seed_municipality(&seed).await.unwrap();
        muns.push(store.municipality(slug).await.unwrap().unwrap());
    }
    crate::common::six_fgu_ratings_each(&store, &muns, now).await;
    let query = app::governance::DashboardQuery::from_pairs(&[("periode".into(), "maaned".into())], Month::of_unix(now)).unwrap();
    let listened = |d: &app::governance::Dashboard| d.comparison.as_ref().map(|c| c.iter().find(|c| c.criterion == 6).unwrap().median);
    let cache = app::governance::ComparisonCache::default();
    let d = app::governance::dashboard(&store, &cache, &muns[0], query.clone(), now).await.unwrap();
    assert_eq!(listened(&d), Some(None), "only demo takes part");
    for m in &muns[1..] {
        store.set_compare_opt_in(m.id, true).await.unwrap();
    }
    let d = app::governance::dashboard(&store, &cache, &muns[0], query.clone(), now).await.unwrap();
    assert_eq!(listened(&d), Some(Some(3.0)), "median of 1, 2, 3, 4 and 5");
    let d = app::governance::dashboard(&store, &cache, &muns[1], query, now).await.unwrap();
    assert_eq!(d.comparison.unwrap()[0].municipalities, 5);

    // The CSV table takes a shorter way (no whole dashboard) to the same figures.
    let token = "stm_cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    store.create_api_token(muns[0].id, "BI", &app::domain::secret::digest(token), now).await.unwrap();
    let m = Month::of_unix(now);
    let url = app.url(&format!("/api/v1/municipalities/demo/tables/comparison.csv?from={}&to={}", m.first_day(), m.last_day()));
    let r = client().get(url).header("authorization", format!("Bearer {token}")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csv = r.text().await.unwrap();
    assert!(csv.lines().map(str::trim_end).any(|l| l == r#"K6;6;"1,00";"3,00""#), "own figures and the median of 1–5: {csv}");
}

both_engines!(
    comparison_needs_five_municipalities,
    rollups_equal_a_direct_query,
    four_hidden_five_shown_and_the_secondary_case,
    only_managers_and_tokens_of_the_municipality,
    csv_has_the_right_columns_and_bad_queries_are_422
);
