use super::info::Unavailable;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::domain::Municipality;
use crate::i18n::use_t;
#[cfg(feature = "ssr")]
use crate::pages::OrUnavailable;
use leptos::prelude::*;

#[server]
pub async fn load_municipalities() -> Result<Vec<Municipality>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    crate::municipality::all(&state.store).await.or_unavailable()
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    let data = Resource::new(|| (), |_| load_municipalities());
    view! {
        <PageTitle text=format!("{} – {}", t("site-name"), t("site-tagline"))/>
        <PageFrame>
            <h1>{t("home-title")}</h1>
            <div class="prose">
                <p class="lead">{t("home-intro1")}</p>
                <p>{t("home-intro2")}</p>
            </div>
            <h2>{t("home-choose")}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p>{t("home-none")}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="cards">
                                {list.into_iter().map(|m| view! {
                                    <li><a class="card" href=format!("/k/{}", m.slug)>{m.name}</a></li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <Unavailable/> }.into_any(),
                    }
                })}
            </Suspense>
        </PageFrame>
    }
}
