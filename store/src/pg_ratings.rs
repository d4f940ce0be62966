//! PostgreSQL writes a batch of ratings as a few set-based statements
//! (arrays through `unnest`) instead of several round trips per rating:
//! one for all the batch's replacement locks, one to find the ratings being
//! replaced (and one for their answers), one update and one delete for
//! those, one to reserve ids, one insert for the new ratings, one for all
//! answers, and one upsert per roll-up table. Each statement is parsed,
//! planned and sent once per batch, which is where PostgreSQL spent its
//! time. The result is the same as the per-rating path (`ratings.rs`), which
//! SQLite uses and the conformance suite checks on both engines; a batch in
//! which one phone rates one service twice takes that path for its rows.

use crate::common;
use crate::engine::SqlStore;
use crate::pg_rollups::apply_cells;
use crate::{NewRating, RatingSaved, StoreError};
use crate::ratings::stored_facts;
use domain::governance::rollup::{deltas, CellDelta, CellKey};
use sqlx::{Pool, Postgres, Row};
use std::collections::{BTreeMap, HashMap};

type Key<'a> = (&'a str, i64);

impl SqlStore<Postgres> {
    pub(crate) async fn write_ratings_set(pool: &Pool<Postgres>, batch: Vec<NewRating>) -> Result<Vec<RatingSaved>, StoreError> {
        let mut tx = pool.begin().await?;
        // Two writers must not both insert for one device and service: the
        // same advisory locks as the per-rating path, all in one statement,
        // in one order, so two batches never wait for each other in a circle.
        let mut locks: Vec<String> = batch.iter().map(|n| format!("{}:{}", n.device_hash, n.service_id)).collect();
        locks.sort();
        locks.dedup();
        sqlx::query(
            "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS s",
        )
        .bind(&locks)
        .execute(&mut *tx)
        .await?;
        let mut cells: BTreeMap<CellKey, CellDelta> = BTreeMap::new();
        if locks.len() < batch.len() {
            // One phone rated one service twice in this batch: the second
            // replaces the first, which the per-rating path does in turn.
            let saved = Self::save_ratings_in(&mut tx, &batch, &mut cells).await?;
            apply_cells(&mut tx, &cells).await?;
            tx.commit().await?;
            return Ok(saved);
        }
        let previous = previous_ratings(&mut tx, &batch, &mut cells).await?;
        replace(&mut tx, &batch, &previous).await?;

        let new_count = batch.len() - previous.len();
        let mut fresh = sqlx::query("SELECT nextval(pg_get_serial_sequence('ratings', 'id')) AS id FROM generate_series(1, $1)")
            .bind(new_count as i64)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get::<i64, _>("id"))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter();
        let mut saved = Vec::with_capacity(batch.len());
        let mut inserted: Vec<(i64, &NewRating)> = Vec::with_capacity(new_count);
        let mut answers = Answers::default();
        for new in &batch {
            let (id, replaced, created_at) = match previous.get(&(new.device_hash.as_str(), new.service_id)) {
                Some(&(id, created_at)) => (id, true, created_at),
                None => {
                    let id = fresh.next().ok_or_else(|| StoreError::Corrupt("fewer rating ids than new ratings".into()))?;
                    inserted.push((id, new));
                    (id, false, new.now)
                }
            };
            for (k, d) in deltas(&crate::ratings::facts_of(new, created_at), 1) {
                cells.entry(k).or_default().add(d);
            }
            answers.add(id, &new.rating.answers);
            saved.push(RatingSaved { id, replaced });
        }
        insert(&mut tx, &inserted).await?;
        answers.insert(&mut tx).await?;
        apply_cells(&mut tx, &cells).await?;
        tx.commit().await?;
        Ok(saved)
    }
}

/// The rating each (device, service) would replace: its id and first
/// `created_at`. What they added to the roll-ups is taken back in `cells`.
async fn previous_ratings<'b>(
    tx: &mut sqlx::PgConnection,
    batch: &'b [NewRating],
    cells: &mut BTreeMap<CellKey, CellDelta>,
) -> Result<HashMap<Key<'b>, (i64, i64)>, StoreError> {
    let devices: Vec<&str> = batch.iter().map(|n| n.device_hash.as_str()).collect();
    let services: Vec<i64> = batch.iter().map(|n| n.service_id).collect();
    let since: Vec<i64> = batch.iter().map(|n| n.now - domain::policy::REPLACE_WINDOW_SECS).collect();
    let rows = sqlx::query(
        "SELECT DISTINCT ON (r.device_hash, r.service_id)
                r.id, r.device_hash, r.service_id, r.came_from_service_id, r.created_at, r.age_band, r.channel
         FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS k(device_hash, service_id, since)
         JOIN ratings r ON r.device_hash = k.device_hash AND r.service_id = k.service_id AND r.created_at >= k.since
         ORDER BY r.device_hash, r.service_id, r.created_at DESC",
    )
    .bind(&devices)
    .bind(&services)
    .bind(&since)
    .fetch_all(&mut *tx)
    .await?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let mut old_answers: HashMap<i64, Vec<(String, domain::rating::Answer)>> = HashMap::new();
    for a in sqlx::query("SELECT rating_id, question_key, value, choice FROM rating_answers WHERE rating_id = ANY($1)")
        .bind(&ids)
        .fetch_all(&mut *tx)
        .await?
    {
        let answer = common::answer_from(a.try_get("value")?, a.try_get("choice")?)?;
        old_answers.entry(a.try_get("rating_id")?).or_default().push((a.try_get("question_key")?, answer));
    }
    let mut out = HashMap::new();
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let old = stored_facts::<Postgres>(row, old_answers.remove(&id).unwrap_or_default())?;
        for (k, d) in deltas(&old, -1) {
            cells.entry(k).or_default().add(d);
        }
        let device: String = row.try_get("device_hash")?;
        // Borrow the key from the batch, which outlives the map.
        if let Some(new) = batch.iter().find(|n| n.device_hash == device && n.service_id == old.service_id) {
            out.insert((new.device_hash.as_str(), new.service_id), (id, old.created_at));
        }
    }
    Ok(out)
}

/// The replaced ratings take the new text and facts; their answers go
/// (the new ones are inserted with everyone's).
async fn replace(tx: &mut sqlx::PgConnection, batch: &[NewRating], previous: &HashMap<Key<'_>, (i64, i64)>) -> Result<(), StoreError> {
    let replaced: Vec<(i64, &NewRating)> =
        batch.iter().filter_map(|n| previous.get(&(n.device_hash.as_str(), n.service_id)).map(|(id, _)| (*id, n))).collect();
    if replaced.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = replaced.iter().map(|(id, _)| *id).collect();
    let c = Columns::of(replaced.iter().map(|(_, n)| *n));
    let update = sqlx::query(
        "UPDATE ratings AS r SET comment = u.comment, age_band = u.age_band, came_from_service_id = u.came_from, channel = u.channel,
             updated_at = u.now, comment_moderation = u.moderation, comment_held_for = u.held_for, comment_urgent = u.urgent,
             comment_moderation_reason = NULL
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bool[])
             AS u(id, comment, age_band, came_from, channel, now, moderation, held_for, urgent)
         WHERE r.id = u.id",
    )
    .bind(&ids);
    c.bind(update).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM rating_answers WHERE rating_id = ANY($1)").bind(&ids).execute(&mut *tx).await?;
    Ok(())
}

async fn insert(tx: &mut sqlx::PgConnection, inserted: &[(i64, &NewRating)]) -> Result<(), StoreError> {
    if inserted.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = inserted.iter().map(|(id, _)| *id).collect();
    let services: Vec<i64> = inserted.iter().map(|(_, n)| n.service_id).collect();
    let devices: Vec<&str> = inserted.iter().map(|(_, n)| n.device_hash.as_str()).collect();
    let c = Columns::of(inserted.iter().map(|(_, n)| *n));
    let insert = sqlx::query(
        "INSERT INTO ratings (id, service_id, device_hash, comment, age_band, came_from_service_id, channel, created_at, updated_at,
             comment_moderation, comment_held_for, comment_urgent)
         SELECT id, service_id, device_hash, comment, age_band, came_from, channel, now, now, moderation, held_for, urgent
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::bigint[],
             $9::text[], $10::text[], $11::bool[])
             AS u(id, service_id, device_hash, comment, age_band, came_from, channel, now, moderation, held_for, urgent)",
    )
    .bind(&ids)
    .bind(&services)
    .bind(&devices);
    c.bind(insert).execute(&mut *tx).await?;
    Ok(())
}

/// The columns a new or replacing rating writes, one array each.
struct Columns<'a> {
    comment: Vec<Option<&'a str>>,
    age_band: Vec<Option<&'a str>>,
    came_from: Vec<Option<i64>>,
    channel: Vec<&'a str>,
    now: Vec<i64>,
    moderation: Vec<&'a str>,
    held_for: Vec<&'a str>,
    urgent: Vec<bool>,
}

impl<'a> Columns<'a> {
    fn of(ratings: impl Iterator<Item = &'a NewRating>) -> Self {
        let mut c = Columns {
            comment: vec![],
            age_band: vec![],
            came_from: vec![],
            channel: vec![],
            now: vec![],
            moderation: vec![],
            held_for: vec![],
            urgent: vec![],
        };
        for n in ratings {
            c.comment.push(n.rating.comment.as_deref());
            c.age_band.push(n.rating.age_band.as_deref());
            c.came_from.push(n.came_from_service_id);
            c.channel.push(&n.rating.channel);
            c.now.push(n.now);
            c.moderation.push(n.comment_review.moderation.as_str());
            c.held_for.push(&n.comment_review.held_for);
            c.urgent.push(n.comment_review.urgent);
        }
        c
    }

    /// Binds the columns after what `q` has, in the order the statements
    /// name them: comment, age band, came from, channel, now, moderation,
    /// held for, urgent.
    fn bind<'q>(&'q self, q: PgQuery<'q>) -> PgQuery<'q> {
        q.bind(&self.comment)
            .bind(&self.age_band)
            .bind(&self.came_from)
            .bind(&self.channel)
            .bind(&self.now)
            .bind(&self.moderation)
            .bind(&self.held_for)
            .bind(&self.urgent)
    }
}

pub(crate) type PgQuery<'q> = sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>;

#[derive(Default)]
struct Answers {
    rating: Vec<i64>,
    key: Vec<String>,
    value: Vec<Option<i64>>,
    choice: Vec<Option<String>>,
}

impl Answers {
    fn add(&mut self, id: i64, answers: &[(String, domain::rating::Answer)]) {
        for (key, answer) in answers {
            let (value, choice) = common::answer_columns(answer);
            self.rating.push(id);
            self.key.push(key.clone());
            self.value.push(value);
            self.choice.push(choice);
        }
    }

    async fn insert(&self, tx: &mut sqlx::PgConnection) -> Result<(), StoreError> {
        if self.rating.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO rating_answers (rating_id, question_key, value, choice)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[])",
        )
        .bind(&self.rating)
        .bind(&self.key)
        .bind(&self.value)
        .bind(&self.choice)
        .execute(&mut *tx)
        .await?;
        Ok(())
    }
}
