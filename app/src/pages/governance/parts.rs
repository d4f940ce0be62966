//! The sections of the governance view, shared by the page and the report.

use super::chart::TrendChart;
use super::checks::Assumptions;
use crate::domain::criteria;
use crate::domain::governance::disclosure::Shown;
use crate::domain::governance::figures::{Figure, Span};
use crate::domain::proposal::status_name;
use crate::domain::rating::AGE_BANDS;
use crate::domain::{Locale, Municipality};
use crate::governance::Dashboard;
use crate::i18n::{format_date, format_decimal, tr_args, use_locale};
use leptos::prelude::*;

pub fn channel_name(c: &str, locale: Locale) -> &'static str {
    match c {
        "web" => locale.pick("Web", "Web"),
        "qr" => locale.pick("QR-kode", "QR code"),
        "kiosk" => locale.pick("Kiosk", "Kiosk"),
        "workshop" => locale.pick("Workshop", "Workshop"),
        "api" => locale.pick("API", "API"),
        _ => locale.pick("Andet", "Other"),
    }
}

fn age_name(a: &str, locale: Locale) -> String {
    AGE_BANDS
        .iter()
        .find(|b| b.0 == a)
        .map(|b| locale.pick(b.1, b.2).to_string())
        .unwrap_or_else(|| locale.pick("Ikke oplyst", "Not given").into())
}

pub fn period_label(d: &Dashboard, locale: Locale) -> String {
    let (p, span) = (d.period, d.query.span);
    match span {
        Span::Month => p.from.short(locale),
        Span::Quarter => format!("{}{} {}", locale.pick("Kvartal ", "Quarter "), (p.from.number() - 1) / 3 + 1, p.from.year()),
        Span::Year => p.from.year().to_string(),
    }
}

/// What a hidden figure says instead of a number.
fn hidden(f: &Figure, locale: Locale) -> &'static str {
    match f.shown {
        Shown::Empty => locale.pick("Ingen svar", "No answers"),
        Shown::Protects => locale.pick("Skjult (beskytter)", "Hidden (protects)"),
        _ => locale.pick("For få svar", "Too few answers"),
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
fn Cell(f: Figure) -> impl IntoView {
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
            format!("{}{} {}", if diff > 0 { "+" } else { "" }, diff, locale.pick("fra forrige periode", "on the previous period"))
        }
        _ => locale.pick("Kan ikke sammenlignes", "Cannot be compared").into(),
    }
}

#[component]
pub fn Exports(mun: Municipality, d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let q = d.query.to_query_string();
    let mut api =
        format!("/api/v1/municipalities/{}/summary.csv?from={}&to={}", mun.slug, d.period.from.first_day(), d.period.to.last_day());
    if let Some(s) = &d.query.service {
        api.push_str(&format!("&service={s}"));
    }
    if let Some(k) = d.query.kind {
        api.push_str(&format!("&kind={}", k.as_str()));
    }
    view! {
        <p class="exports">
            <a class="button" href=format!("/styring/{}/rapport?{q}", mun.slug)>{locale.pick("Rapport til udskrift (A4)", "Printable report (A4)")}</a>
            " "<a class="button" href=format!("{api}&sep=semicolon&decimal=comma")>{locale.pick("Hent CSV (Excel)", "Download CSV (Excel)")}</a>
            " "<a class="button" href=format!("{api}&sep=comma")>{locale.pick("Hent CSV (komma)", "Download CSV (comma)")}</a>
        </p>
    }
}

#[component]
pub fn Body(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let l = move |da: &'static str, en: &'static str| locale.pick(da, en);
    let p = d.proposals;
    let pb = d.proposals_before;
    let pct = move |v: Option<i64>| v.map(|v| format!("{v} %")).unwrap_or_else(|| "–".into());
    let days = move |v: Option<f64>| v.map(|v| format_decimal(locale, v, 1)).unwrap_or_else(|| "–".into());
    view! {
        <section aria-labelledby="g-head">
            <h2 id="g-head">{l("Overblik", "At a glance")}": "{period_label(&d, locale)}</h2>
            <dl class="headline">
                <div><dt>{l("Bedømmelser", "Ratings")}</dt>
                    <dd>{d.ratings.n.map(|n| n.to_string()).unwrap_or_else(|| hidden(&d.ratings, locale).into())}</dd>
                    <dd class="hint">{change(d.ratings.n, d.ratings_before.n, locale)}</dd></div>
                <div><dt>{l("Forslag modtaget", "Proposals received")}</dt><dd>{p.received}</dd>
                    <dd class="hint">{change(Some(p.received), Some(pb.received), locale)}</dd></div>
                <div><dt>{l("Besvaret inden fristen", "Answered within the deadline")}</dt><dd>{pct(p.answered_in_time)}</dd>
                    <dd class="hint">{l("Før: ", "Before: ")}{pct(pb.answered_in_time)}</dd></div>
                <div><dt>{l("Median dage til svar", "Median days to answer")}</dt><dd>{days(p.median_days)}</dd>
                    <dd class="hint">{l("Før: ", "Before: ")}{days(pb.median_days)}</dd></div>
            </dl>
        </section>
        <section aria-labelledby="g-heat">
            <h2 id="g-heat">{l("Tilbud og kvalitetskriterier", "Services and quality criteria")}</h2>
            <p class="hint">{l("Gennemsnit fra 1 (dårligst) til 5 (bedst) og antal unge (n).", "Mean from 1 (worst) to 5 (best) and number of young people (n).")}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="g-heat">
                <table class="heatmap">
                    <thead><tr>
                        <th scope="col">{l("Tilbud", "Service")}</th>
                        {d.criteria.iter().map(|c| view! {
                            <th scope="col"><abbr title=criteria::criterion(*c).map(|k| locale.pick(k.da, k.en)).unwrap_or_default()>{format!("K{c}")}</abbr></th>
                        }).collect_view()}
                        <th scope="col">{l("Alle", "All")}</th>
                    </tr></thead>
                    <tbody>
                        {d.rows.iter().map(|r| view! {
                            <tr><th scope="row">{r.service.name.clone()}</th>
                                {r.cells.iter().map(|f| view! { <Cell f=*f/> }).collect_view()}
                                <Cell f=r.total/>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr><th scope="row">{l("Alle tilbud", "All services")}</th>
                        {d.columns.iter().map(|f| view! { <Cell f=*f/> }).collect_view()}
                        <Cell f=d.overall/>
                    </tr></tfoot>
                </table>
            </div>
            <ul class="legend">
                {d.criteria.iter().map(|c| view! { <li>{format!("K{c}: ")}{criteria::criterion(*c).map(|k| locale.pick(k.da, k.en)).unwrap_or_default()}</li> }).collect_view()}
            </ul>
        </section>
        <Trends d=d.clone()/>
        <Movers d=d.clone()/>
        <Chain d=d.clone()/>
        <Comments d=d.clone()/>
        <PipelineView d=d.clone()/>
        <Participation d=d.clone()/>
        <Assumptions d=d.clone()/>
        <ComparisonView d=d/>
    }
}

#[component]
fn Trends(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section aria-labelledby="g-trends">
            <h2 id="g-trends">{locale.pick("Udvikling måned for måned", "Month by month")}</h2>
            <p class="hint">{locale.pick("De seneste 12 måneder. Huller er måneder med for få svar. Hule punkter: under 30 svar.", "The last 12 months. Gaps are months with too few answers. Hollow points: under 30 answers.")}</p>
            <div class="trend-grid">{d.criterion_trends.into_iter().map(|t| view! { <TrendChart trend=t/> }).collect_view()}</div>
            <details>
                <summary>{locale.pick("Pr. tilbud", "Per service")}</summary>
                <div class="trend-grid">{d.service_trends.into_iter().map(|t| view! { <TrendChart trend=t/> }).collect_view()}</div>
            </details>
        </section>
    }
}

#[component]
fn Movers(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let list = move |items: Vec<crate::governance::Mover>| {
        if items.is_empty() {
            return view! { <p>{locale.pick("Ingen tydelige ændringer.", "No clear changes.")}</p> }.into_any();
        }
        view! { <ul>{items.into_iter().map(|m| view! {
            <li><strong>{m.service}</strong>", K"{m.criterion}": "{format_decimal(locale, m.before, 1)}<span aria-hidden="true">" → "</span><span class="visually-hidden">{locale.pick(" til ", " to ")}</span>{format_decimal(locale, m.now, 1)}" (n="{m.n}")"</li>
        }).collect_view()}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="g-movers" class="two-col">
            <h2 id="g-movers">{locale.pick("Største ændringer siden forrige periode", "Biggest changes since the previous period")}</h2>
            <div><h3>{locale.pick("Op", "Up")}</h3>{list(d.movers_up)}</div>
            <div><h3>{locale.pick("Ned", "Down")}</h3>{list(d.movers_down)}</div>
        </section>
    }
}

#[component]
fn Chain(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let shown: Vec<_> = d.handovers.into_iter().filter(|h| h.figure.n.is_some()).collect();
    view! {
        <section aria-labelledby="g-chain">
            <h2 id="g-chain">{locale.pick("Overgange i kæden", "Handovers in the chain")}</h2>
            <p class="hint">{locale.pick("Hvor de unge kom fra, og hvor godt det nye tilbud passede med resten af deres forløb (1–5). Alle aldre og kanaler.", "Where young people came from, and how well the new service fitted the rest of their path (1–5). All ages and channels.")}</p>
            {if shown.is_empty() {
                view! { <p>{locale.pick("Ingen overgange med mindst 5 svar i perioden.", "No handovers with at least 5 answers in the period.")}</p> }.into_any()
            } else {
                view! {
                    <table class="chain">
                        <thead><tr><th scope="col">{locale.pick("Fra", "From")}</th><th scope="col">{locale.pick("Til", "To")}</th>
                            <th scope="col">{locale.pick("Passer med forløbet", "Fits the path")}</th></tr></thead>
                        <tbody>{shown.into_iter().map(|h| view! {
                            <tr><td>{h.from}</td><td>{h.to}</td><Cell f=h.figure/></tr>
                        }).collect_view()}</tbody>
                    </table>
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
            <h2 id="g-comments">{locale.pick("Seneste kommentarer", "Latest comments")}</h2>
            {d.comments.is_empty().then(|| view! { <p>{locale.pick("Ingen godkendte kommentarer fra tilbud med mindst 5 svar.", "No approved comments from services with at least 5 answers.")}</p> })}
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
            <h2 id="g-pipe">{locale.pick("Forslag fra unge", "Proposals from young people")}</h2>
            <ul class="counts">
                {p.by_status.into_iter().map(|(s, n)| view! { <li>{status_name(s, locale)}": "<strong>{n}</strong></li> }).collect_view()}
                <li>{locale.pick("Venter på moderation: ", "Awaiting moderation: ")}<strong>{p.awaiting_moderation}</strong></li>
            </ul>
            <h3>{locale.pick("Over svarfristen", "Past the response deadline")}</h3>
            {if p.overdue.is_empty() {
                view! { <p>{locale.pick("Ingen forslag er over fristen.", "No proposals are past the deadline.")}</p> }.into_any()
            } else {
                view! { <ul>{p.overdue.into_iter().map(|(id, title, days)| view! {
                    <li><a href=format!("/k/{}/forslag/{id}", d.slug)>{title}</a>" – "{tr_args(locale, "overdue-days", &[("n", days.into())])}</li>
                }).collect_view()}</ul> }.into_any()
            }}
            <h3>{locale.pick("Mest støttede åbne forslag", "Most supported open proposals")}</h3>
            <ol>{p.most_supported.into_iter().map(|(_, title, n)| view! { <li>{title}" ("{n}")"</li> }).collect_view()}</ol>
        </section>
    }
}

#[component]
fn Participation(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let row = move |label: String, f: Figure| {
        view! {
            <tr><th scope="row">{label}</th><td>{f.n.map(|n| n.to_string()).unwrap_or_else(|| hidden(&f, locale).into())}</td></tr>
        }
    };
    view! {
        <section aria-labelledby="g-part" class="two-col">
            <h2 id="g-part">{locale.pick("Hvem svarer", "Who answers")}</h2>
            <table><caption>{locale.pick("Bedømmelser pr. kanal", "Ratings by channel")}</caption>
                <tbody>{d.by_channel.into_iter().map(|(c, f)| row(channel_name(&c, locale).into(), f)).collect_view()}</tbody></table>
            <table><caption>{locale.pick("Bedømmelser pr. alder", "Ratings by age")}</caption>
                <tbody>{d.by_age.into_iter().map(|(a, f)| row(age_name(&a, locale), f)).collect_view()}</tbody></table>
        </section>
    }
}

#[component]
fn ComparisonView(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let Some(list) = d.comparison else {
        return view! {
            <section aria-labelledby="g-compare"><h2 id="g-compare">{locale.pick("Sammenligning med andre kommuner", "Comparison with other municipalities")}</h2>
            <p>{locale.pick("Jeres kommune er ikke med i sammenligningen. En administrator kan slå den til under Indstillinger.", "Your municipality does not take part. An administrator can turn it on in Settings.")}</p></section>
        }.into_any();
    };
    view! {
        <section aria-labelledby="g-compare">
            <h2 id="g-compare">{locale.pick("Sammenligning med andre kommuner", "Comparison with other municipalities")}</h2>
            <table>
                <thead><tr><th scope="col">{locale.pick("Kriterium", "Criterion")}</th><th scope="col">{locale.pick("Jer", "You")}</th>
                    <th scope="col">{locale.pick("Median i deltagende kommuner", "Median of participating municipalities")}</th></tr></thead>
                <tbody>{list.into_iter().map(|c| view! {
                    <tr><th scope="row">{format!("K{}", c.criterion)}</th><Cell f=c.own/>
                        <td>{c.median.map(|m| format_decimal(locale, m, 1)).unwrap_or_else(|| locale.pick("For få kommuner (under 5 med nok svar)", "Too few municipalities (under 5 with enough answers)").into())}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }.into_any()
}
