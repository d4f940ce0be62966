//! Staff use cases: accounts and roles, sign-in sessions, password links,
//! API tokens and the audit log. The web forms, the JSON API and the CLI
//! all come here, so they follow the same rules and write the same audit.

use serde::{Deserialize, Serialize};

/// What a set-password link is good for now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordLink {
    /// Live, for this e-mail.
    For(String),
    /// Unknown, used or expired.
    Dead,
    /// Made by a municipality's admin, but the account now works elsewhere too.
    Outgrown,
}

#[cfg(feature = "ssr")]
mod accounts;
#[cfg(feature = "ssr")]
mod audit;
#[cfg(feature = "ssr")]
mod members;
#[cfg(feature = "ssr")]
mod passwords;
#[cfg(feature = "ssr")]
pub mod passkeys;
#[cfg(feature = "ssr")]
pub mod second_factor;
#[cfg(feature = "ssr")]
mod sessions;
#[cfg(feature = "ssr")]
pub mod sso;

#[cfg(feature = "ssr")]
pub use accounts::{api_tokens, create_token, invite, link_url, only_in, password_link, revoke_token, InviteError, Issuer};
#[cfg(feature = "ssr")]
pub use audit::{audit, audit_log, audit_staff};
#[cfg(feature = "ssr")]
pub use members::{members, update_member, MemberChange, MemberError};
#[cfg(feature = "ssr")]
pub use passwords::{link_state, set_password, set_password_now};
#[cfg(feature = "ssr")]
pub use sessions::{caller_by_token, retry_after, sign_in, sign_out, staff_by_session, SignInError, SignInStep, MAX_FAILURES};
