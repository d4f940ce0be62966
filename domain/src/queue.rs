//! The moderation queue's items: held free texts of any kind.

/// Which kind of free text a moderation decision is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Target {
    Proposal,
    Comment,
    RatingComment,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Proposal => "proposal",
            Target::Comment => "comment",
            Target::RatingComment => "rating",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        [Target::Proposal, Target::Comment, Target::RatingComment].into_iter().find(|t| t.as_str() == s)
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
