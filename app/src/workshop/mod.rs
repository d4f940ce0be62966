//! Workshop use cases: what the facilitator's, presenter's and
//! participants' pages, the forms and the JSON API call. Rules live in
//! `domain::workshop`, SQL in `store::workshops`, the live fan-out in `live`.

use crate::domain::workshop::{Activity, Idea, Results, Workshop};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
mod server;
#[cfg(feature = "ssr")]
pub use server::*;

/// The participant cookie: a random token per device, hashed before storing.
pub const PARTICIPANT_COOKIE: &str = "stemme_deltager";

/// One activity with its answers, for the facilitator and the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityReport {
    pub index: usize,
    pub activity: Activity,
    pub answered: usize,
    /// Counts are still withheld under five answers.
    pub results: Results,
    /// Ideas with their moderation, oldest first (ideas activities only).
    pub ideas: Vec<Idea>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub workshop: Workshop,
    pub participants: i64,
    pub activities: Vec<ActivityReport>,
    /// (activity, item, proposal id) of what became proposals.
    pub promotions: Vec<(i64, i64, i64)>,
}
