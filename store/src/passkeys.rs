//! Staff passkeys (WebAuthn): the credentials (public keys only, as JSON)
//! and the ceremonies waiting for an authenticator. Same SQL on both
//! engines. A ceremony is taken once (DELETE … RETURNING), so an answer
//! to a challenge cannot be replayed.

use super::StoreError;
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use async_trait::async_trait;
use sqlx::{ColumnIndex, Executor};

/// A passkey as the account page lists it and sign-in checks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPasskey {
    pub id: i64,
    pub name: String,
    /// The credential as webauthn-rs keeps it (JSON).
    pub passkey: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

/// What a ceremony is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ceremony<'a> {
    /// Adding a passkey: one at a time per account.
    Register,
    /// Signing in: one per sign-in challenge (its SHA-256).
    SignIn { challenge: &'a str },
}

impl Ceremony<'_> {
    fn key(self, staff_id: i64) -> String {
        match self {
            Ceremony::Register => format!("register:{staff_id}"),
            Ceremony::SignIn { challenge } => format!("sign-in:{challenge}"),
        }
    }
}

#[async_trait]
pub trait PasskeyStore: Send + Sync {
    /// The account's passkeys, oldest first.
    async fn passkeys(&self, staff_id: i64) -> Result<Vec<StoredPasskey>, StoreError>;
    /// `false` when a passkey with this credential id is already stored.
    async fn add_passkey(&self, staff_id: i64, credential_id: &str, name: &str, passkey: &str, now: i64) -> Result<bool, StoreError>;
    /// The credential's state after a sign-in (its signature counter).
    async fn use_passkey(&self, staff_id: i64, credential_id: &str, passkey: &str, now: i64) -> Result<bool, StoreError>;
    async fn remove_passkey(&self, staff_id: i64, id: i64) -> Result<bool, StoreError>;
    /// Starts a ceremony, replacing one of the same kind still waiting.
    async fn begin_ceremony(&self, staff_id: i64, kind: Ceremony<'_>, state: &str, now: i64) -> Result<(), StoreError>;
    /// The waiting ceremony's state, once; `None` when there is none or it
    /// began at or before `since`.
    async fn take_ceremony(&self, staff_id: i64, kind: Ceremony<'_>, since: i64) -> Result<Option<String>, StoreError>;
}

#[async_trait]
impl<DB: Engine> PasskeyStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: ColumnIndex<DB::Row> + Value<'a, DB>,
    for<'a> i64: Value<'a, DB>,
    for<'a> Option<i64>: Value<'a, DB>,
    for<'a> String: Value<'a, DB>,
{
    async fn passkeys(&self, staff_id: i64) -> Result<Vec<StoredPasskey>, StoreError> {
        use sqlx::Row as _;
        let rows = sqlx::query("SELECT id, name, passkey, created_at, last_used_at FROM staff_passkeys WHERE staff_id = $1 ORDER BY id")
            .bind(staff_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredPasskey {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    passkey: r.try_get("passkey")?,
                    created_at: r.try_get("created_at")?,
                    last_used_at: r.try_get("last_used_at")?,
                })
            })
            .collect()
    }

    async fn add_passkey(&self, staff_id: i64, credential_id: &str, name: &str, passkey: &str, now: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO staff_passkeys (staff_id, credential_id, name, passkey, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (credential_id) DO NOTHING",
        )
        .bind(staff_id)
        .bind(credential_id)
        .bind(name)
        .bind(passkey)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn use_passkey(&self, staff_id: i64, credential_id: &str, passkey: &str, now: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE staff_passkeys SET passkey = $1, last_used_at = $2 WHERE staff_id = $3 AND credential_id = $4")
            .bind(passkey)
            .bind(now)
            .bind(staff_id)
            .bind(credential_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn remove_passkey(&self, staff_id: i64, id: i64) -> Result<bool, StoreError> {
        let done =
            sqlx::query("DELETE FROM staff_passkeys WHERE staff_id = $1 AND id = $2").bind(staff_id).bind(id).execute(&self.pool).await?;
        Ok(done.rows_affected() == 1)
    }

    async fn begin_ceremony(&self, staff_id: i64, kind: Ceremony<'_>, state: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO passkey_ceremonies (staff_id, ceremony, state, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (ceremony) DO UPDATE SET state = excluded.state, created_at = excluded.created_at",
        )
        .bind(staff_id)
        .bind(kind.key(staff_id))
        .bind(state)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn take_ceremony(&self, staff_id: i64, kind: Ceremony<'_>, since: i64) -> Result<Option<String>, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query("DELETE FROM passkey_ceremonies WHERE staff_id = $1 AND ceremony = $2 RETURNING state, created_at")
            .bind(staff_id)
            .bind(kind.key(staff_id))
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(r) if r.try_get::<i64, _>("created_at")? > since => Ok(Some(r.try_get("state")?)),
            _ => Ok(None),
        }
    }
}
