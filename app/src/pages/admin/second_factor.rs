//! The second factor's pages: the code after the password (`/login/kode`),
//! setting up an authenticator app during sign-in (`/login/app`), and one's
//! own account (`/admin/konto`). Forms post without JavaScript.

use super::{AdminFrame, Notice};
use crate::components::PageTitle;
use crate::i18n::use_t;
#[cfg(feature = "ssr")]
use crate::pages::OrUnavailable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// An app to set up, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppSetup {
    pub email: String,
    /// In groups of four, for typing.
    pub secret: String,
    /// The `otpauth://` address as an SVG QR code (made by us, no user input).
    pub qr: String,
}

/// The sign-in's state on the code pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// The password was right: the code comes next (or a passkey, when
    /// the account has one).
    Code { passkeys: bool },
    /// The app to set up.
    Setup(AppSetup),
    /// No live challenge: start again from the password.
    Expired,
}

#[cfg(feature = "ssr")]
async fn setup(staff_id: i64, email: &str) -> Result<Option<AppSetup>, ServerFnError> {
    let state = expect_context::<crate::state::AppState>();
    let Some(e) = crate::staff::second_factor::enrolment(&state.store, staff_id, email).await.or_unavailable()? else { return Ok(None) };
    let qr = crate::pages::qr_svg(&e.uri, 240)?;
    Ok(Some(AppSetup { email: e.email, secret: crate::domain::second_factor::grouped(&e.secret), qr }))
}

/// Where the sign-in is (the server's gate resolves the challenge cookie).
#[server]
pub async fn sign_in_step(setup_app: bool) -> Result<Step, ServerFnError> {
    use crate::store::second_factor::Challenge;
    let challenge = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Challenge>().cloned());
    let Some(c) = challenge else { return Ok(Step::Expired) };
    let state = expect_context::<crate::state::AppState>();
    let passkeys = !state.store.passkeys(c.staff_id).await.or_unavailable()?.is_empty();
    if !setup_app {
        return Ok(Step::Code { passkeys });
    }
    // An app set up meanwhile (another tab): the code page is the way on.
    Ok(setup(c.staff_id, &c.email).await?.map_or(Step::Code { passkeys }, Step::Setup))
}

/// The code field: six digits from the app, or (`recovery`) a recovery code.
#[component]
fn CodeForm(
    action: &'static str,
    form: &'static str,
    #[prop(optional)] recovery: bool,
    #[prop(optional, into)] hidden: Vec<(&'static str, String)>,
    /// The button's text key (default "Fortsæt").
    #[prop(default = "factor-submit")]
    submit: &'static str,
) -> impl IntoView {
    let t = use_t();
    let id = format!("{form}-code");
    let hint_id = format!("{id}-hint");
    // A refused code: the message is tied to the field for screen readers.
    let echo = super::use_echo();
    let problem = (echo.form == form).then_some(echo.message).flatten();
    let err_id = format!("{id}-error");
    let described = if problem.is_some() { format!("{err_id} {hint_id}") } else { hint_id.clone() };
    let (label, hint) = if recovery {
        (t("factor-code_or_recovery"), t("factor-code_or_recovery_hint"))
    } else {
        (t("factor-code"), t("factor-code_hint"))
    };
    view! {
        <form method="post" action=action class="admin-form narrow">
            {problem.clone().map(|m| view! { <p class="problem" role="alert" id=err_id.clone()>{m}</p> })}
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
            <div class="field">
                <label for=id.clone()>{label}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <input id=id name="code" type="text" required=true autocomplete="one-time-code" spellcheck="false"
                    inputmode=(!recovery).then_some("numeric") aria-describedby=described class="code-input"
                    aria-invalid=problem.is_some().then_some("true")/>
            </div>
            <button type="submit" class="button primary">{t(submit)}</button>
        </form>
    }
}

/// The new recovery codes, shown once, and the way on.
#[component]
fn RecoveryCodes(codes: String, next: String) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="secret" role="status">
            <h2>{t("factor-codes_title")}</h2>
            <p>{t("factor-codes_intro")}</p>
            <ol class="recovery-codes">
                {codes.lines().map(|c| view! { <li><code>{c.to_string()}</code></li> }).collect_view()}
            </ol>
            <p class="hint">{t("admin-secret_once")}</p>
        </div>
        <p><a class="button primary" href=next>{t("factor-continue")}</a></p>
    }
}

/// Scan the code, or type the key, then the first code from the app.
#[component]
fn SetupApp(app: AppSetup, action: &'static str, #[prop(optional, into)] hidden: Vec<(&'static str, String)>) -> impl IntoView {
    let t = use_t();
    view! {
        <ol class="steps">
            <li>{t("factor-step_install")}</li>
            <li>
                {t("factor-step_scan")}
                <div class="qr totp-qr" role="img" aria-label=t("factor-qr_label") inner_html=app.qr></div>
                <p>{t("factor-step_type")}" "<code class="totp-secret">{app.secret}</code></p>
                <p class="hint">{t("factor-account")}" "{app.email}</p>
            </li>
            <li>{t("factor-step_code")}</li>
        </ol>
        <CodeForm action=action form="enrol" hidden=hidden/>
    }
}

fn next_param() -> String {
    super::safe_next(use_query_map().read_untracked().get("next"))
}

/// `/login/kode`: the second step of signing in.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let t = use_t();
    let step = Resource::new(|| (), |_| sign_in_step(false));
    let next = next_param();
    view! {
        <AdminFrame m=None>
            <PageTitle text=t("factor-code_title")/>
            <h1>{t("factor-code_title")}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        match step.await {
                            Ok(Step::Expired) => view! { <Expired/> }.into_any(),
                            Ok(Step::Code { passkeys: true }) => view! {
                                <PasskeySignIn next=next.clone()/>
                                <p>{t("passkey-or_code")}</p>
                                <CodeForm action="/login/kode" form="code" recovery=true hidden=vec![("next", next)]/>
                            }.into_any(),
                            Ok(_) => view! {
                                <p>{t("factor-code_intro")}</p>
                                <CodeForm action="/login/kode" form="code" recovery=true hidden=vec![("next", next)]/>
                            }.into_any(),
                            Err(_) => view! { <crate::pages::info::Unavailable/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </AdminFrame>
    }
}

#[component]
fn Expired() -> impl IntoView {
    let t = use_t();
    // Not a page that exists without the cookie: say so, and where to go.
    crate::components::layout::set_status(401);
    view! {
        <p role="alert">{t("factor-expired")}</p>
        <p><a class="button primary" href="/login">{t("factor-start_again")}</a></p>
    }
}

/// `/login/app`: an account whose roles need a second factor sets one up.
#[component]
pub fn LoginSetupPage() -> impl IntoView {
    let t = use_t();
    let echo = super::use_echo();
    let next = next_param();
    // Just set up: the recovery codes, once (the challenge is gone by now).
    if let Some(codes) = echo.secret.clone() {
        return view! {
            <AdminFrame m=None>
                <PageTitle text=t("factor-setup_title")/>
                <h1>{t("factor-setup_done")}</h1>
                <RecoveryCodes codes=codes next=next/>
            </AdminFrame>
        }
        .into_any();
    }
    let step = Resource::new(|| (), |_| sign_in_step(true));
    view! {
        <AdminFrame m=None>
            <PageTitle text=t("factor-setup_title")/>
            <h1>{t("factor-setup_title")}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let next = next.clone();
                    Suspend::new(async move {
                        match step.await {
                            Ok(Step::Setup(app)) => view! {
                                <p>{t("factor-setup_intro")}</p>
                                <SetupApp app=app action="/login/app" hidden=vec![("next", next)]/>
                            }.into_any(),
                            Ok(Step::Code { .. }) => view! {
                                <p>{t("factor-already")}</p>
                                <CodeForm action="/login/kode" form="code" recovery=true hidden=vec![("next", next)]/>
                            }.into_any(),
                            Ok(Step::Expired) => view! { <Expired/> }.into_any(),
                            Err(_) => view! { <crate::pages::info::Unavailable/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

/// One's own account as `/admin/konto` shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub email: String,
    /// The roles require a second factor (it cannot be turned off).
    pub required: bool,
    /// Recovery codes left, when an app is set up.
    pub codes_left: Option<i64>,
    /// The app to set up, when none is.
    pub setup: Option<AppSetup>,
    /// Signs in through the municipality's identity provider, which
    /// holds the password and the second factor.
    pub single_sign_on: bool,
    /// The passkeys beside the app.
    pub passkeys: Vec<crate::domain::staff::PasskeyInfo>,
}

#[server]
pub async fn my_account() -> Result<Option<Account>, ServerFnError> {
    let Some(staff) = super::current_staff() else { return Ok(None) };
    let state = expect_context::<crate::state::AppState>();
    let account = state.store.staff_by_email(&staff.email).await.or_unavailable()?;
    let single_sign_on = account.is_some_and(|a| a.single_sign_on);
    if single_sign_on {
        return Ok(Some(Account { email: staff.email, required: false, codes_left: None, setup: None, single_sign_on, passkeys: vec![] }));
    }
    let codes_left = crate::staff::second_factor::status(&state.store, staff.id).await.or_unavailable()?;
    let setup = if codes_left.is_none() { setup(staff.id, &staff.email).await? } else { None };
    let required = crate::domain::second_factor::required_for(&staff.grants);
    let passkeys = crate::staff::passkeys::list(&state.store, staff.id).await.or_unavailable()?;
    Ok(Some(Account { email: staff.email, required, codes_left, setup, single_sign_on, passkeys }))
}

/// `/admin/konto`: the signed-in person's second factor.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_t();
    let echo = super::use_echo();
    let data = Resource::new(|| (), |_| my_account());
    view! {
        <AdminFrame m=None>
            <PageTitle text=t("account-title")/>
            <h1>{t("account-title")}</h1>
            <Notice/>
            {match echo.secret.clone() {
                Some(codes) => view! { <RecoveryCodes codes=codes next="/admin/konto".to_string()/> }.into_any(),
                None => view! {
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            crate::pages::info::found_or_status(data.await, |a| view! { <AccountBody a=a/> }.into_any())
                        })}
                    </Suspense>
                }.into_any(),
            }}
        </AdminFrame>
    }
}

#[component]
fn AccountBody(a: Account) -> impl IntoView {
    let t = use_t();
    let locale = crate::i18n::use_locale();
    let status = match a.codes_left {
        Some(left) => format!("{} {}", t("account-factor_on"), crate::i18n::tr_args(locale, "account-codes_left", &[("n", left.into())])),
        None if a.required => t("account-factor_required"),
        None => t("account-factor_off"),
    };
    if a.single_sign_on {
        return view! {
            <p>{t("account-email")}" "<strong>{a.email.clone()}</strong></p>
            <p>{t("account-single_sign_on")}</p>
        }
        .into_any();
    }
    view! {
        <p>{t("account-email")}" "<strong>{a.email.clone()}</strong></p>
        <h2>{t("account-factor")}</h2>
        <p>{status}</p>
        {a.setup.map(|app| view! { <SetupApp app=app action="/admin/konto" hidden=vec![("action", "enrol".to_string())]/> })}
        {(a.codes_left.is_some() && !a.required).then(|| view! {
            <h3>{t("account-remove")}</h3>
            <p class="hint">{t("account-remove_hint")}</p>
            <CodeForm action="/admin/konto" form="remove" recovery=true hidden=vec![("action", "remove".to_string())] submit="account-remove"/>
        })}
        {a.codes_left.is_some().then(|| view! {
            <h3>{t("account-new_codes")}</h3>
            <p class="hint">{t("account-new_codes_hint")}</p>
            <CodeForm action="/admin/konto" form="new_codes" hidden=vec![("action", "new_codes".to_string())] submit="account-new_codes"/>
        })}
        {(a.codes_left.is_some() && a.required).then(|| view! { <p class="hint">{t("account-lost_phone")}</p> })}
        {a.codes_left.is_some().then(|| view! { <Passkeys keys=a.passkeys.clone()/> })}
    }
    .into_any()
}

/// One's passkeys: the list (removing works without JavaScript) and the
/// form that adds one (`public/passkey.js` shows it where the browser can).
#[component]
fn Passkeys(keys: Vec<crate::domain::staff::PasskeyInfo>) -> impl IntoView {
    let t = use_t();
    let locale = crate::i18n::use_locale();
    let list = keys
        .into_iter()
        .map(|k| {
            let used = k.last_used_at.map(|u| format!(" · {} {}", t("passkey-used_on"), crate::i18n::format_date(locale, u)));
            view! {
                <li>
                    <strong>{k.name.clone()}</strong>" · "{t("passkey-added_on")}" "{crate::i18n::format_date(locale, k.created_at)}{used}
                    <form method="post" action="/admin/konto" class="inline">
                        <input type="hidden" name="action" value="remove_passkey"/>
                        <input type="hidden" name="passkey_id" value=k.id.to_string()/>
                        <button type="submit" class="button">{t("passkey-remove")}<span class="visually-hidden">" "{k.name}</span></button>
                    </form>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2>{t("passkey-title")}</h2>
        <p>{t("passkey-intro")}</p>
        {if list.is_empty() { view! { <p>{t("passkey-none")}</p> }.into_any() } else { view! { <ul class="passkeys">{list}</ul> }.into_any() }}
        <form class="admin-form narrow" data-passkey="register" hidden>
            <div class="field">
                <label for="passkey-name">{t("passkey-name")}</label>
                <input id="passkey-name" type="text" name="name" maxlength="60" autocomplete="off"/>
            </div>
            <div class="field">
                <label for="passkey-code">{t("passkey-code")}</label>
                <input id="passkey-code" type="text" name="code" required inputmode="numeric" autocomplete="one-time-code" maxlength="20"/>
            </div>
            <button type="submit" class="button primary">{t("passkey-add")}</button>
            <p role="status" data-passkey-status data-working=t("passkey-working")></p>
            <p role="alert" class="problem-text" data-passkey-error></p>
        </form>
        <noscript><p class="hint">{t("passkey-needs_js")}</p></noscript>
        <script src="/passkey.js" defer nonce=leptos::nonce::use_nonce()></script>
    }
}

/// "Use your passkey" on the code page, shown by `public/passkey.js`
/// where the browser can; the code form below always works.
#[component]
fn PasskeySignIn(next: String) -> impl IntoView {
    let t = use_t();
    view! {
        <div class="passkey-sign-in" data-passkey="sign-in" data-next=next hidden>
            <button type="button" class="button primary" data-passkey-go>{t("passkey-use")}</button>
            <p role="status" data-passkey-status data-working=t("passkey-working")></p>
            <p role="alert" class="problem-text" data-passkey-error></p>
        </div>
        <script src="/passkey.js" defer nonce=leptos::nonce::use_nonce()></script>
    }
}
