//! Rollups for the governance view: kept current on every rating write,
//! rebuilt in bulk after a migration, read by month. Same SQL on both engines.

use super::StoreError;
use async_trait::async_trait;
pub use domain::governance::rollup::{CellDelta, CellKey, RatingFacts};

mod rollups;
mod sql;

/// Which ratings a read covers: months `from..=to` (YYYYMM) and optional
/// age band ("" = not given) and channel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellFilter {
    pub from: i64,
    pub to: i64,
    pub age_band: Option<String>,
    pub channel: Option<String>,
}

/// Summed answers of one service, question (and option) and month.
/// `question_key` "" counts the ratings themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerCell {
    pub service_id: i64,
    pub question_key: String,
    pub choice: String,
    pub month: i64,
    pub n: i64,
    pub total: i64,
    pub sq: i64,
    /// Contributions ever added (see `rollup`).
    pub arrivals: i64,
}

/// Ratings per service, month and one more dimension (a channel or an age band).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipationCell {
    pub service_id: i64,
    pub month: i64,
    pub value: String,
    pub n: i64,
    pub arrivals: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoverCell {
    pub from_service_id: i64,
    pub service_id: i64,
    pub question_key: String,
    pub month: i64,
    pub n: i64,
    pub total: i64,
    pub sq: i64,
    /// Contributions ever added (see `rollup`).
    pub arrivals: i64,
}

/// An approved rating comment (already masked).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RatingComment {
    pub service_id: i64,
    pub created_at: i64,
    pub text: String,
}

/// A released figure as stored (see `domain::governance::release`).
/// Nodes are YYYYMM; figures that are not of a period use node 0–0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleasedRow {
    pub node_from: i64,
    pub node_to: i64,
    pub figure: String,
    /// The figure as shown, as JSON.
    pub value: String,
    pub arrivals: i64,
    pub released_at: i64,
    pub closes_at: i64,
}

/// Defined by the domain (the synthetic generator makes them); re-exported
/// here because the store's import takes them.
pub use domain::governance::rollup::ImportedRating;

#[async_trait]
pub trait GovernanceStore: Send + Sync {
    async fn answer_cells(&self, municipality_id: i64, f: &CellFilter) -> Result<Vec<AnswerCell>, StoreError>;
    /// `by` is "channel" or "age_band".
    async fn participation_cells(&self, municipality_id: i64, f: &CellFilter, by: &str) -> Result<Vec<ParticipationCell>, StoreError>;
    /// Handovers over all ages and channels (only the months of `f` count).
    async fn handover_cells(&self, municipality_id: i64, f: &CellFilter) -> Result<Vec<HandoverCell>, StoreError>;
    /// The newest approved comments per service written in `[since, until)`, at most `per_service` each.
    async fn latest_comments(
        &self,
        municipality_id: i64,
        since: i64,
        until: i64,
        per_service: i64,
    ) -> Result<Vec<RatingComment>, StoreError>;
    /// Stores many ratings in one transaction, and their rollups when
    /// `rollups` (else the caller runs `rebuild_rollups` once at the end,
    /// which is much faster for a million ratings).
    async fn import_ratings(&self, municipality_id: i64, ratings: &[ImportedRating], rollups: bool) -> Result<(), StoreError>;
    /// Recomputes every rollup from the ratings; returns the ratings read.
    async fn rebuild_rollups(&self) -> Result<u64, StoreError>;
    /// Runs start-up jobs a migration asked for (e.g. the first rebuild).
    async fn run_maintenance(&self) -> Result<(), StoreError>;
    /// The released figures of the nodes that start in months `from..=to`
    /// (YYYYMM; `0, 0` for the figures without a period), in one query.
    async fn released_figures(&self, municipality_id: i64, from: i64, to: i64) -> Result<Vec<ReleasedRow>, StoreError>;
    /// Stores released values in one transaction. Each is written only where
    /// nothing is stored yet, or the stored value is not frozen and at least
    /// K arrivals behind, so two readers at once cannot release two values
    /// closer than that. Returns the rows that were not written (another
    /// reader got there first: show what is stored instead).
    async fn release_figures(&self, municipality_id: i64, rows: &[ReleasedRow]) -> Result<Vec<ReleasedRow>, StoreError>;
    async fn set_compare_opt_in(&self, municipality_id: i64, on: bool) -> Result<(), StoreError>;
    async fn compare_opt_in(&self, municipality_id: i64) -> Result<bool, StoreError>;
    /// The municipalities that take part in the comparison.
    async fn comparison_members(&self) -> Result<Vec<i64>, StoreError>;
}

pub(crate) const UPSERT_ANSWER: &str = "INSERT INTO rollup_answers
        (municipality_id, service_id, month, question_key, choice, age_band, channel, n, total, total_sq, arrivals)
    SELECT s.municipality_id, s.id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM services s WHERE s.id = $1
    ON CONFLICT (municipality_id, month, service_id, question_key, choice, age_band, channel) DO UPDATE SET
        n = rollup_answers.n + excluded.n, total = rollup_answers.total + excluded.total,
        total_sq = rollup_answers.total_sq + excluded.total_sq, arrivals = rollup_answers.arrivals + excluded.arrivals";

pub(crate) const UPSERT_TOTAL: &str = "INSERT INTO rollup_totals
        (municipality_id, service_id, month, question_key, choice, n, total, total_sq, arrivals)
    SELECT s.municipality_id, s.id, $2, $3, $4, $5, $6, $7, $8 FROM services s WHERE s.id = $1
    ON CONFLICT (municipality_id, month, service_id, question_key, choice) DO UPDATE SET
        n = rollup_totals.n + excluded.n, total = rollup_totals.total + excluded.total,
        total_sq = rollup_totals.total_sq + excluded.total_sq, arrivals = rollup_totals.arrivals + excluded.arrivals";

pub(crate) const UPSERT_HANDOVER: &str = "INSERT INTO rollup_handovers
        (municipality_id, service_id, month, question_key, from_service_id, n, total, total_sq, arrivals)
    SELECT s.municipality_id, s.id, $2, $3, $4, $5, $6, $7, $8 FROM services s WHERE s.id = $1
    ON CONFLICT (municipality_id, month, service_id, from_service_id, question_key) DO UPDATE SET
        n = rollup_handovers.n + excluded.n, total = rollup_handovers.total + excluded.total,
        total_sq = rollup_handovers.total_sq + excluded.total_sq, arrivals = rollup_handovers.arrivals + excluded.arrivals";
