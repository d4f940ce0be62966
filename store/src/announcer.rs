//! Tells other instances which workshops changed (PostgreSQL `NOTIFY`), for
//! the hot path: answers. A NOTIFY inside a transaction takes a
//! database-wide lock at commit, so notifying in every answer batch made
//! the batches commit one at a time. Instead the batches only mark their
//! workshops here, and one task sends one NOTIFY per marked workshop, as
//! fast as it can; marks made meanwhile coalesce into the next round.
//! Rare changes (a workshop moving on, a join, an idea) still notify in
//! their own transaction.

use super::workshops::CHANNEL;
use std::collections::BTreeSet;
use tokio::sync::mpsc;

/// Cloned into every writer; when the last clone goes (the store is
/// dropped) the task ends and lets go of its connection pool.
#[derive(Clone)]
pub struct Announcer(mpsc::UnboundedSender<i64>);

impl Announcer {
    pub fn spawn(pool: sqlx::PgPool) -> Announcer {
        let (tx, mut rx) = mpsc::unbounded_channel::<i64>();
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut ids = BTreeSet::from([first]);
                while let Ok(id) = rx.try_recv() {
                    ids.insert(id);
                }
                // A lost NOTIFY delays the other screens until the next change; it loses no answer.
                if let Err(e) = announce(&pool, &ids).await {
                    tracing::warn!(workshops = ?ids, error = %e, "workshop NOTIFY failed");
                }
            }
        });
        Announcer(tx)
    }

    /// After a commit that changed these workshops.
    pub fn mark(&self, ids: impl IntoIterator<Item = i64>) {
        for id in ids {
            // Fails only once the task is gone, i.e. while shutting down.
            let _ = self.0.send(id);
        }
    }
}

/// One transaction for the round. A NOTIFY gives its transaction an id, so
/// each commit would wait for a WAL flush like a real write and double the
/// flushes of the answer batches; the notification itself is never
/// durable, so this commit need not wait.
async fn announce(pool: &sqlx::PgPool, ids: &BTreeSet<i64>) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await?;
    for id in ids {
        sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(id.to_string()).execute(&mut *tx).await?;
    }
    tx.commit().await
}
