//! Form posts of a municipality's admin areas. The `/admin` gate has already
//! checked the role; each handler re-reads the municipality by its slug and
//! only ever touches rows of that municipality.

use super::post::{start, Post};
use super::{again, store_failed};
use app::catalogue::{self, CatalogueError};
use app::domain::catalogue::{parse_settings, QuestionInput, ServiceInput};
use app::domain::principle::PrincipleInput;
use app::domain::rating::{FieldError, FieldErrors};
use app::domain::staff::{normalize_email, Role};
use app::pages::AdminEcho;
use app::staff::{self as accounts, MemberChange, MemberError};
use app::state::AppState;
use app::store::StoreError;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

fn conflict(field: &str) -> FieldErrors {
    FieldErrors::from([(field.to_string(), FieldError::Taken)])
}

/// How a catalogue change that was not made is answered; `taken` names the
/// field of a slug or key in use.
async fn not_saved(p: Post, state: AppState, form: String, taken: &str, e: CatalogueError) -> Response {
    match e {
        CatalogueError::NotFound => StatusCode::NOT_FOUND.into_response(),
        CatalogueError::Taken => p.refused(state, form, conflict(taken)).await,
        CatalogueError::Store(e) => store_failed(e),
    }
}

/// `POST /admin/{m}/tilbud`: `action=add|update`.
pub async fn services(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "tilbud", req);
    let adding = p.fields().text("action") == "add";
    let form = if adding { "service-new".to_string() } else { format!("service:{}", p.fields().text("slug")) };
    let input = match ServiceInput::from_form(&p.pairs) {
        Ok(i) => i,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    match catalogue::save_service(&state.store, p.editor(), adding, &input).await {
        Ok(()) => p.done(if adding { "added" } else { "saved" }),
        Err(e) => not_saved(p, state, form, "slug", e).await,
    }
}

/// `POST /admin/{m}/spoergsmaal`: `action=add|update`.
pub async fn questions(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "spoergsmaal", req);
    let adding = p.fields().text("action") == "add";
    let form = if adding { "question-new".to_string() } else { format!("question:{}", p.fields().text("slug")) };
    let input = match QuestionInput::from_form(&p.pairs) {
        Ok(i) => i,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    match catalogue::save_question(&state.store, p.editor(), adding, &input).await {
        Ok(()) => p.done(if adding { "added" } else { "saved" }),
        Err(e) => not_saved(p, state, form, "slug", e).await,
    }
}

fn roles_of(p: &Post) -> Vec<Role> {
    let mut roles: Vec<Role> =
        p.fields().all("role").iter().filter_map(|v| Role::parse(v)).filter(|r| Role::MUNICIPAL.contains(r)).collect();
    roles.sort();
    roles.dedup();
    roles
}

/// `POST /admin/{m}/personale`: `action=invite|update|link|reset_factor`.
pub async fn staff(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "personale", req);
    let roles = roles_of(&p);
    let action = p.fields().text("action");
    let change = match action.as_str() {
        "invite" => return invite(p, state, roles).await,
        "update" => MemberChange::Roles { roles, disabled: p.fields().checkbox("disabled") },
        "link" => MemberChange::NewLink,
        "reset_factor" => MemberChange::ResetSecondFactor,
        _ => return (StatusCode::UNPROCESSABLE_ENTITY, "Ukendt handling. / Unknown action.").into_response(),
    };
    let id: i64 = p.fields().number("staff_id").unwrap_or(-1);
    match accounts::update_member(&state.store, &p.municipality, &p.staff, id, change).await {
        Ok(Some(token)) => {
            let echo = AdminEcho {
                secret: Some(accounts::link_url(&state.settings.base_url(Some(&p.parts.headers)), &token)),
                ..Default::default()
            };
            again(state.clone(), p.parts, &p.page, echo, StatusCode::OK).await
        }
        Ok(None) => p.done("saved"),
        Err(MemberError::NotFound) => (StatusCode::NOT_FOUND, "Ingen sådan medarbejder. / No such staff member.").into_response(),
        Err(MemberError::WorksElsewhere) => {
            let message = "Personen arbejder også andre steder. Kun driften kan nulstille eller spærre kontoen (fx `stemme user reset-factor`); fjern rollerne her i stedet. / \
                           This person also works elsewhere. Only the operator can reset or disable the account (e.g. `stemme user reset-factor`); remove the roles here instead.";
            (StatusCode::FORBIDDEN, message).into_response()
        }
        Err(MemberError::OwnAdmin) => {
            let message = "Du kan ikke fjerne din egen administratorrolle, spærre dig selv eller nulstille din egen totrinsbekræftelse (det gør du under Min konto). / \
                           You cannot remove your own admin role, disable yourself or reset your own second factor (do that under My account).";
            (StatusCode::UNPROCESSABLE_ENTITY, message).into_response()
        }
        Err(MemberError::SingleSignOn) => (StatusCode::CONFLICT, SINGLE_SIGN_ON).into_response(),
        Err(MemberError::Store(e)) => store_failed(e),
    }
}

/// Why an admin cannot give roles or a password link to someone who signs
/// in with the municipality's own account.
const SINGLE_SIGN_ON: &str = "Personen logger ind med kommunens egen konto: rollerne kommer fra grupperne i kommunens \
    log-ind-tjeneste, og der er ingen adgangskode i Stemme. / This person signs in with the municipality's own account: \
    the roles come from the groups in its sign-in service, and there is no password in Stemme.";

/// `action=invite`: roles for an address, and a set-password link when the
/// account is new (or exists only here, without a password).
async fn invite(p: Post, state: AppState, roles: Vec<Role>) -> Response {
    let email = normalize_email(&p.fields().text("email"));
    let mut errors = FieldErrors::new();
    if email.is_none() {
        errors.insert("email".into(), FieldError::BadEmail);
    }
    if roles.is_empty() {
        errors.insert("role".into(), FieldError::NoRole);
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else { return p.refused(state, "invite".into(), errors).await };
    let issuer = accounts::Issuer::Municipality(&p.municipality.slug);
    match accounts::invite(&state.store, &email, Some(p.municipality.id), &roles, &p.staff.email, issuer).await {
        Ok(Some(token)) => {
            let echo = AdminEcho {
                secret: Some(accounts::link_url(&state.settings.base_url(Some(&p.parts.headers)), &token)),
                ..Default::default()
            };
            let page = format!("{}?ok=added", p.page);
            again(state, p.parts, &page, echo, StatusCode::OK).await
        }
        Ok(None) => p.done("roles_added"),
        Err(accounts::InviteError::SingleSignOn) => (StatusCode::CONFLICT, SINGLE_SIGN_ON).into_response(),
        Err(accounts::InviteError::Store(e)) => store_failed(e),
    }
}

/// `POST /admin/{m}/noegler`: `action=create|revoke`.
pub async fn tokens(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "noegler", req);
    let mid = p.municipality.id;
    let result: Result<Response, StoreError> = async {
        match p.fields().text("action").as_str() {
            "create" => {
                let name = p.fields().text("name");
                if let Err(error) = app::domain::staff::check_token_name(&name) {
                    return Ok(p.refused(state.clone(), "token".into(), FieldErrors::from([("name".to_string(), error)])).await);
                }
                let token = accounts::create_token(&state.store, mid, &name, &p.staff.email).await?;
                let echo = AdminEcho { secret: Some(token), ..Default::default() };
                Ok(again(state.clone(), p.parts, &format!("{}?ok=added", p.page), echo, StatusCode::OK).await)
            }
            "revoke" => {
                let id: i64 = p.fields().number("token_id").unwrap_or(-1);
                match accounts::revoke_token(&state.store, mid, id, &p.staff.email).await? {
                    Some(_) => Ok(p.done("revoked")),
                    None => Ok((StatusCode::NOT_FOUND, "Ingen sådan nøgle. / No such token.").into_response()),
                }
            }
            _ => Ok((StatusCode::UNPROCESSABLE_ENTITY, "Ukendt handling. / Unknown action.").into_response()),
        }
    }
    .await;
    result.unwrap_or_else(store_failed)
}

/// `POST /admin/{m}/indstillinger`: how many months free text is kept, days
/// to answer, the comparison; with `action=accessibility`, the
/// accessibility statement's settings.
pub async fn settings(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "indstillinger", req);
    if p.fields().text("action") == "accessibility" {
        let statement = match app::domain::accessibility::AccessibilitySettings::from_form(&p.pairs) {
            Ok(s) => s,
            Err(errors) => return p.refused(state, "a11y".into(), errors).await,
        };
        return match catalogue::save_accessibility(&state.store, p.editor(), &statement).await {
            Ok(()) => p.done("saved"),
            Err(CatalogueError::Store(e)) => store_failed(e),
            Err(_) => (StatusCode::NOT_FOUND, "Kommunen findes ikke (længere). / The municipality no longer exists.").into_response(),
        };
    }
    let (months, days) = match parse_settings(&p.pairs) {
        Ok(settings) => settings,
        Err(errors) => return p.refused(state, "retention".into(), errors).await,
    };
    let compare = p.fields().has("compare");
    match catalogue::save_settings(&state.store, p.editor(), months, days, compare).await {
        Ok(()) => p.done("saved"),
        Err(e) => store_failed(e),
    }
}

/// `POST /admin/{m}/principper`: `action=add|update`. New text makes a new
/// version; the old one stays as history.
pub async fn principles(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "principper", req);
    let adding = p.fields().text("action") == "add";
    let id: i64 = p.fields().number("principle_id").unwrap_or(-1);
    let form = if adding { "principle-new".to_string() } else { format!("principle:{id}") };
    let input = match PrincipleInput::from_form(&p.pairs) {
        Ok(i) => i,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    let id = (!adding).then_some(id);
    match catalogue::save_principle(&state.store, p.editor(), id, &input, p.fields().checkbox("active")).await {
        Ok(()) => p.done(if adding { "added" } else { "saved" }),
        // Principles have no slug: a clash is ours, not the admin's.
        Err(CatalogueError::Taken) => store_failed(StoreError::Conflict),
        Err(e) => not_saved(p, state, form, "", e).await,
    }
}
