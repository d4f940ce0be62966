//! Realistic synthetic ratings for the demo municipality and for benchmarks
//! (`stemme seed-load`): two years, services that differ and drift, young
//! people who move along the chain. Deterministic for a given seed.

use super::rollup::{ImportedRating, RatingFacts};
use crate::question::{Question, QuestionKind};
use crate::rating::{Answer, AGE_BANDS};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const COMMENTS: &[&str] = &[
    "Min vejleder lyttede virkelig til mig.",
    "Det tog lang tid at få svar.",
    "Jeg vidste ikke, hvad der skulle ske bagefter.",
    "Rart at have én fast person.",
    "Jeg blev sendt rundt mellem for mange steder.",
    "Godt forløb, men svært at finde information.",
];
const CHANNELS: &[(&str, u32)] = &[("web", 55), ("qr", 25), ("kiosk", 10), ("workshop", 8), ("api", 2)];

pub struct Generator {
    rng: StdRng,
    services: Vec<(i64, f64, f64)>,
    questions: Vec<Question>,
    now: i64,
    prefix: String,
    made: u64,
}

impl Generator {
    /// `services` in chain order (young people mostly come from an earlier one).
    pub fn new(services: &[i64], questions: &[Question], now: i64, seed: u64, prefix: &str) -> Generator {
        let mut rng = StdRng::seed_from_u64(seed);
        // Each service gets a level (2.6–4.4) and a drift per year (−0.4…+0.4).
        let services = services.iter().map(|&id| (id, rng.gen_range(2.6..4.4), rng.gen_range(-0.4..0.4))).collect();
        Generator { rng, services, questions: questions.to_vec(), now, prefix: prefix.to_string(), made: 0 }
    }

    fn pick_weighted<'a>(&mut self, list: &'a [(&'a str, u32)]) -> &'a str {
        let total: u32 = list.iter().map(|x| x.1).sum();
        let mut roll = self.rng.gen_range(0..total);
        for (v, w) in list {
            if roll < *w {
                return v;
            }
            roll -= w;
        }
        list[0].0
    }
}

impl Iterator for Generator {
    type Item = ImportedRating;

    fn next(&mut self) -> Option<ImportedRating> {
        if self.services.is_empty() {
            return None;
        }
        let i = self.rng.gen_range(0..self.services.len());
        let (service_id, level, drift) = self.services[i];
        let age_secs = self.rng.gen_range(0..730 * 86_400_i64);
        let years_ago = age_secs as f64 / (365.0 * 86_400.0);
        let centre = level - drift * years_ago;
        let came_from = (i > 0 && self.rng.gen_bool(0.4)).then(|| self.services[self.rng.gen_range(0..i)].0);
        let mut answers = Vec::new();
        for q in &self.questions {
            if !self.rng.gen_bool(0.92) {
                continue;
            }
            let a = {
                match q.kind {
                    QuestionKind::Scale => {
                        let (min, max) = (q.min.unwrap_or(1), q.max.unwrap_or(5));
                        let noise: f64 = self.rng.gen_range(-1.6..1.6);
                        Answer::Scale(((centre + noise).round() as i64).clamp(min, max))
                    }
                    QuestionKind::Choice if !q.options.is_empty() => {
                        Answer::Choice(q.options[self.rng.gen_range(0..q.options.len())].key.clone())
                    }
                    QuestionKind::Choice => continue,
                }
            };
            answers.push((q.key.clone(), a));
        }
        let age_band = (!self.rng.gen_bool(0.15)).then(|| AGE_BANDS[self.rng.gen_range(1..AGE_BANDS.len() - 1)].0.to_string());
        let channel = self.pick_weighted(CHANNELS).to_string();
        let comment = self.rng.gen_bool(0.05).then(|| COMMENTS[self.rng.gen_range(0..COMMENTS.len())].to_string());
        self.made += 1;
        Some(ImportedRating {
            device_hash: format!("{}-{}", self.prefix, self.made),
            facts: RatingFacts { service_id, came_from, created_at: self.now - age_secs, age_band, channel, answers },
            comment,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_valid_and_spread_over_two_years() {
        let qs = crate::demo::default_questions();
        let now = 1_795_428_000;
        let list: Vec<_> = Generator::new(&[1, 2, 3], &qs, now, 7, "t").take(500).collect();
        assert_eq!(list.len(), 500);
        assert!(list.iter().all(|r| r.facts.created_at <= now && r.facts.created_at > now - 731 * 86_400));
        assert!(list.iter().any(|r| r.facts.came_from.is_some()));
        assert!(list.iter().flat_map(|r| &r.facts.answers).all(|(_, a)| !matches!(a, Answer::Scale(v) if !(1..=5).contains(v))));
        let again: Vec<_> = Generator::new(&[1, 2, 3], &qs, now, 7, "t").take(500).collect();
        assert_eq!(list[499].facts, again[499].facts);
    }
}
