//! PostgreSQL's roll-up changes of a batch of ratings: one upsert per
//! roll-up table (arrays through `unnest`) instead of one per cell.

use crate::pg_ratings::PgQuery;
use crate::StoreError;
use domain::governance::rollup::{CellDelta, CellKey};
use std::collections::BTreeMap;

/// The batch's roll-up changes: one upsert per table. Totals and
/// handovers are summed here first, so no statement meets a row twice.
/// Rows go in key order (`ORDER BY u.ord`: a join may reorder them), so
/// two batches lock the rows they share in the same order and never
/// deadlock.
pub(crate) async fn apply_cells(tx: &mut sqlx::PgConnection, cells: &BTreeMap<CellKey, CellDelta>) -> Result<(), StoreError> {
    let mut answers = Cells::default();
    let mut totals: BTreeMap<(i64, i64, &str, &str), CellDelta> = BTreeMap::new();
    let mut handovers: BTreeMap<(i64, i64, &str, i64), CellDelta> = BTreeMap::new();
    for (k, d) in cells.iter().filter(|(_, d)| **d != CellDelta::default()) {
        match k.from {
            None => {
                answers.push(k.service_id, k.month, &k.question_key, [&k.choice, &k.age_band, &k.channel], *d);
                totals.entry((k.service_id, k.month, k.question_key.as_str(), k.choice.as_str())).or_default().add(*d);
            }
            Some(from) => handovers.entry((k.service_id, k.month, k.question_key.as_str(), from)).or_default().add(*d),
        }
    }
    if answers.service.is_empty() && handovers.is_empty() {
        return Ok(());
    }
    let upsert_answers = sqlx::query(
        "INSERT INTO rollup_answers (municipality_id, service_id, month, question_key, choice, age_band, channel, n, total, total_sq, arrivals)
         SELECT s.municipality_id, u.service_id, u.month, u.q, u.choice, u.age_band, u.channel, u.n, u.total, u.sq, u.arrivals
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[])
             WITH ORDINALITY AS u(service_id, month, q, choice, age_band, channel, n, total, sq, arrivals, ord)
         JOIN services s ON s.id = u.service_id ORDER BY u.ord
         ON CONFLICT (municipality_id, month, service_id, question_key, choice, age_band, channel) DO UPDATE SET
             n = rollup_answers.n + excluded.n, total = rollup_answers.total + excluded.total,
             total_sq = rollup_answers.total_sq + excluded.total_sq, arrivals = rollup_answers.arrivals + excluded.arrivals",
    );
    answers.bind(upsert_answers, 3).execute(&mut *tx).await?;
    let mut t = Cells::default();
    for ((service, month, q, choice), d) in &totals {
        t.push(*service, *month, q, [*choice, "", ""], *d);
    }
    let upsert_totals = sqlx::query(
        "INSERT INTO rollup_totals (municipality_id, service_id, month, question_key, choice, n, total, total_sq, arrivals)
         SELECT s.municipality_id, u.service_id, u.month, u.q, u.choice, u.n, u.total, u.sq, u.arrivals
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
             WITH ORDINALITY AS u(service_id, month, q, choice, n, total, sq, arrivals, ord)
         JOIN services s ON s.id = u.service_id ORDER BY u.ord
         ON CONFLICT (municipality_id, month, service_id, question_key, choice) DO UPDATE SET
             n = rollup_totals.n + excluded.n, total = rollup_totals.total + excluded.total,
             total_sq = rollup_totals.total_sq + excluded.total_sq, arrivals = rollup_totals.arrivals + excluded.arrivals",
    );
    t.bind(upsert_totals, 1).execute(&mut *tx).await?;
    if handovers.is_empty() {
        return Ok(());
    }
    let mut h = Cells::default();
    let mut from = Vec::with_capacity(handovers.len());
    for ((service, month, q, f), d) in &handovers {
        h.push(*service, *month, q, ["", "", ""], *d);
        from.push(*f);
    }
    let upsert_handovers = sqlx::query(
        "INSERT INTO rollup_handovers (municipality_id, service_id, month, question_key, from_service_id, n, total, total_sq, arrivals)
         SELECT s.municipality_id, u.service_id, u.month, u.q, u.from_id, u.n, u.total, u.sq, u.arrivals
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
             WITH ORDINALITY AS u(service_id, month, q, from_id, n, total, sq, arrivals, ord)
         JOIN services s ON s.id = u.service_id ORDER BY u.ord
         ON CONFLICT (municipality_id, month, service_id, from_service_id, question_key) DO UPDATE SET
             n = rollup_handovers.n + excluded.n, total = rollup_handovers.total + excluded.total,
             total_sq = rollup_handovers.total_sq + excluded.total_sq, arrivals = rollup_handovers.arrivals + excluded.arrivals",
    );
    h.bind(upsert_handovers.bind(&h.service).bind(&h.month).bind(&h.question).bind(&from), 0).execute(&mut *tx).await?;
    Ok(())
}

/// Roll-up cells as columns: key parts, up to three text parts, sums.
#[derive(Default)]
struct Cells<'a> {
    service: Vec<i64>,
    month: Vec<i64>,
    question: Vec<&'a str>,
    text: [Vec<&'a str>; 3],
    n: Vec<i64>,
    total: Vec<i64>,
    sq: Vec<i64>,
    arrivals: Vec<i64>,
}

impl<'a> Cells<'a> {
    /// Binds key, `texts` of the text columns and sums after what `q` has;
    /// with no texts, only the sums (the caller bound the key).
    fn bind<'q>(&'q self, q: PgQuery<'q>, texts: usize) -> PgQuery<'q> {
        let mut q = q;
        if texts > 0 {
            q = q.bind(&self.service).bind(&self.month).bind(&self.question);
            for column in &self.text[..texts] {
                q = q.bind(column);
            }
        }
        q.bind(&self.n).bind(&self.total).bind(&self.sq).bind(&self.arrivals)
    }

    fn push(&mut self, service: i64, month: i64, question: &'a str, text: [&'a str; 3], d: CellDelta) {
        self.service.push(service);
        self.month.push(month);
        self.question.push(question);
        for (column, value) in self.text.iter_mut().zip(text) {
            column.push(value);
        }
        self.n.push(d.n);
        self.total.push(d.total);
        self.sq.push(d.sq);
        self.arrivals.push(d.arrivals);
    }
}
