//! `POST /admin/{m}/workshops` (facilitators): `action=create` prepares a
//! workshop from the form's activity rows. `POST /admin/{m}/workshops/{id}`
//! drives it: `action=command` (with the page's `version`, so a double
//! click moves once), `moderate` (a held idea) and `promote` (an idea or a
//! statement becomes a proposal).

use super::post::start;
use crate::error::ToApi;
use app::domain::form::Fields;
use app::domain::workshop::builder::{rearrange, RowOp, ROW_FIELD};
use app::domain::workshop::{ActivityDraft, Command};
use app::i18n::tr;
use app::pages::admin::WORKSHOP_ROWS;
use app::pages::AdminEcho;
use app::state::AppState;
use app::workshop::{self as ws, WorkshopError};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

fn failed(e: WorkshopError, locale: app::domain::Locale) -> Response {
    e.to_api(locale).into_response()
}

/// The facilitator's page again, with what went wrong above the controls
/// (a person at a form reads a page, not JSON).
async fn refused(state: AppState, parts: axum::http::request::Parts, page: &str, status: StatusCode, message: String) -> Response {
    let echo = AdminEcho { form: "command".into(), message: Some(message), ..Default::default() };
    super::again(state, parts, page, echo, status).await
}

pub async fn workshops(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "workshops", req);
    let locale = super::locale(&p.parts);
    // A row's "move up" or "remove": the form again, rearranged, nothing saved.
    // A value that names no row changes nothing, and creates nothing either.
    if let Some(row) = p.fields().raw(ROW_FIELD) {
        let values = match RowOp::parse(row, WORKSHOP_ROWS) {
            Some(op) => rearrange(&p.pairs, op),
            None => p.pairs.iter().filter(|(k, _)| k != ROW_FIELD).cloned().collect(),
        };
        let echo = AdminEcho { form: "workshop".into(), values, ..Default::default() };
        return super::again(state, p.parts, &p.page, echo, StatusCode::OK).await;
    }
    let drafts: Vec<ActivityDraft> = (0..WORKSHOP_ROWS)
        .map(|i| {
            let f = |n: &str| p.fields().text(&format!("activities.{i}.{n}"));
            let dots = f("dots");
            ActivityDraft {
                kind: f("kind"),
                title: f("title"),
                lines: vec![f("lines")],
                // Unreadable → 0, which the rules refuse with a message.
                dots: (!dots.is_empty()).then(|| dots.parse().unwrap_or(0)),
                source: Some(f("source")),
            }
        })
        .collect();
    let title = p.fields().text("title");
    match ws::create(&state.store, &p.municipality, Some(&title), &drafts, &p.staff.email).await {
        Ok(w) => crate::forms::see_other(&format!("{}/{}?ok=workshop_ready", p.page, w.id)),
        Err(WorkshopError::Invalid(errors)) => p.refused(state, "workshop".into(), errors).await,
        Err(e) => failed(e, locale),
    }
}

pub async fn workshop(State(state): State<AppState>, Path((m, id)): Path<(String, String)>, req: Request) -> Response {
    let mut p = start!(state, m, "workshops", req);
    let locale = super::locale(&p.parts);
    let Ok(id) = id.parse::<i64>() else { return failed(WorkshopError::NotFound, locale) };
    let w = match ws::workshop_in(&state.store, &p.municipality, id).await {
        Ok(w) => w,
        Err(e) => return failed(e, locale),
    };
    p.page = format!("/admin/{m}/workshops/{id}");
    let fields = Fields::new(&p.pairs);
    let number = |name: &str| fields.number::<i64>(name).ok();
    let outcome = match fields.text("action").as_str() {
        "command" => {
            let Some(c) = Command::parse(&fields.text("command")) else {
                let message = tr(locale, "workshop-we_do_not_know");
                return refused(state, p.parts, &p.page, StatusCode::UNPROCESSABLE_ENTITY, message.into()).await;
            };
            match ws::command(&state.store, &state.live, w, c, number("version"), &p.staff.email).await {
                Ok(_) => "moved",
                Err(WorkshopError::Conflict) => {
                    let message = tr(locale, "workshop-had_already_changed");
                    return refused(state, p.parts, &p.page, StatusCode::CONFLICT, message.into()).await;
                }
                Err(e) => return failed(e, locale),
            }
        }
        "moderate" => {
            let approve = fields.text("decision") == "approve";
            match ws::moderate_idea(&state.store, &state.live, &w, number("idea").unwrap_or(0), approve, &p.staff.email).await {
                Ok(()) => "idea_decided",
                Err(WorkshopError::NotFound) => {
                    let message = tr(locale, "workshop-idea_has_already_been");
                    return refused(state, p.parts, &p.page, StatusCode::CONFLICT, message.into()).await;
                }
                Err(e) => return failed(e, locale),
            }
        }
        "promote" => {
            let activity = number("activity").and_then(|a| usize::try_from(a).ok()).unwrap_or(usize::MAX);
            match ws::promote(&state.store, &state.live, &w, activity, number("item").unwrap_or(-1), &p.staff.email).await {
                Ok(_) => "promoted",
                Err(WorkshopError::NotFound | WorkshopError::Conflict) => {
                    let message = tr(locale, "workshop-that_cannot_become_proposal");
                    return refused(state, p.parts, &p.page, StatusCode::CONFLICT, message.into()).await;
                }
                Err(e) => return failed(e, locale),
            }
        }
        _ => {
            let message = tr(locale, "workshop-we_do_not_know_2");
            return refused(state, p.parts, &p.page, StatusCode::UNPROCESSABLE_ENTITY, message.into()).await;
        }
    };
    match outcome {
        "moved" => crate::forms::see_other(&p.page),
        code => p.done(code),
    }
}
