//! A fresh database of either engine, and the small builders the scenarios
//! share. PostgreSQL must be reachable: these tests fail, never skip.
#![allow(dead_code)]

use domain::rating::{Answer, ValidRating};
use domain::Municipality;
use sqlx::Connection;
use store::{DynStore, NewRating};

/// 2026-11-21 12:00 UTC (month 202611 in Danish time).
pub const NOW: i64 = 1_795_428_000;
pub const DAY: i64 = 24 * 3600;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub fn pg_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh, migrated database of one engine. Dropping it removes it.
pub struct TestDb {
    pub url: String,
    pub engine: Engine,
    pub store: DynStore,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        let (url, dir, pg_name) = match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                (format!("sqlite:{}", dir.path().join("conf.db").display()), Some(dir), None)
            }
            Engine::Postgres => {
                let admin = pg_admin_url();
                let name = format!("stemme_conf_{}", domain::device::new_token());
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL is required for the tests ({admin}): {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
                (format!("{base}/{name}"), None, Some(name))
            }
        };
        let store = store::connect(&url).await.expect("store connects and migrates");
        TestDb { url, engine, store, _dir: dir, pg_name }
    }

    /// A second store on the same database (another instance of the server).
    pub async fn second_store(&self) -> DynStore {
        store::connect(&self.url).await.expect("second store")
    }

    /// Runs one SQL statement on the database (to age rows or to set up
    /// what no method can).
    pub async fn execute(&self, sql: &str) {
        if self.engine == Engine::Sqlite {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.expect("sqlite");
            sqlx::query(sql).execute(&mut c).await.expect("sql");
        } else {
            let mut c = sqlx::PgConnection::connect(&self.url).await.expect("postgres");
            sqlx::query(sql).execute(&mut c).await.expect("sql");
        }
    }

    /// One number read straight from the database.
    pub async fn count(&self, sql: &str) -> i64 {
        use sqlx::Row;
        if self.engine == Engine::Sqlite {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.expect("sqlite");
            sqlx::query(sql).fetch_one(&mut c).await.expect("sql").try_get::<i64, _>(0).expect("a number")
        } else {
            let mut c = sqlx::PgConnection::connect(&self.url).await.expect("postgres");
            sqlx::query(sql).fetch_one(&mut c).await.expect("sql").try_get::<i64, _>(0).expect("a number")
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = self.pg_name.take() {
            // Drop cannot await: a thread with a runtime of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                rt.block_on(async {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&pg_admin_url()).await {
                        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await;
                    }
                });
            })
            .join();
        }
    }
}

/// Runs each scenario `async fn name(db: TestDb)` on both engines, as two
/// tests: `<module>::sqlite::name` and `<module>::postgres::name`.
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::TestDb::new($crate::common::Engine::Sqlite).await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::TestDb::new($crate::common::Engine::Postgres).await).await;
                }
            )*
        }
    };
}

/// A new municipality (default questions and principles, no services).
pub async fn municipality(store: &DynStore, slug: &str) -> Municipality {
    assert!(store.seed_municipality(&domain::demo::new_municipality(slug, &format!("{slug} Kommune"))).await.unwrap());
    store.municipality(slug).await.unwrap().expect("seeded")
}

pub fn service_input(slug: &str, name: &str) -> domain::catalogue::ServiceInput {
    domain::catalogue::ServiceInput {
        slug: slug.into(),
        name: name.into(),
        description_da: format!("{name} (da)"),
        description_en: format!("{name} (en)"),
        kind: domain::service::ServiceKind::Internal,
        category: "uu".into(),
        active: true,
    }
}

/// Adds an active service; its id.
pub async fn service(store: &DynStore, municipality_id: i64, slug: &str) -> i64 {
    store.add_service(municipality_id, &service_input(slug, &slug.to_uppercase())).await.unwrap()
}

/// A rating from `device` of a service, on the web, without comment.
pub fn rating(service_id: i64, device: &str, answers: &[(&str, Answer)], now: i64) -> NewRating {
    NewRating {
        service_id,
        device_hash: device.into(),
        came_from_service_id: None,
        rating: ValidRating {
            answers: answers.iter().map(|(k, a)| (k.to_string(), a.clone())).collect(),
            comment: None,
            age_band: None,
            came_from: None,
            channel: "web".into(),
        },
        comment_review: Default::default(),
        now,
    }
}

/// "listened" on the 1–5 scale.
pub fn listened(v: i64) -> Vec<(&'static str, Answer)> {
    vec![("listened", Answer::Scale(v))]
}
