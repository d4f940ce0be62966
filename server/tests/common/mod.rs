//! Test helpers: the real server on port 0 with a fresh database, on either
//! engine. PostgreSQL must be reachable: these tests fail, never skip.
#![allow(dead_code)]

use server::config::{DbArgs, ServeArgs};
use std::net::SocketAddr;

#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A fresh, empty database of one engine. Dropping it removes it.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

pub fn pg_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite:{}", dir.path().join("stemme.db").display());
                TestDb { url, _dir: Some(dir), pg_name: None }
            }
            Engine::Postgres => {
                use sqlx::Connection;
                let admin = pg_admin_url();
                let name = format!("stemme_test_{}", app::domain::device::new_token());
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL is required for the tests ({admin}): {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
                TestDb { url: format!("{base}/{name}"), _dir: None, pg_name: Some(name) }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = self.pg_name.take() {
            // Best effort, on a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                rt.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&pg_admin_url()).await {
                        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await;
                    }
                });
            })
            .join();
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub db_url: String,
    handle: tokio::task::JoinHandle<()>,
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
    let args =
        ServeArgs { addr: ([127, 0, 0, 1], 0).into(), db: DbArgs { database_url: db.url.clone() }, demo: true, ..Default::default() };
    let (addr, handle) = server::start(args).await.expect("server starts");
    TestApp { addr, base: format!("http://{addr}"), db_url: db.url.clone(), handle }
}

/// A client like a phone's browser: keeps cookies, does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().expect("client")
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
