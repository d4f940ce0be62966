//! Principles and their versions. Same SQL on both engines.

use super::StoreError;
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use async_trait::async_trait;
use domain::principle::{Principle, PrincipleInput, PrincipleVersion};
use sqlx::{ColumnIndex, Executor};

#[async_trait]
pub trait PrincipleStore: Send + Sync {
    /// In display order, each with every version (oldest first).
    async fn principles(&self, municipality_id: i64, only_active: bool) -> Result<Vec<Principle>, StoreError>;
    /// A new principle at version 1, valid from `now`.
    async fn add_principle(&self, municipality_id: i64, p: &PrincipleInput, now: i64) -> Result<i64, StoreError>;
    /// A new version when the texts changed (the current one otherwise);
    /// `Ok(None)` when the municipality has no such principle.
    async fn revise_principle(
        &self,
        municipality_id: i64,
        id: i64,
        p: &PrincipleInput,
        now: i64,
        proposal_id: Option<i64>,
    ) -> Result<Option<i64>, StoreError>;
    async fn set_principle_active(&self, municipality_id: i64, id: i64, active: bool) -> Result<bool, StoreError>;
}

pub(super) fn version_from<R: sqlx::Row>(r: &R) -> Result<(i64, PrincipleVersion), StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    Ok((
        r.try_get("principle_id")?,
        PrincipleVersion {
            version: r.try_get("version")?,
            title_da: r.try_get("title_da")?,
            title_en: r.try_get("title_en")?,
            text_da: r.try_get("text_da")?,
            text_en: r.try_get("text_en")?,
            valid_from: r.try_get("valid_from")?,
            proposal_id: r.try_get("proposal_id")?,
        },
    ))
}

pub(super) fn same_text(v: &PrincipleVersion, p: &PrincipleInput) -> bool {
    v.title_da == p.title_da && v.title_en == p.title_en && v.text_da == p.text_da && v.text_en == p.text_en
}

/// A new principle at the end of the municipality's list: `$1` municipality,
/// `$2` criterion, `$3` active, `$4` created.
pub(super) const INSERT_PRINCIPLE: &str = "INSERT INTO principles (municipality_id, criterion, position, active, created_at)
     VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM principles WHERE municipality_id = $1), $3, $4) RETURNING id";

pub(super) const INSERT_VERSION: &str =
    "INSERT INTO principle_versions (principle_id, version, title_da, title_en, text_da, text_en, valid_from, proposal_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

#[async_trait]
impl<DB: Engine> PrincipleStore for SqlStore<DB>
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
    async fn principles(&self, municipality_id: i64, only_active: bool) -> Result<Vec<Principle>, StoreError> {
        use sqlx::Row as _;
        let rows = sqlx::query("SELECT id, criterion, active FROM principles WHERE municipality_id = $1 ORDER BY position, id")
            .bind(municipality_id)
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let active: bool = r.try_get("active")?;
            if only_active && !active {
                continue;
            }
            out.push(Principle { id: r.try_get("id")?, criterion: r.try_get("criterion")?, active, versions: vec![] });
        }
        let versions = sqlx::query(
            "SELECT v.principle_id, v.version, v.title_da, v.title_en, v.text_da, v.text_en, v.valid_from, v.proposal_id
             FROM principle_versions v JOIN principles p ON p.id = v.principle_id
             WHERE p.municipality_id = $1 ORDER BY v.principle_id, v.version",
        )
        .bind(municipality_id)
        .fetch_all(&self.pool)
        .await?;
        for v in &versions {
            let (pid, version) = version_from(v)?;
            if let Some(p) = out.iter_mut().find(|p| p.id == pid) {
                p.versions.push(version);
            }
        }
        if out.iter().any(|p| p.versions.is_empty()) {
            return Err(StoreError::Corrupt("a principle without versions".into()));
        }
        Ok(out)
    }

    async fn add_principle(&self, municipality_id: i64, p: &PrincipleInput, now: i64) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(INSERT_PRINCIPLE).bind(municipality_id).bind(p.criterion).bind(true).bind(now).fetch_one(&mut *tx).await?;
        let id: i64 = sqlx::Row::try_get(&row, "id")?;
        sqlx::query(INSERT_VERSION)
            .bind(id)
            .bind(1_i64)
            .bind(&p.title_da)
            .bind(&p.title_en)
            .bind(&p.text_da)
            .bind(&p.text_en)
            .bind(now)
            .bind(None::<i64>)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn revise_principle(
        &self,
        municipality_id: i64,
        id: i64,
        p: &PrincipleInput,
        now: i64,
        proposal_id: Option<i64>,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        // Writing first takes SQLite's write lock and PostgreSQL's row lock, so two
        // revisions cannot both become "version n + 1".
        let owned = sqlx::query("UPDATE principles SET criterion = $1 WHERE id = $2 AND municipality_id = $3")
            .bind(p.criterion)
            .bind(id)
            .bind(municipality_id)
            .execute(&mut *tx)
            .await?;
        if owned.rows_affected() == 0 {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT principle_id, version, title_da, title_en, text_da, text_en, valid_from, proposal_id
             FROM principle_versions WHERE principle_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let (_, current) = version_from(&row)?;
        if same_text(&current, p) {
            tx.commit().await?;
            return Ok(Some(current.version));
        }
        let next = current.version + 1;
        sqlx::query(INSERT_VERSION)
            .bind(id)
            .bind(next)
            .bind(&p.title_da)
            .bind(&p.title_en)
            .bind(&p.text_da)
            .bind(&p.text_en)
            .bind(now)
            .bind(proposal_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(next))
    }

    async fn set_principle_active(&self, municipality_id: i64, id: i64, active: bool) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE principles SET active = $1 WHERE id = $2 AND municipality_id = $3")
            .bind(active)
            .bind(id)
            .bind(municipality_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
