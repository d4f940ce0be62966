//! Text for people: Danish first, English second. The texts are Fluent
//! messages in `locales/da/*.ftl` and `locales/en/*.ftl` (one file per part
//! of the app, the same split in both languages), embedded at compile time:
//! no files at run time, and the same texts on the server and in the wasm
//! (today no island looks a text up, so the wasm carries none). An id is the
//! part and the name joined by `-`: `nav-home`, `lang-switch_label`.
//!
//! Counts and other values go in as Fluent arguments (`tr_args`), never glued
//! onto a word or replaced into a text by hand: the message picks its plural
//! form by the language's CLDR rules, `{ $n -> [one] … *[other] … }`, so a
//! page says "1 kommentar" and "2 kommentarer". The tests in `i18n_tests.rs`
//! check that every id the code uses exists in both languages.

use crate::domain::public::PublicCount;
use crate::domain::Locale;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use leptos::prelude::*;
use std::sync::LazyLock;

/// The text files of one language, in the order they go into its bundle.
macro_rules! ftl_files {
    ($lang:literal) => {
        [
            ("app", include_str!(concat!("../locales/", $lang, "/app.ftl"))),
            ("admin", include_str!(concat!("../locales/", $lang, "/admin.ftl"))),
            ("codesign", include_str!(concat!("../locales/", $lang, "/codesign.ftl"))),
            ("workshop", include_str!(concat!("../locales/", $lang, "/workshop.ftl"))),
            ("governance", include_str!(concat!("../locales/", $lang, "/governance.ftl"))),
        ]
    };
}

pub(crate) fn sources(locale: Locale) -> [(&'static str, &'static str); 5] {
    match locale {
        Locale::Da => ftl_files!("da"),
        Locale::En => ftl_files!("en"),
    }
}

type Bundle = FluentBundle<FluentResource>;

static DANISH: LazyLock<Bundle> = LazyLock::new(|| bundle(Locale::Da));
static ENGLISH: LazyLock<Bundle> = LazyLock::new(|| bundle(Locale::En));

/// The texts are part of the binary, so a broken file is a build defect
/// (the unit tests load both languages): it stops the first page, loudly.
fn bundle(locale: Locale) -> Bundle {
    let code = locale.code();
    let lang = code.parse().unwrap_or_else(|e| panic!("language id {code}: {e}"));
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks around each placeable would reach screen
    // readers, copied text and the tests as invisible stray characters.
    bundle.set_use_isolating(false);
    for (file, text) in sources(locale) {
        let resource = FluentResource::try_new(text.to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{code}/{file}.ftl does not parse: {errors:?}"));
        bundle.add_resource(resource).unwrap_or_else(|errors| panic!("locales/{code}/{file}.ftl repeats an id: {errors:?}"));
    }
    bundle
}

pub(crate) fn bundle_for(locale: Locale) -> &'static Bundle {
    match locale {
        Locale::Da => &DANISH,
        Locale::En => &ENGLISH,
    }
}

/// A value for a message argument: a number (which chooses the plural
/// form) or a text.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Number(i64),
    Text(String),
    /// A public count of young people: a number from 5, otherwise "under 5",
    /// which takes the other (plural) form.
    Public(PublicCount),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<PublicCount> for Arg {
    fn from(c: PublicCount) -> Arg {
        Arg::Public(c)
    }
}

impl Arg {
    fn value(&self, locale: Locale) -> FluentValue<'static> {
        match self {
            Arg::Number(n) => (*n).into(),
            Arg::Text(s) => s.clone().into(),
            Arg::Public(c) => match c.exact() {
                Some(n) => n.into(),
                None => c.label(locale).into(),
            },
        }
    }
}

/// The text `id` in `locale`.
pub fn tr(locale: Locale, id: &str) -> String {
    render(locale, id, None)
}

/// The text `id` in `locale` with its arguments, e.g.
/// `tr_args(locale, "comments-count", &[("n", count.into())])`.
pub fn tr_args(locale: Locale, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent.set(*name, value.value(locale));
    }
    render(locale, id, Some(&fluent))
}

/// An unknown id shows as itself, never as an empty string, and a missing
/// argument as Fluent's `{$n}`: visible on the page, and the unit tests
/// keep both from shipping.
fn render(locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle_for(locale);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        #[cfg(feature = "ssr")]
        tracing::error!(id, locale = locale.code(), "no such text");
        return id.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
    #[cfg(feature = "ssr")]
    if !errors.is_empty() {
        tracing::error!(id, locale = locale.code(), ?errors, "text formatted with errors");
    }
    text
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
use crate::domain::governance::month::danish_civil;

/// A date for people, in Danish time: "23. november 2026" / "23 November 2026".
pub fn format_date(locale: Locale, secs: i64) -> String {
    const DA: [&str; 12] =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
    const EN: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let (y, m, d, _, _) = danish_civil(secs);
    let month = (m - 1).clamp(0, 11) as usize;
    match locale {
        Locale::Da => format!("{d}. {} {y}", DA[month]),
        Locale::En => format!("{d} {} {y}", EN[month]),
    }
}

/// A date and clock time in Danish time: "7. december 2026 kl. 14.05" / "7 December 2026, 14:05".
pub fn format_date_time(locale: Locale, secs: i64) -> String {
    let (_, _, _, h, min) = danish_civil(secs);
    match locale {
        Locale::Da => format!("{} kl. {h:02}.{min:02}", format_date(locale, secs)),
        Locale::En => format!("{}, {h:02}:{min:02}", format_date(locale, secs)),
    }
}

#[cfg(test)]
#[path = "i18n_tests.rs"]
mod tests;
