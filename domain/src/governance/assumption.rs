//! Assumption checks (quality criterion 12, "untested assumptions"): a
//! manager writes down what leadership believes about young people and a
//! yes/no question that would show it wrong; the question rides along on
//! rating pages (at most one per rating) until the manager records a verdict.

use super::disclosure::K;
use super::stats::wilson;
use crate::question::{Question, QuestionKind, QuestionOption};
use crate::rating::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Answers to an assumption question are stored as ordinary rating answers
/// under this key prefix plus the assumption's id, so the rollups count them.
pub const KEY_PREFIX: &str = "antagelse-";
pub const STATEMENT_MAX: usize = 300;
pub const QUESTION_MAX: usize = 200;
pub const NOTE_MAX: usize = 1000;

/// Which answer to the question speaks for the assumption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Supports {
    Yes,
    No,
}

impl Supports {
    pub fn as_str(self) -> &'static str {
        match self {
            Supports::Yes => "ja",
            Supports::No => "nej",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ja" => Some(Supports::Yes),
            "nej" => Some(Supports::No),
            _ => None,
        }
    }
}

/// What the manager concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Holds,
    DoesNotHold,
    Unclear,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Holds, Verdict::DoesNotHold, Verdict::Unclear];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::DoesNotHold => "does_not_hold",
            Verdict::Unclear => "unclear",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self, locale: crate::Locale) -> &'static str {
        match self {
            Verdict::Holds => locale.pick("Antagelsen holder", "The assumption holds"),
            Verdict::DoesNotHold => locale.pick("Antagelsen holder ikke", "The assumption does not hold"),
            Verdict::Unclear => locale.pick("Uafklaret", "Unclear"),
        }
    }
}

/// A recorded assumption. While `verdict` is `None` the question is asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    pub id: i64,
    pub statement: String,
    pub question_da: String,
    pub question_en: String,
    pub supports: Supports,
    pub created_at: i64,
    pub verdict: Option<Verdict>,
    pub verdict_note: Option<String>,
    pub verdict_at: Option<i64>,
}

/// The answer keys of every assumption question, in the form's order.
pub const ANSWERS: [(&str, &str, &str); 3] = [("ja", "Ja", "Yes"), ("nej", "Nej", "No"), ("ved-ikke", "Ved ikke", "Don't know")];

impl Assumption {
    pub fn key(&self) -> String {
        format!("{KEY_PREFIX}{}", self.id)
    }

    pub fn open(&self) -> bool {
        self.verdict.is_none()
    }

    /// The question as the rating form shows it (criterion 12).
    pub fn question(&self) -> Question {
        Question {
            key: self.key(),
            criterion: 12,
            text_da: self.question_da.clone(),
            text_en: self.question_en.clone(),
            kind: QuestionKind::Choice,
            min: None,
            max: None,
            options: ANSWERS
                .iter()
                .map(|(k, da, en)| QuestionOption { key: k.to_string(), da: da.to_string(), en: en.to_string() })
                .collect(),
        }
    }
}

/// Whether an answer key belongs to an assumption question.
pub fn is_assumption_key(key: &str) -> bool {
    key.strip_prefix(KEY_PREFIX).is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Picks the one extra question a rating page shows: rotating through the
/// open assumptions by `turn` (any number that changes between page loads).
pub fn pick(open: &[Assumption], turn: u64) -> Option<&Assumption> {
    let open: Vec<&Assumption> = open.iter().filter(|a| a.open()).collect();
    (!open.is_empty()).then(|| open[(turn % open.len() as u64) as usize])
}

/// A new assumption, validated from the form.
#[derive(Clone, Debug, PartialEq)]
pub struct AssumptionInput {
    pub statement: String,
    pub question_da: String,
    pub question_en: String,
    pub supports: Supports,
}

fn text(pairs: &[(String, String)], name: &str, max: usize, required: bool, errors: &mut FieldErrors) -> String {
    let value = crate::form::Fields::new(pairs).text(name);
    if required && value.is_empty() {
        errors.insert(name.into(), FieldError::Required);
    } else if value.chars().count() > max {
        errors.insert(name.into(), FieldError::TooLong { max });
    }
    value
}

impl AssumptionInput {
    pub fn from_form(pairs: &[(String, String)]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let statement = text(pairs, "statement", STATEMENT_MAX, true, &mut errors);
        let question_da = text(pairs, "question_da", QUESTION_MAX, true, &mut errors);
        let question_en = text(pairs, "question_en", QUESTION_MAX, false, &mut errors);
        let supports = crate::form::Fields::new(pairs).raw("supports").and_then(Supports::parse);
        if supports.is_none() {
            errors.insert("supports".into(), FieldError::NotAnOption);
        }
        match supports {
            Some(supports) if errors.is_empty() => {
                // Without an English text the Danish one is shown in English too.
                let question_en = if question_en.is_empty() { question_da.clone() } else { question_en };
                Ok(AssumptionInput { statement, question_da, question_en, supports })
            }
            _ => Err(errors),
        }
    }
}

/// A verdict, validated from the form.
pub fn verdict_from_form(pairs: &[(String, String)]) -> Result<(Verdict, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let verdict = crate::form::Fields::new(pairs).raw("verdict").and_then(Verdict::parse);
    if verdict.is_none() {
        errors.insert("verdict".into(), FieldError::NotAnOption);
    }
    let note = text(pairs, "note", NOTE_MAX, true, &mut errors);
    match verdict {
        Some(v) if errors.is_empty() => Ok((v, note)),
        _ => Err(errors),
    }
}

/// How many answered each way (from the rollups).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub yes: i64,
    pub no: i64,
    pub unsure: i64,
}

impl Counts {
    pub fn add(&mut self, choice: &str, n: i64) {
        match choice {
            "ja" => self.yes += n,
            "nej" => self.no += n,
            _ => self.unsure += n,
        }
    }
}

/// What the dashboard may show about one assumption. Every count shown is 0
/// or at least K people, and no hidden count is the difference of two shown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Everyone who answered, `None` when the "don't know" group would be 1–4.
    pub answered: Option<i64>,
    /// Those who answered yes or no, `None` under K.
    pub decided: Option<i64>,
    /// Share of `decided` that speaks for the assumption, and its 95 % interval
    /// (Wilson); `None` when the for or against group is 1–4 people.
    pub share_for: Option<f64>,
    pub interval: Option<(f64, f64)>,
}

fn small(n: i64) -> bool {
    n > 0 && n < K
}

pub fn evidence(c: Counts, supports: Supports) -> Evidence {
    let decided = c.yes + c.no;
    if decided < K {
        return Evidence { answered: (c.unsure == 0 && decided == 0).then_some(0), ..Default::default() };
    }
    let answered = (!small(c.unsure)).then_some(decided + c.unsure);
    let hits = if supports == Supports::Yes { c.yes } else { c.no };
    if small(c.yes) || small(c.no) {
        return Evidence { answered, decided: Some(decided), ..Default::default() };
    }
    Evidence { answered, decided: Some(decided), share_for: Some(hits as f64 / decided as f64), interval: wilson(hits, decided) }
}

/// One assumption with what may be shown of its answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssumptionView {
    pub assumption: Assumption,
    pub evidence: Evidence,
    pub leaning: Option<Verdict>,
}

impl AssumptionView {
    pub fn new(assumption: Assumption, counts: Counts) -> Self {
        let evidence = evidence(counts, assumption.supports);
        let leaning = leaning(&evidence);
        AssumptionView { assumption, evidence, leaning }
    }
}

/// What the evidence points to, in words a board understands. `None` while
/// there is too little to say anything.
pub fn leaning(e: &Evidence) -> Option<Verdict> {
    let (lo, hi) = e.interval?;
    Some(if lo > 0.5 {
        Verdict::Holds
    } else if hi < 0.5 {
        Verdict::DoesNotHold
    } else {
        Verdict::Unclear
    })
}

#[cfg(test)]
#[path = "assumption_tests.rs"]
mod tests;
