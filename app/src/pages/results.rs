//! `/k/{m}/resultater`: "you said, we did". Answered proposals, what changed,
//! and how responsive the municipality is.

use super::info::found_or_status;
use super::param;
use super::proposal::StatusBadge;
use crate::codesign::Results;
use crate::components::PageFrame;
use crate::components::PageTitle;
use crate::domain::proposal::ProposalKind;
use crate::i18n::{format_date, format_decimal, tr_args, use_locale, use_t};
use leptos::prelude::*;

#[server]
pub async fn load_results(m: String) -> Result<Option<Results>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    super::codesign_result(crate::codesign::results(&state.store, &m).await)
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let data = Resource::new(param("m"), load_results);
    let t = use_t();
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |r| {
                    let m = r.municipality.slug.clone();
                    let f = r.figures.clone();
                    let pct = |v: Option<i64>| v.map(|v| format!("{v} %")).unwrap_or_else(|| "–".into());
                    let median = f.median_days.map(|d| format_decimal(locale, d, 0)).unwrap_or_else(|| "–".into());
                    let items: Vec<AnyView> = r.answered.iter().map(|p| {
                        let changed = r.changed_by(p.id).map(|pr| {
                            let version = pr.versions.iter().find(|v| v.proposal_id == Some(p.id)).map(|v| v.version).unwrap_or(1);
                            format!("{} “{}” ({} {version})", t("results-changed_principle"), pr.title(locale), t("results-version"))
                        });
                        let removed = (p.kind == ProposalKind::Remove && p.status == crate::domain::proposal::Status::Adopted)
                            .then(|| r.principle(p.principle_id).map(|pr| format!("{} “{}”", t("results-removed_principle"), pr.title(locale))))
                            .flatten();
                        view! {
                            <li class="card">
                                <h3><a href=format!("/k/{m}/forslag/{}", p.id)>{p.title.clone()}</a></h3>
                                <p class="meta"><StatusBadge status=p.status/>" · "{format!("{} {}", t("results-answered_on"), p.answered_at.map(|a| format_date(locale, a)).unwrap_or_default())}</p>
                                {p.answer.clone().map(|a| view! { <p class="proposal-text">{a}</p> })}
                                {changed.or(removed).map(|c| view! { <p class="changed"><strong>{c}</strong></p> })}
                            </li>
                        }.into_any()
                    }).collect();
                    view! {
                        <PageTitle text=format!("{} – {}", t("results-title"), r.municipality.name)/>
                        <PageFrame a11y_url=super::statement::statement_path(&r.municipality) home=format!("/k/{m}")>
                            <p class="eyebrow">{r.municipality.name.clone()}</p>
                            <h1>{t("results-title")}</h1>
                            <p class="lead">{t("results-intro")}</p>
                            <dl class="figures">
                                <div><dt>{t("results-proposals")}</dt><dd>{f.proposals}</dd></div>
                                <div><dt>{t("results-share_answered")}</dt><dd>{pct(f.share_answered())}</dd></div>
                                <div><dt>{t("results-median_days")}</dt><dd>{median}</dd></div>
                                <div><dt>{t("results-share_changed")}</dt><dd>{pct(f.share_changed())}</dd></div>
                            </dl>
                            <p class="hint">{tr_args(locale, "results-deadline", &[("days", r.municipality.response_days.into())])}</p>
                            <h2>{t("results-answered")}</h2>
                            {items.is_empty().then(|| view! { <p>{t("results-none")}</p> })}
                            <ul class="cards">{items}</ul>
                            <p class="more">
                                <a href=format!("/k/{m}/forslag")>{t("proposals-title")}</a>" · "
                                <a href=format!("/k/{m}/principper")>{t("principles-link")}</a>
                            </p>
                        </PageFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
