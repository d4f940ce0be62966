//! The demo municipality: a chain with every partner named in seed 000 and
//! the default questions. Created by `stemme serve --demo` when absent.

use super::question::{Question, QuestionKind, QuestionOption};
use super::service::ServiceKind;

pub struct ServiceSeed {
    pub slug: &'static str,
    pub name: &'static str,
    pub description_da: &'static str,
    pub description_en: &'static str,
    pub kind: ServiceKind,
    pub category: &'static str,
}

pub struct MunicipalitySeed {
    pub slug: String,
    pub name: String,
    pub accessibility_url: String,
    pub services: Vec<ServiceSeed>,
    pub questions: Vec<Question>,
    pub principles: Vec<super::principle::PrincipleInput>,
}

macro_rules! svc {
    ($slug:expr, $name:expr, $da:expr, $en:expr, $kind:ident, $cat:expr) => {
        ServiceSeed { slug: $slug, name: $name, description_da: $da, description_en: $en, kind: ServiceKind::$kind, category: $cat }
    };
}

fn opts(list: &[(&str, &str, &str)]) -> Vec<QuestionOption> {
    list.iter().map(|(k, da, en)| QuestionOption { key: (*k).into(), da: (*da).into(), en: (*en).into() }).collect()
}

fn scale(key: &str, criterion: i64, da: &str, en: &str, words: &[(&str, &str, &str)]) -> Question {
    Question {
        key: key.into(),
        criterion,
        text_da: da.into(),
        text_en: en.into(),
        kind: QuestionKind::Scale,
        min: Some(1),
        max: Some(5),
        options: opts(words),
    }
}

const AGREE: &[(&str, &str, &str)] = &[
    ("1", "Slet ikke", "Not at all"),
    ("2", "Lidt", "A little"),
    ("3", "Delvist", "Partly"),
    ("4", "Meget", "A lot"),
    ("5", "Helt", "Completely"),
];
const QUALITY: &[(&str, &str, &str)] = &[
    ("1", "Meget dårligt", "Very bad"),
    ("2", "Dårligt", "Bad"),
    ("3", "Okay", "Okay"),
    ("4", "Godt", "Good"),
    ("5", "Rigtig godt", "Very good"),
];

pub fn default_questions() -> Vec<Question> {
    vec![
        scale("listened", 6, "Lyttede de til dig?", "Did they listen to you?", AGREE),
        scale("fits_path", 7, "Passer det med resten af dit forløb?", "Does it fit with the rest of your path?", AGREE),
        scale("next_step", 9, "Ved du, hvad dit næste skridt er?", "Do you know your next step?", AGREE),
        Question {
            key: "contact_person".into(),
            criterion: 5,
            text_da: "Har du én fast kontaktperson?".into(),
            text_en: "Do you have one fixed contact person?".into(),
            kind: QuestionKind::Choice,
            min: None,
            max: None,
            options: opts(&[("yes", "Ja", "Yes"), ("no", "Nej", "No"), ("unsure", "Ved ikke", "Not sure")]),
        },
        scale("expectations", 10, "Ved du, hvad der bliver forventet af dig?", "Do you know what is expected of you?", AGREE),
        scale("overall", 7, "Hvor godt var det alt i alt?", "Overall, how good was it?", QUALITY),
    ]
}

pub fn demo_municipality() -> MunicipalitySeed {
    MunicipalitySeed {
        slug: "demo".into(),
        name: "Demo Kommune".into(),
        accessibility_url: "https://www.was.digst.dk/".into(),
        services: vec![
            svc!(
                "uu",
                "UU – Ungdommens Uddannelsesvejledning",
                "Vejledning om uddannelse og job.",
                "Guidance on education and jobs.",
                Internal,
                "uu"
            ),
            svc!(
                "jobcenter",
                "Jobcenter Demo – Ungeindsatsen",
                "Hjælp til job, uddannelse og ydelse.",
                "Help with jobs, education and benefits.",
                Internal,
                "jobcenter"
            ),
            svc!(
                "familieafdeling",
                "Familieafdelingen",
                "Støtte til dig og din familie.",
                "Support for you and your family.",
                Internal,
                "family"
            ),
            svc!(
                "socialpsykiatri",
                "Socialpsykiatrien – Ung",
                "Støtte, hvis du har det svært psykisk.",
                "Support if you are struggling mentally.",
                Internal,
                "social-psychiatry"
            ),
            svc!(
                "misbrug",
                "Ungerådgivningen om rusmidler",
                "Hjælp, hvis du bruger rusmidler.",
                "Help if you use drugs or alcohol.",
                Internal,
                "addiction"
            ),
            svc!("udskoling", "Udskolingen på Demo Skole", "7.–9. klasse.", "Years 7–9.", Internal, "school"),
            svc!("ungdomsklub", "Ungdomsklubben", "Klub og fritid for unge.", "Club and leisure for young people.", Internal, "youth-club"),
            svc!("fgu", "FGU Demo", "Forberedende grunduddannelse.", "Preparatory basic education.", External, "fgu"),
            svc!(
                "eud-tech",
                "Demo Tekniske Skole – EUD",
                "Erhvervsuddannelser inden for teknik og byggeri.",
                "Vocational education in technology and construction.",
                External,
                "vocational"
            ),
            svc!(
                "eud-sosu",
                "SOSU-skolen Demo",
                "Social- og sundhedsuddannelser.",
                "Health and social care education.",
                External,
                "vocational"
            ),
            svc!(
                "eud-handel",
                "Handelsskolen Demo – EUD",
                "Erhvervsuddannelser inden for handel og kontor.",
                "Vocational education in retail and office work.",
                External,
                "vocational"
            ),
            svc!(
                "ungdomsskole",
                "Ungdomsskolen",
                "Fritidsundervisning og 10. klasse.",
                "Evening classes and year 10.",
                External,
                "youth-school"
            ),
            svc!(
                "virksomhedspraktik",
                "Virksomhedspraktik",
                "Praktik og job i lokale virksomheder.",
                "Work placements and jobs in local companies.",
                External,
                "company"
            ),
            svc!(
                "mentor",
                "Frivillig mentor",
                "En voksen fra civilsamfundet, der følger dig.",
                "A volunteer adult who follows you.",
                External,
                "civil-society"
            ),
            svc!("idraetsforening", "Idrætsforeningen", "Sport og fællesskab.", "Sport and community.", External, "association"),
            svc!(
                "bibliotek",
                "Biblioteket og Kulturhuset",
                "Kultur, lektiehjælp og et sted at være.",
                "Culture, homework help and a place to be.",
                External,
                "culture"
            ),
        ],
        questions: default_questions(),
        principles: super::principle::default_principles(),
    }
}

/// A new, empty municipality: no services yet, the default questions and principles.
pub fn new_municipality(slug: &str, name: &str) -> MunicipalitySeed {
    MunicipalitySeed {
        slug: slug.into(),
        name: name.into(),
        accessibility_url: String::new(),
        services: vec![],
        questions: default_questions(),
        principles: super::principle::default_principles(),
    }
}

/// A new 1–5 "how much" question, as admins add them.
pub fn agree_question(key: &str, criterion: i64, da: &str, en: &str) -> Question {
    scale(key, criterion, da, en, AGREE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::CATEGORIES;

    #[test]
    fn demo_covers_every_partner_in_seed_000() {
        let demo = demo_municipality();
        assert!(demo.services.len() >= 14);
        for (cat, ..) in CATEGORIES {
            assert!(demo.services.iter().any(|s| s.category == *cat), "missing {cat}");
        }
        for s in &demo.services {
            assert!(crate::slug::is_valid_slug(s.slug), "{}", s.slug);
        }
    }

    #[test]
    fn default_questions_are_valid_and_cover_the_issue() {
        let qs = default_questions();
        assert!((5..=7).contains(&qs.len()));
        for q in &qs {
            q.check().unwrap();
        }
        for c in [5, 6, 7, 9, 10] {
            assert!(qs.iter().any(|q| q.criterion == c), "criterion {c}");
        }
    }
}
