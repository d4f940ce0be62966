//! The start pages, the operator's page, settings and the audit log.

use super::{AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::domain::staff::AuditEntry;
use crate::domain::staff::{Role, ADMIN_AREAS};
use crate::domain::Municipality;
use crate::i18n::{tr, tr_args, use_locale, use_t};
use crate::pages::info::found_or_status;
use crate::pages::param;
#[cfg(feature = "ssr")]
use crate::pages::OrUnavailable;
use leptos::prelude::*;

/// The signed-in person's municipalities (slug, name) and whether they are an operator.
#[server]
pub async fn my_municipalities() -> Result<Option<(String, bool, Vec<(String, String)>)>, ServerFnError> {
    let Some(staff) = super::current_staff() else { return Ok(None) };
    let state = expect_context::<crate::state::AppState>();
    let found = crate::municipality::of_slugs(&state.store, &staff.municipalities()).await.or_unavailable()?;
    let list = found.into_iter().map(|m| (m.slug, m.name)).collect();
    Ok(Some((staff.email.clone(), staff.is_operator(), list)))
}

/// `/admin`: where a signed-in person starts.
#[component]
pub fn AdminHome() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(|| (), |_| my_municipalities());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(email, operator, list)| view! {
                    <AdminFrame m=None>
                        <PageTitle text=t("admin-start")/>
                        <h1>{t("admin-start")}</h1>
                        <p>{t("admin-signed_in_as")}" "<strong>{email}</strong></p>
                        {list.is_empty().then(|| view! { <p>{t("admin-no_municipality")}</p> })}
                        <ul class="cards">
                            {list.into_iter().map(|(slug, name)| view! {
                                <li><a class="card" href=format!("/admin/{slug}")><span class="card-title">{name}</span></a></li>
                            }).collect_view()}
                            {operator.then(|| view! {
                                <li><a class="card" href="/admin/kommuner"><span class="card-title">{t("operator-title")}</span></a></li>
                            })}
                        </ul>
                    </AdminFrame>
                }.into_any())
            })}
        </Suspense>
    }
}

/// What waits for this person: held texts (and how many are urgent) for a
/// moderator, overdue proposals for a manager.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Waiting {
    pub held: usize,
    pub urgent: usize,
    pub overdue: usize,
}

#[server]
pub async fn municipality_roles(m: String) -> Result<Option<(Municipality, Vec<Role>, Waiting)>, ServerFnError> {
    let Some((staff, mun)) = super::require(&m, None).await? else { return Ok(None) };
    let roles = staff.roles_in(&mun.slug);
    let store = expect_context::<crate::state::AppState>().store;
    let mut waiting = Waiting::default();
    if roles.contains(&Role::Moderator) {
        let queue = crate::codesign::moderation_queue(&store, mun.id).await.or_unavailable()?;
        waiting.held = queue.len();
        waiting.urgent = queue.iter().filter(|q| q.urgent).count();
    }
    if roles.contains(&Role::Manager) {
        let now = crate::domain::policy::now();
        let (list, _) = crate::codesign::proposals_to_answer(&store, mun.id).await.or_unavailable()?;
        waiting.overdue = list.iter().filter(|p| p.is_overdue(mun.response_days, now)).count();
    }
    Ok(Some((mun, roles, waiting)))
}

/// `/admin/{m}`: the areas of one municipality this person may use.
#[component]
pub fn MunicipalityHome() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let data = Resource::new(param("m"), municipality_roles);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, waiting)| {
                    let note = move |area: &str| match area {
                        "moderation" if waiting.held > 0 => Some(tr_args(locale, "admin-waiting_held", &[("n", waiting.held.into()), ("u", waiting.urgent.into())])),
                        "forslag" if waiting.overdue > 0 => Some(tr_args(locale, "manage-overdue_count", &[("n", waiting.overdue.into())])),
                        _ => None,
                    };
                    let areas: Vec<_> = ADMIN_AREAS.iter().filter(|(_, r)| roles.contains(r)).map(|(a, _)| *a).collect();
                    let role_names = roles.iter().map(|r| t(&r.label_key())).collect::<Vec<_>>().join(", ");
                    view! {
                        <AdminFrame m=Some((mun.clone(), roles.clone()))>
                            <PageTitle text=mun.name.clone()/>
                            <h1>{mun.name.clone()}</h1>
                            <p>{t("admin-your_roles")}" "{role_names}</p>
                            {areas.is_empty().then(|| view! { <p>{t("admin-no_areas")}</p> })}
                            <ul class="cards">
                                {areas.into_iter().map(|a| view! {
                                    <li><a class="card" href=format!("/admin/{}/{a}", mun.slug)>
                                        <span class="card-title">{t(&format!("admin-area-{a}"))}</span>
                                        <span class="card-text">{t(&format!("admin-area_intro-{a}"))}</span>
                                        {note(a).map(|n| view! { <span class="card-meta urgent-text">{n}</span> })}
                                    </a></li>
                                }).collect_view()}
                            </ul>
                            <p><a href=format!("/k/{}", mun.slug)>{t("admin-youth_view")}</a></p>
                        </AdminFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// `/admin/kommuner`: the operator adds a municipality and its first admin.
#[component]
pub fn OperatorPage() -> impl IntoView {
    let t = use_t();
    let echo = super::use_echo();
    view! {
        <AdminFrame m=None>
            <PageTitle text=t("operator-title")/>
            <h1>{t("operator-title")}</h1>
            <p>{t("operator-intro")}</p>
            <Notice/>
            {echo.secret.clone().map(|link| view! { <SecretBox label=t("staff-link_label") secret=link/> })}
            <form method="post" action="/admin/kommuner" class="admin-form narrow">
                <FormProblem form="municipality"/>
                <Field form="municipality" name="name" label=t("operator-name") required=true/>
                <Field form="municipality" name="slug" label=t("operator-slug") hint=t("operator-slug_hint") required=true/>
                <Field form="municipality" name="email" label=t("operator-admin_email") kind="email" required=true/>
                <button type="submit" class="button primary">{t("operator-submit")}</button>
            </form>
        </AdminFrame>
    }
}

/// A one-time secret with a plain instruction to copy it now.
#[component]
pub fn SecretBox(label: String, secret: String) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="secret" role="status">
            <p><strong>{label}</strong></p>
            <p class="secret-value"><code>{secret}</code></p>
            <p class="hint">{t("admin-secret_once")}</p>
        </div>
    }
}

#[server]
pub async fn audit_entries(m: String) -> Result<Option<(Municipality, Vec<Role>, Vec<AuditEntry>)>, ServerFnError> {
    super::admin_data(&m, Role::Admin, |state, id| async move { crate::staff::audit_log(&state.store, id, 500).await }).await
}

/// Unix seconds as a UTC date and time (`2026-11-23 10:04 UTC`).
pub fn format_time(secs: i64) -> String {
    let (y, mo, d, h, mi) = crate::i18n::civil(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} UTC")
}

/// `/admin/{m}/log`: who did what, newest first.
#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(param("m"), audit_entries);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, entries)| view! {
                    <AdminFrame m=Some((mun.clone(), roles))>
                        <PageTitle text=format!("{} – {}", t("admin-area-log"), mun.name)/>
                        <h1>{t("admin-area-log")}</h1>
                        <p>{t("audit-intro")}</p>
                        <div class="table-wrap" tabindex="0" role="region" aria-label=t("admin-area-log")>
                            <table>
                                <thead><tr><th scope="col">{t("audit-when")}</th><th scope="col">{t("audit-who")}</th><th scope="col">{t("audit-what")}</th><th scope="col">{t("audit-detail")}</th></tr></thead>
                                <tbody>
                                    {entries.into_iter().map(|e| view! {
                                        <tr><td>{format_time(e.at)}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.detail}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </AdminFrame>
                }.into_any())
            })}
        </Suspense>
    }
}

type Settings = (bool, crate::domain::accessibility::AccessibilitySettings);

#[server]
pub async fn settings_data(m: String) -> Result<Option<(Municipality, Vec<Role>, Settings)>, ServerFnError> {
    super::admin_data(&m, Role::Admin, |state, id| async move {
        Ok((crate::catalogue::compare_opt_in(&state.store, id).await?, crate::catalogue::accessibility(&state.store, id).await?))
    })
    .await
}

/// `/admin/{m}/indstillinger`: how long young people's free text is kept.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let data = Resource::new(param("m"), settings_data);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, roles, (compare, statement))| view! {
                    <AdminFrame m=Some((mun.clone(), roles))>
                        <PageTitle text=format!("{} – {}", t("admin-area-indstillinger"), mun.name)/>
                        <h1>{t("admin-area-indstillinger")}</h1>
                        <Notice/>
                        <form method="post" action=format!("/admin/{}/indstillinger", mun.slug) class="admin-form narrow">
                            <FormProblem form="retention"/>
                            <Field form="retention" name="months" kind="number" required=true label=t("settings-retention")
                                value=mun.retention_months.to_string()
                                hint=tr(locale, "settings-young_people_s_comments").to_string()/>
                            <Field form="retention" name="response_days" kind="number" required=true label=t("settings-response_days")
                                value=mun.response_days.to_string() hint=t("settings-response_days_hint")/>
                            <div class="field check">
                                <input type="checkbox" id="settings-compare" name="compare" checked=compare aria-describedby="settings-compare-hint"/>
                                <label for="settings-compare">{tr(locale, "settings-take_part_in_comparison")}</label>
                                <p class="hint" id="settings-compare-hint">{tr(locale, "settings-your_mean_per_quality")}</p>
                            </div>
                            <button type="submit" class="button primary">{t("admin-save")}</button>
                        </form>
                        <StatementForm mun=mun.clone() statement=statement/>
                    </AdminFrame>
                }.into_any())
            })}
        </Suspense>
    }
}

/// The accessibility statement's settings; the statement itself is public
/// at `/k/{m}/tilgaengelighed`.
#[component]
fn StatementForm(mun: Municipality, statement: crate::domain::accessibility::AccessibilitySettings) -> impl IntoView {
    use crate::domain::accessibility::Compliance;
    let t = use_t();
    let locale = use_locale();
    let echo = super::use_echo();
    let chosen = echo.value("a11y", "a11y_status").unwrap_or_else(|| statement.status.as_str().to_string());
    let status_err = echo.error("a11y", "a11y_status");
    let label = |c: Compliance| match c {
        Compliance::Full => tr(locale, "settings-a11y_full"),
        Compliance::Partial => tr(locale, "settings-a11y_partial"),
        Compliance::No => tr(locale, "settings-a11y_no"),
    };
    view! {
        <h2 id="a11y">{tr(locale, "settings-a11y_title")}</h2>
        <p>{tr(locale, "settings-a11y_intro")}" "<a href=super::super::statement::statement_path(&mun)>{tr(locale, "settings-a11y_see")}</a></p>
        <form method="post" action=format!("/admin/{}/indstillinger", mun.slug) class="admin-form narrow">
            <input type="hidden" name="action" value="accessibility"/>
            <FormProblem form="a11y"/>
            <div class="field">
                <label for="a11y-a11y_status">{tr(locale, "settings-a11y_status")}</label>
                {status_err.clone().map(|e| view! { <p class="field-error" id="a11y-a11y_status-error">{e}</p> })}
                <select id="a11y-a11y_status" name="a11y_status" aria-invalid=status_err.as_ref().map(|_| "true")
                    aria-describedby=status_err.as_ref().map(|_| "a11y-a11y_status-error")>
                    {Compliance::ALL.into_iter().map(|c| view! { <option value=c.as_str() selected=chosen == c.as_str()>{label(c)}</option> }).collect_view()}
                </select>
            </div>
            <Field form="a11y" name="a11y_contact" required=true label=tr(locale, "settings-a11y_contact") value=statement.contact.clone()
                hint=tr(locale, "settings-a11y_contact_hint")/>
            <Field form="a11y" name="a11y_checked_on" kind="date" label=tr(locale, "settings-a11y_checked_on")
                value=statement.checked_on.clone().unwrap_or_default()/>
            <Field form="a11y" name="a11y_known_issues" multiline=true label=tr(locale, "settings-a11y_known_issues")
                value=statement.known_issues.clone() hint=tr(locale, "settings-a11y_known_issues_hint")/>
            <button type="submit" class="button primary">{t("admin-save")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(super::format_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::format_time(1_795_428_000), "2026-11-23 10:00 UTC");
        assert_eq!(super::format_time(951_782_400), "2000-02-29 00:00 UTC");
    }
}
