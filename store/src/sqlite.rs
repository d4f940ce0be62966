//! The embedded engine: one SQLite file in WAL mode with full fsync, so an
//! acknowledged rating survives a crash of the process or the machine.

use super::admin::impl_catalogue_store;
use super::assumptions::impl_assumption_store;
use super::batch::Batcher;
use super::cache::CatalogueCache;
use super::common::{self, impl_store};
use super::governance::impl_governance_store;
use super::principles::impl_principle_store;
use super::proposals::impl_proposal_store;
use super::staff::impl_staff_store;
use super::workshops::{impl_workshop_store, OnChange, ResponseWrite, Saved};
use super::{Municipality, NewRating, RatingSaved, StoreError, StoredRating};
use domain::demo::MunicipalitySeed;
use domain::question::Question;
use domain::service::Service;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    pub pool: SqlitePool,
    /// Ratings are written in groups (one writer: SQLite has one anyway).
    ratings: Batcher<NewRating, RatingSaved>,
    /// Workshop answers likewise: a room of phones voting at once.
    responses: Batcher<ResponseWrite, Saved>,
    /// What every rating page reads first (`cache`).
    catalogue: CatalogueCache,
}

impl SqliteStore {
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
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            // No idle or lifetime reaping: sqlx 0.8's reaper task can read a
            // wrapped-around idle count and spin forever without yielding,
            // freezing a runtime worker (launchbadge/sqlx#3645; it hung a CI
            // run here). Dead connections are still caught before use.
            .idle_timeout(None)
            .max_lifetime(None)
            .test_before_acquire(true)
            .connect_with(options)
            .await
            .map_err(|e| format!("cannot open SQLite database {url}: {e}"))?;
        crate::migrations::migrator(crate::migrations::SQLITE).run(&pool).await.map_err(|e| format!("SQLite migration failed: {e}"))?;
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
        Ok(SqliteStore { pool, ratings, responses, catalogue: CatalogueCache::default() })
    }
}

impl_store!(SqliteStore, sqlx::Sqlite, "sqlite", None);
impl_staff_store!(SqliteStore);
impl_catalogue_store!(SqliteStore);
impl_principle_store!(SqliteStore);
impl_proposal_store!(SqliteStore);
impl_governance_store!(SqliteStore);
impl_assumption_store!(SqliteStore);
impl_workshop_store!(SqliteStore, sqlx::Sqlite, None::<&str>, watch);

/// One process owns the file: its own writes are all there is to watch.
async fn watch(_: &SqliteStore, _: OnChange) -> Result<bool, StoreError> {
    Ok(false)
}
