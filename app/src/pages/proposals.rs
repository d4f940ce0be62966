//! `/k/{m}/forslag`: published proposals (sortable) and this device's own;
//! `/k/{m}/foreslaa`: the form to propose. Plain forms: no JavaScript needed.

use super::admin::{use_echo, Field, FormProblem};
use super::info::found_or_status;
use super::param;
use super::proposal::StatusBadge;
use crate::codesign::ProposalList;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::domain::proposal::{Moderation, ProposalKind, Sort, REASON_MAX, TEXT_MAX, TITLE_MAX};
use crate::domain::public::{Moderated, PublicProposal};
use crate::i18n::{format_date, tr_args, use_locale, use_t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[server]
pub async fn load_proposals(m: String, sort: String) -> Result<Option<ProposalList>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    let device = super::device_hash();
    super::codesign_result(crate::codesign::proposal_list(&state.store, &m, Sort::parse(&sort), device.as_deref()).await)
}

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let m = param("m");
    let query = use_query_map();
    let sort = move || query.read().get("sort").unwrap_or_default();
    let data = Resource::new(move || (m(), sort()), |(m, s)| load_proposals(m, s));
    let t = use_t();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let current = Sort::parse(&sort());
                found_or_status(data.await, |list| {
                    let m = list.municipality.slug.clone();
                    view! {
                        <PageTitle text=format!("{} – {}", t("proposals-title"), list.municipality.name)/>
                        <PageFrame a11y_url=super::statement::statement_path(&list.municipality) home=format!("/k/{m}")>
                            <p class="eyebrow">{list.municipality.name.clone()}</p>
                            <h1>{t("proposals-title")}</h1>
                            <p class="lead">{t("proposals-intro")}</p>
                            <p><a class="button primary" href=format!("/k/{m}/foreslaa")>{t("proposals-new")}</a></p>
                            <p class="more">
                                <a href=format!("/k/{m}/resultater")>{t("results-link")}</a>" · "
                                <a href=format!("/k/{m}/principper")>{t("principles-link")}</a>" · "
                                <a href="/kvittering">{t("receipt-find")}</a>
                            </p>
                            {(!list.mine.is_empty()).then(|| view! {
                                <section aria-labelledby="mine-title">
                                    <h2 id="mine-title">{t("proposals-mine")}</h2>
                                    <p class="hint">{t("proposals-mine_hint")}</p>
                                    <ul class="cards">
                                        {list.mine.clone().into_iter().map(|o| view! { <Card m=m.clone() p=o.proposal mine=Some(o.moderated)/> }).collect_view()}
                                    </ul>
                                </section>
                            })}
                            <h2>{t("proposals-all")}</h2>
                            <nav class="sort" aria-label=t("proposals-sort")>
                                {Sort::ALL.into_iter().map(|s| {
                                    let href = format!("/k/{m}/forslag?sort={}", s.code());
                                    view! { <a href=href aria-current=(s == current).then_some("page")>{t(&format!("sort-{}", s.code()))}</a> }
                                }).collect_view()}
                            </nav>
                            {list.proposals.is_empty().then(|| view! { <p>{t("proposals-none")}</p> })}
                            <ul class="cards">
                                {list.proposals.into_iter().map(|p| view! { <Card m=m.clone() p=p mine=None/> }).collect_view()}
                            </ul>
                        </PageFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// `mine`: this device's own proposal, with how its moderation went.
#[component]
fn Card(m: String, p: PublicProposal, mine: Option<Moderated>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let public = mine.as_ref().is_none_or(|o| o.moderation == Moderation::Approved);
    let href = format!("/k/{m}/forslag/{}", p.id);
    let waiting = mine.and_then(|o| match o.moderation {
        Moderation::Pending => Some(t("moderation-pending_mine")),
        Moderation::Rejected => Some(format!("{} {}", t("moderation-rejected_mine"), o.rejection_reason.unwrap_or_default())),
        Moderation::Approved => None,
    });
    let counts = [
        tr_args(locale, "stance-for_count", &[("n", p.support_for.into())]),
        tr_args(locale, "stance-against_count", &[("n", p.support_against.into())]),
        tr_args(locale, "comments-count", &[("n", p.comments.into())]),
    ]
    .join(" · ");
    view! {
        <li class="card">
            <h3>{if public { view! { <a href=href>{p.title.clone()}</a> }.into_any() } else { view! { <span>{p.title.clone()}</span> }.into_any() }}</h3>
            <p class="meta">
                <span class="badge">{t(&format!("kind-{}", p.kind.as_str()))}</span>" "
                <StatusBadge status=p.status/>" · "{format_date(locale, p.created_at)}
            </p>
            {waiting.map(|w| view! { <p class="hint">{w}</p> })}
            {public.then(|| view! { <p class="hint">{counts}</p> })}
        </li>
    }
}

#[component]
pub fn ProposePage() -> impl IntoView {
    let m = param("m");
    let data = Resource::new(m, |m| load_proposals(m, String::new()));
    let t = use_t();
    let locale = use_locale();
    let query = use_query_map();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let echo = use_echo();
                let picked = |name: &str| echo.value("proposal", name).or_else(|| query.read().get(name));
                let kind = picked("kind").unwrap_or_default();
                let principle = picked("principle_id").unwrap_or_default();
                let service = picked("service").unwrap_or_default();
                let error = |name: &str| echo.error("proposal", name);
                found_or_status(data.await, |list| {
                    let m = list.municipality.slug.clone();
                    let (kind_err, principle_err, service_err) = (error("kind"), error("principle_id"), error("service"));
                    view! {
                        <PageTitle text=format!("{} – {}", t("propose-title"), list.municipality.name)/>
                        <PageFrame a11y_url=super::statement::statement_path(&list.municipality) home=format!("/k/{m}") keep_form="proposal-form">
                            <p class="eyebrow"><a href=format!("/k/{m}/forslag")>{t("proposals-title")}</a></p>
                            <h1>{t("propose-title")}</h1>
                            <p class="lead">{t("propose-intro")}</p>
                            <form method="post" action=format!("/k/{m}/foreslaa") class="proposal-form" id="proposal-form" novalidate>
                                <FormProblem form="proposal"/>
                                <fieldset class="field" aria-describedby=kind_err.as_ref().map(|_| "proposal-kind-error")>
                                    <legend>{t("propose-kind")}</legend>
                                    {kind_err.clone().map(|e| view! { <p class="field-error" id="proposal-kind-error">{e}</p> })}
                                    {ProposalKind::ALL.iter().map(|k| {
                                        let id = format!("proposal-kind-{}", k.as_str());
                                        view! {
                                            <div class="kind-choice">
                                                <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=kind == k.as_str() required=true/>
                                                <label for=id>{t(&format!("kind-{}", k.as_str()))}<span class="hint">" – "{t(&format!("kind_hint-{}", k.as_str()))}</span></label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <div class="field">
                                    <label for="proposal-principle_id">{t("propose-principle")}</label>
                                    <p class="hint" id="proposal-principle_id-hint">{t("propose-principle_hint")}</p>
                                    {principle_err.clone().map(|e| view! { <p class="field-error" id="proposal-principle_id-error">{e}</p> })}
                                    <select id="proposal-principle_id" name="principle_id" aria-invalid=principle_err.as_ref().map(|_| "true")
                                        aria-describedby=if principle_err.is_some() { "proposal-principle_id-hint proposal-principle_id-error" } else { "proposal-principle_id-hint" }>
                                        <option value="">{t("propose-no_principle")}</option>
                                        {list.principles.iter().map(|p| view! {
                                            <option value=p.id.to_string() selected=principle == p.id.to_string()>{p.title(locale).to_string()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="proposal-service">{t("propose-service")}</label>
                                    {service_err.clone().map(|e| view! { <p class="field-error" id="proposal-service-error">{e}</p> })}
                                    <select id="proposal-service" name="service" aria-invalid=service_err.as_ref().map(|_| "true")
                                        aria-describedby=service_err.as_ref().map(|_| "proposal-service-error")>
                                        <option value="">{t("propose-no_service")}</option>
                                        {list.services.iter().map(|s| view! {
                                            <option value=s.slug.clone() selected=service == s.slug>{s.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <Field form="proposal" name="title" label=t("propose-title_label") required=true
                                    hint=tr_args(locale, "propose-max", &[("max", TITLE_MAX.into())])/>
                                <Field form="proposal" name="text" label=t("propose-text_label") required=true multiline=true
                                    hint=format!("{} {}", tr_args(locale, "propose-max", &[("max", TEXT_MAX.into())]), t("propose-no_names"))/>
                                <Field form="proposal" name="reason" label=format!("{} ({})", t("propose-reason_label"), t("propose-optional")) multiline=true
                                    hint=tr_args(locale, "propose-max", &[("max", REASON_MAX.into())])/>
                                <p class="hint">{t("propose-what_happens")}</p>
                                <button type="submit" class="button primary">{t("propose-send")}</button>
                            </form>
                        </PageFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
