//! The moderation queue's items: held free texts of any kind, and what
//! moderation decided when a text arrived.

use crate::proposal::Moderation;

/// Which kind of free text a moderation decision is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Target {
    Proposal,
    Comment,
    RatingComment,
    /// An idea typed on a workshop phone; only urgent ones (self-harm) come
    /// to the moderators, the facilitator decides the rest in the room.
    WorkshopIdea,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Proposal, Target::Comment, Target::RatingComment, Target::WorkshopIdea];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Proposal => "proposal",
            Target::Comment => "comment",
            Target::RatingComment => "rating",
            Target::WorkshopIdea => "idea",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// What moderation decided when a text arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub moderation: Moderation,
    /// Why it was held ("masked,swearing"), "" when published at once.
    pub held_for: String,
    pub urgent: bool,
}

impl Default for Review {
    fn default() -> Self {
        Review { moderation: Moderation::Approved, held_for: String::new(), urgent: false }
    }
}

/// A held text waiting for a moderator.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct QueueItem {
    pub target: Target,
    pub id: i64,
    /// The proposal's title, or the service's name for a rating comment.
    pub about: String,
    pub text: String,
    pub held_for: String,
    pub urgent: bool,
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_nothing_held_is_published_at_once() {
        let r = Review::default();
        assert_eq!((r.moderation, r.held_for.as_str(), r.urgent), (Moderation::Approved, "", false));
    }

    #[test]
    fn targets_round_trip() {
        for t in Target::ALL {
            assert_eq!(Target::parse(t.as_str()), Some(t));
        }
    }
}
