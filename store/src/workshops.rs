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
    /// How many participants have an answer to `activity`: what a snapshot
    /// shows before results are revealed, without reading every answer.
    async fn respondents(&self, workshop_id: i64, activity: i64) -> Result<i64, StoreError>;
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
    /// (version, rows) of the activity's last released answers.
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

mod answers;
mod sql;
