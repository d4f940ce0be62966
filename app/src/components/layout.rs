use crate::i18n::{use_locale, use_t};
use leptos::prelude::*;

/// The page around every youth page: skip link, header with the language
/// switch, main content, footer with privacy and accessibility links.
#[component]
pub fn PageFrame(
    /// The municipality's accessibility statement, when the page belongs to one.
    #[prop(optional, into)]
    a11y_url: Option<String>,
    /// Where the header's home link points.
    #[prop(optional, into)]
    home: Option<String>,
    /// The id of the page's form whose typed text a language switch keeps:
    /// the language button then sends that form (see `SWITCH_LANGUAGE_FIELD`).
    #[prop(optional, into)]
    keep_form: Option<String>,
    children: Children,
) -> impl IntoView {
    let t = use_t();
    let locale = use_locale();
    let back = current_path();
    let home = home.unwrap_or_else(|| "/".into());
    let a11y = a11y_url.unwrap_or_else(|| "/tilgaengelighed".into());
    view! {
        <a class="skip" href="#main">{t("nav-skip")}</a>
        <header class="site-header">
            <a class="brand" href=home>
                <span class="brand-name">{t("site-name")}</span>
                <span class="brand-tag">{t("site-tagline")}</span>
            </a>
            <form method="post" action="/sprog" class="lang-switch">
                <input type="hidden" name="lang" value=locale.other().code()/>
                <input type="hidden" name="back" value=back/>
                <button type="submit" lang=locale.other().code() title=t("lang-switch_label") form=keep_form.clone()
                    name=keep_form.as_ref().map(|_| crate::domain::locale::SWITCH_LANGUAGE_FIELD)
                    value=keep_form.as_ref().map(|_| locale.other().code())>
                    {t("lang-switch")}
                </button>
            </form>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t("footer-about")}</p>
            <nav aria-label="Footer">
                <a href="/privatliv">{t("footer-privacy")}</a>
                <a href=a11y>{t("footer-a11y")}</a>
            </nav>
        </footer>
    }
}

/// The path (and query) of the request being rendered, for "come back here" links.
pub fn current_path() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.uri.path_and_query().map(|pq| pq.as_str().to_string()))
            .unwrap_or_else(|| "/".into())
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/".to_string()
    }
}

/// Sets the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(r), Ok(status)) = (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code)) {
        r.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Marks the page being rendered as personal to this device, so that no
/// browser or proxy cache keeps it for someone else.
pub fn set_private() {
    #[cfg(feature = "ssr")]
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        r.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("private, no-store"));
    }
}

/// The scripts that load the wasm and hydrate islands. Only pages with an
/// island render this, so the other pages load no wasm at all.
#[component]
pub fn IslandScripts() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::AppState>().map(|s| view! { <HydrationScripts options=s.leptos_options.clone() islands=true/> })
    }
    #[cfg(not(feature = "ssr"))]
    {
        ()
    }
}

/// `<Title>` with its text escaped. leptos_meta 0.8 writes the title into the
/// server-rendered HTML as it is, so a young person's proposal title like
/// `</title><script>…` would otherwise become markup.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <leptos_meta::Title text=escape_html(&text)/> }
}

/// Text safe inside an element: `&`, `<`, `>` and quotes as entities.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_cannot_become_markup() {
        assert_eq!(super::escape_html("</title><b a='1'>&"), "&lt;/title&gt;&lt;b a=&#39;1&#39;&gt;&amp;");
    }
}
