//! Assumption checks: the assumptions themselves, and their answers counted
//! from the rollups (answers are rating answers under `antagelse-<id>`).

use super::StoreError;
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use async_trait::async_trait;
use domain::governance::assumption::{Assumption, AssumptionInput, Counts, Verdict};
use sqlx::{ColumnIndex, Executor};
use std::collections::BTreeMap;

/// How recording a verdict went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerdictSaved {
    Saved,
    /// No such assumption in this municipality (404).
    NotFound,
    /// It already has a verdict (409): verdicts are history, not drafts.
    AlreadyDecided,
}

#[async_trait]
pub trait AssumptionStore: Send + Sync {
    async fn add_assumption(&self, municipality_id: i64, input: &AssumptionInput, by: &str, now: i64) -> Result<i64, StoreError>;
    /// Newest first.
    async fn assumptions(&self, municipality_id: i64) -> Result<Vec<Assumption>, StoreError>;
    async fn record_verdict(
        &self,
        municipality_id: i64,
        id: i64,
        verdict: Verdict,
        note: &str,
        by: &str,
        now: i64,
    ) -> Result<VerdictSaved, StoreError>;
    /// Answers per assumption id, over all time, and their arrivals (see
    /// `domain::governance::release`).
    async fn assumption_counts(&self, municipality_id: i64) -> Result<BTreeMap<i64, (Counts, i64)>, StoreError>;
}

#[async_trait]
impl<DB: Engine> AssumptionStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: ColumnIndex<DB::Row> + Value<'a, DB>,
    for<'a> Option<&'a str>: Value<'a, DB>,
    for<'a> i64: Value<'a, DB>,
    for<'a> Option<i64>: Value<'a, DB>,
    for<'a> bool: Value<'a, DB>,
    for<'a> String: Value<'a, DB>,
    for<'a> Option<String>: Value<'a, DB>,
{
    async fn add_assumption(&self, municipality_id: i64, input: &AssumptionInput, by: &str, now: i64) -> Result<i64, StoreError> {
        self.catalogue
            .write(async {
                let row = sqlx::query(
                    "INSERT INTO assumptions (municipality_id, statement, question_da, question_en, supports, created_at, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(municipality_id)
                .bind(&input.statement)
                .bind(&input.question_da)
                .bind(&input.question_en)
                .bind(input.supports.as_str())
                .bind(now)
                .bind(by)
                .fetch_one(&self.pool)
                .await?;
                Ok(sqlx::Row::try_get(&row, "id")?)
            })
            .await
    }

    async fn assumptions(&self, municipality_id: i64) -> Result<Vec<Assumption>, StoreError> {
        self.catalogue
            .read(&self.catalogue.assumptions, municipality_id, async {
                use domain::governance::assumption::{Assumption, Supports, Verdict};
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT id, statement, question_da, question_en, supports, created_at, verdict, verdict_note, verdict_at
             FROM assumptions WHERE municipality_id = $1 ORDER BY id DESC",
                )
                .bind(municipality_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        let supports: String = r.try_get("supports")?;
                        let verdict: Option<String> = r.try_get("verdict")?;
                        Ok(Assumption {
                            id: r.try_get("id")?,
                            statement: r.try_get("statement")?,
                            question_da: r.try_get("question_da")?,
                            question_en: r.try_get("question_en")?,
                            supports: Supports::parse(&supports).ok_or_else(|| StoreError::Corrupt(format!("supports {supports:?}")))?,
                            created_at: r.try_get("created_at")?,
                            verdict: match verdict {
                                Some(v) => Some(Verdict::parse(&v).ok_or_else(|| StoreError::Corrupt(format!("verdict {v:?}")))?),
                                None => None,
                            },
                            verdict_note: r.try_get("verdict_note")?,
                            verdict_at: r.try_get("verdict_at")?,
                        })
                    })
                    .collect()
            })
            .await
    }

    async fn record_verdict(
        &self,
        municipality_id: i64,
        id: i64,
        verdict: Verdict,
        note: &str,
        by: &str,
        now: i64,
    ) -> Result<VerdictSaved, StoreError> {
        self.catalogue
            .write(async {
                use VerdictSaved;
                // One statement, so two managers deciding at once cannot both win.
                let done = sqlx::query(
                    "UPDATE assumptions SET verdict = $1, verdict_note = $2, verdict_at = $3, verdict_by = $4
             WHERE id = $5 AND municipality_id = $6 AND verdict IS NULL",
                )
                .bind(verdict.as_str())
                .bind(note)
                .bind(now)
                .bind(by)
                .bind(id)
                .bind(municipality_id)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() == 1 {
                    return Ok(VerdictSaved::Saved);
                }
                let exists = sqlx::query("SELECT id FROM assumptions WHERE id = $1 AND municipality_id = $2")
                    .bind(id)
                    .bind(municipality_id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(if exists.is_some() { VerdictSaved::AlreadyDecided } else { VerdictSaved::NotFound })
            })
            .await
    }

    async fn assumption_counts(&self, municipality_id: i64) -> Result<std::collections::BTreeMap<i64, (Counts, i64)>, StoreError> {
        use domain::governance::assumption::{Counts, KEY_PREFIX};
        use sqlx::Row as _;
        let rows = sqlx::query(
            "SELECT question_key, choice, CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(arrivals) AS BIGINT) AS arrivals FROM rollup_totals
             WHERE municipality_id = $1 AND question_key LIKE 'antagelse-%'
             GROUP BY question_key, choice",
        )
        .bind(municipality_id)
        .fetch_all(&self.pool)
        .await?;
        let mut counts: std::collections::BTreeMap<i64, (Counts, i64)> = std::collections::BTreeMap::new();
        for r in &rows {
            let key: String = r.try_get("question_key")?;
            let Some(id) = key.strip_prefix(KEY_PREFIX).and_then(|id| id.parse::<i64>().ok()) else { continue };
            let (choice, n, arrivals): (String, i64, i64) = (r.try_get("choice")?, r.try_get("n")?, r.try_get("arrivals")?);
            let e = counts.entry(id).or_default();
            e.0.add(&choice, n);
            e.1 += arrivals;
        }
        Ok(counts)
    }
}
