//! Screens a young person's free text before it is stored: personal data is
//! masked (see [`masking`]), and the masked text is checked against two word
//! lists, `app/data/swearing.txt` and `app/data/self-harm.txt`, and for names
//! of people and street addresses ([`names`]). Nothing is
//! rejected here; a hit only decides whether a human reads the text first,
//! and how soon.
//!
//! Matching works on words, never on substrings, so "ass" does not fire on
//! "klassen" and "pik" not on "pikant" (the Scunthorpe problem). The text is
//! lower-cased, split into words at anything that is not a letter or digit,
//! and simple disguises are undone: leetspeak inside words ("l0rt", "$hit")
//! and stretched letters ("fuuuuck"). Pure numbers are never rewritten.

use super::{masking, names};
use std::sync::LazyLock;

/// The result of screening one free text before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    /// The text with personal data masked (what gets stored).
    pub text: String,
    pub masked: bool,
    pub swearing: bool,
    pub self_harm: bool,
    /// May name a person or give a street address (`names`).
    pub person: bool,
    pub address: bool,
}

impl Screening {
    /// Held for a human before anyone else sees it.
    pub fn held(&self) -> bool {
        self.held_ignoring_names() || self.person || self.address
    }

    /// Held for anything but a name or an address: for a workshop nickname,
    /// which is meant to be a name and is erased when the workshop closes.
    pub fn held_ignoring_names(&self) -> bool {
        self.masked || self.swearing || self.self_harm
    }

    /// Self-harm or suicide language: urgent in the queue, help lines shown at once, never auto-published.
    pub fn urgent(&self) -> bool {
        self.self_harm
    }

    /// Why it was held, as stable codes joined by commas, e.g. "masked,swearing" ("" when not held).
    pub fn reasons(&self) -> String {
        [
            (self.masked, "masked"),
            (self.swearing, "swearing"),
            (self.self_harm, "self_harm"),
            (self.person, "person"),
            (self.address, "address"),
        ]
        .into_iter()
        .filter_map(|(hit, code)| hit.then_some(code))
        .collect::<Vec<_>>()
        .join(",")
    }
}

pub fn screen(input: &str) -> Screening {
    let masked = masking::mask(input);
    let words = tokens(&masked.text);
    let found = names::find(&masked.text);
    Screening {
        swearing: SWEARING.hits(&words),
        self_harm: SELF_HARM.hits(&words),
        masked: masked.masked,
        person: found.person,
        address: found.address,
        text: masked.text,
    }
}

static SWEARING: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/swearing.txt")));
static SELF_HARM: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/self-harm.txt")));

/// One word of a list entry; `prefix` when the entry ended in "*".
#[derive(Debug)]
struct Pattern {
    word: String,
    prefix: bool,
}

/// A word or phrase from a list file.
#[derive(Debug)]
struct Entry(Vec<Pattern>);

#[derive(Debug)]
struct WordList {
    hits: Vec<Entry>,
    /// Phrases that contain a hit but are not one ("dø af grin"): a hit that
    /// overlaps one of these is ignored.
    exceptions: Vec<Entry>,
}

/// One word of the screened text.
#[derive(Debug)]
struct Token {
    /// The ways the word may be read: as written, with leetspeak undone, with
    /// stretched letters shortened. A pattern matches if any form does.
    forms: Vec<String>,
    /// Only whitespace or hyphens since the previous word, so a phrase may run
    /// on across it ("self-harm", "vil\n\nikke leve"); other punctuation ends
    /// a phrase ("jeg vil. Ikke leve ..." is not a hit).
    joined: bool,
}

impl WordList {
    fn parse(file: &str) -> WordList {
        let mut list = WordList { hits: Vec::new(), exceptions: Vec::new() };
        for line in file.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (exception, line) = match line.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let words = line
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let w: String = w.chars().filter(|c| !is_apostrophe(*c)).flat_map(char::to_lowercase).collect();
                    match w.strip_suffix('*') {
                        Some(stem) => Pattern { word: stem.to_string(), prefix: true },
                        None => Pattern { word: w, prefix: false },
                    }
                })
                .collect();
            let target = if exception { &mut list.exceptions } else { &mut list.hits };
            target.push(Entry(words));
        }
        list
    }

    fn hits(&self, tokens: &[Token]) -> bool {
        let mut excused = vec![false; tokens.len()];
        for exception in &self.exceptions {
            for start in 0..tokens.len() {
                if exception.matches_at(tokens, start) {
                    excused[start..start + exception.0.len()].fill(true);
                }
            }
        }
        self.hits.iter().any(|entry| {
            (0..tokens.len()).any(|start| entry.matches_at(tokens, start) && !excused[start..start + entry.0.len()].contains(&true))
        })
    }
}

impl Entry {
    fn matches_at(&self, tokens: &[Token], start: usize) -> bool {
        let Some(window) = tokens.get(start..start + self.0.len()) else { return false };
        self.0.iter().zip(window).enumerate().all(|(i, (pattern, token))| {
            (i == 0 || token.joined)
                && token.forms.iter().any(|f| if pattern.prefix { f.starts_with(&pattern.word) } else { *f == pattern.word })
        })
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '´' | '`')
}

/// Splits lower-cased text into words. "@" and "$" count as letters here
/// (they are leetspeak for a and s; masking has already removed addresses
/// and handles). An apostrophe inside a word is dropped: "don't" → "dont".
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut clean_gap = false;
    let mut flush = |word: &mut String, clean_gap: &mut bool| {
        if !word.is_empty() {
            tokens.push(Token { forms: forms(word), joined: *clean_gap });
            word.clear();
            *clean_gap = true;
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() || c == '@' || c == '$' {
            word.push(c);
        } else if is_apostrophe(c) && !word.is_empty() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) {
            // Inside a word: skip it and keep the word going.
        } else {
            flush(&mut word, &mut clean_gap);
            if !(c.is_whitespace() || c == '-') {
                clean_gap = false;
            }
        }
    }
    flush(&mut word, &mut clean_gap);
    tokens
}

/// The readings of one word: as written; with leetspeak undone when the word
/// mixes letters with 0 1 3 4 @ $ (so "2024" stays a number); and, when a
/// letter is repeated three or more times, with that run cut to two and to one
/// ("fuuuck" → "fuuck", "fuck"; "fisssse" → "fisse").
fn forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    let has_letter = word.chars().any(char::is_alphabetic);
    let leet = |c: char| match c {
        '0' => Some('o'),
        '1' => Some('i'),
        '3' => Some('e'),
        '4' => Some('a'),
        '@' => Some('a'),
        '$' => Some('s'),
        _ => None,
    };
    if has_letter && word.chars().any(|c| leet(c).is_some()) {
        forms.push(word.chars().map(|c| leet(c).unwrap_or(c)).collect());
    }
    for i in 0..forms.len() {
        for keep in [2, 1] {
            if let Some(short) = shorten_runs(&forms[i], keep) {
                forms.push(short);
            }
        }
    }
    forms
}

/// Cuts every run of three or more equal characters to `keep`; `None` when
/// there is no such run.
fn shorten_runs(word: &str, keep: usize) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
        let take = if run >= 3 { keep } else { run };
        changed |= take != run;
        out.extend(std::iter::repeat_n(chars[i], take));
        i += run;
    }
    changed.then_some(out)
}

#[cfg(test)]
#[path = "moderation_tests.rs"]
mod tests;
