//! `GET /api/v1/openapi.json`: the OpenAPI document of this API, derived from
//! the handlers' `#[utoipa::path]` annotations and the types in `schema.rs`.

use super::{answers, catalogue, governance, proposals, ratings, session, tables, workshop_export, workshops};
use crate::error::ErrorBody;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use std::sync::LazyLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

const DESCRIPTION: &str = "\
The JSON API of Stemme, where young people rate the services of a municipality's chain and propose \
changes to its principles, and staff moderate and answer the proposals.

Young people are anonymous: their writes (ratings, proposals, stances, comments) need no sign-in, are \
tied to the device by the `stemme_enhed` cookie, and are rate limited (429 with `Retry-After`). Staff \
sign in with `POST /api/v1/session`, which sets the session cookie: `stemme_session`, or \
`__Host-stemme_session` when the server runs with `--secure-cookies`. Read-only API tokens are sent as \
`Authorization: Bearer stm_…`; any other method with a token is 403, and a malformed, unknown or \
revoked token is 401 on every endpoint. Writes that a browser marks as coming from another site \
(`Sec-Fetch-Site`, `Origin`) are 403.

Request bodies are JSON (`Content-Type: application/json`), at most 16 KiB. Every error is \
`{\"error\": \"…\", \"fields\": {\"name\": \"…\"}}`; `fields` (422 only) names each bad input. \
Messages and localised texts are in Danish by default, and in English when the `stemme_sprog` cookie \
is `en` (`Accept-Language` is not read). A few messages give both languages, `dansk / English`, and \
some technical ones (an unreadable body, token errors, 503) are in English only.";

#[derive(OpenApi)]
#[openapi(
    info(title = "Stemme API", version = env!("CARGO_PKG_VERSION"), description = DESCRIPTION),
    paths(
        catalogue::services,
        catalogue::service,
        catalogue::questions,
        catalogue::principles,
        ratings::create,
        proposals::list,
        proposals::create,
        proposals::results,
        answers::comment_moderation,
        proposals::receipt,
        proposals::show,
        proposals::stance,
        proposals::comment,
        answers::moderation,
        answers::status,
        session::create,
        session::delete,
        session::me,
        governance::summary,
        governance::summary_csv,
        tables::table_csv,
        workshops::create,
        workshops::join,
        workshops::show,
        workshops::advance,
        workshops::respond,
        workshops::events,
        workshop_export::export,
    ),
    // Error responses are shared types (`IntoResponses`), whose body schema is not collected by itself.
    components(schemas(ErrorBody)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "catalogue", description = "A municipality's services, questions and principles"),
        (name = "ratings", description = "Young people's anonymous ratings"),
        (name = "proposals", description = "Co-design: proposals, support, comments, moderation and official answers"),
        (name = "session", description = "Staff sign-in and who is asking"),
        (name = "governance", description = "Figures for managers, after disclosure control (no group under 5)"),
        (name = "workshops", description = "Workshop mode: a facilitator's live activities, joined by code, followed as server-sent events"),
    )
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        let cookie = ApiKeyValue::with_description(
            crate::auth::session::PLAIN_NAME,
            "Staff session from `POST /api/v1/session` (`__Host-stemme_session` behind https with `--secure-cookies`).",
        );
        components.add_security_scheme("session_cookie", SecurityScheme::ApiKey(ApiKey::Cookie(cookie)));
        let bearer = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("stm_…")
            .description(Some("A read-only API token made by a municipality's admin."))
            .build();
        components.add_security_scheme("api_token", SecurityScheme::Http(bearer));
    }
}

/// Serialised once: the document only changes with the code.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| ApiDoc::openapi().to_json().expect("the OpenAPI document serialises"));

pub async fn openapi() -> impl IntoResponse {
    ([(CONTENT_TYPE, "application/json")], DOCUMENT.as_str())
}
