//! Every figure the governance view can show, computed from rollup cells for
//! one node of the calendar (a month, a quarter or a year), and the
//! disclosure decision for each. Decisions are made for a whole calendar
//! year at once — its 12 months, 4 quarters and the year, linked as parts
//! and totals — so the same figure gets the same decision whichever page,
//! period or export asks, and no hidden month can be worked out from its
//! quarter minus the other months.

use super::disclosure::{decide, secondary, Group, Shown};
use super::month::{Month, Period};
use super::stats::Sums;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How long a period is. Periods are whole calendar nodes on purpose (see `month`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Span {
    Month,
    Quarter,
    Year,
}

impl Span {
    pub fn parse(s: &str) -> Option<Span> {
        match s {
            "maaned" | "month" => Some(Span::Month),
            "kvartal" | "quarter" => Some(Span::Quarter),
            "aar" | "year" => Some(Span::Year),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Span::Month => "maaned",
            Span::Quarter => "kvartal",
            Span::Year => "aar",
        }
    }

    /// The node of this span that contains `m`.
    pub fn node(self, m: Month) -> Period {
        let (y, n) = (m.year(), m.number());
        let (from, len) = match self {
            Span::Month => (n, 1),
            Span::Quarter => ((n - 1) / 3 * 3 + 1, 3),
            Span::Year => (1, 12),
        };
        let first = Month::new(y, from).unwrap_or(m);
        Period { from: first, to: first.plus(len - 1) }
    }

    /// The span whose node is exactly `from..=to`, if any.
    pub fn of(from: Month, to: Month) -> Option<Span> {
        [Span::Month, Span::Quarter, Span::Year].into_iter().find(|s| s.node(from) == Period { from, to })
    }
}

/// The nodes of one calendar year: 12 months, 4 quarters, the year.
pub fn year_nodes(year: i64) -> Vec<Period> {
    let jan = Month::new(year, 1).unwrap_or(Month::new(1970, 1).expect("valid"));
    let mut out: Vec<Period> = (0..12).map(|i| Span::Month.node(jan.plus(i))).collect();
    out.extend((0..4).map(|q| Span::Quarter.node(jan.plus(q * 3))));
    out.push(Span::Year.node(jan));
    out
}

/// What a figure is of.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Key {
    /// Service × quality criterion (a heatmap cell).
    Cell(i64, i64),
    /// A service over all criteria; its n is its ratings.
    Row(i64),
    /// A criterion over the services in scope.
    Col(i64),
    Grand,
    Channel(String),
    Age(String),
    /// Ratings of `to` by young people who came from `from`; the mean is
    /// "fits with the rest of my path" (criterion 7).
    Handover(i64, i64),
    /// Ratings of a service that name no service they came from: never
    /// shown, but the row minus the shown handovers gives it, so it takes
    /// part in the handovers' disclosure group.
    NotSaid(i64),
}

impl Key {
    /// The stored name of the figure (see `release`).
    pub fn id(&self) -> String {
        match self {
            Key::Cell(s, c) => format!("cell:{s}:{c}"),
            Key::Row(s) => format!("row:{s}"),
            Key::Col(c) => format!("col:{c}"),
            Key::Grand => "grand".into(),
            Key::Channel(v) => format!("channel:{v}"),
            Key::Age(v) => format!("age:{v}"),
            Key::Handover(f, t) => format!("handover:{f}:{t}"),
            Key::NotSaid(s) => format!("notsaid:{s}"),
        }
    }

    /// Whether the figure is ever shown.
    pub fn shown(&self) -> bool {
        !matches!(self, Key::NotSaid(_))
    }
}

/// A scale question as the figures need it.
#[derive(Clone, Debug)]
pub struct ScaleQuestion {
    pub key: String,
    pub criterion: i64,
    pub min: i64,
    pub max: i64,
}

/// Rollup cells for one filter set: (service, question, month) → count,
/// sum, sum of squares, arrivals; `question` "" counts ratings.
#[derive(Clone, Debug, Default)]
pub struct Cells {
    pub answers: Vec<(i64, String, Month, i64, i64, i64, i64)>,
    /// (service, "channel" | "age_band", value, month, n, arrivals)
    pub participation: Vec<(i64, &'static str, String, Month, i64, i64)>,
    /// (from, to, question, month, n, total, sq, arrivals)
    pub handovers: Vec<(i64, i64, String, Month, i64, i64, i64, i64)>,
}

impl Cells {
    /// The same cells in month order, so a node reads only its own months.
    pub fn sorted(mut self) -> Cells {
        self.answers.sort_by_key(|c| c.2);
        self.participation.sort_by_key(|c| c.3);
        self.handovers.sort_by_key(|c| c.3);
        self
    }
}

/// The cells of `list` (in month order) that fall in `node`.
fn within<T>(list: &[T], node: Period, month: impl Fn(&T) -> Month) -> &[T] {
    let start = list.partition_point(|c| month(c) < node.from);
    let end = list.partition_point(|c| month(c) <= node.to);
    &list[start..end.max(start)]
}

/// Which services a view covers, and the questions it reads.
#[derive(Clone, Debug)]
pub struct Scope {
    pub services: BTreeSet<i64>,
    pub questions: Vec<ScaleQuestion>,
}

impl Scope {
    /// The criteria that have a scale question, in order: the heatmap's columns.
    pub fn criteria(&self) -> Vec<i64> {
        self.questions.iter().map(|q| q.criterion).collect::<BTreeSet<_>>().into_iter().collect()
    }
}

/// People (a lower bound where one person gives several answers) and the
/// pooled answers on a 1–5 scale.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fig {
    pub n: i64,
    pub sums: Sums,
    /// The fewest people a mean may rest on: the largest number of answers
    /// to one question behind it (a mean of fewer than K is hidden).
    pub answered: i64,
    /// Answers that ever arrived to the figure (the release rule's clock):
    /// for a cell the most to one question, so K arrivals are K people.
    pub arrivals: i64,
}

/// Every figure of one node (`cells` in month order, see `Cells::sorted`).
pub fn figures_at(cells: &Cells, scope: &Scope, node: Period) -> HashMap<Key, Fig> {
    let q: HashMap<&str, &ScaleQuestion> = scope.questions.iter().map(|q| (q.key.as_str(), q)).collect();
    let mut per_q: BTreeMap<(i64, &str), (i64, i64, i64, i64)> = BTreeMap::new();
    let mut out: HashMap<Key, Fig> = HashMap::new();
    for (s, key, _, n, total, sq, arrivals) in within(&cells.answers, node, |c| c.2) {
        if !scope.services.contains(s) {
            continue;
        }
        if key.is_empty() {
            let row = out.entry(Key::Row(*s)).or_default();
            row.n += n;
            row.arrivals += arrivals;
        } else if q.contains_key(key.as_str()) {
            let e = per_q.entry((*s, key.as_str())).or_default();
            (e.0, e.1, e.2, e.3) = (e.0 + n, e.1 + total, e.2 + sq, e.3 + arrivals);
        }
    }
    for ((s, key), (n, total, sq, arrivals)) in per_q {
        let question = q[key];
        let sums = Sums::rescaled(n, total, sq, question.min, question.max);
        let cell = out.entry(Key::Cell(s, question.criterion)).or_default();
        cell.n = cell.n.max(n);
        cell.answered = cell.n;
        cell.arrivals = cell.arrivals.max(arrivals);
        cell.sums.add(sums);
        let row = out.entry(Key::Row(s)).or_default();
        row.sums.add(sums);
        row.answered = row.answered.max(n);
    }
    let snapshot: Vec<(Key, Fig)> = out.iter().map(|(k, f)| (k.clone(), *f)).collect();
    for (k, f) in snapshot {
        match k {
            Key::Cell(_, c) => {
                let col = out.entry(Key::Col(c)).or_default();
                col.n += f.n;
                col.answered += f.answered;
                col.arrivals += f.arrivals;
                col.sums.add(f.sums);
            }
            Key::Row(_) => {
                let grand = out.entry(Key::Grand).or_default();
                grand.n += f.n;
                grand.answered += f.answered;
                grand.arrivals += f.arrivals;
                grand.sums.add(f.sums);
            }
            _ => {}
        }
    }
    for (s, dim, value, _, n, arrivals) in within(&cells.participation, node, |c| c.3) {
        if scope.services.contains(s) {
            let key = if *dim == "channel" { Key::Channel(value.clone()) } else { Key::Age(value.clone()) };
            let fig = out.entry(key).or_default();
            fig.n += n;
            fig.arrivals += arrivals;
        }
    }
    let mut fits: BTreeMap<(i64, i64, &str), i64> = BTreeMap::new();
    let mut handed: BTreeMap<i64, i64> = BTreeMap::new();
    for (from, to, key, _, n, total, sq, arrivals) in within(&cells.handovers, node, |c| c.3) {
        if !scope.services.contains(to) {
            continue;
        }
        let fig = out.entry(Key::Handover(*from, *to)).or_default();
        if key.is_empty() {
            fig.n += n;
            fig.arrivals += arrivals;
            *handed.entry(*to).or_default() += n;
        } else if let Some(question) = q.get(key.as_str()).filter(|q| q.criterion == 7) {
            fig.sums.add(Sums::rescaled(*n, *total, *sq, question.min, question.max));
            *fits.entry((*from, *to, key.as_str())).or_default() += n;
        }
    }
    for ((from, to, _), n) in fits {
        let fig = out.entry(Key::Handover(from, to)).or_default();
        fig.answered = fig.answered.max(n);
    }
    for (to, n) in handed {
        let rest = out.get(&Key::Row(to)).map_or(0, |r| r.n) - n;
        out.entry(Key::NotSaid(to)).or_default().n = rest.max(0);
    }
    out
}

/// The fewest answers behind a figure that shows its 95 % interval (and
/// below which a mean is marked as a small sample).
pub const INTERVAL_MIN: i64 = 30;

/// A figure with its disclosure decision, ready to show.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// `None` when hidden.
    pub n: Option<i64>,
    pub mean: Option<f64>,
    pub interval: Option<(f64, f64)>,
    pub shown: Shown,
}

impl Figure {
    fn of(fig: Fig, shown: Shown) -> Figure {
        if shown.visible() {
            // The count may be shown while too few answered for a mean.
            let enough = fig.answered >= super::disclosure::K;
            let mean = fig.sums.mean().filter(|_| enough);
            // An interval carries the spread: with the mean and n of a few
            // people it can pin down each one's answer (n = 5, mean 3,0,
            // interval 3,0–3,0: all five said 3). Only large groups get one.
            let interval = fig.sums.interval().filter(|_| fig.answered >= INTERVAL_MIN);
            Figure { n: Some(fig.n), mean, interval, shown }
        } else {
            Figure { n: None, mean: None, interval: None, shown }
        }
    }

    pub fn empty() -> Figure {
        Figure { n: None, mean: None, interval: None, shown: Shown::Empty }
    }

    /// Under 30 answers a mean moves a lot from one month to the next.
    pub fn small_sample(&self) -> bool {
        self.n.is_some_and(|n| n < INTERVAL_MIN)
    }
}

/// The decided (live) figures of some calendar years, with their arrivals.
/// Readers see them only through the release rule (`release`).
pub struct Decided {
    figures: HashMap<(Period, Key), (Figure, i64)>,
}

impl Decided {
    /// Decides every figure of `years`. `parents` are the same view with one
    /// filter dropped (for the complement rule).
    /// All `Cells` must be `sorted()`.
    pub fn new(cells: &Cells, scope: &Scope, parents: &[(&Cells, &Scope)], years: impl IntoIterator<Item = i64>) -> Decided {
        let mut figures = HashMap::new();
        for year in years {
            decide_year(year, cells, scope, parents, &mut figures);
        }
        Decided { figures }
    }

    pub fn get(&self, node: Period, key: &Key) -> Figure {
        self.figures.get(&(node, key.clone())).map(|f| f.0).unwrap_or_else(Figure::empty)
    }

    /// Every shown key at `node` with its live figure and arrivals.
    pub fn at(&self, node: Period) -> impl Iterator<Item = (&Key, Figure, i64)> {
        self.figures.iter().filter(move |((p, k), _)| *p == node && k.shown()).map(|((_, k), f)| (k, f.0, f.1))
    }
}

fn decide_year(year: i64, cells: &Cells, scope: &Scope, parents: &[(&Cells, &Scope)], out: &mut HashMap<(Period, Key), (Figure, i64)>) {
    let nodes = year_nodes(year);
    let at: Vec<HashMap<Key, Fig>> = nodes.iter().map(|&p| figures_at(cells, scope, p)).collect();
    let parent_at: Vec<Vec<HashMap<Key, Fig>>> =
        parents.iter().map(|(c, s)| nodes.iter().map(|&p| figures_at(c, s, p)).collect()).collect();
    let criteria = scope.criteria();
    let mut keys: BTreeSet<Key> = at.iter().flat_map(|m| m.keys().cloned()).collect();
    keys.insert(Key::Grand);
    keys.extend(criteria.iter().map(|&c| Key::Col(c)));
    for &s in &scope.services {
        keys.insert(Key::Row(s));
        keys.extend(criteria.iter().map(|&c| Key::Cell(s, c)));
    }
    let keys: Vec<Key> = keys.into_iter().collect();
    let index: HashMap<&Key, usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let slot = |node: usize, key: &Key| node * keys.len() + index[key];
    let mut n = vec![0_i64; nodes.len() * keys.len()];
    let mut shown = vec![Shown::Empty; n.len()];
    for (ni, figs) in at.iter().enumerate() {
        for key in &keys {
            let fig = figs.get(key).copied().unwrap_or_default();
            let parent_n: Vec<i64> = parent_at.iter().map(|p| p[ni].get(key).map_or(0, |f| f.n)).collect();
            let i = slot(ni, key);
            n[i] = fig.n;
            shown[i] = decide(fig.n, &[], &parent_n);
        }
    }
    let mut groups = Vec::new();
    for ni in 0..nodes.len() {
        for &s in &scope.services {
            groups.push(Group { members: criteria.iter().map(|&c| slot(ni, &Key::Cell(s, c))).collect(), total: slot(ni, &Key::Row(s)) });
        }
        for &c in &criteria {
            groups.push(Group {
                members: scope.services.iter().map(|&s| slot(ni, &Key::Cell(s, c))).collect(),
                total: slot(ni, &Key::Col(c)),
            });
        }
        let grand = slot(ni, &Key::Grand);
        groups.push(Group { members: scope.services.iter().map(|&s| slot(ni, &Key::Row(s))).collect(), total: grand });
        groups.push(Group { members: criteria.iter().map(|&c| slot(ni, &Key::Col(c))).collect(), total: grand });
        for pick in [|k: &Key| matches!(k, Key::Channel(_)), |k: &Key| matches!(k, Key::Age(_))] {
            groups.push(Group { members: keys.iter().filter(|k| pick(k)).map(|k| slot(ni, k)).collect(), total: grand });
        }
        // The handovers into a service and those who named none add up to its row.
        for &s in &scope.services {
            let members: Vec<usize> =
                keys.iter().filter(|k| matches!(k, Key::Handover(_, to) | Key::NotSaid(to) if *to == s)).map(|k| slot(ni, k)).collect();
            if !members.is_empty() {
                groups.push(Group { members, total: slot(ni, &Key::Row(s)) });
            }
        }
    }
    // Nodes 0–11 are the months, 12–15 the quarters, 16 the year.
    for key in &keys {
        for q in 0..4 {
            groups.push(Group { members: (q * 3..q * 3 + 3).map(|m| slot(m, key)).collect(), total: slot(12 + q, key) });
        }
        groups.push(Group { members: (12..16).map(|q| slot(q, key)).collect(), total: slot(16, key) });
    }
    secondary(&n, &mut shown, &groups);
    for (ni, figs) in at.iter().enumerate() {
        for key in &keys {
            let fig = figs.get(key).copied().unwrap_or_default();
            out.insert((nodes[ni], key.clone()), (Figure::of(fig, shown[slot(ni, key)]), fig.arrivals));
        }
    }
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
