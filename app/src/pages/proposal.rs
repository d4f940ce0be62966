//! `/k/{m}/forslag/{id}`: one published proposal, its history and official
//! answer, support for or against, and comments. Also the pieces the receipt
//! page shares.

use super::admin::{Field, FormProblem};
use super::info::found_or_status;
use super::param;
use crate::codesign::ProposalView;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::domain::proposal::{ProposalEvent, Stance, Status, COMMENT_MAX};
use crate::domain::public::{PublicCount, PublicProposal};
use crate::i18n::{format_date, tr_args, use_locale, use_t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[server]
pub async fn load_proposal(m: String, id: String) -> Result<Option<ProposalView>, ServerFnError> {
    let Ok(id) = id.parse::<i64>() else { return Ok(None) };
    let state = expect_context::<crate::state::AppState>();
    let device = super::device_hash();
    super::codesign_result(crate::codesign::proposal_view(&state.store, &m, id, device.as_deref()).await)
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let (m, id) = (param("m"), param("id"));
    let data = Resource::new(move || (m(), id()), |(m, id)| load_proposal(m, id));
    let t = use_t();
    let query = use_query_map();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let ok = query.read().get("ok");
                let help = query.read().get("hjaelp").is_some();
                found_or_status(data.await, |v| {
                    let page = format!("/k/{}/forslag/{}", v.municipality.slug, v.proposal.id);
                    view! {
                        <PageTitle text=format!("{} – {}", v.proposal.title, v.municipality.name)/>
                        <PageFrame a11y_url=super::statement::statement_path(&v.municipality) home=format!("/k/{}", v.municipality.slug)>
                            <p class="eyebrow"><a href=format!("/k/{}/forslag", v.municipality.slug)>{t("proposals-title")}</a></p>
                            {ok.map(|code| view! { <p class="notice" role="status">{t(&format!("proposal-ok-{}", code_key(&code)))}</p> })}
                            {help.then(|| view! { <HelpNow/> })}
                            <ProposalDetail view=v.clone()/>
                            <StanceForm action=format!("{page}/holdning") proposal=v.proposal.clone() mine=v.my_stance/>
                            <Comments view=v.clone() action=format!("{page}/kommentarer")/>
                        </PageFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// Only the confirmation codes we send, so the query cannot pick any text.
fn code_key(code: &str) -> &'static str {
    match code {
        "stance" => "stance",
        "comment" => "comment",
        _ => "comment_held",
    }
}

/// Title, texts, what it is about, status and history.
#[component]
pub fn ProposalDetail(view: ProposalView) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let p = view.proposal.clone();
    let about_principle = view.principle.as_ref().map(|pr| pr.title(locale).to_string());
    view! {
        <article class="proposal">
            <h1>{p.title.clone()}</h1>
            <p class="meta">
                <span class="badge">{t(&format!("kind-{}", p.kind.as_str()))}</span>" "
                <StatusBadge status=p.status/>
                " · "{format!("{} {}", t("proposal-sent"), format_date(locale, p.created_at))}
            </p>
            {about_principle.map(|title| view! { <p class="about">{t("proposal-about_principle")}": "<strong>{title}</strong></p> })}
            {view.service.as_ref().map(|s| view! { <p class="about">{t("proposal-about_service")}": "<strong>{s.name.clone()}</strong></p> })}
            <p class="proposal-text">{p.text.clone()}</p>
            {p.reason.clone().map(|r| view! { <h2 class="h3">{t("proposal-why")}</h2><p class="proposal-text">{r}</p> })}
            {p.answer.clone().filter(|_| p.status.is_answer()).map(|a| view! {
                <section class="answer" aria-labelledby="answer-title">
                    <h2 id="answer-title">{t("proposal-answer")}</h2>
                    <p class="proposal-text">{a}</p>
                </section>
            })}
            <History events=view.events.clone()/>
        </article>
    }
}

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let t = use_t();
    let class = format!("badge status-{}", status.as_str());
    view! { <span class=class>{t(&status.key())}</span> }
}

#[component]
fn History(events: Vec<ProposalEvent>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <h2 class="h3">{t("proposal-history")}</h2>
        <ol class="timeline">
            {events.into_iter().map(|e| {
                let what = t(&format!("event-{}-{}", e.kind, e.value));
                let who = t(&format!("role_name-{}", e.role));
                view! {
                    <li>
                        <strong>{format_date(locale, e.at)}</strong>": "{what}
                        <span class="hint">" ("{who}")"</span>
                        {e.reason.map(|r| view! { <p class="event-reason">{r}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// Where to get help now: shown at once when a text looks like self-harm or
/// suicide language.
#[component]
pub fn HelpNow() -> impl IntoView {
    let t = use_t();
    view! {
        <section class="help-now" role="alert" aria-labelledby="help-now-title">
            <h2 id="help-now-title">{t("help-title")}</h2>
            <p>{t("help-intro")}</p>
            <ul>
                <li><a href="tel:116111"><strong>"Børnetelefonen 116 111"</strong></a>" – "{t("help-bt")}</li>
                <li><a href="tel:70201201"><strong>"Livslinien 70 201 201"</strong></a>" – "{t("help-livslinien")}</li>
                <li><a href="tel:112"><strong>"112"</strong></a>" – "{t("help-emergency")}</li>
            </ul>
        </section>
    }
}

#[component]
fn StanceForm(action: String, proposal: PublicProposal, mine: Option<Stance>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let label = |s: Stance, n: PublicCount| format!("{} ({})", t(&format!("stance-{}", s.as_str())), n.label(locale));
    view! {
        <section class="stance" aria-labelledby="stance-title">
            <h2 id="stance-title" class="h3">{t("stance-title")}</h2>
            {mine.map(|s| view! { <p role="status">{t(&format!("stance-mine-{}", s.as_str()))}</p> })}
            <FormProblem form="stance"/>
            <form method="post" action=action class="stance-buttons">
                <button type="submit" name="stance" value="for" class="button" aria-pressed=(mine == Some(Stance::For)).to_string()>
                    {label(Stance::For, proposal.support_for)}
                </button>
                <button type="submit" name="stance" value="against" class="button" aria-pressed=(mine == Some(Stance::Against)).to_string()>
                    {label(Stance::Against, proposal.support_against)}
                </button>
                {mine.is_some().then(|| view! { <button type="submit" name="stance" value="none" class="button link">{t("stance-withdraw")}</button> })}
            </form>
        </section>
    }
}

#[component]
fn Comments(view: ProposalView, action: String) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title" class="h3">{format!("{} ({})", t("comments-title"), view.proposal.comments.label(locale))}</h2>
            {view.comments.is_empty().then(|| view! { <p>{t("comments-none")}</p> })}
            <ul class="comment-list">
                {view.comments.into_iter().map(|c| view! {
                    <li><p class="proposal-text">{c.text}</p><p class="hint">{format_date(locale, c.created_at)}</p></li>
                }).collect_view()}
            </ul>
            <form method="post" action=action class="comment-form" novalidate>
                <FormProblem form="comment"/>
                <Field form="comment" name="text" label=t("comments-write") multiline=true required=true
                    hint=tr_args(locale, "comments-hint", &[("max", COMMENT_MAX.into())])/>
                <button type="submit" class="button primary">{t("comments-send")}</button>
            </form>
        </section>
    }
}
