//! The store implementation both engines share. A macro rather than generics:
//! sqlx's generic bounds over `Database` are heavy, and the SQL text is the
//! same for both. `$lock` is the one dialect difference at run time: the
//! statement that serialises two replacements from the same device.

use super::{Municipality, StoreError};
use domain::question::{Question, QuestionKind};
use domain::rating::Answer;
use domain::service::{Service, ServiceKind};

pub(super) const SELECT_SERVICE: &str = "SELECT id, slug, name, description_da, description_en, kind, category, active FROM services";
pub(super) const SELECT_QUESTION: &str = "SELECT key, criterion, kind, min_value, max_value, text_da, text_en, options FROM questions";

pub(super) fn municipality_from<R: sqlx::Row>(r: &R) -> Result<Municipality, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Municipality {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        name: r.try_get("name")?,
        accessibility_url: r.try_get("accessibility_url")?,
        retention_months: r.try_get("retention_months")?,
        response_days: r.try_get("response_days")?,
    })
}

pub(super) fn service_from<R: sqlx::Row>(r: &R) -> Result<Service, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    bool: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    let kind: String = r.try_get("kind")?;
    Ok(Service {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        name: r.try_get("name")?,
        description_da: r.try_get("description_da")?,
        description_en: r.try_get("description_en")?,
        kind: ServiceKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("service kind {kind}")))?,
        category: r.try_get("category")?,
        active: r.try_get("active")?,
    })
}

pub(super) fn question_from<R: sqlx::Row>(r: &R) -> Result<Question, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
    String: for<'d> sqlx::Decode<'d, R::Database> + sqlx::Type<R::Database>,
{
    let kind: String = r.try_get("kind")?;
    let options: String = r.try_get("options")?;
    Ok(Question {
        key: r.try_get("key")?,
        criterion: r.try_get("criterion")?,
        kind: QuestionKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("question kind {kind}")))?,
        min: r.try_get("min_value")?,
        max: r.try_get("max_value")?,
        text_da: r.try_get("text_da")?,
        text_en: r.try_get("text_en")?,
        options: serde_json::from_str(&options).map_err(|e| StoreError::Corrupt(format!("question options: {e}")))?,
    })
}

pub(super) fn answer_from(value: Option<i64>, choice: Option<String>) -> Result<Answer, StoreError> {
    match (value, choice) {
        (Some(v), None) => Ok(Answer::Scale(v)),
        (None, Some(c)) => Ok(Answer::Choice(c)),
        _ => Err(StoreError::Corrupt("answer has both or neither value and choice".into())),
    }
}

pub(super) fn answer_columns(a: &Answer) -> (Option<i64>, Option<String>) {
    match a {
        Answer::Scale(v) => (Some(*v), None),
        Answer::Choice(c) => (None, Some(c.clone())),
    }
}

macro_rules! impl_store {
    ($ty:ty, $db:ty, $engine:expr, $lock:expr) => {
        impl $ty {
            /// One rating inside a batch's transaction; its roll-up changes
            /// go into `cells`, written once for the whole batch.
            async fn save_rating_in(
                tx: &mut <$db as sqlx::Database>::Connection,
                new: &NewRating,
                cells: &mut std::collections::BTreeMap<domain::governance::rollup::CellKey, domain::governance::rollup::CellDelta>,
            ) -> Result<RatingSaved, StoreError> {
                let r = &new.rating;
                let lock: Option<&str> = $lock;
                if let Some(lock) = lock {
                    sqlx::query(lock).bind(format!("{}:{}", new.device_hash, new.service_id)).execute(&mut *tx).await?;
                }
                // The first statement writes (a no-op), so SQLite takes its
                // write lock up front instead of failing to upgrade a read
                // lock later; it also returns what the old rating added to
                // the rollups, to take back.
                let previous = sqlx::query(
                    "UPDATE ratings SET updated_at = updated_at
                     WHERE id = (SELECT id FROM ratings WHERE device_hash = $1 AND service_id = $2 AND created_at >= $3
                                 ORDER BY created_at DESC LIMIT 1)
                     RETURNING id, service_id, came_from_service_id, created_at, age_band, channel",
                )
                .bind(&new.device_hash).bind(new.service_id).bind(new.now - domain::policy::REPLACE_WINDOW_SECS)
                .fetch_optional(&mut *tx)
                .await?;
                let (id, replaced, created_at) = match previous {
                    Some(row) => {
                        use sqlx::Row as _;
                        let id: i64 = row.try_get("id")?;
                        let answers = sqlx::query("SELECT question_key, value, choice FROM rating_answers WHERE rating_id = $1")
                            .bind(id)
                            .fetch_all(&mut *tx)
                            .await?
                            .iter()
                            .map(|a| Ok((a.try_get("question_key")?, common::answer_from(a.try_get("value")?, a.try_get("choice")?)?)))
                            .collect::<Result<Vec<_>, StoreError>>()?;
                        let old = crate::governance::RatingFacts {
                            service_id: row.try_get("service_id")?,
                            came_from: row.try_get("came_from_service_id")?,
                            created_at: row.try_get("created_at")?,
                            age_band: row.try_get("age_band")?,
                            channel: row.try_get("channel")?,
                            answers,
                        };
                        for (k, d) in domain::governance::rollup::deltas(&old, -1) {
                            cells.entry(k).or_default().add(d);
                        }
                        sqlx::query(
                            "UPDATE ratings SET comment = $1, age_band = $2, came_from_service_id = $3, channel = $4, updated_at = $5,
                                 comment_moderation = $6, comment_held_for = $7, comment_urgent = $8, comment_moderation_reason = NULL
                             WHERE id = $9",
                        )
                        .bind(&r.comment).bind(&r.age_band).bind(new.came_from_service_id).bind(&r.channel).bind(new.now)
                        .bind(new.comment_review.moderation.as_str()).bind(&new.comment_review.held_for).bind(new.comment_review.urgent)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query("DELETE FROM rating_answers WHERE rating_id = $1").bind(id).execute(&mut *tx).await?;
                        (id, true, old.created_at)
                    }
                    None => {
                        let row = sqlx::query(
                            "INSERT INTO ratings (service_id, device_hash, comment, age_band, came_from_service_id, channel, created_at, updated_at,
                                comment_moderation, comment_held_for, comment_urgent)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10) RETURNING id",
                        )
                        .bind(new.service_id).bind(&new.device_hash).bind(&r.comment).bind(&r.age_band)
                        .bind(new.came_from_service_id).bind(&r.channel).bind(new.now)
                        .bind(new.comment_review.moderation.as_str()).bind(&new.comment_review.held_for).bind(new.comment_review.urgent)
                        .fetch_one(&mut *tx)
                        .await?;
                        (sqlx::Row::try_get(&row, "id")?, false, new.now)
                    }
                };
                let facts = crate::governance::RatingFacts {
                    service_id: new.service_id,
                    came_from: new.came_from_service_id,
                    created_at,
                    age_band: r.age_band.clone(),
                    channel: r.channel.clone(),
                    answers: r.answers.clone(),
                };
                for (k, d) in domain::governance::rollup::deltas(&facts, 1) {
                    cells.entry(k).or_default().add(d);
                }
                for (key, answer) in &r.answers {
                    let (value, choice) = common::answer_columns(answer);
                    sqlx::query("INSERT INTO rating_answers (rating_id, question_key, value, choice) VALUES ($1, $2, $3, $4)")
                        .bind(id).bind(key).bind(value).bind(choice)
                        .execute(&mut *tx)
                        .await?;
                }
                Ok(RatingSaved { id, replaced })
            }

            /// A batch of ratings in one transaction (`store::batch`): one
            /// commit, and each roll-up cell written once.
            pub(crate) async fn write_ratings(pool: &sqlx::Pool<$db>, batch: Vec<NewRating>) -> Result<Vec<RatingSaved>, StoreError> {
                let mut tx = pool.begin().await?;
                let mut cells = std::collections::BTreeMap::new();
                let mut saved = Vec::with_capacity(batch.len());
                for new in &batch {
                    saved.push(Self::save_rating_in(&mut *tx, new, &mut cells).await?);
                }
                let changed = cells.iter().filter(|(_, d)| **d != domain::governance::rollup::CellDelta::default());
                crate::governance::apply_deltas!(tx, changed);
                tx.commit().await?;
                Ok(saved)
            }

        }

        #[async_trait::async_trait]
        impl $crate::Store for $ty {
            fn engine(&self) -> &'static str {
                $engine
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn municipalities(&self) -> Result<Vec<Municipality>, StoreError> {
                let rows = sqlx::query("SELECT id, slug, name, accessibility_url, retention_months, response_days FROM municipalities ORDER BY name")
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
                let row = sqlx::query("SELECT id, slug, name, accessibility_url, retention_months, response_days FROM municipalities WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(common::municipality_from).transpose()
            }.await;
                let fresh = fresh?;
                if let Some(m) = &fresh {
                    self.catalogue.put(&self.catalogue.municipality, read_at, slug.to_string(), m.clone());
                }
                Ok(fresh)
            }

            async fn seed_municipality(&self, seed: &MunicipalitySeed) -> Result<bool, StoreError> {
                // Cleared after the write, so no read can keep what it replaced.
                let done: Result<bool, StoreError> = async {
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
            }.await;
                self.catalogue.clear();
                done
            }

            async fn services(&self, municipality_id: i64) -> Result<Vec<Service>, StoreError> {
                if let Some(hit) = self.catalogue.services.get(&municipality_id) {
                    return Ok(hit);
                }
                let read_at = self.catalogue.generation();
                let fresh: Result<Vec<Service>, StoreError> = async {
                let sql = format!("{} WHERE municipality_id = $1 AND active = $2 ORDER BY position, name", common::SELECT_SERVICE);
                let rows = sqlx::query(&sql).bind(municipality_id).bind(true).fetch_all(&self.pool).await?;
                rows.iter().map(common::service_from).collect()
            }.await;
                let fresh = fresh?;
                self.catalogue.put(&self.catalogue.services, read_at, municipality_id, fresh.clone());
                Ok(fresh)
            }

            async fn service(&self, municipality_id: i64, slug: &str) -> Result<Option<Service>, StoreError> {
                let sql = format!("{} WHERE municipality_id = $1 AND slug = $2", common::SELECT_SERVICE);
                let row = sqlx::query(&sql).bind(municipality_id).bind(slug).fetch_optional(&self.pool).await?;
                row.as_ref().map(common::service_from).transpose()
            }

            async fn questions(&self, municipality_id: i64) -> Result<Vec<Question>, StoreError> {
                if let Some(hit) = self.catalogue.questions.get(&municipality_id) {
                    return Ok(hit);
                }
                let read_at = self.catalogue.generation();
                let fresh: Result<Vec<Question>, StoreError> = async {
                let sql = format!("{} WHERE municipality_id = $1 AND active = $2 ORDER BY position, key", common::SELECT_QUESTION);
                let rows = sqlx::query(&sql).bind(municipality_id).bind(true).fetch_all(&self.pool).await?;
                rows.iter().map(common::question_from).collect()
            }.await;
                let fresh = fresh?;
                self.catalogue.put(&self.catalogue.questions, read_at, municipality_id, fresh.clone());
                Ok(fresh)
            }

            async fn save_rating(&self, new: &NewRating) -> Result<RatingSaved, StoreError> {
                self.ratings.submit(new.clone()).await
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
                    .map(|a| Ok((sqlx::Row::try_get(a, "question_key")?, common::answer_from(sqlx::Row::try_get(a, "value")?, sqlx::Row::try_get(a, "choice")?)?)))
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
    };
}

pub(super) use impl_store;
