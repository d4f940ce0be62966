//! The cross-municipality comparison: a municipality's own criterion means
//! beside the median of the municipalities that take part.
//!
//! Each member's means cost a few reads and a release decision, so with a
//! national comparison (98 municipalities) one dashboard would make hundreds
//! of queries. The members' means are therefore kept per period and
//! membership for `COMPARISON_TTL`; the municipality's own figures are
//! always read fresh. A kept median is older, never more precise: it is
//! still a median of released means of at least `COMPARISON_MIN`
//! municipalities, so it discloses nothing a fresh one would not.

use super::release::publish;
use super::server::{figures, load, scale_questions, scope_services, Figures, GovernanceError};
use super::{Comparison, DashboardQuery};
use crate::domain::criteria::CRITERIA;
use crate::domain::governance::figures::{Decided, Key, Scope};
use crate::domain::governance::month::Period;
use crate::domain::governance::stats::median;
use crate::domain::Municipality;
use crate::store::{DynStore, StoreError};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Fewer municipalities than this and the median is too close to one of
/// their means (with 3, it is one municipality's exact mean).
pub const COMPARISON_MIN: usize = 5;
/// How old the other municipalities' means may be when shown.
pub const COMPARISON_TTL: Duration = Duration::from_secs(300);
/// Periods kept at once (a manager may ask for any period).
const KEPT: usize = 64;

/// Criterion → the released means of the members that have one.
type Means = Arc<BTreeMap<i64, Vec<f64>>>;
type Kept = (Period, Vec<i64>);
/// A slot is filled once; requests for the same key wait for the one
/// computing it, requests for other keys do not wait at all.
type Slot = Arc<tokio::sync::OnceCell<Means>>;
type Entries = HashMap<Kept, (Instant, Slot)>;

/// The members' means, kept for `COMPARISON_TTL` (one per server process).
#[derive(Default)]
pub struct ComparisonCache {
    // Held only to find or make a slot, never across a database read.
    entries: std::sync::Mutex<Entries>,
}

impl ComparisonCache {
    async fn means(&self, store: &DynStore, period: Period) -> Result<Means, StoreError> {
        let key = (period, store.comparison_members().await?);
        let slot = {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            slot(&mut entries, key.clone(), Instant::now())
        };
        // Managers opening their dashboards at once after a board meeting
        // compute the national means once, not once each. A failed or
        // cancelled computation leaves the slot empty for the next request.
        let means = slot.get_or_try_init(|| async { Ok::<_, StoreError>(Arc::new(member_means(store, &key.1, period).await?)) }).await?;
        Ok(means.clone())
    }
}

/// The slot for `key`: the kept one unless older than the TTL, else a new
/// empty one. Drops expired slots, and the oldest beyond `KEPT`.
fn slot(entries: &mut Entries, key: Kept, now: Instant) -> Slot {
    entries.retain(|_, (at, _)| now.duration_since(*at) < COMPARISON_TTL);
    if let Some((_, slot)) = entries.get(&key) {
        return slot.clone();
    }
    if entries.len() >= KEPT {
        if let Some(oldest) = entries.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) {
            entries.remove(&oldest);
        }
    }
    let slot = Slot::default();
    entries.insert(key, (now, slot.clone()));
    slot
}

/// Each member's criterion means over `period`, as released (so one answer
/// there does not move the median), decided without filters.
async fn member_means(store: &DynStore, members: &[i64], period: Period) -> Result<BTreeMap<i64, Vec<f64>>, StoreError> {
    let mut per_criterion: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for &mid in members {
        let services: BTreeSet<i64> = scope_services(store, mid).await?.into_iter().map(|s| s.id).collect();
        let scope = Scope { services, questions: scale_questions(&store.questions(mid).await?) };
        let cells = load(store, mid, (period.from.year(), period.to.year()), false).await?;
        let decided = Decided::new(&cells, &scope, &[], period.from.year()..=period.to.year());
        let theirs = publish(store, mid, &decided, &[period], crate::domain::policy::now()).await?;
        for c in CRITERIA.iter().map(|c| i64::from(c.number)) {
            if let Some(mean) = theirs.get(period, &Key::Col(c)).mean {
                per_criterion.entry(c).or_default().push(mean);
            }
        }
    }
    Ok(per_criterion)
}

/// Own criterion means beside the median of the participating
/// municipalities, each over the same period and without filters; `None`
/// unless municipality `mid` takes part.
pub(super) async fn comparison(
    store: &DynStore,
    cache: &ComparisonCache,
    mid: i64,
    own: &Figures,
    period: Period,
) -> Result<Option<Vec<Comparison>>, StoreError> {
    if !store.compare_opt_in(mid).await? {
        return Ok(None);
    }
    let means = cache.means(store, period).await?;
    Ok(Some(
        own.criteria
            .iter()
            .map(|&c| {
                let theirs = means.get(&c).cloned().unwrap_or_default();
                Comparison {
                    criterion: c,
                    own: own.published.get(period, &Key::Col(c)),
                    municipalities: theirs.len() as i64,
                    median: if theirs.len() >= COMPARISON_MIN { median(theirs) } else { None },
                }
            })
            .collect(),
    ))
}

/// The comparison alone (its CSV table): the own figures of the period
/// only, not the whole dashboard. Empty unless the municipality takes part.
pub async fn comparison_table(
    store: &DynStore,
    cache: &ComparisonCache,
    mun: &Municipality,
    query: DashboardQuery,
) -> Result<(Period, Vec<Comparison>), GovernanceError> {
    let period = query.period();
    // First, so a bad query is a 422 whether or not the municipality takes part.
    let own = figures(store, mun, query, false).await?;
    Ok((period, comparison(store, cache, mun.id, &own, period).await?.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::governance::month::Month;

    fn period(m: i64) -> Period {
        let at = Month::from_yyyymm(202600 + m).unwrap();
        Period { from: at, to: at }
    }

    fn filled(slot: &Slot) -> Option<Means> {
        slot.get().cloned()
    }

    #[test]
    fn kept_means_expire_and_depend_on_the_members() {
        let mut entries = Entries::new();
        let t0 = Instant::now();
        let means: Means = Arc::new(BTreeMap::from([(6, vec![1.0, 2.0])]));
        slot(&mut entries, (period(1), vec![1, 2]), t0).set(means.clone()).unwrap();
        assert_eq!(filled(&slot(&mut entries, (period(1), vec![1, 2]), t0 + Duration::from_secs(299))), Some(means));
        assert_eq!(filled(&slot(&mut entries, (period(1), vec![1, 2, 3]), t0)), None, "a new member: computed anew");
        assert_eq!(filled(&slot(&mut entries, (period(2), vec![1, 2]), t0)), None, "another period");
        assert_eq!(filled(&slot(&mut entries, (period(1), vec![1, 2]), t0 + COMPARISON_TTL)), None, "expired");
        assert_eq!(entries.len(), 1, "expired slots are dropped; the new one is kept");
    }

    #[test]
    fn at_most_kept_periods_the_oldest_goes_first() {
        let mut entries = Entries::new();
        let t0 = Instant::now();
        for m in 0..=KEPT as u64 {
            let key = (period(1 + (m % 12) as i64 + 100 * (m / 12) as i64), vec![]);
            slot(&mut entries, key, t0 + Duration::from_millis(m)).set(Arc::default()).unwrap();
        }
        assert_eq!(entries.len(), KEPT);
        assert_eq!(filled(&slot(&mut entries, (period(1), vec![]), t0 + Duration::from_millis(100))), None, "the first one went");
    }
}
