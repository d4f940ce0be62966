//! Opinion groups, Pol.is style: participants vote agree / disagree / pass
//! on statements; with enough people we place everyone on the vote
//! matrix's two main axes (PCA), cluster them (k-means, k chosen by
//! silhouette) and name the statements that unite every group and those
//! that divide them. Deterministic: the same votes give the same groups.

use super::results::MIN_ANSWERS;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    Agree,
    Disagree,
    Pass,
}

impl Vote {
    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Agree => "agree",
            Vote::Disagree => "disagree",
            Vote::Pass => "pass",
        }
    }

    pub fn parse(s: &str) -> Option<Vote> {
        match s.trim().to_lowercase().as_str() {
            "agree" | "enig" => Some(Vote::Agree),
            "disagree" | "uenig" => Some(Vote::Disagree),
            "pass" | "pas" | "spring over" | "ved ikke" => Some(Vote::Pass),
            _ => None,
        }
    }

    fn score(v: Option<Vote>) -> f64 {
        match v {
            Some(Vote::Agree) => 1.0,
            Some(Vote::Disagree) => -1.0,
            _ => 0.0,
        }
    }
}

/// Groups are only formed with at least this many participants who voted.
pub const MIN_PARTICIPANTS: usize = 7;
/// A share of a group this large is a clear majority.
const MAJORITY: f64 = 0.6;
/// Agree-shares this far apart between two groups divide them.
const DIVIDE: f64 = 0.5;
/// Below this mean silhouette there is no real structure: one group.
const STRUCTURE: f64 = 0.25;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
}

impl Tally {
    pub fn add(&mut self, v: Vote) {
        match v {
            Vote::Agree => self.agree += 1,
            Vote::Disagree => self.disagree += 1,
            Vote::Pass => self.pass += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.agree + self.disagree + self.pass
    }

    fn share(&self, n: u32) -> f64 {
        if self.total() == 0 {
            0.0
        } else {
            n as f64 / self.total() as f64
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Groups {
    /// Number of participants in each group, largest group first; never
    /// under 5 (a group of one would show that person's votes).
    pub sizes: Vec<usize>,
    /// Statements a clear majority of every group agrees (or disagrees) with, strongest first.
    pub uniting: Vec<usize>,
    /// Statements whose agree-share differs most between groups, most divisive first.
    pub dividing: Vec<usize>,
}

type Point = [f64; 2];

fn dist2(a: &Point, b: &Point) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// The first two principal components' scores, by power iteration with
/// deflation on the (statements × statements) covariance.
fn project(rows: &[Vec<f64>], n: usize) -> Vec<Point> {
    let m = rows.len() as f64;
    let mean: Vec<f64> = (0..n).map(|s| rows.iter().map(|r| r[s]).sum::<f64>() / m).collect();
    let centred: Vec<Vec<f64>> = rows.iter().map(|r| r.iter().zip(&mean).map(|(x, mu)| x - mu).collect()).collect();
    let mut cov = vec![vec![0.0; n]; n];
    for r in &centred {
        for i in 0..n {
            for j in 0..n {
                cov[i][j] += r[i] * r[j];
            }
        }
    }
    let mut axes: Vec<Vec<f64>> = Vec::new();
    for _ in 0..2 {
        // Deterministic start, not parallel to any single statement.
        let mut v: Vec<f64> = (0..n).map(|i| 1.0 + i as f64 / n as f64).collect();
        let mut lambda = 0.0;
        for _ in 0..100 {
            let mut w: Vec<f64> = (0..n).map(|i| (0..n).map(|j| cov[i][j] * v[j]).sum()).collect();
            for a in &axes {
                let dot: f64 = w.iter().zip(a).map(|(x, y)| x * y).sum();
                w.iter_mut().zip(a).for_each(|(x, y)| *x -= dot * y);
            }
            let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm < 1e-12 {
                lambda = 0.0;
                break;
            }
            lambda = norm;
            v = w.into_iter().map(|x| x / norm).collect();
        }
        axes.push(if lambda > 0.0 { v } else { vec![0.0; n] });
    }
    centred.iter().map(|r| [0, 1].map(|k| r.iter().zip(&axes[k]).map(|(x, y)| x * y).sum())).collect()
}

/// k-means from farthest-point seeds (starting at the largest first score).
fn kmeans(points: &[Point], k: usize) -> Vec<usize> {
    let first = (0..points.len()).max_by(|a, b| points[*a][0].total_cmp(&points[*b][0])).unwrap_or(0);
    let mut centres = vec![points[first]];
    while centres.len() < k {
        let far = (0..points.len())
            .max_by(|a, b| {
                let d = |p: &Point| centres.iter().map(|c| dist2(p, c)).fold(f64::MAX, f64::min);
                d(&points[*a]).total_cmp(&d(&points[*b]))
            })
            .unwrap_or(0);
        centres.push(points[far]);
    }
    let mut labels = vec![0; points.len()];
    for _ in 0..50 {
        let next: Vec<usize> =
            points.iter().map(|p| (0..k).min_by(|a, b| dist2(p, &centres[*a]).total_cmp(&dist2(p, &centres[*b]))).unwrap_or(0)).collect();
        let done = next == labels;
        labels = next;
        for (c, centre) in centres.iter_mut().enumerate() {
            let members: Vec<&Point> = points.iter().zip(&labels).filter(|(_, l)| **l == c).map(|(p, _)| p).collect();
            if !members.is_empty() {
                let n = members.len() as f64;
                *centre = [members.iter().map(|p| p[0]).sum::<f64>() / n, members.iter().map(|p| p[1]).sum::<f64>() / n];
            }
        }
        if done {
            break;
        }
    }
    labels
}

/// Mean silhouette, on a sample of at most 400 points so 2,000 people stay fast.
fn silhouette(points: &[Point], labels: &[usize], k: usize) -> f64 {
    let step = (points.len() / 400).max(1);
    let mut total = 0.0;
    let mut count = 0.0;
    for i in (0..points.len()).step_by(step) {
        let mut sums = vec![(0.0, 0usize); k];
        for j in (0..points.len()).step_by(step) {
            if i != j {
                let d = dist2(&points[i], &points[j]).sqrt();
                sums[labels[j]].0 += d;
                sums[labels[j]].1 += 1;
            }
        }
        let mean = |(s, n): (f64, usize)| if n == 0 { f64::MAX } else { s / n as f64 };
        // A group of one scores 0 (the usual convention): splitting off
        // each odd voter must not look like structure.
        if sums[labels[i]].1 == 0 {
            count += 1.0;
            continue;
        }
        let a = mean(sums[labels[i]]);
        let b = (0..k).filter(|c| *c != labels[i]).map(|c| mean(sums[c])).fold(f64::MAX, f64::min);
        if b < f64::MAX {
            total += if a.max(b) > 0.0 { (b - a) / a.max(b) } else { 0.0 };
            count += 1.0;
        }
    }
    if count == 0.0 {
        0.0
    } else {
        total / count
    }
}

pub fn groups(votes: &[Vec<Option<Vote>>]) -> Option<Groups> {
    let n = votes.iter().map(Vec::len).max().unwrap_or(0);
    let voters: Vec<Vec<Option<Vote>>> =
        votes.iter().filter(|r| r.iter().any(Option::is_some)).map(|r| (0..n).map(|s| r.get(s).copied().flatten()).collect()).collect();
    if voters.len() < MIN_PARTICIPANTS || n == 0 {
        return None;
    }
    let rows: Vec<Vec<f64>> = voters.iter().map(|r| r.iter().map(|v| Vote::score(*v)).collect()).collect();
    let points = project(&rows, n);
    let mut labels = vec![0; points.len()];
    let mut k = 1;
    let mut best = STRUCTURE;
    for candidate in 2..=4usize.min(points.len() / MIN_ANSWERS) {
        let l = kmeans(&points, candidate);
        // Every group must be large enough to be shown (k = 5).
        let big_enough = (0..candidate).all(|c| l.iter().filter(|x| **x == c).count() >= MIN_ANSWERS);
        let score = silhouette(&points, &l, candidate);
        if big_enough && score > best {
            (best, k, labels) = (score, candidate, l);
        }
    }
    // Largest group first.
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by_key(|g| (std::cmp::Reverse(labels.iter().filter(|l| **l == *g).count()), *g));
    let rank: Vec<usize> = (0..k).map(|g| order.iter().position(|o| *o == g).unwrap_or(0)).collect();
    let mut per_group = vec![vec![Tally::default(); n]; k];
    for (row, label) in voters.iter().zip(&labels) {
        for (s, v) in row.iter().enumerate() {
            if let Some(v) = v {
                per_group[rank[*label]][s].add(*v);
            }
        }
    }
    let sizes: Vec<usize> = (0..k).map(|g| labels.iter().filter(|l| rank[**l] == g).count()).collect();
    // A statement speaks for a group only with 5 of its votes (k = 5).
    let counted = |s: usize| per_group.iter().all(|g| g[s].total() as usize >= MIN_ANSWERS);
    let mut uniting: Vec<(usize, f64)> = (0..n)
        .filter(|s| counted(*s))
        .filter_map(|s| {
            let groups = per_group.iter().map(|g| &g[s]);
            let agree = groups.clone().map(|t| t.share(t.agree)).fold(f64::MAX, f64::min);
            let disagree = groups.map(|t| t.share(t.disagree)).fold(f64::MAX, f64::min);
            let strength = agree.max(disagree);
            (strength >= MAJORITY).then_some((s, strength))
        })
        .collect();
    uniting.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut dividing: Vec<(usize, f64)> = (0..n)
        .filter(|s| counted(*s))
        .filter_map(|s| {
            let shares: Vec<f64> = per_group.iter().map(|g| g[s].share(g[s].agree)).collect();
            let spread = shares.iter().cloned().fold(f64::MIN, f64::max) - shares.iter().cloned().fold(f64::MAX, f64::min);
            (shares.len() > 1 && spread >= DIVIDE).then_some((s, spread))
        })
        .collect();
    dividing.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    Some(Groups { sizes, uniting: uniting.into_iter().map(|(s, _)| s).collect(), dividing: dividing.into_iter().map(|(s, _)| s).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Vote::*;

    fn camps() -> Vec<Vec<Option<Vote>>> {
        let a = vec![Some(Agree), Some(Agree), Some(Disagree), Some(Disagree), Some(Agree)];
        let b = vec![Some(Disagree), Some(Disagree), Some(Agree), Some(Agree), Some(Agree)];
        let mut votes = vec![a.clone(); 5];
        votes.extend(vec![b; 5]);
        // One person passes once: real rooms are never perfectly split.
        votes[0][1] = Some(Pass);
        votes
    }

    #[test]
    fn too_few_people_make_no_groups() {
        assert_eq!(groups(&camps()[..6]), None);
        assert_eq!(groups(&vec![vec![None; 3]; 10]), None, "nobody voted");
        assert_eq!(groups(&vec![Vec::new(); 10]), None, "no statements");
    }

    #[test]
    fn two_camps_are_found_with_what_unites_and_divides_them() {
        let g = groups(&camps()).expect("groups");
        assert_eq!(g.sizes, vec![5, 5]);
        assert_eq!(g.uniting, vec![4]);
        let mut dividing = g.dividing.clone();
        dividing.sort();
        assert_eq!(dividing, vec![0, 1, 2, 3]);
    }

    #[test]
    fn no_group_is_smaller_than_five() {
        // Seven in one camp, three in the other: three is too few to show.
        let mut votes = camps();
        for v in votes.iter_mut().take(7).skip(5) {
            *v = camps()[0].clone();
        }
        let g = groups(&votes).expect("groups");
        assert!(g.sizes.iter().all(|s| *s >= 5), "{:?}", g.sizes);
        // A statement only some of a group voted on says nothing for it.
        let mut sparse = camps();
        for v in sparse.iter_mut().skip(6) {
            v[0] = None;
        }
        let g = groups(&sparse).expect("groups");
        assert!(!g.dividing.contains(&0) && !g.uniting.contains(&0), "{g:?}");
    }

    #[test]
    fn a_room_that_agrees_is_one_group() {
        let g = groups(&vec![vec![Some(Agree), Some(Disagree)]; 9]).expect("groups");
        assert_eq!(g.sizes, vec![9]);
        assert_eq!(g.uniting, vec![0, 1]);
        assert!(g.dividing.is_empty());
    }

    #[test]
    fn the_same_votes_give_the_same_groups() {
        assert_eq!(groups(&camps()), groups(&camps()));
    }

    #[test]
    fn ragged_and_missing_votes_do_not_panic() {
        let mut votes = camps();
        votes[3].truncate(2);
        votes.push(vec![None, Some(Agree)]);
        votes.push(Vec::new());
        let g = groups(&votes).expect("groups");
        assert_eq!(g.sizes.iter().sum::<usize>(), 11);
    }

    #[test]
    fn a_big_room_is_grouped() {
        let votes: Vec<Vec<Option<Vote>>> = (0..2000)
            .map(|p| {
                (0..30)
                    .map(|s| {
                        Some(if (p % 3 == 0) == (s % 2 == 0) {
                            Agree
                        } else if (p + s) % 7 == 0 {
                            Pass
                        } else {
                            Disagree
                        })
                    })
                    .collect()
            })
            .collect();
        let g = groups(&votes).expect("groups");
        assert_eq!(g.sizes.iter().sum::<usize>(), 2000);
        assert!(g.sizes.len() >= 2, "{:?}", g.sizes);
    }

    #[test]
    fn votes_parse_in_both_languages() {
        assert_eq!(Vote::parse(" Enig "), Some(Agree));
        assert_eq!(Vote::parse("disagree"), Some(Disagree));
        assert_eq!(Vote::parse("pass"), Some(Pass));
        assert_eq!(Vote::parse("maybe"), None);
        for v in [Agree, Disagree, Pass] {
            assert_eq!(Vote::parse(v.as_str()), Some(v));
        }
    }
}
