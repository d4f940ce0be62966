//! The embedded engine: one SQLite file in WAL mode with full fsync, so an
//! acknowledged rating survives a crash of the process or the machine.

use super::batch::Batcher;
use super::cache::CatalogueCache;
use super::engine::{pool_options, Engine, SqlStore};
use super::workshops::OnChange;
use super::StoreError;
use domain::governance::rollup::{CellDelta, CellKey};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Pool, Sqlite, SqliteConnection};
use std::collections::BTreeMap;
use std::future::Future;
use std::str::FromStr;
use std::time::Duration;

pub type SqliteStore = SqlStore<Sqlite>;

impl Engine for Sqlite {
    const ENGINE: &'static str = "sqlite";
    // A write transaction holds the whole file: replacements and the
    // rebuild are serialised already.
    const LOCK_REPLACEMENT: Option<&'static str> = None;
    const LOCK_RATINGS: Option<&'static str> = None;
    const NOTIFY_WORKSHOP: Option<&'static str> = None;
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";

    /// One process owns the file: its own writes are all there is to watch.
    fn watch_workshops(_: &Pool<Sqlite>, _: OnChange) -> impl Future<Output = Result<bool, StoreError>> + Send {
        async { Ok(false) }
    }

    fn apply_cells<'t>(
        tx: &'t mut SqliteConnection,
        cells: &'t BTreeMap<CellKey, CellDelta>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send + 't {
        SqliteStore::apply_deltas(tx, cells.iter())
    }
}

impl SqlStore<Sqlite> {
    pub async fn open(url: &str) -> Result<Self, String> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| format!("bad SQLite DATABASE_URL: {e}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        if let Some(dir) = options.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let pool = pool_options::<Sqlite>(8).connect_with(options).await.map_err(|e| format!("cannot open SQLite database {url}: {e}"))?;
        crate::migrations::migrator(crate::migrations::SQLITE).run(&pool).await.map_err(|e| format!("SQLite migration failed: {e}"))?;
        // One writer per batched write: SQLite has one anyway.
        let writer = pool.clone();
        let ratings = Batcher::spawn(super::WRITE_BATCH, 1, move |batch| {
            let pool = writer.clone();
            async move { SqliteStore::write_ratings(&pool, batch).await }
        });
        let writer = pool.clone();
        let responses = Batcher::spawn(super::WRITE_BATCH, 1, move |batch| {
            let pool = writer.clone();
            async move { SqliteStore::write_responses(&pool, batch).await }
        });
        Ok(SqlStore { pool, ratings, responses, catalogue: CatalogueCache::default() })
    }
}
