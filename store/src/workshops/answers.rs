//! Workshop answers, written in batches (`store::batch`), and the NOTIFY
//! that tells other instances of the rarer changes (`Engine::NOTIFY_WORKSHOP`).

use super::{ResponseWrite, Saved, CLAIM_ANSWER};
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use crate::StoreError;
use sqlx::{ColumnIndex, Executor, Pool};

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
    /// A batch of answers in one transaction (`store::batch`): a room
    /// voting at once costs one commit.
    pub(crate) async fn write_responses(pool: &Pool<DB>, batch: Vec<ResponseWrite>) -> Result<Vec<Saved>, StoreError> {
        let mut tx = pool.begin().await?;
        let mut saved = Vec::with_capacity(batch.len());
        for w in &batch {
            let claimed =
                sqlx::query(CLAIM_ANSWER).bind(w.now).bind(w.participant_id).bind(w.workshop_id).bind(w.activity).execute(&mut *tx).await?;
            if claimed.rows_affected() == 0 {
                saved.push(Saved::NotNow);
                continue;
            }
            if w.replace {
                sqlx::query("DELETE FROM workshop_responses WHERE workshop_id = $1 AND activity = $2 AND participant_id = $3")
                    .bind(w.workshop_id)
                    .bind(w.activity)
                    .bind(w.participant_id)
                    .execute(&mut *tx)
                    .await?;
            }
            for (item, value) in &w.rows {
                sqlx::query(
                    "INSERT INTO workshop_responses (workshop_id, activity, participant_id, item, value, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (workshop_id, activity, participant_id, item) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                )
                .bind(w.workshop_id).bind(w.activity).bind(w.participant_id).bind(item).bind(value).bind(w.now)
                .execute(&mut *tx)
                .await?;
            }
            saved.push(Saved::Yes);
        }
        // Other instances hear of it after the commit (`announcer`).
        tx.commit().await?;
        Ok(saved)
    }

    /// Tells other instances, through the engine's NOTIFY (if any), that
    /// the workshop changed; inside the changing transaction.
    pub(crate) async fn announce(tx: &mut DB::Connection, workshop_id: i64) -> Result<(), StoreError> {
        if let Some(sql) = DB::NOTIFY_WORKSHOP {
            sqlx::query(sql).bind(workshop_id.to_string()).execute(&mut *tx).await?;
        }
        Ok(())
    }
}
