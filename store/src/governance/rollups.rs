//! Writing the rollups: the changes of a batch of ratings, and the full
//! rebuild after a migration.

use super::{CellDelta, CellKey, UPSERT_ANSWER, UPSERT_HANDOVER, UPSERT_TOTAL};
use crate::common;
use crate::engine::{Engine, SqlStore, Value};
use crate::ratings::stored_facts;
use crate::StoreError;
use domain::governance::rollup::deltas;
use domain::rating::Answer;
use sqlx::{ColumnIndex, Executor};
use std::collections::{BTreeMap, HashMap};

/// Cells summed in memory before a rebuild writes them out.
const FLUSH_CELLS: usize = 500_000;

impl<DB: Engine> SqlStore<DB>
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
    /// Sums all ratings into fresh rollups in one transaction. With
    /// `claim`, only when the migration's start-up job is still
    /// waiting, and the job is taken in the same transaction: two
    /// instances cannot both do it, and a crash part-way leaves it
    /// waiting for the next start. `None` when there was nothing to do.
    pub(super) async fn rebuild(&self, claim: bool) -> Result<Option<u64>, StoreError> {
        use sqlx::Row as _;
        let mut tx = self.pool.begin().await?;
        if claim {
            let job = sqlx::query("DELETE FROM maintenance WHERE task = 'rebuild_rollups' RETURNING task").fetch_optional(&mut *tx).await?;
            if job.is_none() {
                return Ok(None);
            }
        }
        // No rating may be written between reading the ratings and
        // committing their sums (SQLite's write lock does this already).
        if let Some(lock) = DB::LOCK_RATINGS {
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM rollup_answers").execute(&mut *tx).await?;
        sqlx::query("DELETE FROM rollup_handovers").execute(&mut *tx).await?;
        sqlx::query("DELETE FROM rollup_totals").execute(&mut *tx).await?;
        let mut cells: BTreeMap<CellKey, CellDelta> = BTreeMap::new();
        let (mut last, mut read) = (0_i64, 0_u64);
        loop {
            let rows = sqlx::query(
                "SELECT id, service_id, came_from_service_id, created_at, age_band, channel FROM ratings WHERE id > $1 ORDER BY id LIMIT 5000",
            )
            .bind(last)
            .fetch_all(&mut *tx)
            .await?;
            let Some(end) = rows.last().map(|r| r.try_get::<i64, _>("id")).transpose()? else { break };
            let mut answers: HashMap<i64, Vec<(String, Answer)>> = HashMap::new();
            for a in
                sqlx::query("SELECT rating_id, question_key, value, choice FROM rating_answers WHERE rating_id > $1 AND rating_id <= $2")
                    .bind(last)
                    .bind(end)
                    .fetch_all(&mut *tx)
                    .await?
            {
                let answer = common::answer_from(a.try_get("value")?, a.try_get("choice")?)?;
                answers.entry(a.try_get("rating_id")?).or_default().push((a.try_get("question_key")?, answer));
            }
            for r in &rows {
                let id: i64 = r.try_get("id")?;
                let facts = stored_facts::<DB>(r, answers.remove(&id).unwrap_or_default())?;
                for (k, d) in deltas(&facts, 1) {
                    cells.entry(k).or_default().add(d);
                }
            }
            read += rows.len() as u64;
            last = end;
            // The tables were emptied above and every write adds, so partial
            // sums can go out early: memory stays bounded at national scale.
            if cells.len() >= FLUSH_CELLS {
                DB::apply_cells(&mut tx, &cells).await?;
                cells.clear();
            }
        }
        DB::apply_cells(&mut tx, &cells).await?;
        tx.commit().await?;
        Ok(Some(read))
    }

    /// Applies rollup changes inside the caller's transaction (one statement per cell).
    pub(crate) async fn apply_deltas<'k>(
        tx: &mut DB::Connection,
        deltas: impl Iterator<Item = (&'k CellKey, &'k CellDelta)> + Send,
    ) -> Result<(), StoreError> {
        for (k, d) in deltas {
            match k.from {
                None => {
                    sqlx::query(UPSERT_ANSWER)
                        .bind(k.service_id)
                        .bind(k.month)
                        .bind(&k.question_key)
                        .bind(&k.choice)
                        .bind(&k.age_band)
                        .bind(&k.channel)
                        .bind(d.n)
                        .bind(d.total)
                        .bind(d.sq)
                        .bind(d.arrivals)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(UPSERT_TOTAL)
                        .bind(k.service_id)
                        .bind(k.month)
                        .bind(&k.question_key)
                        .bind(&k.choice)
                        .bind(d.n)
                        .bind(d.total)
                        .bind(d.sq)
                        .bind(d.arrivals)
                        .execute(&mut *tx)
                        .await?
                }
                Some(from) => {
                    sqlx::query(UPSERT_HANDOVER)
                        .bind(k.service_id)
                        .bind(k.month)
                        .bind(&k.question_key)
                        .bind(from)
                        .bind(d.n)
                        .bind(d.total)
                        .bind(d.sq)
                        .bind(d.arrivals)
                        .execute(&mut *tx)
                        .await?
                }
            };
        }
        Ok(())
    }
}
