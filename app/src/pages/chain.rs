use super::info::found_or_status;
use super::param;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::domain::service::{category_label, Service, ServiceKind};
use crate::domain::{Locale, Municipality};
use crate::i18n::{use_locale, use_t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[server]
pub async fn load_chain(m: String) -> Result<Option<(Municipality, Vec<Service>)>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    match crate::catalogue::services(&state.store, &m).await {
        Ok(found) => Ok(Some(found)),
        Err(crate::rate::RateError::NotFound(_)) => Ok(None),
        Err(e) => Err(super::internal_error(e)),
    }
}

/// The filter from the query string: free text and internal/external.
fn matches(s: &Service, text: &str, kind: Option<ServiceKind>) -> bool {
    let text = text.trim().to_lowercase();
    kind.is_none_or(|k| s.kind == k)
        && (text.is_empty()
            || s.name.to_lowercase().contains(&text)
            || s.description_da.to_lowercase().contains(&text)
            || s.description_en.to_lowercase().contains(&text))
}

#[component]
pub fn ChainPage() -> impl IntoView {
    let m = param("m");
    let query = use_query_map();
    let data = Resource::new(m, load_chain);
    let t = use_t();
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let text = query.read().get("q").unwrap_or_default();
                let kind = query.read().get("vis").and_then(|v| ServiceKind::parse(&v));
                found_or_status(data.await, |(municipality, services)| {
                        let shown: Vec<Service> = services.into_iter().filter(|s| matches(s, &text, kind)).collect();
                        view! {
                            <PageTitle text=format!("{} – {}", t("chain-title"), municipality.name)/>
                            <PageFrame a11y_url=super::statement::statement_path(&municipality) home=format!("/k/{}", municipality.slug)>
                                <p class="eyebrow">{municipality.name.clone()}</p>
                                <h1>{t("chain-title")}</h1>
                                <p class="lead">{t("chain-intro")}</p>
                                <Filter text=text.clone() kind=kind/>
                                {shown.is_empty().then(|| view! { <p role="status">{t("chain-no_match")}</p> })}
                                <Group title=t("chain-internal") m=municipality.slug.clone() services=shown.iter().filter(|s| s.kind == ServiceKind::Internal).cloned().collect() locale=locale/>
                                <Group title=t("chain-external") m=municipality.slug.clone() services=shown.into_iter().filter(|s| s.kind == ServiceKind::External).collect() locale=locale/>
                                <p class="more">
                                    <a href=format!("/k/{}/forslag", municipality.slug)>{t("proposals-link")}</a><br/>
                                    <a href=format!("/k/{}/principper", municipality.slug)>{t("principles-link")}</a><br/>
                                    <a href=format!("/k/{}/resultater", municipality.slug)>{t("results-link")}</a>
                                </p>
                            </PageFrame>
                        }.into_any()
                    })
            })}
        </Suspense>
    }
}

/// A plain GET form: filtering works without JavaScript.
#[component]
fn Filter(text: String, kind: Option<ServiceKind>) -> impl IntoView {
    let t = use_t();
    let option = move |value: &'static str, label: String, selected: bool| view! { <option value=value selected=selected>{label}</option> };
    view! {
        <form method="get" class="filter" role="search">
            <div class="field">
                <label for="q">{t("chain-filter_text")}</label>
                <input type="search" id="q" name="q" value=text autocomplete="off"/>
            </div>
            <div class="field">
                <label for="vis">{t("chain-filter_kind")}</label>
                <select id="vis" name="vis">
                    {option("", t("chain-kind_all"), kind.is_none())}
                    {option("internal", t("chain-internal"), kind == Some(ServiceKind::Internal))}
                    {option("external", t("chain-external"), kind == Some(ServiceKind::External))}
                </select>
            </div>
            <button type="submit" class="button">{t("chain-filter_button")}</button>
        </form>
    }
}

#[component]
fn Group(title: String, m: String, services: Vec<Service>, locale: Locale) -> impl IntoView {
    (!services.is_empty()).then(|| {
        view! {
            <section class="group">
                <h2>{title}</h2>
                <ul class="cards">
                    {services.into_iter().map(|s| {
                        let href = format!("/k/{}/s/{}", m, s.slug);
                        let description = locale.pick(&s.description_da, &s.description_en).to_string();
                        view! {
                            <li>
                                <a class="card service" href=href>
                                    <span class="card-title">{s.name}</span>
                                    <span class="card-meta">{category_label(&s.category, locale == Locale::Da).to_string()}</span>
                                    <span class="card-text">{description}</span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_matches_text_and_kind() {
        let s = Service {
            id: 1,
            slug: "fgu".into(),
            name: "FGU Demo".into(),
            description_da: "Forberedende".into(),
            description_en: "Preparatory".into(),
            kind: ServiceKind::External,
            category: "fgu".into(),
            active: true,
        };
        assert!(matches(&s, "", None));
        assert!(matches(&s, "fgu", Some(ServiceKind::External)));
        assert!(matches(&s, "PREP", None));
        assert!(!matches(&s, "fgu", Some(ServiceKind::Internal)));
        assert!(!matches(&s, "jobcenter", None));
    }
}
