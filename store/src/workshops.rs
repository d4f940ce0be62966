//! Workshops, their anonymous participants, answers and ideas. Same SQL on
//! both engines; PostgreSQL also announces every change with NOTIFY so
//! other instances can update their live screens.

use super::proposals::Review;
use super::StoreError;
use async_trait::async_trait;
use domain::proposal::Moderation;
use domain::workshop::results::Row;
use domain::workshop::{Activity, Workshop, WorkshopState};
use std::sync::Arc;

/// The NOTIFY channel; the payload is the workshop's id.
pub const CHANNEL: &str = "stemme_workshop";

pub struct NewWorkshop<'a> {
    pub municipality_id: i64,
    pub title: &'a str,
    pub code: &'a str,
    pub activities: &'a [Activity],
    pub by: &'a str,
    pub now: i64,
}

pub use domain::workshop::Idea;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Promotion {
    pub activity: i64,
    pub item: i64,
    pub proposal_id: i64,
}

/// What became of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    Yes,
    /// The activity is no longer the running one (it moved meanwhile).
    NotNow,
    /// The participant has sent `IDEAS_PER_PARTICIPANT` ideas already.
    TooManyIdeas,
}

/// An answer waiting for its batch (`WorkshopStore::save_responses`).
#[derive(Clone, Debug)]
pub struct ResponseWrite {
    pub workshop_id: i64,
    pub activity: i64,
    pub participant_id: i64,
    pub rows: Vec<(i64, String)>,
    pub replace: bool,
    pub now: i64,
}

/// The first statement of every answer's transaction: a write (so SQLite
/// takes its write lock at once, instead of failing later when a read
/// transaction tries to write) that locks the participant's row (so one
/// phone's parallel sends queue up) and only succeeds while the activity
/// `$4` is the running one.
pub(super) const CLAIM_ANSWER: &str = "UPDATE workshop_participants SET answered_at = $1 WHERE id = $2 AND workshop_id = $3
    AND EXISTS (SELECT 1 FROM workshops w WHERE w.id = $3 AND w.phase = 'running' AND w.current_activity = $4)";

/// Called with a workshop's id whenever any instance changed it.
pub type OnChange = Arc<dyn Fn(i64) + Send + Sync>;

#[async_trait]
pub trait WorkshopStore: Send + Sync {
    /// `Conflict` when an open workshop already has the code.
    async fn add_workshop(&self, w: &NewWorkshop<'_>) -> Result<i64, StoreError>;
    async fn workshop(&self, id: i64) -> Result<Option<Workshop>, StoreError>;
    /// Newest first.
    async fn workshops(&self, municipality_id: i64) -> Result<Vec<Workshop>, StoreError>;
    /// The open (not closed) workshop with this code.
    async fn open_workshop(&self, code: &str) -> Result<Option<Workshop>, StoreError>;
    /// Saves the new state if nobody changed it since `version`; closing
    /// erases the nicknames. `false` when the version was stale.
    async fn set_workshop_state(&self, id: i64, version: i64, state: WorkshopState, now: i64) -> Result<bool, StoreError>;
    /// The participant's id; joining again keeps it (and updates a nickname).
    async fn join_workshop(&self, workshop_id: i64, token_hash: &str, nickname: Option<&str>, now: i64) -> Result<i64, StoreError>;
    /// (id, nickname) of the token's participant.
    async fn participant(&self, workshop_id: i64, token_hash: &str) -> Result<Option<(i64, Option<String>)>, StoreError>;
    async fn participant_count(&self, workshop_id: i64) -> Result<i64, StoreError>;
    /// Stores (item, value) rows while `activity` is running; `replace`
    /// first removes the participant's other rows for the activity (a poll
    /// or dots answer is one whole).
    async fn save_responses(
        &self,
        workshop_id: i64,
        activity: i64,
        participant_id: i64,
        rows: &[(i64, String)],
        replace: bool,
        now: i64,
    ) -> Result<Saved, StoreError>;
    async fn responses(&self, workshop_id: i64, activity: i64) -> Result<Vec<Row>, StoreError>;
    /// Stores an idea while `activity` is running, unless the participant
    /// already sent `IDEAS_PER_PARTICIPANT` to it: one phone cannot flood the room.
    async fn add_idea(
        &self,
        workshop_id: i64,
        activity: i64,
        participant_id: i64,
        text: &str,
        review: &Review,
        now: i64,
    ) -> Result<Saved, StoreError>;
    /// Every idea of the workshop, oldest first.
    async fn ideas(&self, workshop_id: i64) -> Result<Vec<Idea>, StoreError>;
    /// How many people sent ideas to the activity.
    async fn idea_authors(&self, workshop_id: i64, activity: i64) -> Result<i64, StoreError>;
    /// Decides a pending idea; `false` when there is no such pending idea.
    async fn moderate_idea(&self, workshop_id: i64, idea_id: i64, moderation: Moderation) -> Result<bool, StoreError>;
    async fn promotions(&self, workshop_id: i64) -> Result<Vec<Promotion>, StoreError>;
    /// Ratings with channel "workshop" of these services from `since` to `until`.
    async fn workshop_ratings(&self, service_ids: &[i64], since: i64, until: i64) -> Result<i64, StoreError>;
    /// Calls `on_change` for changes made by other instances (PostgreSQL
    /// LISTEN). `false` when the engine has no other instances (SQLite).
    async fn watch_workshops(&self, on_change: OnChange) -> Result<bool, StoreError>;
    /// (version, rows) of the activity's last released answers (`store::releases`).
    async fn released(&self, workshop_id: i64, activity: i64) -> Result<Option<(i64, Vec<Row>)>, StoreError>;
    /// Stores a release made from `version` (0: none yet); `false` when
    /// another instance released first.
    async fn save_release(&self, workshop_id: i64, activity: i64, version: i64, rows: &[Row]) -> Result<bool, StoreError>;
}

pub(super) const SELECT_WORKSHOP: &str = "SELECT id, municipality_id, title, code, activities, phase, current_activity, revealed, version,
    created_at, created_by, closed_at FROM workshops";

pub(super) fn workshop_from<R: sqlx::Row>(r: &R) -> Result<Workshop, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    use domain::workshop::Phase;
    let (activities, phase): (String, String) = (r.try_get("activities")?, r.try_get("phase")?);
    let current: i64 = r.try_get("current_activity")?;
    let revealed: i64 = r.try_get("revealed")?;
    Ok(Workshop {
        id: r.try_get("id")?,
        municipality_id: r.try_get("municipality_id")?,
        title: r.try_get("title")?,
        code: r.try_get("code")?,
        activities: serde_json::from_str(&activities).map_err(|e| StoreError::Corrupt(format!("workshop activities: {e}")))?,
        state: WorkshopState {
            phase: Phase::parse(&phase).ok_or_else(|| StoreError::Corrupt(format!("workshop phase {phase:?}")))?,
            current: usize::try_from(current).map_err(|_| StoreError::Corrupt(format!("workshop activity {current}")))?,
            revealed: revealed != 0,
        },
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_by")?,
        closed_at: r.try_get("closed_at")?,
    })
}

pub(super) fn idea_from<R: sqlx::Row>(r: &R) -> Result<Idea, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    let moderation: String = r.try_get("moderation")?;
    let urgent: i64 = r.try_get("urgent")?;
    Ok(Idea {
        id: r.try_get("id")?,
        activity: r.try_get("activity")?,
        text: r.try_get("text")?,
        moderation: Moderation::parse(&moderation).ok_or_else(|| StoreError::Corrupt(format!("idea moderation {moderation:?}")))?,
        held_for: r.try_get("held_for")?,
        urgent: urgent != 0,
        created_at: r.try_get("created_at")?,
    })
}

/// Runs the engine's NOTIFY (if any) for a workshop inside a transaction.
macro_rules! announce {
    ($notify:expr, $tx:expr, $id:expr) => {
        if let Some(sql) = $notify {
            sqlx::query(sql).bind($id.to_string()).execute(&mut *$tx).await?;
        }
    };
}
pub(super) use announce;

/// `$notify`: the engine's NOTIFY statement (`$1` is the workshop id as
/// text) or `None`; `$watch`: its `watch_workshops`.
macro_rules! impl_workshop_store {
    ($ty:ty, $db:ty, $notify:expr, $watch:path) => {
        $crate::releases::impl_release_sql!($ty);

        impl $ty {
            /// A batch of answers in one transaction (`store::batch`): a room
            /// voting at once costs one commit.
            pub(crate) async fn write_responses(
                pool: &sqlx::Pool<$db>,
                batch: Vec<$crate::workshops::ResponseWrite>,
            ) -> Result<Vec<$crate::workshops::Saved>, StoreError> {
                use $crate::workshops::{Saved, CLAIM_ANSWER};
                let mut tx = pool.begin().await?;
                let mut saved = Vec::with_capacity(batch.len());
                for w in &batch {
                    let claimed = sqlx::query(CLAIM_ANSWER).bind(w.now).bind(w.participant_id).bind(w.workshop_id).bind(w.activity).execute(&mut *tx).await?;
                    if claimed.rows_affected() == 0 {
                        saved.push(Saved::NotNow);
                        continue;
                    }
                    if w.replace {
                        sqlx::query("DELETE FROM workshop_responses WHERE workshop_id = $1 AND activity = $2 AND participant_id = $3")
                            .bind(w.workshop_id).bind(w.activity).bind(w.participant_id)
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
        }

        #[async_trait::async_trait]
        impl $crate::workshops::WorkshopStore for $ty {
            async fn released(&self, workshop_id: i64, activity: i64) -> Result<Option<(i64, Vec<::domain::workshop::results::Row>)>, StoreError> {
                self.released_rows(workshop_id, activity).await
            }

            async fn save_release(&self, workshop_id: i64, activity: i64, version: i64, rows: &[::domain::workshop::results::Row]) -> Result<bool, StoreError> {
                self.store_release(workshop_id, activity, version, rows).await
            }

            async fn add_workshop(&self, w: &$crate::workshops::NewWorkshop<'_>) -> Result<i64, StoreError> {
                let activities = serde_json::to_string(w.activities).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let row = sqlx::query(
                    "INSERT INTO workshops (municipality_id, title, code, activities, phase, created_at, created_by)
                     VALUES ($1, $2, $3, $4, 'waiting', $5, $6) RETURNING id",
                )
                .bind(w.municipality_id).bind(w.title).bind(w.code).bind(activities).bind(w.now).bind(w.by)
                .fetch_one(&self.pool)
                .await?;
                Ok(sqlx::Row::try_get(&row, "id")?)
            }

            async fn workshop(&self, id: i64) -> Result<Option<::domain::workshop::Workshop>, StoreError> {
                let sql = format!("{} WHERE id = $1", $crate::workshops::SELECT_WORKSHOP);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                row.as_ref().map($crate::workshops::workshop_from).transpose()
            }

            async fn workshops(&self, municipality_id: i64) -> Result<Vec<::domain::workshop::Workshop>, StoreError> {
                let sql = format!("{} WHERE municipality_id = $1 ORDER BY id DESC", $crate::workshops::SELECT_WORKSHOP);
                let rows = sqlx::query(&sql).bind(municipality_id).fetch_all(&self.pool).await?;
                rows.iter().map($crate::workshops::workshop_from).collect()
            }

            async fn open_workshop(&self, code: &str) -> Result<Option<::domain::workshop::Workshop>, StoreError> {
                let sql = format!("{} WHERE code = $1 AND phase <> 'closed'", $crate::workshops::SELECT_WORKSHOP);
                let row = sqlx::query(&sql).bind(code).fetch_optional(&self.pool).await?;
                row.as_ref().map($crate::workshops::workshop_from).transpose()
            }

            async fn set_workshop_state(
                &self,
                id: i64,
                version: i64,
                state: ::domain::workshop::WorkshopState,
                now: i64,
            ) -> Result<bool, StoreError> {
                use ::domain::workshop::Phase;
                let closed = state.phase == Phase::Closed;
                let mut tx = self.pool.begin().await?;
                let done = sqlx::query(
                    "UPDATE workshops SET phase = $1, current_activity = $2, revealed = $3, version = version + 1,
                        closed_at = CASE WHEN $4 = 1 THEN $5 ELSE closed_at END
                     WHERE id = $6 AND version = $7",
                )
                .bind(state.phase.as_str()).bind(state.current as i64).bind(state.revealed as i64).bind(closed as i64).bind(now)
                .bind(id).bind(version)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                if closed {
                    // Nicknames live only as long as the workshop.
                    sqlx::query("UPDATE workshop_participants SET nickname = NULL WHERE workshop_id = $1").bind(id).execute(&mut *tx).await?;
                }
                $crate::workshops::announce!($notify, tx, id);
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
                .bind(workshop_id).bind(token_hash).bind(nickname).bind(now)
                .fetch_one(&mut *tx)
                .await?;
                $crate::workshops::announce!($notify, tx, workshop_id);
                tx.commit().await?;
                Ok(sqlx::Row::try_get(&row, "id")?)
            }

            async fn participant(&self, workshop_id: i64, token_hash: &str) -> Result<Option<(i64, Option<String>)>, StoreError> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT id, nickname FROM workshop_participants WHERE workshop_id = $1 AND token_hash = $2")
                    .bind(workshop_id).bind(token_hash)
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
            ) -> Result<$crate::workshops::Saved, StoreError> {
                let write = $crate::workshops::ResponseWrite { workshop_id, activity, participant_id, rows: rows.to_vec(), replace, now };
                self.responses.submit(write).await
            }

            async fn responses(&self, workshop_id: i64, activity: i64) -> Result<Vec<::domain::workshop::results::Row>, StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT participant_id, item, value FROM workshop_responses WHERE workshop_id = $1 AND activity = $2
                     ORDER BY participant_id, item",
                )
                .bind(workshop_id).bind(activity)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|r| {
                        Ok(::domain::workshop::results::Row {
                            participant: r.try_get("participant_id")?,
                            item: r.try_get("item")?,
                            value: r.try_get("value")?,
                        })
                    })
                    .collect()
            }

            async fn add_idea(
                &self,
                workshop_id: i64,
                activity: i64,
                participant_id: i64,
                text: &str,
                review: &$crate::proposals::Review,
                now: i64,
            ) -> Result<$crate::workshops::Saved, StoreError> {
                use $crate::workshops::{Saved, CLAIM_ANSWER};
                let mut tx = self.pool.begin().await?;
                let claimed = sqlx::query(CLAIM_ANSWER).bind(now).bind(participant_id).bind(workshop_id).bind(activity).execute(&mut *tx).await?;
                if claimed.rows_affected() == 0 {
                    return Ok(Saved::NotNow);
                }
                let (sent,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM workshop_ideas WHERE workshop_id = $1 AND activity = $2 AND participant_id = $3",
                )
                .bind(workshop_id).bind(activity).bind(participant_id)
                .fetch_one(&mut *tx)
                .await?;
                if sent >= ::domain::workshop::response::IDEAS_PER_PARTICIPANT as i64 {
                    return Ok(Saved::TooManyIdeas);
                }
                sqlx::query(
                    "INSERT INTO workshop_ideas (workshop_id, activity, participant_id, text, moderation, held_for, urgent, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(workshop_id).bind(activity).bind(participant_id).bind(text).bind(review.moderation.as_str())
                .bind(&review.held_for).bind(review.urgent as i64).bind(now)
                .execute(&mut *tx)
                .await?;
                $crate::workshops::announce!($notify, tx, workshop_id);
                tx.commit().await?;
                Ok(Saved::Yes)
            }

            async fn idea_authors(&self, workshop_id: i64, activity: i64) -> Result<i64, StoreError> {
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT participant_id) FROM workshop_ideas WHERE workshop_id = $1 AND activity = $2")
                    .bind(workshop_id).bind(activity)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n)
            }

            async fn ideas(&self, workshop_id: i64) -> Result<Vec<$crate::workshops::Idea>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, activity, text, moderation, held_for, urgent, created_at FROM workshop_ideas WHERE workshop_id = $1 ORDER BY id",
                )
                .bind(workshop_id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map($crate::workshops::idea_from).collect()
            }

            async fn moderate_idea(
                &self,
                workshop_id: i64,
                idea_id: i64,
                moderation: ::domain::proposal::Moderation,
            ) -> Result<bool, StoreError> {
                let mut tx = self.pool.begin().await?;
                let done = sqlx::query("UPDATE workshop_ideas SET moderation = $1 WHERE id = $2 AND workshop_id = $3 AND moderation = 'pending'")
                    .bind(moderation.as_str()).bind(idea_id).bind(workshop_id)
                    .execute(&mut *tx)
                    .await?;
                $crate::workshops::announce!($notify, tx, workshop_id);
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

            async fn promotions(&self, workshop_id: i64) -> Result<Vec<$crate::workshops::Promotion>, StoreError> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT activity, item, proposal_id FROM workshop_promotions WHERE workshop_id = $1")
                    .bind(workshop_id)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|r| {
                        Ok($crate::workshops::Promotion {
                            activity: r.try_get("activity")?,
                            item: r.try_get("item")?,
                            proposal_id: r.try_get("proposal_id")?,
                        })
                    })
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

            async fn watch_workshops(&self, on_change: $crate::workshops::OnChange) -> Result<bool, StoreError> {
                $watch(self, on_change).await
            }
        }
    };
}
pub(super) use impl_workshop_store;
