//! The engine for deployments that outgrow one machine: several stateless
//! `stemme` instances share one PostgreSQL.

use super::admin::impl_catalogue_store;
use super::assumptions::impl_assumption_store;
use super::governance::impl_governance_store;
use super::common::{self, impl_store};
use super::principles::impl_principle_store;
use super::proposals::impl_proposal_store;
use super::staff::impl_staff_store;
use super::{Municipality, NewRating, RatingSaved, StoreError, StoredRating};
use crate::domain::demo::MunicipalitySeed;
use crate::domain::question::Question;
use crate::domain::service::Service;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::Duration;

pub struct PgStore {
    pub pool: PgPool,
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
        sqlx::migrate!("migrations/postgres").run(&pool).await.map_err(|e| format!("PostgreSQL migration failed: {e}"))?;
        Ok(PgStore { pool })
    }
}

// Two replacements from one device must not both insert: serialise them on a
// transaction-scoped advisory lock keyed by device and service.
impl_store!(PgStore, "postgres", Some("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"));
impl_staff_store!(PgStore);
impl_catalogue_store!(PgStore);
impl_principle_store!(PgStore);
impl_proposal_store!(PgStore);
impl_governance_store!(PgStore);
impl_assumption_store!(PgStore);
