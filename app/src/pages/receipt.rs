//! `/kvittering/{code}` (and `/kvittering?kode=…`): a proposal followed by
//! its receipt code: status, moderation, history and the official answer.
//! No account: whoever holds the code sees it, published or not.

use super::info::found_or_status;
use super::proposal::{HelpNow, ProposalDetail};
use crate::codesign::ProposalView;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::domain::proposal::Moderation;
use crate::domain::public::Moderated;
use crate::i18n::use_t;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[server]
pub async fn load_receipt(code: String) -> Result<Option<ProposalView>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    super::codesign_result(crate::codesign::receipt_view(&state.store, &code).await)
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.read().get("code").or_else(|| query.read().get("kode")).unwrap_or_default();
    let data = Resource::new(code, load_receipt);
    let t = use_t();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let typed = code();
                let fresh = query.read().get("ny").is_some();
                if typed.trim().is_empty() {
                    return view! { <PageFrame><PageTitle text=t("receipt-title")/><h1>{t("receipt-title")}</h1><Lookup typed=typed/></PageFrame> }.into_any();
                }
                match data.await {
                    Ok(None) => {
                        crate::components::layout::set_status(404);
                        view! {
                        <PageFrame>
                            <PageTitle text=t("receipt-title")/>
                            <h1>{t("receipt-title")}</h1>
                            <p class="problem" role="alert">{t("receipt-unknown")}</p>
                            <Lookup typed=typed/>
                        </PageFrame>
                    }.into_any()
                    }
                    other => found_or_status(other, move |v| receipt(v, typed, fresh)),
                }
            })}
        </Suspense>
    }
}

fn receipt(v: ProposalView, code: String, fresh: bool) -> AnyView {
    let t = use_t();
    let m = v.municipality.slug.clone();
    let p = v.proposal.clone();
    let own = v.own.clone().unwrap_or(Moderated { moderation: Moderation::Pending, rejection_reason: None, help_now: false });
    let moderation = match own.moderation {
        Moderation::Pending => view! { <p class="notice">{t("receipt-pending")}</p> }.into_any(),
        Moderation::Rejected => view! {
            <div class="problem">
                <p><strong>{t("receipt-rejected")}</strong></p>
                {own.rejection_reason.clone().map(|r| view! { <p>{t("receipt-reason")}": "{r}</p> })}
            </div>
        }
        .into_any(),
        Moderation::Approved => view! {
            <p><a href=format!("/k/{m}/forslag/{}", p.id)>{t("receipt-public_page")}</a></p>
        }
        .into_any(),
    };
    // The help lines stay on the receipt while the text waits for a person.
    let help = own.help_now;
    view! {
        <PageTitle text=format!("{} – {}", t("receipt-title"), p.title)/>
        <PageFrame a11y_url=super::statement::statement_path(&v.municipality) home=format!("/k/{}", v.municipality.slug)>
            {help.then(|| view! { <HelpNow/> })}
            {fresh.then(|| view! {
                <section class="receipt-box" aria-labelledby="receipt-new">
                    <h2 id="receipt-new">{t("receipt-thanks")}</h2>
                    <p>{t("receipt-keep")}</p>
                    <p class="receipt-code"><code>{code.clone()}</code></p>
                    <p class="hint">{t("receipt-keep_hint")}</p>
                </section>
            })}
            <p class="eyebrow">{format!("{} · {}", t("receipt-title"), v.municipality.name)}</p>
            {moderation}
            <ProposalDetail view=v/>
            <p class="more"><a href=format!("/k/{m}/forslag")>{t("proposals-title")}</a></p>
        </PageFrame>
    }
    .into_any()
}

/// A plain GET form, so the lookup works without JavaScript.
#[component]
fn Lookup(typed: String) -> impl IntoView {
    let t = use_t();
    view! {
        <form method="get" action="/kvittering" class="lookup">
            <div class="field">
                <label for="receipt-code">{t("receipt-code_label")}</label>
                <p class="hint" id="receipt-code-hint">{t("receipt-code_hint")}</p>
                <input id="receipt-code" name="kode" value=typed autocomplete="off" autocapitalize="characters" spellcheck="false"
                    aria-describedby="receipt-code-hint" required=true/>
            </div>
            <button type="submit" class="button primary">{t("receipt-look_up")}</button>
        </form>
    }
}
