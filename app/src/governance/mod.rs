//! The governance view: what a manager sees before a board meeting. Types
//! shared with the pages; the assembly is in `server` (SSR only). Every
//! figure has passed disclosure control (`domain::governance::disclosure`).

use crate::domain::governance::figures::{Figure, Span};
use crate::domain::governance::month::{Month, Period};
use crate::domain::proposal::Status;
use crate::domain::rating::{FieldError, FieldErrors};
use crate::domain::service::ServiceKind;
use serde::{Deserialize, Serialize};

pub mod heatmap;
#[cfg(feature = "ssr")]
mod assumptions;
#[cfg(feature = "ssr")]
mod comparison;
#[cfg(feature = "ssr")]
mod release;
#[cfg(feature = "ssr")]
mod server;
#[cfg(feature = "ssr")]
pub use assumptions::{add_assumption, decide};
#[cfg(feature = "ssr")]
pub use comparison::{comparison_table, ComparisonCache, COMPARISON_MIN, COMPARISON_TTL};
#[cfg(feature = "ssr")]
pub use server::*;

/// What the manager asked to see (from the page's GET form or the API).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardQuery {
    pub span: Span,
    /// Any month inside the period.
    pub at: Month,
    /// Which rows to show. Every figure is decided over the whole
    /// municipality, so a filtered view shows the same numbers as the full
    /// one (a figure decided differently per view could be subtracted).
    pub service: Option<String>,
    pub kind: Option<ServiceKind>,
}

impl DashboardQuery {
    pub fn period(&self) -> Period {
        self.span.node(self.at)
    }

    /// Reads `periode`, `ved` (YYYY-MM), `tilbud`, `type`;
    /// empty fields mean "all". `today` is the default month.
    pub fn from_pairs(pairs: &[(String, String)], today: Month) -> Result<DashboardQuery, FieldErrors> {
        let fields = crate::domain::form::Fields::new(pairs);
        let get = |name: &str| fields.raw(name).map(str::trim).filter(|v| !v.is_empty());
        let mut errors = FieldErrors::new();
        let span = match get("periode") {
            None => Span::Quarter,
            Some(v) => Span::parse(v).unwrap_or_else(|| {
                errors.insert("periode".into(), FieldError::NotAnOption);
                Span::Quarter
            }),
        };
        let at = match get("ved") {
            None => today,
            Some(v) => Month::parse(v).unwrap_or_else(|| {
                errors.insert("ved".into(), FieldError::BadMonth);
                today
            }),
        };
        let kind = get("type").and_then(|v| {
            let k = ServiceKind::parse(v);
            if k.is_none() {
                errors.insert("type".into(), FieldError::NotAnOption);
            }
            k
        });
        let query = DashboardQuery { span, at, service: get("tilbud").map(str::to_string), kind };
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// The query string that shows this view (for links and exports).
    pub fn to_query_string(&self) -> String {
        let mut parts = vec![format!("periode={}", self.span.as_str()), format!("ved={}", self.at.iso())];
        if let Some(s) = &self.service {
            parts.push(format!("tilbud={s}"));
        }
        if let Some(k) = self.kind {
            parts.push(format!("type={}", k.as_str()));
        }
        parts.join("&")
    }
}

/// A service as the dashboard names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: ServiceKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatmapRow {
    pub service: ServiceRef,
    pub total: Figure,
    /// One per criterion in `Dashboard::criteria`.
    pub cells: Vec<Figure>,
}

/// A monthly line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    pub label: String,
    pub points: Vec<(Month, Figure)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mover {
    pub service: String,
    pub criterion: i64,
    pub before: f64,
    pub now: f64,
    pub n: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    pub from: String,
    pub to: String,
    /// Count in `n`, "fits with the rest of my path" in `mean`.
    pub figure: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceComments {
    pub service: String,
    pub comments: Vec<(i64, String)>,
}

/// Proposals are public records, so their counts need no suppression.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    pub by_status: Vec<(Status, i64)>,
    pub awaiting_moderation: i64,
    /// (id, title, days since received) past the response deadline.
    pub overdue: Vec<(i64, String, i64)>,
    /// (id, title, support for) – the five most supported open proposals.
    pub most_supported: Vec<(i64, String, i64)>,
}

/// Figures about proposals for one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProposalFigures {
    pub received: i64,
    /// Whole per cent of those received (and let through) whose deadline has
    /// passed, or that are answered, that were answered within the deadline.
    pub answered_in_time: Option<i64>,
    pub median_days: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The municipality's slug (for links).
    pub slug: String,
    /// When the figures were read (Unix seconds): the report's print date.
    pub read_at: i64,
    pub query: DashboardQuery,
    pub period: Period,
    pub previous: Period,
    /// The municipality's deadline for answering a proposal, in days.
    pub response_days: i64,
    /// Whether the period has ended; an unfinished one is not compared.
    pub complete: bool,
    /// The two whole periods that changes are read between (later, earlier):
    /// the period and the one before, or, while it runs, the two before it.
    pub compared: (Period, Period),
    pub services: Vec<ServiceRef>,
    pub ratings: Figure,
    pub ratings_before: Figure,
    /// All answers in the two compared periods (later, earlier).
    pub compared_figures: (Figure, Figure),
    pub proposals: ProposalFigures,
    pub proposals_before: ProposalFigures,
    pub criteria: Vec<i64>,
    pub rows: Vec<HeatmapRow>,
    pub columns: Vec<Figure>,
    pub overall: Figure,
    pub criterion_trends: Vec<Trend>,
    pub service_trends: Vec<Trend>,
    pub movers_up: Vec<Mover>,
    pub movers_down: Vec<Mover>,
    pub handovers: Vec<Handover>,
    pub comments: Vec<ServiceComments>,
    pub pipeline: Pipeline,
    pub by_channel: Vec<(String, Figure)>,
    pub by_age: Vec<(String, Figure)>,
    /// Own mean beside the median of the municipalities that take part, per
    /// criterion; `None` when this municipality has not opted in.
    pub comparison: Option<Vec<Comparison>>,
    /// Assumption checks with their evidence (criterion 12).
    pub assumptions: Vec<crate::domain::governance::assumption::AssumptionView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub criterion: i64,
    pub own: Figure,
    /// `None` unless at least 5 municipalities each have 5 or more answers
    /// (shown as "for få kommuner").
    pub median: Option<f64>,
    pub municipalities: i64,
}
