//! `/admin/{m}/moderation` (moderators): held texts, urgent first.
//! `/admin/{m}/forslag` (managers): proposals, overdue ones flagged, and the
//! official answer (which can change a principle).

use super::{use_echo, AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::domain::principle::Principle;
use crate::domain::proposal::{Moderation, Proposal, ProposalKind, Status};
use crate::domain::queue::QueueItem;
use crate::domain::staff::Role;
use crate::domain::Municipality;
use crate::i18n::{format_date, format_date_time, tr_args, use_locale, use_t};
use crate::pages::info::found_or_status;
use crate::pages::param;
use leptos::prelude::*;

#[server]
pub async fn admin_queue(m: String) -> Result<Option<(Municipality, Vec<Role>, Vec<QueueItem>)>, ServerFnError> {
    super::admin_data(&m, Role::Moderator, |state, id| async move { crate::codesign::moderation_queue(&state.store, id).await }).await
}

/// Proposals, active principles, and "now" (for the overdue flag).
type ManagerData = (Vec<Proposal>, Vec<Principle>, i64);

#[server]
pub async fn admin_proposals(m: String) -> Result<Option<(Municipality, Vec<Role>, ManagerData)>, ServerFnError> {
    super::admin_data(&m, Role::Manager, |state, id| async move {
        let (proposals, principles) = crate::codesign::proposals_to_answer(&state.store, id).await?;
        Ok((proposals, principles, crate::domain::policy::now()))
    })
    .await
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let data = Resource::new(param("m"), admin_queue);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, queue)| {
                    let action = format!("/admin/{}/moderation", mun.slug);
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{} – {}", t("admin-area-moderation"), mun.name)/>
                            <h1>{t("admin-area-moderation")}</h1>
                            <p>{t("moderation-intro")}</p>
                            <Notice/>
                            {queue.is_empty().then(|| view! { <p role="status">{t("moderation-empty")}</p> })}
                            <ul class="admin-list">
                                {queue.into_iter().map(|item| {
                                    let row = format!("{}-{}", item.target.as_str(), item.id);
                                    let reasons = item.held_for.split(',').filter(|r| !r.is_empty())
                                        .map(|r| t(&format!("held-{r}"))).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <li class=if item.urgent { "queue-item urgent" } else { "queue-item" }>
                                            {item.urgent.then(|| view! { <UrgentGuide/> })}
                                            <p class="meta">
                                                {t(&format!("target-{}", item.target.as_str()))}": "<strong>{item.about.clone()}</strong>
                                                " · "{t("moderation-arrived")}" "<time>{format_date_time(locale, item.created_at)}</time>
                                            </p>
                                            <p class="proposal-text">{item.text.clone()}</p>
                                            <p class="hint">{t("moderation-held_for")}": "{reasons}</p>
                                            <form method="post" action=action.clone() class="admin-form">
                                                <FormProblem form="moderate" row=row.clone()/>
                                                <input type="hidden" name="target" value=item.target.as_str()/>
                                                <input type="hidden" name="id" value=item.id.to_string()/>
                                                <Field form="moderate" row=row.clone() name="reason" label=t("moderation-reason") multiline=true
                                                    hint=t("moderation-reason_hint")/>
                                                // A text that may be about self-harm is kept hidden by
                                                // default: showing it is the second, deliberate choice.
                                                <div class="button-row">
                                                    {if item.urgent {
                                                        view! {
                                                            <button type="submit" name="decision" value="reject" class="button primary">{t("moderation-keep_hidden")}</button>
                                                            <button type="submit" name="decision" value="approve" class="button">{t("moderation-approve_anyway")}</button>
                                                        }.into_any()
                                                    } else {
                                                        view! {
                                                            <button type="submit" name="decision" value="approve" class="button primary">{t("moderation-approve")}</button>
                                                            <button type="submit" name="decision" value="reject" class="button">{t("moderation-reject")}</button>
                                                        }.into_any()
                                                    }}
                                                </div>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// What a moderator does with a text that may be about self-harm or suicide.
#[component]
fn UrgentGuide() -> impl IntoView {
    let t = use_t();
    view! {
        <div class="urgent-guide">
            <p class="badge urgent-badge">{t("moderation-urgent")}</p>
            <p><strong>{t("moderation-urgent_what_to_do")}</strong></p>
            <ol>
                <li>{t("moderation-urgent_danger")}" "<a href="tel:112">"112"</a></li>
                <li>{t("moderation-urgent_advice")}" "<a href="tel:70201201">"Livslinien 70 201 201"</a></li>
                <li>{t("moderation-urgent_procedure")}</li>
                <li>{t("moderation-urgent_keep_hidden")}</li>
            </ol>
        </div>
    }
}

#[component]
pub fn ProposalsAdminPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let data = Resource::new(param("m"), admin_proposals);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, (mut proposals, principles, now))| {
                    let action = format!("/admin/{}/forslag", mun.slug);
                    let days = mun.response_days;
                    // Overdue first, then oldest unanswered, then the rest.
                    proposals.sort_by_key(|p| (!p.is_overdue(days, now), p.status.is_answer(), p.created_at));
                    let overdue = proposals.iter().filter(|p| p.is_overdue(days, now)).count();
                    let open_forms: Vec<String> =
                        proposals.iter().filter(|p| !p.status.is_answer() && p.is_public()).map(|p| format!("answer:{}", p.id)).collect();
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{} – {}", t("admin-area-forslag"), mun.name)/>
                            <h1>{t("admin-area-forslag")}</h1>
                            <p>{tr_args(locale, "manage-intro", &[("days", days.into())])}</p>
                            <Notice/>
                            // A refusal whose form is gone (someone answered first) is said here.
                            {use_echo().message.filter(|_| use_echo().form.starts_with("answer:") && !open_forms.contains(&use_echo().form))
                                .map(|m| view! { <p class="problem" role="alert">{m}</p> })}
                            {(overdue > 0).then(|| view! { <p class="problem" role="status">{tr_args(locale, "manage-overdue_count", &[("n", overdue.into())])}</p> })}
                            {proposals.is_empty().then(|| view! { <p>{t("proposals-none")}</p> })}
                            <ul class="admin-list">
                                {proposals.into_iter().map(|p| {
                                    let open = use_echo().form == format!("answer:{}", p.id);
                                    let late = p.is_overdue(days, now);
                                    let principle = p.principle_id.and_then(|id| principles.iter().find(|x| x.id == id).cloned());
                                    view! {
                                        <li>
                                            <details open=open>
                                                <summary>
                                                    <strong>{p.title.clone()}</strong>" · "{t(&p.status.key())}
                                                    {late.then(|| view! { " · "<span class="badge urgent-badge">{t("manage-overdue")}</span> })}
                                                    {(p.moderation != Moderation::Approved).then(|| view! { " · "<span class="badge">{t(&p.moderation.key())}</span> })}
                                                </summary>
                                                <p class="meta">{t(&format!("kind-{}", p.kind.as_str()))}" · "{format_date(locale, p.created_at)}
                                                    " · "{tr_args(locale, "stance-for_count", &[("n", p.support_for.into())])}" / "{tr_args(locale, "stance-against_count", &[("n", p.support_against.into())])}</p>
                                                {principle.as_ref().map(|pr| view! { <p>{t("proposal-about_principle")}": "<strong>{pr.title(locale).to_string()}</strong></p> })}
                                                <p class="proposal-text">{p.text.clone()}</p>
                                                {p.reason.clone().map(|r| view! { <p class="proposal-text hint">{r}</p> })}
                                                {p.answer.clone().map(|a| view! { <p><strong>{t("proposal-answer")}": "</strong>{a}</p> })}
                                                {match (p.status.is_answer(), p.is_public()) {
                                                    (false, true) => Some(view! { <AnswerForm action=action.clone() proposal=p.clone() principle=principle.clone()/> }.into_any()),
                                                    (false, false) => Some(view! { <p class="hint">{t("manage-wait_for_moderation")}</p> }.into_any()),
                                                    (true, _) => None,
                                                }}
                                            </details>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn AnswerForm(action: String, proposal: Proposal, principle: Option<Principle>) -> impl IntoView {
    let t = use_t();
    let echo = use_echo();
    let row = proposal.id.to_string();
    let form_id = format!("answer:{row}");
    let chosen = echo.value(&form_id, "status").unwrap_or_default();
    let status_err = echo.error(&form_id, "status");
    let select_id = format!("answer-{row}-status");
    let err_id = format!("{select_id}-error");
    let current = principle.as_ref().and_then(|p| p.current().cloned());
    let pick = |f: fn(&crate::domain::principle::PrincipleVersion) -> &String, fallback: &str| {
        current.as_ref().map(|v| f(v).clone()).unwrap_or_else(|| fallback.to_string())
    };
    let edits_text = matches!(proposal.kind, ProposalKind::Add | ProposalKind::Change);
    let (title_da, text_da) = if proposal.kind == ProposalKind::Add {
        (proposal.title.clone(), proposal.text.clone())
    } else {
        (pick(|v| &v.title_da, ""), pick(|v| &v.text_da, ""))
    };
    let (title_en, text_en) = (pick(|v| &v.title_en, ""), pick(|v| &v.text_en, ""));
    view! {
        <form method="post" action=action class="admin-form">
            <FormProblem form="answer" row=row.clone()/>
            <input type="hidden" name="proposal_id" value=row.clone()/>
            <input type="hidden" name="form" value="answer"/>
            <div class="field">
                <label for=select_id.clone()>{t("manage-status")}</label>
                {status_err.clone().map(|e| view! { <p class="field-error" id=err_id.clone()>{e}</p> })}
                <select id=select_id name="status" aria-invalid=status_err.as_ref().map(|_| "true") aria-describedby=status_err.as_ref().map(|_| err_id.clone())>
                    {Status::ALL.iter().filter(|s| proposal.status.can_move_to(**s)).map(|s| view! {
                        <option value=s.as_str() selected=chosen == s.as_str()>{t(&s.key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field form="answer" row=row.clone() name="reason" label=t("manage-reason") multiline=true hint=t("manage-reason_hint")/>
            {edits_text.then(|| view! {
                <fieldset class="field">
                    <legend>{t("manage-principle_text")}</legend>
                    <p class="hint">{t("manage-principle_hint")}</p>
                    <Field form="answer" row=row.clone() name="title_da" label=t("principles_admin-title_da") value=title_da/>
                    <Field form="answer" row=row.clone() name="text_da" label=t("principles_admin-text_da") value=text_da multiline=true/>
                    <Field form="answer" row=row.clone() name="title_en" label=t("principles_admin-title_en") value=title_en/>
                    <Field form="answer" row=row.clone() name="text_en" label=t("principles_admin-text_en") value=text_en multiline=true/>
                    <div class="field check">
                        <input type="checkbox" id=format!("answer-{row}-apply_text") name="apply_text"
                            checked=echo.value(&form_id, "apply_text").is_some()/>
                        <label for=format!("answer-{row}-apply_text")>{t("manage-apply_text")}</label>
                    </div>
                </fieldset>
            })}
            <button type="submit" class="button primary">{t("manage-save")}</button>
        </form>
    }
}
