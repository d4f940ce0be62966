//! Co-design use cases: what the pages, the no-JavaScript forms and the JSON
//! API call for proposals, stances, comments, moderation and official
//! answers. Parsing happens in the handlers, rules in `domain`, SQL in `store`.

use crate::domain::principle::Principle;
use crate::domain::proposal::{ProposalEvent, Responsiveness, Stance};
use crate::domain::public::{Moderated, OwnProposal, PublicComment, PublicProposal};
use crate::domain::service::Service;
use crate::domain::Municipality;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
mod server;
#[cfg(feature = "ssr")]
pub use server::*;

/// One proposal with everything its page shows. Public types only: this is
/// also the page's hydration data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    pub municipality: Municipality,
    pub proposal: PublicProposal,
    /// Its history, oldest first (`domain::public::history`).
    pub events: Vec<ProposalEvent>,
    /// Approved comments only.
    pub comments: Vec<PublicComment>,
    /// The principle it is about, with every version.
    pub principle: Option<Principle>,
    pub service: Option<Service>,
    /// This device's stance.
    pub my_stance: Option<Stance>,
    /// Only for its author (the receipt): how moderation went.
    pub own: Option<Moderated>,
}

/// The proposals page: the public list, this device's own proposals, and
/// what the form offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalList {
    pub municipality: Municipality,
    pub proposals: Vec<PublicProposal>,
    pub mine: Vec<OwnProposal>,
    pub principles: Vec<Principle>,
    pub services: Vec<Service>,
}

/// "You said, we did".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub municipality: Municipality,
    pub figures: Responsiveness,
    /// Answered public proposals, most recently answered first.
    pub answered: Vec<PublicProposal>,
    /// Every principle (also removed ones), to show what changed.
    pub principles: Vec<Principle>,
}

impl Results {
    pub fn principle(&self, id: Option<i64>) -> Option<&Principle> {
        id.and_then(|id| self.principles.iter().find(|p| p.id == id))
    }

    /// The principle a proposal created or changed.
    pub fn changed_by(&self, proposal_id: i64) -> Option<&Principle> {
        self.principles.iter().find(|p| p.versions.iter().any(|v| v.proposal_id == Some(proposal_id)))
    }
}
