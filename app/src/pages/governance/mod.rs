//! `/styring/{m}` (managers): the chain at a glance before a board meeting,
//! and `/styring/{m}/rapport`, the same as a printable A4 report. Every
//! figure arrives already through disclosure control.

mod chart;
mod checks;
mod heatmap;
mod parts;

use super::admin::AdminFrame;
use crate::components::PageTitle;
use crate::domain::governance::figures::Span;
use crate::domain::rating::FieldErrors;
use crate::domain::staff::Role;
use crate::domain::Municipality;
use crate::governance::Dashboard;
use crate::i18n::{tr, use_locale};
use crate::pages::info::found_or_status;
use crate::pages::param;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use parts::*;

const FILTERS: [&str; 4] = ["periode", "ved", "tilbud", "type"];

type PageData = Option<(Municipality, Vec<Role>, Result<Dashboard, FieldErrors>)>;

#[server]
pub async fn governance_view(m: String, pairs: Vec<(String, String)>) -> Result<PageData, ServerFnError> {
    use crate::governance::{dashboard, GovernanceError};
    let Some((staff, mun)) = super::admin::require(&m, Some(Role::Manager)).await? else { return Ok(None) };
    let state = expect_context::<crate::state::AppState>();
    let now = crate::domain::policy::now();
    let today = crate::domain::governance::month::Month::of_unix(now);
    let roles = staff.roles_in(&mun.slug);
    let result = match crate::governance::DashboardQuery::from_pairs(&pairs, today) {
        Err(errors) => Err(errors),
        Ok(query) => match dashboard(&state.store, &state.comparisons, &mun, query, now).await {
            Ok(d) => Ok(d),
            Err(GovernanceError::Invalid(errors)) => Err(errors),
            Err(GovernanceError::Store(e)) => return Err(super::internal_error(e)),
        },
    };
    if result.is_err() {
        crate::components::layout::set_status(422);
    }
    Ok(Some((mun, roles, result)))
}

fn use_view() -> Resource<Result<PageData, ServerFnError>> {
    let m = param("m");
    let query = use_query_map();
    let pairs = move || FILTERS.iter().filter_map(|k| query.read().get(k).map(|v| (k.to_string(), v))).collect::<Vec<_>>();
    Resource::new(move || (m(), pairs()), |(m, pairs)| governance_view(m, pairs))
}

#[component]
pub fn GovernancePage() -> impl IntoView {
    let locale = use_locale();
    let data = use_view();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, result)| {
                    let title = format!("{} – {}", tr(locale, "gov-governance"), mun.name);
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <div class="governance">
                                <PageTitle text=title.clone()/>
                                <h1>{title}</h1>
                                <p class="lead">{tr(locale, "gov-how_young_people_experience")}</p>
                                {match result {
                                    Ok(d) => view! {
                                        <Glance d=d.clone()/>
                                        <Filters mun=mun.clone() d=Some(d.clone()) errors=FieldErrors::new()/>
                                        <Exports mun=mun.clone() d=d.clone()/>
                                        <Counts d=d.clone()/>
                                        <Body d=d/>
                                    }.into_any(),
                                    Err(errors) => view! { <Filters mun=mun.clone() d=None errors=errors/> }.into_any(),
                                }}
                            </div>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// The printable board report: the same figures, no navigation, print CSS.
#[component]
pub fn ReportPage() -> impl IntoView {
    let locale = use_locale();
    let data = use_view();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, _, result)| {
                    let title = format!("{} – {}", tr(locale, "gov-youth_chain_report"), mun.name);
                    view! {
                        <main id="main" class="governance report" tabindex="-1">
                            <PageTitle text=title.clone()/>
                            {match result {
                                Ok(d) => view! {
                                    <style nonce=leptos::nonce::use_nonce()>{page_footer(&mun.name, d.read_at, locale)}</style>
                                    <div class="summary-page">
                                        <h1>{title}</h1>
                                        <p class="lead">{period_label(&d, locale)}" · "{tr(locale, "gov-printed_from_stemme_figures")}</p>
                                        <p class="no-print"><a href=format!("/styring/{}?{}", mun.slug, d.query.to_query_string())>{tr(locale, "gov-back_to_governance")}</a></p>
                                        <Glance d=d.clone()/>
                                        <Counts d=d.clone()/>
                                        <Movers d=d.clone()/>
                                    </div>
                                    <Body d=d movers=false/>
                                }.into_any(),
                                Err(errors) => view! { <h1>{title}</h1><Filters mun=mun.clone() d=None errors=errors/> }.into_any(),
                            }}
                        </main>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// Every printed page says where it comes from, when it was printed and
/// which page of how many it is (CSS page margin boxes).
fn page_footer(municipality: &str, at: i64, locale: crate::domain::Locale) -> String {
    let date = crate::i18n::format_date(locale, at);
    format!(
        "@page {{ @bottom-left {{ content: \"{} · {}\"; }} @bottom-right {{ content: \"{} \" counter(page) \" {} \" counter(pages); }} }}",
        css_string(&format!("Stemme · {municipality}")),
        css_string(&date),
        tr(locale, "gov-page_word"),
        tr(locale, "gov-of_word"),
    )
}

/// Text safe inside a CSS string in a `<style>` element: everything but
/// letters, digits, spaces and harmless punctuation as a CSS hex escape
/// (`\22 ` for a quote), so nothing can end the string or the element.
fn css_string(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_alphanumeric() || " .,·–-:()".contains(c) { c.to_string() } else { format!("\\{:x} ", c as u32) })
        .collect()
}

/// The period and filter form: a plain GET form, so links can be shared
/// with colleagues (who still need their own sign-in).
#[component]
fn Filters(mun: Municipality, d: Option<Dashboard>, errors: FieldErrors) -> impl IntoView {
    let locale = use_locale();
    let q = d.as_ref().map(|d| d.query.clone());
    let services = d.as_ref().map(|d| d.services.clone()).unwrap_or_default();
    let span = q.as_ref().map_or(Span::Quarter, |q| q.span);
    let at = q.as_ref().map(|q| q.at.iso()).unwrap_or_default();
    // Each problem is tied to its field, so a screen reader reads it there.
    let described = |name: &str| errors.contains_key(name).then(|| format!("filter-{name}-error"));
    let describe = [described("periode"), described("ved"), described("tilbud"), described("type")];
    let error = move |name: &str| {
        errors.get(name).map(|e| view! { <p class="field-error" role="alert" id=format!("filter-{name}-error")>{e.message(locale)}</p> })
    };
    let opt = |value: &str, label: String, selected: bool| view! { <option value=value.to_string() selected=selected>{label}</option> };
    let sel = q.clone();
    view! {
        <form method="get" action=format!("/styring/{}", mun.slug) class="filters">
            <label>{tr(locale, "gov-period")}
                <select name="periode" aria-describedby=describe[0].clone()>
                    {opt("maaned", tr(locale, "gov-month").into(), span == Span::Month)}
                    {opt("kvartal", tr(locale, "gov-quarter").into(), span == Span::Quarter)}
                    {opt("aar", tr(locale, "gov-year").into(), span == Span::Year)}
                </select>
            </label>
            <label>{tr(locale, "gov-containing_month_yyyy_mm")}
                <input type="month" name="ved" value=at placeholder="2026-11" aria-describedby=describe[1].clone()/>
            </label>
            {error("periode")}{error("ved")}
            <label>{tr(locale, "gov-service")}
                <select name="tilbud" aria-describedby=describe[2].clone()>
                    {opt("", tr(locale, "gov-all").into(), false)}
                    {services.iter().map(|s| opt(&s.slug, s.name.clone(), sel.as_ref().and_then(|q| q.service.as_ref()) == Some(&s.slug))).collect_view()}
                </select>
            </label>
            <label>{tr(locale, "gov-kind")}
                <select name="type" aria-describedby=describe[3].clone()>
                    {opt("", tr(locale, "gov-internal_and_external").into(), false)}
                    {opt("internal", tr(locale, "gov-internal").into(), sel.as_ref().and_then(|q| q.kind).map(|k| k.as_str()) == Some("internal"))}
                    {opt("external", tr(locale, "gov-external").into(), sel.as_ref().and_then(|q| q.kind).map(|k| k.as_str()) == Some("external"))}
                </select>
            </label>
            {error("tilbud")}{error("type")}
            <button type="submit" class="button primary">{tr(locale, "gov-show")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_cannot_break_out_of_the_page_footer_s_css() {
        assert_eq!(super::css_string("Ø\"; }</style>\u{c}"), "Ø\\22 \\3b  \\7d \\3c \\2f style\\3e \\c ");
        assert_eq!(super::css_string("Stemme · Aabenraa Kommune"), "Stemme · Aabenraa Kommune");
    }
}
