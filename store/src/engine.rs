//! The one store type, generic over the engine. The SQL is the same text on
//! both engines (sqlx accepts `$1` placeholders on SQLite too), so the store
//! traits are implemented once, for `SqlStore<DB>`; what differs between the
//! engines is the `Engine` trait, implemented in `sqlite.rs` and
//! `postgres.rs`.
//!
//! Every generic impl block repeats one `where` list: the sqlx bounds that
//! make `&Pool<DB>` and `&mut DB::Connection` executors, and the value types
//! bound and read. Rust only implies a trait's supertraits (and bounds on its
//! associated types), not where-clauses about other types, so `Engine`
//! carries what it can and the rest is written out per impl block.

use super::batch::Batcher;
use super::cache::CatalogueCache;
use super::workshops::{OnChange, ResponseWrite, Saved};
use super::{NewRating, RatingSaved, StoreError};
use domain::governance::rollup::{CellDelta, CellKey};
use sqlx::pool::PoolOptions;
use sqlx::{Database, Decode, Encode, IntoArguments, Pool, Type};
use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

pub struct SqlStore<DB: Database> {
    pub pool: Pool<DB>,
    /// Ratings are written in groups (`batch`): one commit, and the hot
    /// roll-up rows written once per group instead of once per rating.
    pub(crate) ratings: Batcher<NewRating, RatingSaved>,
    /// Workshop answers likewise: a room of phones voting at once.
    pub(crate) responses: Batcher<ResponseWrite, Saved>,
    /// What every rating page reads first (`cache`).
    pub(crate) catalogue: CatalogueCache,
}

/// The connection pool settings both engines share.
pub(crate) fn pool_options<DB: Database>(max_connections: u32) -> PoolOptions<DB> {
    PoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        // No idle or lifetime reaping: sqlx 0.8's reaper task can read a
        // wrapped-around idle count and spin forever without yielding,
        // freezing a runtime worker (launchbadge/sqlx#3645; it hung a CI
        // run here). Dead connections are still caught before use.
        .idle_timeout(None)
        .max_lifetime(None)
        .test_before_acquire(true)
}

/// What differs between the engines at run time.
pub trait Engine: Database<QueryResult: RowsAffected> + for<'q> Database<Arguments<'q>: IntoArguments<'q, Self>> {
    /// "sqlite" or "postgres" (`Store::engine`).
    const ENGINE: &'static str;
    /// Run first when a rating may replace an earlier one from the same
    /// device (`$1`: "device hash:service id"): two such writes must not
    /// both insert.
    const LOCK_REPLACEMENT: Option<&'static str>;
    /// Run before the rollups are rebuilt: no rating may be written between
    /// reading the ratings and committing their sums.
    const LOCK_RATINGS: Option<&'static str>;
    /// Begins a transaction that reads before it writes. On SQLite in WAL
    /// mode a plain (deferred) one that has read cannot take the write lock
    /// once another connection has committed meanwhile ("database is
    /// locked" at once, no waiting): IMMEDIATE takes it first, waiting its
    /// turn. PostgreSQL's rows locks need nothing of the kind.
    const BEGIN_WRITE: &'static str;
    /// Tells other instances that a workshop changed, inside the changing
    /// transaction (`$1`: the workshop id as text).
    const NOTIFY_WORKSHOP: Option<&'static str>;

    /// Calls `on_change` for changes made by other instances; `false` when
    /// there are none to hear of (`WorkshopStore::watch_workshops`).
    fn watch_workshops(pool: &Pool<Self>, on_change: OnChange) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Adds roll-up changes inside the caller's transaction: on SQLite a
    /// statement per cell (local and cheap), on PostgreSQL a few set-based
    /// upserts per chunk of cells, locking rows in key order as the rating
    /// batches do.
    fn apply_cells<'t>(
        tx: &'t mut Self::Connection,
        cells: &'t BTreeMap<CellKey, CellDelta>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send + 't;
}

/// `rows_affected` of a statement's result (sqlx has it per engine only).
pub trait RowsAffected {
    fn rows_affected(&self) -> u64;
}

impl RowsAffected for sqlx::sqlite::SqliteQueryResult {
    fn rows_affected(&self) -> u64 {
        sqlx::sqlite::SqliteQueryResult::rows_affected(self)
    }
}

impl RowsAffected for sqlx::postgres::PgQueryResult {
    fn rows_affected(&self) -> u64 {
        sqlx::postgres::PgQueryResult::rows_affected(self)
    }
}

/// A type the store binds and reads on `DB`, as one bound.
pub trait Value<'a, DB: Database>: Encode<'a, DB> + Decode<'a, DB> + Type<DB> + Send + Sync + 'a {}

impl<'a, DB: Database, T> Value<'a, DB> for T where T: Encode<'a, DB> + Decode<'a, DB> + Type<DB> + Send + Sync + 'a {}
