//! `ProposalStore` for both engines.

use super::{
    comment_from, event_from, exists_sql, moderate_sql, proposal_from, queue_item_from, Answered, NewProposal, ProposalStore, INSERT_EVENT,
    QUEUE, SELECT_PROPOSAL,
};
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use crate::StoreError;
use domain::proposal::{Comment, Moderation, PrincipleEffect, Proposal, ProposalEvent, Stance, Status, StatusChange};
use domain::queue::{QueueItem, Review, Target};
use sqlx::{ColumnIndex, Executor};

#[async_trait::async_trait]
impl<DB: Engine> ProposalStore for SqlStore<DB>
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
    async fn add_proposal(&self, p: &NewProposal) -> Result<i64, StoreError> {
        use Status;
        let i = &p.input;
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "INSERT INTO proposals (municipality_id, receipt_hash, device_hash, kind, principle_id, service_id, title, text, reason,
                status, moderation, held_for, urgent, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(p.municipality_id)
        .bind(&p.receipt_hash)
        .bind(&p.device_hash)
        .bind(i.kind.as_str())
        .bind(i.principle_id)
        .bind(p.service_id)
        .bind(&i.title)
        .bind(&i.text)
        .bind(&i.reason)
        .bind(Status::Received.as_str())
        .bind(p.review.moderation.as_str())
        .bind(&p.review.held_for)
        .bind(p.review.urgent)
        .bind(p.now)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = sqlx::Row::try_get(&row, "id")?;
        sqlx::query(INSERT_EVENT)
            .bind(id)
            .bind(p.now)
            .bind("status")
            .bind(Status::Received.as_str())
            .bind(None::<String>)
            .bind("young_person")
            .execute(&mut *tx)
            .await?;
        if let Some(f) = &p.promoted_from {
            let done = sqlx::query(
                "INSERT INTO workshop_promotions (workshop_id, activity, item, proposal_id) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (workshop_id, activity, item) DO NOTHING",
            )
            .bind(f.workshop_id)
            .bind(f.activity)
            .bind(f.item)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Conflict); // promoted meanwhile: nothing is kept
            }
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn proposal(&self, id: i64) -> Result<Option<Proposal>, StoreError> {
        let sql = format!("{} WHERE p.id = $1", SELECT_PROPOSAL);
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
        row.as_ref().map(proposal_from).transpose()
    }

    async fn proposal_by_receipt(&self, receipt_hash: &str) -> Result<Option<Proposal>, StoreError> {
        let sql = format!("{} WHERE p.receipt_hash = $1", SELECT_PROPOSAL);
        let row = sqlx::query(&sql).bind(receipt_hash).fetch_optional(&self.pool).await?;
        row.as_ref().map(proposal_from).transpose()
    }

    async fn proposals(&self, municipality_id: i64) -> Result<Vec<Proposal>, StoreError> {
        let sql = format!("{} WHERE p.municipality_id = $1 ORDER BY p.created_at DESC, p.id DESC", SELECT_PROPOSAL);
        let rows = sqlx::query(&sql).bind(municipality_id).fetch_all(&self.pool).await?;
        rows.iter().map(proposal_from).collect()
    }

    async fn device_proposals(&self, municipality_id: i64, device_hash: &str) -> Result<Vec<Proposal>, StoreError> {
        let sql = format!("{} WHERE p.municipality_id = $1 AND p.device_hash = $2 ORDER BY p.created_at DESC, p.id DESC", SELECT_PROPOSAL);
        let rows = sqlx::query(&sql).bind(municipality_id).bind(device_hash).fetch_all(&self.pool).await?;
        rows.iter().map(proposal_from).collect()
    }

    async fn proposal_events(&self, proposal_id: i64) -> Result<Vec<ProposalEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT happened_at, kind, value, reason, role FROM proposal_events WHERE proposal_id = $1 ORDER BY happened_at, id",
        )
        .bind(proposal_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from).collect()
    }

    async fn set_stance(&self, proposal_id: i64, device_hash: &str, stance: Option<Stance>, now: i64) -> Result<(), StoreError> {
        match stance {
            Some(s) => {
                sqlx::query(
                    "INSERT INTO proposal_stances (proposal_id, device_hash, stance, updated_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (proposal_id, device_hash) DO UPDATE SET stance = excluded.stance, updated_at = excluded.updated_at",
                )
                .bind(proposal_id)
                .bind(device_hash)
                .bind(s.as_str())
                .bind(now)
                .execute(&self.pool)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM proposal_stances WHERE proposal_id = $1 AND device_hash = $2")
                    .bind(proposal_id)
                    .bind(device_hash)
                    .execute(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    async fn stance(&self, proposal_id: i64, device_hash: &str) -> Result<Option<Stance>, StoreError> {
        let row = sqlx::query("SELECT stance FROM proposal_stances WHERE proposal_id = $1 AND device_hash = $2")
            .bind(proposal_id)
            .bind(device_hash)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let s: String = sqlx::Row::try_get(&row, "stance")?;
        Stance::parse(&s).map(Some).ok_or_else(|| StoreError::Corrupt(format!("stance {s}")))
    }

    async fn add_comment(&self, proposal_id: i64, text: &str, review: &Review, now: i64) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO proposal_comments (proposal_id, text, moderation, held_for, urgent, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(proposal_id)
        .bind(text)
        .bind(review.moderation.as_str())
        .bind(&review.held_for)
        .bind(review.urgent)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(sqlx::Row::try_get(&row, "id")?)
    }

    async fn comments(&self, proposal_id: i64) -> Result<Vec<Comment>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, proposal_id, text, moderation, urgent, held_for, created_at FROM proposal_comments
             WHERE proposal_id = $1 ORDER BY created_at, id",
        )
        .bind(proposal_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(comment_from).collect()
    }

    async fn moderation_queue(&self, municipality_id: i64) -> Result<Vec<QueueItem>, StoreError> {
        let mut items = Vec::new();
        for (target, sql) in QUEUE {
            let rows = sqlx::query(sql).bind(municipality_id).bind("pending").fetch_all(&self.pool).await?;
            for r in &rows {
                items.push(queue_item_from(r, target)?);
            }
        }
        items.sort_by_key(|i| (!i.urgent, i.created_at, i.id));
        Ok(items)
    }

    async fn moderate(
        &self,
        municipality_id: i64,
        target: Target,
        id: i64,
        decision: Moderation,
        reason: Option<&str>,
        now: i64,
    ) -> Result<Answered, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done =
            sqlx::query(moderate_sql(target)).bind(decision.as_str()).bind(reason).bind(id).bind(municipality_id).execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            let exists = sqlx::query(exists_sql(target)).bind(id).bind(municipality_id).fetch_optional(&mut *tx).await?;
            return Ok(if exists.is_some() { Answered::Changed } else { Answered::NotFound });
        }
        if target == Target::WorkshopIdea && DB::NOTIFY_WORKSHOP.is_some() {
            // Other instances' screens hear of it too.
            let row = sqlx::query("SELECT workshop_id FROM workshop_ideas WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
            Self::announce(&mut tx, sqlx::Row::try_get(&row, "workshop_id")?).await?;
        }
        if target == Target::Proposal {
            sqlx::query(INSERT_EVENT)
                .bind(id)
                .bind(now)
                .bind("moderation")
                .bind(decision.as_str())
                .bind(reason)
                .bind("moderator")
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Answered::Done)
    }

    async fn answer_proposal(
        &self,
        municipality_id: i64,
        id: i64,
        from: Status,
        change: &StatusChange,
        effect: Option<&PrincipleEffect>,
        now: i64,
    ) -> Result<Answered, StoreError> {
        use crate::principles::INSERT_VERSION;
        let mut tx = self.pool.begin().await?;
        let answered_at = change.status.is_answer().then_some(now);
        // The status guard makes two managers answering at once safe: the second sees `Changed`.
        let done = sqlx::query(
            "UPDATE proposals SET status = $1, answer = COALESCE($2, answer), answered_at = COALESCE($3, answered_at)
             WHERE id = $4 AND municipality_id = $5 AND status = $6",
        )
        .bind(change.status.as_str())
        .bind(&change.reason)
        .bind(answered_at)
        .bind(id)
        .bind(municipality_id)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            let exists = sqlx::query("SELECT 1 AS one FROM proposals WHERE id = $1 AND municipality_id = $2")
                .bind(id)
                .bind(municipality_id)
                .fetch_optional(&mut *tx)
                .await?;
            return Ok(if exists.is_some() { Answered::Changed } else { Answered::NotFound });
        }
        sqlx::query(INSERT_EVENT)
            .bind(id)
            .bind(now)
            .bind("status")
            .bind(change.status.as_str())
            .bind(&change.reason)
            .bind("manager")
            .execute(&mut *tx)
            .await?;
        match effect {
            Some(PrincipleEffect::Revise { principle_id, input }) => {
                let row = sqlx::query(
                    "SELECT v.principle_id, v.version, v.title_da, v.title_en, v.text_da, v.text_en, v.valid_from, v.proposal_id
                     FROM principle_versions v JOIN principles p ON p.id = v.principle_id
                     WHERE v.principle_id = $1 AND p.municipality_id = $2 ORDER BY v.version DESC LIMIT 1",
                )
                .bind(principle_id)
                .bind(municipality_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else { return Ok(Answered::NotFound) };
                let (_, current) = crate::principles::version_from(&row)?;
                // Adopted without new wording: no empty "new version".
                if !crate::principles::same_text(&current, input) {
                    sqlx::query(INSERT_VERSION)
                        .bind(principle_id)
                        .bind(current.version + 1)
                        .bind(&input.title_da)
                        .bind(&input.title_en)
                        .bind(&input.text_da)
                        .bind(&input.text_en)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            Some(PrincipleEffect::Add(input)) => {
                let row = sqlx::query(crate::principles::INSERT_PRINCIPLE)
                    .bind(municipality_id)
                    .bind(input.criterion)
                    .bind(true)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                let pid: i64 = sqlx::Row::try_get(&row, "id")?;
                sqlx::query(INSERT_VERSION)
                    .bind(pid)
                    .bind(1_i64)
                    .bind(&input.title_da)
                    .bind(&input.title_en)
                    .bind(&input.text_da)
                    .bind(&input.text_en)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            Some(PrincipleEffect::Deactivate { principle_id }) => {
                let done = sqlx::query("UPDATE principles SET active = $1 WHERE id = $2 AND municipality_id = $3")
                    .bind(false)
                    .bind(principle_id)
                    .bind(municipality_id)
                    .execute(&mut *tx)
                    .await?;
                // Like `Revise`: no such principle here, nothing is kept.
                if done.rows_affected() == 0 {
                    return Ok(Answered::NotFound);
                }
            }
            None => {}
        }
        tx.commit().await?;
        Ok(Answered::Done)
    }

    async fn set_response_days(&self, municipality_id: i64, days: i64) -> Result<(), StoreError> {
        self.catalogue
            .write(async {
                sqlx::query("UPDATE municipalities SET response_days = $1 WHERE id = $2")
                    .bind(days)
                    .bind(municipality_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            })
            .await
    }
}
