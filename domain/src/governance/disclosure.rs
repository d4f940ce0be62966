//! Disclosure control: no mean, share or count of fewer than `K` young
//! people is ever shown, and none can be worked out from what is shown.
//!
//! Three rules, applied on the server to every figure (pages, CSV, JSON):
//! 1. **Primary**: a figure of 1–4 people is hidden (0 is shown as "no answers").
//! 2. **Differencing**: a figure over months is hidden when its first or last
//!    month with answers has 1–4 people (then every difference of two shown
//!    periods is 0 or ≥ K people, see the property test), and a filtered figure
//!    is hidden when the people it leaves out of the unfiltered figure are 1–4.
//! 3. **Secondary**: where a total is shown beside its parts (a row or column
//!    of the heatmap, participation by age band), one hidden part could be
//!    worked out as total minus the rest: while the hidden parts add up to
//!    1–4 people, the next smallest part is hidden too (or, if there is none,
//!    the total), so what can be worked out is always 0 or ≥ K people.

use serde::{Deserialize, Serialize};

/// The smallest group shown (the Danish education ministry's rule).
pub const K: i64 = 5;

/// Why a figure is or is not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Yes,
    /// Nobody answered: shown as "no answers", nothing to protect.
    Empty,
    /// Fewer than K people, or derivable from a neighbour (rule 1 or 2).
    TooFew,
    /// Hidden so that a hidden neighbour cannot be worked out (rule 3).
    Protects,
}

impl Shown {
    pub fn visible(self) -> bool {
        self == Shown::Yes
    }
}

/// Rule 1.
pub fn primary(n: i64) -> Shown {
    match n {
        0 => Shown::Empty,
        n if n < K => Shown::TooFew,
        _ => Shown::Yes,
    }
}

/// Rules 1 and 2 for one figure: `monthly` is the people per month over the
/// period, `n` the people in the whole period, and `parents` the same
/// figure with one filter dropped (their `n`).
pub fn decide(n: i64, monthly: &[i64], parents: &[i64]) -> Shown {
    let first = primary(n);
    if first != Shown::Yes {
        return first;
    }
    let mut nonzero = monthly.iter().filter(|&&m| m > 0);
    let edges_ok = [nonzero.next(), nonzero.last()].into_iter().flatten().all(|&m| m >= K);
    let complements_ok = parents.iter().all(|&p| complement_ok(p, n));
    if edges_ok && complements_ok {
        Shown::Yes
    } else {
        Shown::TooFew
    }
}

/// The people left out by a filter must be none or at least K.
pub fn complement_ok(parent: i64, n: i64) -> bool {
    let left_out = parent - n;
    left_out <= 0 || left_out >= K
}

/// A set of figures whose total is also shown (by index into one flat list).
#[derive(Clone, Debug)]
pub struct Group {
    pub members: Vec<usize>,
    pub total: usize,
}

/// Rule 3 over a flat list of figures (`n` people and the current decision)
/// linked by `groups`. Changes decisions in place until the hidden members
/// of every total add up to 0 or at least K people. Hidden totals count too:
/// one level up they may be worked out (a quarter from its year).
pub fn secondary(n: &[i64], shown: &mut [Shown], groups: &[Group]) {
    loop {
        let mut changed = false;
        for g in groups {
            let hidden: i64 = g.members.iter().filter(|&&i| n[i] > 0 && !shown[i].visible()).map(|&i| n[i]).sum();
            if hidden == 0 || hidden >= K {
                continue;
            }
            let next = g.members.iter().copied().filter(|&i| n[i] > 0 && shown[i].visible()).min_by_key(|&i| (n[i], i));
            match next {
                Some(i) => shown[i] = Shown::Protects,
                None if shown[g.total].visible() => shown[g.total] = Shown::Protects,
                None => continue,
            }
            changed = true;
        }
        if !changed {
            return;
        }
    }
}

/// The groups of a grid of `rows × cols` cells laid out row by row, followed
/// by the row totals, the column totals and the grand total.
pub fn grid_groups(rows: usize, cols: usize) -> Vec<Group> {
    let row_total = |r: usize| rows * cols + r;
    let col_total = |c: usize| rows * cols + rows + c;
    let grand = rows * cols + rows + cols;
    let mut groups: Vec<Group> =
        (0..rows).map(|r| Group { members: (0..cols).map(|c| r * cols + c).collect(), total: row_total(r) }).collect();
    groups.extend((0..cols).map(|c| Group { members: (0..rows).map(|r| r * cols + c).collect(), total: col_total(c) }));
    groups.push(Group { members: (0..rows).map(row_total).collect(), total: grand });
    groups.push(Group { members: (0..cols).map(col_total).collect(), total: grand });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn four_hidden_five_shown() {
        assert_eq!(primary(4), Shown::TooFew);
        assert_eq!(primary(5), Shown::Yes);
        assert_eq!(primary(0), Shown::Empty);
        assert_eq!(decide(4, &[4], &[]), Shown::TooFew);
        assert_eq!(decide(5, &[5], &[]), Shown::Yes);
    }

    #[test]
    fn a_small_edge_month_hides_the_period() {
        // Jan–Mar with 2 people in March: Jan–Mar minus Jan–Feb would be those 2.
        assert_eq!(decide(22, &[10, 10, 2], &[]), Shown::TooFew);
        assert_eq!(decide(22, &[10, 2, 10], &[]), Shown::Yes);
        assert_eq!(decide(20, &[0, 10, 10, 0], &[]), Shown::Yes);
    }

    #[test]
    fn a_filter_that_leaves_out_a_few_is_hidden() {
        // 12 in all, 9 aged 15–17: the other 3 would be the difference.
        assert_eq!(decide(9, &[9], &[12]), Shown::TooFew);
        assert_eq!(decide(9, &[9], &[9]), Shown::Yes);
        assert_eq!(decide(9, &[9], &[14]), Shown::Yes);
    }

    #[test]
    fn secondary_hides_the_next_smallest_in_a_row() {
        // One row of three cells (3, 6, 20) with its total shown: hiding only
        // the 3 would let total − 6 − 20 reveal it, so the 6 goes too.
        let n = [3, 6, 20, 29];
        let mut shown = [primary(3), primary(6), primary(20), primary(29)];
        secondary(&n, &mut shown, &[Group { members: vec![0, 1, 2], total: 3 }]);
        assert_eq!(shown, [Shown::TooFew, Shown::Protects, Shown::Yes, Shown::Yes]);
    }

    #[test]
    fn secondary_hides_the_total_when_no_part_can_go() {
        let n = [3, 0, 7];
        let mut shown = [Shown::TooFew, Shown::Empty, Shown::Yes];
        secondary(&n, &mut shown, &[Group { members: vec![0, 1], total: 2 }]);
        assert_eq!(shown[2], Shown::Protects);
    }

    #[test]
    fn a_hidden_total_still_protects_its_parts() {
        // April 2 (hidden), May 10, June 10; Q2 (22) is hidden to protect a
        // neighbour, but the year minus the other quarters gives it back, so
        // May goes too.
        let n = [2, 10, 10, 22, 52];
        let mut shown = [Shown::TooFew, Shown::Yes, Shown::Yes, Shown::Protects, Shown::Yes];
        secondary(&n, &mut shown, &[Group { members: vec![0, 1, 2], total: 3 }, Group { members: vec![3], total: 4 }]);
        assert_eq!(shown[1], Shown::Protects);
    }

    fn grid(rows: usize, cols: usize) -> impl Strategy<Value = Vec<i64>> {
        proptest::collection::vec(prop_oneof![Just(0i64), 1i64..5, 5i64..40], rows * cols)
    }

    proptest! {
        /// In every row, column and the totals, what a shown total minus its
        /// shown parts gives away is 0 or at least K people; no group under K
        /// is shown.
        #[test]
        fn no_shown_total_gives_away_one_hidden_cell(cells in grid(4, 5)) {
            let (rows, cols) = (4, 5);
            let mut n = cells.clone();
            n.extend((0..rows).map(|r| cells[r * cols..(r + 1) * cols].iter().sum::<i64>()));
            n.extend((0..cols).map(|c| (0..rows).map(|r| cells[r * cols + c]).sum::<i64>()));
            n.push(cells.iter().sum());
            let mut shown: Vec<Shown> = n.iter().map(|&v| primary(v)).collect();
            let groups = grid_groups(rows, cols);
            secondary(&n, &mut shown, &groups);
            for (i, s) in shown.iter().enumerate() {
                prop_assert!(!s.visible() || n[i] >= K);
            }
            for g in &groups {
                let hidden: i64 = g.members.iter().filter(|&&i| !shown[i].visible()).map(|&i| n[i]).sum();
                let all_hidden = g.members.iter().all(|&i| n[i] == 0 || !shown[i].visible());
                prop_assert!(hidden == 0 || hidden >= K || (all_hidden && !shown[g.total].visible()), "hidden parts add up to {}", hidden);
            }
        }

        /// Any two shown periods over the same monthly series differ by 0 or
        /// at least K people, whichever way they overlap.
        #[test]
        fn two_shown_periods_never_differ_by_a_few(monthly in proptest::collection::vec(prop_oneof![Just(0i64), 1i64..5, 5i64..30], 1..12)) {
            let len = monthly.len();
            let mut shown = Vec::new();
            for a in 0..len {
                for b in a..len {
                    let part = &monthly[a..=b];
                    let n: i64 = part.iter().sum();
                    if decide(n, part, &[]).visible() {
                        shown.push((a, b, n));
                    }
                }
            }
            for &(a1, b1, _) in &shown {
                for &(a2, b2, _) in &shown {
                    // Months in one period and not the other, each side.
                    let only = |a: usize, b: usize, c: usize, d: usize| (a..=b).filter(|m| !(c..=d).contains(m)).map(|m| monthly[m]).sum::<i64>();
                    for diff in [only(a1, b1, a2, b2), only(a2, b2, a1, b1)] {
                        if (a2 >= a1 && b2 <= b1) || (a1 >= a2 && b1 <= b2) {
                            prop_assert!(diff == 0 || diff >= K, "{:?} vs {:?}: {}", (a1, b1), (a2, b2), diff);
                        }
                    }
                }
            }
        }
    }
}
