//! Assembles the dashboard from rollup cells: one read per filter set, then
//! pure code (`domain::governance`) decides what may be shown.

use super::comparison::{comparison, ComparisonCache};
use super::release::{publish, publish_evidence, Published};
use super::*;
use crate::domain::criteria;
use crate::domain::governance::assumption::AssumptionView;
use crate::domain::governance::figures::{Cells, Decided, Key, ScaleQuestion, Scope};
use crate::domain::governance::stats::median;
use crate::domain::proposal::{Moderation, Proposal};
use crate::domain::question::QuestionKind;
use crate::domain::rating::{AGE_BANDS, CHANNELS};
use crate::domain::Municipality;
use crate::store::governance::CellFilter;
use crate::store::{DynStore, StoreError};
use std::collections::BTreeSet;

/// Why the dashboard cannot be shown. HTTP: `Invalid` → 422, `Store` → 503/500.
#[derive(Debug)]
pub enum GovernanceError {
    Invalid(FieldErrors),
    Store(StoreError),
}

impl From<StoreError> for GovernanceError {
    fn from(e: StoreError) -> Self {
        GovernanceError::Store(e)
    }
}

/// Reads the cells of one filter set for the months of `years`; `context`
/// adds participation and handovers (the dashboard needs them, the summary
/// does not, and they decide nothing about the heatmap's figures: the
/// channels and age bands add up exactly to the ratings, handovers are
/// figures of their own).
pub(super) async fn load(store: &DynStore, mid: i64, years: (i64, i64), context: bool) -> Result<Cells, StoreError> {
    let f = CellFilter { from: years.0 * 100 + 1, to: years.1 * 100 + 12, age_band: None, channel: None };
    let month = |v: i64| Month::from_yyyymm(v).ok_or_else(|| StoreError::Corrupt(format!("rollup month {v}")));
    let mut cells = Cells::default();
    for c in store.answer_cells(mid, &f).await? {
        cells.answers.push((c.service_id, c.question_key, month(c.month)?, c.n, c.total, c.sq, c.arrivals));
    }
    if !context {
        return Ok(cells.sorted());
    }
    for (dim, by) in [("channel", "channel"), ("age_band", "age_band")] {
        for c in store.participation_cells(mid, &f, by).await? {
            cells.participation.push((c.service_id, dim, c.value, month(c.month)?, c.n, c.arrivals));
        }
    }
    for c in store.handover_cells(mid, &f).await? {
        cells.handovers.push((c.from_service_id, c.service_id, c.question_key, month(c.month)?, c.n, c.total, c.sq, c.arrivals));
    }
    Ok(cells.sorted())
}

pub(super) fn scale_questions(questions: &[crate::domain::question::Question]) -> Vec<ScaleQuestion> {
    questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Scale)
        .map(|q| ScaleQuestion { key: q.key.clone(), criterion: q.criterion, min: q.min.unwrap_or(1), max: q.max.unwrap_or(5) })
        .collect()
}

/// The figures behind every export and page: decided for the years the
/// view touches, shown as released (`release`).
pub struct Figures {
    pub query: DashboardQuery,
    /// The rows: active services that the query picks.
    pub services: Vec<ServiceRef>,
    /// Every service, deactivated ones too (for names).
    pub all_services: Vec<ServiceRef>,
    pub criteria: Vec<i64>,
    pub published: Published,
    pub trend_from: Month,
}

/// The services every total covers: deactivated ones too, or deactivating
/// a service whose few ratings were hidden would reveal them as the drop
/// in the totals.
pub(super) async fn scope_services(store: &DynStore, mid: i64) -> Result<Vec<crate::domain::service::Service>, StoreError> {
    store.all_services(mid).await
}

/// `context`: the dashboard (also participation, handovers, the previous
/// period and the trends, see `load`); otherwise only the period's figures
/// (the exports). Decisions always cover the whole municipality; `query`
/// only picks the rows.
#[tracing::instrument(skip_all, fields(municipality = %mun.slug))]
pub async fn figures(store: &DynStore, mun: &Municipality, query: DashboardQuery, context: bool) -> Result<Figures, GovernanceError> {
    let every = scope_services(store, mun.id).await?;
    let active: BTreeSet<i64> = every.iter().filter(|s| s.active).map(|s| s.id).collect();
    let all_services: Vec<ServiceRef> =
        every.into_iter().map(|s| ServiceRef { id: s.id, slug: s.slug, name: s.name, kind: s.kind }).collect();
    if let Some(slug) = &query.service {
        if !all_services.iter().any(|s| &s.slug == slug && active.contains(&s.id)) {
            return Err(GovernanceError::Invalid(FieldErrors::from([("tilbud".into(), FieldError::UnknownService)])));
        }
    }
    let services: Vec<ServiceRef> = all_services
        .iter()
        .filter(|s| active.contains(&s.id))
        .filter(|s| query.service.as_ref().is_none_or(|slug| &s.slug == slug) && query.kind.is_none_or(|k| s.kind == k))
        .cloned()
        .collect();
    let questions = scale_questions(&store.questions(mun.id).await?);
    let period = query.period();
    let trend_from = period.to.plus(-11);
    let years = (trend_from.min(period.previous().from).year(), period.to.year());
    let scope = Scope { services: all_services.iter().map(|s| s.id).collect(), questions };
    let cells = load(store, mun.id, years, context).await?;
    let decided = Decided::new(&cells, &scope, &[], years.0..=years.1);
    let mut nodes = vec![period];
    if context {
        // The two periods before it too: an unfinished period is compared
        // through the last two whole ones (standard periods, each of which
        // a manager may open anyway, so no new figure to difference).
        nodes.push(period.previous());
        nodes.push(period.previous().previous());
        nodes.extend((0..=trend_from.until(period.to)).map(|i| Span::Month.node(trend_from.plus(i))));
    }
    let published = publish(store, mun.id, &decided, &nodes, crate::domain::policy::now()).await?;
    Ok(Figures { criteria: scope.criteria(), query, services, all_services, published, trend_from })
}

impl Figures {
    pub fn rows(&self, node: Period) -> Vec<HeatmapRow> {
        self.services
            .iter()
            .map(|s| HeatmapRow {
                service: s.clone(),
                total: self.published.get(node, &Key::Row(s.id)),
                cells: self.criteria.iter().map(|&c| self.published.get(node, &Key::Cell(s.id, c))).collect(),
            })
            .collect()
    }

    fn trend(&self, label: String, key: Key) -> Trend {
        // No empty points for months that have not happened yet.
        let to = self.query.period().to.min(Month::of_unix(crate::domain::policy::now())).max(self.trend_from);
        let points = (0..=self.trend_from.until(to))
            .map(|i| self.trend_from.plus(i))
            .map(|m| (m, self.published.get(Span::Month.node(m), &key)))
            .collect();
        Trend { label, points }
    }

    fn name(&self, id: i64) -> String {
        self.all_services.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_else(|| format!("#{id}"))
    }
}

fn proposal_figures(list: &[Proposal], period: Period, response_days: i64, now: i64) -> ProposalFigures {
    let (start, end) = (period.from.start_unix(), period.to.plus(1).start_unix());
    let public: Vec<&Proposal> = list.iter().filter(|p| p.moderation == Moderation::Approved).collect();
    let received: Vec<&&Proposal> = public.iter().filter(|p| p.created_at >= start && p.created_at < end).collect();
    // Only proposals whose deadline has passed (or that are answered) can
    // be late or in time: a fresh one would lower the share for nothing.
    let told: Vec<bool> = received.iter().filter_map(|p| p.answered_in_time(response_days, now)).collect();
    let in_time = told.iter().filter(|t| **t).count() as i64;
    let answered_days: Vec<f64> = public
        .iter()
        .filter_map(|p| p.answered_at.filter(|a| *a >= start && *a < end).map(|a| (a - p.created_at).max(0) as f64 / 86_400.0))
        .collect();
    ProposalFigures {
        received: received.len() as i64,
        answered_in_time: (!told.is_empty()).then(|| (in_time as f64 * 100.0 / told.len() as f64).round() as i64),
        median_days: median(answered_days),
    }
}

fn pipeline(list: &[Proposal], response_days: i64, now: i64) -> Pipeline {
    let public: Vec<&Proposal> = list.iter().filter(|p| p.moderation == Moderation::Approved).collect();
    let by_status = Status::ALL.iter().map(|&s| (s, public.iter().filter(|p| p.status == s).count() as i64)).collect();
    let open = || public.iter().filter(|p| !p.status.is_answer());
    let mut overdue: Vec<(i64, String, i64)> =
        open().filter(|p| p.is_overdue(response_days, now)).map(|p| (p.id, p.title.clone(), (now - p.created_at) / 86_400)).collect();
    overdue.sort_by_key(|o| std::cmp::Reverse(o.2));
    let mut most_supported: Vec<(i64, String, i64)> =
        open().filter(|p| p.support_for > 0).map(|p| (p.id, p.title.clone(), p.support_for)).collect();
    most_supported.sort_by_key(|o| std::cmp::Reverse(o.2));
    most_supported.truncate(5);
    Pipeline {
        by_status,
        awaiting_moderation: list.iter().filter(|p| p.moderation == Moderation::Pending).count() as i64,
        overdue,
        most_supported,
    }
}

/// The whole dashboard for `query`.
#[tracing::instrument(skip_all, fields(municipality = %mun.slug))]
pub async fn dashboard(
    store: &DynStore,
    comparisons: &ComparisonCache,
    mun: &Municipality,
    query: DashboardQuery,
    now: i64,
) -> Result<Dashboard, GovernanceError> {
    let f = figures(store, mun, query.clone(), true).await?;
    let (period, previous) = (query.period(), query.period().previous());
    let d = &f.published;
    let rows = f.rows(period);
    // An unfinished period is never compared with a whole one: changes are
    // read between the last two whole periods instead.
    let complete = period.to < Month::of_unix(now);
    let compared = if complete { (period, previous) } else { (previous, previous.previous()) };
    let (later, earlier) = (f.rows(compared.0), f.rows(compared.1));
    let mut movers: Vec<Mover> = Vec::new();
    for (row, old) in later.iter().zip(&earlier) {
        for ((c, now_fig), old_fig) in f.criteria.iter().zip(&row.cells).zip(&old.cells) {
            if let (Some(now_mean), Some(before_mean), Some(n)) = (now_fig.mean, old_fig.mean, now_fig.n) {
                movers.push(Mover { service: row.service.name.clone(), criterion: *c, before: before_mean, now: now_mean, n });
            }
        }
    }
    movers.sort_by(|a, b| (b.now - b.before).total_cmp(&(a.now - a.before)));
    let movers_up: Vec<Mover> = movers.iter().filter(|m| m.now - m.before >= 0.05).take(3).cloned().collect();
    let movers_down: Vec<Mover> = movers.iter().rev().filter(|m| m.now - m.before <= -0.05).take(3).cloned().collect();
    let mut handovers: Vec<Handover> = d
        .keys_at(period)
        .filter_map(|k| match k {
            Key::Handover(from, to) => Some(Handover { from: f.name(*from), to: f.name(*to), figure: d.get(period, k) }),
            _ => None,
        })
        .collect();
    handovers.sort_by(|a, b| b.figure.n.cmp(&a.figure.n).then_with(|| a.from.cmp(&b.from)));
    let list = store.proposals(mun.id).await?;
    let shown_services: Vec<&HeatmapRow> = rows.iter().filter(|r| r.total.shown.visible()).collect();
    let mut comments = Vec::new();
    if !shown_services.is_empty() {
        let all = store.latest_comments(mun.id, period.from.start_unix(), period.to.plus(1).start_unix(), 3).await?;
        for row in shown_services {
            let mine: Vec<(i64, String)> =
                all.iter().filter(|c| c.service_id == row.service.id).map(|c| (c.created_at, c.text.clone())).collect();
            if !mine.is_empty() {
                comments.push(ServiceComments { service: row.service.name.clone(), comments: mine });
            }
        }
    }
    let channels = CHANNELS.iter().map(|c| (c.to_string(), d.get(period, &Key::Channel(c.to_string())))).collect();
    let mut ages: Vec<(String, Figure)> = AGE_BANDS.iter().map(|a| (a.0.to_string(), d.get(period, &Key::Age(a.0.to_string())))).collect();
    ages.push((String::new(), d.get(period, &Key::Age(String::new()))));
    let comparison = comparison(store, comparisons, mun.id, &f, period).await?;
    let assumptions = assumption_views(store, mun.id).await?;
    Ok(Dashboard {
        slug: mun.slug.clone(),
        read_at: now,
        period,
        previous,
        services: f.services.clone(),
        response_days: mun.response_days,
        complete,
        compared,
        ratings: d.get(period, &Key::Grand),
        ratings_before: d.get(previous, &Key::Grand),
        compared_figures: (d.get(compared.0, &Key::Grand), d.get(compared.1, &Key::Grand)),
        proposals: proposal_figures(&list, period, mun.response_days, now),
        proposals_before: proposal_figures(&list, previous, mun.response_days, now),
        columns: f.criteria.iter().map(|&c| d.get(period, &Key::Col(c))).collect(),
        overall: d.get(period, &Key::Grand),
        criterion_trends: f
            .criteria
            .iter()
            .map(|&c| f.trend(criteria::criterion(c).map(|k| format!("{c}. {}", k.da)).unwrap_or_default(), Key::Col(c)))
            .collect(),
        service_trends: f.services.iter().map(|s| f.trend(s.name.clone(), Key::Row(s.id))).collect(),
        criteria: f.criteria.clone(),
        rows,
        movers_up,
        movers_down,
        handovers,
        comments,
        pipeline: pipeline(&list, mun.response_days, now),
        by_channel: channels,
        by_age: ages,
        comparison,
        assumptions,
        query,
    })
}

/// Every assumption of the municipality with its evidence so far (all
/// answers since it was written: one figure each, never split by period),
/// as released.
pub async fn assumption_views(store: &DynStore, mid: i64) -> Result<Vec<AssumptionView>, StoreError> {
    let counts = store.assumption_counts(mid).await?;
    let list = store.assumptions(mid).await?;
    let live = list
        .into_iter()
        .map(|a| {
            let (c, arrivals) = counts.get(&a.id).copied().unwrap_or_default();
            (a, c, arrivals)
        })
        .collect();
    publish_evidence(store, mid, live, crate::domain::policy::now()).await
}
