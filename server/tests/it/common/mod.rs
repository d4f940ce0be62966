//! Test helpers: the real server on port 0 with a fresh database, on either
//! engine. PostgreSQL must be reachable: these tests fail, never skip.
#![allow(dead_code)]

use server::config::{DbArgs, ServeArgs};
use std::net::SocketAddr;

pub use store::testing::Engine;
/// A fresh, empty database of one engine. Dropping it removes it.
pub use store::testing::FreshDb as TestDb;

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub db_url: String,
    handle: tokio::task::JoinHandle<()>,
    /// Where `/metrics` is, when the test asked for it (`metrics_addr`).
    pub metrics_addr: Option<SocketAddr>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Stops the server (as a crash would: no graceful shutdown).
    pub fn kill(self) {
        self.handle.abort();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

/// Starts the real server on port 0 with the demo municipality.
pub async fn spawn_app(db: &TestDb) -> TestApp {
    spawn_app_with(db, |_| ()).await
}

/// Like `spawn_app`, with some settings changed first.
pub async fn spawn_app_with(db: &TestDb, change: impl FnOnce(&mut ServeArgs)) -> TestApp {
    let mut args =
        ServeArgs { addr: ([127, 0, 0, 1], 0).into(), db: DbArgs { database_url: db.url.clone() }, demo: true, ..Default::default() };
    change(&mut args);
    let started = server::start(args).await.expect("server starts");
    let addr = started.addr;
    TestApp { addr, base: format!("http://{addr}"), db_url: db.url.clone(), handle: started.handle, metrics_addr: started.metrics_addr }
}

/// Creates a staff account with a password and roles, straight in the store
/// (as `stemme user add --password-stdin` does). `municipality` `None`: operator.
pub async fn add_staff(db_url: &str, email: &str, municipality: Option<&str>, roles: &[app::domain::staff::Role], password: &str) -> i64 {
    use app::domain::secret;
    let store = app::store::connect(db_url).await.expect("store");
    let mid = match municipality {
        Some(slug) => {
            if store.municipality(slug).await.unwrap().is_none() {
                store.seed_municipality(&app::domain::demo::new_municipality(slug, slug)).await.unwrap();
            }
            Some(store.municipality(slug).await.unwrap().unwrap().id)
        }
        None => None,
    };
    let now = app::domain::policy::now();
    let id = store.ensure_staff(email, now).await.unwrap();
    for role in roles {
        store.grant_role(id, mid, *role).await.unwrap();
    }
    let token = secret::new_secret();
    store.create_password_link(id, &secret::digest(&token), now + 60).await.unwrap();
    let phc = app::domain::password::hash(password).unwrap();
    store.use_password_link(&secret::digest(&token), &phc, now).await.unwrap().expect("link works");
    if app::domain::second_factor::required_for(&store.grants(id).await.unwrap()) {
        set_up_app(&store, id).await;
    }
    id
}

/// As if the person had set up their authenticator app: the codes come
/// from `code_for`, and `RECOVERY_CODE` is their one recovery code.
pub async fn set_up_app(store: &app::store::DynStore, staff_id: i64) {
    let now = app::domain::policy::now();
    store.begin_totp(staff_id, TOTP_SECRET, now).await.unwrap();
    assert!(store.confirm_totp(staff_id, 0, &[app::domain::secret::digest(RECOVERY_CODE)], now).await.unwrap());
}

/// `set_up_app` for an account made some other way (the CLI, an invitation).
pub async fn set_up_app_for(db_url: &str, email: &str) {
    let store = app::store::connect(db_url).await.expect("store");
    let id = store.staff_by_email(email).await.unwrap().expect("the account exists").id;
    set_up_app(&store, id).await;
}

pub const PASSWORD: &str = "blå hest spiser kage";
/// The authenticator app `add_staff` sets up for admins, moderators and the operator.
pub const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/// Their one recovery code.
pub const RECOVERY_CODE: &str = "abcde-fghjk";

/// A code from `TOTP_SECRET` that `email` has not used on this server yet:
/// each step is accepted once, and a test may sign in several times within
/// one 30-second step (the server takes one step either side of now).
pub fn code_for(app: &TestApp, email: &str) -> String {
    use app::domain::second_factor::{code_at, step_of};
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static USED: LazyLock<Mutex<HashMap<(String, String), i64>>> = LazyLock::new(|| Mutex::new(HashMap::new()));
    loop {
        let now_step = step_of(app::domain::policy::now());
        let mut used = USED.lock().unwrap();
        let last = used.get(&(app.base.clone(), email.to_string())).copied().unwrap_or(i64::MIN);
        // Never the step before now: a request that crosses a step boundary
        // would carry a code two steps old, which the server rightly refuses.
        let step = now_step.max(last + 1);
        if step <= now_step + 1 {
            used.insert((app.base.clone(), email.to_string()), step);
            return code_at(TOTP_SECRET, step).unwrap();
        }
        drop(used);
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

/// `POST /api/v1/session`'s body for `email` with `PASSWORD` (and a code,
/// which accounts without an app ignore).
pub fn credentials(app: &TestApp, email: &str) -> serde_json::Value {
    serde_json::json!({ "email": email, "password": PASSWORD, "code": code_for(app, email) })
}

/// A client signed in through `POST /api/v1/session`.
pub async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    let r = c.post(app.url("/api/v1/session")).json(&credentials(app, email)).send().await.unwrap();
    assert_eq!(r.status(), 200, "sign-in of {email}");
    c
}

/// GETs a page: its status and body.
pub async fn text(c: &reqwest::Client, url: String) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The value of the session cookie a response sets.
pub fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find_map(|c| {
        let (name, rest) = c.split_once('=')?;
        name.ends_with("stemme_session").then(|| rest.split(';').next().unwrap_or_default().to_string())
    })
}

/// A client like a phone's browser: keeps cookies, does not follow redirects.
/// A request that hangs fails the test after a minute instead of eating
/// CI's whole time budget.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client")
}

/// Runs one async test body against both engines as two test functions.
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Engine::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Engine::Postgres).await;
                }
            )*
        }
    };
}

/// Runs one SQL statement on the test database (to age rows, or to read what
/// is really stored).
pub async fn execute_sql(db_url: &str, sql: &str) {
    use sqlx::Connection;
    if db_url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(db_url).await.expect("sqlite");
        sqlx::query(sql).execute(&mut c).await.expect("sql");
    } else {
        let mut c = sqlx::PgConnection::connect(db_url).await.expect("postgres");
        sqlx::query(sql).execute(&mut c).await.expect("sql");
    }
}

/// One number from the test database (`SELECT COUNT(*) …`): what is really
/// stored, now that public answers say "under 5" below 5.
pub async fn count_sql(db_url: &str, sql: &str) -> i64 {
    use sqlx::{Connection, Row};
    if db_url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(db_url).await.expect("sqlite");
        sqlx::query(sql).fetch_one(&mut c).await.expect("sql").try_get::<i64, _>(0).expect("a number")
    } else {
        let mut c = sqlx::PgConnection::connect(db_url).await.expect("postgres");
        sqlx::query(sql).fetch_one(&mut c).await.expect("sql").try_get::<i64, _>(0).expect("a number")
    }
}

/// How many ratings service `slug` of the demo municipality really has.
pub async fn stored_ratings(db_url: &str, slug: &str) -> i64 {
    count_sql(db_url, &format!("SELECT COUNT(*) FROM ratings r JOIN services s ON s.id = r.service_id WHERE s.slug = '{slug}'")).await
}

/// Every text column value of one table, joined (to prove what is not stored).
pub async fn dump_text(db_url: &str, sql: &str) -> String {
    use sqlx::{Connection, Row};
    if db_url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(db_url).await.expect("sqlite");
        let rows = sqlx::query(sql).fetch_all(&mut c).await.expect("sql");
        rows.iter().map(|r| r.try_get::<Option<String>, _>(0).ok().flatten().unwrap_or_default()).collect::<Vec<_>>().join("\n")
    } else {
        let mut c = sqlx::PgConnection::connect(db_url).await.expect("postgres");
        let rows = sqlx::query(sql).fetch_all(&mut c).await.expect("sql");
        rows.iter().map(|r| r.try_get::<Option<String>, _>(0).ok().flatten().unwrap_or_default()).collect::<Vec<_>>().join("\n")
    }
}

/// Six ratings of FGU in each municipality, the i-th rating "listened" i + 1:
/// one mean per municipality, for the cross-municipality comparison.
pub async fn six_fgu_ratings_each(store: &app::store::DynStore, muns: &[app::domain::Municipality], now: i64) {
    use app::domain::rating::{Answer, ValidRating};
    for (i, m) in muns.iter().enumerate() {
        let fgu = store.service(m.id, "fgu").await.unwrap().unwrap();
        for phone in 0..6 {
            let rating = ValidRating {
                answers: vec![("listened".into(), Answer::Scale(i as i64 + 1))],
                comment: None,
                age_band: None,
                came_from: None,
                channel: "web".into(),
            };
            let new = app::store::NewRating {
                service_id: fgu.id,
                device_hash: format!("{i}-{phone}"),
                came_from_service_id: None,
                rating,
                comment_review: Default::default(),
                now,
            };
            store.save_rating(&new).await.unwrap();
        }
    }
}
