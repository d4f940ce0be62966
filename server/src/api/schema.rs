//! The typed bodies of the JSON API. Handlers send these, and the OpenAPI
//! document (`doc.rs`) is derived from them, so the two cannot drift apart.
//! Request bodies that the handlers read as loose form fields
//! (`ProposalInput`, `StatusInput`) exist only to be documented. The error
//! responses are beside `ApiError` in `error.rs`.

use app::domain::proposal::{Decision, Moderation, ProposalKind, Stance, Status};
use app::domain::question::QuestionKind;
use app::domain::service::ServiceKind;
use app::domain::staff::Role;
use serde::Serialize;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};
use utoipa::ToSchema;

/// A string that is one of the stable codes the domain defines (the app
/// crate is also built for the browser, so its enums stay free of utoipa).
fn codes(values: impl IntoIterator<Item = &'static str>, nullable: bool) -> Object {
    let ty = if nullable { SchemaType::from_iter([Type::String, Type::Null]) } else { SchemaType::new(Type::String) };
    let mut values: Vec<serde_json::Value> = values.into_iter().map(Into::into).collect();
    if nullable {
        values.push(serde_json::Value::Null);
    }
    ObjectBuilder::new().schema_type(ty).enum_values(Some(values)).build()
}

fn service_kind() -> Object {
    codes([ServiceKind::Internal, ServiceKind::External].map(ServiceKind::as_str), false)
}
fn question_kind() -> Object {
    codes([QuestionKind::Scale, QuestionKind::Choice].map(QuestionKind::as_str), false)
}
fn proposal_kind() -> Object {
    codes(ProposalKind::ALL.iter().map(|k| k.as_str()), false)
}
fn status() -> Object {
    codes(Status::ALL.iter().map(|s| s.as_str()), false)
}
fn moderation() -> Object {
    codes(Moderation::ALL.iter().map(|m| m.as_str()), false)
}
pub(super) fn decision() -> Object {
    codes(Decision::ALL.iter().map(|d| d.as_str()), false)
}
fn stance() -> Object {
    codes(Stance::ALL.iter().map(|s| s.as_str()), true)
}
pub(super) fn stance_input() -> Object {
    codes(Stance::ALL.iter().map(|s| s.as_str()).chain(["none"]), true)
}
/// API tokens show as the role `reader`, which no staff member has.
fn role() -> Object {
    codes(Role::MUNICIPAL.iter().chain(&[Role::Operator]).map(|r| r.as_str()).chain(["reader"]), false)
}

#[derive(Serialize, ToSchema)]
pub struct ServiceItem {
    pub slug: String,
    pub name: String,
    #[schema(schema_with = service_kind)]
    pub kind: ServiceKind,
    pub category: String,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceDetail {
    #[serde(flatten)]
    pub service: ServiceItem,
    /// How many ratings are stored for it; `null` when under 5 (then `ratings_under_5` is true).
    pub ratings: Option<i64>,
    pub ratings_under_5: bool,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionItem {
    pub key: String,
    /// The quality criterion the question measures.
    pub criterion: i64,
    /// In the chosen language.
    pub text: String,
    pub text_da: String,
    pub text_en: String,
    #[schema(schema_with = question_kind)]
    pub kind: QuestionKind,
    /// Scale questions only.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// The accepted answers, labelled in the chosen language.
    pub options: Vec<OptionItem>,
}

#[derive(Serialize, ToSchema)]
pub struct OptionItem {
    pub key: String,
    pub label: String,
}

#[derive(Serialize, ToSchema)]
pub struct PrincipleItem {
    pub id: i64,
    pub title: String,
    pub text: String,
    pub version: i64,
    pub criterion: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct RatingCreated {
    pub id: i64,
    /// This device's earlier rating of the service was replaced.
    pub replaced: bool,
    /// The comment looked like self-harm or suicide language: show where to get help now.
    pub safeguarding: bool,
}

/// How many devices support or oppose it; a count under 5 is `null` with
/// its `…_under_5` set, never exact.
#[derive(Serialize, ToSchema)]
pub struct Support {
    #[serde(rename = "for")]
    pub support_for: Option<i64>,
    pub for_under_5: bool,
    pub against: Option<i64>,
    pub against_under_5: bool,
}

/// A proposal as lists show it.
#[derive(Serialize, ToSchema)]
pub struct ProposalItem {
    pub id: i64,
    #[schema(schema_with = proposal_kind)]
    pub kind: ProposalKind,
    pub principle_id: Option<i64>,
    pub title: String,
    /// Masked: CPR and phone numbers, e-mail addresses, links and @handles are removed.
    pub text: String,
    pub reason: Option<String>,
    #[schema(schema_with = status)]
    pub status: Status,
    /// The status in the chosen language.
    pub status_name: String,
    #[schema(schema_with = moderation)]
    pub moderation: Moderation,
    /// Unix seconds.
    pub created_at: i64,
    pub answered_at: Option<i64>,
    /// The public reason given with the latest status change.
    pub answer: Option<String>,
    pub support: Support,
    /// How many approved comments it has; `null` when under 5.
    pub comments: Option<i64>,
    pub comments_under_5: bool,
}

/// One proposal with its public history and approved comments.
#[derive(Serialize, ToSchema)]
pub struct ProposalDetail {
    #[serde(flatten)]
    pub proposal: ProposalItem,
    /// Only on the receipt, and only a rejection's reason (written to the young person).
    pub moderation_reason: Option<String>,
    /// The slug of the service an idea is about.
    pub service: Option<String>,
    pub history: Vec<EventItem>,
    pub comment_list: Vec<CommentItem>,
}

#[derive(Serialize, ToSchema)]
pub struct EventItem {
    pub at: i64,
    /// `status` or `moderation`.
    pub kind: String,
    /// The new status, or the moderation's result.
    pub value: String,
    pub reason: Option<String>,
    /// `young_person`, `moderator`, `manager` or `system`.
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct CommentItem {
    pub id: i64,
    pub text: String,
    pub created_at: i64,
}

/// The fields of a proposal; numbers may also be sent as strings.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ProposalInput {
    #[schema(schema_with = proposal_kind)]
    kind: String,
    /// Required for `change` and `remove`.
    principle_id: Option<i64>,
    /// A service's slug, for an `idea`.
    service: Option<String>,
    title: String,
    text: String,
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProposalCreated {
    pub id: i64,
    /// Shown once: follow the proposal with `GET /api/v1/receipts/{code}`.
    pub receipt: String,
    #[schema(schema_with = status)]
    pub status: Status,
    #[schema(schema_with = moderation)]
    pub moderation: Moderation,
    pub safeguarding: bool,
}

#[derive(Serialize, ToSchema)]
pub struct StanceSet {
    #[schema(schema_with = stance)]
    pub stance: Option<Stance>,
    pub support: Support,
}

#[derive(Serialize, ToSchema)]
pub struct CommentCreated {
    pub id: i64,
    #[schema(schema_with = moderation)]
    pub moderation: Moderation,
    pub safeguarding: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Moderated {
    pub id: i64,
    #[schema(schema_with = decision)]
    pub decision: Decision,
}

/// An answer (adopted, partly or not adopted) needs a reason. Adopting a new
/// or changed principle needs its texts, and makes a new version of it.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct StatusInput {
    #[schema(schema_with = status)]
    status: String,
    reason: Option<String>,
    title_da: Option<String>,
    text_da: Option<String>,
    title_en: Option<String>,
    text_en: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct StatusChanged {
    pub id: i64,
    #[schema(schema_with = status)]
    pub status: Status,
    pub reason: Option<String>,
}

/// "You said, we did" in figures; shares are whole percentages.
#[derive(Serialize, ToSchema)]
pub struct Results {
    pub proposals: i64,
    pub answered: i64,
    pub changed: i64,
    pub share_answered: Option<i64>,
    /// Fractions of days; `null` before the first answer.
    pub median_days_to_answer: Option<f64>,
    pub share_changed: Option<i64>,
    pub answered_proposals: Vec<ProposalItem>,
}

/// Who is asking: a staff member (`email`) or an API token (`token`).
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    pub roles: Vec<RoleItem>,
}

#[derive(Serialize, ToSchema)]
pub struct RoleItem {
    /// `null` for the operator, who works across municipalities.
    pub municipality: Option<String>,
    #[schema(schema_with = role)]
    pub role: &'static str,
}
