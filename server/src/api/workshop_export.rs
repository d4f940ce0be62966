//! A workshop's results as CSV for its facilitator: one row per option,
//! statement, idea or rating count, with counts under 5 answers withheld as
//! everywhere else.

use super::workshops::facilitated;
use crate::auth::Caller;
use crate::cookies;
use crate::error::responses::{BadBody, Forbidden, NotFound, Unauthorized, Unavailable};
use crate::error::ApiError;
use crate::error::Localized;
use app::state::AppState;
use app::workshop as ws;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

/// Rows of the export: one per option, statement, idea or rating count.
fn export_rows(report: &app::workshop::Report) -> Vec<Vec<String>> {
    use app::domain::workshop::Results;
    let mut rows = Vec::new();
    for a in &report.activities {
        let items = a.activity.items();
        let mut push = |item: String, text: &str, measure: &str, value: String| {
            rows.push(vec![
                a.index.to_string(),
                a.activity.kind().into(),
                a.activity.title().to_string(),
                item,
                text.to_string(),
                measure.into(),
                value,
            ]);
        };
        match &a.results {
            Results::TooFew { answered, needed } => push(String::new(), "", "answered_under", format!("{needed} ({answered})")),
            Results::Poll { counts } => counts.iter().enumerate().for_each(|(i, n)| push(i.to_string(), &items[i], "votes", n.to_string())),
            Results::Dots { totals } => totals.iter().enumerate().for_each(|(i, n)| push(i.to_string(), &items[i], "dots", n.to_string())),
            Results::Statements { tallies, .. } => {
                for (i, t) in tallies.iter().enumerate() {
                    match t {
                        Some(t) => {
                            push(i.to_string(), &items[i], "agree", t.agree.to_string());
                            push(i.to_string(), &items[i], "disagree", t.disagree.to_string());
                            push(i.to_string(), &items[i], "pass", t.pass.to_string());
                        }
                        None => push(i.to_string(), &items[i], "votes_under", "5".into()),
                    }
                }
            }
            Results::Ideas { .. } => a
                .ideas
                .iter()
                .filter(|i| i.moderation == app::domain::proposal::Moderation::Approved)
                .for_each(|i| push(i.id.to_string(), &i.text, "idea", "1".into())),
            Results::Rate { ratings } => push(String::new(), "", "ratings", ratings.to_string()),
        }
    }
    rows
}

#[utoipa::path(
    get, path = "/api/v1/workshops/{id}/export.csv", operation_id = "export_workshop", tag = "workshops",
    summary = "The workshop's results as CSV (facilitator; counts under 5 answers withheld)",
    params(("id" = String, Path, description = "Workshop id"),
        ("sep" = Option<String>, Query, description = "`semicolon` (default, for Danish Excel) or `comma`"),
        ("decimal" = Option<String>, Query, description = "`comma` or `point`; by default the one that does not clash with `sep`")),
    security(("session_cookie" = [])),
    responses((status = 200, content_type = "text/csv", body = String, description = "UTF-8 with BOM; `;` between cells unless `sep=comma`"), BadBody, Unauthorized, Forbidden, NotFound, Unavailable)
)]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let locale = cookies::locale(&headers);
    let format = super::spreadsheet::CsvFormat::from_query(&q, locale)?;
    let (w, _) = facilitated(&state, &caller, &id, locale).await?;
    let id = w.id;
    let report = ws::report(&state.store, w).await.localized(locale)?;
    let head = ["activity", "kind", "activity_title", "item", "text", "measure", "value"];
    Ok(format.download(&head, &export_rows(&report), &format!("stemme-workshop-{id}.csv")))
}
