//! A participant's answer to the current activity, from the JSON API
//! (`{activity, value}`) or the no-JavaScript form, checked against the
//! activity it answers.

use super::activity::Activity;
use super::opinion::Vote;
use crate::proposal::text_field;
use crate::rating::{FieldError, FieldErrors};
use serde_json::Value;

pub const IDEA_MAX: usize = 200;
/// Ideas one participant may send to one ideas activity.
pub const IDEAS_PER_PARTICIPANT: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseInput {
    /// The chosen option's index.
    Poll(usize),
    /// Dots per option.
    Dots(Vec<u32>),
    /// Votes on statements (by index); a form sends several at once.
    Votes(Vec<(usize, Vote)>),
    /// A new idea (not yet masked).
    Idea(String),
}

fn one(field: &str, e: FieldError) -> FieldErrors {
    FieldErrors::from([(field.to_string(), e)])
}

fn option_index(v: &Value, options: usize) -> Result<usize, FieldErrors> {
    let i = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        Value::Object(o) => o.get("option").and_then(|x| x.as_u64()),
        _ => None,
    };
    i.map(|i| i as usize).filter(|i| *i < options).ok_or_else(|| one("value", FieldError::NotAnOption))
}

fn check_dots(counts: Vec<u32>, options: usize, max: u32) -> Result<ResponseInput, FieldErrors> {
    if counts.len() != options {
        return Err(one("value", FieldError::NotAnOption));
    }
    let placed = counts.iter().map(|c| *c as u64).sum::<u64>();
    if placed > max as u64 {
        return Err(one("value", FieldError::TooManyDots { max }));
    }
    // No dots is no answer (it would count someone who said nothing).
    if placed == 0 {
        return Err(one("value", FieldError::NoDots));
    }
    Ok(ResponseInput::Dots(counts))
}

fn statement_vote(i: Option<u64>, vote: Option<&str>, statements: usize) -> Result<ResponseInput, FieldErrors> {
    let i = i.map(|i| i as usize).filter(|i| *i < statements).ok_or_else(|| one("value.statement", FieldError::NotAnOption))?;
    let vote = vote.and_then(Vote::parse).ok_or_else(|| one("value.vote", FieldError::NotAnOption))?;
    Ok(ResponseInput::Votes(vec![(i, vote)]))
}

fn idea(text: Option<&str>, field: &str) -> Result<ResponseInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let text = text_field(&mut errors, field, text, IDEA_MAX, true);
    match text {
        Some(t) if errors.is_empty() => Ok(ResponseInput::Idea(t)),
        _ => Err(errors),
    }
}

impl ResponseInput {
    /// `value` of the JSON API: a poll takes an option index; dot-voting a
    /// list of dots per option; statements `{statement, vote}`; ideas a text.
    pub fn from_json(activity: &Activity, value: &Value) -> Result<ResponseInput, FieldErrors> {
        match activity {
            Activity::Poll { options, .. } => option_index(value, options.len()).map(ResponseInput::Poll),
            Activity::Dots { options, dots, .. } => {
                let counts: Option<Vec<u32>> =
                    value.as_array().map(|a| a.iter().map(|c| c.as_u64().and_then(|c| u32::try_from(c).ok())).collect()).unwrap_or(None);
                check_dots(counts.ok_or_else(|| one("value", FieldError::NotAnOption))?, options.len(), *dots)
            }
            Activity::Statements { statements, .. } => {
                statement_vote(value.get("statement").and_then(Value::as_u64), value.get("vote").and_then(Value::as_str), statements.len())
            }
            Activity::Ideas { .. } => idea(value.as_str(), "value"),
            Activity::Rate { .. } => Err(one("activity", FieldError::NotNow)),
        }
    }

    /// The participant page's form: `option`; `dots.<i>`; `vote.<i>`; `idea`.
    pub fn from_form(activity: &Activity, pairs: &[(String, String)]) -> Result<ResponseInput, FieldErrors> {
        let fields = crate::form::Fields::new(pairs);
        let get = |k: &str| fields.raw(k);
        match activity {
            Activity::Poll { options, .. } => option_index(&Value::from(get("option").unwrap_or("")), options.len())
                .map(ResponseInput::Poll)
                .map_err(|_| one("option", FieldError::NotAnOption)),
            Activity::Dots { options, dots, .. } => {
                let mut counts = Vec::with_capacity(options.len());
                for i in 0..options.len() {
                    let raw = get(&format!("dots.{i}")).map(str::trim).filter(|v| !v.is_empty()).unwrap_or("0");
                    match raw.parse::<u32>() {
                        Ok(n) => counts.push(n),
                        Err(_) => return Err(one(&format!("dots.{i}"), FieldError::OutOfRange { min: 0, max: *dots as i64 })),
                    }
                }
                check_dots(counts, options.len(), *dots).map_err(|e| e.into_values().map(|e| ("dots".to_string(), e)).collect())
            }
            Activity::Statements { statements, .. } => {
                let mut votes = Vec::new();
                for i in 0..statements.len() {
                    if let Some(raw) = get(&format!("vote.{i}")).filter(|v| !v.trim().is_empty()) {
                        let vote = Vote::parse(raw).ok_or_else(|| one(&format!("vote.{i}"), FieldError::NotAnOption))?;
                        votes.push((i, vote));
                    }
                }
                if votes.is_empty() {
                    return Err(one("vote", FieldError::Required));
                }
                Ok(ResponseInput::Votes(votes))
            }
            Activity::Ideas { .. } => idea(get("idea"), "idea"),
            Activity::Rate { .. } => Err(one("activity", FieldError::NotNow)),
        }
    }

    /// Rows to store as (item, value). Polls and dots replace a participant's
    /// earlier answer; votes replace only the statements voted on.
    pub fn rows(&self) -> Vec<(i64, String)> {
        match self {
            ResponseInput::Poll(i) => vec![(0, i.to_string())],
            ResponseInput::Dots(counts) => {
                vec![(0, counts.iter().map(u32::to_string).collect::<Vec<_>>().join(","))]
            }
            ResponseInput::Votes(votes) => votes.iter().map(|(i, v)| (*i as i64, v.as_str().to_string())).collect(),
            ResponseInput::Idea(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn poll() -> Activity {
        Activity::Poll { title: "t".into(), options: vec!["a".into(), "b".into()] }
    }

    fn dots() -> Activity {
        Activity::Dots { title: "t".into(), dots: 3, options: vec!["a".into(), "b".into()], refs: vec![] }
    }

    fn statements() -> Activity {
        Activity::Statements { title: "t".into(), statements: vec!["s0".into(), "s1".into()] }
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn json_answers() {
        assert_eq!(ResponseInput::from_json(&poll(), &json!(1)), Ok(ResponseInput::Poll(1)));
        assert_eq!(ResponseInput::from_json(&poll(), &json!({"option": 0})), Ok(ResponseInput::Poll(0)));
        assert!(ResponseInput::from_json(&poll(), &json!(2)).is_err());
        assert!(ResponseInput::from_json(&poll(), &json!(-1)).is_err());
        assert_eq!(ResponseInput::from_json(&dots(), &json!([2, 1])), Ok(ResponseInput::Dots(vec![2, 1])));
        assert_eq!(ResponseInput::from_json(&dots(), &json!([3, 1])).unwrap_err().get("value"), Some(&FieldError::TooManyDots { max: 3 }));
        assert!(ResponseInput::from_json(&dots(), &json!([1])).is_err());
        assert_eq!(ResponseInput::from_json(&dots(), &json!([0, 0])).unwrap_err().get("value"), Some(&FieldError::NoDots));
        assert!(ResponseInput::from_json(&dots(), &json!([1, 4294967296u64])).is_err());
        assert_eq!(
            ResponseInput::from_json(&statements(), &json!({"statement": 1, "vote": "disagree"})),
            Ok(ResponseInput::Votes(vec![(1, Vote::Disagree)]))
        );
        assert!(ResponseInput::from_json(&statements(), &json!({"statement": 2, "vote": "agree"})).is_err());
        assert!(ResponseInput::from_json(&statements(), &json!({"statement": 0, "vote": "maybe"})).is_err());
        let ideas = Activity::Ideas { title: "t".into() };
        assert_eq!(ResponseInput::from_json(&ideas, &json!(" Gratis bus ")), Ok(ResponseInput::Idea("Gratis bus".into())));
        assert!(ResponseInput::from_json(&ideas, &json!("  ")).is_err());
        assert!(ResponseInput::from_json(&ideas, &json!("x".repeat(201))).is_err());
    }

    #[test]
    fn form_answers() {
        assert_eq!(ResponseInput::from_form(&poll(), &pairs(&[("option", "0")])), Ok(ResponseInput::Poll(0)));
        assert!(ResponseInput::from_form(&poll(), &pairs(&[])).unwrap_err().contains_key("option"));
        assert_eq!(ResponseInput::from_form(&dots(), &pairs(&[("dots.1", "3")])), Ok(ResponseInput::Dots(vec![0, 3])));
        assert!(ResponseInput::from_form(&dots(), &pairs(&[("dots.0", "2"), ("dots.1", "2")])).unwrap_err().contains_key("dots"));
        assert!(ResponseInput::from_form(&dots(), &pairs(&[("dots.0", "x")])).unwrap_err().contains_key("dots.0"));
        assert_eq!(
            ResponseInput::from_form(&statements(), &pairs(&[("vote.0", "agree"), ("vote.1", "")])),
            Ok(ResponseInput::Votes(vec![(0, Vote::Agree)]))
        );
        assert!(ResponseInput::from_form(&statements(), &pairs(&[])).unwrap_err().contains_key("vote"));
    }

    #[test]
    fn rows_to_store() {
        assert_eq!(ResponseInput::Dots(vec![2, 0, 1]).rows(), vec![(0, "2,0,1".to_string())]);
        assert_eq!(ResponseInput::Votes(vec![(1, Vote::Pass)]).rows(), vec![(1, "pass".to_string())]);
    }
}
