//! The engine for deployments that outgrow one machine: several stateless
//! `stemme` instances share one PostgreSQL.

use super::admin::impl_catalogue_store;
use super::announcer::Announcer;
use super::assumptions::impl_assumption_store;
use super::batch::Batcher;
use super::cache::CatalogueCache;
use super::common::{self, impl_store};
use super::governance::impl_governance_store;
use super::principles::impl_principle_store;
use super::proposals::impl_proposal_store;
use super::staff::impl_staff_store;
use super::workshops::{impl_workshop_store, OnChange, ResponseWrite, Saved, CHANNEL};
use super::{Municipality, NewRating, RatingSaved, StoreError, StoredRating};
use domain::demo::MunicipalitySeed;
use domain::question::Question;
use domain::service::Service;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::Duration;

pub struct PgStore {
    pub pool: PgPool,
    /// Ratings are written in groups: one commit, and the hot roll-up rows
    /// locked once per group instead of once per rating.
    ratings: Batcher<NewRating, RatingSaved>,
    /// Workshop answers likewise: a room of phones voting at once.
    responses: Batcher<ResponseWrite, Saved>,
    /// What every rating page reads first (`cache`).
    catalogue: CatalogueCache,
}

impl PgStore {
    pub async fn open(url: &str) -> Result<Self, String> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            // No idle or lifetime reaping: sqlx 0.8's reaper task can read a
            // wrapped-around idle count and spin forever without yielding,
            // freezing a runtime worker (launchbadge/sqlx#3645; it hung a CI
            // run here). Dead connections are still caught before use.
            .idle_timeout(None)
            .max_lifetime(None)
            .test_before_acquire(true)
            .connect(url)
            .await
            .map_err(|e| format!("cannot connect to PostgreSQL at {}: {e}", super::redact(url)))?;
        crate::migrations::migrator(crate::migrations::POSTGRES)
            .run(&pool)
            .await
            .map_err(|e| format!("PostgreSQL migration failed: {e}"))?;
        let writer = pool.clone();
        let ratings = Batcher::spawn(super::WRITE_BATCH, super::PG_WRITERS, move |batch| {
            let pool = writer.clone();
            async move { PgStore::write_ratings(&pool, batch).await }
        });
        let (writer, announcer) = (pool.clone(), Announcer::spawn(pool.clone()));
        let responses = Batcher::spawn(super::WRITE_BATCH, super::PG_WRITERS, move |batch: Vec<ResponseWrite>| {
            let (pool, announcer) = (writer.clone(), announcer.clone());
            async move {
                let ids: Vec<i64> = batch.iter().map(|w| w.workshop_id).collect();
                let saved = PgStore::write_responses(&pool, batch).await?;
                announcer.mark(ids.into_iter().zip(&saved).filter(|(_, s)| **s == Saved::Yes).map(|(id, _)| id));
                Ok(saved)
            }
        });
        Ok(PgStore { pool, ratings, responses, catalogue: CatalogueCache::default() })
    }
}

// Two replacements from one device must not both insert: serialise them on a
// transaction-scoped advisory lock keyed by device and service.
impl_store!(PgStore, sqlx::Postgres, "postgres", Some("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"));
impl_staff_store!(PgStore);
impl_catalogue_store!(PgStore);
impl_principle_store!(PgStore);
impl_proposal_store!(PgStore);
impl_governance_store!(PgStore);
impl_assumption_store!(PgStore);
impl_workshop_store!(PgStore, sqlx::Postgres, Some("SELECT pg_notify('stemme_workshop', $1)"), watch);

/// Listens for other instances' workshop changes. A lost connection may have
/// lost notifications, so it reports `-1` ("refresh everything") and goes on.
async fn watch(store: &PgStore, on_change: OnChange) -> Result<bool, StoreError> {
    let mut listener = sqlx::postgres::PgListener::connect_with(&store.pool).await?;
    listener.listen(CHANNEL).await?;
    tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(Some(n)) => {
                    if let Ok(id) = n.payload().parse::<i64>() {
                        on_change(id);
                    }
                }
                Ok(None) => on_change(-1),
                Err(e) => {
                    tracing::warn!(error = %e, "workshop listener failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(true)
}
