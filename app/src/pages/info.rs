use crate::components::PageTitle;
use crate::components::{layout::set_status, PageFrame};
use crate::i18n::use_t;
use leptos::prelude::*;

/// Renders found data with `found`, or the "not found" (404) or
/// "unavailable" (503) page.
pub fn found_or_status<T>(data: Result<Option<T>, ServerFnError>, found: impl FnOnce(T) -> AnyView) -> AnyView {
    match data {
        Ok(Some(value)) => found(value),
        Ok(None) => view! { <PageFrame><NotFound/></PageFrame> }.into_any(),
        Err(_) => view! { <PageFrame><Unavailable/></PageFrame> }.into_any(),
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <PageFrame><NotFound/></PageFrame> }
}

/// "Not found" inside a page frame; the status is 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = use_t();
    view! {
        <PageTitle text=t("notfound-title")/>
        <h1>{t("notfound-title")}</h1>
        <p>{t("notfound-body")}</p>
        <p><a class="button" href="/">{t("nav-home")}</a></p>
    }
}

/// Shown when the database cannot answer; the status is 503, not a 500.
#[component]
pub fn Unavailable() -> impl IntoView {
    set_status(503);
    let t = use_t();
    view! {
        <PageTitle text=t("error-title")/>
        <h1>{t("error-title")}</h1>
        <p>{t("error-body")}</p>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let t = use_t();
    view! {
        <PageTitle text=t("privacy-title")/>
        <PageFrame>
            <h1>{t("privacy-title")}</h1>
            <div class="prose">
                <p>{t("privacy-p1")}</p>
                <p>{t("privacy-p2")}</p>
                <p>{t("privacy-p3")}</p>
                <p>{t("privacy-p4")}</p>
                <p>{t("privacy-p5")}</p>
                <p>{t("privacy-p6")}</p>
            </div>
        </PageFrame>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let t = use_t();
    view! {
        <PageTitle text=t("a11y-title")/>
        <PageFrame>
            <h1>{t("a11y-title")}</h1>
            <div class="prose">
                <p>{t("a11y-p1")}</p>
                <p>{t("a11y-p2")}</p>
            </div>
        </PageFrame>
    }
}
