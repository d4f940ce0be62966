//! `/admin/{m}/principper`: the chain's principles. Saving new text makes a
//! new version; the old ones stay visible to young people as history.

use super::{use_echo, AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::domain::criteria::CRITERIA;
use crate::domain::principle::Principle;
use crate::domain::staff::Role;
use crate::domain::Municipality;
use crate::i18n::{use_locale, use_t};
use crate::pages::info::found_or_status;
use crate::pages::param;
use leptos::prelude::*;

#[server]
pub async fn admin_principles(m: String) -> Result<Option<(Municipality, Vec<Role>, Vec<Principle>)>, ServerFnError> {
    super::admin_data(&m, Role::Admin, |state, id| async move { crate::catalogue::principles(&state.store, id, false).await }).await
}

#[component]
pub fn PrinciplesAdminPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(param("m"), admin_principles);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, principles)| {
                    let action = format!("/admin/{}/principper", mun.slug);
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{} – {}", t("admin-area-principper"), mun.name)/>
                            <h1>{t("admin-area-principper")}</h1>
                            <p>{t("principles_admin-intro")}</p>
                            <Notice/>
                            <ul class="admin-list">
                                {principles.into_iter().map(|p| {
                                    let open = use_echo().form == format!("principle:{}", p.id);
                                    let title = p.current().map(|v| v.title_da.clone()).unwrap_or_default();
                                    let version = p.current().map(|v| v.version).unwrap_or(1);
                                    view! {
                                        <li>
                                            <details open=open>
                                                <summary>
                                                    <strong>{title}</strong>" · "{format!("{} {version}", t("principles_admin-version"))}
                                                    {(!p.active).then(|| view! { " · "<span class="badge">{t("admin-inactive")}</span> })}
                                                </summary>
                                                <PrincipleForm action=action.clone() principle=Some(p)/>
                                            </details>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <h2>{t("principles_admin-add")}</h2>
                            <PrincipleForm action=action principle=None/>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn PrincipleForm(action: String, principle: Option<Principle>) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let echo = use_echo();
    let editing = principle.is_some();
    let id = principle.as_ref().map(|p| p.id.to_string()).unwrap_or_default();
    let form = if editing { "principle" } else { "principle-new" };
    let form_id = if editing { format!("principle:{id}") } else { form.to_string() };
    let html_id = |name: &str| format!("{}-{name}", form_id.replace(':', "-"));
    let current = principle.as_ref().and_then(|p| p.current().cloned());
    let text = |f: fn(&crate::domain::principle::PrincipleVersion) -> &String| current.as_ref().map(|v| f(v).clone()).unwrap_or_default();
    let criterion = echo.value(&form_id, "criterion").and_then(|c| c.parse::<i64>().ok()).or(principle.as_ref().and_then(|p| p.criterion));
    let active = if echo.form == form_id { echo.value(&form_id, "active").is_some() } else { principle.as_ref().is_none_or(|p| p.active) };
    view! {
        <form method="post" action=action class="admin-form">
            <FormProblem form=form row=if editing { id.clone() } else { String::new() }/>
            <input type="hidden" name="action" value=if editing { "update" } else { "add" }/>
            <input type="hidden" name="principle_id" value=id.clone()/>
            <Field form=form row=id.clone() name="title_da" label=t("principles_admin-title_da") value=text(|v| &v.title_da) required=true/>
            <Field form=form row=id.clone() name="text_da" label=t("principles_admin-text_da") value=text(|v| &v.text_da) required=true multiline=true/>
            <Field form=form row=id.clone() name="title_en" label=t("principles_admin-title_en") value=text(|v| &v.title_en) required=true/>
            <Field form=form row=id.clone() name="text_en" label=t("principles_admin-text_en") value=text(|v| &v.text_en) required=true multiline=true/>
            <div class="field">
                <label for=html_id("criterion")>{t("questions-criterion")}</label>
                <select id=html_id("criterion") name="criterion">
                    <option value="" selected=criterion.is_none()>{t("principles_admin-no_criterion")}</option>
                    {CRITERIA.iter().map(|c| view! {
                        <option value=c.number.to_string() selected=criterion == Some(i64::from(c.number))>
                            {format!("{}. {}", c.number, locale.pick(c.da, c.en))}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            {editing.then(|| view! {
                <div class="field check">
                    <input type="checkbox" id=html_id("active") name="active" checked=active/>
                    <label for=html_id("active")>{t("principles_admin-active")}</label>
                </div>
            })}
            <button type="submit" class="button primary">{if editing { t("admin-save") } else { t("principles_admin-add") }}</button>
        </form>
    }
}
