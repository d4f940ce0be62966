//! What an admin may change in the chain's catalogue: services and rating
//! questions. Each form is parsed and validated once, here.

use super::rating::{FieldError, FieldErrors};
use super::service::{ServiceKind, CATEGORIES};
use super::slug::is_valid_slug;

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 500;
pub const QUESTION_MAX: usize = 200;

/// A service as an admin adds or edits it. The slug is fixed once created:
/// posters and QR codes point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceInput {
    pub slug: String,
    pub name: String,
    pub description_da: String,
    pub description_en: String,
    pub kind: ServiceKind,
    pub category: String,
    pub active: bool,
}

/// A question's texts and whether it is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionInput {
    pub key: String,
    pub criterion: i64,
    pub text_da: String,
    pub text_en: String,
    pub active: bool,
}

fn field(pairs: &[(String, String)], name: &str) -> String {
    crate::form::Fields::new(pairs).text(name)
}

fn checked(pairs: &[(String, String)], name: &str) -> bool {
    matches!(field(pairs, name).as_str(), "on" | "true" | "1")
}

fn text(errors: &mut FieldErrors, pairs: &[(String, String)], name: &str, required: bool, max: usize) -> String {
    let v = field(pairs, name);
    if required && v.is_empty() {
        errors.insert(name.into(), FieldError::Required);
    } else if v.chars().count() > max {
        errors.insert(name.into(), FieldError::TooLong { max });
    }
    v
}

fn slug(errors: &mut FieldErrors, pairs: &[(String, String)]) -> String {
    let v = field(pairs, "slug");
    if v.is_empty() {
        errors.insert("slug".into(), FieldError::Required);
    } else if !is_valid_slug(&v) {
        errors.insert("slug".into(), FieldError::BadSlug);
    }
    v
}

impl ServiceInput {
    pub fn from_form(pairs: &[(String, String)]) -> Result<ServiceInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let slug = slug(&mut errors, pairs);
        let name = text(&mut errors, pairs, "name", true, NAME_MAX);
        let description_da = text(&mut errors, pairs, "description_da", false, DESCRIPTION_MAX);
        let description_en = text(&mut errors, pairs, "description_en", false, DESCRIPTION_MAX);
        let category = field(pairs, "category");
        let known = CATEGORIES.iter().find(|c| c.0 == category);
        if known.is_none() {
            errors.insert("category".into(), FieldError::UnknownCategory);
        }
        // The kind follows the category unless the admin says otherwise.
        let kind = ServiceKind::parse(&field(pairs, "kind")).or(known.map(|c| c.1)).unwrap_or(ServiceKind::Internal);
        let input = ServiceInput { slug, name, description_da, description_en, kind, category, active: checked(pairs, "active") };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

impl QuestionInput {
    pub fn from_form(pairs: &[(String, String)]) -> Result<QuestionInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let key = slug(&mut errors, pairs);
        let criterion = match field(pairs, "criterion").parse::<i64>() {
            Ok(c) if (1..=12).contains(&c) => c,
            _ => {
                errors.insert("criterion".into(), FieldError::OutOfRange { min: 1, max: 12 });
                0
            }
        };
        let text_da = text(&mut errors, pairs, "text_da", true, QUESTION_MAX);
        let text_en = text(&mut errors, pairs, "text_en", true, QUESTION_MAX);
        let input = QuestionInput { key, criterion, text_da, text_en, active: checked(pairs, "active") };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// Free text is kept this many months before it is erased (1–120).
pub fn parse_retention(pairs: &[(String, String)]) -> Result<i64, FieldErrors> {
    match field(pairs, "months").parse::<i64>() {
        Ok(m) if (1..=120).contains(&m) => Ok(m),
        _ => Err(FieldErrors::from([("months".to_string(), FieldError::OutOfRange { min: 1, max: 120 })])),
    }
}

/// The municipality's settings form: retention in months (1–120) and the
/// response deadline for proposals in days (1–365).
pub fn parse_settings(pairs: &[(String, String)]) -> Result<(i64, i64), FieldErrors> {
    let months = parse_retention(pairs);
    let days = match field(pairs, "response_days").parse::<i64>() {
        Ok(d) if (1..=365).contains(&d) => Ok(d),
        _ => Err(FieldErrors::from([("response_days".to_string(), FieldError::OutOfRange { min: 1, max: 365 })])),
    };
    match (months, days) {
        (Ok(m), Ok(d)) => Ok((m, d)),
        (m, d) => Err(m.err().into_iter().chain(d.err()).flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn settings_name_each_bad_field() {
        assert_eq!(parse_settings(&form(&[("months", "24"), ("response_days", "30")])), Ok((24, 30)));
        let e = parse_settings(&form(&[("months", "0"), ("response_days", "366")])).unwrap_err();
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn a_service_needs_a_slug_a_name_and_a_known_category() {
        let ok = ServiceInput::from_form(&form(&[("slug", "fgu-vest"), ("name", " FGU Vest "), ("category", "fgu"), ("active", "on")]));
        let ok = ok.unwrap();
        assert_eq!((ok.name.as_str(), ok.kind, ok.active), ("FGU Vest", ServiceKind::External, true));
        let bad = ServiceInput::from_form(&form(&[("slug", "FGU/x"), ("name", ""), ("category", "casino")])).unwrap_err();
        assert_eq!(bad.get("slug"), Some(&FieldError::BadSlug));
        assert_eq!(bad.get("name"), Some(&FieldError::Required));
        assert_eq!(bad.get("category"), Some(&FieldError::UnknownCategory));
        let long = "x".repeat(NAME_MAX + 1);
        let bad = ServiceInput::from_form(&form(&[("slug", "a"), ("name", &long), ("category", "uu")])).unwrap_err();
        assert_eq!(bad.get("name"), Some(&FieldError::TooLong { max: NAME_MAX }));
    }

    #[test]
    fn control_characters_never_reach_the_store() {
        let s = ServiceInput::from_form(&form(&[("slug", "a"), ("name", "A\u{0}B"), ("category", "uu")])).unwrap();
        assert_eq!(s.name, "AB");
    }

    #[test]
    fn the_kind_can_differ_from_the_category() {
        let s = ServiceInput::from_form(&form(&[("slug", "a"), ("name", "A"), ("category", "fgu"), ("kind", "internal")])).unwrap();
        assert_eq!((s.kind, s.active), (ServiceKind::Internal, false));
    }

    #[test]
    fn questions_and_retention_are_checked() {
        let q =
            QuestionInput::from_form(&form(&[("slug", "heard"), ("criterion", "6"), ("text_da", "Blev du hørt?"), ("text_en", "Heard?")]));
        assert_eq!(q.unwrap().criterion, 6);
        let bad = QuestionInput::from_form(&form(&[("slug", "x"), ("criterion", "13"), ("text_da", ""), ("text_en", "x")])).unwrap_err();
        assert!(bad.contains_key("criterion") && bad.contains_key("text_da"));
        assert_eq!(parse_retention(&form(&[("months", "24")])), Ok(24));
        assert!(parse_retention(&form(&[("months", "0")])).is_err());
        assert!(parse_retention(&form(&[("months", "x")])).is_err());
    }
}
