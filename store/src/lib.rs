//! Storage: one `Store` trait, implemented once for `SqlStore<DB>` and used
//! on SQLite (embedded default) and PostgreSQL. Both run the same SQL text
//! (sqlx accepts `$1` placeholders on SQLite too); the differences are the
//! migrations and the `engine::Engine` trait (locks, NOTIFY, listening),
//! implemented in `sqlite.rs` / `postgres.rs`.

pub mod admin;
pub mod announcer;
pub mod assumptions;
pub mod backup;
pub mod batch;
pub mod cache;
mod common;
pub mod engine;
pub mod governance;
pub mod migrations;
pub mod passkeys;
mod pg_ratings;
mod pg_responses;
mod pg_rollups;
pub mod postgres;
pub mod principles;
pub mod proposals;
mod ratings;
mod root;
pub mod second_factor;
pub mod sqlite;
pub mod sso;
pub mod staff;
#[cfg(feature = "testing")]
pub mod testing;
pub mod workshops;

use async_trait::async_trait;
use domain::demo::MunicipalitySeed;
use domain::question::Question;
use domain::rating::{Answer, ValidRating};
use domain::service::Service;

pub use admin::CatalogueStore;
pub use assumptions::AssumptionStore;
pub use governance::GovernanceStore;
pub use principles::PrincipleStore;
pub use proposals::{ProposalStore, Review};
pub use passkeys::PasskeyStore;
pub use second_factor::SecondFactorStore;
pub use sso::SsoStore;
pub use staff::StaffStore;
use std::sync::Arc;
pub use workshops::WorkshopStore;

pub use domain::Municipality;

/// A validated rating, ready to be stored.
#[derive(Clone, Debug)]
pub struct NewRating {
    pub service_id: i64,
    /// SHA-256 of the device token (never the token itself).
    pub device_hash: String,
    pub came_from_service_id: Option<i64>,
    pub rating: ValidRating,
    /// Whether the (masked) comment may be shown, or waits for a moderator.
    pub comment_review: Review,
    /// Unix seconds, UTC.
    pub now: i64,
}

/// At most this many writes share one transaction (`batch`).
pub const WRITE_BATCH: usize = 64;
/// Writer tasks per batched write on PostgreSQL (SQLite has one). Two
/// batched writes × 4 leave half of the pool's 16 connections for reads.
pub const PG_WRITERS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RatingSaved {
    pub id: i64,
    /// True when an earlier rating from the same device was replaced.
    pub replaced: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredRating {
    pub id: i64,
    pub service_id: i64,
    pub answers: Vec<(String, Answer)>,
    pub comment: Option<String>,
    pub age_band: Option<String>,
    pub came_from_service_id: Option<i64>,
    pub channel: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Storage errors. The HTTP layer maps them: `Unavailable` → 503,
/// `Conflict` → 409, `Internal` → 500 (a bug of ours; logged, never shown).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database cannot be reached: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("already exists")]
    Conflict,
    #[error("database error: {0}")]
    Internal(#[source] sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict,
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => StoreError::Unavailable(e),
            _ => StoreError::Internal(e),
        }
    }
}

/// A moment's view of the store's resources.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Open connections, and how many of them are idle.
    pub connections: u32,
    pub idle: u32,
    /// Ratings and workshop answers waiting for their group commit.
    pub queued_ratings: usize,
    pub queued_answers: usize,
}

#[async_trait]
/// Everything the app stores. The staff and catalogue parts are their own
/// traits (files), all implemented by both engines.
pub trait Store:
    staff::StaffStore
    + second_factor::SecondFactorStore
    + sso::SsoStore
    + passkeys::PasskeyStore
    + admin::CatalogueStore
    + principles::PrincipleStore
    + proposals::ProposalStore
    + governance::GovernanceStore
    + assumptions::AssumptionStore
    + workshops::WorkshopStore
    + Send
    + Sync
    + 'static
{
    /// "sqlite" or "postgres".
    fn engine(&self) -> &'static str;
    async fn ping(&self) -> Result<(), StoreError>;
    /// The connection pool and the write queues now (for metrics).
    fn stats(&self) -> StoreStats;
    async fn municipalities(&self) -> Result<Vec<Municipality>, StoreError>;
    async fn municipality(&self, slug: &str) -> Result<Option<Municipality>, StoreError>;
    /// Creates a municipality with its services and questions in one
    /// transaction; `Ok(false)` when the slug already exists.
    async fn seed_municipality(&self, seed: &MunicipalitySeed) -> Result<bool, StoreError>;
    /// The active services, in display order.
    async fn services(&self, municipality_id: i64) -> Result<Vec<Service>, StoreError>;
    async fn service(&self, municipality_id: i64, slug: &str) -> Result<Option<Service>, StoreError>;
    /// The active questions, in display order.
    async fn questions(&self, municipality_id: i64) -> Result<Vec<Question>, StoreError>;
    /// Stores a rating durably, replacing the same device's rating of the same
    /// service from the last 30 days.
    async fn save_rating(&self, new: &NewRating) -> Result<RatingSaved, StoreError>;
    /// When (`created_at`) this device rated this service, if a new rating
    /// at `now` would replace that one: the rating page says so up front.
    async fn replaceable_rating(&self, service_id: i64, device_hash: &str, now: i64) -> Result<Option<i64>, StoreError>;
    async fn rating_count(&self, service_id: i64) -> Result<i64, StoreError>;
    async fn rating(&self, id: i64) -> Result<Option<StoredRating>, StoreError>;
}

pub type DynStore = Arc<dyn Store>;

/// Opens (creating and migrating when needed) the database named by `url`:
/// `sqlite:path` / `sqlite://path` or `postgres://…`. Any failure is a
/// one-line reason for the operator.
pub async fn connect(url: &str) -> Result<DynStore, String> {
    let store: DynStore = if url.starts_with("sqlite:") {
        Arc::new(sqlite::SqliteStore::open(url).await?)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Arc::new(postgres::PgStore::open(url).await?)
    } else {
        return Err(format!("DATABASE_URL must start with sqlite: or postgres:// (got {:?})", redact(url)));
    };
    store.run_maintenance().await.map_err(|e| format!("start-up maintenance failed: {e}"))?;
    Ok(store)
}

/// Hides a password in a database URL before it is printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
            None => url.to_string(),
        },
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redact_hides_passwords() {
        assert_eq!(super::redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("sqlite:data/x.db"), "sqlite:data/x.db");
    }
}
