//! Ratings are written in batches (`store::batch`): one transaction, one
//! commit, and each roll-up cell written once for the whole batch.

use crate::common;
use crate::engine::{Engine, SqlStore, Value};
use crate::governance::RatingFacts;
use crate::{NewRating, RatingSaved, StoreError};
use domain::governance::rollup::{deltas, CellDelta, CellKey};
use sqlx::{ColumnIndex, Executor, Pool};
use std::collections::BTreeMap;

/// What a new rating adds to the roll-ups; `created_at` is its first
/// rating's time when it replaces one (the month it counts in).
pub(crate) fn facts_of(new: &NewRating, created_at: i64) -> RatingFacts {
    let r = &new.rating;
    RatingFacts {
        service_id: new.service_id,
        came_from: new.came_from_service_id,
        created_at,
        age_band: r.age_band.clone(),
        channel: r.channel.clone(),
        answers: r.answers.clone(),
    }
}

/// A stored rating's roll-up facts, from a row with its `ratings` columns
/// (`service_id`, `came_from_service_id`, `created_at`, `age_band`,
/// `channel`) and its answers.
pub(crate) fn stored_facts<DB: sqlx::Database>(
    row: &DB::Row,
    answers: Vec<(String, domain::rating::Answer)>,
) -> Result<RatingFacts, StoreError>
where
    for<'a> &'a str: ColumnIndex<DB::Row>,
    for<'a> i64: Value<'a, DB>,
    for<'a> Option<i64>: Value<'a, DB>,
    for<'a> String: Value<'a, DB>,
    for<'a> Option<String>: Value<'a, DB>,
{
    use sqlx::Row as _;
    Ok(RatingFacts {
        service_id: row.try_get("service_id")?,
        came_from: row.try_get("came_from_service_id")?,
        created_at: row.try_get("created_at")?,
        age_band: row.try_get("age_band")?,
        channel: row.try_get("channel")?,
        answers,
    })
}

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
    /// One rating inside a batch's transaction; its roll-up changes
    /// go into `cells`, written once for the whole batch.
    async fn save_rating_in(
        tx: &mut DB::Connection,
        new: &NewRating,
        cells: &mut BTreeMap<CellKey, CellDelta>,
    ) -> Result<RatingSaved, StoreError> {
        let r = &new.rating;
        if let Some(lock) = DB::LOCK_REPLACEMENT {
            sqlx::query(lock).bind(format!("{}:{}", new.device_hash, new.service_id)).execute(&mut *tx).await?;
        }
        // The first statement writes (a no-op), so SQLite takes its
        // write lock up front instead of failing to upgrade a read
        // lock later; it also returns what the old rating added to
        // the rollups, to take back.
        let previous = sqlx::query(
            "UPDATE ratings SET updated_at = updated_at
             WHERE id = (SELECT id FROM ratings WHERE device_hash = $1 AND service_id = $2 AND created_at >= $3
                         ORDER BY created_at DESC LIMIT 1)
             RETURNING id, service_id, came_from_service_id, created_at, age_band, channel",
        )
        .bind(&new.device_hash)
        .bind(new.service_id)
        .bind(new.now - domain::policy::REPLACE_WINDOW_SECS)
        .fetch_optional(&mut *tx)
        .await?;
        let (id, replaced, created_at) = match previous {
            Some(row) => {
                use sqlx::Row as _;
                let id: i64 = row.try_get("id")?;
                let answers = sqlx::query("SELECT question_key, value, choice FROM rating_answers WHERE rating_id = $1")
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?
                    .iter()
                    .map(|a| Ok((a.try_get("question_key")?, common::answer_from(a.try_get("value")?, a.try_get("choice")?)?)))
                    .collect::<Result<Vec<_>, StoreError>>()?;
                let old = stored_facts::<DB>(&row, answers)?;
                for (k, d) in deltas(&old, -1) {
                    cells.entry(k).or_default().add(d);
                }
                sqlx::query(
                    "UPDATE ratings SET comment = $1, age_band = $2, came_from_service_id = $3, channel = $4, updated_at = $5,
                         comment_moderation = $6, comment_held_for = $7, comment_urgent = $8, comment_moderation_reason = NULL
                     WHERE id = $9",
                )
                .bind(&r.comment)
                .bind(&r.age_band)
                .bind(new.came_from_service_id)
                .bind(&r.channel)
                .bind(new.now)
                .bind(new.comment_review.moderation.as_str())
                .bind(&new.comment_review.held_for)
                .bind(new.comment_review.urgent)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM rating_answers WHERE rating_id = $1").bind(id).execute(&mut *tx).await?;
                (id, true, old.created_at)
            }
            None => {
                let row = sqlx::query(
                    "INSERT INTO ratings (service_id, device_hash, comment, age_band, came_from_service_id, channel, created_at, updated_at,
                        comment_moderation, comment_held_for, comment_urgent)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10) RETURNING id",
                )
                .bind(new.service_id).bind(&new.device_hash).bind(&r.comment).bind(&r.age_band)
                .bind(new.came_from_service_id).bind(&r.channel).bind(new.now)
                .bind(new.comment_review.moderation.as_str()).bind(&new.comment_review.held_for).bind(new.comment_review.urgent)
                .fetch_one(&mut *tx)
                .await?;
                (sqlx::Row::try_get(&row, "id")?, false, new.now)
            }
        };
        for (k, d) in deltas(&facts_of(new, created_at), 1) {
            cells.entry(k).or_default().add(d);
        }
        for (key, answer) in &r.answers {
            let (value, choice) = common::answer_columns(answer);
            sqlx::query("INSERT INTO rating_answers (rating_id, question_key, value, choice) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(key)
                .bind(value)
                .bind(choice)
                .execute(&mut *tx)
                .await?;
        }
        Ok(RatingSaved { id, replaced })
    }

    /// Each rating of a batch in turn, inside the caller's transaction (a
    /// later one may replace an earlier one of the same batch).
    pub(crate) async fn save_ratings_in(
        tx: &mut DB::Connection,
        batch: &[NewRating],
        cells: &mut BTreeMap<CellKey, CellDelta>,
    ) -> Result<Vec<RatingSaved>, StoreError> {
        let mut saved = Vec::with_capacity(batch.len());
        for new in batch {
            saved.push(Self::save_rating_in(&mut *tx, new, cells).await?);
        }
        Ok(saved)
    }

    /// A batch of ratings in one transaction (`store::batch`): one
    /// commit, and each roll-up cell written once.
    pub(crate) async fn write_ratings(pool: &Pool<DB>, batch: Vec<NewRating>) -> Result<Vec<RatingSaved>, StoreError> {
        let mut tx = pool.begin().await?;
        let mut cells = BTreeMap::new();
        let saved = Self::save_ratings_in(&mut tx, &batch, &mut cells).await?;
        let changed = cells.iter().filter(|(_, d)| **d != CellDelta::default());
        Self::apply_deltas(&mut tx, changed).await?;
        tx.commit().await?;
        Ok(saved)
    }
}
