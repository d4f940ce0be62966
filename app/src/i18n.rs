//! Text for people: Danish first, English second (rust-i18n, `locales/`).

use crate::domain::Locale;
use leptos::prelude::*;

/// The text for `key` in `locale`.
pub fn tr(locale: Locale, key: &str) -> String {
    rust_i18n::t!(key, locale = locale.code()).into_owned()
}

/// The locale chosen for this request (provided by `App`).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// A translator bound to the current request's locale.
pub fn use_t() -> impl Fn(&str) -> String + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move |key| tr(locale, key)
}

/// Reads the language cookie of the request being rendered.
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::COOKIE).and_then(|c| c.to_str().ok()).map(Locale::from_cookie_header))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Locale::default()
    }
}

/// Danish number formatting (decimal comma) for Danish pages.
pub fn format_decimal(locale: Locale, value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    match locale {
        Locale::Da => s.replace('.', ","),
        Locale::En => s,
    }
}

pub use crate::domain::governance::month::civil;

/// A date for people: "23. november 2026" / "23 November 2026".
pub fn format_date(locale: Locale, secs: i64) -> String {
    const DA: [&str; 12] =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
    const EN: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let (y, m, d, _, _) = civil(secs);
    let month = (m - 1).clamp(0, 11) as usize;
    match locale {
        Locale::Da => format!("{d}. {} {y}", DA[month]),
        Locale::En => format!("{d} {} {y}", EN[month]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_text() {
        assert_eq!(tr(Locale::Da, "nav.home"), "Forside");
        assert_eq!(tr(Locale::En, "nav.home"), "Home");
    }

    #[test]
    fn dates_read_naturally() {
        assert_eq!(format_date(Locale::Da, 1_795_428_000), "23. november 2026");
        assert_eq!(format_date(Locale::En, 951_782_400), "29 February 2000");
    }

    #[test]
    fn danish_decimals_use_a_comma() {
        assert_eq!(format_decimal(Locale::Da, 3.25, 1), "3,2");
        assert_eq!(format_decimal(Locale::En, 3.5, 1), "3.5");
    }
}
