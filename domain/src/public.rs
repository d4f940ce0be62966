//! What a stranger, or the young person, may read of proposals and counts.
//! Public answers are built from these types only: they have no field for a
//! moderator's note, why a text was held or whether it was urgent, so such
//! data cannot reach a public page, its hydration data or the public JSON by
//! accident. Counts of young people below k = 5 are "under 5", never exact.

use super::governance::disclosure::K;
use super::proposal::{Comment, Moderation, Proposal, ProposalEvent, ProposalKind, Status};
use super::Locale;
use serde::{Deserialize, Serialize};

/// A count of young people (ratings, stances, comments) as the public sees
/// it: exact from 5, otherwise only "under 5" (0 too, so a first answer
/// does not show as a change from nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCount(Option<i64>);

impl PublicCount {
    pub fn of(n: i64) -> PublicCount {
        PublicCount((n >= K).then_some(n))
    }

    /// `None`: under 5.
    pub fn exact(self) -> Option<i64> {
        self.0
    }

    pub fn under_5(self) -> bool {
        self.0.is_none()
    }

    /// For ordering lists: under 5 counts as 0, so the order gives nothing away.
    pub fn rank(self) -> i64 {
        self.0.unwrap_or(0)
    }

    pub fn label(self, locale: Locale) -> String {
        match self.0 {
            Some(n) => n.to_string(),
            None => locale.pick("under 5", "under 5").to_string(),
        }
    }
}

/// A published proposal, as everyone may see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicProposal {
    pub id: i64,
    pub kind: ProposalKind,
    pub principle_id: Option<i64>,
    pub service_id: Option<i64>,
    pub title: String,
    /// Already masked.
    pub text: String,
    pub reason: Option<String>,
    pub status: Status,
    pub created_at: i64,
    pub answered_at: Option<i64>,
    /// The public reason given with the latest status change.
    pub answer: Option<String>,
    pub support_for: PublicCount,
    pub support_against: PublicCount,
    pub comments: PublicCount,
}

impl From<&Proposal> for PublicProposal {
    fn from(p: &Proposal) -> Self {
        PublicProposal {
            id: p.id,
            kind: p.kind,
            principle_id: p.principle_id,
            service_id: p.service_id,
            title: p.title.clone(),
            text: p.text.clone(),
            reason: p.reason.clone(),
            status: p.status,
            created_at: p.created_at,
            answered_at: p.answered_at,
            answer: p.answer.clone(),
            support_for: PublicCount::of(p.support_for),
            support_against: PublicCount::of(p.support_against),
            comments: PublicCount::of(p.comments),
        }
    }
}

/// What the author of a proposal learns about its moderation (the receipt
/// page, "your proposals"): the outcome and, for a rejection, the reason
/// written to them. An approval's note is the moderators' own and stays
/// with them, as do the hold reasons and the urgency mark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Moderated {
    pub moderation: Moderation,
    pub rejection_reason: Option<String>,
    /// Self-harm language that still waits for a person: show where to get help now.
    pub help_now: bool,
}

impl Moderated {
    pub fn of(p: &Proposal) -> Moderated {
        Moderated {
            moderation: p.moderation,
            rejection_reason: p.moderation_reason.clone().filter(|_| p.moderation == Moderation::Rejected),
            help_now: p.urgent && p.moderation != Moderation::Approved,
        }
    }
}

/// One of this device's own proposals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnProposal {
    pub proposal: PublicProposal,
    pub moderated: Moderated,
}

impl From<&Proposal> for OwnProposal {
    fn from(p: &Proposal) -> Self {
        OwnProposal { proposal: p.into(), moderated: Moderated::of(p) }
    }
}

/// An approved comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicComment {
    pub id: i64,
    pub text: String,
    pub created_at: i64,
}

impl From<&Comment> for PublicComment {
    fn from(c: &Comment) -> Self {
        PublicComment { id: c.id, text: c.text.clone(), created_at: c.created_at }
    }
}

/// A proposal's history for `reader`. The public sees no moderation steps
/// (an "approved" step would say the text was held); the author sees them,
/// with the reason only when it was a rejection.
pub fn history(events: Vec<ProposalEvent>, author: bool) -> Vec<ProposalEvent> {
    events
        .into_iter()
        .filter(|e| author || e.kind != "moderation")
        .map(|mut e| {
            if e.kind == "moderation" && e.value != Moderation::Rejected.as_str() {
                e.reason = None;
            }
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_under_5_are_not_exact() {
        for n in 0..5 {
            assert!(PublicCount::of(n).under_5(), "{n}");
            assert_eq!(PublicCount::of(n).exact(), None);
            assert_eq!(PublicCount::of(n).label(Locale::Da), "under 5");
            assert_eq!(PublicCount::of(n).rank(), 0);
        }
        assert_eq!(PublicCount::of(5).exact(), Some(5));
        assert_eq!(PublicCount::of(12).label(Locale::En), "12");
        assert_eq!(serde_json::to_string(&PublicCount::of(3)).ok().as_deref(), Some("null"));
    }

    fn event(kind: &str, value: &str, reason: &str) -> ProposalEvent {
        ProposalEvent { at: 0, kind: kind.into(), value: value.into(), reason: Some(reason.into()), role: "moderator".into() }
    }

    #[test]
    fn moderators_notes_stay_with_them() {
        let events = vec![
            event("moderation", "approved", "efter samtale med Mads"),
            event("moderation", "rejected", "Skriv uden bandeord"),
            event("status", "adopted", "Ja"),
        ];
        let public = history(events.clone(), false);
        assert_eq!(public.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["status"]);
        let own = history(events, true);
        let reasons: Vec<Option<&str>> = own.iter().map(|e| e.reason.as_deref()).collect();
        assert_eq!(reasons, [None, Some("Skriv uden bandeord"), Some("Ja")]);
    }
}
