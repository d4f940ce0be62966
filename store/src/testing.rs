//! Fresh databases for tests (feature `testing`): the store's conformance
//! suite and the server's integration tests share this one recipe.
//! PostgreSQL must be reachable: a test that needs it fails, never skips.

use sqlx::Connection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// `TEST_POSTGRES_URL`, or the local server the README sets up.
pub fn pg_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh, empty database of one engine (not migrated: opening a store on
/// `url` migrates it). Dropping it removes it.
pub struct FreshDb {
    pub url: String,
    pub engine: Engine,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl FreshDb {
    pub async fn new(engine: Engine) -> FreshDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite:{}", dir.path().join("stemme.db").display());
                FreshDb { url, engine, _dir: Some(dir), pg_name: None }
            }
            Engine::Postgres => {
                let admin = pg_admin_url();
                // Random, so parallel tests and parallel checkouts never meet.
                let name = format!("stemme_test_{}", domain::device::new_token());
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL is required for the tests ({admin}): {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
                FreshDb { url: format!("{base}/{name}"), engine, _dir: None, pg_name: Some(name) }
            }
        }
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

impl Drop for FreshDb {
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
