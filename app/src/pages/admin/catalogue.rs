//! `/admin/{m}/tilbud` (the chain's services) and `/admin/{m}/spoergsmaal`
//! (the rating questions). Plain forms: they work without JavaScript.

use super::{use_echo, AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::domain::criteria::CRITERIA;
use crate::domain::question::Question;
use crate::domain::service::{category_label, Service, ServiceKind, CATEGORIES};
use crate::domain::staff::Role;
use crate::domain::{Locale, Municipality};
use crate::i18n::{use_locale, use_t};
use crate::pages::info::found_or_status;
use crate::pages::param;
use leptos::prelude::*;

type Page<T> = Option<(Municipality, Vec<Role>, Vec<T>)>;

#[server]
pub async fn admin_services(m: String) -> Result<Page<Service>, ServerFnError> {
    super::admin_data(&m, Role::Admin, |state, id| async move { crate::catalogue::all_services(&state.store, id).await }).await
}

#[server]
pub async fn admin_questions(m: String) -> Result<Page<(Question, bool)>, ServerFnError> {
    super::admin_data(&m, Role::Admin, |state, id| async move { crate::catalogue::all_questions(&state.store, id).await }).await
}

#[component]
pub fn ServicesPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(param("m"), admin_services);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, services)| {
                    let action = format!("/admin/{}/tilbud", mun.slug);
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{} – {}", t("admin-area-tilbud"), mun.name)/>
                            <h1>{t("admin-area-tilbud")}</h1>
                            <p>{t("services-intro")}</p>
                            <Notice/>
                            <h2>{t("services-list")}</h2>
                            <ul class="admin-list">
                                {services.into_iter().map(|s| {
                                    let open = use_echo().form == format!("service:{}", s.slug);
                                    view! {
                                    <li>
                                        <details open=open>
                                            <summary>
                                                <strong>{s.name.clone()}</strong>" · "{category_label(&s.category, use_locale() == Locale::Da).to_string()}
                                                {(!s.active).then(|| view! { " · "<span class="badge">{t("admin-inactive")}</span> })}
                                            </summary>
                                            // Staff print the poster; young people never needed the link.
                                            <p><a href=format!("/k/{}/s/{}/plakat", mun.slug, s.slug)>{t("services-poster")}</a></p>
                                            <ServiceForm action=action.clone() service=Some(s)/>
                                        </details>
                                    </li>
                                }}).collect_view()}
                            </ul>
                            <h2>{t("services-add")}</h2>
                            <ServiceForm action=action service=None/>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// Adds a service (`service` is `None`) or edits one.
#[component]
fn ServiceForm(action: String, service: Option<Service>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let echo = use_echo();
    let editing = service.is_some();
    let row = service.as_ref().map(|s| s.slug.clone()).unwrap_or_default();
    let form = if editing { "service" } else { "service-new" };
    let form_id = if editing { format!("service:{row}") } else { form.to_string() };
    let s = service.unwrap_or(Service {
        id: 0,
        slug: String::new(),
        name: String::new(),
        description_da: String::new(),
        description_en: String::new(),
        kind: ServiceKind::Internal,
        category: String::new(),
        active: true,
    });
    let category = echo.value(&form_id, "category").unwrap_or(s.category.clone());
    // A refused post shows the box as it was sent (unchecked boxes are not sent).
    let active = if echo.form == form_id { echo.value(&form_id, "active").is_some() } else { s.active };
    let id = |name: &str| format!("{}-{name}", form_id.replace(':', "-"));
    let category_error = echo.error(&form_id, "category");
    view! {
        <form method="post" action=action class="admin-form">
            <FormProblem form=if editing { "service" } else { "service-new" } row=if editing { row.clone() } else { String::new() }/>
            <input type="hidden" name="action" value=if editing { "update" } else { "add" }/>
            {if editing {
                view! { <input type="hidden" name="slug" value=row.clone()/><p class="hint">{t("services-slug_fixed")}" "<code>{row.clone()}</code></p> }.into_any()
            } else {
                view! { <Field form=form name="slug" label=t("services-slug") hint=t("services-slug_hint") required=true/> }.into_any()
            }}
            <Field form=form row=row.clone() name="name" label=t("services-name") value=s.name.clone() required=true/>
            <div class="field">
                <label for=id("category")>{t("services-category")}</label>
                {category_error.clone().map(|e| view! { <p class="field-error" id=id("category-error")>{e}</p> })}
                <select id=id("category") name="category" aria-invalid=category_error.map(|_| "true")>
                    <option value="">{t("services-choose")}</option>
                    {CATEGORIES.iter().map(|c| {
                        let label = if locale == Locale::Da { c.2 } else { c.3 };
                        view! { <option value=c.0 selected=category == c.0>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("kind")>{t("services-kind")}</label>
                <select id=id("kind") name="kind">
                    <option value="internal" selected=s.kind == ServiceKind::Internal>{t("chain-internal")}</option>
                    <option value="external" selected=s.kind == ServiceKind::External>{t("chain-external")}</option>
                </select>
            </div>
            <Field form=form row=row.clone() name="description_da" label=t("services-description_da") value=s.description_da.clone()/>
            <Field form=form row=row.clone() name="description_en" label=t("services-description_en") value=s.description_en.clone()/>
            <div class="field check">
                <input type="checkbox" id=id("active") name="active" checked=active/>
                <label for=id("active")>{t("services-active")}</label>
            </div>
            <button type="submit" class="button primary">{if editing { t("admin-save") } else { t("services-add") }}</button>
        </form>
    }
}

#[component]
pub fn QuestionsPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(param("m"), admin_questions);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, questions)| {
                    let action = format!("/admin/{}/spoergsmaal", mun.slug);
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{} – {}", t("admin-area-spoergsmaal"), mun.name)/>
                            <h1>{t("admin-area-spoergsmaal")}</h1>
                            <p>{t("questions-intro")}</p>
                            <Notice/>
                            <ul class="admin-list">
                                {questions.into_iter().map(|(q, active)| {
                                    let open = use_echo().form == format!("question:{}", q.key);
                                    view! {
                                    <li>
                                        <details open=open>
                                            <summary>
                                                <strong>{q.text_da.clone()}</strong>
                                                {(!active).then(|| view! { " · "<span class="badge">{t("admin-inactive")}</span> })}
                                            </summary>
                                            <QuestionForm action=action.clone() question=Some((q, active))/>
                                        </details>
                                    </li>
                                }}).collect_view()}
                            </ul>
                            <h2>{t("questions-add")}</h2>
                            <p class="hint">{t("questions-add_hint")}</p>
                            <QuestionForm action=action question=None/>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn QuestionForm(action: String, question: Option<(Question, bool)>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let echo = use_echo();
    let editing = question.is_some();
    let (key, criterion, da, en, active) = question.map(|(q, a)| (q.key, q.criterion, q.text_da, q.text_en, a)).unwrap_or((
        String::new(),
        6,
        String::new(),
        String::new(),
        true,
    ));
    let form = if editing { "question" } else { "question-new" };
    let form_id = if editing { format!("question:{key}") } else { form.to_string() };
    let id = |name: &str| format!("{}-{name}", form_id.replace(':', "-"));
    let criterion = echo.value(&form_id, "criterion").and_then(|c| c.parse().ok()).unwrap_or(criterion);
    view! {
        <form method="post" action=action class="admin-form">
            <FormProblem form=form row=if editing { key.clone() } else { String::new() }/>
            <input type="hidden" name="action" value=if editing { "update" } else { "add" }/>
            {if editing {
                view! { <input type="hidden" name="slug" value=key.clone()/> }.into_any()
            } else {
                view! { <Field form=form name="slug" label=t("questions-key") hint=t("services-slug_hint") required=true/> }.into_any()
            }}
            <Field form=form row=key.clone() name="text_da" label=t("questions-text_da") value=da required=true/>
            <Field form=form row=key.clone() name="text_en" label=t("questions-text_en") value=en required=true/>
            <div class="field">
                <label for=id("criterion")>{t("questions-criterion")}</label>
                <select id=id("criterion") name="criterion">
                    {CRITERIA.iter().map(|c| view! {
                        <option value=c.number.to_string() selected=i64::from(c.number) == criterion>
                            {format!("{}. {}", c.number, locale.pick(c.da, c.en))}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field check">
                <input type="checkbox" id=id("active") name="active" checked=active/>
                <label for=id("active")>{t("questions-active")}</label>
            </div>
            <button type="submit" class="button primary">{if editing { t("admin-save") } else { t("questions-add") }}</button>
        </form>
    }
}
