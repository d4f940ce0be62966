//! Caps on open workshop event streams: each holds a connection and a
//! subscription for as long as it lasts, so one script must not be able to
//! open thousands. A phone needs one (a reload may briefly overlap the old
//! one); a class on one network needs one each.

use crate::cookies::Participant;
use crate::error::ApiError;
use crate::source::client_source;
use app::domain::Locale;
use app::i18n::tr;
use app::state::AppState;
use axum::http::request::Parts;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Streams one participant (a participant cookie) may hold at once.
pub const PER_PARTICIPANT: usize = 3;
/// Streams one source address (an IPv6 /64) may hold at once, before
/// `--address-limit-scale`: several classes behind one school network.
pub const PER_SOURCE: usize = 100;

#[derive(Clone)]
pub struct StreamSlots {
    open: Arc<Mutex<HashMap<String, usize>>>,
    per_source: usize,
}

/// Which cap was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Full {
    Participant,
    Source,
}

impl StreamSlots {
    pub fn new(scale: u32) -> Self {
        StreamSlots { open: Arc::default(), per_source: PER_SOURCE.saturating_mul(scale.max(1) as usize) }
    }

    /// Takes a slot for a stream of `participant` (hashed; `None` for
    /// staff, counted by address only) from `source`. The slot is given back
    /// when the returned value is dropped: when the stream ends or the client
    /// goes away.
    pub fn acquire(&self, participant: Option<&str>, source: &str) -> Result<StreamSlot, Full> {
        let keys: Vec<(String, usize, Full)> = participant
            .map(|p| (format!("p:{p}"), PER_PARTICIPANT, Full::Participant))
            .into_iter()
            .chain(std::iter::once((format!("s:{source}"), self.per_source, Full::Source)))
            .collect();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, full)) = keys.iter().find(|(k, cap, _)| open.get(k).copied().unwrap_or(0) >= *cap) {
            return Err(*full);
        }
        for (k, _, _) in &keys {
            *open.entry(k.clone()).or_default() += 1;
        }
        Ok(StreamSlot { slots: self.clone(), keys: keys.into_iter().map(|(k, _, _)| k).collect() })
    }
}

/// One open stream's place; dropping it frees the place.
pub struct StreamSlot {
    slots: StreamSlots,
    keys: Vec<String>,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().unwrap_or_else(|e| e.into_inner());
        for k in &self.keys {
            if let Some(n) = open.get_mut(k) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    open.remove(k);
                }
            }
        }
    }
}

/// A place among the open streams: per participant (staff count by address only).
pub fn slot_for(state: &AppState, slots: &StreamSlots, parts: &Parts, locale: Locale) -> Result<StreamSlot, ApiError> {
    // Staff (a presenter, the facilitator's page) count by address only,
    // also in a browser that once joined as a participant.
    let staff = parts.extensions.get::<app::domain::staff::Staff>().is_some();
    let participant = Participant::token_from(&parts.headers).filter(|_| !staff).map(|t| app::domain::device::hash(&t));
    let source = client_source(parts, state.settings.client_ip_header.as_deref());
    slots.acquire(participant.as_deref(), &source).map_err(|full| {
        let message = match full {
            Full::Participant => tr(locale, "workshop-you_already_have_workshop"),
            Full::Source => tr(locale, "workshop-there_are_too_many"),
        };
        ApiError::TooMany { message: message.into(), retry_after: 5 }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_participant_holds_three_and_gets_them_back() {
        let slots = StreamSlots::new(1);
        let held: Vec<_> = (0..PER_PARTICIPANT).map(|_| slots.acquire(Some("a"), "10.0.0.1").unwrap()).collect();
        assert_eq!(slots.acquire(Some("a"), "10.0.0.1").err(), Some(Full::Participant));
        assert!(slots.acquire(Some("b"), "10.0.0.1").is_ok(), "another phone on the same network");
        drop(held);
        assert!(slots.acquire(Some("a"), "10.0.0.1").is_ok());
        assert!(slots.open.lock().unwrap().is_empty(), "nothing left behind");
    }

    #[test]
    fn an_address_holds_a_class_but_not_a_flood() {
        let slots = StreamSlots::new(1);
        let held: Vec<_> = (0..PER_SOURCE).map(|i| slots.acquire(Some(&format!("p{i}")), "10.0.0.1").unwrap()).collect();
        assert_eq!(slots.acquire(Some("late"), "10.0.0.1").err(), Some(Full::Source));
        assert_eq!(slots.acquire(None, "10.0.0.1").err(), Some(Full::Source), "staff count by address");
        assert!(slots.acquire(Some("late"), "10.0.0.2").is_ok());
        assert_eq!(held.len(), PER_SOURCE);
        assert!(StreamSlots::new(30).acquire(Some("x"), "10.0.0.1").is_ok());
    }
}
