//! Masks personal data in free text before it is stored: CPR numbers, Danish
//! phone numbers, e-mail addresses, links and social-media handles. The
//! original is never stored.
//!
//! Every rule is checked against `app/data/masking-corpus.tsv` (real-world
//! spellings that must be masked, and look-alikes that must be left alone).
//! Choices where the two pull against each other:
//!
//! - Bare domains (`instagram.com/navn`, `minside.dk`) are links: masked, but
//!   only for a short list of top-level domains that are not also Danish or
//!   English words, so "godt.Nu" or "hej.Se" (a missing space) stay as written.
//!   `.se`, `.nu`, `.be`, … count only when a path follows (`youtu.be/x`).
//! - Social handles (`@navn`) identify a person as surely as a phone number,
//!   so they are masked as `[brugernavn skjult]`. An `@` that follows a letter
//!   or digit, or is followed by a space, is left alone ("vi ses @ 5").
//! - Eight digits in a row that start with 2–9 are a phone number, even when
//!   they could be something else (an order number, a CVR number): leaking a
//!   number costs more than holding a comment for a moderator.
//! - Two four-digit numbers joined by a dash are read as a range, not a phone
//!   number, when they look like one: two years (2019-2024), round amounts
//!   (2000-3000) or neighbours (postcodes 2750-2765). "2233-4455" is masked.

use regex::{Captures, Regex};
use std::sync::LazyLock;

pub const CPR_MASK: &str = "[cpr-nummer skjult]";
pub const PHONE_MASK: &str = "[telefonnummer skjult]";
pub const EMAIL_MASK: &str = "[e-mail skjult]";
pub const URL_MASK: &str = "[link skjult]";
pub const HANDLE_MASK: &str = "[brugernavn skjult]";

/// One DNS label, Unicode letters allowed (domæne.dk is a real domain).
const LABEL: &str = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?";
/// Top-level domains masked even without a path: none of them is a word
/// anyone writes right after a full stop.
const TLDS: &str = "dk|com|net|org|io|eu|info|app|gg|tv|me|co|uk|ly|gl|fo|live|xyz|online|site";
/// Top-level domains that are also words ("nu", "se", "de", "to", "is", "at",
/// "it", "be"): only a domain when a path follows.
const PATH_TLDS: &str = "se|no|nu|de|be|to|is|at|it|ee|gle|fm|cc";

/// Plain "@" (spaces on both sides or none; "hej @mads.jensen" is a handle),
/// and the spellings people use to dodge spam filters: "(at)", "[at]",
/// "{at}", "(snabel-a)", "(dot)".
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let at = r"(?:@\s*|\s+@\s+|\s*[(\[{]\s*(?:at|snabel-a)\s*[)\]}]\s*)";
    let dot = r"(?:\.|\s*[(\[{]\s*(?:dot|punktum|prik)\s*[)\]}]\s*)";
    Regex::new(&format!(r"(?i)[\p{{L}}\p{{N}}._%+\-]+{at}{LABEL}(?:{dot}{LABEL})*{dot}\p{{L}}{{2,}}")).expect("email regex")
});
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>]+").expect("url regex"));
static BARE_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:{LABEL}\.)+(?:(?:{TLDS})\b(?:/[^\s<>]*)?|(?:{PATH_TLDS})/[^\s<>]+)")).expect("domain regex")
});
/// `\B` before "@": the "@" must not follow a letter or digit (that would be
/// an address without a domain, or leetspeak like "h@r").
static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\B@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?").expect("handle regex"));
/// DDMMYY-SSSS: the dash may be missing, a space, an en dash, or padded.
static CPR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{6}(?:[ \u{a0}]?[\-–‐][ \u{a0}]?|[ \u{a0}])?\d{4}").expect("cpr regex"));
/// A Danish number: optional +45/0045 (maybe in brackets), then eight digits
/// written together, in pairs, as 4+4 or as 4+2+2. One separator kind per
/// number (the regex crate has no back-references, so each kind is spelled
/// out): "20.00-22.00" mixes separators and is a time, not a phone number.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    let mut bodies = vec![r"\d{8}".to_string()];
    for sep in [r"[ \u{a0}]", r"-", r"\."] {
        bodies.push(format!(r"\d{{2}}{sep}\d{{2}}{sep}\d{{2}}{sep}\d{{2}}"));
        bodies.push(format!(r"\d{{4}}{sep}\d{{2}}{sep}\d{{2}}"));
        bodies.push(format!(r"\d{{4}}{sep}\d{{4}}"));
    }
    let prefix = r"\(?(?:\+|00) ?45\)?[ \u{a0}\-.]?|45 ";
    Regex::new(&format!(r"(?P<prefix>{prefix})?(?P<body>{})", bodies.join("|"))).expect("phone regex")
});

/// The masked text, and whether anything was masked (such text waits for a
/// moderator before it is shown).
#[derive(Debug, PartialEq, Eq)]
pub struct Masked {
    pub text: String,
    pub masked: bool,
}

pub fn mask(input: &str) -> Masked {
    // A mask can expose its neighbour: in "@anna@bo" the second handle
    // follows a letter until the first is masked. So the rules run until
    // nothing changes (each pass only shortens digits and "@"s, so this ends
    // quickly; three passes are plenty, a bound keeps it linear).
    let mut text = mask_once(input);
    for _ in 0..3 {
        let again = mask_once(&text);
        if again == text {
            break;
        }
        text = again;
    }
    Masked { masked: text != input, text }
}

fn mask_once(input: &str) -> String {
    // Order matters: addresses and links first (they may contain digits and
    // "@"), then handles, then the numbers.
    let s = replace_where(&EMAIL, input, |_, _| Some(EMAIL_MASK));
    let s = replace_link(&URL, &s);
    let s = replace_link(&BARE_DOMAIN, &s);
    let s = replace_where(&HANDLE, &s, |c, _| {
        // "@20" is a time or a count, not a name.
        c[0].chars().any(char::is_alphabetic).then_some(HANDLE_MASK)
    });
    let s = replace_where(&CPR, &s, |c, text| {
        let m = c.get(0).expect("whole match");
        let digits: Vec<u32> = m.as_str().chars().filter_map(|ch| ch.to_digit(10)).collect();
        let date_ok = is_real_date(digits[0] * 10 + digits[1], digits[2] * 10 + digits[3], digits[4] * 10 + digits[5]);
        (date_ok && stands_alone(text, m.start(), m.end())).then_some(CPR_MASK)
    });
    let s = replace_where(&PHONE, &s, |c, text| {
        let m = c.get(0).expect("whole match");
        let body = c.name("body").expect("body group").as_str();
        let groups: Vec<&str> = body.split(|ch: char| !ch.is_ascii_digit()).collect();
        // Danish subscriber numbers never start with 0 or 1.
        let valid = !body.starts_with(['0', '1']);
        let looks_like_something_else = c.name("prefix").is_none() && (is_range(body, &groups) || is_iso_date(&groups));
        (valid && !looks_like_something_else && stands_alone(text, m.start(), m.end())).then_some(PHONE_MASK)
    });
    s
}

/// Replaces each match for which `f` returns a mask. When `f` declines, the
/// search resumes one character later rather than after the match, so a real
/// number that starts inside a rejected look-alike is still found.
fn replace_where(re: &Regex, text: &str, f: impl Fn(&Captures, &str) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut at) = (0, 0);
    while let Some(c) = re.captures_at(text, at) {
        let m = c.get(0).expect("whole match");
        if let Some(replacement) = f(&c, text) {
            out.push_str(&text[copied..m.start()]);
            out.push_str(replacement);
            copied = m.end();
            at = m.end();
        } else {
            match text[m.start()..].chars().next() {
                Some(ch) => at = m.start() + ch.len_utf8(),
                None => break,
            }
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Links end where the sentence goes on: trailing punctuation stays outside
/// the mask ("se www.x.dk." keeps its full stop).
fn replace_link(re: &Regex, text: &str) -> String {
    re.replace_all(text, |c: &Captures| {
        let link = &c[0];
        let kept = link.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '»', '”', '’']);
        format!("{URL_MASK}{}", &link[kept.len()..])
    })
    .into_owned()
}

/// A number is only what we think it is when it is not part of a longer one:
/// no digit right before or after, and no "-5" / ".5" continuing it (as in
/// the case number "2023-7865-12"). A slash does not join: "22334455/33445566"
/// is two phone numbers.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let joins = |c: Option<char>| matches!(c, Some('-' | '.' | '–'));
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let (b1, b2) = (before.next(), before.next());
    let (a1, a2) = (after.next(), after.next());
    // A digit next to the match, or a joiner with a digit behind it.
    let continues = |next: Option<char>, then: Option<char>| digit(next) || (joins(next) && digit(then));
    !continues(b1, b2) && !continues(a1, a2)
}

/// "2019-2024", "2000-3000", "2750-2765": two four-digit numbers joined by a
/// dash that read as a range of years, amounts or postcodes.
fn is_range(body: &str, groups: &[&str]) -> bool {
    let [a, b] = groups else { return false };
    if !body.contains('-') || a.len() != 4 || b.len() != 4 {
        return false;
    }
    let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else { return false };
    let year = |y: u32| (1900..=2099).contains(&y);
    (year(a) && year(b)) || (a < b && (b - a < 100 || (a.is_multiple_of(50) && b.is_multiple_of(50))))
}

/// "2024-03-22" or "2024.03.22": a date, not a number split 4+2+2.
fn is_iso_date(groups: &[&str]) -> bool {
    let [y, m, d] = groups else { return false };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    (1900..=2099).contains(&y) && is_real_date(d, m, y % 100)
}

fn is_real_date(d: u32, m: u32, y: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        // Without the century we cannot tell 1900 from 2000, so allow the 29th
        // whenever the two-digit year could be a leap year.
        2 if y.is_multiple_of(4) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(s: &str) -> String {
        mask(s).text
    }

    #[test]
    fn cpr_numbers_are_masked() {
        for s in ["010203-1234", "0102031234", "010203 1234", "290204-4321", "311299-0001"] {
            assert_eq!(masked(&format!("mit cpr er {s} ok")), format!("mit cpr er {CPR_MASK} ok"), "{s}");
        }
    }

    #[test]
    fn phone_numbers_are_masked() {
        for s in ["22334455", "22 33 44 55", "+45 22334455", "+4522334455", "0045 22 33 44 55", "2233 4455", "22-33-44-55"] {
            assert_eq!(masked(&format!("ring {s} tak")), format!("ring {PHONE_MASK} tak"), "{s}");
        }
    }

    #[test]
    fn emails_and_links_are_masked() {
        assert_eq!(masked("skriv til ung.person+x@example.dk nu"), format!("skriv til {EMAIL_MASK} nu"));
        assert_eq!(masked("a (at) b.dk"), EMAIL_MASK);
        assert_eq!(masked("se https://x.dk/a?b=c og www.y.dk"), format!("se {URL_MASK} og {URL_MASK}"));
    }

    #[test]
    fn ordinary_numbers_are_left_alone() {
        for s in [
            "I 2024 og 2025",
            "Det koster 1.500 kr",
            "Postnummer 2750 Ballerup",
            "Kl. 14:30 den 12/3",
            "320299-1234 er ikke en dato",
            "Vi var 12 34 unge", // only two pairs
            "Bus 150S",
            "10203040 starter med 1",
        ] {
            let m = mask(s);
            assert_eq!(m.text, s, "{s}");
            assert!(!m.masked);
        }
    }

    #[test]
    fn a_mask_never_exposes_a_neighbour() {
        assert_eq!(masked("@anna@bo"), format!("{HANDLE_MASK}{HANDLE_MASK}"));
    }

    #[test]
    fn reports_whether_anything_was_masked() {
        assert!(mask("22334455").masked);
        assert!(!mask("hej").masked);
    }

    #[test]
    fn links_keep_the_sentence_punctuation() {
        assert_eq!(masked("Se www.x.dk."), format!("Se {URL_MASK}."));
        assert_eq!(masked("(instagram.com/mads)"), format!("({URL_MASK})"));
        assert_eq!(masked("følg @mads_2008!"), format!("følg {HANDLE_MASK}!"));
    }

    /// The digits left once single separators between digits are dropped:
    /// "22 33 44 55" still leaks a phone number even with spaces in it.
    fn longest_digit_run(s: &str) -> usize {
        let chars: Vec<char> = s.chars().collect();
        let (mut best, mut run) = (0, 0);
        for (i, &c) in chars.iter().enumerate() {
            if c.is_ascii_digit() {
                run += 1;
                best = best.max(run);
            } else {
                let between_digits = i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
                    && matches!(c, ' ' | '-' | '.' | '\u{a0}' | '–');
                if !between_digits {
                    run = 0;
                }
            }
        }
        best
    }

    /// What a masked text must no longer contain: long digit runs, "@name",
    /// "://" or "www.".
    fn leaks(out: &str) -> Option<&'static str> {
        static LEFTOVER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)@[\p{L}\p{N}]|://|\bwww\.").expect("leftover regex"));
        if longest_digit_run(out) >= 8 {
            Some("digits remain")
        } else if LEFTOVER.is_match(out) {
            Some("address remains")
        } else {
            None
        }
    }

    #[test]
    fn corpus() {
        let corpus = include_str!("../data/masking-corpus.tsv");
        let (mut mask_cases, mut keep_cases) = (0, 0);
        let (mut false_positives, mut false_negatives) = (Vec::new(), Vec::new());
        for (n, line) in corpus.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (kind, text) = line.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab: {line:?}", n + 1));
            // "\n" in the corpus stands for a line break inside the text.
            let text = text.replace("\\n", "\n");
            let out = mask(&text);
            match kind {
                "mask" => {
                    mask_cases += 1;
                    let problem = if out.masked { leaks(&out.text) } else { Some("nothing masked") };
                    if let Some(problem) = problem {
                        false_negatives.push(format!("line {}: {problem}: {text:?} -> {:?}", n + 1, out.text));
                    }
                }
                "keep" => {
                    keep_cases += 1;
                    if out.text != text || out.masked {
                        false_positives.push(format!("line {}: {text:?} -> {:?}", n + 1, out.text));
                    }
                }
                other => panic!("line {}: unknown kind {other:?}", n + 1),
            }
        }
        println!(
            "masking corpus: {} cases ({mask_cases} mask, {keep_cases} keep), false positives: {}, false negatives: {}",
            mask_cases + keep_cases,
            false_positives.len(),
            false_negatives.len()
        );
        for f in &false_positives {
            println!("  false positive {f}");
        }
        for f in &false_negatives {
            println!("  false negative {f}");
        }
        assert!(mask_cases + keep_cases >= 250, "the corpus should stay large");
        assert_eq!(false_positives.len(), 0, "false positives");
        assert_eq!(false_negatives.len(), 0, "false negatives");
    }
}
