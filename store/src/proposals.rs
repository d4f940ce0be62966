//! Proposals, their history, stances, comments and the moderation queue.
//! Same SQL on both engines.

use super::StoreError;
use async_trait::async_trait;
pub use domain::proposal::PrincipleEffect;
use domain::proposal::{Comment, Moderation, Proposal, ProposalEvent, ProposalInput, Stance, Status, StatusChange};
pub use domain::queue::{QueueItem, Review, Target};

/// A validated proposal, its texts already masked.
#[derive(Clone, Debug)]
pub struct NewProposal {
    pub municipality_id: i64,
    pub receipt_hash: String,
    pub device_hash: String,
    pub input: ProposalInput,
    pub service_id: Option<i64>,
    pub review: Review,
    pub now: i64,
    /// A workshop's idea or statement this proposal is made from, recorded
    /// in the same transaction: `Conflict` when it was promoted already.
    pub promoted_from: Option<PromotedFrom>,
}

/// (workshop, activity index, idea id or statement index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PromotedFrom {
    pub workshop_id: i64,
    pub activity: i64,
    pub item: i64,
}

/// How a staff decision (an answer, a moderation) went.
#[derive(Debug, PartialEq, Eq)]
pub enum Answered {
    Done,
    /// No such proposal or text in this municipality.
    NotFound,
    /// Someone decided it meanwhile.
    Changed,
}

#[async_trait]
pub trait ProposalStore: Send + Sync {
    /// Stores the proposal with its first event ("received").
    async fn add_proposal(&self, p: &NewProposal) -> Result<i64, StoreError>;
    async fn proposal(&self, id: i64) -> Result<Option<Proposal>, StoreError>;
    async fn proposal_by_receipt(&self, receipt_hash: &str) -> Result<Option<Proposal>, StoreError>;
    /// Every proposal of the municipality, moderated or not; callers filter.
    async fn proposals(&self, municipality_id: i64) -> Result<Vec<Proposal>, StoreError>;
    /// Those sent from this device.
    async fn device_proposals(&self, municipality_id: i64, device_hash: &str) -> Result<Vec<Proposal>, StoreError>;
    /// Oldest first.
    async fn proposal_events(&self, proposal_id: i64) -> Result<Vec<ProposalEvent>, StoreError>;
    /// One stance per device; `None` withdraws it.
    async fn set_stance(&self, proposal_id: i64, device_hash: &str, stance: Option<Stance>, now: i64) -> Result<(), StoreError>;
    async fn stance(&self, proposal_id: i64, device_hash: &str) -> Result<Option<Stance>, StoreError>;
    async fn add_comment(&self, proposal_id: i64, text: &str, review: &Review, now: i64) -> Result<i64, StoreError>;
    /// Oldest first, moderated or not.
    async fn comments(&self, proposal_id: i64) -> Result<Vec<Comment>, StoreError>;
    /// Held texts of the municipality, urgent first, then oldest first.
    async fn moderation_queue(&self, municipality_id: i64) -> Result<Vec<QueueItem>, StoreError>;
    /// `NotFound` when the text is not in this municipality, `Changed` when
    /// it was already decided.
    async fn moderate(
        &self,
        municipality_id: i64,
        target: Target,
        id: i64,
        decision: Moderation,
        reason: Option<&str>,
        now: i64,
    ) -> Result<Answered, StoreError>;
    /// Moves the proposal from `from` to the new status (recording the
    /// event) and applies `effect`, all or nothing.
    async fn answer_proposal(
        &self,
        municipality_id: i64,
        id: i64,
        from: Status,
        change: &StatusChange,
        effect: Option<&PrincipleEffect>,
        now: i64,
    ) -> Result<Answered, StoreError>;
    async fn set_response_days(&self, municipality_id: i64, days: i64) -> Result<(), StoreError>;
}

pub(super) const SELECT_PROPOSAL: &str = "SELECT p.id, p.municipality_id, p.kind, p.principle_id, p.service_id, p.title, p.text, p.reason,
        p.status, p.moderation, p.moderation_reason, p.held_for, p.urgent, p.created_at, p.answered_at, p.answer,
        (SELECT COUNT(*) FROM proposal_stances s WHERE s.proposal_id = p.id AND s.stance = 'for') AS support_for,
        (SELECT COUNT(*) FROM proposal_stances s WHERE s.proposal_id = p.id AND s.stance = 'against') AS support_against,
        (SELECT COUNT(*) FROM proposal_comments c WHERE c.proposal_id = p.id AND c.moderation = 'approved') AS comments
    FROM proposals p";

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {v}"))
}

pub(super) fn proposal_from<R: sqlx::Row>(r: &R) -> Result<Proposal, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    bool: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    use domain::proposal::ProposalKind;
    let (kind, status, moderation): (String, String, String) = (r.try_get("kind")?, r.try_get("status")?, r.try_get("moderation")?);
    Ok(Proposal {
        id: r.try_get("id")?,
        municipality_id: r.try_get("municipality_id")?,
        kind: ProposalKind::parse(&kind).ok_or_else(|| corrupt("proposal kind", &kind))?,
        principle_id: r.try_get("principle_id")?,
        service_id: r.try_get("service_id")?,
        title: r.try_get("title")?,
        text: r.try_get("text")?,
        reason: r.try_get("reason")?,
        status: Status::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        moderation: Moderation::parse(&moderation).ok_or_else(|| corrupt("moderation", &moderation))?,
        moderation_reason: r.try_get("moderation_reason")?,
        held_for: r.try_get("held_for")?,
        urgent: r.try_get("urgent")?,
        created_at: r.try_get("created_at")?,
        answered_at: r.try_get("answered_at")?,
        answer: r.try_get("answer")?,
        support_for: r.try_get("support_for")?,
        support_against: r.try_get("support_against")?,
        comments: r.try_get("comments")?,
    })
}

pub(super) fn comment_from<R: sqlx::Row>(r: &R) -> Result<Comment, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    bool: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    let moderation: String = r.try_get("moderation")?;
    Ok(Comment {
        id: r.try_get("id")?,
        proposal_id: r.try_get("proposal_id")?,
        text: r.try_get("text")?,
        moderation: Moderation::parse(&moderation).ok_or_else(|| corrupt("moderation", &moderation))?,
        urgent: r.try_get("urgent")?,
        held_for: r.try_get("held_for")?,
        created_at: r.try_get("created_at")?,
    })
}

pub(super) fn event_from<R: sqlx::Row>(r: &R) -> Result<ProposalEvent, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    Ok(ProposalEvent {
        at: r.try_get("happened_at")?,
        kind: r.try_get("kind")?,
        value: r.try_get("value")?,
        reason: r.try_get("reason")?,
        role: r.try_get("role")?,
    })
}

pub(super) fn queue_item_from<R: sqlx::Row>(r: &R, target: Target) -> Result<QueueItem, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    bool: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    Ok(QueueItem {
        target,
        id: r.try_get("id")?,
        about: r.try_get("about")?,
        text: r.try_get("text")?,
        held_for: r.try_get("held_for")?,
        urgent: r.try_get("urgent")?,
        created_at: r.try_get("created_at")?,
    })
}

pub(super) const INSERT_EVENT: &str =
    "INSERT INTO proposal_events (proposal_id, happened_at, kind, value, reason, role) VALUES ($1, $2, $3, $4, $5, $6)";

/// The held texts of each kind; `$1` is the municipality, `$2` 'pending'.
pub(super) const QUEUE: [(Target, &str); 4] = [
    (
        Target::Proposal,
        "SELECT id, title AS about, text, held_for, urgent, created_at FROM proposals WHERE municipality_id = $1 AND moderation = $2",
    ),
    (
        Target::Comment,
        "SELECT c.id, p.title AS about, c.text, c.held_for, c.urgent, c.created_at FROM proposal_comments c
         JOIN proposals p ON p.id = c.proposal_id WHERE p.municipality_id = $1 AND c.moderation = $2",
    ),
    (
        Target::RatingComment,
        "SELECT r.id, s.name AS about, r.comment AS text, r.comment_held_for AS held_for, r.comment_urgent AS urgent, r.created_at
         FROM ratings r JOIN services s ON s.id = r.service_id
         WHERE s.municipality_id = $1 AND r.comment_moderation = $2 AND r.comment IS NOT NULL",
    ),
    (
        Target::WorkshopIdea,
        "SELECT i.id, w.title AS about, i.text, i.held_for, (i.urgent <> 0) AS urgent, i.created_at
         FROM workshop_ideas i JOIN workshops w ON w.id = i.workshop_id
         WHERE w.municipality_id = $1 AND i.moderation = $2 AND i.urgent <> 0",
    ),
];

/// The decision's update for each kind: `$1` decision, `$2` reason, `$3` id,
/// `$4` municipality.
/// Only a text still waiting is decided, so two moderators working from the
/// same queue cannot overwrite each other.
pub(super) fn moderate_sql(target: Target) -> &'static str {
    match target {
        Target::Proposal => {
            "UPDATE proposals SET moderation = $1, moderation_reason = $2 WHERE id = $3 AND municipality_id = $4 AND moderation = 'pending'"
        }
        Target::Comment => {
            "UPDATE proposal_comments SET moderation = $1, moderation_reason = $2
             WHERE id = $3 AND proposal_id IN (SELECT id FROM proposals WHERE municipality_id = $4) AND moderation = 'pending'"
        }
        Target::RatingComment => {
            "UPDATE ratings SET comment_moderation = $1, comment_moderation_reason = $2
             WHERE id = $3 AND service_id IN (SELECT id FROM services WHERE municipality_id = $4) AND comment_moderation = 'pending'"
        }
        // Ideas keep no reason (nobody can look one up); `$2` is only
        // compared with itself so that every statement takes the same binds.
        Target::WorkshopIdea => {
            "UPDATE workshop_ideas SET moderation = $1
             WHERE id = $3 AND workshop_id IN (SELECT id FROM workshops WHERE municipality_id = $4) AND moderation = 'pending'
               AND COALESCE($2, '') = COALESCE($2, '')"
        }
    }
}

/// Whether the text exists in the municipality at all: `$1` id, `$2` municipality.
pub(super) fn exists_sql(target: Target) -> &'static str {
    match target {
        Target::Proposal => "SELECT id FROM proposals WHERE id = $1 AND municipality_id = $2",
        Target::Comment => {
            "SELECT c.id FROM proposal_comments c JOIN proposals p ON p.id = c.proposal_id WHERE c.id = $1 AND p.municipality_id = $2"
        }
        Target::RatingComment => {
            "SELECT r.id FROM ratings r JOIN services s ON s.id = r.service_id WHERE r.id = $1 AND s.municipality_id = $2"
        }
        Target::WorkshopIdea => {
            "SELECT i.id FROM workshop_ideas i JOIN workshops w ON w.id = i.workshop_id WHERE i.id = $1 AND w.municipality_id = $2"
        }
    }
}

mod sql;
