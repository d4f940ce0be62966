//! Pure domain rules: types that validate once, shared by the server and the
//! rating-form island (so inline validation in the browser is the same code
//! the server trusts).

pub mod accessibility;
pub mod catalogue;
pub mod criteria;
pub mod form;
pub mod governance;
pub mod locale;
pub mod policy;
pub mod principle;
pub mod proposal;
pub mod public;
pub mod question;
pub mod queue;
pub mod rating;
pub mod return_path;
pub mod service;
pub mod slug;
pub mod staff;
pub mod workshop;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod device;
#[cfg(feature = "ssr")]
pub mod masking;
#[cfg(feature = "ssr")]
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod names;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(all(test, feature = "ssr"))]
mod properties;
#[cfg(feature = "ssr")]
pub mod receipt;
#[cfg(feature = "ssr")]
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod secret;

pub use locale::Locale;

/// Free text as people meant it: control characters (NUL and friends, which
/// no one types and PostgreSQL refuses) are dropped; line breaks and tabs stay.
pub fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n").chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

/// A municipality: one tenant of the installation.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Municipality {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub accessibility_url: String,
    /// Young people's free text is erased after this many months.
    pub retention_months: i64,
    /// Proposals should get an official answer within this many days.
    pub response_days: i64,
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(super::clean_text("a\u{0}b\r\nc\td\u{7}"), "ab\nc\td");
    }
}
