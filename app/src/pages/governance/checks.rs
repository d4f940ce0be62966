//! The dashboard's assumption checks: each assumption with its evidence so
//! far and the verdict, linking to where managers write them.

use crate::governance::Dashboard;
use crate::i18n::use_locale;
use crate::pages::admin::{evidence_text, leaning_text};
use leptos::prelude::*;

#[component]
pub fn Assumptions(d: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let manage = format!("/admin/{}/antagelser", d.slug);
    view! {
        <section aria-labelledby="g-assumptions">
            <h2 id="g-assumptions">{locale.pick("Antagelser afprøvet (kriterium 12)", "Assumptions tested (criterion 12)")}</h2>
            <p class="hint">{locale.pick(
                "Alle svar, siden antagelsen blev skrevet. Andelen har et 95 %-interval; jo færre svar, jo bredere.",
                "All answers since the assumption was written. The share has a 95 % interval; the fewer the answers, the wider it is.")}</p>
            {if d.assumptions.is_empty() {
                view! { <p>{locale.pick("Ingen antagelser endnu.", "No assumptions yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="assumption-list">
                        {d.assumptions.into_iter().map(|v| {
                            let status = v.assumption.verdict.map_or_else(|| locale.pick("Spørges nu", "Being asked").to_string(), |x| x.label(locale).to_string());
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
            <p class="no-print"><a href=manage>{locale.pick("Skriv og afgør antagelser", "Write and decide assumptions")}</a></p>
        </section>
    }
}
