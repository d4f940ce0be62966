//! `WorkshopStore` for both engines.

use super::{
    idea_from, workshop_from, NewWorkshop, OnChange, Promotion, ResponseWrite, Saved, WorkshopStore, CLAIM_ANSWER, SELECT_WORKSHOP,
};
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use crate::proposals::Review;
use crate::StoreError;
use domain::proposal::Moderation;
use domain::workshop::results::Row;
use domain::workshop::{Idea, Workshop, WorkshopState};
use sqlx::{ColumnIndex, Executor};

#[async_trait::async_trait]
impl<DB: Engine> WorkshopStore for SqlStore<DB>
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
    async fn released(&self, workshop_id: i64, activity: i64) -> Result<Option<(i64, Vec<Row>)>, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query("SELECT version, rows FROM workshop_releases WHERE workshop_id = $1 AND activity = $2")
            .bind(workshop_id)
            .bind(activity)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let rows: String = row.try_get("rows")?;
        let rows = serde_json::from_str(&rows).map_err(|e| StoreError::Corrupt(format!("released rows: {e}")))?;
        Ok(Some((row.try_get("version")?, rows)))
    }

    async fn save_release(&self, workshop_id: i64, activity: i64, version: i64, rows: &[Row]) -> Result<bool, StoreError> {
        let rows = serde_json::to_string(rows).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let done = if version == 0 {
            sqlx::query(
                "INSERT INTO workshop_releases (workshop_id, activity, version, rows) VALUES ($1, $2, 1, $3)
                 ON CONFLICT (workshop_id, activity) DO NOTHING",
            )
            .bind(workshop_id)
            .bind(activity)
            .bind(rows)
            .execute(&self.pool)
            .await?
        } else {
            sqlx::query(
                "UPDATE workshop_releases SET rows = $1, version = version + 1
                 WHERE workshop_id = $2 AND activity = $3 AND version = $4",
            )
            .bind(rows)
            .bind(workshop_id)
            .bind(activity)
            .bind(version)
            .execute(&self.pool)
            .await?
        };
        Ok(done.rows_affected() == 1)
    }

    async fn add_workshop(&self, w: &NewWorkshop<'_>) -> Result<i64, StoreError> {
        let activities = serde_json::to_string(w.activities).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let row = sqlx::query(
            "INSERT INTO workshops (municipality_id, title, code, activities, phase, created_at, created_by)
             VALUES ($1, $2, $3, $4, 'waiting', $5, $6) RETURNING id",
        )
        .bind(w.municipality_id)
        .bind(w.title)
        .bind(w.code)
        .bind(activities)
        .bind(w.now)
        .bind(w.by)
        .fetch_one(&self.pool)
        .await?;
        Ok(sqlx::Row::try_get(&row, "id")?)
    }

    async fn workshop(&self, id: i64) -> Result<Option<Workshop>, StoreError> {
        let sql = format!("{} WHERE id = $1", SELECT_WORKSHOP);
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(workshop_from).transpose()
    }

    async fn workshops(&self, municipality_id: i64) -> Result<Vec<Workshop>, StoreError> {
        let sql = format!("{} WHERE municipality_id = $1 ORDER BY id DESC", SELECT_WORKSHOP);
        let rows = sqlx::query(&sql).bind(municipality_id).fetch_all(&self.pool).await?;
        rows.iter().map(workshop_from).collect()
    }

    async fn open_workshop(&self, code: &str) -> Result<Option<Workshop>, StoreError> {
        let sql = format!("{} WHERE code = $1 AND phase <> 'closed'", SELECT_WORKSHOP);
        let row = sqlx::query(&sql).bind(code).fetch_optional(&self.pool).await?;
        row.as_ref().map(workshop_from).transpose()
    }

    async fn set_workshop_state(&self, id: i64, version: i64, state: WorkshopState, now: i64) -> Result<bool, StoreError> {
        use domain::workshop::Phase;
        let closed = state.phase == Phase::Closed;
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE workshops SET phase = $1, current_activity = $2, revealed = $3, version = version + 1,
                closed_at = CASE WHEN $4 = 1 THEN $5 ELSE closed_at END
             WHERE id = $6 AND version = $7",
        )
        .bind(state.phase.as_str())
        .bind(state.current as i64)
        .bind(state.revealed as i64)
        .bind(closed as i64)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        if closed {
            // Nicknames live only as long as the workshop.
            sqlx::query("UPDATE workshop_participants SET nickname = NULL WHERE workshop_id = $1").bind(id).execute(&mut *tx).await?;
        }
        Self::announce(&mut tx, id).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn join_workshop(&self, workshop_id: i64, token_hash: &str, nickname: Option<&str>, now: i64) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "INSERT INTO workshop_participants (workshop_id, token_hash, nickname, joined_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (workshop_id, token_hash) DO UPDATE SET nickname = COALESCE(excluded.nickname, workshop_participants.nickname)
             RETURNING id",
        )
        .bind(workshop_id)
        .bind(token_hash)
        .bind(nickname)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        Self::announce(&mut tx, workshop_id).await?;
        tx.commit().await?;
        Ok(sqlx::Row::try_get(&row, "id")?)
    }

    async fn participant(&self, workshop_id: i64, token_hash: &str) -> Result<Option<(i64, Option<String>)>, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query("SELECT id, nickname FROM workshop_participants WHERE workshop_id = $1 AND token_hash = $2")
            .bind(workshop_id)
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("nickname")?))).transpose()
    }

    async fn participant_count(&self, workshop_id: i64) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM workshop_participants WHERE workshop_id = $1")
            .bind(workshop_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(sqlx::Row::try_get(&row, "n")?)
    }

    async fn save_responses(
        &self,
        workshop_id: i64,
        activity: i64,
        participant_id: i64,
        rows: &[(i64, String)],
        replace: bool,
        now: i64,
    ) -> Result<Saved, StoreError> {
        let write = ResponseWrite { workshop_id, activity, participant_id, rows: rows.to_vec(), replace, now };
        self.responses.submit(write).await
    }

    async fn responses(&self, workshop_id: i64, activity: i64) -> Result<Vec<Row>, StoreError> {
        use sqlx::Row as _;
        let rows = sqlx::query(
            "SELECT participant_id, item, value FROM workshop_responses WHERE workshop_id = $1 AND activity = $2
             ORDER BY participant_id, item",
        )
        .bind(workshop_id)
        .bind(activity)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok(Row { participant: r.try_get("participant_id")?, item: r.try_get("item")?, value: r.try_get("value")? }))
            .collect()
    }

    async fn add_idea(
        &self,
        workshop_id: i64,
        activity: i64,
        participant_id: i64,
        text: &str,
        review: &Review,
        now: i64,
    ) -> Result<Saved, StoreError> {
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(CLAIM_ANSWER).bind(now).bind(participant_id).bind(workshop_id).bind(activity).execute(&mut *tx).await?;
        if claimed.rows_affected() == 0 {
            return Ok(Saved::NotNow);
        }
        let row = sqlx::query("SELECT COUNT(*) AS n FROM workshop_ideas WHERE workshop_id = $1 AND activity = $2 AND participant_id = $3")
            .bind(workshop_id)
            .bind(activity)
            .bind(participant_id)
            .fetch_one(&mut *tx)
            .await?;
        let sent: i64 = sqlx::Row::try_get(&row, "n")?;
        if sent >= domain::workshop::response::IDEAS_PER_PARTICIPANT as i64 {
            return Ok(Saved::TooManyIdeas);
        }
        sqlx::query(
            "INSERT INTO workshop_ideas (workshop_id, activity, participant_id, text, moderation, held_for, urgent, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(workshop_id)
        .bind(activity)
        .bind(participant_id)
        .bind(text)
        .bind(review.moderation.as_str())
        .bind(&review.held_for)
        .bind(review.urgent as i64)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Self::announce(&mut tx, workshop_id).await?;
        tx.commit().await?;
        Ok(Saved::Yes)
    }

    async fn respondents(&self, workshop_id: i64, activity: i64) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(DISTINCT participant_id) AS n FROM workshop_responses WHERE workshop_id = $1 AND activity = $2")
            .bind(workshop_id)
            .bind(activity)
            .fetch_one(&self.pool)
            .await?;
        Ok(sqlx::Row::try_get(&row, "n")?)
    }

    async fn idea_authors(&self, workshop_id: i64, activity: i64) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(DISTINCT participant_id) AS n FROM workshop_ideas WHERE workshop_id = $1 AND activity = $2")
            .bind(workshop_id)
            .bind(activity)
            .fetch_one(&self.pool)
            .await?;
        Ok(sqlx::Row::try_get(&row, "n")?)
    }

    async fn ideas(&self, workshop_id: i64) -> Result<Vec<Idea>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, activity, text, moderation, held_for, urgent, created_at FROM workshop_ideas WHERE workshop_id = $1 ORDER BY id",
        )
        .bind(workshop_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(idea_from).collect()
    }

    async fn moderate_idea(&self, workshop_id: i64, idea_id: i64, moderation: Moderation) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE workshop_ideas SET moderation = $1 WHERE id = $2 AND workshop_id = $3 AND moderation = 'pending'")
            .bind(moderation.as_str())
            .bind(idea_id)
            .bind(workshop_id)
            .execute(&mut *tx)
            .await?;
        Self::announce(&mut tx, workshop_id).await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    async fn promotions(&self, workshop_id: i64) -> Result<Vec<Promotion>, StoreError> {
        use sqlx::Row as _;
        let rows = sqlx::query("SELECT activity, item, proposal_id FROM workshop_promotions WHERE workshop_id = $1")
            .bind(workshop_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok(Promotion { activity: r.try_get("activity")?, item: r.try_get("item")?, proposal_id: r.try_get("proposal_id")? }))
            .collect()
    }

    async fn workshop_ratings(&self, service_ids: &[i64], since: i64, until: i64) -> Result<i64, StoreError> {
        let mut total = 0;
        for id in service_ids {
            let row = sqlx::query("SELECT COUNT(*) AS n FROM ratings WHERE service_id = $1 AND channel = 'workshop' AND created_at >= $2 AND created_at <= $3")
                .bind(id).bind(since).bind(until)
                .fetch_one(&self.pool)
                .await?;
            total += sqlx::Row::try_get::<i64, _>(&row, "n")?;
        }
        Ok(total)
    }

    async fn watch_workshops(&self, on_change: OnChange) -> Result<bool, StoreError> {
        DB::watch_workshops(&self.pool, on_change).await
    }
}
