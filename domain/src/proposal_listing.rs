//! Lists of proposals: their order and "you said, we did" in numbers.

use super::{Proposal, PublicCount};
use serde::{Deserialize, Serialize};

/// How lists of proposals are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Newest,
    MostSupported,
    RecentlyAnswered,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::MostSupported, Sort::RecentlyAnswered];

    /// The URL value (`?sort=`).
    pub fn code(self) -> &'static str {
        match self {
            Sort::Newest => "nyeste",
            Sort::MostSupported => "stoette",
            Sort::RecentlyAnswered => "besvaret",
        }
    }

    pub fn parse(s: &str) -> Sort {
        Sort::ALL.into_iter().find(|x| x.code() == s).unwrap_or_default()
    }

    pub fn apply(self, list: &mut [Proposal]) {
        match self {
            Sort::Newest => list.sort_by_key(|p| std::cmp::Reverse((p.created_at, p.id))),
            // By the counts the public sees, so the order cannot tell 1 from 4.
            Sort::MostSupported => list.sort_by_key(|p| {
                let (f, a) = (PublicCount::of(p.support_for).rank(), PublicCount::of(p.support_against).rank());
                std::cmp::Reverse((f - a, f, p.created_at, p.id))
            }),
            Sort::RecentlyAnswered => list.sort_by_key(|p| std::cmp::Reverse((p.answered_at.unwrap_or(i64::MIN), p.created_at, p.id))),
        }
    }
}

/// "You said, we did" in numbers, over the proposals the public can see.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Responsiveness {
    pub proposals: i64,
    pub answered: i64,
    /// Of those answered, how many were adopted or partly adopted.
    pub changed: i64,
    /// Median days (with fractions) from proposal to answer; `None` before any answer.
    pub median_days: Option<f64>,
}

impl Responsiveness {
    pub fn of(list: &[Proposal]) -> Responsiveness {
        let public: Vec<&Proposal> = list.iter().filter(|p| p.is_public()).collect();
        let answered: Vec<&&Proposal> = public.iter().filter(|p| p.status.is_answer()).collect();
        let mut days: Vec<f64> =
            answered.iter().filter_map(|p| p.answered_at.map(|a| ((a - p.created_at).max(0) as f64) / 86_400.0)).collect();
        days.sort_by(f64::total_cmp);
        let median_days = match days.len() {
            0 => None,
            n if n % 2 == 1 => Some(days[n / 2]),
            n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
        };
        Responsiveness {
            proposals: public.len() as i64,
            answered: answered.len() as i64,
            changed: answered.iter().filter(|p| p.status.led_to_change()).count() as i64,
            median_days,
        }
    }

    /// Whole per cent, `None` when there is nothing to divide by.
    pub fn share_answered(&self) -> Option<i64> {
        percent(self.answered, self.proposals)
    }

    pub fn share_changed(&self) -> Option<i64> {
        percent(self.changed, self.answered)
    }
}

fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| ((part as f64) * 100.0 / (whole as f64)).round() as i64)
}
