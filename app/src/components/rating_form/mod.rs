//! The rating form: the one island on youth pages. Without JavaScript it is a
//! plain form POST; with JavaScript it validates with the same domain code as
//! the server and sends the answer to the JSON API without a reload.

use super::faces::face;
use crate::domain::question::{Question, QuestionKind};
use crate::domain::rating::{RatingDraft, RatingRules, COMMENT_MAX_CHARS};
use crate::domain::Locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wire::{draft_json, fields_from_json, focus, form_pairs, is_language_switch, message_from_json, post_json};

mod wire;

/// Texts the island shows, already in the page's language (so the wasm
/// carries no translation tables).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormTexts {
    pub optional: String,
    pub comment: String,
    pub comment_hint: String,
    pub chars_left: String,
    pub came_from: String,
    pub came_from_none: String,
    pub age: String,
    pub age_none: String,
    pub submit: String,
    pub sending: String,
    pub errors_title: String,
    pub error_network: String,
    pub thanks_title: String,
    pub thanks_body: String,
    pub thanks_change: String,
    pub thanks_another: String,
    pub back_to_workshop: String,
    /// Where to get help now: `[title, intro, Børnetelefonen, Livslinien, 112]`.
    pub help: [String; 5],
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingFormData {
    pub locale: Locale,
    /// Where the no-JavaScript form posts (the page itself).
    pub action: String,
    /// The JSON endpoint used with JavaScript.
    pub api: String,
    /// The chain page, for "rate another place".
    pub chain: String,
    pub service: String,
    pub channel: String,
    /// The workshop a phone came from (a "rate" activity): the thanks leads back there.
    pub workshop: Option<i64>,
    pub questions: Vec<Question>,
    /// (slug, name) of the other services, for "came from".
    pub services: Vec<(String, String)>,
    pub age_bands: Vec<(String, String)>,
    /// Values and errors echoed back after a no-JavaScript submission failed.
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
    pub texts: FormTexts,
}

/// The form's id: the language button sends it along (see `PageFrame`).
pub const RATING_FORM_ID: &str = "rating-form";

pub use crate::domain::workshop::RETURN_FIELD as WORKSHOP_FIELD;

fn error_id(field: &str) -> String {
    format!("err-{}", field.replace('.', "-"))
}

fn field_id(field: &str) -> String {
    format!("f-{}", field.replace('.', "-"))
}

#[island]
pub fn RatingForm(form: RatingFormData) -> impl IntoView {
    let RatingFormData {
        locale,
        action,
        api,
        chain,
        service,
        channel,
        workshop,
        questions,
        services,
        age_bands,
        values,
        errors: initial,
        texts,
    } = form;
    let value_of = move |values: &[(String, String)], field: &str| values.iter().find(|(f, _)| f == field).map(|(_, v)| v.clone());
    let errors = RwSignal::new(initial);
    let sending = RwSignal::new(false);
    let done = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let comment_init = value_of(&values, "comment").unwrap_or_default();
    let comment_len = RwSignal::new(comment_init.chars().count());
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // Effects run only in the browser: the marker tells tests (and CSS) that
    // the form is now handled by the island.
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            let _ = form.set_attribute("data-hydrated", "true");
        }
    });
    let thanks_ref = NodeRef::<leptos::html::H2>::new();
    let help = RwSignal::new(false);
    let error_for = move |field: String| {
        move || {
            errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())).map(|m| {
                view! { <p class="field-error" id=error_id(&field)>{m}</p> }
            })
        }
    };

    let rules_questions = StoredValue::new(questions.clone());
    let rules_services = StoredValue::new(services.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>());
    let service_slug = StoredValue::new(service.clone());
    let api = StoredValue::new(api);
    let error_network = StoredValue::new(texts.error_network.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // The language button sends this form to the server as it is: the
        // page comes back in the other language with the answers kept.
        if is_language_switch(&ev) {
            return;
        }
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(pairs) = form_pairs(&ev) else { return };
        let draft = RatingDraft::from_form(&pairs);
        let checked = rules_questions.with_value(|qs| {
            rules_services
                .with_value(|ss| service_slug.with_value(|s| draft.validate(&RatingRules { questions: qs, services: ss, service: s })))
        });
        problem.set(None);
        if let Err(e) = checked {
            errors.set(e.iter().map(|(f, err)| (f.clone(), err.message(locale))).collect());
            focus(summary_ref);
            return;
        }
        errors.set(Vec::new());
        sending.set(true);
        let body = draft_json(&draft);
        leptos::task::spawn_local(async move {
            let result = post_json(&api.get_value(), body).await;
            sending.set(false);
            match result {
                Ok((201, text)) | Ok((200, text)) => {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    help.set(v["safeguarding"].as_bool().unwrap_or(false));
                    done.set(true);
                    focus(thanks_ref);
                }
                Ok((422, text)) => {
                    errors.set(fields_from_json(&text));
                    focus(summary_ref);
                }
                Ok((_, text)) => problem.set(Some(message_from_json(&text).unwrap_or_else(|| error_network.get_value()))),
                Err(()) => problem.set(Some(error_network.get_value())),
            }
        });
    };

    let question_views = questions
        .iter()
        .map(|q| {
            let field = format!("answers.{}", q.key);
            let chosen = value_of(&values, &field);
            let choices = q.choices(locale);
            let count = choices.len();
            let is_scale = q.kind == QuestionKind::Scale;
            let legend_id = format!("legend-{}", q.key);
            let options = choices
                .into_iter()
                .enumerate()
                .map(|(i, (value, label))| {
                    let id = format!("{}-{}", field_id(&field), value);
                    let checked = chosen.as_deref() == Some(value.as_str());
                    let for_id = id.clone();
                    view! {
                        <label class="choice" for=for_id>
                            <input type="radio" id=id name=field.clone() value=value checked=checked/>
                            {is_scale.then(|| face(i, count))}
                            <span class="choice-label">{label}</span>
                        </label>
                    }
                })
                .collect_view();
            let err_id = error_id(&field);
            view! {
                <fieldset class="question" id=field_id(&field) aria-describedby=err_id>
                    <legend id=legend_id>{q.text(locale).to_string()}</legend>
                    {error_for(field.clone())}
                    <div class=if is_scale { "choices scale" } else { "choices pills" }>{options}</div>
                </fieldset>
            }
        })
        .collect_view();

    let came_from_init = value_of(&values, "came_from");
    let age_init = value_of(&values, "age_band");
    let service_options = services
        .into_iter()
        .map(|(slug, name)| {
            let selected = came_from_init.as_deref() == Some(slug.as_str());
            view! { <option value=slug selected=selected>{name}</option> }
        })
        .collect_view();
    let age_options = age_bands
        .into_iter()
        .map(|(key, label)| {
            let selected = age_init.as_deref() == Some(key.as_str());
            view! { <option value=key selected=selected>{label}</option> }
        })
        .collect_view();
    let summary_items = move || {
        errors
            .get()
            .into_iter()
            .map(|(f, m)| {
                let href = format!("#{}", field_id(&f));
                view! { <li><a href=href>{m}</a></li> }
            })
            .collect_view()
    };
    let FormTexts {
        optional,
        comment,
        comment_hint,
        chars_left,
        came_from,
        came_from_none,
        age,
        age_none,
        submit,
        sending: sending_text,
        errors_title,
        thanks_title,
        thanks_body,
        thanks_change,
        thanks_another,
        back_to_workshop,
        help: [help_title, help_intro, help_bt, help_livslinien, help_emergency],
        ..
    } = texts;

    view! {
        <div class="thanks-inline" hidden=move || !done.get()>
            <h2 tabindex="-1" node_ref=thanks_ref>{thanks_title}</h2>
            <p>{thanks_body}</p>
            <p>{thanks_change}</p>
            <section class="help-now" hidden=move || !help.get() aria-labelledby="help-inline-title">
                <h2 id="help-inline-title">{help_title}</h2>
                <p>{help_intro}</p>
                <ul>
                    <li><a href="tel:116111"><strong>"Børnetelefonen 116 111"</strong></a>" – "{help_bt}</li>
                    <li><a href="tel:70201201"><strong>"Livslinien 70 201 201"</strong></a>" – "{help_livslinien}</li>
                    <li><a href="tel:112"><strong>"112"</strong></a>" – "{help_emergency}</li>
                </ul>
            </section>
            {match workshop {
                Some(w) => view! { <p><a class="button primary" href=format!("/w/{w}")>{back_to_workshop}</a></p> }.into_any(),
                None => view! { <p><a class="button" href=chain>{thanks_another}</a></p> }.into_any(),
            }}
        </div>
        <form method="post" action=action class="rating-form" id=RATING_FORM_ID novalidate node_ref=form_ref on:submit=on_submit hidden=move || done.get()>
            <input type="hidden" name="channel" value=channel/>
            {workshop.map(|w| view! { <input type="hidden" name=WORKSHOP_FIELD value=w.to_string()/> })}
            <div class="error-summary" tabindex="-1" node_ref=summary_ref hidden=move || errors.with(Vec::is_empty) aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{errors_title}</h2>
                <ul>{summary_items}</ul>
            </div>
            <div id=field_id("answers")>
                {error_for("answers".to_string())}
                {question_views}
            </div>
            <fieldset class="extra">
                <legend>{optional}</legend>
                <div class="field" id=field_id("comment")>
                    <label for="comment">{comment}</label>
                    <p class="hint" id="comment-hint">{comment_hint}</p>
                    {error_for("comment".to_string())}
                    <textarea id="comment" name="comment" rows="3" maxlength=COMMENT_MAX_CHARS aria-describedby="comment-hint err-comment comment-count"
                        on:input=move |ev| comment_len.set(event_target_value(&ev).chars().count())>{comment_init}</textarea>
                    <p class="hint count" id="comment-count">
                        {move || COMMENT_MAX_CHARS.saturating_sub(comment_len.get())}" "{chars_left}
                    </p>
                </div>
                <div class="field" id=field_id("came_from")>
                    <label for="came_from">{came_from}</label>
                    {error_for("came_from".to_string())}
                    <select id="came_from" name="came_from" aria-describedby="err-came_from">
                        <option value="">{came_from_none}</option>
                        {service_options}
                    </select>
                </div>
                <div class="field" id=field_id("age_band")>
                    <label for="age_band">{age}</label>
                    {error_for("age_band".to_string())}
                    <select id="age_band" name="age_band" aria-describedby="err-age_band">
                        <option value="">{age_none}</option>
                        {age_options}
                    </select>
                </div>
            </fieldset>
            <p class="problem" role="alert">{move || problem.get()}</p>
            <button type="submit" class="button primary" disabled=move || sending.get()>
                {move || if sending.get() { sending_text.clone() } else { submit.clone() }}
            </button>
        </form>
    }
}
