//! Form posts of a municipality's admin areas. The `/admin` gate has already
//! checked the role; each handler re-reads the municipality by its slug and
//! only ever touches rows of that municipality.

use super::post::start;
use super::{again, field, store_failed};
use crate::accounts;
use app::domain::catalogue::{parse_settings, QuestionInput, ServiceInput};
use app::domain::principle::PrincipleInput;
use app::domain::rating::{FieldError, FieldErrors};
use app::domain::staff::{normalize_email, Role};
use app::pages::AdminEcho;
use app::state::AppState;
use app::store::StoreError;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

fn conflict(field: &str) -> FieldErrors {
    FieldErrors::from([(field.to_string(), FieldError::Taken)])
}

/// `POST /admin/{m}/tilbud`: `action=add|update`.
pub async fn services(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "tilbud", req);
    let adding = field(&p.pairs, "action") == "add";
    let form = if adding { "service-new".to_string() } else { format!("service:{}", field(&p.pairs, "slug")) };
    let input = match ServiceInput::from_form(&p.pairs) {
        Ok(i) => i,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    let mid = p.municipality.id;
    let result =
        if adding { state.store.add_service(mid, &input).await.map(|_| true) } else { state.store.update_service(mid, &input).await };
    match result {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(StoreError::Conflict) => return p.refused(state, form, conflict("slug")).await,
        Err(e) => return store_failed(e),
    }
    let action = if adding { "service added" } else { "service updated" };
    match p.audit(&state, action, &input.slug).await {
        Ok(()) => p.done(if adding { "added" } else { "saved" }),
        Err(e) => store_failed(e),
    }
}

/// `POST /admin/{m}/spoergsmaal`: `action=add|update`.
pub async fn questions(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "spoergsmaal", req);
    let adding = field(&p.pairs, "action") == "add";
    let form = if adding { "question-new".to_string() } else { format!("question:{}", field(&p.pairs, "slug")) };
    let input = match QuestionInput::from_form(&p.pairs) {
        Ok(i) => i,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    let mid = p.municipality.id;
    let result =
        if adding { state.store.add_question(mid, &input).await.map(|_| true) } else { state.store.update_question(mid, &input).await };
    match result {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(StoreError::Conflict) => return p.refused(state, form, conflict("slug")).await,
        Err(e) => return store_failed(e),
    }
    let action = if adding { "question added" } else { "question updated" };
    match p.audit(&state, action, &input.key).await {
        Ok(()) => p.done(if adding { "added" } else { "saved" }),
        Err(e) => store_failed(e),
    }
}

fn roles_of(pairs: &[(String, String)]) -> Vec<Role> {
    let mut roles: Vec<Role> =
        pairs.iter().filter(|(k, _)| k == "role").filter_map(|(_, v)| Role::parse(v)).filter(|r| Role::MUNICIPAL.contains(r)).collect();
    roles.sort();
    roles.dedup();
    roles
}

/// `POST /admin/{m}/personale`: `action=invite|update|link`.
pub async fn staff(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "personale", req);
    let mid = p.municipality.id;
    let roles = roles_of(&p.pairs);
    let result: Result<Response, StoreError> = async {
        match field(&p.pairs, "action").as_str() {
            "invite" => {
                let email = normalize_email(&field(&p.pairs, "email"));
                let mut errors = FieldErrors::new();
                if email.is_none() {
                    errors.insert("email".into(), FieldError::BadEmail);
                }
                if roles.is_empty() {
                    errors.insert("role".into(), FieldError::NoRole);
                }
                let Some(email) = email.filter(|_| errors.is_empty()) else { return Ok(p.refused(state.clone(), "invite".into(), errors).await) };
                let issuer = accounts::Issuer::Municipality(&p.municipality.slug);
                let Some(token) = accounts::invite(&state, &email, Some(mid), &roles, &p.staff.email, issuer).await? else {
                    return Ok(p.done("roles_added"));
                };
                let echo = AdminEcho { secret: Some(accounts::link_url(&state.settings.base_url(Some(&p.parts.headers)), &token)), ..Default::default() };
                Ok(again(state.clone(), p.parts, &format!("{}?ok=added", p.page), echo, StatusCode::OK).await)
            }
            "update" | "link" => {
                let id: i64 = field(&p.pairs, "staff_id").parse().unwrap_or(-1);
                // Only people of this municipality can be changed from here.
                let Some(member) = state.store.staff_in(mid).await?.into_iter().find(|s| s.id == id) else {
                    return Ok((StatusCode::NOT_FOUND, "Ingen sådan medarbejder. / No such staff member.").into_response());
                };
                // Resetting a password or disabling an account reaches every
                // municipality it works in: only for people who work nowhere else.
                let only_here = accounts::only_in(&state, id, &p.municipality.slug).await?;
                let disabled = !field(&p.pairs, "disabled").is_empty();
                let action = field(&p.pairs, "action");
                if !only_here && (action == "link" || disabled != member.disabled) {
                    let message = "Personen arbejder også andre steder. Kun driften kan nulstille eller spærre kontoen; fjern rollerne her i stedet. / \
                                   This person also works elsewhere. Only the operator can reset or disable the account; remove the roles here instead.";
                    return Ok((StatusCode::FORBIDDEN, message).into_response());
                }
                if action == "link" {
                    let token = accounts::password_link(&state, id, &member.email, Some(mid), Some(mid), &p.staff.email).await?;
                    let echo = AdminEcho { secret: Some(accounts::link_url(&state.settings.base_url(Some(&p.parts.headers)), &token)), ..Default::default() };
                    return Ok(again(state.clone(), p.parts, &p.page, echo, StatusCode::OK).await);
                }
                if id == p.staff.id && (disabled || !roles.contains(&Role::Admin)) {
                    // Nobody locks the municipality out by accident.
                    let message = "Du kan ikke fjerne din egen administratorrolle eller spærre dig selv. / You cannot remove your own admin role or disable yourself.";
                    return Ok((StatusCode::UNPROCESSABLE_ENTITY, message).into_response());
                }
                for role in Role::MUNICIPAL {
                    let (had, wants) = (member.roles.contains(&role), roles.contains(&role));
                    if wants && !had && state.store.grant_role(id, Some(mid), role).await? {
                        p.audit(&state, "role granted", &format!("{}: {}", member.email, role.as_str())).await?;
                    } else if had && !wants && state.store.revoke_role(id, mid, role).await? {
                        p.audit(&state, "role removed", &format!("{}: {}", member.email, role.as_str())).await?;
                    }
                }
                if disabled != member.disabled {
                    state.store.set_disabled(id, disabled).await?;
                    p.audit(&state, if disabled { "account disabled" } else { "account enabled" }, &member.email).await?;
                }
                Ok(p.done("saved"))
            }
            _ => Ok((StatusCode::UNPROCESSABLE_ENTITY, "Ukendt handling. / Unknown action.").into_response()),
        }
    }
    .await;
    result.unwrap_or_else(store_failed)
}

/// `POST /admin/{m}/noegler`: `action=create|revoke`.
pub async fn tokens(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "noegler", req);
    let mid = p.municipality.id;
    let result: Result<Response, StoreError> = async {
        match field(&p.pairs, "action").as_str() {
            "create" => {
                let name = field(&p.pairs, "name");
                if let Err(error) = app::domain::staff::check_token_name(&name) {
                    return Ok(p.refused(state.clone(), "token".into(), FieldErrors::from([("name".to_string(), error)])).await);
                }
                let token = accounts::create_token(&state, mid, &name, &p.staff.email).await?;
                let echo = AdminEcho { secret: Some(token), ..Default::default() };
                Ok(again(state.clone(), p.parts, &format!("{}?ok=added", p.page), echo, StatusCode::OK).await)
            }
            "revoke" => {
                let id: i64 = field(&p.pairs, "token_id").parse().unwrap_or(-1);
                match state.store.revoke_api_token(mid, id, app::domain::policy::now()).await? {
                    Some(name) => {
                        p.audit(&state, "API token revoked", &name).await?;
                        Ok(p.done("revoked"))
                    }
                    None => Ok((StatusCode::NOT_FOUND, "Ingen sådan nøgle. / No such token.").into_response()),
                }
            }
            _ => Ok((StatusCode::UNPROCESSABLE_ENTITY, "Ukendt handling. / Unknown action.").into_response()),
        }
    }
    .await;
    result.unwrap_or_else(store_failed)
}

/// `POST /admin/{m}/indstillinger`: how many months free text is kept.
pub async fn settings(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "indstillinger", req);
    let (months, days) = match parse_settings(&p.pairs) {
        Ok(settings) => settings,
        Err(errors) => return p.refused(state, "retention".into(), errors).await,
    };
    let compare = p.pairs.iter().any(|(k, _)| k == "compare");
    let saved = async {
        state.store.set_retention_months(p.municipality.id, months).await?;
        state.store.set_response_days(p.municipality.id, days).await?;
        state.store.set_compare_opt_in(p.municipality.id, compare).await?;
        p.audit(
            &state,
            "settings changed",
            &format!("retention {months} months, answer within {days} days, comparison {}", if compare { "on" } else { "off" }),
        )
        .await
    };
    match saved.await {
        Ok(()) => p.done("saved"),
        Err(e) => store_failed(e),
    }
}

/// `POST /admin/{m}/principper`: `action=add|update`. New text makes a new
/// version; the old one stays as history.
pub async fn principles(State(state): State<AppState>, Path(m): Path<String>, req: Request) -> Response {
    let p = start!(state, m, "principper", req);
    let adding = field(&p.pairs, "action") == "add";
    let id: i64 = field(&p.pairs, "principle_id").parse().unwrap_or(-1);
    let form = if adding { "principle-new".to_string() } else { format!("principle:{id}") };
    let input = match PrincipleInput::from_form(&p.pairs) {
        Ok(i) => i,
        Err(errors) => return p.refused(state, form, errors).await,
    };
    let (mid, now) = (p.municipality.id, app::domain::policy::now());
    let result: Result<Option<String>, StoreError> = async {
        if adding {
            let new = state.store.add_principle(mid, &input, now).await?;
            return Ok(Some(format!("{new}: {}", input.title_da)));
        }
        let Some(version) = state.store.revise_principle(mid, id, &input, now, None).await? else { return Ok(None) };
        state.store.set_principle_active(mid, id, !field(&p.pairs, "active").is_empty()).await?;
        Ok(Some(format!("{id} v{version}: {}", input.title_da)))
    }
    .await;
    let detail = match result {
        Ok(Some(detail)) => detail,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return store_failed(e),
    };
    match p.audit(&state, if adding { "principle added" } else { "principle updated" }, &detail).await {
        Ok(()) => p.done(if adding { "added" } else { "saved" }),
        Err(e) => store_failed(e),
    }
}
