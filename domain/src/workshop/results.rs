//! What an activity's answers add up to. Counts appear only once at least
//! five people have answered (the product's rule for every aggregate).

use super::activity::Activity;
use super::opinion::{groups, Groups, Tally, Vote};
use super::words::{cloud, Word};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const MIN_ANSWERS: usize = 5;
pub const CLOUD_WORDS: usize = 30;

/// One stored answer: `item` is the statement (0 for polls and dots).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub participant: i64,
    pub item: i64,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Results {
    /// Fewer than `needed` people have answered: nothing is shown yet.
    TooFew {
        answered: usize,
        needed: usize,
    },
    Poll {
        counts: Vec<u32>,
    },
    Dots {
        totals: Vec<u32>,
    },
    /// Per statement (None under five votes); opinion groups from seven people.
    Statements {
        tallies: Vec<Option<Tally>>,
        groups: Option<Groups>,
    },
    /// Ideas a moderator (or the automatic checks) let through.
    Ideas {
        ideas: Vec<String>,
        cloud: Vec<Word>,
    },
    /// Ratings given in the workshop so far.
    Rate {
        ratings: i64,
    },
}

/// How many different people answered.
pub fn answered(rows: &[Row]) -> usize {
    rows.iter().map(|r| r.participant).collect::<BTreeSet<_>>().len()
}

pub fn results(activity: &Activity, rows: &[Row], ideas: &[String], ratings: i64) -> Results {
    let people = answered(rows);
    let gated = matches!(activity, Activity::Poll { .. } | Activity::Dots { .. } | Activity::Statements { .. });
    if gated && people < MIN_ANSWERS {
        return Results::TooFew { answered: people, needed: MIN_ANSWERS };
    }
    match activity {
        Activity::Poll { options, .. } => {
            let mut counts = vec![0u32; options.len()];
            for r in rows {
                if let Some(c) = r.value.parse::<usize>().ok().and_then(|i| counts.get_mut(i)) {
                    *c += 1;
                }
            }
            Results::Poll { counts }
        }
        Activity::Dots { options, .. } => {
            let mut totals = vec![0u32; options.len()];
            for r in rows {
                for (t, n) in totals.iter_mut().zip(r.value.split(',').map(|n| n.parse::<u32>().unwrap_or(0))) {
                    *t += n;
                }
            }
            Results::Dots { totals }
        }
        Activity::Statements { statements, .. } => {
            let n = statements.len();
            let mut tallies = vec![Tally::default(); n];
            let people: Vec<i64> = rows.iter().map(|r| r.participant).collect::<BTreeSet<_>>().into_iter().collect();
            let mut matrix = vec![vec![None; n]; people.len()];
            for r in rows {
                let (Ok(s), Some(vote)) = (usize::try_from(r.item), Vote::parse(&r.value)) else { continue };
                let Ok(p) = people.binary_search(&r.participant) else { continue };
                if s < n {
                    tallies[s].add(vote);
                    matrix[p][s] = Some(vote);
                }
            }
            let tallies = tallies.into_iter().map(|t| (t.total() as usize >= MIN_ANSWERS).then_some(t)).collect();
            Results::Statements { tallies, groups: groups(&matrix) }
        }
        Activity::Ideas { .. } => {
            let texts: Vec<&str> = ideas.iter().map(String::as_str).collect();
            Results::Ideas { ideas: ideas.to_vec(), cloud: cloud(&texts, CLOUD_WORDS) }
        }
        Activity::Rate { .. } => Results::Rate { ratings },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(participant: i64, item: i64, value: &str) -> Row {
        Row { participant, item, value: value.into() }
    }

    #[test]
    fn nothing_is_counted_under_five_people() {
        let poll = Activity::Poll { title: "t".into(), options: vec!["a".into(), "b".into()] };
        let rows: Vec<Row> = (0..4).map(|p| row(p, 0, "1")).collect();
        assert_eq!(results(&poll, &rows, &[], 0), Results::TooFew { answered: 4, needed: 5 });
        let rows: Vec<Row> = (0..5).map(|p| row(p, 0, if p < 2 { "0" } else { "1" })).collect();
        assert_eq!(results(&poll, &rows, &[], 0), Results::Poll { counts: vec![2, 3] });
    }

    #[test]
    fn dots_are_summed() {
        let dots = Activity::Dots { title: "t".into(), dots: 3, options: vec!["a".into(), "b".into()], refs: vec![] };
        let rows: Vec<Row> = (0..5).map(|p| row(p, 0, "2,1")).collect();
        assert_eq!(results(&dots, &rows, &[], 0), Results::Dots { totals: vec![10, 5] });
    }

    #[test]
    fn statements_need_five_votes_each_and_seven_people_for_groups() {
        let st = Activity::Statements { title: "t".into(), statements: vec!["s0".into(), "s1".into()] };
        let mut rows: Vec<Row> = (0..6).map(|p| row(p, 0, "agree")).collect();
        rows.push(row(0, 1, "disagree"));
        match results(&st, &rows, &[], 0) {
            Results::Statements { tallies, groups } => {
                assert_eq!(tallies[0], Some(Tally { agree: 6, disagree: 0, pass: 0 }));
                assert_eq!(tallies[1], None);
                assert!(groups.is_none());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ideas_make_a_cloud() {
        let ideas = vec!["Gratis bus til skolen".to_string(), "Bus om natten".to_string()];
        match results(&Activity::Ideas { title: "t".into() }, &[], &ideas, 0) {
            Results::Ideas { ideas, cloud } => {
                assert_eq!(ideas.len(), 2);
                assert_eq!(cloud[0].text, "bus");
                assert_eq!(cloud[0].count, 2);
            }
            other => panic!("{other:?}"),
        }
    }
}
