//! Rating use cases: what the JSON API, the no-JavaScript form and the pages
//! call. Parsing happens before (in the handlers), rules in `domain`, SQL in
//! `store`.

use crate::domain::question::Question;
use crate::domain::service::Service;
use crate::domain::Municipality;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
pub use server_side::*;

/// Everything the rating page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingContext {
    pub municipality: Municipality,
    pub service: Service,
    /// All active services (for "came from").
    pub services: Vec<Service>,
    pub questions: Vec<Question>,
    /// When this device rated this service before, if a new answer would
    /// replace that one (within 30 days): the page says so before sending.
    pub replaces: Option<i64>,
}

#[cfg(feature = "ssr")]
mod server_side {
    use super::RatingContext;
    use crate::domain::governance::assumption::{pick, Assumption};
    use crate::domain::moderation::screen;
    use crate::domain::rating::{FieldErrors, RatingDraft, RatingRules};
    use crate::domain::Municipality;
    use crate::store::{DynStore, NewRating, RatingSaved, StoreError};

    /// A stored rating; `safeguarding` when its comment looked like
    /// self-harm or suicide language (show where to get help now).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Rated {
        pub saved: RatingSaved,
        pub safeguarding: bool,
    }

    /// Why a rating was not stored. HTTP: `NotFound` → 404, `Invalid` → 422,
    /// `Store` → 503/500.
    #[derive(Debug)]
    pub enum RateError {
        NotFound(NotFound),
        Invalid(FieldErrors),
        Store(StoreError),
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum NotFound {
        Municipality,
        Service,
    }

    impl From<StoreError> for RateError {
        fn from(e: StoreError) -> Self {
            RateError::Store(e)
        }
    }

    pub async fn municipality(store: &DynStore, slug: &str) -> Result<Municipality, RateError> {
        store.municipality(slug).await?.ok_or(RateError::NotFound(NotFound::Municipality))
    }

    /// The page's questions plus at most one open assumption question:
    /// `keep` (one the young person already answered, when a form comes back
    /// with errors) or else the one whose turn it is. Turns change every hour
    /// and shift by a day each day, so each assumption meets all times of day.
    pub async fn rating_context(
        store: &DynStore,
        m: &str,
        s: &str,
        keep: Option<&str>,
        device_hash: Option<&str>,
    ) -> Result<RatingContext, RateError> {
        let (mut ctx, open) = context_and_assumptions(store, m, s).await?;
        let now = crate::domain::policy::now();
        if let Some(device) = device_hash {
            ctx.replaces = store.replaceable_rating(ctx.service.id, device, now).await?;
        }
        let hours = now.max(0) as u64 / 3600;
        let extra = open.iter().find(|a| Some(a.key().as_str()) == keep).or_else(|| pick(&open, hours + hours / 24));
        ctx.questions.extend(extra.map(|a| a.question()));
        Ok(ctx)
    }

    async fn context_and_assumptions(store: &DynStore, m: &str, s: &str) -> Result<(RatingContext, Vec<Assumption>), RateError> {
        let municipality = municipality(store, m).await?;
        let services = store.services(municipality.id).await?;
        let service = services.iter().find(|x| x.slug == s).cloned().ok_or(RateError::NotFound(NotFound::Service))?;
        let questions = store.questions(municipality.id).await?;
        let open = store.assumptions(municipality.id).await?.into_iter().filter(Assumption::open).collect();
        Ok((RatingContext { municipality, service, services, questions, replaces: None }, open))
    }

    /// Validates and stores a rating; free text is masked before it is stored.
    #[tracing::instrument(skip_all, fields(municipality = m, service = s))]
    pub async fn submit_rating(store: &DynStore, m: &str, s: &str, draft: &RatingDraft, device_hash: String) -> Result<Rated, RateError> {
        // Any open assumption may be answered: the page may have shown
        // another one than it would show now.
        let (mut ctx, open) = context_and_assumptions(store, m, s).await?;
        ctx.questions.extend(open.iter().map(Assumption::question));
        let slugs: Vec<String> = ctx.services.iter().map(|x| x.slug.clone()).collect();
        let mut rating = draft
            .validate(&RatingRules { questions: &ctx.questions, services: &slugs, service: &ctx.service.slug })
            .map_err(RateError::Invalid)?;
        // Masked before it is stored; held for a moderator when anything was
        // masked or it looks like swearing or self-harm.
        let screened = rating.comment.as_deref().map(screen);
        let comment_review = screened.as_ref().map(|s| crate::codesign::review(&[s])).unwrap_or_default();
        rating.comment = screened.map(|s| s.text);
        let came_from_service_id = rating.came_from.as_ref().and_then(|slug| ctx.services.iter().find(|x| &x.slug == slug)).map(|x| x.id);
        let saved = store
            .save_rating(&NewRating {
                service_id: ctx.service.id,
                device_hash,
                came_from_service_id,
                rating,
                comment_review: comment_review.clone(),
                now: crate::domain::policy::now(),
            })
            .await?;
        Ok(Rated { saved, safeguarding: comment_review.urgent })
    }
}
