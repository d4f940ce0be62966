//! Every use case's error as an HTTP answer: the status and the message
//! a person reads, decided here once for the JSON API and the forms alike.

use super::ApiError;
use app::codesign::CodesignError;
use app::domain::Locale;
use app::governance::GovernanceError;
use app::i18n::tr;
use app::rate::{NotFound, RateError};
use app::staff::passkeys::PasskeyError;
use app::staff::SignInError;
use app::store::StoreError;
use app::workshop::WorkshopError;

/// A use case's error as an HTTP answer in the asker's language: the one
/// place each use-case error gets its status and its message. Store
/// failures become 503 or 500, logged, with nothing of the cause sent.
pub trait ToApi {
    fn to_api(self, locale: Locale) -> ApiError;
}

/// `result.localized(locale)?`: a use case's result in a handler.
pub trait Localized<T> {
    fn localized(self, locale: Locale) -> Result<T, ApiError>;
}

impl<T, E: ToApi> Localized<T> for Result<T, E> {
    fn localized(self, locale: Locale) -> Result<T, ApiError> {
        self.map_err(|e| e.to_api(locale))
    }
}

impl ToApi for StoreError {
    fn to_api(self, _: Locale) -> ApiError {
        self.into()
    }
}

impl ToApi for RateError {
    fn to_api(self, locale: Locale) -> ApiError {
        match self {
            RateError::NotFound(NotFound::Municipality) => ApiError::NotFound(tr(locale, "error-no_such_municipality").into()),
            RateError::NotFound(NotFound::Service) => ApiError::NotFound(tr(locale, "error-no_such_service").into()),
            RateError::Invalid(errors) => ApiError::invalid(&errors, locale),
            RateError::Store(e) => e.into(),
        }
    }
}

impl ToApi for CodesignError {
    fn to_api(self, locale: Locale) -> ApiError {
        match self {
            CodesignError::NotFound => ApiError::NotFound(tr(locale, "error-not_found").into()),
            CodesignError::Invalid(errors) => ApiError::invalid(&errors, locale),
            CodesignError::Conflict => ApiError::Conflict(tr(locale, "error-proposal_changed").into()),
            CodesignError::Store(e) => e.into(),
        }
    }
}

impl ToApi for GovernanceError {
    fn to_api(self, locale: Locale) -> ApiError {
        match self {
            GovernanceError::Invalid(errors) => ApiError::invalid(&errors, locale),
            GovernanceError::Store(e) => e.into(),
        }
    }
}

impl ToApi for WorkshopError {
    fn to_api(self, locale: Locale) -> ApiError {
        match self {
            WorkshopError::NotFound => ApiError::NotFound(tr(locale, "error-no_such_workshop_or").into()),
            WorkshopError::Invalid(errors) => ApiError::invalid(&errors, locale),
            WorkshopError::NotJoined => ApiError::Forbidden(tr(locale, "error-join_first").into()),
            WorkshopError::Conflict => ApiError::Conflict(tr(locale, "error-workshop_changed").into()),
            WorkshopError::NotNow => ApiError::Conflict(tr(locale, "error-activity_not_open").into()),
            WorkshopError::Full => ApiError::Conflict(tr(locale, "error-workshop_is_full_ask").into()),
            WorkshopError::Store(e) => e.into(),
        }
    }
}

impl ToApi for PasskeyError {
    fn to_api(self, locale: Locale) -> ApiError {
        match self {
            PasskeyError::Unsupported => ApiError::BadBody(axum::http::StatusCode::BAD_REQUEST, tr(locale, "passkey-unsupported").into()),
            PasskeyError::AppFirst => ApiError::Conflict(tr(locale, "passkey-app_first").into()),
            PasskeyError::Duplicate => ApiError::Conflict(tr(locale, "passkey-duplicate").into()),
            PasskeyError::Expired => ApiError::Unauthorized(tr(locale, "passkey-expired").into()),
            PasskeyError::Rejected => ApiError::Unauthorized(tr(locale, "passkey-rejected").into()),
            PasskeyError::SignIn(e) => e.into(),
        }
    }
}

impl From<SignInError> for ApiError {
    fn from(e: SignInError) -> Self {
        match e {
            SignInError::Throttled { retry_after } => ApiError::TooMany {
                message: "For mange forsøg. Prøv igen senere. / Too many attempts. Try again later.".into(),
                retry_after,
            },
            SignInError::Invalid => ApiError::Unauthorized("Forkert e-mail eller adgangskode. / Wrong e-mail or password.".into()),
            SignInError::WrongCode => ApiError::Unauthorized("Koden er forkert eller brugt. / The code is wrong or already used.".into()),
            SignInError::Expired => ApiError::Unauthorized("Log-ind tog for lang tid. Start forfra. / Sign-in took too long. Start again.".into()),
            SignInError::CodeRequired => ApiError::Unauthorized(
                "Send også koden fra din godkendelses-app i feltet `code`. / Also send the code from your authenticator app in the `code` field."
                    .into(),
            ),
            SignInError::MustEnrol => ApiError::Forbidden(
                "Din rolle kræver totrinsbekræftelse. Log ind i en browser på /login og sæt en app op først. / \
                 Your role requires a second factor. Sign in with a browser at /login and set up an app first."
                    .into(),
            ),
            SignInError::Store(e) => e.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::rating::FieldErrors;

    fn status(e: impl ToApi) -> u16 {
        e.to_api(Locale::En).status().as_u16()
    }

    #[test]
    fn each_use_case_error_has_its_status() {
        assert_eq!(status(RateError::NotFound(NotFound::Municipality)), 404);
        assert_eq!(status(RateError::NotFound(NotFound::Service)), 404);
        assert_eq!(status(RateError::Invalid(FieldErrors::new())), 422);
        assert_eq!(status(CodesignError::NotFound), 404);
        assert_eq!(status(CodesignError::Conflict), 409);
        assert_eq!(status(GovernanceError::Invalid(FieldErrors::new())), 422);
        let workshop =
            [WorkshopError::NotFound, WorkshopError::NotJoined, WorkshopError::Conflict, WorkshopError::NotNow, WorkshopError::Full];
        assert_eq!(workshop.map(status), [404, 403, 409, 409, 409]);
        assert_eq!(status(StoreError::Unavailable(sqlx::Error::PoolTimedOut)), 503);
        assert_eq!(status(CodesignError::Store(StoreError::Corrupt("x".into()))), 500);
        assert_eq!(ApiError::from(SignInError::Invalid).status().as_u16(), 401);
        assert_eq!(ApiError::from(SignInError::Throttled { retry_after: 5 }).status().as_u16(), 429);
    }

    #[test]
    fn messages_are_in_the_askers_language_and_never_the_cause() {
        let found: Result<(), _> = Err(WorkshopError::NotFound);
        let (_, da) = found.localized(Locale::Da).unwrap_err().status_and_message();
        assert!(da.starts_with("Workshoppen findes ikke"), "{da}");
        let broken: Result<(), _> = Err(RateError::Store(StoreError::Corrupt("secret detail".into())));
        let (_, message) = broken.localized(Locale::En).unwrap_err().status_and_message();
        assert!(!message.contains("secret detail"), "{message}");
    }
}
