use super::{AdminFrame, Field, FormProblem, Notice};
use crate::components::PageTitle;
use crate::i18n::use_t;
#[cfg(feature = "ssr")]
use crate::pages::OrUnavailable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Only paths on this site may be returned to after sign-in.
pub fn safe_next(next: Option<String>) -> String {
    // Only our own staff pages, and only as a clean path (never another site).
    next.filter(|p| (p.starts_with("/admin") || p.starts_with("/styring/")) && crate::domain::return_path::same_site(p).is_some())
        .unwrap_or_else(|| "/admin".into())
}

/// `/login`: e-mail and password. The form posts to `/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_t();
    let query = use_query_map();
    let next = safe_next(query.read_untracked().get("next"));
    view! {
        <AdminFrame m=None>
            <PageTitle text=t("login-title")/>
            <h1>{t("login-title")}</h1>
            <p>{t("login-intro")}</p>
            <Notice/>
            <SsoButtons next=next.clone()/>
            <form method="post" action="/login" class="admin-form narrow">
                <FormProblem form="login"/>
                <input type="hidden" name="next" value=next/>
                <Field form="login" name="email" label=t("login-email") kind="email" required=true autocomplete="username"/>
                <Field form="login" name="password" label=t("login-password") kind="password" required=true autocomplete="current-password"/>
                <button type="submit" class="button primary">{t("login-submit")}</button>
            </form>
            <p class="hint">{t("login-youth_note")}</p>
        </AdminFrame>
    }
}

/// A button per municipality that signs in with its own identity
/// provider (plain links: they work without JavaScript).
#[component]
fn SsoButtons(next: String) -> impl IntoView {
    let t = use_t();
    #[cfg(feature = "ssr")]
    let buttons = expect_context::<crate::state::AppState>().settings.sso.clone();
    #[cfg(not(feature = "ssr"))]
    let buttons: Vec<(String, String)> = vec![];
    let echo = super::use_echo();
    let failed = echo.form == "sso";
    (!buttons.is_empty() || failed).then(|| {
        let links = buttons
            .into_iter()
            .map(|(slug, label)| {
                let href = format!("/login/sso/{slug}?next={}", crate::domain::return_path::percent_encode(&next));
                view! { <li><a class="button primary" href=href>{label}</a></li> }
            })
            .collect_view();
        view! {
            <section class="sso" aria-labelledby="sso-title">
                <h2 id="sso-title">{t("login-sso_title")}</h2>
                <FormProblem form="sso"/>
                <ul class="sso-buttons">{links}</ul>
                <p>{t("login-sso_or")}</p>
            </section>
        }
    })
}

pub use crate::staff::PasswordLink;

#[server]
pub async fn password_link_email(token: String) -> Result<PasswordLink, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    crate::staff::link_state(&state.store, &token).await.or_unavailable()
}

/// `/adgangskode/{token}`: choose a password with a one-time link.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let t = use_t();
    let token = crate::pages::param("token");
    let email = Resource::new(token, password_link_email);
    view! {
        <AdminFrame m=None>
            <PageTitle text=t("password-title")/>
            <h1>{t("password-title")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match email.await {
                        Ok(PasswordLink::For(email)) => view! {
                            <p>{t("password-for")}" "<strong>{email}</strong></p>
                            <p class="hint">{t("password-rules")}</p>
                            <form method="post" action=format!("/adgangskode/{}", token()) class="admin-form narrow">
                                <FormProblem form="password"/>
                                <Field form="password" name="password" label=t("password-new") kind="password" required=true autocomplete="new-password"/>
                                <Field form="password" name="confirm" label=t("password-confirm") kind="password" required=true autocomplete="new-password"/>
                                <button type="submit" class="button primary">{t("password-submit")}</button>
                            </form>
                        }.into_any(),
                        Ok(PasswordLink::Dead) => {
                            crate::components::layout::set_status(404);
                            view! { <p role="alert">{t("password-dead_link")}</p> }.into_any()
                        }
                        Ok(PasswordLink::Outgrown) => {
                            crate::components::layout::set_status(410);
                            view! { <p role="alert">{t("password-outgrown_link")}</p> }.into_any()
                        }
                        Err(_) => view! { <crate::pages::info::Unavailable/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
}
