//! One CSV file per table of the governance view and its board report, so
//! a manager can take any table into a spreadsheet. Each file holds exactly
//! what the page shows: the figures come from the same `Dashboard` (the
//! comparison from the same released figures and kept means, without the
//! rest of the dashboard), after disclosure control, and a hidden figure is
//! an empty cell here too.

use super::governance::{allowed, api_result, published, query};
use super::spreadsheet::CsvFormat;
use crate::auth::Caller;
use crate::cookies;
use crate::error::responses::{BadQuery, Forbidden, NotFound, Unauthorized, Unavailable};
use crate::error::ApiError;
use app::domain::governance::figures::Figure;
use app::domain::rating::AGE_BANDS;
use app::domain::Locale;
use app::governance::{comparison_table, dashboard, Comparison, Dashboard};
use app::i18n::tr;
use app::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use std::collections::HashMap;

/// The tables a file can be asked for (the file name before `.csv`).
pub const TABLES: [&str; 7] = ["heatmap", "trends", "movers", "handovers", "channels", "ages", "comparison"];

/// `GET /api/v1/municipalities/{m}/tables/{table}.csv`
#[utoipa::path(
    get, path = "/api/v1/municipalities/{m}/tables/{table}", tag = "governance",
    summary = "One table of the governance view as CSV (UTF-8 with BOM)",
    params(
        ("m" = String, Path, description = "Municipality slug"),
        ("table" = String, Path, description = "`heatmap.csv`, `trends.csv`, `movers.csv`, `handovers.csv`, `channels.csv`, `ages.csv` or `comparison.csv`"),
        ("from" = Option<String>, Query, description = "First month (YYYY-MM) of a whole month, quarter or year; with `to`"),
        ("to" = Option<String>, Query, description = "Last month (YYYY-MM)"),
        ("service" = Option<String>, Query, description = "Only this service's row (slug)"),
        ("kind" = Option<String>, Query, description = "`internal` or `external`"),
        ("sep" = Option<String>, Query, description = "`semicolon` (default, for Danish Excel) or `comma`"),
        ("decimal" = Option<String>, Query, description = "`comma` or `point`"),
    ),
    security(("session_cookie" = []), ("api_token" = [])),
    responses(
        (status = 200, content_type = "text/csv", body = String, description = "The table, one line per row; hidden figures are empty"),
        BadQuery, Unauthorized, Forbidden, NotFound, Unavailable
    )
)]
pub async fn table_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path((m, file)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let format = CsvFormat::from_query(&q, locale)?;
    let table = file.strip_suffix(".csv").filter(|t| TABLES.contains(t));
    let Some(table) = table else {
        return Err(ApiError::NotFound(tr(locale, "gov-no_such_table")));
    };
    let mun = allowed(&state, &caller, &m, locale).await?;
    let query = query(&q, locale)?;
    // The comparison does not need the rest of the dashboard (the same
    // released figures of the period, without trends and context).
    let (period, (head, rows)) = if table == "comparison" {
        let (period, list) = api_result(comparison_table(&state.store, &state.comparisons, &mun, query).await, locale)?;
        (period, comparison_rows(&list, format))
    } else {
        let d = api_result(dashboard(&state.store, &state.comparisons, &mun, query, app::domain::policy::now()).await, locale)?;
        (d.period, rows(table, &d, format, locale))
    };
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let name = format!("stemme-{m}-{table}-{}-{}.csv", period.from.iso(), period.to.iso());
    Ok(format.download(&head, &rows, &name))
}

type Table = (Vec<String>, Vec<Vec<String>>);

fn heads(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// n and mean as the page shows them: empty when hidden, n 0 when nobody answered.
fn figure(f: &Figure, format: CsvFormat) -> [String; 2] {
    let (n, mean, _) = published(f);
    [n.map(|n| n.to_string()).unwrap_or_default(), mean.map(|m| format.number(m, 2)).unwrap_or_default()]
}

fn rows(table: &str, d: &Dashboard, format: CsvFormat, locale: Locale) -> Table {
    let num = |v: f64| format.number(v, 2);
    match table {
        "heatmap" => {
            let mut head = heads(&["service"]);
            for c in d.criteria.iter().map(|c| format!("K{c}")).chain(["all".to_string()]) {
                head.extend([format!("{c}_n"), format!("{c}_mean")]);
            }
            let line = |name: &str, cells: &[Figure], total: &Figure| {
                let mut row = vec![name.to_string()];
                row.extend(cells.iter().chain([total]).flat_map(|f| figure(f, format)));
                row
            };
            let mut rows: Vec<Vec<String>> = d.rows.iter().map(|r| line(&r.service.name, &r.cells, &r.total)).collect();
            rows.push(line(&tr(locale, "gov-all_services"), &d.columns, &d.overall));
            (head, rows)
        }
        "trends" => {
            let mut rows = Vec::new();
            for t in d.criterion_trends.iter().chain(&d.service_trends) {
                for (month, f) in &t.points {
                    let [n, mean] = figure(f, format);
                    let (low, high) = f.interval.map(|(l, h)| (num(l), num(h))).unwrap_or_default();
                    rows.push(vec![t.label.clone(), month.iso(), n, mean, low, high]);
                }
            }
            (heads(&["series", "month", "n", "mean", "interval_low", "interval_high"]), rows)
        }
        "movers" => {
            let up = d.movers_up.iter().map(|m| ("up", m));
            let rows = up
                .chain(d.movers_down.iter().map(|m| ("down", m)))
                .map(|(dir, m)| {
                    vec![dir.to_string(), m.service.clone(), format!("K{}", m.criterion), num(m.before), num(m.now), m.n.to_string()]
                })
                .collect();
            (heads(&["direction", "service", "criterion", "mean_before", "mean_now", "n"]), rows)
        }
        "handovers" => {
            let rows = d
                .handovers
                .iter()
                .filter(|h| h.figure.n.is_some())
                .map(|h| {
                    let [n, mean] = figure(&h.figure, format);
                    vec![h.from.clone(), h.to.clone(), n, mean]
                })
                .collect();
            (heads(&["from", "to", "n", "fits_path_mean"]), rows)
        }
        "channels" => {
            let rows = d.by_channel.iter().map(|(c, f)| vec![c.clone(), figure(f, format)[0].clone()]).collect();
            (heads(&["channel", "n"]), rows)
        }
        "ages" => {
            let name = |a: &str| {
                AGE_BANDS
                    .iter()
                    .find(|b| b.0 == a)
                    .map(|b| locale.pick(b.1, b.2).to_string())
                    .unwrap_or_else(|| tr(locale, "gov-not_given"))
            };
            let rows = d.by_age.iter().map(|(a, f)| vec![name(a), figure(f, format)[0].clone()]).collect();
            (heads(&["age", "n"]), rows)
        }
        _ => comparison_rows(d.comparison.as_deref().unwrap_or_default(), format),
    }
}

fn comparison_rows(list: &[Comparison], format: CsvFormat) -> Table {
    let rows = list
        .iter()
        .map(|c| {
            let [n, mean] = figure(&c.own, format);
            vec![format!("K{}", c.criterion), n, mean, c.median.map(|v| format.number(v, 2)).unwrap_or_default()]
        })
        .collect();
    (heads(&["criterion", "own_n", "own_mean", "median_of_municipalities"]), rows)
}
