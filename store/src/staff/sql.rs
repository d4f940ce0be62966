//! `StaffStore` for both engines.

use super::{grant_from, Housekeeping, StaffAccount, StaffStore, TokenHolder, LINK_FITS, RETENTION_ERASURES};
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use crate::StoreError;
use domain::staff::{ApiTokenInfo, AuditEntry, Grant, Role, Staff, StaffMember};
use sqlx::{ColumnIndex, Executor};

#[async_trait::async_trait]
impl<DB: Engine> StaffStore for SqlStore<DB>
where
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'a> &'a str: ColumnIndex<DB::Row> + Value<'a, DB>,
    for<'a> Option<&'a str>: Value<'a, DB>,
    for<'a> i64: Value<'a, DB>,
    for<'a> Option<i64>: Value<'a, DB>,
    for<'a> bool: Value<'a, DB>,
    for<'a> String: Value<'a, DB>,
    for<'a> Option<String>: Value<'a, DB>,
{
    async fn staff_by_email(&self, email: &str) -> Result<Option<StaffAccount>, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query("SELECT id, email, password_hash, disabled, sso_subject IS NOT NULL AS single_sign_on FROM staff WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(StaffAccount {
                id: r.try_get("id")?,
                email: r.try_get("email")?,
                password_hash: r.try_get("password_hash")?,
                disabled: r.try_get("disabled")?,
                single_sign_on: r.try_get("single_sign_on")?,
            })
        })
        .transpose()
    }

    async fn ensure_staff(&self, email: &str, now: i64) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO staff (email, created_at) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id",
        )
        .bind(email)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(sqlx::Row::try_get(&row, "id")?)
    }

    async fn grant_role(&self, staff_id: i64, municipality_id: Option<i64>, role: Role) -> Result<bool, StoreError> {
        let done = sqlx::query("INSERT INTO staff_roles (staff_id, municipality_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(staff_id)
            .bind(municipality_id)
            .bind(role.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn revoke_role(&self, staff_id: i64, municipality_id: i64, role: Role) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM staff_roles WHERE staff_id = $1 AND municipality_id = $2 AND role = $3")
            .bind(staff_id)
            .bind(municipality_id)
            .bind(role.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn grants(&self, staff_id: i64) -> Result<Vec<Grant>, StoreError> {
        use sqlx::Row as _;
        // The operator grant (no municipality) first on both engines:
        // SQLite sorts NULL first, PostgreSQL last.
        sqlx::query(
            "SELECT r.role, m.slug FROM staff_roles r LEFT JOIN municipalities m ON m.id = r.municipality_id
             WHERE r.staff_id = $1 ORDER BY m.slug IS NOT NULL, m.slug, r.role",
        )
        .bind(staff_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| grant_from(r.try_get::<&str, _>("role")?, r.try_get("slug")?))
        .collect()
    }

    async fn staff_in(&self, municipality_id: i64) -> Result<Vec<StaffMember>, StoreError> {
        use sqlx::Row as _;
        let rows = sqlx::query(
            "SELECT s.id, s.email, s.disabled, s.password_hash IS NOT NULL AS has_password, s.sso_subject IS NOT NULL AS single_sign_on,
                    EXISTS (SELECT 1 FROM staff_totp t WHERE t.staff_id = s.id AND t.confirmed_at IS NOT NULL) AS has_second_factor, r.role
             FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.municipality_id = $1 ORDER BY s.email, r.role",
        )
        .bind(municipality_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<StaffMember> = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let role = grant_from(r.try_get::<&str, _>("role")?, None)?.role;
            match out.last_mut() {
                Some(last) if last.id == id => last.roles.push(role),
                _ => out.push(StaffMember {
                    id,
                    email: r.try_get("email")?,
                    roles: vec![role],
                    disabled: r.try_get("disabled")?,
                    has_password: r.try_get("has_password")?,
                    has_second_factor: r.try_get("has_second_factor")?,
                    single_sign_on: r.try_get("single_sign_on")?,
                }),
            }
        }
        Ok(out)
    }

    async fn set_disabled(&self, staff_id: i64, disabled: bool) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE staff SET disabled = $1 WHERE id = $2").bind(disabled).bind(staff_id).execute(&mut *tx).await?;
        if disabled {
            sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM staff_challenges WHERE staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn issue_password_link(
        &self,
        staff_id: i64,
        token_hash: &str,
        expires_at: i64,
        issued_for: Option<i64>,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO password_links (token_hash, staff_id, expires_at, issued_for) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(staff_id)
            .bind(expires_at)
            .bind(issued_for)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn password_link_email(&self, token_hash: &str, now: i64) -> Result<Option<String>, StoreError> {
        let sql = format!(
            "SELECT s.email FROM password_links l JOIN staff s ON s.id = l.staff_id
             WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND s.disabled = $3 AND {}",
            LINK_FITS
        );
        let row = sqlx::query(&sql).bind(token_hash).bind(now).bind(false).fetch_optional(&self.pool).await?;
        row.map(|r| sqlx::Row::try_get(&r, "email")).transpose().map_err(Into::into)
    }

    async fn password_link_outgrown(&self, token_hash: &str, now: i64) -> Result<bool, StoreError> {
        let sql = format!(
            "SELECT l.staff_id FROM password_links l
             WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > $2 AND NOT {}",
            LINK_FITS
        );
        Ok(sqlx::query(&sql).bind(token_hash).bind(now).fetch_optional(&self.pool).await?.is_some())
    }

    async fn use_password_link(&self, token_hash: &str, phc: &str, now: i64) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        // The fit is checked in the statement that uses the link: a
        // role granted elsewhere meanwhile cannot slip between.
        let sql = format!(
            "UPDATE password_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
             AND token_hash IN (SELECT l.token_hash FROM password_links l WHERE l.token_hash = $2 AND {})
             RETURNING staff_id",
            LINK_FITS
        );
        let row = sqlx::query(&sql).bind(now).bind(token_hash).fetch_optional(&mut *tx).await?;
        let Some(row) = row else { return Ok(None) };
        let staff_id: i64 = sqlx::Row::try_get(&row, "staff_id")?;
        sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2").bind(phc).bind(staff_id).execute(&mut *tx).await?;
        // A new password ends everything begun with the old one: sessions,
        // sign-ins waiting for their code, an app not yet confirmed.
        for sql in [
            "DELETE FROM staff_sessions WHERE staff_id = $1",
            "DELETE FROM staff_challenges WHERE staff_id = $1",
            "DELETE FROM staff_totp WHERE staff_id = $1 AND confirmed_at IS NULL",
        ] {
            sqlx::query(sql).bind(staff_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Some(staff_id))
    }

    async fn create_session(&self, id_hash: &str, staff_id: i64, now: i64) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO staff_sessions (id_hash, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
            .bind(id_hash)
            .bind(staff_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn session_staff(&self, id_hash: &str, now: i64) -> Result<Option<Staff>, StoreError> {
        use sqlx::Row as _;
        // Touching and checking in one statement: a dead session is never revived.
        let row = sqlx::query(
            "UPDATE staff_sessions SET last_seen_at = $1
             WHERE id_hash = $2 AND last_seen_at > $3 AND created_at > $4
               AND staff_id IN (SELECT id FROM staff WHERE disabled = $5)
             RETURNING staff_id",
        )
        .bind(now)
        .bind(id_hash)
        .bind(now - domain::policy::SESSION_IDLE_SECS)
        .bind(now - domain::policy::SESSION_ABSOLUTE_SECS)
        .bind(false)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.try_get("staff_id")?;
        let email_row = sqlx::query("SELECT email FROM staff WHERE id = $1").bind(id).fetch_one(&self.pool).await?;
        let grants = StaffStore::grants(self, id).await?;
        Ok(Some(Staff { id, email: email_row.try_get("email")?, grants }))
    }

    async fn end_session(&self, id_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM staff_sessions WHERE id_hash = $1").bind(id_hash).execute(&self.pool).await?;
        Ok(())
    }

    async fn record_login_failure(&self, keys: &[String], now: i64) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for key in keys {
            sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)").bind(key).bind(now).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn login_failures(&self, key: &str, since: i64) -> Result<(i64, Option<i64>), StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE key = $1 AND at > $2")
            .bind(key)
            .bind(since)
            .fetch_one(&self.pool)
            .await?;
        Ok((row.try_get("n")?, row.try_get("oldest")?))
    }

    async fn create_api_token(&self, municipality_id: i64, name: &str, token_hash: &str, now: i64) -> Result<i64, StoreError> {
        let row =
            sqlx::query("INSERT INTO api_tokens (municipality_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(municipality_id)
                .bind(name)
                .bind(token_hash)
                .bind(now)
                .fetch_one(&self.pool)
                .await?;
        Ok(sqlx::Row::try_get(&row, "id")?)
    }

    async fn api_tokens(&self, municipality_id: i64) -> Result<Vec<ApiTokenInfo>, StoreError> {
        use sqlx::Row as _;
        sqlx::query("SELECT id, name, created_at, revoked_at FROM api_tokens WHERE municipality_id = $1 ORDER BY created_at DESC, id DESC")
            .bind(municipality_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(ApiTokenInfo {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    created_at: r.try_get("created_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }

    async fn revoke_api_token(&self, municipality_id: i64, id: i64, now: i64) -> Result<Option<String>, StoreError> {
        let row = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND municipality_id = $3 AND revoked_at IS NULL RETURNING name",
        )
        .bind(now)
        .bind(id)
        .bind(municipality_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| sqlx::Row::try_get(&r, "name")).transpose().map_err(Into::into)
    }

    async fn api_token(&self, token_hash: &str) -> Result<Option<TokenHolder>, StoreError> {
        use sqlx::Row as _;
        let row = sqlx::query(
            "SELECT t.id, t.name, m.slug FROM api_tokens t JOIN municipalities m ON m.id = t.municipality_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok(TokenHolder { id: r.try_get("id")?, name: r.try_get("name")?, municipality: r.try_get("slug")? })).transpose()
    }

    async fn audit(&self, e: &AuditEntry) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO audit_log (municipality_id, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(e.municipality_id)
            .bind(&e.actor)
            .bind(&e.action)
            .bind(&e.detail)
            .bind(e.at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn audit_log(&self, municipality_id: i64, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        use sqlx::Row as _;
        sqlx::query(
            "SELECT municipality_id, actor, action, detail, at FROM audit_log WHERE municipality_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(municipality_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(AuditEntry {
                municipality_id: r.try_get("municipality_id")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                detail: r.try_get("detail")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
    }

    async fn set_retention_months(&self, municipality_id: i64, months: i64) -> Result<(), StoreError> {
        self.catalogue
            .write(async {
                sqlx::query("UPDATE municipalities SET retention_months = $1 WHERE id = $2")
                    .bind(months)
                    .bind(municipality_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            })
            .await
    }

    async fn housekeeping(&self, now: i64) -> Result<Housekeeping, StoreError> {
        let mut erased = 0;
        for sql in RETENTION_ERASURES {
            erased += sqlx::query(sql).bind(now).bind(domain::policy::MONTH_SECS).execute(&self.pool).await?.rows_affected();
        }
        // A nickname lives as long as the workshop; one left open
        // and forgotten keeps it a day at most.
        sqlx::query("UPDATE workshop_participants SET nickname = NULL WHERE nickname IS NOT NULL AND joined_at < $1")
            .bind(now - 24 * 3600)
            .execute(&self.pool)
            .await?;
        let sessions = sqlx::query("DELETE FROM staff_sessions WHERE last_seen_at <= $1 OR created_at <= $2")
            .bind(now - domain::policy::SESSION_IDLE_SECS)
            .bind(now - domain::policy::SESSION_ABSOLUTE_SECS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM password_links WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
        sqlx::query("DELETE FROM staff_challenges WHERE created_at <= $1")
            .bind(now - domain::policy::CHALLENGE_SECS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM passkey_ceremonies WHERE created_at <= $1")
            .bind(now - domain::policy::CHALLENGE_SECS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM sso_attempts WHERE created_at <= $1")
            .bind(now - domain::policy::CHALLENGE_SECS)
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM login_failures WHERE at <= $1").bind(now - domain::policy::LOGIN_WINDOW_SECS).execute(&self.pool).await?;
        Ok(Housekeeping { comments_erased: erased, sessions_ended: sessions.rows_affected() })
    }
}
