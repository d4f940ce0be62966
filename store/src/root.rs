//! The `Store` trait itself for both engines: municipalities, their
//! services and questions, and ratings.

use crate::common;
use crate::engine::{Engine, SqlStore, Value};
use crate::{Municipality, NewRating, RatingSaved, Store, StoreError, StoredRating};
use domain::demo::MunicipalitySeed;
use domain::question::Question;
use domain::service::Service;
use sqlx::{ColumnIndex, Executor};

#[async_trait::async_trait]
impl<DB: Engine> Store for SqlStore<DB>
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
    fn engine(&self) -> &'static str {
        DB::ENGINE
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    fn stats(&self) -> crate::StoreStats {
        crate::StoreStats {
            connections: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            queued_ratings: self.ratings.queued(),
            queued_answers: self.responses.queued(),
        }
    }

    async fn municipalities(&self) -> Result<Vec<Municipality>, StoreError> {
        let rows =
            sqlx::query("SELECT id, slug, name, accessibility_url, retention_months, response_days FROM municipalities ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(common::municipality_from).collect()
    }

    async fn municipality(&self, slug: &str) -> Result<Option<Municipality>, StoreError> {
        if let Some(hit) = self.catalogue.municipality.get(&slug.to_string()) {
            return Ok(Some(hit));
        }
        let read_at = self.catalogue.generation();
        let fresh: Result<Option<Municipality>, StoreError> = async {
            let row = sqlx::query(
                "SELECT id, slug, name, accessibility_url, retention_months, response_days FROM municipalities WHERE slug = $1",
            )
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
            row.as_ref().map(common::municipality_from).transpose()
        }
        .await;
        let fresh = fresh?;
        if let Some(m) = &fresh {
            self.catalogue.put(&self.catalogue.municipality, read_at, slug.to_string(), m.clone());
        }
        Ok(fresh)
    }

    async fn seed_municipality(&self, seed: &MunicipalitySeed) -> Result<bool, StoreError> {
        self.catalogue
            .write(async {
                let mut tx = self.pool.begin().await?;
                let inserted = sqlx::query(
                    "INSERT INTO municipalities (slug, name, accessibility_url, created_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (slug) DO NOTHING RETURNING id",
                )
                .bind(&seed.slug)
                .bind(&seed.name)
                .bind(&seed.accessibility_url)
                .bind(domain::policy::now())
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = inserted else { return Ok(false) };
                let mid: i64 = sqlx::Row::try_get(&row, "id")?;
                for (pos, s) in seed.services.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO services (municipality_id, slug, name, description_da, description_en, kind, category, active, position)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(mid).bind(s.slug).bind(s.name).bind(s.description_da).bind(s.description_en)
                    .bind(s.kind.as_str()).bind(s.category).bind(true).bind(pos as i64)
                    .execute(&mut *tx)
                    .await?;
                }
                for (pos, q) in seed.questions.iter().enumerate() {
                    let options = serde_json::to_string(&q.options).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    sqlx::query(
                        "INSERT INTO questions (municipality_id, key, criterion, kind, min_value, max_value, text_da, text_en, options, position, active)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    )
                    .bind(mid).bind(&q.key).bind(q.criterion).bind(q.kind.as_str()).bind(q.min).bind(q.max)
                    .bind(&q.text_da).bind(&q.text_en).bind(options).bind(pos as i64).bind(true)
                    .execute(&mut *tx)
                    .await?;
                }
                let now = domain::policy::now();
                for (pos, p) in seed.principles.iter().enumerate() {
                    let row = sqlx::query(
                        "INSERT INTO principles (municipality_id, criterion, position, active, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(mid).bind(p.criterion).bind(pos as i64).bind(true).bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    let pid: i64 = sqlx::Row::try_get(&row, "id")?;
                    sqlx::query(crate::principles::INSERT_VERSION)
                        .bind(pid).bind(1_i64).bind(&p.title_da).bind(&p.title_en).bind(&p.text_da).bind(&p.text_en).bind(now).bind(None::<i64>)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(true)
            })
            .await
    }

    async fn services(&self, municipality_id: i64) -> Result<Vec<Service>, StoreError> {
        self.catalogue
            .read(&self.catalogue.services, municipality_id, async {
                let sql = format!("{} WHERE municipality_id = $1 AND active = $2 ORDER BY position, name", common::SELECT_SERVICE);
                let rows = sqlx::query(&sql).bind(municipality_id).bind(true).fetch_all(&self.pool).await?;
                rows.iter().map(common::service_from).collect()
            })
            .await
    }

    async fn service(&self, municipality_id: i64, slug: &str) -> Result<Option<Service>, StoreError> {
        let sql = format!("{} WHERE municipality_id = $1 AND slug = $2", common::SELECT_SERVICE);
        let row = sqlx::query(&sql).bind(municipality_id).bind(slug).fetch_optional(&self.pool).await?;
        row.as_ref().map(common::service_from).transpose()
    }

    async fn questions(&self, municipality_id: i64) -> Result<Vec<Question>, StoreError> {
        self.catalogue
            .read(&self.catalogue.questions, municipality_id, async {
                let sql = format!("{} WHERE municipality_id = $1 AND active = $2 ORDER BY position, key", common::SELECT_QUESTION);
                let rows = sqlx::query(&sql).bind(municipality_id).bind(true).fetch_all(&self.pool).await?;
                rows.iter().map(common::question_from).collect()
            })
            .await
    }

    async fn save_rating(&self, new: &NewRating) -> Result<RatingSaved, StoreError> {
        self.ratings.submit(new.clone()).await
    }

    async fn replaceable_rating(&self, service_id: i64, device_hash: &str, now: i64) -> Result<Option<i64>, StoreError> {
        // The same rule as the replacement in `save_rating_in`.
        let row = sqlx::query(
            "SELECT MAX(created_at) AS at FROM ratings WHERE device_hash = $1 AND service_id = $2 AND created_at >= $3",
        )
        .bind(device_hash)
        .bind(service_id)
        .bind(now - domain::policy::REPLACE_WINDOW_SECS)
        .fetch_one(&self.pool)
        .await?;
        Ok(sqlx::Row::try_get(&row, "at")?)
    }

    async fn rating_count(&self, service_id: i64) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM ratings WHERE service_id = $1").bind(service_id).fetch_one(&self.pool).await?;
        Ok(sqlx::Row::try_get(&row, "n")?)
    }

    async fn rating(&self, id: i64) -> Result<Option<StoredRating>, StoreError> {
        let Some(row) = sqlx::query(
            "SELECT id, service_id, comment, age_band, came_from_service_id, channel, created_at, updated_at FROM ratings WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let answers = sqlx::query("SELECT question_key, value, choice FROM rating_answers WHERE rating_id = $1 ORDER BY question_key")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|a| {
                Ok((
                    sqlx::Row::try_get(a, "question_key")?,
                    common::answer_from(sqlx::Row::try_get(a, "value")?, sqlx::Row::try_get(a, "choice")?)?,
                ))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        use sqlx::Row as _;
        Ok(Some(StoredRating {
            id: row.try_get("id")?,
            service_id: row.try_get("service_id")?,
            answers,
            comment: row.try_get("comment")?,
            age_band: row.try_get("age_band")?,
            came_from_service_id: row.try_get("came_from_service_id")?,
            channel: row.try_get("channel")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        }))
    }
}
