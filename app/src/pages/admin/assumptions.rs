//! `/admin/{m}/antagelser` (managers): assumption checks. Write down what
//! leadership assumes and a yes/no question for young people; rating pages
//! ask it (one extra question at most) until you record a verdict here.

use super::{use_echo, AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::domain::governance::assumption::{AssumptionView, Evidence, Supports, Verdict, QUESTION_MAX, STATEMENT_MAX};
use crate::domain::staff::Role;
use crate::domain::{Locale, Municipality};
use crate::i18n::{tr, tr_args, use_locale};
use crate::pages::info::found_or_status;
use crate::pages::param;
use leptos::prelude::*;

#[server]
pub async fn admin_assumptions(m: String) -> Result<Option<(Municipality, Vec<Role>, Vec<AssumptionView>)>, ServerFnError> {
    super::admin_data(&m, Role::Manager, |state, id| async move { crate::governance::assumption_views(&state.store, id).await }).await
}

fn percent(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// The evidence in words: share for, the 95 % interval and n, or why not.
pub fn evidence_text(e: &Evidence, locale: Locale) -> String {
    match (e.decided, e.share_for, e.interval) {
        (None, _, _) => tr(locale, "assumptions-too_few_answers_yet").to_string(),
        (Some(n), Some(share), Some((lo, hi))) => format!(
            "{} {} ({} {}–{}), n = {n}",
            percent(share),
            tr(locale, "assumptions-of_answers_speak_for"),
            tr(locale, "assumptions-95_interval"),
            percent(lo),
            percent(hi),
        ),
        (Some(n), _, _) => format!("n = {n}. {}", tr(locale, "assumptions-split_is_not_shown")),
    }
}

pub fn leaning_text(v: &AssumptionView, locale: Locale) -> Option<String> {
    v.leaning.map(|l| {
        let what = match l {
            Verdict::Holds => tr(locale, "assumptions-answers_support_assumption"),
            Verdict::DoesNotHold => tr(locale, "assumptions-answers_speak_against_assumption"),
            Verdict::Unclear => tr(locale, "assumptions-answers_do_not_clearly"),
        };
        what.to_string()
    })
}

#[component]
pub fn AssumptionsPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(param("m"), admin_assumptions);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, list)| {
                    let action = format!("/admin/{}/antagelser", mun.slug);
                    let title = tr(locale, "assumptions-name");
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{title} – {}", mun.name)/>
                            <h1>{title}</h1>
                            <p>{tr(locale, "assumptions-quality_criterion_12_test")}</p>
                            <Notice/>
                            {list.is_empty().then(|| view! { <p>{tr(locale, "assumptions-no_assumptions_yet")}</p> })}
                            <ul class="admin-list assumptions">
                                {list.into_iter().map(|v| view! { <li><AssumptionItem v=v action=action.clone()/></li> }).collect_view()}
                            </ul>
                            <h2>{tr(locale, "assumptions-new_assumption")}</h2>
                            <NewAssumption action=action/>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn AssumptionItem(v: AssumptionView, action: String) -> impl IntoView {
    let locale = use_locale();
    let a = v.assumption.clone();
    let status = match a.verdict {
        None => tr(locale, "assumptions-being_asked").to_string(),
        Some(verdict) => verdict.label(locale).to_string(),
    };
    let supports = match a.supports {
        Supports::Yes => tr(locale, "assumptions-yes_speaks_for_assumption"),
        Supports::No => tr(locale, "assumptions-no_speaks_for_assumption"),
    };
    view! {
        <article class="assumption" aria-labelledby=format!("assumption-{}", a.id)>
            <h3 id=format!("assumption-{}", a.id)>{a.statement.clone()}</h3>
            <p><span class="badge">{status}</span></p>
            <p>{tr(locale, "assumptions-question_for_young_people")}<q>{locale.pick(&a.question_da, &a.question_en).to_string()}</q>" "{supports}"."</p>
            <p class="evidence">{evidence_text(&v.evidence, locale)}</p>
            {leaning_text(&v, locale).map(|l| view! { <p>{l}</p> })}
            {a.verdict_note.clone().map(|note| view! { <p><strong>{tr(locale, "assumptions-verdict")}</strong>{note}</p> })}
            {a.open().then(|| view! { <VerdictForm id=a.id action=action/> })}
            // A second verdict (409): say why nothing changed.
            {(!a.open()).then(|| use_echo().error(&format!("verdict:{}", a.id), "verdict")).flatten().map(|e| view! { <p class="problem" role="alert">{e}</p> })}
        </article>
    }
}

#[component]
fn VerdictForm(id: i64, action: String) -> impl IntoView {
    let locale = use_locale();
    let echo = use_echo();
    let row = id.to_string();
    let form_id = format!("verdict:{id}");
    let chosen = echo.value(&form_id, "verdict");
    let error = echo.error(&form_id, "verdict");
    let group = format!("verdict-{id}");
    view! {
        <details open=echo.form == form_id>
            <summary>{tr(locale, "assumptions-record_verdict")}</summary>
            <form method="post" action=action class="admin-form">
                <FormProblem form="verdict" row=row.clone()/>
                <input type="hidden" name="action" value="verdict"/>
                <input type="hidden" name="assumption_id" value=row.clone()/>
                <fieldset aria-describedby=error.as_ref().map(|_| format!("{group}-error"))>
                    <legend>{tr(locale, "assumptions-what_do_answers_show")}</legend>
                    {error.clone().map(|e| view! { <p class="field-error" id=format!("{group}-error")>{e}</p> })}
                    {Verdict::ALL.into_iter().map(|v| {
                        let id = format!("{group}-{}", v.as_str());
                        view! {
                            <div class="field check">
                                <input type="radio" id=id.clone() name="verdict" value=v.as_str() checked=chosen.as_deref() == Some(v.as_str())/>
                                <label for=id>{v.label(locale)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <Field form="verdict" row=row name="note" multiline=true required=true
                    label=tr(locale, "assumptions-reason_and_what_you").to_string()/>
                <button type="submit" class="button primary">{tr(locale, "assumptions-save_verdict")}</button>
            </form>
        </details>
    }
}

#[component]
fn NewAssumption(action: String) -> impl IntoView {
    let locale = use_locale();
    let echo = use_echo();
    let chosen = echo.value("assumption", "supports").unwrap_or_else(|| "nej".into());
    let error = echo.error("assumption", "supports");
    view! {
        <form method="post" action=action class="admin-form">
            <FormProblem form="assumption"/>
            <input type="hidden" name="action" value="add"/>
            <Field form="assumption" name="statement" required=true
                label=tr(locale, "assumptions-assumption").to_string()
                hint=tr_args(locale, "assumptions-statement_hint", &[("max", STATEMENT_MAX.into())])/>
            <Field form="assumption" name="question_da" required=true
                label=tr(locale, "assumptions-question_for_young_people_2").to_string()
                hint=tr_args(locale, "assumptions-question_hint", &[("max", QUESTION_MAX.into())])/>
            <Field form="assumption" name="question_en"
                label=tr(locale, "assumptions-question_in_english_optional").to_string()/>
            <fieldset aria-describedby=error.as_ref().map(|_| "supports-error")>
                <legend>{tr(locale, "assumptions-which_answer_speaks_for")}</legend>
                {error.clone().map(|e| view! { <p class="field-error" id="supports-error">{e}</p> })}
                {[("ja", tr(locale, "assumptions-yes")), ("nej", tr(locale, "assumptions-no"))].into_iter().map(|(value, label)| {
                    let id = format!("supports-{value}");
                    view! {
                        <div class="field check">
                            <input type="radio" id=id.clone() name="supports" value=value checked=chosen == value/>
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button primary">{tr(locale, "assumptions-start_asking")}</button>
        </form>
    }
}
