//! `/k/{m}/tilgaengelighed`: the municipality's accessibility statement in
//! the order of the Agency for Digital Government's WAS-Tool (status, what is
//! not accessible, how it was checked, contact, how to complain), filled
//! from the municipality's settings and from what our tests check.

use super::info::found_or_status;
use super::param;
use crate::components::{PageFrame, PageTitle};
use crate::domain::accessibility::{AccessibilitySettings, Compliance};
use crate::domain::Municipality;
use crate::i18n::{tr, tr_args, use_locale};
use leptos::prelude::*;

/// Where every page of a municipality links its accessibility statement.
pub fn statement_path(m: &Municipality) -> String {
    format!("/k/{}/tilgaengelighed", m.slug)
}

#[server]
pub async fn load_statement(m: String) -> Result<Option<(Municipality, AccessibilitySettings)>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    crate::catalogue::accessibility_statement(&state.store, &m).await.map_err(super::internal_error)
}

/// What every release is tested for (the browser and integration suites).
const TESTED: [&str; 6] = [
    "statement-test_axe",
    "statement-test_narrow",
    "statement-test_nojs",
    "statement-test_focus",
    "statement-test_projector",
    "statement-test_print",
];

#[component]
pub fn StatementPage() -> impl IntoView {
    let data = Resource::new(param("m"), load_statement);
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                found_or_status(data.await, |(mun, s)| {
                    let muni = mun.name.clone();
                    let with_name = |key: &str| tr_args(locale, key, &[("municipality", muni.clone().into())]);
                    let (intro, ask, ask_site) = (with_name("statement-intro"), with_name("statement-contact"), with_name("statement-contact_site"));
                    let status = match s.status {
                        Compliance::Full => "statement-full",
                        Compliance::Partial => "statement-partial",
                        Compliance::No => "statement-no",
                    };
                    let issues: Vec<String> = s.known_issues.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
                    let checked = match &s.checked_on {
                        Some(date) => tr_args(locale, "statement-checked_on", &[("municipality", muni.clone().into()), ("date", date.clone().into())]),
                        None => with_name("statement-not_checked"),
                    };
                    let contact = s.is_set().then(|| (s.contact.clone(), s.contact_href()));
                    let official = Some(mun.accessibility_url.clone()).filter(|u| u.starts_with("https://"));
                    view! {
                        <PageTitle text=format!("{} – {}", tr(locale, "statement-title"), mun.name)/>
                        <PageFrame a11y_url=statement_path(&mun) home=format!("/k/{}", mun.slug)>
                            <p class="eyebrow">{mun.name.clone()}</p>
                            <h1>{tr(locale, "statement-title")}</h1>
                            <div class="prose statement">
                                <p>{intro}</p>
                                <h2>{tr(locale, "statement-status")}</h2>
                                <p>{tr(locale, status)}</p>
                                <h2>{tr(locale, "statement-not_accessible")}</h2>
                                {if issues.is_empty() {
                                    view! { <p>{tr(locale, "statement-no_known_issues")}</p> }.into_any()
                                } else {
                                    view! { <ul>{issues.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
                                }}
                                <h2>{tr(locale, "statement-how_tested")}</h2>
                                <p>{checked}</p>
                                <p>{tr(locale, "statement-automatic")}</p>
                                <ul>{TESTED.iter().map(|k| view! { <li>{tr(locale, k)}</li> }).collect_view()}</ul>
                                <h2>{tr(locale, "statement-feedback")}</h2>
                                {match contact {
                                    Some((text, Some(href))) => view! { <p>{ask}" "<a href=href>{text}</a></p> }.into_any(),
                                    Some((text, None)) => view! { <p>{ask}" "{text}</p> }.into_any(),
                                    None => view! { <p>{ask_site}</p> }.into_any(),
                                }}
                                <h2>{tr(locale, "statement-enforcement")}</h2>
                                <p>{tr(locale, "statement-complain")}</p>
                                <p><a href="https://www.was.digst.dk/">{tr(locale, "statement-complain_link")}</a></p>
                                {official.map(|url| view! { <p><a href=url>{tr(locale, "statement-official")}</a></p> })}
                            </div>
                        </PageFrame>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
