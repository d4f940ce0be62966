//! The fields of a url-encoded form, read one way everywhere: text is
//! cleaned (`clean_text`) and trimmed, a missing field reads as empty, and a
//! field that cannot be used says why in words a person can act on.

use crate::rating::FieldError;
use std::str::FromStr;

/// The decoded `name=value` pairs of one form post, in the order sent
/// (repeated names kept: checkboxes of one group share a name).
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    pairs: &'a [(String, String)],
}

impl<'a> Fields<'a> {
    pub fn new(pairs: &'a [(String, String)]) -> Fields<'a> {
        Fields { pairs }
    }

    pub fn pairs(&self) -> &'a [(String, String)] {
        self.pairs
    }

    /// The first value sent under `name`, exactly as sent: for passwords and
    /// return paths, where cleaning would change what was meant.
    pub fn raw(&self, name: &str) -> Option<&'a str> {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The cleaned, trimmed text of `name`; empty when it was not sent.
    pub fn text(&self, name: &str) -> String {
        self.raw(name).map(|v| crate::clean_text(v).trim().to_string()).unwrap_or_default()
    }

    /// The cleaned, trimmed text of `name`; `None` when missing or blank.
    pub fn optional(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|v| !v.is_empty())
    }

    /// Text that must be there: `Required` when missing or blank.
    pub fn required(&self, name: &str) -> Result<String, FieldError> {
        self.optional(name).ok_or(FieldError::Required)
    }

    /// A number: `Required` when missing or blank, `NotANumber` when it is
    /// something else.
    pub fn number<T: FromStr>(&self, name: &str) -> Result<T, FieldError> {
        self.required(name)?.parse().map_err(|_| FieldError::NotANumber)
    }

    /// A ticked checkbox: sent with a value (browsers send `on`).
    pub fn checkbox(&self, name: &str) -> bool {
        !self.text(name).is_empty()
    }

    /// Sent at all, even empty (a checkbox whose value does not matter).
    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }

    /// Every value sent under `name` (a checkbox group), cleaned and trimmed.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| crate::clean_text(v).trim().to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn text_is_cleaned_and_trimmed_and_missing_reads_empty() {
        let pairs = form(&[("name", "  Ung\u{0} i byen \r\n"), ("blank", "   ")]);
        let f = Fields::new(&pairs);
        assert_eq!(f.text("name"), "Ung i byen");
        assert_eq!(f.text("missing"), "");
        assert_eq!(f.optional("blank"), None);
        assert_eq!(f.optional("name").as_deref(), Some("Ung i byen"));
        assert_eq!(f.required("blank"), Err(FieldError::Required));
    }

    #[test]
    fn raw_keeps_what_was_sent() {
        let pairs = form(&[("next", "/\t/evil"), ("password", " hemmelig ")]);
        let f = Fields::new(&pairs);
        assert_eq!(f.raw("next"), Some("/\t/evil"));
        assert_eq!(f.raw("password"), Some(" hemmelig "));
        assert_eq!(f.raw("missing"), None);
    }

    #[test]
    fn numbers_say_what_is_wrong() {
        let pairs = form(&[("id", " 42 "), ("months", "tolv"), ("empty", "")]);
        let f = Fields::new(&pairs);
        assert_eq!(f.number::<i64>("id"), Ok(42));
        assert_eq!(f.number::<i64>("months"), Err(FieldError::NotANumber));
        assert_eq!(f.number::<i64>("empty"), Err(FieldError::Required));
        assert_eq!(f.number::<usize>("missing"), Err(FieldError::Required));
        assert_eq!(f.number::<usize>("id"), Ok(42));
    }

    #[test]
    fn checkboxes_and_groups() {
        let pairs = form(&[("active", "on"), ("compare", ""), ("role", "admin"), ("role", " moderator ")]);
        let f = Fields::new(&pairs);
        assert!(f.checkbox("active"));
        assert!(!f.checkbox("compare"));
        assert!(f.has("compare"));
        assert!(!f.checkbox("missing") && !f.has("missing"));
        assert_eq!(f.all("role"), ["admin", "moderator"]);
        assert!(f.all("missing").is_empty());
    }

    #[test]
    fn the_first_of_repeated_names_counts_for_one_value() {
        let pairs = form(&[("title", "første"), ("title", "anden")]);
        assert_eq!(Fields::new(&pairs).text("title"), "første");
    }
}
