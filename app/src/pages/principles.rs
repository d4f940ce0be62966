//! `/k/{m}/principper`: the chain's principles as they are now, and how
//! each has changed (and whether young people's proposals changed it).

use super::info::found_or_status;
use super::param;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::domain::principle::Principle;
use crate::domain::Municipality;
use crate::i18n::{format_date, use_locale, use_t};
use leptos::prelude::*;

#[server]
pub async fn load_principles(m: String) -> Result<Option<(Municipality, Vec<Principle>)>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    match crate::catalogue::principles_in_force(&state.store, &m).await {
        Ok(found) => Ok(Some(found)),
        Err(crate::rate::RateError::NotFound(_)) => Ok(None),
        Err(e) => Err(super::internal_error(e)),
    }
}

#[component]
pub fn PrinciplesPage() -> impl IntoView {
    let data = Resource::new(param("m"), load_principles);
    let t = use_t();
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(municipality, principles)| view! {
                    <PageTitle text=format!("{} – {}", t("principles-title"), municipality.name)/>
                    <PageFrame a11y_url=super::statement::statement_path(&municipality) home=format!("/k/{}", municipality.slug)>
                        <p class="eyebrow">{municipality.name.clone()}</p>
                        <h1>{t("principles-title")}</h1>
                        <p class="lead">{t("principles-intro")}</p>
                        <ol class="principles">
                            {principles.into_iter().map(|p| {
                                let history: Vec<_> = p.versions.iter().rev().skip(1).cloned().collect();
                                let slug = municipality.slug.clone();
                                let changed = p.current().filter(|v| v.version > 1 || v.proposal_id.is_some()).map(|v| {
                                    let changed = if v.proposal_id.is_some() { t("principles-changed_by_youth") } else { t("principles-changed") };
                                    let text = format!("{changed} {}", format_date(locale, v.valid_from));
                                    match v.proposal_id {
                                        Some(id) => view! { <a href=format!("/k/{slug}/forslag/{id}")>{text}</a> }.into_any(),
                                        None => text.into_any(),
                                    }
                                });
                                view! {
                                    <li>
                                        <h2>{p.title(locale).to_string()}</h2>
                                        <p>{p.text(locale).to_string()}</p>
                                        <p class="more"><a href=format!("/k/{}/foreslaa?kind=change&principle_id={}", municipality.slug, p.id)>{t("principles-propose_change")}<span class="visually-hidden">": "{p.title(locale).to_string()}</span></a></p>
                                        {changed.map(|c| view! { <p class="hint">{c}</p> })}
                                        {(!history.is_empty()).then(|| view! {
                                            <details>
                                                <summary>{t("principles-history")}</summary>
                                                <ul class="history">
                                                    {history.into_iter().map(|v| view! {
                                                        <li>
                                                            <strong>{format!("{} {}", t("principles-from"), format_date(locale, v.valid_from))}": "</strong>
                                                            {locale.pick(&v.title_da, &v.title_en).to_string()}" – "{locale.pick(&v.text_da, &v.text_en).to_string()}
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            </details>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </PageFrame>
                }.into_any())
            })}
        </Suspense>
    }
}
