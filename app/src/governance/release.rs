//! Every figure a reader sees passes the release rule
//! (`domain::governance::release`): the live figures are decided as
//! before, then compared with what was released; only the figures that
//! changed are written, in one transaction.

use crate::domain::governance::assumption::{evidence, leaning, Assumption, AssumptionView, Counts, Evidence};
use crate::domain::governance::disclosure::Shown;
use crate::domain::governance::figures::{Decided, Figure, Key};
use crate::domain::governance::month::Period;
use crate::domain::governance::release::{settle, Released};
use crate::store::governance::ReleasedRow;
use crate::store::{DynStore, StoreError};
use serde::{de::DeserializeOwned, Serialize};
use std::collections::{HashMap, HashSet};

type Id = (i64, i64, String);

fn node_id(node: Period, key: &Key) -> Id {
    (node.from.yyyymm(), node.to.yyyymm(), key.id())
}

/// The figures a reader may see: the released values of some nodes.
pub struct Published {
    figures: HashMap<(Period, Key), Figure>,
    nodes: HashSet<Period>,
}

impl Published {
    pub fn get(&self, node: Period, key: &Key) -> Figure {
        match self.figures.get(&(node, key.clone())) {
            Some(f) => *f,
            None if self.nodes.contains(&node) => Figure::empty(),
            // A node nobody released is never shown as if it were empty.
            None => Figure { shown: Shown::TooFew, ..Figure::empty() },
        }
    }

    /// Every key with answers at `node`.
    pub fn keys_at(&self, node: Period) -> impl Iterator<Item = &Key> {
        self.figures.iter().filter(move |((p, _), f)| *p == node && f.shown != Shown::Empty).map(|((_, k), _)| k)
    }
}

fn parse<T: DeserializeOwned>(row: &ReleasedRow) -> Result<Released<T>, StoreError> {
    let value = serde_json::from_str(&row.value).map_err(|e| StoreError::Corrupt(format!("released {}: {e}", row.figure)))?;
    Ok(Released { value, arrivals: row.arrivals, released_at: row.released_at, closes_at: row.closes_at })
}

/// Settles `live` (id, value, arrivals, closes at) against what is stored
/// for nodes starting in `range`, writes the new releases and returns what
/// to show. Where another reader released first, its value is shown.
async fn release<T: Serialize + DeserializeOwned + Clone>(
    store: &DynStore,
    mid: i64,
    range: (i64, i64),
    live: Vec<(Id, T, i64, i64)>,
    now: i64,
) -> Result<HashMap<Id, T>, StoreError> {
    let wanted: HashSet<&Id> = live.iter().map(|l| &l.0).collect();
    let mut stored = HashMap::new();
    for row in store.released_figures(mid, range.0, range.1).await? {
        let id = (row.node_from, row.node_to, row.figure.clone());
        if wanted.contains(&id) {
            stored.insert(id, parse::<T>(&row)?);
        }
    }
    let settled = settle(live, &stored, now);
    let mut rows = Vec::with_capacity(settled.writes.len());
    for ((from, to, figure), r) in &settled.writes {
        let value = serde_json::to_string(&r.value).map_err(|e| StoreError::Corrupt(format!("figure {figure}: {e}")))?;
        rows.push(ReleasedRow {
            node_from: *from,
            node_to: *to,
            figure: figure.clone(),
            value,
            arrivals: r.arrivals,
            released_at: r.released_at,
            closes_at: r.closes_at,
        });
    }
    let mut shown = settled.shown;
    let lost: HashSet<Id> = store.release_figures(mid, &rows).await?.into_iter().map(|r| (r.node_from, r.node_to, r.figure)).collect();
    if !lost.is_empty() {
        for row in store.released_figures(mid, range.0, range.1).await? {
            let id = (row.node_from, row.node_to, row.figure.clone());
            if lost.contains(&id) {
                shown.insert(id, parse::<T>(&row)?.value);
            }
        }
    }
    Ok(shown)
}

/// Releases the figures of `nodes` (all in the years `decided` covers).
#[tracing::instrument(skip_all, fields(municipality = mid))]
pub async fn publish(store: &DynStore, mid: i64, decided: &Decided, nodes: &[Period], now: i64) -> Result<Published, StoreError> {
    let nodes: HashSet<Period> = nodes.iter().copied().collect();
    let Some(lo) = nodes.iter().map(|n| n.from.yyyymm()).min() else {
        return Ok(Published { figures: HashMap::new(), nodes });
    };
    let hi = nodes.iter().map(|n| n.from.yyyymm()).max().unwrap_or(lo);
    let mut back: HashMap<Id, (Period, Key)> = HashMap::new();
    let mut live = Vec::new();
    for &node in &nodes {
        let closes_at = node.to.plus(1).start_unix();
        for (key, fig, arrivals) in decided.at(node) {
            let id = node_id(node, key);
            back.insert(id.clone(), (node, key.clone()));
            live.push((id, fig, arrivals, closes_at));
        }
    }
    let shown = release(store, mid, (lo, hi), live, now).await?;
    let figures = back.into_iter().filter_map(|(id, k)| shown.get(&id).map(|f| (k, *f))).collect();
    Ok(Published { figures, nodes })
}

/// The evidence of each assumption as released: one figure each, over all
/// answers; a verdict closes it (no answers come after it).
pub async fn publish_evidence(
    store: &DynStore,
    mid: i64,
    list: Vec<(Assumption, Counts, i64)>,
    now: i64,
) -> Result<Vec<AssumptionView>, StoreError> {
    let id = |a: &Assumption| (0, 0, format!("assumption:{}", a.id));
    let live: Vec<(Id, Evidence, i64, i64)> =
        list.iter().map(|(a, c, arrivals)| (id(a), evidence(*c, a.supports), *arrivals, a.verdict_at.unwrap_or(i64::MAX))).collect();
    let shown = release(store, mid, (0, 0), live, now).await?;
    Ok(list
        .into_iter()
        .map(|(a, _, _)| {
            let evidence = shown.get(&id(&a)).cloned().unwrap_or_default();
            let leaning = leaning(&evidence);
            AssumptionView { assumption: a, evidence, leaning }
        })
        .collect())
}
