//! `/admin/{m}/personale` (staff and roles) and `/admin/{m}/noegler` (API tokens).

use super::areas::{format_time, SecretBox};
use super::{use_echo, AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::domain::staff::ApiTokenInfo;
use crate::domain::staff::{Role, StaffMember};
use crate::domain::Municipality;
use crate::i18n::use_t;
use crate::pages::info::found_or_status;
use crate::pages::param;
use leptos::prelude::*;

type Page<T> = Option<(Municipality, Vec<Role>, Vec<T>)>;

#[server]
pub async fn admin_staff(m: String) -> Result<Page<StaffMember>, ServerFnError> {
    super::admin_data(&m, Role::Admin, |state, id| async move { crate::staff::members(&state.store, id).await }).await
}

#[server]
pub async fn admin_tokens(m: String) -> Result<Page<ApiTokenInfo>, ServerFnError> {
    super::admin_data(&m, Role::Admin, |state, id| async move { crate::staff::api_tokens(&state.store, id).await }).await
}

/// One checkbox per municipal role.
#[component]
fn RoleBoxes(prefix: String, held: Vec<Role>) -> impl IntoView {
    let t = use_t();
    view! {
        <fieldset class="roles">
            <legend>{t("staff-roles")}</legend>
            {Role::MUNICIPAL.into_iter().map(|r| {
                let id = format!("{prefix}-{}", r.as_str());
                view! {
                    <div class="field check">
                        <input type="checkbox" id=id.clone() name="role" value=r.as_str() checked=held.contains(&r)/>
                        <label for=id>{t(&r.label_key())}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(param("m"), admin_staff);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, people)| {
                    let action = format!("/admin/{}/personale", mun.slug);
                    let echo = use_echo();
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{} – {}", t("admin-area-personale"), mun.name)/>
                            <h1>{t("admin-area-personale")}</h1>
                            <p>{t("staff-intro")}</p>
                            <Notice/>
                            {echo.secret.clone().map(|link| view! { <SecretBox label=t("staff-link_label") secret=link/> })}
                            <div class="table-wrap" tabindex="0" role="region" aria-label=t("admin-area-personale")>
                                <table>
                                    <thead><tr>
                                        <th scope="col">{t("staff-email")}</th>
                                        <th scope="col">{t("staff-roles")}</th>
                                        <th scope="col">{t("staff-state")}</th>
                                        <th scope="col">{t("staff-change")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {people.into_iter().map(|p| {
                                            let state = if p.disabled {
                                                t("staff-disabled")
                                            } else if p.single_sign_on {
                                                t("staff-single_sign_on")
                                            } else if p.has_password {
                                                t("staff-active")
                                            } else {
                                                t("staff-invited")
                                            };
                                            let state = if p.has_second_factor { format!("{state} · {}", t("staff-has_factor")) } else { state };
                                            let names = p.roles.iter().map(|r| t(&r.label_key())).collect::<Vec<_>>().join(", ");
                                            view! {
                                                <tr>
                                                    <td>{p.email.clone()}</td>
                                                    <td>{names}</td>
                                                    <td>{state}</td>
                                                    <td>
                                                        <details>
                                                            <summary>{t("staff-change")}<span class="visually-hidden">" "{p.email.clone()}</span></summary>
                                                            <form method="post" action=action.clone() class="admin-form">
                                                                <input type="hidden" name="action" value="update"/>
                                                                <input type="hidden" name="staff_id" value=p.id.to_string()/>
                                                                <RoleBoxes prefix=format!("staff-{}", p.id) held=p.roles.clone()/>
                                                                <div class="field check">
                                                                    <input type="checkbox" id=format!("staff-{}-disabled", p.id) name="disabled" checked=p.disabled/>
                                                                    <label for=format!("staff-{}-disabled", p.id)>{t("staff-disable")}</label>
                                                                </div>
                                                                <button type="submit" class="button">{t("admin-save")}</button>
                                                            </form>
                                                            {(!p.single_sign_on).then(|| view! {
                                                                <form method="post" action=action.clone()>
                                                                    <input type="hidden" name="action" value="link"/>
                                                                    <input type="hidden" name="staff_id" value=p.id.to_string()/>
                                                                    <button type="submit" class="button">{t("staff-new_link")}</button>
                                                                </form>
                                                            })}
                                                            {p.single_sign_on.then(|| view! { <p class="hint">{t("staff-single_sign_on_hint")}</p> })}
                                                            {p.has_second_factor.then(|| view! {
                                                                <form method="post" action=action.clone()>
                                                                    <input type="hidden" name="action" value="reset_factor"/>
                                                                    <input type="hidden" name="staff_id" value=p.id.to_string()/>
                                                                    <p class="hint">{t("staff-reset_factor_hint")}</p>
                                                                    <button type="submit" class="button">{t("staff-reset_factor")}</button>
                                                                </form>
                                                            })}
                                                        </details>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <h2>{t("staff-invite")}</h2>
                            <p class="hint">{t("staff-invite_hint")}</p>
                            <form method="post" action=action class="admin-form narrow">
                                <FormProblem form="invite"/>
                                <input type="hidden" name="action" value="invite"/>
                                <Field form="invite" name="email" label=t("staff-email") kind="email" required=true/>
                                {echo.error("invite", "role").map(|e| view! { <p class="field-error">{e}</p> })}
                                <RoleBoxes prefix="invite".into() held=vec![]/>
                                <button type="submit" class="button primary">{t("staff-invite")}</button>
                            </form>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn TokensPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(param("m"), admin_tokens);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, tokens)| {
                    let action = format!("/admin/{}/noegler", mun.slug);
                    let echo = use_echo();
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles))>
                            <PageTitle text=format!("{} – {}", t("admin-area-noegler"), mun.name)/>
                            <h1>{t("admin-area-noegler")}</h1>
                            <p>{t("tokens-intro")}</p>
                            <Notice/>
                            {echo.secret.clone().map(|token| view! { <SecretBox label=t("tokens-new_label") secret=token/> })}
                            {tokens.is_empty().then(|| view! { <p>{t("tokens-none")}</p> })}
                            <ul class="admin-list">
                                {tokens.into_iter().map(|tok| view! {
                                    <li>
                                        <strong>{tok.name.clone()}</strong>" · "{t("tokens-created")}" "{format_time(tok.created_at)}
                                        {match tok.revoked_at {
                                            Some(at) => view! { " · "<span class="badge">{t("tokens-revoked")}" "{format_time(at)}</span> }.into_any(),
                                            None => view! {
                                                <form method="post" action=action.clone() class="inline">
                                                    <input type="hidden" name="action" value="revoke"/>
                                                    <input type="hidden" name="token_id" value=tok.id.to_string()/>
                                                    <button type="submit" class="button">{t("tokens-revoke")}<span class="visually-hidden">" "{tok.name.clone()}</span></button>
                                                </form>
                                            }.into_any(),
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <h2>{t("tokens-create")}</h2>
                            <form method="post" action=action class="admin-form narrow">
                                <FormProblem form="token"/>
                                <input type="hidden" name="action" value="create"/>
                                <Field form="token" name="name" label=t("tokens-name") hint=t("tokens-name_hint") required=true/>
                                <button type="submit" class="button primary">{t("tokens-create")}</button>
                            </form>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
