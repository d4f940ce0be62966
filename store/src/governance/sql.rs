//! `GovernanceStore` for both engines.

use super::{
    AnswerCell, CellDelta, CellFilter, CellKey, GovernanceStore, HandoverCell, ImportedRating, ParticipationCell, RatingComment,
    ReleasedRow,
};
use crate::common;
use crate::engine::{Engine, SqlStore, Value};
use crate::StoreError;
use domain::governance::rollup::deltas;
use domain::rating::Answer;
use sqlx::{ColumnIndex, Executor};
use std::collections::{BTreeMap, HashMap, HashSet};

#[async_trait::async_trait]
impl<DB: Engine> GovernanceStore for SqlStore<DB>
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
    async fn answer_cells(&self, municipality_id: i64, f: &CellFilter) -> Result<Vec<AnswerCell>, StoreError> {
        use sqlx::Row as _;
        // Unfiltered views read the small table, filtered ones sum the big one.
        let rows = if f.age_band.is_none() && f.channel.is_none() {
            sqlx::query(
                "SELECT service_id, question_key, choice, month, n, total, total_sq AS sq, arrivals FROM rollup_totals
                 WHERE municipality_id = $1 AND month BETWEEN $2 AND $3 AND (n <> 0 OR arrivals <> 0)",
            )
            .bind(municipality_id)
            .bind(f.from)
            .bind(f.to)
            .fetch_all(&self.pool)
            .await?
        } else {
            sqlx::query(
                "SELECT service_id, question_key, choice, month, CAST(SUM(n) AS BIGINT) AS n,
                        CAST(SUM(total) AS BIGINT) AS total, CAST(SUM(total_sq) AS BIGINT) AS sq,
                        CAST(SUM(arrivals) AS BIGINT) AS arrivals
                 FROM rollup_answers
                 WHERE municipality_id = $1 AND month BETWEEN $2 AND $3
                   AND ($4 IS NULL OR age_band = $4) AND ($5 IS NULL OR channel = $5)
                 GROUP BY service_id, question_key, choice, month
                 HAVING SUM(n) <> 0 OR SUM(arrivals) <> 0",
            )
            .bind(municipality_id)
            .bind(f.from)
            .bind(f.to)
            .bind(&f.age_band)
            .bind(&f.channel)
            .fetch_all(&self.pool)
            .await?
        };
        rows.iter()
            .map(|r| {
                Ok(AnswerCell {
                    service_id: r.try_get("service_id")?,
                    question_key: r.try_get("question_key")?,
                    choice: r.try_get("choice")?,
                    month: r.try_get("month")?,
                    n: r.try_get("n")?,
                    total: r.try_get("total")?,
                    sq: r.try_get("sq")?,
                    arrivals: r.try_get("arrivals")?,
                })
            })
            .collect()
    }

    async fn participation_cells(&self, municipality_id: i64, f: &CellFilter, by: &str) -> Result<Vec<ParticipationCell>, StoreError> {
        use sqlx::Row as _;
        let column = match by {
            "channel" => "channel",
            "age_band" => "age_band",
            other => return Err(StoreError::Corrupt(format!("no participation by {other}"))),
        };
        let sql = format!(
            "SELECT service_id, month, {column} AS value, CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(arrivals) AS BIGINT) AS arrivals
             FROM rollup_answers
             WHERE municipality_id = $1 AND month BETWEEN $2 AND $3 AND question_key = ''
               AND ($4 IS NULL OR age_band = $4) AND ($5 IS NULL OR channel = $5)
             GROUP BY service_id, month, {column}
             HAVING SUM(n) <> 0 OR SUM(arrivals) <> 0"
        );
        let rows = sqlx::query(&sql)
            .bind(municipality_id)
            .bind(f.from)
            .bind(f.to)
            .bind(&f.age_band)
            .bind(&f.channel)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ParticipationCell {
                    service_id: r.try_get("service_id")?,
                    month: r.try_get("month")?,
                    value: r.try_get("value")?,
                    n: r.try_get("n")?,
                    arrivals: r.try_get("arrivals")?,
                })
            })
            .collect()
    }

    async fn handover_cells(&self, municipality_id: i64, f: &CellFilter) -> Result<Vec<HandoverCell>, StoreError> {
        use sqlx::Row as _;
        let rows = sqlx::query(
            "SELECT from_service_id, service_id, question_key, month, n, total, total_sq AS sq, arrivals FROM rollup_handovers
             WHERE municipality_id = $1 AND month BETWEEN $2 AND $3 AND (n <> 0 OR arrivals <> 0)",
        )
        .bind(municipality_id)
        .bind(f.from)
        .bind(f.to)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(HandoverCell {
                    from_service_id: r.try_get("from_service_id")?,
                    service_id: r.try_get("service_id")?,
                    question_key: r.try_get("question_key")?,
                    month: r.try_get("month")?,
                    n: r.try_get("n")?,
                    total: r.try_get("total")?,
                    sq: r.try_get("sq")?,
                    arrivals: r.try_get("arrivals")?,
                })
            })
            .collect()
    }

    async fn latest_comments(
        &self,
        municipality_id: i64,
        since: i64,
        until: i64,
        per_service: i64,
    ) -> Result<Vec<RatingComment>, StoreError> {
        use sqlx::Row as _;
        let services =
            sqlx::query("SELECT id FROM services WHERE municipality_id = $1").bind(municipality_id).fetch_all(&self.pool).await?;
        let mut out = Vec::new();
        // One small indexed query per service beats a window over every comment.
        for s in services {
            let id: i64 = s.try_get("id")?;
            let rows = sqlx::query(
                "SELECT created_at, comment FROM ratings
                 WHERE service_id = $1 AND comment IS NOT NULL AND comment_moderation = 'approved'
                   AND created_at >= $2 AND created_at < $3
                 ORDER BY created_at DESC LIMIT $4",
            )
            .bind(id)
            .bind(since)
            .bind(until)
            .bind(per_service)
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                out.push(RatingComment { service_id: id, created_at: r.try_get("created_at")?, text: r.try_get("comment")? });
            }
        }
        Ok(out)
    }

    async fn import_ratings(&self, municipality_id: i64, ratings: &[ImportedRating], rollups: bool) -> Result<(), StoreError> {
        use sqlx::Row as _;
        let mut tx = self.pool.begin().await?;
        let mut cells: BTreeMap<CellKey, CellDelta> = BTreeMap::new();
        for chunk in ratings.chunks(500) {
            let mut sql = String::from(
                "INSERT INTO ratings (service_id, device_hash, comment, age_band, came_from_service_id, channel, created_at, updated_at) VALUES ",
            );
            for i in 0..chunk.len() {
                let b = i * 7;
                sql.push_str(&format!(
                    "{}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    if i > 0 { ", " } else { "" },
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 7
                ));
            }
            sql.push_str(" RETURNING id, device_hash");
            let mut q = sqlx::query(&sql);
            for r in chunk {
                let f = &r.facts;
                q = q
                    .bind(f.service_id)
                    .bind(&r.device_hash)
                    .bind(&r.comment)
                    .bind(&f.age_band)
                    .bind(f.came_from)
                    .bind(&f.channel)
                    .bind(f.created_at);
            }
            let ids: HashMap<String, i64> = q
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|row| Ok((row.try_get("device_hash")?, row.try_get("id")?)))
                .collect::<Result<_, StoreError>>()?;
            // Answers find their rating by device hash: two ratings of one
            // device in a chunk would share one rating's answers.
            if ids.len() != chunk.len() {
                return Err(StoreError::Corrupt("imported ratings need distinct device hashes".into()));
            }
            let answers: Vec<(i64, &String, &Answer)> = chunk
                .iter()
                .map(|r| ids.get(&r.device_hash).copied().map(|id| r.facts.answers.iter().map(move |(k, a)| (id, k, a))))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| StoreError::Corrupt("imported ratings need distinct device hashes".into()))?
                .into_iter()
                .flatten()
                .collect();
            for part in answers.chunks(2000) {
                let mut sql = String::from("INSERT INTO rating_answers (rating_id, question_key, value, choice) VALUES ");
                for i in 0..part.len() {
                    let b = i * 4;
                    sql.push_str(&format!("{}(${}, ${}, ${}, ${})", if i > 0 { ", " } else { "" }, b + 1, b + 2, b + 3, b + 4));
                }
                let mut q = sqlx::query(&sql);
                for (id, key, answer) in part {
                    let (value, choice) = common::answer_columns(answer);
                    q = q.bind(*id).bind(*key).bind(value).bind(choice);
                }
                q.execute(&mut *tx).await?;
            }
            for r in chunk.iter().filter(|_| rollups) {
                for (k, d) in deltas(&r.facts, 1) {
                    cells.entry(k).or_default().add(d);
                }
            }
        }
        let _ = municipality_id;
        DB::apply_cells(&mut tx, &cells).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn rebuild_rollups(&self) -> Result<u64, StoreError> {
        Ok(self.rebuild(false).await?.unwrap_or(0))
    }

    async fn run_maintenance(&self) -> Result<(), StoreError> {
        if let Some(n) = self.rebuild(true).await? {
            tracing::info!(ratings = n, "rollups rebuilt");
        }
        Ok(())
    }

    async fn released_figures(&self, municipality_id: i64, from: i64, to: i64) -> Result<Vec<ReleasedRow>, StoreError> {
        use sqlx::Row as _;
        let rows = sqlx::query(
            "SELECT node_from, node_to, figure, value, arrivals, released_at, closes_at FROM released_figures
             WHERE municipality_id = $1 AND node_from BETWEEN $2 AND $3",
        )
        .bind(municipality_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ReleasedRow {
                    node_from: r.try_get("node_from")?,
                    node_to: r.try_get("node_to")?,
                    figure: r.try_get("figure")?,
                    value: r.try_get("value")?,
                    arrivals: r.try_get("arrivals")?,
                    released_at: r.try_get("released_at")?,
                    closes_at: r.try_get("closes_at")?,
                })
            })
            .collect()
    }

    async fn release_figures(&self, municipality_id: i64, rows: &[ReleasedRow]) -> Result<Vec<ReleasedRow>, StoreError> {
        use sqlx::Row as _;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut written: HashSet<(i64, i64, String)> = HashSet::new();
        let mut tx = self.pool.begin().await?;
        for chunk in rows.chunks(400) {
            let mut sql = String::from(
                "INSERT INTO released_figures (municipality_id, node_from, node_to, figure, value, arrivals, released_at, closes_at) VALUES ",
            );
            for i in 0..chunk.len() {
                let b = i * 7 + 1;
                sql.push_str(&format!(
                    "{}($1, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    if i > 0 { ", " } else { "" },
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7
                ));
            }
            // The condition is checked against what is stored at write
            // time, not what this reader saw.
            sql.push_str(&format!(
                " ON CONFLICT (municipality_id, node_from, node_to, figure) DO UPDATE SET
                     value = excluded.value, arrivals = excluded.arrivals, released_at = excluded.released_at
                 WHERE released_figures.released_at < released_figures.closes_at
                   AND released_figures.arrivals + {} <= excluded.arrivals
                 RETURNING node_from, node_to, figure",
                domain::governance::disclosure::K
            ));
            let mut q = sqlx::query(&sql).bind(municipality_id);
            for r in chunk {
                q = q
                    .bind(r.node_from)
                    .bind(r.node_to)
                    .bind(&r.figure)
                    .bind(&r.value)
                    .bind(r.arrivals)
                    .bind(r.released_at)
                    .bind(r.closes_at);
            }
            for row in q.fetch_all(&mut *tx).await? {
                written.insert((row.try_get("node_from")?, row.try_get("node_to")?, row.try_get("figure")?));
            }
        }
        tx.commit().await?;
        Ok(rows.iter().filter(|r| !written.contains(&(r.node_from, r.node_to, r.figure.clone()))).cloned().collect())
    }

    async fn set_compare_opt_in(&self, municipality_id: i64, on: bool) -> Result<(), StoreError> {
        self.catalogue
            .write(async {
                sqlx::query("UPDATE municipalities SET compare_opt_in = $1 WHERE id = $2")
                    .bind(on)
                    .bind(municipality_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            })
            .await
    }

    async fn compare_opt_in(&self, municipality_id: i64) -> Result<bool, StoreError> {
        let row =
            sqlx::query("SELECT compare_opt_in FROM municipalities WHERE id = $1").bind(municipality_id).fetch_optional(&self.pool).await?;
        Ok(match row {
            Some(r) => sqlx::Row::try_get(&r, "compare_opt_in")?,
            None => false,
        })
    }

    async fn comparison_members(&self) -> Result<Vec<i64>, StoreError> {
        let rows =
            sqlx::query("SELECT id FROM municipalities WHERE compare_opt_in = $1 ORDER BY id").bind(true).fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(sqlx::Row::try_get(r, "id")?)).collect()
    }
}
