//! The dashboard's assumption checks: each assumption with its evidence so
//! far and the verdict, linking to where managers write them.

use crate::governance::Dashboard;
use crate::i18n::{tr, use_locale};
use crate::pages::admin::{evidence_text, leaning_text};
use leptos::prelude::*;

#[component]
pub fn Assumptions(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let manage = format!("/admin/{}/antagelser", d.slug);
    view! {
        <section aria-labelledby="g-assumptions">
            <h2 id="g-assumptions">{tr(locale, "gov-assumptions_tested_criterion_12")}</h2>
            <p class="hint">{tr(locale, "gov-all_answers_since_assumption")}</p>
            {if d.assumptions.is_empty() {
                view! { <p>{tr(locale, "gov-no_assumptions_yet")}</p> }.into_any()
            } else {
                view! {
                    <ul class="assumption-list">
                        {d.assumptions.into_iter().map(|v| {
                            let status = v.assumption.verdict.map_or_else(|| tr(locale, "gov-being_asked").to_string(), |x| x.label(locale).to_string());
                            view! {
                                <li>
                                    <strong>{v.assumption.statement.clone()}</strong>" "<span class="badge">{status}</span>
                                    <br/>{evidence_text(&v.evidence, locale)}
                                    {leaning_text(&v, locale).map(|l| view! { " "{l} })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="no-print"><a href=manage>{tr(locale, "gov-write_and_decide_assumptions")}</a></p>
        </section>
    }
}
