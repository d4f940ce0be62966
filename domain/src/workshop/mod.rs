//! Workshop mode: a youth council live on phones and a projector. A
//! facilitator's plan of activities, the state it is in, participants'
//! answers and what they add up to. Pure rules, shared with the islands.

pub mod activity;
pub mod builder;
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

/// Who may follow a workshop (its snapshot and event stream): whoever joined
/// it, and staff of its municipality in any role, since ids are sequential
/// and a stranger must not read the room (or its code).
pub fn may_watch(joined: bool, staff: Option<&crate::staff::Staff>, municipality_slug: Option<&str>) -> bool {
    joined || staff.zip(municipality_slug).is_some_and(|(s, m)| s.works_in(m))
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

/// The query parameter and form field that carry the workshop a phone came
/// from when a "rate" activity sends it to a rating form.
pub const RETURN_FIELD: &str = "w";

/// The workshop to go back to after rating: a positive number only, since
/// it is put into a link and a redirect.
pub fn return_to(raw: Option<&str>) -> Option<i64> {
    raw.and_then(|w| w.trim().parse::<i64>().ok()).filter(|w| *w > 0)
}

#[cfg(test)]
mod tests {
    use super::may_watch;

    #[test]
    fn only_a_workshop_number_is_carried_back() {
        use super::return_to;
        assert_eq!(return_to(Some("12")), Some(12));
        assert_eq!(return_to(Some(" 7 ")), Some(7));
        for bad in [None, Some(""), Some("0"), Some("-3"), Some("12/../x"), Some("//evil.example"), Some("1e3")] {
            assert_eq!(return_to(bad), None, "{bad:?}");
        }
    }
    use crate::staff::{Grant, Role, Staff};

    #[test]
    fn participants_and_staff_of_the_municipality_watch() {
        let staff = |m: &str, role| Staff { id: 1, email: "a@b.dk".into(), grants: vec![Grant { municipality: Some(m.into()), role }] };
        let moderator = staff("odense", Role::Moderator);
        assert!(may_watch(true, None, None));
        assert!(may_watch(false, Some(&moderator), Some("odense")));
        assert!(!may_watch(false, Some(&moderator), Some("aarhus")));
        assert!(!may_watch(false, Some(&moderator), None));
        assert!(!may_watch(false, None, Some("odense")));
        let operator = Staff { grants: vec![Grant { municipality: None, role: Role::Operator }], ..moderator };
        assert!(!may_watch(false, Some(&operator), Some("odense")));
    }
}
