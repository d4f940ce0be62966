//! A workshop's plan: its title and ordered activities, validated once when a
//! facilitator prepares it (from the form or the JSON API).

use crate::proposal::text_field;
use crate::rating::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const LINE_MAX: usize = 200;
pub const MAX_ACTIVITIES: usize = 20;
pub const MAX_OPTIONS: usize = 12;
pub const MAX_STATEMENTS: usize = 40;
pub const MAX_DOTS: u32 = 10;

/// One step of a workshop. Options are stored as text (proposals and
/// principles are copied in), so the record stays readable after they change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Activity {
    /// Rate these services with the phone flow's questions (channel = workshop).
    Rate {
        title: String,
        services: Vec<(String, String)>,
    },
    /// Each participant spreads `dots` dots over the options (stacking allowed).
    Dots {
        title: String,
        dots: u32,
        options: Vec<String>,
        /// "proposal:12" / "principle:3" per option, or empty for own options.
        #[serde(default)]
        refs: Vec<String>,
    },
    Ideas {
        title: String,
    },
    Statements {
        title: String,
        statements: Vec<String>,
    },
    Poll {
        title: String,
        options: Vec<String>,
    },
}

impl Activity {
    pub fn title(&self) -> &str {
        match self {
            Activity::Rate { title, .. }
            | Activity::Dots { title, .. }
            | Activity::Ideas { title }
            | Activity::Statements { title, .. }
            | Activity::Poll { title, .. } => title,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Activity::Rate { .. } => "rate",
            Activity::Dots { .. } => "dots",
            Activity::Ideas { .. } => "ideas",
            Activity::Statements { .. } => "statements",
            Activity::Poll { .. } => "poll",
        }
    }

    /// The options (or statements or services) participants choose among.
    pub fn items(&self) -> Vec<String> {
        match self {
            Activity::Rate { services, .. } => services.iter().map(|(_, name)| name.clone()).collect(),
            Activity::Dots { options, .. } | Activity::Poll { options, .. } => options.clone(),
            Activity::Statements { statements, .. } => statements.clone(),
            Activity::Ideas { .. } => Vec::new(),
        }
    }
}

/// One activity as typed, before validation. `lines` holds the options,
/// statements or services (one per line in the form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDraft {
    pub kind: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub lines: Vec<String>,
    pub dots: Option<u32>,
    /// For dot-voting: "proposals" or "principles" fill the options.
    pub source: Option<String>,
}

/// What a plan is checked against: the municipality's services (slug,
/// name), published proposals and active principles (id, title).
pub struct PlanRules<'a> {
    pub services: &'a [(String, String)],
    pub proposals: &'a [(i64, String)],
    pub principles: &'a [(i64, String)],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub title: String,
    pub activities: Vec<Activity>,
}

fn field(i: usize, name: &str) -> String {
    format!("activities.{i}.{name}")
}

fn clean_lines(lines: &[String]) -> Vec<String> {
    lines.iter().flat_map(|l| l.lines()).map(|l| crate::clean_text(l).trim().to_string()).filter(|l| !l.is_empty()).collect()
}

/// Checks the count and length of options/statements, naming the field.
fn check_lines(errors: &mut FieldErrors, name: String, lines: &[String], min: usize, max: usize) {
    if lines.len() < min {
        errors.insert(name, FieldError::TooFew { min });
    } else if lines.len() > max {
        errors.insert(name, FieldError::TooMany { max });
    } else if lines.iter().any(|l| l.chars().count() > LINE_MAX) {
        errors.insert(name, FieldError::TooLong { max: LINE_MAX });
    }
}

impl Plan {
    pub fn validate(title: Option<&str>, drafts: &[ActivityDraft], rules: &PlanRules) -> Result<Plan, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = text_field(&mut errors, "title", title, TITLE_MAX, true).unwrap_or_default();
        let drafts: Vec<(usize, &ActivityDraft)> = drafts.iter().enumerate().filter(|(_, d)| !d.kind.trim().is_empty()).collect();
        if drafts.is_empty() {
            errors.insert("activities".into(), FieldError::TooFew { min: 1 });
        } else if drafts.len() > MAX_ACTIVITIES {
            errors.insert("activities".into(), FieldError::TooMany { max: MAX_ACTIVITIES });
        }
        let mut activities = Vec::new();
        for (i, d) in drafts {
            let own_title = text_field(&mut errors, &field(i, "title"), Some(&d.title), TITLE_MAX, false);
            let lines = clean_lines(&d.lines);
            let default_title = |da: &str| own_title.clone().unwrap_or_else(|| da.to_string());
            let activity = match d.kind.trim() {
                "rate" => {
                    let mut services = Vec::new();
                    for l in &lines {
                        match rules.services.iter().find(|(slug, name)| slug == l || name.eq_ignore_ascii_case(l)) {
                            Some(s) if !services.contains(s) => services.push(s.clone()),
                            Some(_) => {}
                            None => {
                                errors.insert(field(i, "lines"), FieldError::UnknownService);
                            }
                        }
                    }
                    if lines.is_empty() {
                        services = rules.services.to_vec();
                    }
                    if services.is_empty() {
                        errors.entry(field(i, "lines")).or_insert(FieldError::TooFew { min: 1 });
                    }
                    Activity::Rate { title: default_title("Bedøm tilbuddene"), services }
                }
                "dots" => {
                    let dots = d.dots.unwrap_or(3);
                    if !(1..=MAX_DOTS).contains(&dots) {
                        errors.insert(field(i, "dots"), FieldError::OutOfRange { min: 1, max: MAX_DOTS as i64 });
                    }
                    let (options, refs) = match d.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                        None | Some("own") => (lines, Vec::new()),
                        Some(src @ ("proposals" | "principles")) => {
                            let list = if src == "proposals" { rules.proposals } else { rules.principles };
                            let kind = src.trim_end_matches('s');
                            let list = &list[..list.len().min(MAX_OPTIONS)];
                            (list.iter().map(|(_, t)| t.clone()).collect(), list.iter().map(|(id, _)| format!("{kind}:{id}")).collect())
                        }
                        Some(_) => {
                            errors.insert(field(i, "source"), FieldError::NotAnOption);
                            (Vec::new(), Vec::new())
                        }
                    };
                    check_lines(&mut errors, field(i, "lines"), &options, 2, MAX_OPTIONS);
                    Activity::Dots { title: default_title("Fordel dine prikker"), dots, options, refs }
                }
                "ideas" => Activity::Ideas { title: default_title("Hvad er din bedste idé?") },
                "statements" => {
                    check_lines(&mut errors, field(i, "lines"), &lines, 1, MAX_STATEMENTS);
                    Activity::Statements { title: default_title("Enig eller uenig?"), statements: lines }
                }
                "poll" => {
                    check_lines(&mut errors, field(i, "lines"), &lines, 2, MAX_OPTIONS);
                    Activity::Poll { title: default_title("Hvad vælger du?"), options: lines }
                }
                _ => {
                    errors.insert(field(i, "kind"), FieldError::NotAnOption);
                    continue;
                }
            };
            activities.push(activity);
        }
        if errors.is_empty() {
            Ok(Plan { title, activities })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kind: &str, lines: &[&str]) -> ActivityDraft {
        ActivityDraft { kind: kind.into(), lines: lines.iter().map(|l| l.to_string()).collect(), ..Default::default() }
    }

    fn rules() -> (Vec<(String, String)>, Vec<(i64, String)>, Vec<(i64, String)>) {
        (
            vec![("fgu".into(), "FGU".into()), ("ungdomsskolen".into(), "Ungdomsskolen".into())],
            vec![(7, "Mere tid".into())],
            vec![(1, "Vi lytter".into()), (2, "Vi samarbejder".into())],
        )
    }

    fn check(title: &str, drafts: &[ActivityDraft]) -> Result<Plan, FieldErrors> {
        let (s, p, q) = rules();
        Plan::validate(Some(title), drafts, &PlanRules { services: &s, proposals: &p, principles: &q })
    }

    #[test]
    fn a_full_plan_is_accepted() {
        let mut dots = draft("dots", &[]);
        dots.source = Some("principles".into());
        let plan = check(
            "Ungeråd",
            &[
                draft("rate", &["fgu"]),
                dots,
                draft("ideas", &[]),
                draft("statements", &["Skolen lytter"]),
                draft("poll", &["Ja\nNej"]),
                draft("", &[]),
            ],
        )
        .expect("valid");
        assert_eq!(plan.activities.len(), 5);
        assert_eq!(plan.activities[0], Activity::Rate { title: "Bedøm tilbuddene".into(), services: vec![("fgu".into(), "FGU".into())] });
        match &plan.activities[1] {
            Activity::Dots { options, refs, dots, .. } => {
                assert_eq!(options, &["Vi lytter", "Vi samarbejder"]);
                assert_eq!(refs, &["principle:1", "principle:2"]);
                assert_eq!(*dots, 3);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(plan.activities[4].items(), vec!["Ja", "Nej"]);
    }

    #[test]
    fn every_mistake_is_named() {
        let mut dots = draft("dots", &["a", "b"]);
        dots.dots = Some(99);
        let e = check(" ", &[draft("poll", &["only one"]), dots, draft("rate", &["nowhere"]), draft("dance", &[])]).unwrap_err();
        assert_eq!(e.get("title"), Some(&FieldError::Required));
        assert_eq!(e.get("activities.0.lines"), Some(&FieldError::TooFew { min: 2 }));
        assert_eq!(e.get("activities.1.dots"), Some(&FieldError::OutOfRange { min: 1, max: 10 }));
        assert_eq!(e.get("activities.2.lines"), Some(&FieldError::UnknownService));
        assert_eq!(e.get("activities.3.kind"), Some(&FieldError::NotAnOption));
        assert_eq!(check("x", &[]).unwrap_err().get("activities"), Some(&FieldError::TooFew { min: 1 }));
    }

    #[test]
    fn rating_with_no_services_named_means_all() {
        let plan = check("x", &[draft("rate", &[])]).expect("valid");
        assert_eq!(plan.activities[0].items(), vec!["FGU", "Ungdomsskolen"]);
    }

    #[test]
    fn activities_round_trip_as_json() {
        let plan = check("x", &[draft("statements", &["a", "b"]), draft("ideas", &[])]).expect("valid");
        let json = serde_json::to_string(&plan.activities).expect("json");
        let back: Vec<Activity> = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, plan.activities);
    }
}
