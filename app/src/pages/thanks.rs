use super::info::found_or_status;
use super::param;
use super::rate::load_rating_context;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where the no-JavaScript form lands after a rating was stored.
#[component]
pub fn ThanksPage() -> impl IntoView {
    let (m, s) = (param("m"), param("s"));
    let data = Resource::new(move || (m(), s()), |(m, s)| load_rating_context(m, s, None, false));
    let query = use_query_map();
    let t = use_t();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let replaced = query.read().get("opdateret").as_deref() == Some("1");
                let help = query.read().get("hjaelp").is_some();
                let workshop = crate::domain::workshop::return_to(query.read().get(crate::components::rating_form::WORKSHOP_FIELD).as_deref());
                found_or_status(data.await, |ctx| {
                        let chain = format!("/k/{}", ctx.municipality.slug);
                        view! {
                            <PageTitle text=t("thanks-title")/>
                            <PageFrame a11y_url=super::statement::statement_path(&ctx.municipality) home=chain.clone()>
                                {help.then(|| view! { <super::proposal::HelpNow/> })}
                                <div class="thanks">
                                    <h1>{t("thanks-title")}</h1>
                                    <p class="eyebrow">{ctx.service.name.clone()}</p>
                                    {replaced.then(|| view! { <p class="notice">{t("thanks-replaced")}</p> })}
                                    <p>{t("thanks-what_happens")}</p>
                                    <p>{t("thanks-change")}</p>
                                    {match workshop {
                                        Some(w) => view! { <p><a class="button primary" href=format!("/w/{w}")>{t("thanks-back_to_workshop")}</a></p> }.into_any(),
                                        None => view! { <p><a class="button primary" href=chain>{t("thanks-another")}</a></p> }.into_any(),
                                    }}
                                </div>
                            </PageFrame>
                        }
                        .into_any()
                    })
            })}
        </Suspense>
    }
}
