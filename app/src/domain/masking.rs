//! Masks personal data in free text before it is stored: CPR numbers, Danish
//! phone numbers, e-mail addresses and links. The original is never stored.

use regex::{Captures, Regex};
use std::sync::LazyLock;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}").expect("email regex")
});
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>]+").expect("url regex"));
// DDMMYY-SSSS, with or without the dash (or a space).
static CPR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{2})(\d{2})(\d{2})[\- ]?(\d{4})\b").expect("cpr regex"));
// 8 digits, optionally after +45/0045, written together, in pairs or as 4+4.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:\+|00)45[\s\-]?|\b)(?:\d{8}|\d{2}[\s\-]\d{2}[\s\-]\d{2}[\s\-]\d{2}|\d{4}[\s\-]\d{4})\b").expect("phone regex")
});

pub const CPR_MASK: &str = "[cpr-nummer skjult]";
pub const PHONE_MASK: &str = "[telefonnummer skjult]";
pub const EMAIL_MASK: &str = "[e-mail skjult]";
pub const URL_MASK: &str = "[link skjult]";

/// The masked text, and whether anything was masked (such text waits for a
/// moderator before it is shown).
#[derive(Debug, PartialEq, Eq)]
pub struct Masked {
    pub text: String,
    pub masked: bool,
}

pub fn mask(input: &str) -> Masked {
    let s = EMAIL.replace_all(input, EMAIL_MASK);
    let s = URL.replace_all(&s, URL_MASK);
    let s = CPR.replace_all(&s, |c: &Captures| if is_real_date(&c[1], &c[2], &c[3]) { CPR_MASK.to_string() } else { c[0].to_string() });
    let s = PHONE.replace_all(&s, |c: &Captures| {
        let digits: String = c[0].chars().filter(char::is_ascii_digit).collect();
        let local = digits.strip_prefix("0045").or_else(|| digits.strip_prefix("45").filter(|d| d.len() == 8)).unwrap_or(&digits);
        // Danish subscriber numbers never start with 0 or 1.
        if local.len() == 8 && !local.starts_with('0') && !local.starts_with('1') {
            PHONE_MASK.to_string()
        } else {
            c[0].to_string()
        }
    });
    let text = s.into_owned();
    Masked { masked: text != input, text }
}

fn is_real_date(dd: &str, mm: &str, yy: &str) -> bool {
    let (Ok(d), Ok(m), Ok(y)) = (dd.parse::<u32>(), mm.parse::<u32>(), yy.parse::<u32>()) else {
        return false;
    };
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        // Without the century we cannot tell 1900 from 2000, so allow the 29th
        // whenever the two-digit year could be a leap year.
        2 if y % 4 == 0 => 29,
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
    fn reports_whether_anything_was_masked() {
        assert!(mask("22334455").masked);
        assert!(!mask("hej").masked);
    }
}
