//! Form posts of moderators (`/admin/{m}/moderation`) and managers
//! (`/admin/{m}/forslag`). The rules live in `app::codesign`.

use super::post::{start, Post};
use app::codesign::{self, CodesignError};
use app::domain::queue::Target;
use app::pages::AdminEcho;
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        "Teksten eller forslaget findes ikke (længere). Gå tilbage og genindlæs siden. / Not found: go back and reload the page.",
    )
        .into_response()
}

/// How a refused or failed co-design post is answered on a staff page.
async fn failed(p: Post, state: AppState, form: String, e: CodesignError) -> Response {
    match e {
        CodesignError::Invalid(errors) => p.refused(state, form, errors).await,
        CodesignError::NotFound => not_found(),
        CodesignError::Conflict => {
            let echo = AdminEcho {
                form,
                values: p.pairs.clone(),
                message: Some(app::i18n::tr(super::locale(&p.parts), "manage-conflict")),
                ..Default::default()
            };
            super::again(state, p.parts, &p.page, echo, StatusCode::CONFLICT).await
        }
        CodesignError::Store(e) => super::store_failed(e),
    }
}

/// `POST /admin/{m}/moderation`: `target`, `id`, `decision`, `reason`.
pub async fn moderation(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "moderation", req);
    let target = Target::parse(&p.fields().text("target"));
    let id: Option<i64> = p.fields().number("id").ok();
    let form = format!("moderate:{}-{}", p.fields().text("target"), p.fields().text("id"));
    let (Some(target), Some(id)) = (target, id) else { return not_found() };
    let (decision, reason) = (p.fields().text("decision"), p.fields().text("reason"));
    match codesign::moderate(&state.store, &state.live, &p.municipality, target, id, Some(&decision), Some(&reason), &p.staff.email).await {
        Ok(d) => p.done(if d == app::domain::proposal::Decision::Approve { "approved" } else { "rejected" }),
        Err(e) => failed(p, state, form, e).await,
    }
}

/// `POST /admin/{m}/forslag`: `proposal_id`, `status`, `reason`, and the
/// principle's new texts when adopting.
pub async fn answer(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "forslag", req);
    let Ok(id) = p.fields().number::<i64>("proposal_id") else { return not_found() };
    let form = format!("answer:{id}");
    match codesign::answer(&state.store, &p.municipality, id, &p.pairs, &p.staff.email).await {
        Ok(_) => p.done("answered"),
        Err(e) => failed(p, state, form, e).await,
    }
}
