//! `/admin/{m}/antagelser` (managers): assumption checks. Write down what
//! leadership assumes and a yes/no question for young people; rating pages
//! ask it (one extra question at most) until you record a verdict here.

use super::{use_echo, AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::domain::governance::assumption::{AssumptionView, Evidence, Supports, Verdict, QUESTION_MAX, STATEMENT_MAX};
use crate::domain::staff::Role;
use crate::domain::{Locale, Municipality};
use crate::i18n::use_locale;
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
        (None, _, _) => locale.pick("For få svar endnu (under 5).", "Too few answers yet (under 5).").to_string(),
        (Some(n), Some(share), Some((lo, hi))) => format!(
            "{} {} ({} {}–{}), n = {n}",
            percent(share),
            locale.pick("af svarene taler for antagelsen", "of the answers speak for the assumption"),
            locale.pick("95 %-interval", "95 % interval"),
            percent(lo),
            percent(hi),
        ),
        (Some(n), _, _) => format!(
            "n = {n}. {}",
            locale.pick(
                "Fordelingen vises ikke endnu, fordi færre end 5 har svaret den ene vej.",
                "The split is not shown yet, because fewer than 5 answered one way."
            )
        ),
    }
}

pub fn leaning_text(v: &AssumptionView, locale: Locale) -> Option<String> {
    v.leaning.map(|l| {
        let what = match l {
            Verdict::Holds => locale.pick("Svarene støtter antagelsen.", "The answers support the assumption."),
            Verdict::DoesNotHold => locale.pick("Svarene taler imod antagelsen.", "The answers speak against the assumption."),
            Verdict::Unclear => locale.pick("Svarene peger ikke klart nogen vej.", "The answers do not clearly point either way."),
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
                    let title = locale.pick("Antagelser", "Assumptions");
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{title} – {}", mun.name)/>
                            <h1>{title}</h1>
                            <p>{locale.pick(
                                "Kvalitetskriterium 12: afprøv jeres antagelser om de unge. Skriv antagelsen og et ja/nej-spørgsmål. Spørgsmålet kommer med på bedømmelsessiderne som ét frivilligt ekstra spørgsmål (de åbne antagelser skiftes til), indtil I skriver en afgørelse.",
                                "Quality criterion 12: test your assumptions about young people. Write the assumption and a yes/no question. The question joins the rating pages as one optional extra question (open assumptions take turns) until you record a verdict.")}</p>
                            <Notice/>
                            {list.is_empty().then(|| view! { <p>{locale.pick("Ingen antagelser endnu.", "No assumptions yet.")}</p> })}
                            <ul class="admin-list assumptions">
                                {list.into_iter().map(|v| view! { <li><AssumptionItem v=v action=action.clone()/></li> }).collect_view()}
                            </ul>
                            <h2>{locale.pick("Ny antagelse", "New assumption")}</h2>
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
        None => locale.pick("Spørges nu", "Being asked").to_string(),
        Some(verdict) => verdict.label(locale).to_string(),
    };
    let supports = match a.supports {
        Supports::Yes => locale.pick("\u{201c}Ja\u{201d} taler for antagelsen", "\u{201c}Yes\u{201d} speaks for the assumption"),
        Supports::No => locale.pick("\u{201c}Nej\u{201d} taler for antagelsen", "\u{201c}No\u{201d} speaks for the assumption"),
    };
    view! {
        <article class="assumption" aria-labelledby=format!("assumption-{}", a.id)>
            <h3 id=format!("assumption-{}", a.id)>{a.statement.clone()}</h3>
            <p><span class="badge">{status}</span></p>
            <p>{locale.pick("Spørgsmål til de unge: ", "Question for young people: ")}<q>{locale.pick(&a.question_da, &a.question_en).to_string()}</q>" "{supports}"."</p>
            <p class="evidence">{evidence_text(&v.evidence, locale)}</p>
            {leaning_text(&v, locale).map(|l| view! { <p>{l}</p> })}
            {a.verdict_note.clone().map(|note| view! { <p><strong>{locale.pick("Afgørelse: ", "Verdict: ")}</strong>{note}</p> })}
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
            <summary>{locale.pick("Skriv afgørelse", "Record a verdict")}</summary>
            <form method="post" action=action class="admin-form">
                <FormProblem form="verdict" row=row.clone()/>
                <input type="hidden" name="action" value="verdict"/>
                <input type="hidden" name="assumption_id" value=row.clone()/>
                <fieldset aria-describedby=error.as_ref().map(|_| format!("{group}-error"))>
                    <legend>{locale.pick("Hvad viser svarene?", "What do the answers show?")}</legend>
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
                    label=locale.pick("Begrundelse og hvad I gør nu", "Reason and what you will do now").to_string()/>
                <button type="submit" class="button primary">{locale.pick("Gem afgørelse", "Save verdict")}</button>
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
                label=locale.pick("Antagelsen", "The assumption").to_string()
                hint=format!("{} {STATEMENT_MAX} {}", locale.pick("Fx \u{201c}Virtuel vejledning er ikke noget for vores unge\u{201d}. Højst", "E.g. \u{201c}Online guidance is not for our young people\u{201d}. At most"), locale.pick("tegn.", "characters."))/>
            <Field form="assumption" name="question_da" required=true
                label=locale.pick("Spørgsmål til de unge (dansk, ja/nej)", "Question for young people (Danish, yes/no)").to_string()
                hint=format!("{} {QUESTION_MAX} {}", locale.pick("Fx \u{201c}Vil du gerne have vejledning over video?\u{201d} Kort og enkelt. Højst", "E.g. \u{201c}Would you like guidance over video?\u{201d} Short and plain. At most"), locale.pick("tegn.", "characters."))/>
            <Field form="assumption" name="question_en"
                label=locale.pick("Spørgsmålet på engelsk (frivilligt)", "The question in English (optional)").to_string()/>
            <fieldset aria-describedby=error.as_ref().map(|_| "supports-error")>
                <legend>{locale.pick("Hvilket svar taler for antagelsen?", "Which answer speaks for the assumption?")}</legend>
                {error.clone().map(|e| view! { <p class="field-error" id="supports-error">{e}</p> })}
                {[("ja", locale.pick("Ja", "Yes")), ("nej", locale.pick("Nej", "No"))].into_iter().map(|(value, label)| {
                    let id = format!("supports-{value}");
                    view! {
                        <div class="field check">
                            <input type="radio" id=id.clone() name="supports" value=value checked=chosen == value/>
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button primary">{locale.pick("Begynd at spørge", "Start asking")}</button>
        </form>
    }
}
