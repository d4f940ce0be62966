//! Staff second factor: the TOTP secret, recovery codes (their SHA-256
//! only) and the sign-in challenge between password and code. Same SQL on
//! both engines. Every "use once" is one conditional UPDATE, so two
//! requests with the same code cannot both pass.

use super::StoreError;
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use async_trait::async_trait;
use sqlx::{ColumnIndex, Executor};

/// A TOTP app as sign-in needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotpFactor {
    pub secret: String,
    pub last_step: i64,
    /// False while enrolment waits for the first code.
    pub confirmed: bool,
}

/// Who a live challenge is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub staff_id: i64,
    pub email: String,
}

/// Everything an account signs in with or is signed in by, beyond its
/// password: removed together on a reset, and when an identity provider
/// takes the account over. `staff_totp` first.
pub(crate) const SIGN_IN_TABLES: [&str; 6] =
    ["staff_totp", "staff_recovery_codes", "staff_passkeys", "passkey_ceremonies", "staff_sessions", "staff_challenges"];

#[async_trait]
pub trait SecondFactorStore: Send + Sync {
    async fn totp(&self, staff_id: i64) -> Result<Option<TotpFactor>, StoreError>;
    /// Starts an enrolment with `secret`, or continues the one pending (its
    /// secret is returned, so a reloaded page shows the same QR code) when
    /// it is younger than a sign-in challenge (`CHALLENGE_SECS`).
    /// `None` when the account already has a confirmed app.
    async fn begin_totp(&self, staff_id: i64, secret: &str, now: i64) -> Result<Option<String>, StoreError>;
    /// Confirms the pending app at `step` and replaces the recovery codes.
    /// `false` when nothing was pending.
    async fn confirm_totp(&self, staff_id: i64, step: i64, code_hashes: &[String], now: i64) -> Result<bool, StoreError>;
    /// Accepts a code's step once: `false` when this or a later step was used.
    async fn use_totp_step(&self, staff_id: i64, step: i64) -> Result<bool, StoreError>;
    /// Uses an unused recovery code once.
    async fn use_recovery_code(&self, staff_id: i64, code_hash: &str, now: i64) -> Result<bool, StoreError>;
    async fn recovery_codes_left(&self, staff_id: i64) -> Result<i64, StoreError>;
    /// New recovery codes for an account with a confirmed app (the old
    /// ones stop working); `false` when it has none.
    async fn replace_recovery_codes(&self, staff_id: i64, code_hashes: &[String]) -> Result<bool, StoreError>;
    /// Removes the app, the recovery codes and the passkeys (which only
    /// ever stand beside an app) and ends the account's sessions and
    /// challenges. `false` when it had no app.
    async fn remove_second_factor(&self, staff_id: i64) -> Result<bool, StoreError>;

    async fn create_challenge(&self, id_hash: &str, staff_id: i64, now: i64) -> Result<(), StoreError>;
    /// The challenge, when made after `since` for an account not disabled.
    async fn challenge(&self, id_hash: &str, since: i64) -> Result<Option<Challenge>, StoreError>;
    async fn end_challenge(&self, id_hash: &str) -> Result<(), StoreError>;
}

#[async_trait]
impl<DB: Engine> SecondFactorStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: ColumnIndex<DB::Row> + Value<'a, DB>,
    for<'a> i64: Value<'a, DB>,
    for<'a> Option<i64>: Value<'a, DB>,
    for<'a> bool: Value<'a, DB>,
    for<'a> String: Value<'a, DB>,
{
    async fn totp(&self, staff_id: i64) -> Result<Option<TotpFactor>, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query("SELECT secret, last_step, confirmed_at FROM staff_totp WHERE staff_id = $1")
            .bind(staff_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(TotpFactor {
                secret: r.try_get("secret")?,
                last_step: r.try_get("last_step")?,
                confirmed: r.try_get::<Option<i64>, _>("confirmed_at")?.is_some(),
            })
        })
        .transpose()
    }

    async fn begin_totp(&self, staff_id: i64, secret: &str, now: i64) -> Result<Option<String>, StoreError> {
        use sqlx::Row as _;
        // A pending secret older than a sign-in challenge is replaced: someone
        // who once saw the QR code (with the password) cannot keep it.
        sqlx::query(
            "INSERT INTO staff_totp (staff_id, secret, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (staff_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, last_step = 0
             WHERE staff_totp.confirmed_at IS NULL AND staff_totp.created_at <= $4",
        )
        .bind(staff_id)
        .bind(secret)
        .bind(now)
        .bind(now - domain::policy::CHALLENGE_SECS)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT secret FROM staff_totp WHERE staff_id = $1 AND confirmed_at IS NULL")
            .bind(staff_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("secret")).transpose()?)
    }

    async fn confirm_totp(&self, staff_id: i64, step: i64, code_hashes: &[String], now: i64) -> Result<bool, StoreError> {
        let confirm = sqlx::query("UPDATE staff_totp SET confirmed_at = $1, last_step = $2 WHERE staff_id = $3 AND confirmed_at IS NULL")
            .bind(now)
            .bind(step)
            .bind(staff_id);
        self.with_new_codes(confirm, staff_id, code_hashes).await
    }

    async fn replace_recovery_codes(&self, staff_id: i64, code_hashes: &[String]) -> Result<bool, StoreError> {
        // A no-op update that matches only a confirmed app.
        let check =
            sqlx::query("UPDATE staff_totp SET last_step = last_step WHERE staff_id = $1 AND confirmed_at IS NOT NULL").bind(staff_id);
        self.with_new_codes(check, staff_id, code_hashes).await
    }

    async fn use_totp_step(&self, staff_id: i64, step: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE staff_totp SET last_step = $1 WHERE staff_id = $2 AND confirmed_at IS NOT NULL AND last_step < $1")
            .bind(step)
            .bind(staff_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn use_recovery_code(&self, staff_id: i64, code_hash: &str, now: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE staff_recovery_codes SET used_at = $1 WHERE staff_id = $2 AND code_hash = $3 AND used_at IS NULL")
            .bind(now)
            .bind(staff_id)
            .bind(code_hash)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn recovery_codes_left(&self, staff_id: i64) -> Result<i64, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query("SELECT COUNT(*) AS n FROM staff_recovery_codes WHERE staff_id = $1 AND used_at IS NULL")
            .bind(staff_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }

    async fn remove_second_factor(&self, staff_id: i64) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("DELETE FROM staff_totp WHERE staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
        for table in &SIGN_IN_TABLES[1..] {
            sqlx::query(&format!("DELETE FROM {table} WHERE staff_id = $1")).bind(staff_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    async fn create_challenge(&self, id_hash: &str, staff_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO staff_challenges (id_hash, staff_id, created_at) VALUES ($1, $2, $3)")
            .bind(id_hash)
            .bind(staff_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn challenge(&self, id_hash: &str, since: i64) -> Result<Option<Challenge>, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query(
            "SELECT c.staff_id, s.email FROM staff_challenges c JOIN staff s ON s.id = c.staff_id
             WHERE c.id_hash = $1 AND c.created_at > $2 AND s.disabled = $3",
        )
        .bind(id_hash)
        .bind(since)
        .bind(false)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok(Challenge { staff_id: r.try_get("staff_id")?, email: r.try_get("email")? })).transpose()
    }

    async fn end_challenge(&self, id_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM staff_challenges WHERE id_hash = $1").bind(id_hash).execute(&self.pool).await?;
        Ok(())
    }
}

impl<DB: Engine> SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: Value<'a, DB>,
    for<'a> i64: Value<'a, DB>,
{
    /// Runs `gate` and, when it changed one row, replaces the account's
    /// recovery codes, all in one transaction.
    async fn with_new_codes<'q>(
        &self,
        gate: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
        staff_id: i64,
        code_hashes: &[String],
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        if gate.execute(&mut *tx).await?.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM staff_recovery_codes WHERE staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
        for hash in code_hashes {
            sqlx::query("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES ($1, $2)")
                .bind(staff_id)
                .bind(hash.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
