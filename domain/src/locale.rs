use serde::{Deserialize, Serialize};

/// The two languages Stemme speaks. Danish is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Da,
    En,
}

/// Name of the cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "stemme_sprog";

/// The form field of the language button when it sends a page's own form
/// (the rating and proposal forms): the page comes back in the other
/// language with everything typed still there, nothing validated or saved.
pub const SWITCH_LANGUAGE_FIELD: &str = "skift_sprog";

/// The language asked for by a form sent with the language button, if it was.
pub fn switch_requested(pairs: &[(String, String)]) -> Option<Locale> {
    pairs.iter().find(|(k, _)| k == SWITCH_LANGUAGE_FIELD).and_then(|(_, v)| Locale::parse(v))
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Da => "da",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Locale> {
        match s.trim() {
            "da" => Some(Locale::Da),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::Da => Locale::En,
            Locale::En => Locale::Da,
        }
    }

    /// Picks the Danish or English version of data kept in both languages
    /// (a criterion's name, a service description), and of the few texts
    /// of this crate, which has no Fluent. The app's and the server's texts
    /// live in the Fluent files (`app::i18n`), not in such pairs.
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Da => da,
            Locale::En => en,
        }
    }

    /// The language chosen in a `Cookie:` header, Danish when none is chosen.
    pub fn from_cookie_header(header: &str) -> Locale {
        header
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .and_then(|(_, v)| Locale::parse(v))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_sent_with_the_language_button_asks_for_that_language() {
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(switch_requested(&[pair("comment", "hej"), pair(SWITCH_LANGUAGE_FIELD, "en")]), Some(Locale::En));
        assert_eq!(switch_requested(&[pair("comment", "hej")]), None, "the send button is not a language switch");
        assert_eq!(switch_requested(&[pair(SWITCH_LANGUAGE_FIELD, "fr")]), None, "an unknown language is not a switch");
    }

    #[test]
    fn cookie_header_picks_language() {
        assert_eq!(Locale::from_cookie_header("a=b; stemme_sprog=en"), Locale::En);
        assert_eq!(Locale::from_cookie_header("stemme_sprog=xx"), Locale::Da);
        assert_eq!(Locale::from_cookie_header(""), Locale::Da);
    }
}
