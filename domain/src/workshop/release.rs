//! The release rule for revealed workshop results: a projector that showed
//! a new figure after every vote would tell the room how each person voted
//! as it arrived. So a released figure moves only when at least five people
//! have answered anew or changed their answer since its last release, and it
//! then moves by all of them at once. Counted per item (a statement, or the
//! whole poll or dot vote), because each statement's tally is a figure of
//! its own.
//!
//! The released rows are stored (not kept in one instance's memory), so every
//! instance serving the room shows the same released figure.

use super::results::{Row, MIN_ANSWERS};
use std::collections::{BTreeMap, BTreeSet};

/// The rows to release now, given the stored `current` answers and the
/// `released` rows of the last release; `None` when nothing may move yet.
pub fn release(current: &[Row], released: &[Row]) -> Option<Vec<Row>> {
    let items: BTreeSet<i64> = current.iter().chain(released).map(|r| r.item).collect();
    let mut next = Vec::with_capacity(current.len());
    let mut moved = false;
    for item in items {
        let of = |rows: &[Row]| -> BTreeMap<i64, String> {
            rows.iter().filter(|r| r.item == item).map(|r| (r.participant, r.value.clone())).collect()
        };
        let (now, then) = (of(current), of(released));
        // New, changed and withdrawn answers all move the figure.
        let people: BTreeSet<i64> = now.keys().chain(then.keys()).copied().collect();
        let changed = people.iter().filter(|p| now.get(p) != then.get(p)).count();
        let chosen = if changed >= MIN_ANSWERS {
            moved = true;
            now
        } else {
            then
        };
        next.extend(chosen.into_iter().map(|(participant, value)| Row { participant, item, value }));
    }
    next.sort_by_key(|r| (r.participant, r.item));
    moved.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(participant: i64, item: i64, value: &str) -> Row {
        Row { participant, item, value: value.into() }
    }

    #[test]
    fn nothing_is_released_before_five_people_answered() {
        let four: Vec<Row> = (0..4).map(|p| row(p, 0, "1")).collect();
        assert_eq!(release(&four, &[]), None);
        let five: Vec<Row> = (0..5).map(|p| row(p, 0, "1")).collect();
        assert_eq!(release(&five, &[]), Some(five));
    }

    #[test]
    fn one_more_vote_does_not_move_the_figure_but_five_do() {
        let released: Vec<Row> = (0..5).map(|p| row(p, 0, "0")).collect();
        let mut current = released.clone();
        current.push(row(5, 0, "1"));
        assert_eq!(release(&current, &released), None, "one new vote");
        current[0].value = "2".into();
        current.extend([row(6, 0, "1"), row(7, 0, "1")]);
        assert_eq!(release(&current, &released), None, "three new and one changed");
        current.push(row(8, 0, "1"));
        current.sort_by_key(|r| (r.participant, r.item));
        assert_eq!(release(&current, &released), Some(current.clone()), "the fifth person");
    }

    #[test]
    fn changing_back_and_forth_is_no_change() {
        let released: Vec<Row> = (0..5).map(|p| row(p, 0, "0")).collect();
        assert_eq!(release(&released, &released), None);
        let withdrawn: Vec<Row> = released[..1].to_vec();
        assert_eq!(release(&withdrawn, &released), None, "four gone");
        assert_eq!(release(&[], &released), Some(vec![]), "five gone");
    }

    #[test]
    fn each_statement_is_released_on_its_own() {
        // Five people vote on statement 0, then one of them on statement 1.
        let released: Vec<Row> = (0..5).map(|p| row(p, 0, "agree")).collect();
        let mut current = released.clone();
        current.push(row(0, 1, "disagree"));
        assert_eq!(release(&current, &released), None, "statement 1 has one vote");
        current.extend((1..4).map(|p| row(p, 1, "agree")));
        current.push(row(9, 0, "pass"));
        assert_eq!(release(&current, &released), None, "4 on statement 1, 1 on statement 0");
        current.push(row(4, 1, "agree"));
        let next = release(&current, &released).expect("statement 1 moves");
        assert_eq!(next.iter().filter(|r| r.item == 1).count(), 5);
        assert!(!next.contains(&row(9, 0, "pass")), "statement 0 keeps its release");
    }
}
