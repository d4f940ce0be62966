//! Finds free text that may name a person or give a street address, so a
//! moderator reads it before anyone else does. Nothing is masked: a name is
//! often harmless ("Karin fra jobcentret hjalp mig"), but whether it may be
//! published is for a person to decide.
//!
//! A name is found by a Danish first-name list (`app/data/first-names.txt`),
//! whole-word and case-aware:
//! - a capitalised first name ("Mads var sød"), unless the name is also an
//!   ordinary word (the list's `!` entries: "Per uge", "Hans mor", "Liv");
//!   those count only as below;
//! - any listed first name followed by a capitalised surname ("Bo Jensen");
//! - any word after "jeg hedder", "mit navn er", "my name is", … when it is a
//!   listed name or capitalised ("jeg hedder mads", "hun hedder Xenia");
//! - a capitalised word inside a sentence followed by "fra" and a service
//!   ("… med Xenia fra jobcentret"). At the start of a sentence an unlisted
//!   word is not enough: "Vejlederen fra UU var god" is ordinary text.
//!
//! An address is a street name (ending in -vej, -gade, -allé, -stræde, -torv,
//! -plads, -boulevard, -vænget, …) followed by a house number ("Vestergade 12,
//! 2. th", "Gammel Kongevej 5"). "-plads" and "-torv" count only capitalised,
//! as "praktikplads 20 steder" is ordinary text.

use std::collections::HashSet;
use std::sync::LazyLock;

/// What [`find`] saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub person: bool,
    pub address: bool,
}

struct Names {
    names: HashSet<String>,
    /// Names that are also ordinary words.
    ordinary: HashSet<String>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let mut n = Names { names: HashSet::new(), ordinary: HashSet::new() };
    for line in include_str!("../data/first-names.txt").lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (ordinary, name) = match line.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let name = name.to_lowercase();
        if ordinary {
            n.ordinary.insert(name.clone());
        }
        n.names.insert(name);
    }
    n
});

/// Phrases after which the next word is someone's name.
const INTROS: &[&[&str]] = &[
    &["jeg", "hedder"],
    &["han", "hedder"],
    &["hun", "hedder"],
    &["vejleder", "hedder"],
    &["vejlederen", "hedder"],
    &["sagsbehandler", "hedder"],
    &["sagsbehandleren", "hedder"],
    &["kontaktperson", "hedder"],
    &["kontaktpersonen", "hedder"],
    &["mentor", "hedder"],
    &["mentoren", "hedder"],
    &["mit", "navn", "er"],
    &["navnet", "er"],
    &["my", "name", "is"],
    &["i", "am", "called"],
    &["im", "called"],
];

/// "X fra …": the places of the youth chain a named person works at.
const PLACES: &[&str] = &[
    "jobcentret",
    "jobcenteret",
    "jobcenter",
    "uu",
    "kommunen",
    "fgu",
    "fgu'en",
    "skolen",
    "klubben",
    "ungdomsskolen",
    "ungecentret",
    "ungdomscentret",
    "familieafdelingen",
    "psykiatrien",
    "misbrugscentret",
    "efterskolen",
    "produktionsskolen",
    "eud",
    "kui",
    "ungeindsatsen",
    "forvaltningen",
    "borgerservice",
    "ydelseskontoret",
    "vejledningen",
    "sfo",
    "fritidsklubben",
    "ungdomsklubben",
];

/// Street-name endings; `true`: only when capitalised.
const STREETS: &[(&str, bool)] = &[
    ("vej", false),
    ("gade", false),
    ("allé", false),
    ("alle", true),
    ("stræde", false),
    ("boulevard", false),
    ("vænget", false),
    ("vænge", false),
    ("vangen", false),
    ("torv", true),
    ("plads", true),
    ("pladsen", true),
    ("torvet", true),
    ("parken", true),
    ("bakken", true),
    ("toften", true),
    ("stien", true),
    ("løkke", true),
    ("haven", true),
];

#[derive(Debug)]
struct Word {
    text: String,
    lower: String,
    /// "Mads", not "mads" or "MADS".
    capitalised: bool,
    /// First word of the text or of a sentence.
    starts_sentence: bool,
    /// Only spaces since the previous word.
    joined: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let (mut word, mut starts, mut joined) = (String::new(), true, false);
    let push = |word: &mut String, starts: &mut bool, joined: &mut bool, out: &mut Vec<Word>| {
        if word.is_empty() {
            return;
        }
        let mut chars = word.chars();
        let capitalised =
            chars.next().is_some_and(char::is_uppercase) && chars.clone().any(char::is_alphabetic) && chars.all(|c| !c.is_uppercase());
        out.push(Word { lower: word.to_lowercase(), text: std::mem::take(word), capitalised, starts_sentence: *starts, joined: *joined });
        *starts = false;
        *joined = true;
    };
    for c in text.chars() {
        if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) {
            word.push(c);
            continue;
        }
        push(&mut word, &mut starts, &mut joined, &mut out);
        if matches!(c, '.' | '!' | '?' | ':' | '\n') {
            starts = true;
        }
        if !matches!(c, ' ' | '\u{a0}') {
            joined = false;
        }
    }
    push(&mut word, &mut starts, &mut joined, &mut out);
    out
}

fn house_number(w: &Word) -> bool {
    let digits = w.text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && w.text.len() - digits.len() <= 1
}

fn person(words: &[Word]) -> bool {
    let names = &*NAMES;
    let next_is = |i: usize, f: &dyn Fn(&Word) -> bool| words.get(i + 1).is_some_and(|n| n.joined && f(n));
    let intro = |i: usize| {
        INTROS.iter().any(|p| i >= p.len() && words[i - p.len()..i].iter().zip(p.iter()).all(|(w, p)| w.lower.replace('\'', "") == *p))
    };
    words.iter().enumerate().any(|(i, w)| {
        let listed = names.names.contains(&w.lower);
        let ordinary = names.ordinary.contains(&w.lower);
        // After an ordinary word, a following first name is more likely a phrase ("Karl Johan svampe").
        let surname = next_is(i, &|n: &Word| n.capitalised && !names.ordinary.contains(&n.lower) && !names.names.contains(&n.lower));
        (intro(i) && (listed || w.capitalised))
            || (w.capitalised && listed && !ordinary)
            || (w.capitalised && listed && surname)
            || (w.capitalised
                && (!w.starts_sentence || (listed && !ordinary))
                && next_is(i, &|n: &Word| n.lower == "fra")
                && words.get(i + 2).is_some_and(|p| PLACES.contains(&p.lower.as_str())))
    })
}

fn address(words: &[Word]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let numbered = words.get(i + 1).is_some_and(|n| n.joined && house_number(n));
        numbered
            && STREETS.iter().any(|(end, needs_capital)| {
                let ends = w.lower.ends_with(end);
                // "Nørre Allé 5": the ending alone is a street after a capitalised word.
                let whole = w.lower == *end;
                let named = if whole { i > 0 && words[i - 1].capitalised && w.joined } else { true };
                ends && named && (!needs_capital || w.capitalised || (whole && w.text.starts_with(char::is_uppercase)))
            })
    })
}

pub fn find(text: &str) -> Found {
    let words = words(text);
    Found { person: person(&words), address: address(&words) }
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
