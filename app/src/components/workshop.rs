//! What a workshop shows: an activity's results (the same on the presenter
//! screen, the phones and the facilitator's page) and the two live parts
//! that `public/workshop-live.js` keeps current.

use crate::domain::workshop::code::spaced;
use crate::domain::workshop::opinion::Tally;
use crate::domain::workshop::{Activity, Phase, Results, Snapshot, WorkshopState};
use crate::domain::Locale;
use crate::i18n::{tr, tr_args};
use leptos::prelude::*;

fn share(n: u32, total: u32) -> u32 {
    if total == 0 {
        0
    } else {
        (n * 100 + total / 2) / total
    }
}

/// A labelled horizontal bar; the number is always written out, so the
/// bar's length is never the only way to read it.
#[component]
fn Bar(label: String, n: u32, total: u32, #[prop(optional)] unit: &'static str) -> impl IntoView {
    let pct = share(n, total);
    view! {
        <li class="bar">
            <span class="bar-label">{label}</span>
            // Widths are classes in 5 % steps: the CSP allows no inline styles.
            <span class="bar-track" aria-hidden="true"><span class=format!("bar-fill w-{}", (pct + 2) / 5 * 5)></span></span>
            <span class="bar-value">{format!("{n}{unit} ({pct} %)")}</span>
        </li>
    }
}

fn tally_text(t: &Tally, locale: Locale) -> String {
    let total = t.total();
    format!(
        "{} {} % · {} {} % · {} {} %",
        tr(locale, "workshop-agree"),
        share(t.agree, total),
        tr(locale, "workshop-disagree"),
        share(t.disagree, total),
        tr(locale, "workshop-pass"),
        share(t.pass, total)
    )
}

/// A heading at the level where it stands: the same results sit under an
/// h1 on the projector, an h2 on the facilitator's page and an h3 on phones.
#[component]
fn Heading(level: u8, #[prop(optional)] class: &'static str, children: Children) -> impl IntoView {
    match level {
        1 => view! { <h1 class=class>{children()}</h1> }.into_any(),
        2 => view! { <h2 class=class>{children()}</h2> }.into_any(),
        3 => view! { <h3 class=class>{children()}</h3> }.into_any(),
        _ => view! { <h4 class=class>{children()}</h4> }.into_any(),
    }
}

/// An activity's results; `level` is the level of its own headings.
#[component]
pub fn ResultsView(activity: Activity, results: Results, locale: Locale, level: u8) -> impl IntoView {
    let items = activity.items();
    let label = move |i: usize| items.get(i).cloned().unwrap_or_default();
    match results {
        Results::TooFew { answered, needed } => view! {
            <p class="results-wait">{tr_args(locale, "workshop-results_wait", &[("needed", needed.into()), ("answered", answered.into())])}</p>
        }
        .into_any(),
        Results::Poll { counts } => {
            let total = counts.iter().sum::<u32>();
            view! { <ul class="bars">{counts.into_iter().enumerate().map(|(i, n)| view! { <Bar label=label(i) n=n total=total/> }).collect_view()}</ul> }.into_any()
        }
        Results::Dots { totals } => {
            let total = totals.iter().sum::<u32>();
            let mut order: Vec<usize> = (0..totals.len()).collect();
            order.sort_by_key(|i| std::cmp::Reverse(totals[*i]));
            let unit = if locale == Locale::Da { " prikker" } else { " dots" };
            view! { <ol class="bars">{order.into_iter().map(|i| view! { <Bar label=label(i) n=totals[i] total=total unit=unit/> }).collect_view()}</ol> }.into_any()
        }
        Results::Statements { tallies, groups } => {
            let list = |title: String, ids: Vec<usize>| {
                (!ids.is_empty()).then(|| {
                    view! {
                        <Heading level=level>{title}</Heading>
                        <ul>{ids.into_iter().map(|i| view! { <li>{label(i)}</li> }).collect_view()}</ul>
                    }
                })
            };
            let groups_view = groups.map(|g| {
                let sizes = g.sizes.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ");
                view! {
                    <div class="opinion-groups">
                        <p>{tr_args(locale, "workshop-opinion_groups", &[("n", g.sizes.len().into()), ("sizes", sizes.into())])}</p>
                        {list(tr(locale, "workshop-what_unites_all_groups"), g.uniting)}
                        {list(tr(locale, "workshop-what_divides_groups"), g.dividing)}
                    </div>
                }
            });
            view! {
                <ul class="statements">
                    {tallies.into_iter().enumerate().map(|(i, t)| view! {
                        <li>
                            <span class="statement">{label(i)}</span>
                            <span class="tally">{match t {
                                Some(t) => tally_text(&t, locale),
                                None => tr(locale, "workshop-under_5_answers_yet").to_string(),
                            }}</span>
                        </li>
                    }).collect_view()}
                </ul>
                {groups_view}
            }
            .into_any()
        }
        Results::Ideas { ideas, cloud } => {
            let top = cloud.first().map(|w| w.count).unwrap_or(1).max(1);
            view! {
                {(!cloud.is_empty()).then(|| view! {
                    <ul class="word-cloud" aria-label=tr(locale, "workshop-word_cloud")>
                        {cloud.into_iter().map(|w| {
                            // Five sizes as classes (no inline styles under the CSP).
                            let level = 1 + (4 * w.count + top / 2) / top;
                            view! { <li class=format!("cloud-{level}")>{w.text}<span class="visually-hidden">{format!(" ({})", w.count)}</span></li> }
                        }).collect_view()}
                    </ul>
                })}
                <ul class="ideas">{ideas.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            }
            .into_any()
        }
        Results::Rate { ratings } => view! {
            <p class="big-number">{tr_args(locale, "workshop-ratings", &[("n", ratings.into())])}</p>
        }
        .into_any(),
    }
}

pub fn phase_text(state: &WorkshopState, locale: Locale) -> String {
    match state.phase {
        Phase::Waiting => tr(locale, "workshop-waiting_for_everyone_to"),
        Phase::Running => tr(locale, "workshop-running"),
        Phase::Paused => tr(locale, "workshop-paused"),
        Phase::Closed => tr(locale, "workshop-has_ended_thank"),
    }
}

/// The live script: a few lines of JavaScript (`public/workshop-live.js`),
/// not wasm, so the rating page's wasm stays small. It follows the event
/// stream and swaps in the server-rendered part, or moves a phone on.
#[component]
fn LiveScript() -> impl IntoView {
    view! { <script src="/workshop-live.js" defer nonce=leptos::nonce::use_nonce()></script> }
}

/// The presenter screen's live part: big type, no controls. Rendered on the
/// server; the live script re-reads it when the workshop changes.
/// The live part of the projector and the facilitator's page; `level` is
/// its title's heading level. Only a short status line is a live region:
/// a screen reader hears what changed, not every bar again.
#[component]
pub fn PresenterLive(initial: Snapshot, locale: Locale, level: u8) -> impl IntoView {
    let s = initial;
    let heading = s.activity.as_ref().map(|a| a.title().to_string()).unwrap_or_else(|| s.title.clone());
    let step = s
        .activity
        .as_ref()
        .map(|_| tr_args(locale, "workshop-activity_of", &[("n", (s.state.current + 1).into()), ("total", s.activities.into())]));
    let counts = format!(
        "{} · {}",
        tr_args(locale, "workshop-participants", &[("n", s.participants.into())]),
        tr_args(locale, "workshop-answered", &[("n", s.answered.into())])
    );
    view! {
        <div class="presenter-live" data-live-presenter=format!("/api/v1/workshops/{}/events", s.id)>
            <p class="presenter-step">{step}" "<span class="badge">{phase_text(&s.state, locale)}</span></p>
            <Heading level=level class="presenter-title">{heading}</Heading>
            <p class="presenter-counts">{counts}</p>
            {match (s.activity.clone(), s.results.clone()) {
                (Some(a), Some(r)) => view! { <ResultsView activity=a results=r locale=locale level=level + 1/> }.into_any(),
                (Some(a), None) => view! {
                    <ul class="presenter-items">{a.items().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                }.into_any(),
                _ => ().into_any(),
            }}
        </div>
        <p class="visually-hidden" role="status" data-live-status></p>
        <LiveScript/>
    }
}

/// A phone's link to the live stream: when the facilitator moves on, the
/// page moves on by itself, unless something has been typed, which is never
/// thrown away: then it offers the new activity instead (the live script
/// fills this in).
#[component]
pub fn ParticipantLive(id: i64, key: String, notice: String, go: String) -> impl IntoView {
    view! {
        <div class="live-notice" role="status" aria-live="polite" data-live-phone=id data-key=key data-notice=notice data-go=go></div>
        <LiveScript/>
    }
}

/// "K7M 3PX" in large type.
#[component]
pub fn JoinCode(code: String) -> impl IntoView {
    view! { <span class="join-code">{spaced(&code)}</span> }
}

/// What a phone's page depends on: it moves on when this changes
/// (`public/workshop-live.js` builds the same key from a snapshot).
pub fn state_key(s: &WorkshopState) -> String {
    format!("{}:{}:{}", s.phase.as_str(), s.current, s.revealed)
}
