//! Staff single sign-on: sign-ins sent to a municipality's identity provider
//! and not yet back, and the accounts those providers vouch for. Same SQL on
//! both engines. An attempt is taken once (one DELETE … RETURNING), so a
//! replayed answer finds nothing.

use super::StoreError;
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use async_trait::async_trait;
use domain::staff::Role;
use sqlx::{ColumnIndex, Executor};

/// A sign-in waiting for the provider's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoAttempt {
    pub municipality_id: i64,
    /// The PKCE code verifier (RFC 7636), sent with the code.
    pub verifier: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// Where to go once signed in.
    pub next: String,
}

/// The account a provider's identity belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SsoAccount {
    Found {
        id: i64,
        email: String,
        disabled: bool,
    },
    /// The e-mail belongs to an account this provider may not take over:
    /// one linked to another identity, one without a role in the
    /// municipality, or one with a role outside it (or the operator's).
    EmailTaken,
    /// No account is linked to the identity, and `link` was off.
    NotLinked,
}

/// How a sign-in changed someone's roles in the municipality.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleChange {
    pub added: Vec<Role>,
    pub removed: Vec<Role>,
}

#[async_trait]
pub trait SsoStore: Send + Sync {
    async fn begin_sso(&self, state_hash: &str, attempt: &SsoAttempt, now: i64) -> Result<(), StoreError>;
    /// Takes the attempt once: `None` when unknown, already taken, or made
    /// at or before `since`.
    async fn take_sso(&self, state_hash: &str, since: i64) -> Result<Option<SsoAttempt>, StoreError>;
    /// The account for `issuer` + `subject`, in one transaction:
    /// - already linked: found (its e-mail follows the provider's when free);
    /// - else, only with `link`: an account with `email` that has a role in
    ///   `municipality_id`, none elsewhere, and is linked to no one: linked,
    ///   its password, app, passkeys, links and sessions removed, since the
    ///   provider now vouches for it;
    /// - else, only with `link`: a new account, unless the e-mail is taken.
    async fn sso_account(
        &self,
        municipality_id: i64,
        issuer: &str,
        subject: &str,
        email: &str,
        link: bool,
        now: i64,
    ) -> Result<SsoAccount, StoreError>;
    /// Makes `roles` the account's roles in the municipality, nothing else.
    async fn set_roles_in(&self, staff_id: i64, municipality_id: i64, roles: &[Role]) -> Result<RoleChange, StoreError>;
}

#[async_trait]
impl<DB: Engine> SsoStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: ColumnIndex<DB::Row> + Value<'a, DB>,
    for<'a> i64: Value<'a, DB>,
    for<'a> Option<i64>: Value<'a, DB>,
    for<'a> bool: Value<'a, DB>,
    for<'a> String: Value<'a, DB>,
{
    async fn begin_sso(&self, state_hash: &str, a: &SsoAttempt, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sso_attempts (state_hash, municipality_id, verifier, nonce, next, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(state_hash)
        .bind(a.municipality_id)
        .bind(a.verifier.as_str())
        .bind(a.nonce.as_str())
        .bind(a.next.as_str())
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn take_sso(&self, state_hash: &str, since: i64) -> Result<Option<SsoAttempt>, StoreError> {
        use sqlx::Row as _;
        let row =
            sqlx::query("DELETE FROM sso_attempts WHERE state_hash = $1 RETURNING municipality_id, verifier, nonce, next, created_at")
                .bind(state_hash)
                .fetch_optional(&self.pool)
                .await?;
        let Some(r) = row else { return Ok(None) };
        if r.try_get::<i64, _>("created_at")? <= since {
            return Ok(None);
        }
        Ok(Some(SsoAttempt {
            municipality_id: r.try_get("municipality_id")?,
            verifier: r.try_get("verifier")?,
            nonce: r.try_get("nonce")?,
            next: r.try_get("next")?,
        }))
    }

    async fn sso_account(
        &self,
        mid: i64,
        issuer: &str,
        subject: &str,
        email: &str,
        link: bool,
        now: i64,
    ) -> Result<SsoAccount, StoreError> {
        use sqlx::Row as _;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let linked = sqlx::query("SELECT id, disabled FROM staff WHERE sso_issuer = $1 AND sso_subject = $2")
            .bind(issuer)
            .bind(subject)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(r) = linked {
            let id: i64 = r.try_get("id")?;
            // The provider's e-mail wins where no other account has it.
            sqlx::query(
                "UPDATE staff SET email = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM staff o WHERE o.email = $1 AND o.id <> $2)",
            )
            .bind(email)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let email: String =
                sqlx::query("SELECT email FROM staff WHERE id = $1").bind(id).fetch_one(&mut *tx).await?.try_get("email")?;
            tx.commit().await?;
            return Ok(SsoAccount::Found { id, email, disabled: r.try_get("disabled")? });
        }
        if !link {
            return Ok(SsoAccount::NotLinked);
        }
        let existing = sqlx::query(
            "SELECT s.id, s.disabled, s.sso_subject IS NULL
                 AND EXISTS (SELECT 1 FROM staff_roles r WHERE r.staff_id = s.id AND r.municipality_id = $2)
                 AND NOT EXISTS (SELECT 1 FROM staff_roles r
                     WHERE r.staff_id = s.id AND (r.municipality_id IS NULL OR r.municipality_id <> $2)) AS takeable
             FROM staff s WHERE s.email = $1",
        )
        .bind(email)
        .bind(mid)
        .fetch_optional(&mut *tx)
        .await?;
        let id = match existing {
            Some(r) if !r.try_get::<bool, _>("takeable")? => return Ok(SsoAccount::EmailTaken),
            Some(r) => {
                let id: i64 = r.try_get("id")?;
                sqlx::query("UPDATE staff SET sso_issuer = $1, sso_subject = $2, password_hash = NULL WHERE id = $3")
                    .bind(issuer)
                    .bind(subject)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                // Whatever the password opened is closed with it.
                for table in crate::second_factor::SIGN_IN_TABLES.iter().chain(&["password_links"]) {
                    sqlx::query(&format!("DELETE FROM {table} WHERE staff_id = $1")).bind(id).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                return Ok(SsoAccount::Found { id, email: email.to_string(), disabled: r.try_get("disabled")? });
            }
            None => {
                // The same person signing in twice at once: the second insert
                // finds the first one's row (or an account that took the
                // e-mail meanwhile) instead of failing.
                let row = sqlx::query(
                    "INSERT INTO staff (email, created_at, sso_issuer, sso_subject) VALUES ($1, $2, $3, $4)
                     ON CONFLICT DO NOTHING RETURNING id",
                )
                .bind(email)
                .bind(now)
                .bind(issuer)
                .bind(subject)
                .fetch_optional(&mut *tx)
                .await?;
                match row {
                    Some(row) => row.try_get::<i64, _>("id")?,
                    None => {
                        tx.rollback().await?;
                        return match self.sso_account(mid, issuer, subject, email, false, now).await? {
                            SsoAccount::NotLinked => Ok(SsoAccount::EmailTaken),
                            found => Ok(found),
                        };
                    }
                }
            }
        };
        tx.commit().await?;
        Ok(SsoAccount::Found { id, email: email.to_string(), disabled: false })
    }

    async fn set_roles_in(&self, staff_id: i64, mid: i64, roles: &[Role]) -> Result<RoleChange, StoreError> {
        use sqlx::Row as _;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let held = sqlx::query("SELECT role FROM staff_roles WHERE staff_id = $1 AND municipality_id = $2")
            .bind(staff_id)
            .bind(mid)
            .fetch_all(&mut *tx)
            .await?;
        let mut change = RoleChange::default();
        for r in &held {
            let role = super::staff::grant_from(r.try_get::<&str, _>("role")?, None)?.role;
            if !roles.contains(&role) {
                sqlx::query("DELETE FROM staff_roles WHERE staff_id = $1 AND municipality_id = $2 AND role = $3")
                    .bind(staff_id)
                    .bind(mid)
                    .bind(role.as_str())
                    .execute(&mut *tx)
                    .await?;
                change.removed.push(role);
            }
        }
        for role in roles {
            let done = sqlx::query("INSERT INTO staff_roles (staff_id, municipality_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(staff_id)
                .bind(mid)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 1 {
                change.added.push(*role);
            }
        }
        tx.commit().await?;
        Ok(change)
    }
}
