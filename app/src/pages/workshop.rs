//! The youth side of a workshop: `/w` (join with the code) and `/w/{id}`
//! (only the current activity). Both are plain forms, so a phone without
//! JavaScript takes part fully; with JavaScript the page follows the room.

use super::info::found_or_status;
use super::proposal::HelpNow;
use crate::components::workshop::{phase_text, state_key, ParticipantLive, ResultsView};
use crate::components::{IslandScripts, PageFrame, PageTitle};
use crate::domain::workshop::{Activity, Phase, Snapshot};
use crate::domain::Locale;
use crate::i18n::use_locale;
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
    let title = locale.pick("Deltag i en workshop", "Join a workshop");
    view! {
        <PageTitle text=title/>
        <PageFrame>
            <h1>{title}</h1>
            <p class="lead">{locale.pick("Skriv koden fra skærmen. Du er anonym: vi gemmer ikke dit navn.", "Type the code from the screen. You are anonymous: we do not store your name.")}</p>
            <form method="post" action="/w" class="join-form">
                <div class="field">
                    <label for="code">{locale.pick("Kode (6 tegn)", "Code (6 characters)")}</label>
                    {problem.clone().map(|e| view! { <p class="field-error" id="err-code" role="alert">{e}</p> })}
                    <input id="code" name="code" class="code-input" value=code required autocomplete="off" autocapitalize="characters"
                        spellcheck="false" maxlength="9" aria-invalid=problem.is_some().then_some("true")
                        aria-describedby=problem.is_some().then_some("err-code")/>
                </div>
                <div class="field">
                    <label for="nickname">{locale.pick("Kaldenavn (frivilligt)", "Nickname (optional)")}</label>
                    <p class="hint" id="nickname-hint">{locale.pick("Vises kun under workshoppen og slettes bagefter.", "Shown only during the workshop and deleted afterwards.")}</p>
                    <FieldError name="nickname"/>
                    <input id="nickname" name="nickname" value=echo.value("nickname").unwrap_or_default() maxlength="30" autocomplete="off"
                        aria-invalid=echo.error("nickname").map(|_| "true")
                        aria-describedby=described_by("nickname").map_or_else(|| "nickname-hint".to_string(), |e| format!("nickname-hint {e}"))/>
                </div>
                <button type="submit" class="button primary">{locale.pick("Deltag", "Join")}</button>
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
    let snapshot = match crate::workshop::snapshot(&state.store, id).await {
        Ok(s) => s,
        Err(WorkshopError::NotFound) => return Ok(None),
        Err(e) => return Err(super::internal_error(e)),
    };
    let w = crate::workshop::workshop(&state.store, id).await.or_unavailable()?;
    let municipality = crate::municipality::by_id(&state.store, w.municipality_id).await.or_unavailable()?;
    let me = match super::participant_key(id) {
        Some(h) => crate::workshop::member(&state.store, id, &h).await.or_unavailable()?,
        None => None,
    };
    let staff = super::admin::current_staff();
    if !crate::domain::workshop::may_watch(me.is_some(), staff.as_ref(), municipality.as_ref().map(|m| m.slug.as_str())) {
        return Ok(Some(ParticipantView { snapshot: None, municipality: String::new(), joined: false, nickname: None, mine: Vec::new() }));
    }
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
                    let notice = locale.pick("Facilitatoren er gået videre.", "The facilitator has moved on.").to_string();
                    let go = locale.pick("Vis den nye aktivitet", "Show the new activity").to_string();
                    view! {
                        <PageTitle text=s.title.clone()/>
                        <PageFrame>
                            <p class="crumbs">{locale.pick("Workshop", "Workshop")}</p>
                            <h1>{s.title.clone()}</h1>
                            {v.joined.then(|| {
                                let who = v.nickname.clone().map(|n| format!("{} {n}.", locale.pick("Du er med som", "You are taking part as")))
                                    .unwrap_or_else(|| locale.pick("Du er med. Du er anonym.", "You are taking part. You are anonymous.").to_string());
                                view! { <p class="lead">{who}</p> }
                            })}
                            {saved.then(|| view! { <p class="notice" role="status">{locale.pick("Dit svar er gemt. Du kan ændre det, så længe aktiviteten er åben.", "Your answer is saved. You can change it while the activity is open.")}</p> })}
                            {help.then(|| view! { <HelpNow/> })}
                            {late.then(|| view! { <p class="problem" role="alert">{locale.pick("Aktiviteten var lukket, før dit svar kom frem. Se den aktuelle aktivitet herunder.", "The activity closed before your answer arrived. See the current activity below.")}</p> })}
                            <p><span class="badge">{phase_text(&s.state, locale)}</span></p>
                            {s.activity.clone().map(|a| {
                                let step = format!("{} {} {} {}", locale.pick("Aktivitet", "Activity"), s.state.current + 1, locale.pick("af", "of"), s.activities);
                                view! {
                                    <section class="activity" aria-labelledby="activity-title">
                                        <p class="step">{step}</p>
                                        <h2 id="activity-title">{a.title().to_string()}</h2>
                                        {(running && v.joined).then(|| view! { <AnswerForm id=s.id index=s.state.current activity=a.clone() mine=v.mine.clone() municipality=v.municipality.clone()/> })}
                                        {s.results.clone().map(|r| view! {
                                            <h3>{locale.pick("Resultat", "Results")}</h3>
                                            <ResultsView activity=a.clone() results=r locale=locale level=4/>
                                        })}
                                    </section>
                                }
                            })}
                            {(s.state.phase == Phase::Closed && !v.municipality.is_empty()).then(|| view! {
                                <p><a class="button" href=format!("/k/{}/forslag", v.municipality)>{locale.pick("Se forslagene fra de unge", "See the young people's proposals")}</a></p>
                            })}
                            <p class="refresh"><a href=format!("/w/{}", s.id)>{locale.pick("Opdater siden", "Refresh the page")}</a></p>
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
    let title = locale.pick("Workshop", "Workshop");
    view! {
        <PageTitle text=title/>
        <PageFrame>
            <h1>{title}</h1>
            <p class="problem" role="alert">{locale.pick("Du er ikke med i denne workshop endnu.", "You have not joined this workshop yet.")}" "<a href="/w">{locale.pick("Deltag med koden fra skærmen", "Join with the code from the screen")}</a></p>
        </PageFrame>
    }
}

fn vote_label(v: &str, locale: Locale) -> &'static str {
    match v {
        "agree" => locale.pick("Enig", "Agree"),
        "disagree" => locale.pick("Uenig", "Disagree"),
        _ => locale.pick("Ved ikke", "Pass"),
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
                <p>{locale.pick("Bedøm tilbuddene med de samme spørgsmål som altid. Dine svar tæller med i kommunens overblik.", "Rate the services with the usual questions. Your answers count in the municipality's overview.")}</p>
                <ul class="link-list">{services.iter().map(|(slug, name)| view! {
                    <li><a class="button" href=format!("/k/{municipality}/s/{slug}?kanal=workshop")>{format!("{} {name}", locale.pick("Bedøm", "Rate"))}</a></li>
                }).collect_view()}</ul>
            }
            .into_any()
        }
        Activity::Poll { options, .. } => {
            let chosen = typed("option", 0);
            view! {
                <fieldset>
                    <legend>{locale.pick("Vælg ét svar", "Choose one answer")}</legend>
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
            view! {
                <fieldset>
                    <legend>{format!("{} {dots} {}", locale.pick("Du har", "You have"), locale.pick("prikker. Giv gerne flere til det samme.", "dots. You may give several to the same one."))}</legend>
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
            <p>{locale.pick("Svar på så mange, du vil.", "Answer as many as you like.")}</p>
            <FieldError name="vote"/>
            {statements.iter().enumerate().map(|(i, st)| {
                let name = format!("vote.{i}");
                let chosen = typed(&name, i as i64);
                view! {
                    <fieldset class="statement-vote">
                        <legend>{st.clone()}</legend>
                        {["agree", "disagree", "pass"].into_iter().map(|v| {
                            let fid = format!("vote-{i}-{v}");
                            view! { <span class="choice"><input type="radio" id=fid.clone() name=name.clone() value=v checked=chosen.as_deref() == Some(v) aria-describedby=described_by("vote")/><label for=fid>{vote_label(v, locale)}</label></span> }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
        }
        .into_any(),
        Activity::Ideas { .. } => view! {
            <div class="field">
                <label for="idea">{locale.pick("Din idé", "Your idea")}</label>
                <p class="hint" id="idea-hint">{locale.pick("Højst 200 tegn. Skriv ikke navne, telefonnumre eller e-mails. Du kan sende flere idéer.", "At most 200 characters. Do not write names, phone numbers or e-mails. You can send several ideas.")}</p>
                <FieldError name="idea"/>
                <textarea id="idea" name="idea" maxlength="200" rows="3" aria-invalid=echo.error("idea").map(|_| "true")
                    aria-describedby=described_by("idea").map_or_else(|| "idea-hint".to_string(), |e| format!("idea-hint {e}"))>{echo.value("idea").unwrap_or_default()}</textarea>
            </div>
        }
        .into_any(),
    };
    view! {
        <form method="post" action=format!("/w/{id}/svar") class="answer-form">
            <input type="hidden" name="activity" value=index.to_string()/>
            {fields}
            <button type="submit" class="button primary">{locale.pick("Send", "Send")}</button>
        </form>
    }
    .into_any()
}
