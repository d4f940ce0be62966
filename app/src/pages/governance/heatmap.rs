//! The heatmap of services × criteria, and the CSV link every table of
//! the governance view carries.

use super::parts::Cell;
use crate::domain::criteria;
use crate::governance::heatmap::{Column, HeatmapSort};
use crate::governance::Dashboard;
use crate::i18n::{tr, use_locale};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The view's period and filters in the API's terms.
pub fn api_query(d: &Dashboard) -> String {
    let mut q = format!("from={}&to={}", d.period.from.first_day(), d.period.to.last_day());
    if let Some(s) = &d.query.service {
        q.push_str(&format!("&service={s}"));
    }
    if let Some(k) = d.query.kind {
        q.push_str(&format!("&kind={}", k.as_str()));
    }
    q
}

/// Where one table's CSV file (Danish Excel's format) is.
pub fn csv_href(d: &Dashboard, table: &str) -> String {
    format!("/api/v1/municipalities/{}/tables/{table}.csv?{}", d.slug, api_query(d))
}

/// A table's CSV link, under the table.
#[component]
pub fn CsvLink(href: String, #[prop(into)] label: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <p class="csv no-print"><a class="button small" href=href download>
            {tr(locale, "gov-csv_table")}<span class="visually-hidden">": "{label}</span>
        </a></p>
    }
}

/// Services × criteria. Column headers sort the rows, row headers sort the
/// columns (lowest first); both are plain links, so they work without
/// JavaScript and in a shared address.
#[component]
pub fn Heatmap(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let sort = query.with_untracked(|q| HeatmapSort::parse(q.get("raekker").as_deref(), q.get("kolonner").as_deref()));
    let base = d.query.to_query_string();
    let href = move |s: HeatmapSort| format!("?{base}&{}#g-heat", s.to_query());
    let rows = sort.row_order(&d.rows, &d.criteria);
    let cols = sort.column_order(&d.rows, &d.columns, &d.criteria);
    let name = move |c: i64| criteria::criterion(c).map(|k| locale.pick(k.da, k.en)).unwrap_or_default();
    let head = {
        let (sort, href) = (sort.clone(), href.clone());
        move |column: Column, text: String, title: String| {
            let arrow = match sort.aria_sort(column) { Some("ascending") => " ▲", Some(_) => " ▼", None => "" };
            view! {
                <th scope="col" aria-sort=sort.aria_sort(column)>
                    <a href=href(sort.by_column(column)) title=title.clone()>{text}<span aria-hidden="true">{arrow}</span>
                        <span class="visually-hidden">{format!(" {title} – ")}{tr(locale, "gov-sort_rows")}</span></a>
                </th>
            }
        }
    };
    let row_head = {
        let (sort, href) = (sort.clone(), href.clone());
        move |slug: Option<String>, text: String| {
            let active = sort.columns.as_ref() == Some(&slug);
            view! {
                <th scope="row" class:sorted=active>
                    <a href=href(sort.by_row(slug.as_deref()))>{text}<span class="visually-hidden">" – "{tr(locale, "gov-sort_columns")}</span></a>
                </th>
            }
        }
    };
    view! {
        <section aria-labelledby="g-heat">
            <h2 id="g-heat">{tr(locale, "gov-services_and_quality_criteria")}</h2>
            <p class="hint">{tr(locale, "gov-mean_from_1_worst")}" "{tr(locale, "gov-darker_is_lower")}</p>
            <p class="hint no-print">{tr(locale, "gov-sort_hint")}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="g-heat">
                <table class="heatmap">
                    <thead><tr>
                        {head(Column::Name, tr(locale, "gov-service"), tr(locale, "gov-service"))}
                        {cols.iter().map(|&i| head(Column::Criterion(d.criteria[i]), format!("K{}", d.criteria[i]), name(d.criteria[i]).to_string())).collect_view()}
                        {head(Column::All, tr(locale, "gov-all"), tr(locale, "gov-all_criteria"))}
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|&r| {
                            let r = &d.rows[r];
                            view! {
                                <tr>{row_head(Some(r.service.slug.clone()), r.service.name.clone())}
                                    {cols.iter().map(|&i| view! { <Cell f=r.cells[i]/> }).collect_view()}
                                    <Cell f=r.total/>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>{row_head(None, tr(locale, "gov-all_services"))}
                        {cols.iter().map(|&i| view! { <Cell f=d.columns[i]/> }).collect_view()}
                        <Cell f=d.overall/>
                    </tr></tfoot>
                </table>
            </div>
            <ul class="legend">
                {d.criteria.iter().map(|c| view! { <li>{format!("K{c}: ")}{name(*c)}</li> }).collect_view()}
            </ul>
            <CsvLink href=csv_href(&d, "heatmap") label=tr(locale, "gov-services_and_quality_criteria")/>
        </section>
    }
}
