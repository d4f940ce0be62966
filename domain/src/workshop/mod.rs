//! Workshop mode: a youth council live on phones and a projector. A
//! facilitator's plan of activities, the state it is in, participants'
//! answers and what they add up to. Pure rules, shared with the islands.

pub mod activity;
pub mod code;
pub mod opinion;
pub mod phase;
pub mod release;
pub mod response;
pub mod results;
pub mod words;

pub use activity::{Activity, ActivityDraft, Plan, PlanRules};
pub use phase::{Command, Phase, WorkshopState};
pub use results::Results;
use serde::{Deserialize, Serialize};

/// A stored workshop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: i64,
    pub municipality_id: i64,
    pub title: String,
    pub code: String,
    pub activities: Vec<Activity>,
    pub state: WorkshopState,
    /// Bumped by every state change (optimistic locking).
    pub version: i64,
    pub created_at: i64,
    pub created_by: String,
    pub closed_at: Option<i64>,
}

impl Workshop {
    pub fn current(&self) -> Option<&Activity> {
        match self.state.phase {
            Phase::Running | Phase::Paused => self.activities.get(self.state.current),
            Phase::Waiting | Phase::Closed => None,
        }
    }
}

/// A participant's idea, masked; shown once approved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Idea {
    pub id: i64,
    pub activity: i64,
    pub text: String,
    pub moderation: crate::proposal::Moderation,
    /// Why it was held ("masked,swearing"), "" when shown at once.
    pub held_for: String,
    pub urgent: bool,
    pub created_at: i64,
}

/// What the live event stream sends, the presenter screen shows and a
/// phone needs to know: the same for everyone in the room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: i64,
    pub title: String,
    pub code: String,
    pub state: WorkshopState,
    pub activities: usize,
    /// The current activity (None while waiting or closed).
    pub activity: Option<Activity>,
    pub participants: i64,
    /// People who answered the current activity.
    pub answered: usize,
    /// Only once the facilitator reveals them.
    pub results: Option<Results>,
    /// When the answers behind it were read (ms since the epoch): an answer
    /// acknowledged before this time is included.
    pub read_at_ms: i64,
}
