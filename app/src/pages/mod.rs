//! Routes and the HTML shell. Every page is server-rendered (`SsrMode::Async`,
//! so it is complete without JavaScript).

pub mod admin;
mod chain;
mod governance;
mod home;
pub(crate) mod info;
mod poster;
mod principles;
mod proposal;
mod proposals;
mod rate;
mod receipt;
mod results;
mod statement;
mod thanks;
mod workshop;

pub use admin::{AdminEcho, Denied};
pub use info::NotFoundPage;
pub use rate::RatingFormEcho;
pub use workshop::WorkshopEcho;

use crate::i18n::request_locale;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let locale = request_locale();
    provide_context(locale);
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4e89"/>
                <link rel="stylesheet" href="/pkg/stemme.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    if use_context::<crate::domain::Locale>().is_none() {
        provide_context(request_locale());
    }
    // The server's gate refused this page: render only the refusal.
    if let Some(Denied(status)) = use_context::<Denied>() {
        return view! { <admin::DeniedPage status=status/> }.into_any();
    }
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m") view=chain::ChainPage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/tilgaengelighed") view=statement::StatementPage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/s/:s") view=rate::RatePage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/s/:s/tak") view=thanks::ThanksPage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/s/:s/plakat") view=poster::PosterPage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/principper") view=principles::PrinciplesPage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/forslag") view=proposals::ProposalsPage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/foreslaa") view=proposals::ProposePage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/forslag/:id") view=proposal::ProposalPage ssr=SsrMode::Async/>
                <Route path=path!("/k/:m/resultater") view=results::ResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/kvittering") view=receipt::ReceiptPage ssr=SsrMode::Async/>
                <Route path=path!("/kvittering/:code") view=receipt::ReceiptPage ssr=SsrMode::Async/>
                <Route path=path!("/privatliv") view=info::PrivacyPage ssr=SsrMode::Async/>
                <Route path=path!("/tilgaengelighed") view=info::AccessibilityPage ssr=SsrMode::Async/>
                <Route path=path!("/login") view=admin::LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/login/kode") view=admin::LoginCodePage ssr=SsrMode::Async/>
                <Route path=path!("/login/app") view=admin::LoginSetupPage ssr=SsrMode::Async/>
                <Route path=path!("/adgangskode/:token") view=admin::SetPasswordPage ssr=SsrMode::Async/>
                <Route path=path!("/admin") view=admin::AdminHome ssr=SsrMode::Async/>
                <Route path=path!("/admin/kommuner") view=admin::OperatorPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/konto") view=admin::AccountPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m") view=admin::MunicipalityHome ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/tilbud") view=admin::ServicesPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/principper") view=admin::PrinciplesAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/spoergsmaal") view=admin::QuestionsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/personale") view=admin::StaffPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/noegler") view=admin::TokensPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/indstillinger") view=admin::SettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/log") view=admin::AuditPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/moderation") view=admin::ModerationPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/forslag") view=admin::ProposalsAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/antagelser") view=admin::AssumptionsPage ssr=SsrMode::Async/>
                <Route path=path!("/w") view=workshop::JoinPage ssr=SsrMode::Async/>
                <Route path=path!("/w/:id") view=workshop::ParticipantPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/workshops") view=admin::WorkshopsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/workshops/:id") view=admin::FacilitatorPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/:m/workshops/:id/skaerm") view=admin::PresenterPage ssr=SsrMode::Async/>
                <Route path=path!("/styring/:m") view=governance::GovernancePage ssr=SsrMode::Async/>
                <Route path=path!("/styring/:m/rapport") view=governance::ReportPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
    .into_any()
}

/// Pages allow only scripts carrying this response's nonce (and what they
/// load), the wasm they instantiate, and our own styles and images; an
/// inline style needs the nonce too (the board report's page footer).
fn set_content_security_policy() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(res)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        let csp = format!(
            "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; style-src 'self' 'nonce-{nonce}'; \
             img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&csp) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// Logs an internal failure and returns a message that reveals nothing.
#[cfg(feature = "ssr")]
pub(crate) fn internal_error(e: impl std::fmt::Debug) -> ServerFnError {
    tracing::error!(error = ?e, "page data failed");
    ServerFnError::new("unavailable")
}

/// `result.or_unavailable()?` in a server function: a use case's failure
/// is logged (`internal_error`) and the page learns only "unavailable".
#[cfg(feature = "ssr")]
pub(crate) trait OrUnavailable<T> {
    fn or_unavailable(self) -> Result<T, ServerFnError>;
}

#[cfg(feature = "ssr")]
impl<T, E: std::fmt::Debug> OrUnavailable<T> for Result<T, E> {
    fn or_unavailable(self) -> Result<T, ServerFnError> {
        self.map_err(internal_error)
    }
}

/// Reads a route parameter.
pub(crate) fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// `Settings::base_url` for the request being rendered.
#[cfg(feature = "ssr")]
pub(crate) fn base_url() -> String {
    let parts = use_context::<http::request::Parts>();
    expect_context::<crate::state::AppState>().settings.base_url(parts.as_ref().map(|p| &p.headers))
}

/// A QR code for `url` as an SVG document (never user input inside).
#[cfg(feature = "ssr")]
pub(crate) fn qr_svg(url: &str, size: u32) -> Result<String, ServerFnError> {
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M).map_err(internal_error)?;
    Ok(code.render::<qrcode::render::svg::Color>().min_dimensions(size, size).quiet_zone(true).build())
}

/// The key of this request's participant cookie in workshop `id`, if any.
#[cfg(feature = "ssr")]
pub(crate) fn participant_key(id: i64) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let token = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| crate::domain::device::cookie_token(h, crate::workshop::PARTICIPANT_COOKIE))?;
    Some(crate::workshop::participant_key(&token, id))
}

/// The SHA-256 of the device cookie this request carries, if any.
#[cfg(feature = "ssr")]
pub(crate) fn device_hash() -> Option<String> {
    cookie_hash(crate::domain::device::from_cookie_header)
}

/// Hashes the token `read` finds in this request's cookie headers: only
/// hashes of cookie tokens are ever compared or stored.
#[cfg(feature = "ssr")]
fn cookie_hash(read: impl Fn(&str) -> Option<String>) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let token = parts.headers.get_all(http::header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(read)?;
    Some(crate::domain::device::hash(&token))
}

/// A co-design page's data: "not found" is `Ok(None)` (a 404 page).
#[cfg(feature = "ssr")]
pub(crate) fn codesign_result<T>(r: Result<T, crate::codesign::CodesignError>) -> Result<Option<T>, ServerFnError> {
    use crate::codesign::CodesignError;
    match r {
        Ok(v) => Ok(Some(v)),
        Err(CodesignError::NotFound) => Ok(None),
        Err(e) => Err(internal_error(e)),
    }
}
