//! A young person's rating of one service: parsing (from a form or JSON) and
//! validation, shared by the server and the browser island.

use super::governance::assumption::is_assumption_key;
use super::question::{Question, QuestionKind};
use super::Locale;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const COMMENT_MAX_CHARS: usize = 500;

/// The optional age bands a young person can choose.
pub const AGE_BANDS: &[(&str, &str, &str)] = &[
    ("under-15", "Under 15", "Under 15"),
    ("15-17", "15–17 år", "15–17 years"),
    ("18-20", "18–20 år", "18–20 years"),
    ("21-25", "21–25 år", "21–25 years"),
    ("over-25", "Over 25", "Over 25"),
];

/// How a rating reached us.
pub const CHANNELS: &[&str] = &["web", "qr", "kiosk", "workshop", "api"];

/// A raw answer before validation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AnswerValue {
    Int(i64),
    Text(String),
    /// Neither a number nor a string (e.g. a JSON object).
    Invalid,
}

impl AnswerValue {
    /// Form fields are always text; a number-looking value is a number.
    pub fn from_form(s: &str) -> AnswerValue {
        s.trim().parse::<i64>().map(AnswerValue::Int).unwrap_or_else(|_| AnswerValue::Text(s.trim().to_string()))
    }
}

/// A validated answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Scale(i64),
    Choice(String),
}

/// What was submitted, unvalidated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingDraft {
    pub answers: Vec<(String, AnswerValue)>,
    pub comment: Option<String>,
    pub age_band: Option<String>,
    pub came_from: Option<String>,
    pub channel: Option<String>,
}

/// A rating that passed every rule; the store trusts it.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidRating {
    pub answers: Vec<(String, Answer)>,
    pub comment: Option<String>,
    pub age_band: Option<String>,
    pub came_from: Option<String>,
    pub channel: String,
}

/// Why one field was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldError {
    NoAnswers,
    UnknownQuestion,
    OutOfRange {
        min: i64,
        max: i64,
    },
    NotAnOption,
    TooLong {
        max: usize,
    },
    UnknownService,
    SameService,
    UnknownAgeBand,
    UnknownChannel,
    Required,
    BadSlug,
    Taken,
    UnknownCategory,
    BadEmail,
    NoRole,
    UnknownPrinciple,
    /// A proposal's status cannot move this way (e.g. back from an answer).
    NotAllowed,
    /// A proposal is answered only once a moderator has let it through.
    NotModerated,
    /// Not a month (YYYY-MM) or a date (YYYY-MM-DD).
    BadMonth,
    /// A period must be a whole month, quarter or year.
    NotAPeriod,
    /// A rating answers at most one assumption question.
    OneExtraQuestion,
    /// Already decided; it cannot change (409).
    AlreadyDecided,
    /// Fewer items than needed (options, statements, activities).
    TooFew {
        min: usize,
    },
    /// More items than allowed.
    TooMany {
        max: usize,
    },
    /// More dots placed than the participant has.
    TooManyDots {
        max: u32,
    },
    /// Dot-voting without a single dot.
    NoDots,
    /// A participant has sent the most ideas one activity takes.
    TooManyIdeas {
        max: usize,
    },
    /// Not a join code (6 characters from the code alphabet).
    BadCode,
    /// The workshop is not taking answers to this activity right now.
    NotNow,
    /// A form field that must be a whole number is something else.
    NotANumber,
    /// Not a date (YYYY-MM-DD).
    BadDate,
}

impl FieldError {
    /// A message a young person can act on.
    pub fn message(&self, locale: Locale) -> String {
        use FieldError::*;
        match (self, locale) {
            (NoAnswers, Locale::Da) => "Svar på mindst ét spørgsmål.".into(),
            (NoAnswers, Locale::En) => "Answer at least one question.".into(),
            (UnknownQuestion, Locale::Da) => "Det spørgsmål findes ikke.".into(),
            (UnknownQuestion, Locale::En) => "There is no such question.".into(),
            (OutOfRange { min, max }, Locale::Da) => format!("Vælg et tal fra {min} til {max}."),
            (OutOfRange { min, max }, Locale::En) => format!("Choose a number from {min} to {max}."),
            (NotAnOption, Locale::Da) => "Vælg et af svarene.".into(),
            (NotAnOption, Locale::En) => "Choose one of the answers.".into(),
            (TooLong { max }, Locale::Da) => format!("Skriv højst {max} tegn."),
            (TooLong { max }, Locale::En) => format!("Write at most {max} characters."),
            (UnknownService, Locale::Da) => "Vælg et tilbud fra listen.".into(),
            (UnknownService, Locale::En) => "Choose a service from the list.".into(),
            (SameService, Locale::Da) => "Vælg det tilbud, du var i før dette.".into(),
            (SameService, Locale::En) => "Choose the service you were in before this one.".into(),
            (UnknownAgeBand, Locale::Da) => "Vælg en alder fra listen.".into(),
            (UnknownAgeBand, Locale::En) => "Choose an age from the list.".into(),
            (UnknownChannel, Locale::Da) => "Ukendt kanal.".into(),
            (UnknownChannel, Locale::En) => "Unknown channel.".into(),
            (Required, Locale::Da) => "Skal udfyldes.".into(),
            (Required, Locale::En) => "Required.".into(),
            (BadSlug, Locale::Da) => "Brug kun små bogstaver a–z, tal og bindestreg.".into(),
            (BadSlug, Locale::En) => "Use only lower-case letters a–z, digits and dashes.".into(),
            (Taken, Locale::Da) => "Findes allerede. Vælg et andet.".into(),
            (Taken, Locale::En) => "Already exists. Choose another.".into(),
            (UnknownCategory, Locale::Da) => "Vælg en kategori fra listen.".into(),
            (UnknownCategory, Locale::En) => "Choose a category from the list.".into(),
            (BadEmail, Locale::Da) => "Skriv en gyldig e-mailadresse.".into(),
            (BadEmail, Locale::En) => "Enter a valid e-mail address.".into(),
            (NoRole, Locale::Da) => "Vælg mindst én rolle.".into(),
            (NoRole, Locale::En) => "Choose at least one role.".into(),
            (UnknownPrinciple, Locale::Da) => "Vælg et princip fra listen.".into(),
            (UnknownPrinciple, Locale::En) => "Choose a principle from the list.".into(),
            (NotAllowed, Locale::Da) => "Det kan ikke vælges nu.".into(),
            (NotAllowed, Locale::En) => "That cannot be chosen now.".into(),
            (NotModerated, Locale::Da) => "Forslaget skal godkendes i moderationen, før det kan besvares.".into(),
            (NotModerated, Locale::En) => "The proposal must be approved in moderation before it can be answered.".into(),
            (BadMonth, Locale::Da) => "Skriv en måned som 2026-11 eller en dato som 2026-11-01.".into(),
            (BadMonth, Locale::En) => "Write a month like 2026-11 or a date like 2026-11-01.".into(),
            (NotAPeriod, Locale::Da) => {
                "Vælg en hel måned, et kvartal eller et år, fx from=2026-01-01 og to=2026-03-31. Andre perioder kan afsløre små grupper."
                    .into()
            }
            (NotAPeriod, Locale::En) => {
                "Choose a whole month, quarter or year, e.g. from=2026-01-01 and to=2026-03-31. Other periods could reveal small groups."
                    .into()
            }
            (OneExtraQuestion, Locale::Da) => "Svar kun på ét ekstra spørgsmål ad gangen.".into(),
            (OneExtraQuestion, Locale::En) => "Answer only one extra question at a time.".into(),
            (AlreadyDecided, Locale::Da) => "Der er allerede truffet en afgørelse. Den kan ikke ændres.".into(),
            (AlreadyDecided, Locale::En) => "A verdict has already been recorded. It cannot be changed.".into(),
            (TooFew { min }, Locale::Da) => format!("Skriv mindst {min}."),
            (TooFew { min }, Locale::En) => format!("Give at least {min}."),
            (TooMany { max }, Locale::Da) => format!("Højst {max}."),
            (TooMany { max }, Locale::En) => format!("At most {max}."),
            (TooManyDots { max }, Locale::Da) => format!("Du har kun {max} prikker. Fjern nogle, og prøv igen."),
            (TooManyDots { max }, Locale::En) => format!("You only have {max} dots. Remove some and try again."),
            (NoDots, Locale::Da) => "Giv mindst én prik.".into(),
            (NoDots, Locale::En) => "Give at least one dot.".into(),
            (TooManyIdeas { max }, Locale::Da) => format!("Du har sendt {max} idéer. Det er det højeste antal i denne aktivitet. Tak!"),
            (TooManyIdeas { max }, Locale::En) => format!("You have sent {max} ideas, the most this activity takes. Thank you!"),
            (BadCode, Locale::Da) => "Koden har 6 tegn, fx K7M3PX. Tjek den på skærmen, og prøv igen.".into(),
            (BadCode, Locale::En) => "The code has 6 characters, e.g. K7M3PX. Check it on the screen and try again.".into(),
            (NotNow, Locale::Da) => "Der svares ikke på den aktivitet lige nu. Se skærmen.".into(),
            (NotNow, Locale::En) => "That activity is not open for answers right now. Look at the screen.".into(),
            (NotANumber, Locale::Da) => "Skriv et helt tal, fx 12.".into(),
            (NotANumber, Locale::En) => "Write a whole number, e.g. 12.".into(),
            (BadDate, Locale::Da) => "Skriv en dato som 2026-11-30.".into(),
            (BadDate, Locale::En) => "Write a date like 2026-11-30.".into(),
        }
    }
}

/// Field name → error. Field names are the form's input names, which the
/// JSON API uses too: `answers.<key>`, `answers`, `comment`, `age_band`, `came_from`.
pub type FieldErrors = BTreeMap<String, FieldError>;

pub fn answer_field(key: &str) -> String {
    format!("answers.{key}")
}

/// What a rating is checked against.
pub struct RatingRules<'a> {
    pub questions: &'a [Question],
    /// Slugs of the municipality's active services (for "came from").
    pub services: &'a [String],
    /// The service being rated.
    pub service: &'a str,
}

impl RatingDraft {
    /// Reads the rating form's fields (`answers.<key>`, `comment`, `age_band`,
    /// `came_from`, `channel`). Empty fields mean "not answered".
    pub fn from_form(pairs: &[(String, String)]) -> RatingDraft {
        let mut draft = RatingDraft::default();
        for (name, value) in pairs {
            let trimmed = value.trim();
            if trimmed.is_empty() {
                continue;
            }
            match name.as_str() {
                "comment" => draft.comment = Some(value.clone()),
                "age_band" => draft.age_band = Some(trimmed.to_string()),
                "came_from" => draft.came_from = Some(trimmed.to_string()),
                "channel" => draft.channel = Some(trimmed.to_string()),
                other => {
                    if let Some(key) = other.strip_prefix("answers.") {
                        draft.answers.retain(|(k, _)| k != key);
                        draft.answers.push((key.to_string(), AnswerValue::from_form(trimmed)));
                    }
                }
            }
        }
        draft
    }

    pub fn validate(&self, rules: &RatingRules) -> Result<ValidRating, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut answers = Vec::new();
        for (key, value) in &self.answers {
            let Some(q) = rules.questions.iter().find(|q| &q.key == key) else {
                errors.insert(answer_field(key), FieldError::UnknownQuestion);
                continue;
            };
            match check_answer(q, value) {
                Ok(a) => answers.push((key.clone(), a)),
                Err(e) => {
                    errors.insert(answer_field(key), e);
                }
            }
        }
        // An assumption question rides along; it is not a rating on its own,
        // and a rating carries at most one (so no question crowds out the rest).
        let extra: Vec<&String> = self.answers.iter().map(|(k, _)| k).filter(|k| is_assumption_key(k)).collect();
        if self.answers.len() == extra.len() {
            errors.insert("answers".into(), FieldError::NoAnswers);
        }
        for key in extra.iter().skip(1) {
            errors.insert(answer_field(key), FieldError::OneExtraQuestion);
        }
        let cleaned = self.comment.as_deref().map(super::clean_text);
        let comment = cleaned.as_deref().map(str::trim).filter(|c| !c.is_empty());
        if comment.is_some_and(|c| c.chars().count() > COMMENT_MAX_CHARS) {
            errors.insert("comment".into(), FieldError::TooLong { max: COMMENT_MAX_CHARS });
        }
        if let Some(band) = &self.age_band {
            if !AGE_BANDS.iter().any(|b| b.0 == band) {
                errors.insert("age_band".into(), FieldError::UnknownAgeBand);
            }
        }
        if let Some(from) = &self.came_from {
            if from == rules.service {
                errors.insert("came_from".into(), FieldError::SameService);
            } else if !rules.services.iter().any(|s| s == from) {
                errors.insert("came_from".into(), FieldError::UnknownService);
            }
        }
        let channel = self.channel.clone().unwrap_or_else(|| "web".into());
        if !CHANNELS.contains(&channel.as_str()) {
            errors.insert("channel".into(), FieldError::UnknownChannel);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidRating {
            answers,
            comment: comment.map(str::to_string),
            age_band: self.age_band.clone(),
            came_from: self.came_from.clone(),
            channel,
        })
    }
}

fn check_answer(q: &Question, value: &AnswerValue) -> Result<Answer, FieldError> {
    match (q.kind, value) {
        (QuestionKind::Scale, AnswerValue::Int(v)) => {
            let (min, max) = (q.min.unwrap_or(1), q.max.unwrap_or(5));
            if (min..=max).contains(v) {
                Ok(Answer::Scale(*v))
            } else {
                Err(FieldError::OutOfRange { min, max })
            }
        }
        (QuestionKind::Scale, _) => Err(FieldError::OutOfRange { min: q.min.unwrap_or(1), max: q.max.unwrap_or(5) }),
        (QuestionKind::Choice, AnswerValue::Text(t)) if q.options.iter().any(|o| &o.key == t) => Ok(Answer::Choice(t.clone())),
        (QuestionKind::Choice, _) => Err(FieldError::NotAnOption),
    }
}

#[cfg(test)]
#[path = "rating_tests.rs"]
mod tests;
