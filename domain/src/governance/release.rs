//! The release rule: what a reader sees of a figure is a *released* value,
//! stored, not the live one. Without it, reading a figure before and after
//! one young person answers reveals that person's answer (differencing).
//!
//! - A figure with no released value releases its live value.
//! - A released value is replaced only once at least `K` answers have
//!   *arrived* to the figure since it was released (arrivals count every
//!   contribution, also a replaced rating's new answers, and never go down).
//! - A value released after its period ended is frozen: it never changes.
//!
//! So any two values a reader can ever see of one figure are ≥ K arrivals
//! apart, and a rating replaced after its month has closed cannot move it.

use super::disclosure::K;
use std::collections::HashMap;
use std::hash::Hash;

/// A value as released (stored).
#[derive(Clone, Debug, PartialEq)]
pub struct Released<T> {
    pub value: T,
    /// The figure's arrivals when it was released.
    pub arrivals: i64,
    pub released_at: i64,
    /// When the figure's period ends (Unix seconds; `i64::MAX` for figures
    /// that are not of a period).
    pub closes_at: i64,
}

impl<T> Released<T> {
    pub fn frozen(&self) -> bool {
        self.released_at >= self.closes_at
    }
}

/// Whether a live value with `live_arrivals` replaces what is stored.
pub fn renews<T>(stored: Option<&Released<T>>, live_arrivals: i64) -> bool {
    match stored {
        None => true,
        Some(s) => !s.frozen() && live_arrivals >= s.arrivals + K,
    }
}

/// The outcome of one read: what to show, and what to store.
#[derive(Debug)]
pub struct Settled<I, T> {
    pub shown: HashMap<I, T>,
    pub writes: Vec<(I, Released<T>)>,
}

/// Applies the rule to every live figure (`id`, value, arrivals, when its
/// period closes). Stored values without a live figure are shown as stored.
pub fn settle<I: Clone + Eq + Hash, T: Clone>(
    live: impl IntoIterator<Item = (I, T, i64, i64)>,
    stored: &HashMap<I, Released<T>>,
    now: i64,
) -> Settled<I, T> {
    let mut shown: HashMap<I, T> = stored.iter().map(|(i, r)| (i.clone(), r.value.clone())).collect();
    let mut writes = Vec::new();
    for (id, value, arrivals, closes_at) in live {
        if renews(stored.get(&id), arrivals) {
            shown.insert(id.clone(), value.clone());
            writes.push((id, Released { value, arrivals, released_at: now, closes_at }));
        }
    }
    Settled { shown, writes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(value: i64, arrivals: i64, released_at: i64, closes_at: i64) -> HashMap<&'static str, Released<i64>> {
        HashMap::from([("f", Released { value, arrivals, released_at, closes_at })])
    }

    #[test]
    fn the_first_read_releases() {
        let s = settle([("f", 7, 7, 100)], &HashMap::new(), 10);
        assert_eq!(s.shown["f"], 7);
        assert_eq!(s.writes.len(), 1);
        assert_eq!(s.writes[0].1, Released { value: 7, arrivals: 7, released_at: 10, closes_at: 100 });
    }

    #[test]
    fn four_arrivals_show_nothing_new_five_do() {
        let old = stored(7, 7, 10, 100);
        let s = settle([("f", 11, 11, 100)], &old, 20);
        assert_eq!((s.shown["f"], s.writes.len()), (7, 0));
        let s = settle([("f", 12, 12, 100)], &old, 20);
        assert_eq!((s.shown["f"], s.writes.len()), (12, 1));
    }

    #[test]
    fn a_replacement_counts_as_an_arrival_without_changing_n() {
        // n stays 7, the mean moves: five replacements are five arrivals.
        let old = stored(40, 7, 10, 100);
        assert_eq!(settle([("f", 39, 11, 100)], &old, 20).shown["f"], 40);
        assert_eq!(settle([("f", 35, 12, 100)], &old, 20).shown["f"], 35);
    }

    #[test]
    fn a_value_released_after_its_period_is_frozen() {
        let old = stored(7, 7, 100, 100);
        let s = settle([("f", 70, 70, 100)], &old, 200);
        assert_eq!((s.shown["f"], s.writes.len()), (7, 0));
        // Released before the end: it may still be replaced once, then never.
        let open = stored(7, 7, 99, 100);
        let s = settle([("f", 12, 12, 100)], &open, 200);
        assert_eq!(s.writes[0].1.released_at, 200);
        assert!(s.writes[0].1.frozen());
    }

    #[test]
    fn stored_values_without_a_live_figure_stay() {
        let s = settle(Vec::<(&str, i64, i64, i64)>::new(), &stored(7, 7, 10, 100), 20);
        assert_eq!(s.shown["f"], 7);
    }

    #[test]
    fn arrivals_that_went_down_never_release() {
        // After a rollup rebuild arrivals restart from n: nothing is released
        // until they pass the stored count by K again.
        let old = stored(7, 30, 10, 100);
        assert!(!renews(old.get("f"), 12));
        assert!(renews(old.get("f"), 35));
    }
}
