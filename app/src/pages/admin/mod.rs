//! The staff side: sign-in, set-password, and the admin pages of a
//! municipality. Access is checked twice: by the server's `/admin` gate
//! before anything renders, and again by every data loader here.

mod areas;
mod assumptions;
mod catalogue;
mod codesign;
mod login;
mod people;
mod principles;
mod second_factor;
mod workshops;

pub use areas::{AdminHome, AuditPage, MunicipalityHome, OperatorPage, SettingsPage};
pub use assumptions::{evidence_text, leaning_text, AssumptionsPage};
pub use catalogue::{QuestionsPage, ServicesPage};
pub use codesign::{ModerationPage, ProposalsAdminPage};
pub use login::{safe_next, LoginPage, SetPasswordPage};
pub use people::{StaffPage, TokensPage};
pub use principles::PrinciplesAdminPage;
pub use second_factor::{AccountPage, LoginCodePage, LoginSetupPage};
pub use workshops::{FacilitatorPage, PresenterPage, WorkshopsPage, ROWS as WORKSHOP_ROWS};

use crate::components::PageTitle;
use crate::domain::rating::FieldErrors;
#[cfg(feature = "ssr")]
use crate::domain::staff::Staff;
use crate::domain::staff::{Role, ADMIN_AREAS};
use crate::domain::Municipality;
use crate::i18n::{tr, use_locale, use_t};
#[cfg(feature = "ssr")]
use crate::pages::OrUnavailable;
use leptos::prelude::*;

/// Set by the server's gate when a signed-in person may not see a page
/// (403: wrong role, 404: another municipality). `App` then renders only this.
#[derive(Clone, Copy, Debug)]
pub struct Denied(pub u16);

/// What a refused or one-time form post hands back to the page it renders:
/// the form's values and errors, or a secret to show exactly once.
#[derive(Clone, Debug, Default)]
pub struct AdminEcho {
    /// Which form the values belong to (pages have several).
    pub form: String,
    pub values: Vec<(String, String)>,
    pub errors: FieldErrors,
    /// A message about the whole form (e.g. a refused sign-in).
    pub message: Option<String>,
    /// A set-password link or an API token, shown once, never stored.
    pub secret: Option<String>,
}

impl AdminEcho {
    pub fn value(&self, form: &str, name: &str) -> Option<String> {
        (self.form == form).then(|| self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())).flatten()
    }

    pub fn error(&self, form: &str, name: &str) -> Option<String> {
        (self.form == form).then(|| self.errors.get(name).map(|e| e.message(use_locale()))).flatten()
    }
}

pub fn use_echo() -> AdminEcho {
    use_context::<AdminEcho>().unwrap_or_default()
}

/// The staff member this request is signed in as.
#[cfg(feature = "ssr")]
pub fn current_staff() -> Option<Staff> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Staff>().cloned())
}

/// The signed-in staff member, when they hold `role` (or any role, `None`)
/// in municipality `m`; `Ok(None)` (a 404) otherwise.
#[cfg(feature = "ssr")]
pub async fn require(m: &str, role: Option<Role>) -> Result<Option<(Staff, Municipality)>, ServerFnError> {
    let Some(staff) = current_staff() else { return Ok(None) };
    if !role.map_or(staff.works_in(m), |r| staff.has_role(m, r)) {
        return Ok(None);
    }
    let state = expect_context::<crate::state::AppState>();
    let found = crate::municipality::by_slug(&state.store, m).await.or_unavailable()?;
    Ok(found.map(|mun| (staff, mun)))
}

/// An admin page's data: the municipality, the viewer's roles there, and
/// what `load` reads for it. `Ok(None)` (a 404) without `role` in `m`.
#[cfg(feature = "ssr")]
pub async fn admin_data<T, F, Fut>(m: &str, role: Role, load: F) -> Result<Option<(Municipality, Vec<Role>, T)>, ServerFnError>
where
    F: FnOnce(crate::state::AppState, i64) -> Fut,
    Fut: std::future::Future<Output = Result<T, crate::store::StoreError>>,
{
    let Some((staff, mun)) = require(m, Some(role)).await? else { return Ok(None) };
    let data = load(expect_context::<crate::state::AppState>(), mun.id).await.or_unavailable()?;
    let roles = staff.roles_in(&mun.slug);
    Ok(Some((mun, roles, data)))
}

#[component]
pub fn DeniedPage(status: u16) -> impl IntoView {
    crate::components::layout::set_status(status);
    let t = use_t();
    let (title, body) =
        if status == 403 { (t("admin-denied_title"), t("admin-denied_body")) } else { (t("notfound-title"), t("notfound-body")) };
    view! {
        <AdminFrame m=None>
            <PageTitle text=title.clone()/>
            <h1>{title}</h1>
            <p>{body}</p>
            <p><a class="button" href="/admin">{t("admin-start")}</a></p>
        </AdminFrame>
    }
}

/// The frame of every staff page: the municipality's areas the person may
/// use, the language switch and sign-out.
#[component]
pub fn AdminFrame(m: Option<(Municipality, Vec<Role>)>, children: Children) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let back = crate::components::layout::current_path();
    let nav = m.map(|(mun, roles)| {
        let areas: Vec<_> = ADMIN_AREAS.iter().filter(|(_, r)| roles.contains(r)).collect();
        let governance = roles.contains(&Role::Manager).then(|| {
            view! {
                <a href=format!("/styring/{}", mun.slug)>{tr(locale, "admin-governance")}</a>
            }
        });
        view! {
            <nav class="admin-nav" aria-label=t("admin-nav_label")>
                <a href=format!("/admin/{}", mun.slug)>{mun.name.clone()}</a>
                {governance}
                {areas.into_iter().map(|(area, _)| view! {
                    <a href=format!("/admin/{}/{}", mun.slug, area)>{t(&format!("admin-area-{area}"))}</a>
                }).collect_view()}
            </nav>
        }
    });
    let signed_in = {
        #[cfg(feature = "ssr")]
        {
            current_staff().is_some()
        }
        #[cfg(not(feature = "ssr"))]
        {
            false
        }
    };
    view! {
        <a class="skip" href="#main">{t("nav-skip")}</a>
        <header class="site-header admin-header">
            <a class="brand" href="/admin">
                <span class="brand-name">{t("site-name")}</span>
                <span class="brand-tag">{t("admin-tagline")}</span>
            </a>
            <div class="header-actions">
                <form method="post" action="/sprog" class="lang-switch">
                    <input type="hidden" name="lang" value=locale.other().code()/>
                    <input type="hidden" name="back" value=back/>
                    <button type="submit" lang=locale.other().code() title=t("lang-switch_label")>{t("lang-switch")}</button>
                </form>
                {signed_in.then(|| view! {
                    <a class="account-link" href="/admin/konto">{t("admin-my_account")}</a>
                    <form method="post" action="/logout" class="lang-switch">
                        <button type="submit">{t("admin-sign_out")}</button>
                    </form>
                })}
            </div>
        </header>
        {nav}
        <main id="main" class="admin" tabindex="-1">{children()}</main>
    }
}

/// A labelled input with its error, wired for screen readers.
#[component]
pub fn Field(
    form: &'static str,
    name: &'static str,
    label: String,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    /// Distinguishes the same form repeated on one page (one per row).
    #[prop(optional, into)]
    row: String,
    /// A textarea instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let echo = use_echo();
    let form_id = if row.is_empty() { form.to_string() } else { format!("{form}:{row}") };
    let error = echo.error(&form_id, name);
    let value = echo.value(&form_id, name).unwrap_or(value);
    let id = format!("{}-{}", form_id.replace(':', "-"), name);
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = [error.as_ref().map(|_| err_id.clone()), hint.as_ref().map(|_| hint_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.clone().map(|e| view! { <p class="field-error" id=err_id.clone()>{e}</p> })}
            {if multiline {
                view! {
                    <textarea id=id name=name rows="4" required=required
                        aria-invalid=error.as_ref().map(|_| "true") aria-describedby=(!described.is_empty()).then_some(described)>{value}</textarea>
                }.into_any()
            } else {
                view! {
                    <input id=id type=kind name=name value=value required=required autocomplete=autocomplete
                        aria-invalid=error.as_ref().map(|_| "true") aria-describedby=(!described.is_empty()).then_some(described)/>
                }.into_any()
            }}
        </div>
    }
}

/// A confirmation after a redirect (`?ok=<code>`).
#[component]
pub fn Notice() -> impl IntoView {
    let t = use_t();
    let query = leptos_router::hooks::use_query_map();
    move || {
        query.read().get("ok").filter(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')).map(|code| {
            view! { <p class="notice" role="status">{t(&format!("admin-ok-{code}"))}</p> }
        })
    }
}

/// The form-level message of a refused post, if any.
#[component]
pub fn FormProblem(
    form: &'static str,
    /// The row, for a form repeated on one page (as `Field`'s `row`).
    #[prop(optional, into)]
    row: String,
) -> impl IntoView {
    let echo = use_echo();
    let t = use_t();
    let form_id = if row.is_empty() { form.to_string() } else { format!("{form}:{row}") };
    let message =
        (echo.form == form_id).then(|| echo.message.clone().or_else(|| (!echo.errors.is_empty()).then(|| t("admin-fix_fields")))).flatten();
    message.map(|m| view! { <p class="problem" role="alert">{m}</p> })
}
