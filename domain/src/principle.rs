//! The chain's principles. A principle is never edited in place: each change
//! is a new version with the date it took effect (and, from the co-design
//! issue, the proposal from young people that led to it).

use super::rating::{FieldError, FieldErrors};
use super::Locale;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const TEXT_MAX: usize = 2000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipleVersion {
    pub version: i64,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
    /// Unix seconds.
    pub valid_from: i64,
    pub proposal_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principle {
    pub id: i64,
    /// The quality criterion it comes from, if any.
    pub criterion: Option<i64>,
    pub active: bool,
    /// Every version, oldest first; never empty.
    pub versions: Vec<PrincipleVersion>,
}

impl Principle {
    pub fn current(&self) -> Option<&PrincipleVersion> {
        self.versions.last()
    }

    pub fn title(&self, locale: Locale) -> &str {
        self.current().map(|v| locale.pick(&v.title_da, &v.title_en)).unwrap_or_default()
    }

    pub fn text(&self, locale: Locale) -> &str {
        self.current().map(|v| locale.pick(&v.text_da, &v.text_en)).unwrap_or_default()
    }
}

/// A principle's texts as an admin writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrincipleInput {
    pub criterion: Option<i64>,
    pub title_da: String,
    pub title_en: String,
    pub text_da: String,
    pub text_en: String,
}

impl PrincipleInput {
    pub fn from_form(pairs: &[(String, String)]) -> Result<PrincipleInput, FieldErrors> {
        let get = |name: &str| crate::form::Fields::new(pairs).text(name);
        let mut errors = FieldErrors::new();
        let mut text = |name: &str, max: usize| {
            let v = get(name);
            if v.is_empty() {
                errors.insert(name.into(), FieldError::Required);
            } else if v.chars().count() > max {
                errors.insert(name.into(), FieldError::TooLong { max });
            }
            v
        };
        let (title_da, title_en) = (text("title_da", TITLE_MAX), text("title_en", TITLE_MAX));
        let (text_da, text_en) = (text("text_da", TEXT_MAX), text("text_en", TEXT_MAX));
        let criterion = match get("criterion").as_str() {
            "" => None,
            c => match c.parse::<i64>() {
                Ok(n) if (1..=12).contains(&n) => Some(n),
                _ => {
                    errors.insert("criterion".into(), FieldError::OutOfRange { min: 1, max: 12 });
                    None
                }
            },
        };
        let input = PrincipleInput { criterion, title_da, title_en, text_da, text_en };
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

/// The 12 quality criteria as short plain-language principles: where every
/// municipality starts.
pub fn default_principles() -> Vec<PrincipleInput> {
    const P: [(&str, &str, &str, &str); 12] = [
        ("Kommunens egne tilbud arbejder sammen om dig", "The municipality's own services work together for you",
         "UU, jobcenter, familieafdeling, socialpsykiatri, misbrugsbehandling, skole og klub taler sammen, så du ikke skal fortælle det hele forfra.",
         "UU, the jobcentre, the family department, social psychiatry, addiction treatment, school and club talk to each other, so you do not have to tell everything again."),
        ("Vi samarbejder med steder uden for kommunen", "We work with places outside the municipality",
         "FGU, erhvervsskoler, ungdomsskolen, virksomheder, foreninger og kulturinstitutioner er en del af kæden.",
         "FGU, vocational schools, the youth school, companies, associations and cultural institutions are part of the chain."),
        ("Kæden er større end kommunen", "The chain is bigger than the municipality",
         "Din familie, dit netværk og foreninger kan også hjælpe dig, og de skal tænkes med.",
         "Your family, your network and associations can help you too, and they must be part of the plan."),
        ("Samarbejdet holder, også når det er svært", "The partnership lasts, also when it is hard",
         "Stederne i kæden forpligter sig til hinanden på lang sigt, ikke kun i et enkelt projekt.",
         "The places in the chain commit to each other for the long term, not just for one project."),
        ("Du skal ikke starte forfra, når en medarbejder stopper", "You do not start over when a staff member leaves",
         "Gode relationer er vigtige, men aftalerne står på skrift, så de holder, når din kontaktperson skifter.",
         "Good relationships matter, but the agreements are written down, so they hold when your contact person changes."),
        ("Unge er med til at bestemme, hvordan kæden fungerer", "Young people help decide how the chain works",
         "Ikke kun om dit eget forløb, men også om kædens principper og handlinger. Kommunen svarer altid på jeres forslag.",
         "Not only about your own path, but also about the chain's principles and actions. The municipality always answers your proposals."),
        ("Dit forløb skal hænge sammen", "Your path should fit together",
         "Én plan, hvor det ene skridt fører til det næste, uden huller og ventetid mellem stederne.",
         "One plan where one step leads to the next, without gaps and waiting between the places."),
        ("Ledelsen står bag", "The leaders stand behind it",
         "Kommunens ledere har besluttet, at kæden er vigtig, og de følger op på den.",
         "The municipality's leaders have decided that the chain matters, and they follow up on it."),
        ("Aktiviteter skal passe til dig og til hinanden", "Activities should fit you and each other",
         "Korte aktiviteter, der giver mening for dig, gerne på samme tid i stedet for efter hinanden.",
         "Short activities that make sense to you, preferably at the same time rather than one after another."),
        ("Klare regler, som du kan forstå", "Clear rules you can understand",
         "Alle i kæden arbejder ud fra den samme forståelse. Du ved, hvad der forventes af dig, og hvad du kan forvente af os.",
         "Everyone in the chain works from the same understanding. You know what is expected of you and what you can expect of us."),
        ("Rammerne er kendte for alle", "Everyone knows the frames",
         "Økonomi, regler, muligheden for at mødes online, afstande og IT er kendte, så planer ikke strander på dem.",
         "Money, rules, the option to meet online, distances and IT are known, so plans do not get stuck on them."),
        ("Vi tester det, vi tror om unge", "We test what we believe about young people",
         "Når vi tror noget om unge, fx at \"unge vil ikke mødes online\", undersøger vi det og spørger jer, før vi beslutter.",
         "When we believe something about young people, like \"young people do not want to meet online\", we check it and ask you before we decide."),
    ];
    P.iter()
        .enumerate()
        .map(|(i, (td, te, xd, xe))| PrincipleInput {
            criterion: Some(i as i64 + 1),
            title_da: (*td).into(),
            title_en: (*te).into(),
            text_da: (*xd).into(),
            text_en: (*xe).into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn every_criterion_has_a_principle_within_the_limits() {
        let all = default_principles();
        assert_eq!(all.len(), 12);
        for p in &all {
            assert!(p.title_da.chars().count() <= TITLE_MAX && p.text_da.chars().count() <= TEXT_MAX);
            assert!(!p.title_en.is_empty() && !p.text_en.is_empty());
        }
    }

    #[test]
    fn the_form_names_each_bad_field() {
        let ok = form(&[("title_da", "T"), ("title_en", "T"), ("text_da", "x"), ("text_en", "x"), ("criterion", "6")]);
        assert_eq!(PrincipleInput::from_form(&ok).unwrap().criterion, Some(6));
        let long = "x".repeat(TITLE_MAX + 1);
        let bad = PrincipleInput::from_form(&form(&[("title_da", &long), ("criterion", "0")])).unwrap_err();
        assert_eq!(bad.get("title_da"), Some(&FieldError::TooLong { max: TITLE_MAX }));
        assert_eq!(bad.get("title_en"), Some(&FieldError::Required));
        assert!(bad.contains_key("criterion") && bad.contains_key("text_da"));
    }

    #[test]
    fn the_current_version_is_the_last() {
        let v = |n: i64, t: &str| PrincipleVersion {
            version: n,
            title_da: t.into(),
            title_en: t.into(),
            text_da: String::new(),
            text_en: String::new(),
            valid_from: n,
            proposal_id: None,
        };
        let p = Principle { id: 1, criterion: None, active: true, versions: vec![v(1, "a"), v(2, "b")] };
        assert_eq!(p.title(Locale::Da), "b");
    }
}
