//! Managers' assumptions: writing one starts asking its question; a
//! verdict records what the answers showed and stops asking.

use crate::domain::governance::assumption::{AssumptionInput, Verdict};
use crate::staff::audit;
use crate::store::assumptions::VerdictSaved;
use crate::store::{DynStore, StoreError};

/// Stores a new assumption of municipality `mid`; its id.
#[tracing::instrument(skip(store, input))]
pub async fn add_assumption(store: &DynStore, mid: i64, input: &AssumptionInput, actor: &str) -> Result<i64, StoreError> {
    let id = store.add_assumption(mid, input, actor, crate::domain::policy::now()).await?;
    audit(store, Some(mid), actor, "assumption added", &format!("{id}: {}", input.statement)).await?;
    Ok(id)
}

/// Records the verdict on assumption `id` (once: a verdict is history).
#[tracing::instrument(skip(store, note))]
pub async fn decide(store: &DynStore, mid: i64, id: i64, verdict: Verdict, note: &str, actor: &str) -> Result<VerdictSaved, StoreError> {
    let saved = store.record_verdict(mid, id, verdict, note, actor, crate::domain::policy::now()).await?;
    if saved == VerdictSaved::Saved {
        audit(store, Some(mid), actor, "assumption decided", &format!("{id}: {}", verdict.as_str())).await?;
    }
    Ok(saved)
}
