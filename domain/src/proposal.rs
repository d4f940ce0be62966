//! Proposals from young people: to add, change or remove one of the chain's
//! principles, or an idea about a service. Each is followed by a receipt
//! code, moderated, supported or opposed, and answered officially.

use super::principle::PrincipleInput;
use super::public::PublicCount;
use super::rating::{FieldError, FieldErrors};
use super::Locale;
use serde::{Deserialize, Serialize};

#[path = "proposal_listing.rs"]
mod listing;
pub use listing::{Responsiveness, Sort};

pub const TITLE_MAX: usize = 120;
pub const TEXT_MAX: usize = 2000;
pub const REASON_MAX: usize = 2000;
pub const COMMENT_MAX: usize = 500;
/// An official answer's public reason.
pub const ANSWER_MAX: usize = 4000;
pub const DEFAULT_RESPONSE_DAYS: i64 = 30;

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable code used in forms, the API and the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

code_enum!(
    /// What a proposal asks for.
    ProposalKind { Add = "add", Change = "change", Remove = "remove", Idea = "idea" }
);
code_enum!(
    /// Where a proposal is in the official process.
    Status { Received = "received", Considering = "considering", Adopted = "adopted", Partly = "partly_adopted", NotAdopted = "not_adopted" }
);
code_enum!(
    /// Whether free text may be shown to others.
    Moderation { Pending = "pending", Approved = "approved", Rejected = "rejected" }
);
code_enum!(Stance { For = "for", Against = "against" });
code_enum!(Decision { Approve = "approve", Reject = "reject" });

impl ProposalKind {
    /// Change and remove are about an existing principle.
    pub fn needs_principle(self) -> bool {
        matches!(self, ProposalKind::Change | ProposalKind::Remove)
    }
}

impl Status {
    /// Adopted, partly adopted or not adopted: the official answer.
    pub fn is_answer(self) -> bool {
        matches!(self, Status::Adopted | Status::Partly | Status::NotAdopted)
    }

    /// Whether a manager may move a proposal from `self` to `next`. An
    /// answer is final: changing it would rewrite what young people were told.
    pub fn can_move_to(self, next: Status) -> bool {
        match self {
            Status::Received => next != Status::Received,
            Status::Considering => next.is_answer(),
            _ => false,
        }
    }

    /// An answer that changed something.
    pub fn led_to_change(self) -> bool {
        matches!(self, Status::Adopted | Status::Partly)
    }

    /// The i18n key of the status's name.
    pub fn key(self) -> String {
        format!("status-{}", self.as_str())
    }
}

impl Moderation {
    pub fn key(self) -> String {
        format!("moderation-{}", self.as_str())
    }
}

/// One stored proposal, as pages and the API show it. `text` and `reason`
/// are already masked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: i64,
    pub municipality_id: i64,
    pub kind: ProposalKind,
    pub principle_id: Option<i64>,
    pub service_id: Option<i64>,
    pub title: String,
    pub text: String,
    pub reason: Option<String>,
    pub status: Status,
    pub moderation: Moderation,
    /// The moderator's reason, shown on the receipt page.
    pub moderation_reason: Option<String>,
    /// Codes of why it was held ("masked,swearing,self_harm"), "" if not.
    pub held_for: String,
    pub urgent: bool,
    pub created_at: i64,
    /// When the official answer was given.
    pub answered_at: Option<i64>,
    /// The public reason given with the latest status change.
    pub answer: Option<String>,
    pub support_for: i64,
    pub support_against: i64,
    pub comments: i64,
}

impl Proposal {
    pub fn is_public(&self) -> bool {
        self.moderation == Moderation::Approved
    }

    /// Still waiting for an answer after `days` days.
    pub fn is_overdue(&self, days: i64, now: i64) -> bool {
        !self.status.is_answer() && self.moderation != Moderation::Rejected && now - self.created_at > days * 86_400
    }

    /// Whether it was answered within `days`, once that can be told at
    /// `now`: `None` while it is unanswered and its deadline has not passed.
    pub fn answered_in_time(&self, days: i64, now: i64) -> Option<bool> {
        match self.answered_at {
            Some(at) => Some(at - self.created_at <= days * 86_400),
            None if self.is_overdue(days, now) => Some(false),
            None => None,
        }
    }
}

/// One step in a proposal's public history. Records the role that acted,
/// never the person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalEvent {
    pub at: i64,
    /// "status" or "moderation".
    pub kind: String,
    /// The new status or the moderation decision's result.
    pub value: String,
    pub reason: Option<String>,
    /// "young_person", "moderator", "manager" or "system".
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    pub id: i64,
    pub proposal_id: i64,
    pub text: String,
    pub moderation: Moderation,
    pub urgent: bool,
    pub held_for: String,
    pub created_at: i64,
}

/// A proposal as a young person writes it, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposalInput {
    pub kind: ProposalKind,
    pub principle_id: Option<i64>,
    pub service: Option<String>,
    pub title: String,
    pub text: String,
    pub reason: Option<String>,
}

/// What a proposal is checked against: the municipality's active principles
/// and services.
pub struct ProposalRules<'a> {
    pub principles: &'a [i64],
    pub services: &'a [String],
}

/// Trimmed, control characters dropped; `Required` when empty, `TooLong`
/// when over `max` characters.
pub fn text_field(errors: &mut FieldErrors, name: &str, value: Option<&str>, max: usize, required: bool) -> Option<String> {
    let v = super::clean_text(value.unwrap_or_default()).trim().to_string();
    if v.is_empty() {
        if required {
            errors.insert(name.into(), FieldError::Required);
        }
        return None;
    }
    if v.chars().count() > max {
        errors.insert(name.into(), FieldError::TooLong { max });
    }
    Some(v)
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    crate::form::Fields::new(pairs).raw(name).filter(|v| !v.trim().is_empty())
}

impl ProposalInput {
    /// From form fields (the JSON API sends the same names): `kind`,
    /// `principle_id`, `service`, `title`, `text`, `reason`.
    pub fn from_form(pairs: &[(String, String)], rules: &ProposalRules) -> Result<ProposalInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = match get(pairs, "kind").map(ProposalKind::parse) {
            Some(Some(k)) => Some(k),
            Some(None) => {
                errors.insert("kind".into(), FieldError::NotAnOption);
                None
            }
            None => {
                errors.insert("kind".into(), FieldError::Required);
                None
            }
        };
        let principle_id = match get(pairs, "principle_id") {
            Some(p) => match p.trim().parse::<i64>() {
                Ok(id) if rules.principles.contains(&id) => Some(id),
                _ => {
                    errors.insert("principle_id".into(), FieldError::UnknownPrinciple);
                    None
                }
            },
            None => None,
        };
        if kind.is_some_and(ProposalKind::needs_principle) && principle_id.is_none() && !errors.contains_key("principle_id") {
            errors.insert("principle_id".into(), FieldError::Required);
        }
        let service = get(pairs, "service").map(str::trim).map(str::to_string);
        if service.as_ref().is_some_and(|s| !rules.services.contains(s)) {
            errors.insert("service".into(), FieldError::UnknownService);
        }
        let title = text_field(&mut errors, "title", get(pairs, "title"), TITLE_MAX, true);
        let text = text_field(&mut errors, "text", get(pairs, "text"), TEXT_MAX, true);
        let reason = text_field(&mut errors, "reason", get(pairs, "reason"), REASON_MAX, false);
        match (kind, title, text) {
            (Some(kind), Some(title), Some(text)) if errors.is_empty() => {
                // An idea or a new principle is not about an existing one.
                let principle_id = if matches!(kind, ProposalKind::Add) { None } else { principle_id };
                Ok(ProposalInput { kind, principle_id, service, title, text, reason })
            }
            _ => Err(errors),
        }
    }
}

/// A manager's status change, validated: a public reason is required for
/// every answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub status: Status,
    pub reason: Option<String>,
}

impl StatusChange {
    pub fn parse(current: Status, status: Option<&str>, reason: Option<&str>) -> Result<StatusChange, FieldErrors> {
        let mut errors = FieldErrors::new();
        let next = match status.map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                errors.insert("status".into(), FieldError::Required);
                None
            }
            Some(s) => match Status::parse(s) {
                None => {
                    errors.insert("status".into(), FieldError::NotAnOption);
                    None
                }
                Some(next) if !current.can_move_to(next) => {
                    errors.insert("status".into(), FieldError::NotAllowed);
                    None
                }
                Some(next) => Some(next),
            },
        };
        let reason = text_field(&mut errors, "reason", reason, ANSWER_MAX, next.is_some_and(Status::is_answer));
        match next {
            Some(status) if errors.is_empty() => Ok(StatusChange { status, reason }),
            _ => Err(errors),
        }
    }
}

/// A moderator's decision: a reason is required to reject, since the young
/// person sees it on the receipt page.
pub fn parse_decision(decision: Option<&str>, reason: Option<&str>) -> Result<(Decision, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let d = match decision.map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            errors.insert("decision".into(), FieldError::Required);
            None
        }
        Some(s) => Decision::parse(s).or_else(|| {
            errors.insert("decision".into(), FieldError::NotAnOption);
            None
        }),
    };
    let reason = text_field(&mut errors, "reason", reason, ANSWER_MAX, d == Some(Decision::Reject));
    match d {
        Some(d) if errors.is_empty() => Ok((d, reason)),
        _ => Err(errors),
    }
}

/// What adopting a proposal does to the principles, in the same transaction
/// as the answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipleEffect {
    Revise { principle_id: i64, input: PrincipleInput },
    Add(PrincipleInput),
    Deactivate { principle_id: i64 },
}

const PRINCIPLE_FIELDS: [&str; 4] = ["title_da", "text_da", "title_en", "text_en"];

impl PrincipleEffect {
    /// The effect of answering `p` with `status`, from the principle's new
    /// texts in the manager's form. Adopting a new or changed principle needs
    /// its texts; a partial adoption changes the text only when some are given.
    pub fn of_answer(p: &Proposal, status: Status, pairs: &[(String, String)]) -> Result<Option<PrincipleEffect>, FieldErrors> {
        if !status.led_to_change() {
            return Ok(None);
        }
        // The manager's form always carries the texts (prefilled), so a partial
        // adoption changes the principle only when `apply_text` is ticked; the
        // API may simply send the texts.
        let given = if get(pairs, "form").is_some() {
            get(pairs, "apply_text").is_some()
        } else {
            PRINCIPLE_FIELDS.iter().any(|f| get(pairs, f).is_some())
        };
        // English texts may be left empty: the Danish ones stand in.
        let texts = || {
            let mut filled = pairs.to_vec();
            for (en, da) in [("title_en", "title_da"), ("text_en", "text_da")] {
                if get(pairs, en).is_none() {
                    filled.retain(|(k, _)| k != en);
                    filled.push((en.to_string(), get(pairs, da).unwrap_or_default().to_string()));
                }
            }
            PrincipleInput::from_form(&filled)
        };
        Ok(match (p.kind, p.principle_id) {
            (ProposalKind::Change, Some(principle_id)) if status == Status::Adopted || given => {
                Some(PrincipleEffect::Revise { principle_id, input: texts()? })
            }
            (ProposalKind::Add, _) if status == Status::Adopted || given => Some(PrincipleEffect::Add(texts()?)),
            (ProposalKind::Remove, Some(principle_id)) if status == Status::Adopted => Some(PrincipleEffect::Deactivate { principle_id }),
            _ => None,
        })
    }
}

/// The name shown for a status or kind in `locale` (for the API and pages
/// that do not use the i18n tables).
pub fn status_name(s: Status, locale: Locale) -> &'static str {
    match s {
        Status::Received => locale.pick("Modtaget", "Received"),
        Status::Considering => locale.pick("Bliver overvejet", "Under consideration"),
        Status::Adopted => locale.pick("Vedtaget", "Adopted"),
        Status::Partly => locale.pick("Delvist vedtaget", "Partly adopted"),
        Status::NotAdopted => locale.pick("Ikke vedtaget", "Not adopted"),
    }
}

#[cfg(test)]
#[path = "proposal_tests.rs"]
mod tests;
