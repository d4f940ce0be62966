//! Staff storage: accounts and roles, sessions, set-password links, API
//! tokens, sign-in failures and the audit log. Same SQL on both engines.

use super::StoreError;
use async_trait::async_trait;
pub use domain::staff::{ApiTokenInfo, AuditEntry};
use domain::staff::{Grant, Role, Staff, StaffMember};

/// An account as sign-in needs it.
#[derive(Clone, Debug)]
pub struct StaffAccount {
    pub id: i64,
    pub email: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
    /// Signs in through an identity provider (no password here).
    pub single_sign_on: bool,
}

/// Who a valid API token speaks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenHolder {
    pub id: i64,
    pub name: String,
    pub municipality: String,
}

/// What the daily housekeeping removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Housekeeping {
    pub comments_erased: u64,
    pub sessions_ended: u64,
}

#[async_trait]
pub trait StaffStore: Send + Sync {
    async fn staff_by_email(&self, email: &str) -> Result<Option<StaffAccount>, StoreError>;
    /// The account's id, creating it (without a password) when new.
    async fn ensure_staff(&self, email: &str, now: i64) -> Result<i64, StoreError>;
    /// `Ok(false)` when the role was already held.
    async fn grant_role(&self, staff_id: i64, municipality_id: Option<i64>, role: Role) -> Result<bool, StoreError>;
    async fn revoke_role(&self, staff_id: i64, municipality_id: i64, role: Role) -> Result<bool, StoreError>;
    async fn grants(&self, staff_id: i64) -> Result<Vec<Grant>, StoreError>;
    /// Everyone with a role in the municipality, by e-mail.
    async fn staff_in(&self, municipality_id: i64) -> Result<Vec<StaffMember>, StoreError>;
    /// Disabling ends the person's sessions at once.
    async fn set_disabled(&self, staff_id: i64, disabled: bool) -> Result<(), StoreError>;

    /// A link made by the server itself (the CLI): valid for any account.
    async fn create_password_link(&self, staff_id: i64, token_hash: &str, expires_at: i64) -> Result<(), StoreError> {
        self.issue_password_link(staff_id, token_hash, expires_at, None).await
    }
    /// A link issued by an admin of municipality `issued_for` (`None`: the
    /// server). Such a link only works while the account works nowhere
    /// else: checked when it is used, not only when it is made.
    async fn issue_password_link(
        &self,
        staff_id: i64,
        token_hash: &str,
        expires_at: i64,
        issued_for: Option<i64>,
    ) -> Result<(), StoreError>;
    /// The e-mail a live link is for (not for a link the account outgrew).
    async fn password_link_email(&self, token_hash: &str, now: i64) -> Result<Option<String>, StoreError>;
    /// True for a live link of a municipality whose account has since got a
    /// role elsewhere (or as operator): it can no longer be used.
    async fn password_link_outgrown(&self, token_hash: &str, now: i64) -> Result<bool, StoreError>;
    /// Uses a live link once: sets the password and ends all the account's
    /// sessions. `None` when the link is unknown, used, expired or outgrown.
    async fn use_password_link(&self, token_hash: &str, phc: &str, now: i64) -> Result<Option<i64>, StoreError>;

    async fn create_session(&self, id_hash: &str, staff_id: i64, now: i64) -> Result<(), StoreError>;
    /// The signed-in staff member, when the session is alive (and touches it).
    async fn session_staff(&self, id_hash: &str, now: i64) -> Result<Option<Staff>, StoreError>;
    async fn end_session(&self, id_hash: &str) -> Result<(), StoreError>;

    async fn record_login_failure(&self, keys: &[String], now: i64) -> Result<(), StoreError>;
    /// Failures for `key` since `since`, and the oldest one's time.
    async fn login_failures(&self, key: &str, since: i64) -> Result<(i64, Option<i64>), StoreError>;

    async fn create_api_token(&self, municipality_id: i64, name: &str, token_hash: &str, now: i64) -> Result<i64, StoreError>;
    async fn api_tokens(&self, municipality_id: i64) -> Result<Vec<ApiTokenInfo>, StoreError>;
    async fn revoke_api_token(&self, municipality_id: i64, id: i64, now: i64) -> Result<Option<String>, StoreError>;
    async fn api_token(&self, token_hash: &str) -> Result<Option<TokenHolder>, StoreError>;

    async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The newest entries first.
    async fn audit_log(&self, municipality_id: i64, limit: i64) -> Result<Vec<AuditEntry>, StoreError>;

    async fn set_retention_months(&self, municipality_id: i64, months: i64) -> Result<(), StoreError>;
    /// Erases rating comments and proposal comments older than each
    /// municipality's retention (proposals stay: they are the public record),
    /// and removes dead sessions, links and old sign-in failures.
    async fn housekeeping(&self, now: i64) -> Result<Housekeeping, StoreError>;
}

/// A link still fits its account (`l` is `password_links`): the account
/// does not sign in through an identity provider (it has no password
/// here), and the link was made by the server or the account has no role
/// outside the issuing municipality. In SQL, so using the link checks it
/// in the same statement.
pub(super) const LINK_FITS: &str = "(NOT EXISTS (SELECT 1 FROM staff x WHERE x.id = l.staff_id AND x.sso_subject IS NOT NULL)
    AND (l.issued_for IS NULL OR NOT EXISTS (SELECT 1 FROM staff_roles r
    WHERE r.staff_id = l.staff_id AND (r.municipality_id IS NULL OR r.municipality_id <> l.issued_for))))";

pub(super) fn grant_from(role: &str, municipality: Option<String>) -> Result<Grant, StoreError> {
    let role = Role::parse(role).ok_or_else(|| StoreError::Corrupt(format!("role {role}")))?;
    Ok(Grant { municipality, role })
}

/// Young people's free text older than its municipality's retention
/// (`$1` now, `$2` seconds per month): rating comments lose their text;
/// proposal comments and workshop ideas go. Proposals stay: they are the
/// public record.
pub const RETENTION_ERASURES: [&str; 3] = [
    "UPDATE ratings SET comment = NULL WHERE comment IS NOT NULL AND created_at < $1 - (
        SELECT m.retention_months * $2 FROM services s JOIN municipalities m ON m.id = s.municipality_id
        WHERE s.id = ratings.service_id)",
    "DELETE FROM proposal_comments WHERE created_at < $1 - (
        SELECT m.retention_months * $2 FROM proposals p JOIN municipalities m ON m.id = p.municipality_id
        WHERE p.id = proposal_comments.proposal_id)",
    "DELETE FROM workshop_ideas WHERE created_at < $1 - (
        SELECT m.retention_months * $2 FROM workshops w JOIN municipalities m ON m.id = w.municipality_id
        WHERE w.id = workshop_ideas.workshop_id)",
];

mod sql;
