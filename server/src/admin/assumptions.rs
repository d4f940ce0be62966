//! `POST /admin/{m}/antagelser` (managers): `action=add` writes an
//! assumption and starts asking its question; `action=verdict` records what
//! the answers showed and stops asking. The rules live in
//! `app::domain::governance::assumption`.

use super::field;
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
    let (mid, now) = (p.municipality.id, app::domain::policy::now());
    if field(&p.pairs, "action") != "verdict" {
        let input = match AssumptionInput::from_form(&p.pairs) {
            Ok(input) => input,
            Err(errors) => return p.refused(state, "assumption".into(), errors).await,
        };
        let saved = async {
            let id = state.store.add_assumption(mid, &input, &p.staff.email, now).await?;
            p.audit(&state, "assumption added", &format!("{id}: {}", input.statement)).await
        };
        return match saved.await {
            Ok(()) => p.done("asking"),
            Err(e) => super::store_failed(e),
        };
    }
    let Ok(id) = field(&p.pairs, "assumption_id").parse::<i64>() else { return not_found() };
    let form = format!("verdict:{id}");
    let (verdict, note) = match verdict_from_form(&p.pairs) {
        Ok(v) => v,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    match state.store.record_verdict(mid, id, verdict, &note, &p.staff.email, now).await {
        Ok(VerdictSaved::Saved) => match p.audit(&state, "assumption decided", &format!("{id}: {}", verdict.as_str())).await {
            Ok(()) => p.done("decided"),
            Err(e) => super::store_failed(e),
        },
        Ok(VerdictSaved::NotFound) => not_found(),
        Ok(VerdictSaved::AlreadyDecided) => {
            let errors = FieldErrors::from([("verdict".to_string(), FieldError::AlreadyDecided)]);
            let echo = AdminEcho { form, values: p.pairs.clone(), errors, ..Default::default() };
            super::again(state, p.parts, &p.page, echo, StatusCode::CONFLICT).await
        }
        Err(e) => super::store_failed(e),
    }
}
