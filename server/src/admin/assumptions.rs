//! `POST /admin/{m}/antagelser` (managers): `action=add` writes an
//! assumption and starts asking its question; `action=verdict` records what
//! the answers showed and stops asking. The rules live in
//! `app::domain::governance::assumption`.

use super::post::start;
use app::domain::governance::assumption::{verdict_from_form, AssumptionInput};
use app::domain::rating::{FieldError, FieldErrors};
use app::pages::AdminEcho;
use app::state::AppState;
use app::store::assumptions::VerdictSaved;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Antagelsen findes ikke. Gå tilbage og genindlæs siden. / No such assumption.").into_response()
}

pub async fn assumptions(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "antagelser", req);
    let mid = p.municipality.id;
    if p.fields().text("action") != "verdict" {
        let input = match AssumptionInput::from_form(&p.pairs) {
            Ok(input) => input,
            Err(errors) => return p.refused(state, "assumption".into(), errors).await,
        };
        return match app::governance::add_assumption(&state.store, mid, &input, &p.staff.email).await {
            Ok(_) => p.done("asking"),
            Err(e) => super::store_failed(e),
        };
    }
    let Ok(id) = p.fields().number::<i64>("assumption_id") else { return not_found() };
    let form = format!("verdict:{id}");
    let (verdict, note) = match verdict_from_form(&p.pairs) {
        Ok(v) => v,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    match app::governance::decide(&state.store, mid, id, verdict, &note, &p.staff.email).await {
        Ok(VerdictSaved::Saved) => p.done("decided"),
        Ok(VerdictSaved::NotFound) => not_found(),
        Ok(VerdictSaved::AlreadyDecided) => {
            let errors = FieldErrors::from([("verdict".to_string(), FieldError::AlreadyDecided)]);
            let echo = AdminEcho { form, values: p.pairs.clone(), errors, ..Default::default() };
            super::again(state, p.parts, &p.page, echo, StatusCode::CONFLICT).await
        }
        Err(e) => super::store_failed(e),
    }
}
