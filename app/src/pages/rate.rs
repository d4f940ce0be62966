use super::info::found_or_status;
use super::param;
use crate::components::rating_form::{FormTexts, RatingForm, RatingFormData, RATING_FORM_ID, WORKSHOP_FIELD};
use crate::components::PageTitle;
use crate::components::{IslandScripts, PageFrame};
use crate::domain::governance::assumption::is_assumption_key;
use crate::domain::rating::{FieldErrors, AGE_BANDS, CHANNELS};
use crate::domain::Locale;
use crate::components::layout::set_private;
use crate::i18n::{format_date, tr, tr_args, use_locale, use_t};
use crate::rate::RatingContext;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What a failed no-JavaScript submission sends back into the page: the
/// values typed and the errors, so nothing is lost.
#[derive(Clone, Debug, Default)]
pub struct RatingFormEcho {
    pub values: Vec<(String, String)>,
    pub errors: FieldErrors,
}

#[server]
pub async fn load_rating_context(m: String, s: String, keep: Option<String>, form: bool) -> Result<Option<RatingContext>, ServerFnError> {
    use crate::rate::RateError;
    let state = expect_context::<crate::state::AppState>();
    // Only a hash of the device cookie is compared, as when a rating is
    // saved; only the form says "this replaces your earlier answer".
    let device = use_context::<http::request::Parts>()
        .filter(|_| form)
        .and_then(|p| p.headers.get(http::header::COOKIE).and_then(|c| c.to_str().ok()).and_then(crate::domain::device::from_cookie_header))
        .map(|token| crate::domain::device::hash(&token));
    match crate::rate::rating_context(&state.store, &m, &s, keep.as_deref(), device.as_deref()).await {
        Ok(ctx) => Ok(Some(ctx)),
        Err(RateError::NotFound(_)) => Ok(None),
        Err(e) => Err(super::internal_error(e)),
    }
}

pub(crate) fn form_texts(locale: Locale) -> FormTexts {
    let t = |k: &str| tr(locale, k);
    FormTexts {
        optional: t("rate-optional"),
        comment: t("rate-comment"),
        comment_hint: t("rate-comment_hint"),
        chars_left: t("rate-chars_left"),
        came_from: t("rate-came_from"),
        came_from_none: t("rate-came_from_none"),
        age: t("rate-age"),
        age_none: t("rate-age_none"),
        submit: t("rate-submit"),
        sending: t("rate-sending"),
        errors_title: t("rate-errors_title"),
        error_network: t("rate-error_network"),
        thanks_title: t("thanks-title"),
        thanks_body: t("thanks-what_happens"),
        thanks_change: t("thanks-change"),
        thanks_another: t("thanks-another"),
        back_to_workshop: t("thanks-back_to_workshop"),
        help: [t("help-title"), t("help-intro"), t("help-bt"), t("help-livslinien"), t("help-emergency")],
    }
}

fn form_props(ctx: RatingContext, locale: Locale, channel: String, workshop: Option<i64>, echo: RatingFormEcho) -> RatingFormData {
    let (m, s) = (ctx.municipality.slug.clone(), ctx.service.slug.clone());
    RatingFormData {
        locale,
        action: format!("/k/{m}/s/{s}"),
        api: format!("/api/v1/municipalities/{m}/services/{s}/ratings"),
        chain: format!("/k/{m}"),
        service: s.clone(),
        channel,
        workshop,
        services: ctx.services.into_iter().filter(|x| x.slug != s).map(|x| (x.slug, x.name)).collect(),
        age_bands: AGE_BANDS.iter().map(|(k, da, en)| (k.to_string(), locale.pick(da, en).to_string())).collect(),
        questions: ctx.questions,
        values: echo.values,
        errors: echo.errors.iter().map(|(f, e)| (f.clone(), e.message(locale))).collect(),
        texts: form_texts(locale),
    }
}

#[component]
pub fn RatePage() -> impl IntoView {
    let (m, s) = (param("m"), param("s"));
    let echo = use_context::<RatingFormEcho>().unwrap_or_default();
    // A form sent back with errors keeps the extra question that was answered.
    let keep = echo.values.iter().filter_map(|(k, _)| k.strip_prefix("answers.")).find(|k| is_assumption_key(k)).map(str::to_string);
    let data = Resource::new(move || (m(), s()), move |(m, s)| load_rating_context(m, s, keep.clone(), true));
    let query = use_query_map();
    let t = use_t();
    let locale = use_locale();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let echo = echo.clone();
                Suspend::new(async move {
                    let channel = echo
                        .values
                        .iter()
                        .find(|(k, _)| k == "channel")
                        .map(|(_, v)| v.clone())
                        .or_else(|| query.read().get("kanal"))
                        .filter(|c| CHANNELS.contains(&c.as_str()))
                        .unwrap_or_else(|| "web".into());
                    let workshop = crate::domain::workshop::return_to(
                        echo.values.iter().find(|(k, _)| k == WORKSHOP_FIELD).map(|(_, v)| v.clone()).or_else(|| query.read().get(WORKSHOP_FIELD)).as_deref(),
                    );
                    found_or_status(data.await, |ctx| {
                            let title = tr_args(locale, "rate-title", &[("service", ctx.service.name.as_str().into())]);
                            let failed = !echo.errors.is_empty();
                            let page_title = if failed { format!("{} – {}", t("rate-errors_title"), title) } else { title.clone() };
                            let a11y = super::statement::statement_path(&ctx.municipality);
                            let chain = format!("/k/{}", ctx.municipality.slug);
                            let municipality = ctx.municipality.name.clone();
                            let replaces = ctx.replaces;
                            view! {
                                <PageTitle text=page_title/>
                                <PageFrame a11y_url=a11y home=chain.clone() keep_form=RATING_FORM_ID>
                                    <nav class="crumbs" aria-label="Brødkrummer"><a href=chain>{municipality}</a></nav>
                                    <h1>{title}</h1>
                                    <p class="lead">{t("rate-intro")}</p>
                                    {replaces.map(|at| {
                                        // Personal to this phone: no shared cache may keep the page.
                                        set_private();
                                        view! { <p class="notice">{tr_args(locale, "rate-replaces", &[("date", format_date(locale, at).into())])}</p> }
                                    })}
                                    <RatingForm form=form_props(ctx, locale, channel, workshop, echo)/>
                                </PageFrame>
                                <IslandScripts/>
                            }
                            .into_any()
                        })
                })
            }}
        </Suspense>
    }
}
