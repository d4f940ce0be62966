//! A municipality's accessibility statement (tilgængelighedserklæring):
//! Danish public bodies must publish one for every website, in the structure
//! of the Agency for Digital Government's WAS-Tool. The municipality states
//! how far Stemme complies, what it knows is not accessible, when it last
//! checked and whom to contact; the page adds what our tests check on every
//! change.

use crate::form::Fields;
use crate::rating::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const CONTACT_MAX: usize = 200;
pub const ISSUES_MAX: usize = 4000;

/// How far the site meets WCAG 2.1 AA (EN 301 549), in WAS-Tool's three steps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compliance {
    Full,
    #[default]
    Partial,
    No,
}

impl Compliance {
    pub const ALL: [Compliance; 3] = [Compliance::Full, Compliance::Partial, Compliance::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Full => "full",
            Compliance::Partial => "partial",
            Compliance::No => "no",
        }
    }

    pub fn parse(s: &str) -> Option<Compliance> {
        Compliance::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What the municipality states; the default until an admin saves one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessibilitySettings {
    pub status: Compliance,
    /// An e-mail address, phone number or web address for reporting problems.
    pub contact: String,
    /// The last time someone checked the site (YYYY-MM-DD).
    pub checked_on: Option<String>,
    /// Known content that is not accessible, in the municipality's words.
    pub known_issues: String,
}

impl AccessibilitySettings {
    /// From the settings form: `a11y_status`, `a11y_contact` (required),
    /// `a11y_checked_on` (optional date), `a11y_known_issues`.
    pub fn from_form(pairs: &[(String, String)]) -> Result<AccessibilitySettings, FieldErrors> {
        let f = Fields::new(pairs);
        let mut errors = FieldErrors::new();
        let status = Compliance::parse(&f.text("a11y_status")).unwrap_or_else(|| {
            errors.insert("a11y_status".into(), FieldError::NotAnOption);
            Compliance::Partial
        });
        let contact = f.text("a11y_contact");
        if contact.is_empty() {
            errors.insert("a11y_contact".into(), FieldError::Required);
        } else if contact.chars().count() > CONTACT_MAX {
            errors.insert("a11y_contact".into(), FieldError::TooLong { max: CONTACT_MAX });
        }
        let checked_on = f.optional("a11y_checked_on");
        if checked_on.as_deref().is_some_and(|d| !is_date(d)) {
            errors.insert("a11y_checked_on".into(), FieldError::BadDate);
        }
        let known_issues = f.text("a11y_known_issues");
        if known_issues.chars().count() > ISSUES_MAX {
            errors.insert("a11y_known_issues".into(), FieldError::TooLong { max: ISSUES_MAX });
        }
        if errors.is_empty() {
            Ok(AccessibilitySettings { status, contact, checked_on, known_issues })
        } else {
            Err(errors)
        }
    }

    /// Whether an admin has filled it in (the contact is required to save).
    pub fn is_set(&self) -> bool {
        !self.contact.is_empty()
    }

    /// The contact as a link target: `mailto:`, `tel:` or a web address.
    pub fn contact_href(&self) -> Option<String> {
        let c = self.contact.trim();
        if (c.starts_with("https://") || c.starts_with("http://")) && !c.contains(char::is_whitespace) {
            Some(c.to_string())
        } else if c.contains('@') && !c.contains(char::is_whitespace) && !c.contains(':') {
            Some(format!("mailto:{c}"))
        } else if c.chars().filter(char::is_ascii_digit).count() >= 8 && c.chars().all(|ch| ch.is_ascii_digit() || " +-".contains(ch)) {
            Some(format!("tel:{}", c.replace([' ', '-'], "")))
        } else {
            None
        }
    }
}

/// `YYYY-MM-DD`, a real day.
fn is_date(s: &str) -> bool {
    s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' && crate::governance::month::Month::parse(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_statement_is_read_from_the_settings_form() {
        let s = AccessibilitySettings::from_form(&form(&[
            ("a11y_status", "full"),
            ("a11y_contact", " digital@odense.dk "),
            ("a11y_checked_on", "2026-11-30"),
            ("a11y_known_issues", ""),
        ]))
        .unwrap();
        assert_eq!(s.status, Compliance::Full);
        assert_eq!(s.contact, "digital@odense.dk");
        assert_eq!(s.checked_on.as_deref(), Some("2026-11-30"));
        assert_eq!(s.contact_href().as_deref(), Some("mailto:digital@odense.dk"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let long = "x".repeat(CONTACT_MAX + 1);
        let e = AccessibilitySettings::from_form(&form(&[
            ("a11y_status", "mostly"),
            ("a11y_contact", &long),
            ("a11y_checked_on", "2026-02-30"),
        ]))
        .unwrap_err();
        assert_eq!(e.get("a11y_status"), Some(&FieldError::NotAnOption));
        assert_eq!(e.get("a11y_contact"), Some(&FieldError::TooLong { max: CONTACT_MAX }));
        assert_eq!(e.get("a11y_checked_on"), Some(&FieldError::BadDate));
        let e = AccessibilitySettings::from_form(&form(&[("a11y_status", "partial"), ("a11y_checked_on", "2026-11")])).unwrap_err();
        assert_eq!(e.get("a11y_contact"), Some(&FieldError::Required));
        assert_eq!(e.get("a11y_checked_on"), Some(&FieldError::BadDate));
    }

    #[test]
    fn the_contact_becomes_a_link_only_when_it_is_one() {
        let with = |c: &str| AccessibilitySettings { contact: c.into(), ..Default::default() }.contact_href();
        assert_eq!(with("+45 66 13 13 72").as_deref(), Some("tel:+4566131372"));
        assert_eq!(with("https://odense.dk/kontakt").as_deref(), Some("https://odense.dk/kontakt"));
        assert_eq!(with("Borgerservice, Flakhaven 2"), None);
        assert_eq!(with("javascript:alert(1)"), None);
        assert_eq!(with("https://odense.dk/@kontakt").as_deref(), Some("https://odense.dk/@kontakt"));
        assert_eq!(with("javascript:a@b.dk"), None);
    }
}
