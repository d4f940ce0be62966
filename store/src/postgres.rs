//! The engine for deployments that outgrow one machine: several stateless
//! `stemme` instances share one PostgreSQL.

use super::announcer::Announcer;
use super::batch::Batcher;
use super::cache::CatalogueCache;
use super::engine::{pool_options, Engine, SqlStore};
use super::workshops::{OnChange, ResponseWrite, Saved, CHANNEL};
use super::StoreError;
use domain::governance::rollup::{CellDelta, CellKey};
use sqlx::{PgConnection, Pool, Postgres};
use std::collections::BTreeMap;
use std::time::Duration;

pub type PgStore = SqlStore<Postgres>;

impl Engine for Postgres {
    const ENGINE: &'static str = "postgres";
    // Two replacements from one device must not both insert: serialise them
    // on a transaction-scoped advisory lock keyed by device and service.
    const LOCK_REPLACEMENT: Option<&'static str> = Some("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))");
    const LOCK_RATINGS: Option<&'static str> = Some("LOCK TABLE ratings IN SHARE MODE");
    const NOTIFY_WORKSHOP: Option<&'static str> = Some("SELECT pg_notify('stemme_workshop', $1)");
    const BEGIN_WRITE: &'static str = "BEGIN";

    /// Listens for other instances' workshop changes. A lost connection may
    /// have lost notifications, so it reports `-1` ("refresh everything")
    /// and goes on.
    async fn watch_workshops(pool: &Pool<Postgres>, on_change: OnChange) -> Result<bool, StoreError> {
        let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
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

    async fn apply_cells(tx: &mut PgConnection, cells: &BTreeMap<CellKey, CellDelta>) -> Result<(), StoreError> {
        // A rebuild has millions of cells: a few thousand per statement
        // keeps each one's arrays small.
        const CHUNK: usize = 20_000;
        if cells.len() <= CHUNK {
            return crate::pg_rollups::apply_cells(tx, cells).await;
        }
        let mut chunk = BTreeMap::new();
        for (k, d) in cells {
            chunk.insert(k.clone(), *d);
            if chunk.len() == CHUNK {
                crate::pg_rollups::apply_cells(tx, &chunk).await?;
                chunk.clear();
            }
        }
        crate::pg_rollups::apply_cells(tx, &chunk).await
    }
}

impl SqlStore<Postgres> {
    pub async fn open(url: &str) -> Result<Self, String> {
        let pool = pool_options::<Postgres>(16)
            .connect(url)
            .await
            .map_err(|e| format!("cannot connect to PostgreSQL at {}: {e}", super::redact(url)))?;
        crate::migrations::migrator(crate::migrations::POSTGRES)
            .run(&pool)
            .await
            .map_err(|e| format!("PostgreSQL migration failed: {e}"))?;
        // Several writers per batched write, so batches overlap their round
        // trips; the hot roll-up rows are still locked once per batch.
        let writer = pool.clone();
        let ratings = Batcher::spawn(super::WRITE_BATCH, super::PG_WRITERS, move |batch| {
            let pool = writer.clone();
            async move { PgStore::write_ratings_set(&pool, batch).await }
        });
        let (writer, announcer) = (pool.clone(), Announcer::spawn(pool.clone()));
        let responses = Batcher::spawn(super::WRITE_BATCH, super::PG_WRITERS, move |batch: Vec<ResponseWrite>| {
            let (pool, announcer) = (writer.clone(), announcer.clone());
            async move {
                let ids: Vec<i64> = batch.iter().map(|w| w.workshop_id).collect();
                let saved = PgStore::write_responses_set(&pool, batch).await?;
                announcer.mark(ids.into_iter().zip(&saved).filter(|(_, s)| **s == Saved::Yes).map(|(id, _)| id));
                Ok(saved)
            }
        });
        Ok(SqlStore { pool, ratings, responses, catalogue: CatalogueCache::default() })
    }
}
