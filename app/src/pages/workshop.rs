//! The youth side of a workshop: `/w` (join with the code) and `/w/{id}`
//! (only the current activity). Both are plain forms, so a phone without
//! JavaScript takes part fully; with JavaScript the page follows the room.

use super::info::found_or_status;
use super::proposal::HelpNow;
use crate::components::workshop::{phase_text, state_key, ParticipantLive, ResultsView};
use crate::components::{IslandScripts, PageFrame, PageTitle};
use crate::domain::workshop::{Activity, Phase, Snapshot};
use crate::domain::Locale;
use crate::i18n::{tr, tr_args, use_locale};
#[cfg(feature = "ssr")]
use crate::pages::OrUnavailable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// What a refused form post hands back: the values typed and each field's
/// message, already in the page's language.
#[derive(Clone, Debug, Default)]
pub struct WorkshopEcho {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl WorkshopEcho {
    fn value(&self, name: &str) -> Option<String> {
        self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
    fn error(&self, name: &str) -> Option<String> {
        self.errors.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

fn echo() -> WorkshopEcho {
    use_context::<WorkshopEcho>().unwrap_or_default()
}

fn error_id(name: &str) -> String {
    format!("err-{}", name.replace('.', "-"))
}

#[component]
fn FieldError(#[prop(into)] name: String) -> impl IntoView {
    echo().error(&name).map(|e| view! { <p class="field-error" id=error_id(&name)>{e}</p> })
}

/// `aria-describedby` for a field whose form came back with an error for `name`.
fn described_by(name: &str) -> Option<String> {
    echo().error(name).map(|_| error_id(name))
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let echo = echo();
    let code = echo.value("code").or_else(|| query.read_untracked().get("kode")).unwrap_or_default();
    let problem = echo.error("code").or_else(|| echo.error("form"));
    let title = tr(locale, "workshop-join_workshop");
    view! {
        <PageTitle text=title.clone()/>
        <PageFrame>
            <h1>{title}</h1>
            <p class="lead">{tr(locale, "workshop-type_code_from_screen")}</p>
            <form method="post" action="/w" class="join-form" novalidate>
                <div class="field">
                    <label for="code">{tr(locale, "workshop-code_6_characters")}</label>
                    {problem.clone().map(|e| view! { <p class="field-error" id="err-code" role="alert">{e}</p> })}
                    <input id="code" name="code" class="code-input" value=code required autocomplete="off" autocapitalize="characters"
                        spellcheck="false" maxlength="9" aria-invalid=problem.is_some().then_some("true")
                        aria-describedby=problem.is_some().then_some("err-code")/>
                </div>
                <div class="field">
                    <label for="nickname">{tr(locale, "workshop-nickname_optional")}</label>
                    <p class="hint" id="nickname-hint">{tr(locale, "workshop-shown_only_during_workshop")}</p>
                    <FieldError name="nickname"/>
                    <input id="nickname" name="nickname" value=echo.value("nickname").unwrap_or_default() maxlength="30" autocomplete="off"
                        aria-invalid=echo.error("nickname").map(|_| "true")
                        aria-describedby=described_by("nickname").map_or_else(|| "nickname-hint".to_string(), |e| format!("nickname-hint {e}"))/>
                </div>
                <button type="submit" class="button primary">{tr(locale, "workshop-join")}</button>
            </form>
        </PageFrame>
    }
}

/// Everything the participant's page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantView {
    /// Only for the workshop's participants and its municipality's staff:
    /// ids are sequential, and a stranger must not read the room (or its code).
    pub snapshot: Option<Snapshot>,
    pub municipality: String,
    pub joined: bool,
    pub nickname: Option<String>,
    /// This participant's answers to the current activity: (item, value).
    pub mine: Vec<(i64, String)>,
}

#[server]
pub async fn load_participant(id: String) -> Result<Option<ParticipantView>, ServerFnError> {
    use crate::workshop::WorkshopError;
    let Ok(id) = id.parse::<i64>() else { return Ok(None) };
    let state = expect_context::<crate::state::AppState>();
    let w = match crate::workshop::workshop(&state.store, id).await {
        Ok(w) => w,
        Err(WorkshopError::NotFound) => return Ok(None),
        Err(e) => return Err(super::internal_error(e)),
    };
    let municipality = crate::municipality::by_id(&state.store, w.municipality_id).await.or_unavailable()?;
    let me = match super::participant_key(id) {
        Some(h) => crate::workshop::member(&state.store, id, &h).await.or_unavailable()?,
        None => None,
    };
    let staff = super::admin::current_staff();
    if !crate::domain::workshop::may_watch(me.is_some(), staff.as_ref(), municipality.as_ref().map(|m| m.slug.as_str())) {
        return Ok(Some(ParticipantView { snapshot: None, municipality: String::new(), joined: false, nickname: None, mine: Vec::new() }));
    }
    // Only for those who may watch: reading a snapshot can write the next
    // release of revealed results.
    let snapshot = crate::workshop::snapshot(&state.store, id).await.or_unavailable()?;
    let mine = match (&me, w.current()) {
        (Some((pid, _)), Some(_)) => crate::workshop::my_answers(&state.store, &w, *pid).await.or_unavailable()?,
        _ => Vec::new(),
    };
    Ok(Some(ParticipantView {
        snapshot: Some(snapshot),
        municipality: municipality.map(|m| m.slug).unwrap_or_default(),
        joined: me.is_some(),
        nickname: me.and_then(|(_, n)| n),
        mine,
    }))
}

#[component]
pub fn ParticipantPage() -> impl IntoView {
    let id = super::param("id");
    let data = Resource::new(id, load_participant);
    let locale = use_locale();
    let query = use_query_map();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let (saved, help, late) = query.with_untracked(|q| (q.get("gemt").is_some(), q.get("hjaelp").is_some(), q.get("lukket").is_some()));
                found_or_status(data.await, move |v| {
                    let Some(s) = v.snapshot.clone() else { return not_joined(locale).into_any() };
                    let running = s.state.phase == Phase::Running;
                    let notice = tr(locale, "workshop-facilitator_has_moved_on").to_string();
                    let go = tr(locale, "workshop-show_new_activity").to_string();
                    view! {
                        <PageTitle text=s.title.clone()/>
                        <PageFrame>
                            // A small header, so that on a phone the task is above the fold.
                            <p class="crumbs">{tr(locale, "workshop-name")}
                                {v.joined.then(|| {
                                    let who = v.nickname.clone().map(|n| tr_args(locale, "workshop-taking_part_as", &[("name", n.into())]))
                                        .unwrap_or_else(|| tr(locale, "workshop-you_are_taking_part_2").to_string());
                                    view! { " · "<span class="who">{who}</span> }
                                })}
                            </p>
                            <h1 class="workshop-title">{s.title.clone()}</h1>
                            {saved.then(|| view! { <p class="notice" role="status">{tr(locale, "workshop-your_answer_is_saved")}</p> })}
                            {help.then(|| view! { <HelpNow/> })}
                            {late.then(|| view! { <p class="problem" role="alert">{tr(locale, "workshop-activity_closed_before_your")}</p> })}
                            <p class="workshop-status"><span class="badge">{phase_text(&s.state, locale)}</span>
                                {s.activity.is_some().then(|| view! {
                                    " "<span class="step">{tr_args(locale, "workshop-activity_of", &[("n", (s.state.current + 1).into()), ("total", s.activities.into())])}</span>
                                })}
                            </p>
                            {s.activity.clone().map(|a| {
                                view! {
                                    <section class="activity" aria-labelledby="activity-title">
                                        <h2 id="activity-title">{a.title().to_string()}</h2>
                                        {(running && v.joined).then(|| view! { <AnswerForm id=s.id index=s.state.current activity=a.clone() mine=v.mine.clone() municipality=v.municipality.clone()/> })}
                                        {s.results.clone().map(|r| view! {
                                            <h3>{tr(locale, "workshop-results")}</h3>
                                            <ResultsView activity=a.clone() results=r locale=locale level=4/>
                                        })}
                                    </section>
                                }
                            })}
                            {(s.state.phase == Phase::Closed && !v.municipality.is_empty()).then(|| view! {
                                <p><a class="button" href=format!("/k/{}/forslag", v.municipality)>{tr(locale, "workshop-see_young_people_s")}</a></p>
                            })}
                            <p class="refresh"><a href=format!("/w/{}", s.id)>{tr(locale, "workshop-refresh_page")}</a></p>
                            {(v.joined && s.state.phase != Phase::Closed).then(|| view! { <ParticipantLive id=s.id key=state_key(&s.state) notice=notice go=go/> })}
                            <IslandScripts/>
                        </PageFrame>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

/// `/w/{id}` for someone who has not joined: nothing of the room, only the way in.
fn not_joined(locale: Locale) -> impl IntoView {
    let title = tr(locale, "workshop-name");
    view! {
        <PageTitle text=title.clone()/>
        <PageFrame>
            <h1>{title}</h1>
            <p class="problem" role="alert">{tr(locale, "workshop-you_have_not_joined")}" "<a href="/w">{tr(locale, "workshop-join_with_code_from")}</a></p>
        </PageFrame>
    }
}

fn vote_label(v: &str, locale: Locale) -> String {
    match v {
        "agree" => tr(locale, "workshop-agree"),
        "disagree" => tr(locale, "workshop-disagree"),
        _ => tr(locale, "workshop-pass"),
    }
}

#[component]
fn AnswerForm(id: i64, index: usize, activity: Activity, mine: Vec<(i64, String)>, municipality: String) -> impl IntoView {
    let locale = use_locale();
    let echo = echo();
    let previous = |item: i64| mine.iter().find(|(i, _)| *i == item).map(|(_, v)| v.clone());
    let typed = |name: &str, item: i64| echo.value(name).or_else(|| previous(item));
    let fields = match &activity {
        Activity::Rate { services, .. } => {
            return view! {
                <p>{tr(locale, "workshop-rate_services_with_usual")}</p>
                <ul class="link-list">{services.iter().map(|(slug, name)| view! {
                    <li><a class="button" href=format!("/k/{municipality}/s/{slug}?kanal=workshop&w={id}")>{tr_args(locale, "workshop-rate_service", &[("name", name.clone().into())])}</a></li>
                }).collect_view()}</ul>
            }
            .into_any()
        }
        Activity::Poll { options, .. } => {
            let chosen = typed("option", 0);
            view! {
                <fieldset>
                    <legend>{tr(locale, "workshop-choose_one_answer")}</legend>
                    <FieldError name="option"/>
                    {options.iter().enumerate().map(|(i, o)| {
                        let fid = format!("option-{i}");
                        view! { <div class="field check"><input type="radio" id=fid.clone() name="option" value=i.to_string() checked=chosen.as_deref() == Some(&i.to_string()) aria-describedby=described_by("option")/><label for=fid>{o.clone()}</label></div> }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Activity::Dots { options, dots, .. } => {
            let given: Vec<String> = previous(0).map(|v| v.split(',').map(str::to_string).collect()).unwrap_or_default();
            // Without JavaScript each option is a number field; the live
            // script turns them into − / + buttons with the dots left shown.
            view! {
                <fieldset class="dot-vote" data-dots=dots.to_string() data-left-one=tr(locale, "workshop-dots_left_one") data-left-other=tr(locale, "workshop-dots_left_other")
                    data-add=tr(locale, "workshop-dot_add") data-remove=tr(locale, "workshop-dot_remove")>
                    <legend>{tr_args(locale, "workshop-dots_to_give", &[("dots", i64::from(*dots).into())])}</legend>
                    <p class="dots-left" aria-live="polite" hidden></p>
                    <FieldError name="dots"/>
                    {options.iter().enumerate().map(|(i, o)| {
                        let name = format!("dots.{i}");
                        let value = echo.value(&name).or_else(|| given.get(i).cloned()).unwrap_or_else(|| "0".into());
                        view! {
                            <div class="field dots">
                                <label for=name.clone()>{o.clone()}</label>
                                <FieldError name=name.clone()/>
                                <input type="number" id=name.clone() name=name.clone() min="0" max=dots.to_string() inputmode="numeric" value=value
                                    aria-invalid=echo.error(&name).map(|_| "true") aria-describedby=described_by(&name).or_else(|| described_by("dots"))/>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Activity::Statements { statements, .. } => view! {
            <p>{tr(locale, "workshop-answer_as_many_as")}</p>
            <FieldError name="vote"/>
            {statements.iter().enumerate().map(|(i, st)| {
                let name = format!("vote.{i}");
                let chosen = typed(&name, i as i64);
                view! {
                    <fieldset class="statement-vote">
                        <legend>{st.clone()}</legend>
                        // The whole card is the tap target (as on the rating page).
                        <div class="choices pills">
                            {["agree", "disagree", "pass"].into_iter().map(|v| {
                                let fid = format!("vote-{i}-{v}");
                                view! {
                                    <label class="choice" for=fid.clone()>
                                        <input type="radio" id=fid.clone() name=name.clone() value=v checked=chosen.as_deref() == Some(v) aria-describedby=described_by("vote")/>
                                        <span class="choice-label">{vote_label(v, locale)}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }
            }).collect_view()}
        }
        .into_any(),
        Activity::Ideas { .. } => view! {
            <div class="field">
                <label for="idea">{tr(locale, "workshop-your_idea")}</label>
                <p class="hint" id="idea-hint">{tr(locale, "workshop-at_most_200_characters")}</p>
                <FieldError name="idea"/>
                <textarea id="idea" name="idea" maxlength="200" rows="3" aria-invalid=echo.error("idea").map(|_| "true")
                    aria-describedby=described_by("idea").map_or_else(|| "idea-hint".to_string(), |e| format!("idea-hint {e}"))>{echo.value("idea").unwrap_or_default()}</textarea>
            </div>
        }
        .into_any(),
    };
    view! {
        <form method="post" action=format!("/w/{id}/svar") class="answer-form" novalidate>
            <input type="hidden" name="activity" value=index.to_string()/>
            {fields}
            <button type="submit" class="button primary">{tr(locale, "workshop-send")}</button>
        </form>
    }
    .into_any()
}
