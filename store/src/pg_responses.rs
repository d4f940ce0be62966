//! PostgreSQL writes a batch of workshop answers as three statements:
//! claim every participant whose activity is still running, delete what
//! replacing answers replace, insert all rows. The per-answer path
//! (`workshops/answers.rs`), which SQLite uses, takes a batch with one
//! phone twice in it (its sends queue on its participant row).

use crate::engine::SqlStore;
use crate::workshops::{ResponseWrite, Saved};
use crate::StoreError;
use sqlx::{Pool, Postgres, Row};
use std::collections::{BTreeMap, HashSet};

impl SqlStore<Postgres> {
    pub(crate) async fn write_responses_set(pool: &Pool<Postgres>, batch: Vec<ResponseWrite>) -> Result<Vec<Saved>, StoreError> {
        let mut participants: Vec<i64> = batch.iter().map(|w| w.participant_id).collect();
        participants.sort_unstable();
        participants.dedup();
        if participants.len() < batch.len() || batch.len() == 1 {
            return Self::write_responses(pool, batch).await;
        }
        let mut tx = pool.begin().await?;
        // Participant rows locked in one order: two batches sharing phones
        // (resends) wait for each other instead of deadlocking.
        sqlx::query("SELECT id FROM workshop_participants WHERE id = ANY($1) ORDER BY id FOR UPDATE")
            .bind(&participants)
            .fetch_all(&mut *tx)
            .await?;
        let column = |f: fn(&ResponseWrite) -> i64| batch.iter().map(f).collect::<Vec<i64>>();
        let claimed: HashSet<i64> = sqlx::query(
            "UPDATE workshop_participants AS p SET answered_at = u.now
             FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS u(participant_id, workshop_id, activity, now)
             JOIN workshops w ON w.id = u.workshop_id AND w.phase = 'running' AND w.current_activity = u.activity
             WHERE p.id = u.participant_id AND p.workshop_id = u.workshop_id
             RETURNING p.id",
        )
        .bind(column(|w| w.participant_id))
        .bind(column(|w| w.workshop_id))
        .bind(column(|w| w.activity))
        .bind(column(|w| w.now))
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>("id"))
        .collect::<Result<_, _>>()?;
        let written: Vec<&ResponseWrite> = batch.iter().filter(|w| claimed.contains(&w.participant_id)).collect();
        let replacing: Vec<&&ResponseWrite> = written.iter().filter(|w| w.replace).collect();
        if !replacing.is_empty() {
            sqlx::query(
                "DELETE FROM workshop_responses AS r
                 USING unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS u(workshop_id, activity, participant_id)
                 WHERE r.workshop_id = u.workshop_id AND r.activity = u.activity AND r.participant_id = u.participant_id",
            )
            .bind(replacing.iter().map(|w| w.workshop_id).collect::<Vec<_>>())
            .bind(replacing.iter().map(|w| w.activity).collect::<Vec<_>>())
            .bind(replacing.iter().map(|w| w.participant_id).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await?;
        }
        // One row per (participant, item): the last value wins, as row by row.
        let mut rows: BTreeMap<(i64, i64, i64, i64), (&str, i64)> = BTreeMap::new();
        for w in &written {
            for (item, value) in &w.rows {
                rows.insert((w.workshop_id, w.activity, w.participant_id, *item), (value.as_str(), w.now));
            }
        }
        if !rows.is_empty() {
            let keys: Vec<&(i64, i64, i64, i64)> = rows.keys().collect();
            sqlx::query(
                "INSERT INTO workshop_responses (workshop_id, activity, participant_id, item, value, updated_at)
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[])
                 ON CONFLICT (workshop_id, activity, participant_id, item) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            )
            .bind(keys.iter().map(|k| k.0).collect::<Vec<_>>())
            .bind(keys.iter().map(|k| k.1).collect::<Vec<_>>())
            .bind(keys.iter().map(|k| k.2).collect::<Vec<_>>())
            .bind(keys.iter().map(|k| k.3).collect::<Vec<_>>())
            .bind(rows.values().map(|v| v.0).collect::<Vec<_>>())
            .bind(rows.values().map(|v| v.1).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(batch.iter().map(|w| if claimed.contains(&w.participant_id) { Saved::Yes } else { Saved::NotNow }).collect())
    }
}
