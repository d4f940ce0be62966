//! The governance figures as JSON and CSV for a manager's session or an API
//! token of the municipality: every request is authorised, so there are no
//! replayable export URLs. Disclosure control has already happened in
//! `app::governance`; nothing here computes a figure.

use super::spreadsheet::CsvFormat;
use crate::auth::Caller;
use crate::cookies;
use crate::error::responses::{BadQuery, Forbidden, NotFound, Unauthorized, Unavailable};
use crate::error::ApiError;
use crate::error::Localized;
use app::domain::criteria;
use app::domain::governance::disclosure::{Shown, K};
use app::domain::governance::figures::{Figure, Span};
use app::domain::governance::month::Month;
use app::domain::rating::{FieldError, FieldErrors};
use app::domain::staff::Role;
use app::domain::{Locale, Municipality};
use app::governance::{figures, DashboardQuery, Figures, GovernanceError};
use app::i18n::tr;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Json;
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// A manager of `m`, or an API token issued for `m`: 401 / 403 / 404 otherwise.
pub(super) async fn allowed(state: &AppState, caller: &Caller, m: &str, locale: Locale) -> Result<Municipality, ApiError> {
    let not_found = || ApiError::NotFound(tr(locale, "gov-no_such_municipality").into());
    let ok = match caller {
        Caller::Staff(staff) if staff.has_role(m, Role::Manager) => true,
        Caller::Staff(staff) if staff.works_in(m) => return Err(ApiError::Forbidden(tr(locale, "gov-only_managers_can_see").into())),
        Caller::Staff(_) => false,
        Caller::Token(t) => t.municipality == m,
    };
    if !ok {
        return Err(not_found());
    }
    app::municipality::by_slug(&state.store, m).await?.ok_or_else(not_found)
}

fn invalid(errors: FieldErrors, locale: Locale) -> ApiError {
    ApiError::invalid(&errors, locale)
}

/// `from`/`to` (a whole month, quarter or year) and the optional row
/// filters `service` and `kind`. Without dates: this quarter.
pub(super) fn query(q: &HashMap<String, String>, locale: Locale) -> Result<DashboardQuery, ApiError> {
    let today = Month::of_unix(app::domain::policy::now());
    let date = |name: &str| -> Result<Option<Month>, ApiError> {
        match q.get(name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => {
                Month::parse(v).map(Some).ok_or_else(|| invalid(FieldErrors::from([(name.to_string(), FieldError::BadMonth)]), locale))
            }
        }
    };
    let (span, at) = match (date("from")?, date("to")?) {
        (None, None) => (Span::Quarter, today),
        (Some(from), Some(to)) => {
            let span =
                Span::of(from, to).ok_or_else(|| invalid(FieldErrors::from([("to".to_string(), FieldError::NotAPeriod)]), locale))?;
            (span, from)
        }
        (from, _) => {
            let missing = if from.is_none() { "from" } else { "to" };
            return Err(invalid(FieldErrors::from([(missing.to_string(), FieldError::Required)]), locale));
        }
    };
    let mut pairs = vec![("periode".to_string(), span.as_str().to_string()), ("ved".to_string(), at.iso())];
    for (api, form) in [("service", "tilbud"), ("kind", "type")] {
        if let Some(v) = q.get(api) {
            pairs.push((form.to_string(), v.clone()));
        }
    }
    // Field names in errors follow the API's names, not the page's.
    DashboardQuery::from_pairs(&pairs, today).map_err(|errors| {
        let renamed = errors
            .into_iter()
            .map(|(k, e)| {
                let api = match k.as_str() {
                    "tilbud" => "service",
                    "type" => "kind",
                    other => other,
                };
                (api.to_string(), e)
            })
            .collect();
        invalid(renamed, locale)
    })
}

async fn load(state: &AppState, caller: &Caller, m: &str, q: &HashMap<String, String>, headers: &HeaderMap) -> Result<Figures, ApiError> {
    let locale = cookies::locale(headers);
    let mun = allowed(state, caller, m, locale).await?;
    let query = query(q, locale)?;
    api_result(figures(&state.store, &mun, query, false).await, locale)
}

/// A use case's answer in the API's terms: the API names the filter
/// `service` where the page's form says `tilbud`.
pub(super) fn api_result<T>(result: Result<T, GovernanceError>, locale: Locale) -> Result<T, ApiError> {
    match result {
        Err(GovernanceError::Invalid(errors)) => {
            let renamed = errors.into_iter().map(|(k, e)| (if k == "tilbud" { "service".into() } else { k }, e)).collect();
            Err(invalid(renamed, locale))
        }
        other => other.localized(locale),
    }
}

/// n (0 when nobody answered, `null` when hidden), mean, and whether it was hidden.
pub(super) fn published(f: &Figure) -> (Option<i64>, Option<f64>, bool) {
    let empty = f.shown == Shown::Empty;
    (if empty { Some(0) } else { f.n }, f.mean.map(|m| (m * 100.0).round() / 100.0), !empty && !f.shown.visible())
}

/// One criterion of one service: `mean: null, suppressed: true` under k.
#[derive(Serialize, ToSchema)]
pub struct CriterionFigure {
    /// 1–12.
    pub criterion: i64,
    /// Young people (at least); 0 when nobody answered, null when suppressed.
    pub n: Option<i64>,
    /// 1 (worst) to 5 (best), two decimals.
    pub mean: Option<f64>,
    pub suppressed: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceSummary {
    pub slug: String,
    pub name: String,
    /// Ratings of the service; null when suppressed.
    pub n: Option<i64>,
    /// Over all criteria.
    pub mean: Option<f64>,
    pub suppressed: bool,
    pub criteria: Vec<CriterionFigure>,
}

#[derive(Serialize, ToSchema)]
pub struct SummaryPeriod {
    /// YYYY-MM-DD
    pub from: String,
    pub to: String,
}

#[derive(Serialize, ToSchema)]
pub struct Summary {
    pub municipality: String,
    pub period: SummaryPeriod,
    /// The smallest group shown.
    pub k: i64,
    pub services: Vec<ServiceSummary>,
}

/// The query both exports take (documentation only: the handlers read a map
/// so that every refusal names its field in Danish or English).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct SummaryQuery {
    /// A whole month, quarter or year (YYYY-MM-DD); both or neither (then this
    /// quarter). Other periods are refused: overlapping periods could reveal small groups.
    from: Option<String>,
    /// The last day of that month, quarter or year.
    to: Option<String>,
    /// Only this service (slug).
    service: Option<String>,
    /// `internal` or `external`.
    kind: Option<String>,
}

/// `GET /api/v1/municipalities/{m}/summary?from=YYYY-MM-DD&to=YYYY-MM-DD`
#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/summary", tag = "governance",
    summary = "Mean and n per service and quality criterion, after disclosure control (manager or API token)",
    params(("m" = String, Path, description = "Municipality slug"), SummaryQuery),
    security(("session_cookie" = []), ("api_token" = [])),
    responses((status = 200, body = Summary, description = "The figures"), BadQuery, Unauthorized, Forbidden, NotFound, Unavailable)
)]
pub async fn summary(
    State(state): State<AppState>,
    caller: Caller,
    Path(m): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<Summary>, ApiError> {
    let f = load(&state, &caller, &m, &q, &headers).await?;
    let period = f.query.period();
    let services = f
        .rows(period)
        .into_iter()
        .map(|r| {
            let criteria = f
                .criteria
                .iter()
                .zip(&r.cells)
                .map(|(c, cell)| {
                    let (n, mean, suppressed) = published(cell);
                    CriterionFigure { criterion: *c, n, mean, suppressed }
                })
                .collect();
            let (n, mean, suppressed) = published(&r.total);
            ServiceSummary { slug: r.service.slug, name: r.service.name, n, mean, suppressed, criteria }
        })
        .collect();
    Ok(Json(Summary { municipality: m, period: SummaryPeriod { from: period.from.first_day(), to: period.to.last_day() }, k: K, services }))
}

/// `GET /api/v1/municipalities/{m}/summary.csv` (same query, plus `sep`
/// and `decimal`): Danish Excel's format unless `sep=comma`.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/summary.csv", tag = "governance",
    summary = "The summary as CSV (UTF-8 with BOM), one row per service and criterion",
    params(
        ("m" = String, Path, description = "Municipality slug"), SummaryQuery,
        ("sep" = Option<String>, Query, description = "`semicolon` (default, for Danish Excel) or `comma`"),
        ("decimal" = Option<String>, Query, description = "`comma` or `point`; by default `comma` with `sep=semicolon` and `point` with `sep=comma`"),
    ),
    security(("session_cookie" = []), ("api_token" = [])),
    responses(
        (status = 200, content_type = "text/csv", body = String,
         description = "period_from, period_to, service_slug, service_name, criterion, criterion_name, n, mean, suppressed"),
        BadQuery, Unauthorized, Forbidden, NotFound, Unavailable
    )
)]
pub async fn summary_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path(m): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let format = CsvFormat::from_query(&q, locale)?;
    let f = load(&state, &caller, &m, &q, &headers).await?;
    let period = f.query.period();
    let number = |v: Option<f64>| v.map(|m| format.number(m, 2)).unwrap_or_default();
    let mut rows: Vec<[String; 9]> = Vec::new();
    let (from, to) = (period.from.first_day(), period.to.last_day());
    let mut push = |slug: &str, name: &str, criterion: String, cname: String, fig: &Figure| {
        let (n, mean, suppressed) = published(fig);
        rows.push([
            from.clone(),
            to.clone(),
            slug.to_string(),
            name.to_string(),
            criterion,
            cname,
            n.map(|n| n.to_string()).unwrap_or_default(),
            number(mean),
            suppressed.to_string(),
        ]);
    };
    let cname = |c: i64| criteria::criterion(c).map(|k| locale.pick(k.da, k.en).to_string()).unwrap_or_default();
    for r in f.rows(period) {
        for (c, cell) in f.criteria.iter().zip(&r.cells) {
            push(&r.service.slug, &r.service.name, c.to_string(), cname(*c), cell);
        }
        push(&r.service.slug, &r.service.name, "all".into(), tr(locale, "gov-all_criteria").into(), &r.total);
    }
    let head = ["period_from", "period_to", "service_slug", "service_name", "criterion", "criterion_name", "n", "mean", "suppressed"];
    Ok(format.download(&head, &rows, &format!("stemme-{m}-{}-{}.csv", period.from.iso(), period.to.iso())))
}
