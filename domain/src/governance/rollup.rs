//! What one rating adds to the rollups, so that the summary reads a few
//! thousand cells instead of every rating. A replaced rating first takes
//! back its old contribution (the same cells with the opposite sign), but
//! never its arrivals: they count every contribution ever made, so a
//! figure's arrivals only grow (the release rule reads them).

use super::month::Month;
use crate::question::{Question, QuestionKind};
use crate::rating::Answer;

/// The facts of one stored rating that the rollups keep.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingFacts {
    pub service_id: i64,
    pub came_from: Option<i64>,
    pub created_at: i64,
    pub age_band: Option<String>,
    pub channel: String,
    pub answers: Vec<(String, Answer)>,
}

/// One cell's change. `question_key` is "" for the rating itself (its count);
/// `choice` is the option of a choice answer, else "". `from` is set for the
/// handover table (the service the young person came from).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    pub service_id: i64,
    pub from: Option<i64>,
    pub month: i64,
    pub question_key: String,
    pub choice: String,
    pub age_band: String,
    pub channel: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CellDelta {
    pub n: i64,
    pub total: i64,
    pub sq: i64,
    /// Contributions added (never negative).
    pub arrivals: i64,
}

impl CellDelta {
    pub fn add(&mut self, o: CellDelta) {
        self.n += o.n;
        self.total += o.total;
        self.sq += o.sq;
        self.arrivals += o.arrivals;
    }
}

/// The cells a rating touches and by how much (`sign` +1 to add, −1 to take back).
pub fn deltas(r: &RatingFacts, sign: i64) -> Vec<(CellKey, CellDelta)> {
    let key = |from: Option<i64>, q: &str, choice: &str| CellKey {
        service_id: r.service_id,
        from,
        month: Month::of_unix(r.created_at).yyyymm(),
        question_key: q.to_string(),
        choice: choice.to_string(),
        age_band: r.age_band.clone().unwrap_or_default(),
        channel: r.channel.clone(),
    };
    let arrivals = i64::from(sign > 0);
    let count = CellDelta { n: sign, total: 0, sq: 0, arrivals };
    let scale = |v: i64| CellDelta { n: sign, total: sign * v, sq: sign * v * v, arrivals };
    let mut out = vec![(key(None, "", ""), count)];
    for (q, a) in &r.answers {
        match a {
            Answer::Scale(v) => out.push((key(None, q, ""), scale(*v))),
            Answer::Choice(c) => out.push((key(None, q, c), count)),
        }
    }
    if let Some(from) = r.came_from {
        out.push((key(Some(from), "", ""), count));
        for (q, a) in &r.answers {
            if let Answer::Scale(v) = a {
                out.push((key(Some(from), q, ""), scale(*v)));
            }
        }
    }
    out
}

/// Whether a question's answers are averaged (scale) or counted (choice).
pub fn is_scale(questions: &[Question], key: &str) -> bool {
    questions.iter().any(|q| q.key == key && q.kind == QuestionKind::Scale)
}

/// A synthetic or imported rating (benchmarks, `seed-load`).
#[derive(Clone, Debug)]
pub struct ImportedRating {
    pub device_hash: String,
    pub facts: RatingFacts,
    pub comment: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_adds_its_count_answers_and_handover() {
        let r = RatingFacts {
            service_id: 3,
            came_from: Some(2),
            created_at: 1_795_428_000,
            age_band: None,
            channel: "qr".into(),
            answers: vec![("overall".into(), Answer::Scale(4)), ("contact".into(), Answer::Choice("yes".into()))],
        };
        let d = deltas(&r, 1);
        assert_eq!(d.len(), 5);
        assert_eq!(d[0].0.question_key, "");
        assert_eq!(d[0].0.month, 202611);
        assert_eq!(d[1].1, CellDelta { n: 1, total: 4, sq: 16, arrivals: 1 });
        assert_eq!(d[2].0.choice, "yes");
        assert_eq!(d[4].0.from, Some(2));
        let back = deltas(&r, -1);
        assert_eq!(back[1].1, CellDelta { n: -1, total: -4, sq: -16, arrivals: 0 });
    }
}
