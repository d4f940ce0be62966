//! The catalogue as admins edit it: every service and question, active or
//! not. Same SQL on both engines.

use super::StoreError;
use crate::common;
use crate::engine::{Engine, RowsAffected, SqlStore, Value};
use async_trait::async_trait;
use domain::accessibility::{AccessibilitySettings, Compliance};
use domain::catalogue::{QuestionInput, ServiceInput};
use domain::question::Question;
use domain::service::Service;
use sqlx::{ColumnIndex, Executor};

#[async_trait]
pub trait CatalogueStore: Send + Sync {
    /// Every service, deactivated ones included, in display order.
    async fn all_services(&self, municipality_id: i64) -> Result<Vec<Service>, StoreError>;
    /// `Err(Conflict)` when the slug is taken.
    async fn add_service(&self, municipality_id: i64, s: &ServiceInput) -> Result<i64, StoreError>;
    /// Updates the service with `s.slug`; `Ok(false)` when there is none.
    async fn update_service(&self, municipality_id: i64, s: &ServiceInput) -> Result<bool, StoreError>;
    /// Every question and whether it is asked, in display order.
    async fn all_questions(&self, municipality_id: i64) -> Result<Vec<(Question, bool)>, StoreError>;
    /// A new 1–5 question; `Err(Conflict)` when the key is taken.
    async fn add_question(&self, municipality_id: i64, q: &QuestionInput) -> Result<(), StoreError>;
    /// Updates texts, criterion and whether it is asked; `Ok(false)` when there is none.
    async fn update_question(&self, municipality_id: i64, q: &QuestionInput) -> Result<bool, StoreError>;
    /// The accessibility statement's settings; the default when never saved
    /// or when there is no such municipality.
    async fn accessibility(&self, municipality_id: i64) -> Result<AccessibilitySettings, StoreError>;
    /// `Ok(false)` when there is no such municipality.
    async fn set_accessibility(&self, municipality_id: i64, a: &AccessibilitySettings) -> Result<bool, StoreError>;
}

#[async_trait]
impl<DB: Engine> CatalogueStore for SqlStore<DB>
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
    async fn all_services(&self, municipality_id: i64) -> Result<Vec<Service>, StoreError> {
        let sql = format!("{} WHERE municipality_id = $1 ORDER BY position, name", common::SELECT_SERVICE);
        let rows = sqlx::query(&sql).bind(municipality_id).fetch_all(&self.pool).await?;
        rows.iter().map(common::service_from).collect()
    }

    async fn add_service(&self, municipality_id: i64, s: &ServiceInput) -> Result<i64, StoreError> {
        self.catalogue
            .write(async {
                let row = sqlx::query(
                    "INSERT INTO services (municipality_id, slug, name, description_da, description_en, kind, category, active, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT COALESCE(MAX(position), 0) + 1 FROM services WHERE municipality_id = $1))
             RETURNING id",
                )
                .bind(municipality_id)
                .bind(&s.slug)
                .bind(&s.name)
                .bind(&s.description_da)
                .bind(&s.description_en)
                .bind(s.kind.as_str())
                .bind(&s.category)
                .bind(s.active)
                .fetch_one(&self.pool)
                .await?;
                Ok(sqlx::Row::try_get(&row, "id")?)
            })
            .await
    }

    async fn update_service(&self, municipality_id: i64, s: &ServiceInput) -> Result<bool, StoreError> {
        self.catalogue
            .write(async {
                let done = sqlx::query(
                    "UPDATE services SET name = $1, description_da = $2, description_en = $3, kind = $4, category = $5, active = $6
             WHERE municipality_id = $7 AND slug = $8",
                )
                .bind(&s.name)
                .bind(&s.description_da)
                .bind(&s.description_en)
                .bind(s.kind.as_str())
                .bind(&s.category)
                .bind(s.active)
                .bind(municipality_id)
                .bind(&s.slug)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            })
            .await
    }

    async fn all_questions(&self, municipality_id: i64) -> Result<Vec<(Question, bool)>, StoreError> {
        let rows = sqlx::query(
            "SELECT key, criterion, kind, min_value, max_value, text_da, text_en, options, active AS is_active
             FROM questions WHERE municipality_id = $1 ORDER BY position, key",
        )
        .bind(municipality_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok((common::question_from(r)?, sqlx::Row::try_get(r, "is_active")?))).collect()
    }

    async fn add_question(&self, municipality_id: i64, q: &QuestionInput) -> Result<(), StoreError> {
        self.catalogue
            .write(async {
                let new = domain::demo::agree_question(&q.key, q.criterion, &q.text_da, &q.text_en);
                let options = serde_json::to_string(&new.options).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                sqlx::query(
                    "INSERT INTO questions (municipality_id, key, criterion, kind, min_value, max_value, text_da, text_en, options, position, active)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                             (SELECT COALESCE(MAX(position), 0) + 1 FROM questions WHERE municipality_id = $1), $10)",
                )
                .bind(municipality_id)
                .bind(&new.key)
                .bind(new.criterion)
                .bind(new.kind.as_str())
                .bind(new.min)
                .bind(new.max)
                .bind(&new.text_da)
                .bind(&new.text_en)
                .bind(options)
                .bind(q.active)
                .execute(&self.pool)
                .await?;
                Ok(())
            })
            .await
    }

    async fn update_question(&self, municipality_id: i64, q: &QuestionInput) -> Result<bool, StoreError> {
        self.catalogue
            .write(async {
                let done = sqlx::query(
                    "UPDATE questions SET criterion = $1, text_da = $2, text_en = $3, active = $4 WHERE municipality_id = $5 AND key = $6",
                )
                .bind(q.criterion)
                .bind(&q.text_da)
                .bind(&q.text_en)
                .bind(q.active)
                .bind(municipality_id)
                .bind(&q.key)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            })
            .await
    }

    async fn accessibility(&self, municipality_id: i64) -> Result<AccessibilitySettings, StoreError> {
        let row = sqlx::query("SELECT a11y_status, a11y_contact, a11y_checked_on, a11y_known_issues FROM municipalities WHERE id = $1")
            .bind(municipality_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(r) = row else { return Ok(AccessibilitySettings::default()) };
        let status: String = sqlx::Row::try_get(&r, "a11y_status")?;
        Ok(AccessibilitySettings {
            status: Compliance::parse(&status).unwrap_or_default(),
            contact: sqlx::Row::try_get(&r, "a11y_contact")?,
            checked_on: sqlx::Row::try_get(&r, "a11y_checked_on")?,
            known_issues: sqlx::Row::try_get(&r, "a11y_known_issues")?,
        })
    }

    async fn set_accessibility(&self, municipality_id: i64, a: &AccessibilitySettings) -> Result<bool, StoreError> {
        self.catalogue
            .write(async {
                let done = sqlx::query(
                    "UPDATE municipalities SET a11y_status = $1, a11y_contact = $2, a11y_checked_on = $3, a11y_known_issues = $4 WHERE id = $5",
                )
                .bind(a.status.as_str())
                .bind(&a.contact)
                .bind(a.checked_on.clone())
                .bind(&a.known_issues)
                .bind(municipality_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            })
            .await
    }
}
