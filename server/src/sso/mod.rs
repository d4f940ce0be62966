//! Staff single sign-on with OpenID Connect (Entra ID, Keycloak, KOMBIT-
//! style brokers): the authorization-code flow with PKCE, `state` and
//! `nonce`, and the ID token's signature and claims checked by the
//! `openidconnect` crate. This module speaks to the providers; the forms
//! are in `admin::sso`, and the sign-in's rules in `app::staff::sso`.

pub mod config;

use app::staff::sso::Vouched;
pub use config::ProviderConfig;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreProviderMetadata, CoreResponseType, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Discovery (and with it the signing keys) is fetched again after this.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// An unknown signing key fetches the keys again at most this often: a
/// provider that rotated its keys is followed at once, one that sends
/// badly signed tokens does not make us fetch on every sign-in.
const REFETCH_GAP: Duration = Duration::from_secs(10);

/// The claims beyond the standard ones (the groups claim is configurable).
#[derive(Clone, Debug, Deserialize, Serialize)]
struct Extra {
    #[serde(flatten)]
    claims: HashMap<String, serde_json::Value>,
}
impl AdditionalClaims for Extra {}

type Fields = IdTokenFields<Extra, EmptyExtraTokenFields, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;
type OidcClient = Client<
    Extra,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    StandardTokenResponse<Fields, CoreTokenType>,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Why a single sign-on did not sign anyone in. Internal causes are
/// logged where they happen, never shown.
#[derive(Debug, PartialEq, Eq)]
pub enum SsoError {
    /// 502: the provider could not be reached, or its discovery document
    /// is not one we accept (another issuer, no keys).
    Unreachable,
    /// 401: the provider refused the sign-in or the code (used, expired).
    Refused,
    /// 401: the ID token failed a check (signature, issuer, audience,
    /// expiry, nonce).
    InvalidToken,
    /// 422: the ID token has no usable e-mail address.
    NoEmail,
    /// 403: the e-mail is not one we may trust: the provider says it is
    /// unverified, or it is not at one of the municipality's domains.
    UntrustedEmail,
}

/// A sign-in about to be sent to the provider.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub verifier: String,
    pub nonce: String,
}

struct Discovered {
    metadata: CoreProviderMetadata,
    at: Instant,
    /// Fetched because a signature failed (see `REFETCH_GAP`).
    refetched: bool,
}

struct Provider {
    config: ProviderConfig,
    discovered: Mutex<Option<Discovered>>,
}

/// The configured providers, by municipality slug.
pub struct Sso {
    providers: HashMap<String, Arc<Provider>>,
    http: openidconnect::reqwest::Client,
}

impl Sso {
    pub fn new(configs: Vec<ProviderConfig>) -> Result<Sso, String> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Redirects are never followed (SSRF), as the crate advises.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot build the HTTP client for single sign-on: {e}"))?;
        let providers = configs
            .into_iter()
            .map(|config| (config.municipality.clone(), Arc::new(Provider { config, discovered: Mutex::new(None) })))
            .collect();
        Ok(Sso { providers, http })
    }

    /// (slug, button text) of each municipality that signs in this way.
    pub fn buttons(&self) -> Vec<(String, String)> {
        let mut b: Vec<_> = self.providers.values().map(|p| (p.config.municipality.clone(), p.config.label.clone())).collect();
        b.sort();
        b
    }

    pub fn municipalities(&self) -> impl Iterator<Item = &str> {
        self.providers.keys().map(String::as_str)
    }

    pub fn has(&self, slug: &str) -> bool {
        self.providers.contains_key(slug)
    }

    /// Where to send the browser; `state` is ours (`secret::new_secret`).
    pub async fn authorize(&self, slug: &str, redirect: &str, state: String) -> Result<Authorization, SsoError> {
        let p = self.providers.get(slug).ok_or(SsoError::Unreachable)?;
        let client = self.client(p, redirect, false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(AuthenticationFlow::<CoreResponseType>::AuthorizationCode, move || CsrfToken::new(state), Nonce::new_random)
            .set_pkce_challenge(challenge);
        for scope in ["email", "profile"].into_iter().map(String::from).chain(p.config.scopes.iter().cloned()) {
            request = request.add_scope(Scope::new(scope));
        }
        let (url, state, nonce) = request.url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
        })
    }

    /// Exchanges the code and checks the ID token. `iss` is the answer's
    /// issuer parameter (RFC 9207), when the provider sends one: it must be
    /// this provider's, so an answer meant for another is not taken (mix-up).
    pub async fn finish(
        &self,
        slug: &str,
        redirect: &str,
        code: &str,
        verifier: &str,
        nonce: &str,
        iss: Option<&str>,
    ) -> Result<Vouched, SsoError> {
        let p = self.providers.get(slug).ok_or(SsoError::Unreachable)?;
        if iss.is_some_and(|i| i != p.config.issuer) {
            tracing::warn!(municipality = slug, ?iss, "answer from another issuer");
            return Err(SsoError::InvalidToken);
        }
        let client = self.client(p, redirect, false).await?;
        let exchange = client.exchange_code(AuthorizationCode::new(code.to_string())).map_err(|e| {
            tracing::error!(municipality = slug, error = %e, "the provider has no token endpoint");
            SsoError::Unreachable
        })?;
        let token =
            exchange.set_pkce_verifier(PkceCodeVerifier::new(verifier.to_string())).request_async(&self.http).await.map_err(|e| {
                tracing::warn!(municipality = slug, error = %e, "the provider refused the code");
                SsoError::Refused
            })?;
        let Some(id_token) = token.id_token() else {
            tracing::warn!(municipality = slug, "the token response has no ID token");
            return Err(SsoError::InvalidToken);
        };
        let nonce = Nonce::new(nonce.to_string());
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(c) => c.clone(),
            // Perhaps the provider rotated its keys: fetch them again, once.
            Err(ClaimsVerificationError::SignatureVerification(_)) => {
                let fresh = self.client(p, redirect, true).await?;
                let claims = id_token.claims(&fresh.id_token_verifier(), &nonce).map_err(|e| rejected(slug, &e))?.clone();
                claims
            }
            Err(e) => return Err(rejected(slug, &e)),
        };
        // Entra ID's user principal name stands in when there is no `email`.
        let email = claims
            .email()
            .map(|e| e.as_str().to_string())
            .or_else(|| claims.preferred_username().map(|u| u.as_str().to_string()))
            .and_then(|e| app::domain::staff::normalize_email(&e))
            .ok_or(SsoError::NoEmail)?;
        if claims.email_verified() == Some(false) || !p.config.owns(&email) {
            tracing::warn!(municipality = slug, %email, verified = ?claims.email_verified(), "e-mail not trusted");
            return Err(SsoError::UntrustedEmail);
        }
        Ok(Vouched {
            issuer: claims.issuer().as_str().to_string(),
            subject: claims.subject().as_str().to_string(),
            email,
            roles: p.config.roles_for(claims.additional_claims().claims.get(&p.config.roles_claim)),
        })
    }

    /// A client from the provider's discovery document, fetched when
    /// missing, older than `METADATA_TTL`, or on `refetch`.
    async fn client(&self, p: &Provider, redirect: &str, refetch: bool) -> Result<OidcClient, SsoError> {
        let mut slot = p.discovered.lock().await;
        let stale = match slot.as_ref() {
            None => true,
            Some(d) => d.at.elapsed() > METADATA_TTL || (refetch && !(d.refetched && d.at.elapsed() < REFETCH_GAP)),
        };
        if stale {
            let issuer = IssuerUrl::new(p.config.issuer.clone()).map_err(|_| SsoError::Unreachable)?;
            let metadata = CoreProviderMetadata::discover_async(issuer, &self.http).await.map_err(|e| {
                tracing::error!(municipality = %p.config.municipality, error = %e, "OpenID discovery failed");
                SsoError::Unreachable
            })?;
            *slot = Some(Discovered { metadata, at: Instant::now(), refetched: refetch });
        }
        let metadata = slot.as_ref().map(|d| d.metadata.clone()).ok_or(SsoError::Unreachable)?;
        let redirect = RedirectUrl::new(redirect.to_string()).map_err(|_| SsoError::Unreachable)?;
        Ok(OidcClient::from_provider_metadata(
            metadata,
            ClientId::new(p.config.client_id.clone()),
            Some(ClientSecret::new(p.config.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }
}

fn rejected(slug: &str, e: &ClaimsVerificationError) -> SsoError {
    tracing::warn!(municipality = slug, error = %e, "ID token refused");
    SsoError::InvalidToken
}
