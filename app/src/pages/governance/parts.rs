//! The sections of the governance view, shared by the page and the report.

use super::chart::TrendChart;
use super::checks::Assumptions;
use super::heatmap::{api_query, csv_href, CsvLink, Heatmap};
use crate::domain::governance::disclosure::Shown;
use crate::domain::governance::figures::{Figure, Span};
use crate::domain::proposal::status_name;
use crate::domain::rating::AGE_BANDS;
use crate::domain::{Locale, Municipality};
use crate::governance::Dashboard;
use crate::i18n::{format_date, format_decimal, tr, tr_args, use_locale};
use leptos::prelude::*;

pub fn channel_name(c: &str, locale: Locale) -> String {
    match c {
        "web" => tr(locale, "gov-web"),
        "qr" => tr(locale, "gov-qr_code"),
        "kiosk" => tr(locale, "gov-kiosk"),
        "workshop" => tr(locale, "gov-workshop"),
        "api" => tr(locale, "gov-api"),
        _ => tr(locale, "gov-other"),
    }
}

fn age_name(a: &str, locale: Locale) -> String {
    AGE_BANDS.iter().find(|b| b.0 == a).map(|b| locale.pick(b.1, b.2).to_string()).unwrap_or_else(|| tr(locale, "gov-not_given").into())
}

pub fn period_label(d: &Dashboard, locale: Locale) -> String {
    label_of(d.period, d.query.span, locale)
}

/// "4. kvartal 2026", "nov. 2026", "2026".
fn label_of(p: crate::domain::governance::month::Period, span: Span, locale: Locale) -> String {
    match span {
        Span::Month => p.from.short(locale),
        Span::Quarter => tr_args(
            locale,
            "gov-quarter_of_year",
            &[("q", ((p.from.number() - 1) / 3 + 1).into()), ("year", p.from.year().to_string().into())],
        ),
        Span::Year => p.from.year().to_string(),
    }
}

/// What a hidden figure says instead of a number.
fn hidden(f: &Figure, locale: Locale) -> String {
    match f.shown {
        Shown::Empty => tr(locale, "gov-no_answers"),
        Shown::Protects => tr(locale, "gov-hidden_protects"),
        _ => tr(locale, "gov-too_few_answers"),
    }
}

fn mean_text(f: &Figure, locale: Locale) -> String {
    f.mean.map(|m| format_decimal(locale, m, 1)).unwrap_or_else(|| hidden(f, locale).into())
}

/// A colour band for a mean (text carries the same information).
fn band(f: &Figure) -> &'static str {
    match f.mean {
        None => "cell hidden",
        Some(m) if m < 2.5 => "cell low",
        Some(m) if m < 3.25 => "cell mid-low",
        Some(m) if m < 4.0 => "cell mid-high",
        Some(_) => "cell high",
    }
}

/// A figure in a table cell: the mean, and n under it.
#[component]
pub fn Cell(f: Figure) -> impl IntoView {
    let locale = use_locale();
    view! {
        <td class=band(&f)>
            <span class="mean">{mean_text(&f, locale)}</span>
            {f.n.map(|n| view! { <span class="n">"n="{n}</span> })}
        </td>
    }
}

fn change(now: Option<i64>, before: Option<i64>, locale: Locale) -> String {
    match (now, before) {
        (Some(a), Some(b)) => {
            let diff = a - b;
            tr_args(locale, "gov-change", &[("diff", format!("{}{diff}", if diff > 0 { "+" } else { "" }).into())])
        }
        _ => tr(locale, "gov-cannot_be_compared").into(),
    }
}

#[component]
pub fn Exports(mun: Municipality, d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let q = d.query.to_query_string();
    let api = format!("/api/v1/municipalities/{}/summary.csv?{}", mun.slug, api_query(&d));
    view! {
        <p class="exports">
            <a class="button" href=format!("/styring/{}/rapport?{q}", mun.slug)>{tr(locale, "gov-printable_report_a4")}</a>
            " "<a class="button" href=format!("{api}&sep=semicolon&decimal=comma")>{tr(locale, "gov-download_csv_excel")}</a>
            " "<a class="button" href=format!("{api}&sep=comma")>{tr(locale, "gov-download_csv_comma")}</a>
        </p>
    }
}

/// The period's counts against the period before (only once it has ended).
#[component]
pub fn Counts(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let p = d.proposals;
    let pb = d.proposals_before;
    let pct = move |v: Option<i64>| v.map(|v| format!("{v} %")).unwrap_or_else(|| "–".into());
    let days = move |v: Option<f64>| v.map(|v| format_decimal(locale, v, 1)).unwrap_or_else(|| "–".into());
    // While the period runs, counts are not compared with a whole period.
    let counted = move |a: Option<i64>, b: Option<i64>| if d.complete { change(a, b, locale) } else { tr(locale, "gov-compared_when_over") };
    view! {
        <section aria-labelledby="g-counts">
            <h2 id="g-counts">{tr(locale, "gov-counts")}": "{period_label(&d, locale)}</h2>
            <dl class="headline">
                <div><dt>{tr(locale, "gov-ratings")}</dt>
                    <dd>{d.ratings.n.map(|n| n.to_string()).unwrap_or_else(|| hidden(&d.ratings, locale).into())}</dd>
                    <dd class="hint">{counted(d.ratings.n, d.ratings_before.n)}</dd></div>
                <div><dt>{tr(locale, "gov-proposals_received")}</dt><dd>{p.received}</dd>
                    <dd class="hint">{counted(Some(p.received), Some(pb.received))}</dd></div>
                <div><dt>{tr(locale, "gov-answered_within_deadline")}</dt><dd>{pct(p.answered_in_time)}</dd>
                    <dd class="hint">{tr(locale, "gov-before")}{pct(pb.answered_in_time)}</dd></div>
                <div><dt>{tr(locale, "gov-median_days_to_answer")}</dt><dd>{days(p.median_days)}</dd>
                    <dd class="hint">{tr(locale, "gov-before")}{days(pb.median_days)}</dd></div>
            </dl>
        </section>
    }
}

/// Everything after the summary. `movers`: whether the biggest changes are
/// here (the report puts them in its one-page summary instead).
#[component]
pub fn Body(d: Dashboard, #[prop(default = true)] movers: bool) -> impl IntoView {
    view! {
        <Heatmap d=d.clone()/>
        <Trends d=d.clone()/>
        {movers.then(|| view! { <Movers d=d.clone()/> })}
        <Chain d=d.clone()/>
        <Comments d=d.clone()/>
        <PipelineView d=d.clone()/>
        <Participation d=d.clone()/>
        <Assumptions d=d.clone()/>
        <ComparisonView d=d/>
    }
}

/// The first thing a manager sees: satisfaction between two whole periods,
/// how many answered, what moved most and what waits for the municipality,
/// each a link to its detail.
#[component]
pub fn Glance(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let (later, earlier) = d.compared_figures;
    let label = |p| label_of(p, d.query.span, locale);
    let (later_label, earlier_label) = (label(d.compared.0), label(d.compared.1));
    let open = d.pipeline.by_status.iter().filter(|(s, _)| !s.is_answer()).map(|(_, n)| n).sum::<i64>();
    let overdue = d.pipeline.overdue.len() as i64;
    let late = overdue > 0;
    let mover = d.movers_up.first().or(d.movers_down.first()).map(|m| {
        format!("{}, K{}: {} → {}", m.service, m.criterion, format_decimal(locale, m.before, 1), format_decimal(locale, m.now, 1))
    });
    let answers = format!("/admin/{}/forslag", d.slug);
    view! {
        <section aria-labelledby="g-head" class="glance">
            <h2 id="g-head">{tr(locale, "gov-at_glance")}</h2>
            <dl class="headline">
                <div><dt>{tr_args(locale, "gov-satisfaction_in", &[("period", later_label.clone().into())])}</dt>
                    <dd>{mean_text(&later, locale)}{later.n.map(|n| view! { <span class="n">" (n="{n}")"</span> })}</dd>
                    <dd class="hint">{earlier_label}": "{mean_text(&earlier, locale)}
                        {(!d.complete).then(|| view! { " · "{tr_args(locale, "gov-period_runs", &[("period", period_label(&d, locale).into())])} })}
                    </dd></div>
                <div><dt>{tr(locale, "gov-biggest_mover")}</dt>
                    <dd class="small">{mover.unwrap_or_else(|| tr(locale, "gov-no_clear_changes").into())}</dd>
                    <dd class="hint"><a href="#g-movers">{tr(locale, "gov-see_all_changes")}</a></dd></div>
                <div><dt>{tr(locale, "gov-waiting_for_answer")}</dt><dd><a href=answers.clone()>{open}</a></dd>
                    <dd class="hint"><a href="#g-pipe">{tr(locale, "gov-see_pipeline")}</a></dd></div>
                <div class:alert=late><dt>{tr(locale, "gov-answers_overdue")}</dt><dd><a href=answers>{overdue}</a></dd>
                    <dd class="hint">{tr_args(locale, "gov-deadline_days", &[("days", d.response_days.into())])}</dd></div>
            </dl>
        </section>
    }
}

#[component]
fn Trends(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let csv = csv_href(&d, "trends");
    view! {
        <section aria-labelledby="g-trends">
            <h2 id="g-trends">{tr(locale, "gov-month_by_month")}</h2>
            <p class="hint">{tr(locale, "gov-last_12_months_gaps")}</p>
            <div class="trend-grid">{d.criterion_trends.into_iter().map(|t| view! { <TrendChart trend=t/> }).collect_view()}</div>
            <details>
                <summary>{tr(locale, "gov-per_service")}</summary>
                <div class="trend-grid">{d.service_trends.into_iter().map(|t| view! { <TrendChart trend=t/> }).collect_view()}</div>
            </details>
            <CsvLink href=csv label=tr(locale, "gov-month_by_month")/>
        </section>
    }
}

#[component]
pub fn Movers(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let csv = csv_href(&d, "movers");
    let list = move |items: Vec<crate::governance::Mover>| {
        if items.is_empty() {
            return view! { <p>{tr(locale, "gov-no_clear_changes")}</p> }.into_any();
        }
        view! { <ul>{items.into_iter().map(|m| view! {
            <li><strong>{m.service}</strong>", K"{m.criterion}": "{format_decimal(locale, m.before, 1)}<span aria-hidden="true">" → "</span><span class="visually-hidden">{tr(locale, "gov-to")}</span>{format_decimal(locale, m.now, 1)}" (n="{m.n}")"</li>
        }).collect_view()}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="g-movers" class="two-col">
            <h2 id="g-movers">{tr_args(locale, "gov-biggest_changes_between", &[
                ("later", label_of(d.compared.0, d.query.span, locale).into()),
                ("earlier", label_of(d.compared.1, d.query.span, locale).into()),
            ])}</h2>
            <div><h3>{tr(locale, "gov-up")}</h3>{list(d.movers_up)}</div>
            <div><h3>{tr(locale, "gov-down")}</h3>{list(d.movers_down)}</div>
            <CsvLink href=csv label=tr(locale, "gov-biggest_mover")/>
        </section>
    }
}

#[component]
fn Chain(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let csv = csv_href(&d, "handovers");
    let shown: Vec<_> = d.handovers.into_iter().filter(|h| h.figure.n.is_some()).collect();
    view! {
        <section aria-labelledby="g-chain">
            <h2 id="g-chain">{tr(locale, "gov-handovers_in_chain")}</h2>
            <p class="hint">{tr(locale, "gov-where_young_people_came")}</p>
            {if shown.is_empty() {
                view! { <p>{tr(locale, "gov-no_handovers_with_at")}</p> }.into_any()
            } else {
                view! {
                    <table class="chain">
                        <thead><tr><th scope="col">{tr(locale, "gov-from")}</th><th scope="col">{tr(locale, "gov-to_2")}</th>
                            <th scope="col">{tr(locale, "gov-fits_path")}</th></tr></thead>
                        <tbody>{shown.into_iter().map(|h| view! {
                            <tr><td>{h.from}</td><td>{h.to}</td><Cell f=h.figure/></tr>
                        }).collect_view()}</tbody>
                    </table>
                    <CsvLink href=csv label=tr(locale, "gov-handovers_in_chain")/>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Comments(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section aria-labelledby="g-comments">
            <h2 id="g-comments">{tr(locale, "gov-latest_comments")}</h2>
            {d.comments.is_empty().then(|| view! { <p>{tr(locale, "gov-no_approved_comments_from")}</p> })}
            {d.comments.into_iter().map(|s| view! {
                <h3>{s.service}</h3>
                <ul class="comments">{s.comments.into_iter().map(|(at, text)| view! {
                    <li><blockquote>{text}</blockquote><span class="hint">{format_date(locale, at)}</span></li>
                }).collect_view()}</ul>
            }).collect_view()}
        </section>
    }
}

#[component]
fn PipelineView(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let p = d.pipeline;
    view! {
        <section aria-labelledby="g-pipe">
            <h2 id="g-pipe">{tr(locale, "gov-proposals_from_young_people")}</h2>
            <ul class="counts">
                {p.by_status.into_iter().map(|(s, n)| view! { <li>{status_name(s, locale)}": "<strong>{n}</strong></li> }).collect_view()}
                <li>{tr(locale, "gov-awaiting_moderation")}<strong>{p.awaiting_moderation}</strong></li>
            </ul>
            <h3>{tr(locale, "gov-past_response_deadline")}</h3>
            {if p.overdue.is_empty() {
                view! { <p>{tr(locale, "gov-no_proposals_are_past")}</p> }.into_any()
            } else {
                view! { <ul>{p.overdue.into_iter().map(|(id, title, days)| view! {
                    <li><a href=format!("/k/{}/forslag/{id}", d.slug)>{title}</a>" – "{tr_args(locale, "overdue-days", &[("n", days.into())])}</li>
                }).collect_view()}</ul> }.into_any()
            }}
            <h3>{tr(locale, "gov-most_supported_open_proposals")}</h3>
            <ol>{p.most_supported.into_iter().map(|(_, title, n)| view! { <li>{title}" ("{n}")"</li> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn Participation(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let (channels, ages) = (csv_href(&d, "channels"), csv_href(&d, "ages"));
    let row = move |label: String, f: Figure| {
        view! {
            <tr><th scope="row">{label}</th><td>{f.n.map(|n| n.to_string()).unwrap_or_else(|| hidden(&f, locale).into())}</td></tr>
        }
    };
    view! {
        <section aria-labelledby="g-part" class="two-col">
            <h2 id="g-part">{tr(locale, "gov-who_answers")}</h2>
            <table><caption>{tr(locale, "gov-ratings_by_channel")}</caption>
                <tbody>{d.by_channel.into_iter().map(|(c, f)| row(channel_name(&c, locale).into(), f)).collect_view()}</tbody></table>
            <table><caption>{tr(locale, "gov-ratings_by_age")}</caption>
                <tbody>{d.by_age.into_iter().map(|(a, f)| row(age_name(&a, locale), f)).collect_view()}</tbody></table>
            <div class="csv-pair">
                <CsvLink href=channels label=tr(locale, "gov-ratings_by_channel")/>
                <CsvLink href=ages label=tr(locale, "gov-ratings_by_age")/>
            </div>
        </section>
    }
}

#[component]
fn ComparisonView(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let csv = csv_href(&d, "comparison");
    let Some(list) = d.comparison else {
        return view! {
            <section aria-labelledby="g-compare"><h2 id="g-compare">{tr(locale, "gov-comparison_with_other_municipalities")}</h2>
            <p>{tr(locale, "gov-your_municipality_does_not")}</p></section>
        }
        .into_any();
    };
    view! {
        <section aria-labelledby="g-compare">
            <h2 id="g-compare">{tr(locale, "gov-comparison_with_other_municipalities")}</h2>
            <table>
                <thead><tr><th scope="col">{tr(locale, "gov-criterion")}</th><th scope="col">{tr(locale, "gov-you")}</th>
                    <th scope="col">{tr(locale, "gov-median_of_participating_municipalities")}</th></tr></thead>
                <tbody>{list.into_iter().map(|c| view! {
                    <tr><th scope="row">{format!("K{}", c.criterion)}</th><Cell f=c.own/>
                        <td>{c.median.map(|m| format_decimal(locale, m, 1)).unwrap_or_else(|| tr(locale, "gov-too_few_municipalities_under").into())}</td></tr>
                }).collect_view()}</tbody>
            </table>
            <CsvLink href=csv label=tr(locale, "gov-comparison_with_other_municipalities")/>
        </section>
    }.into_any()
}
