//! A word cloud of ideas: words reduced to their stems (Snowball, Danish or
//! English by which language's little words the text uses), so "fodbold",
//! "Fodbolden" and "fodbolds" count as one, shown as its most common form.

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    pub count: u32,
}

/// Ideas are short; longer input is cut here (it is user input).
const MAX_CHARS: usize = 500;

const DANISH: &[&str] = &[
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af", "for", "ikke", "der", "var", "mig",
    "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op",
    "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle", "vil", "blev", "kunne", "ind", "når", "være", "dog", "noget",
    "ville", "jo", "deres", "efter", "ned", "skulle", "denne", "end", "dette", "mit", "også", "under", "have", "dig", "anden", "hende",
    "mine", "alt", "meget", "sit", "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver",
    "hendes", "været", "thi", "jer", "sådan", "så", "kan", "få", "mere", "bare", "godt", "lidt", "hvordan", "fordi", "vores", "jeres",
    "mit", "kun", "os", "får", "gør", "gøre", "skal", "må", "bør",
];

const ENGLISH: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is", "are", "was", "were",
    "be", "been", "being", "have", "has", "had", "do", "does", "did", "will", "would", "should", "could", "can", "may", "might", "must",
    "i", "me", "my", "we", "our", "us", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "this",
    "that", "these", "those", "what", "which", "who", "whom", "when", "where", "why", "how", "all", "any", "both", "each", "more", "most",
    "other", "some", "such", "no", "not", "only", "own", "same", "so", "than", "too", "very", "just", "also", "about", "into", "over",
    "after", "before", "up", "down", "out", "off", "again", "there", "here", "get", "got", "make", "want", "need",
];

fn words(text: &str) -> Vec<String> {
    let text: String = text.chars().take(MAX_CHARS).collect();
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The most frequent stems across `texts`, each as its most common
/// spelling; a stem counts once per text. Most frequent first, ties
/// alphabetical; at most `limit`.
pub fn cloud(texts: &[&str], limit: usize) -> Vec<Word> {
    let danish = Stemmer::create(Algorithm::Danish);
    let english = Stemmer::create(Algorithm::English);
    // stem → (texts it is in, spelling → uses)
    let mut stems: BTreeMap<String, (u32, BTreeMap<String, u32>)> = BTreeMap::new();
    for text in texts {
        let ws = words(text);
        let en = ws.iter().filter(|w| ENGLISH.contains(&w.as_str())).count();
        let da = ws.iter().filter(|w| DANISH.contains(&w.as_str())).count();
        let (stemmer, stop) = if en > da { (&english, ENGLISH) } else { (&danish, DANISH) };
        let mut seen = BTreeSet::new();
        for w in ws {
            if w.chars().count() < 2 || stop.contains(&w.as_str()) || DANISH.contains(&w.as_str()) || ENGLISH.contains(&w.as_str()) {
                continue;
            }
            let stem = stemmer.stem(&w).into_owned();
            let entry = stems.entry(stem.clone()).or_default();
            *entry.1.entry(w).or_default() += 1;
            if seen.insert(stem) {
                entry.0 += 1;
            }
        }
    }
    let mut out: Vec<Word> = stems
        .into_values()
        .filter_map(|(count, spellings)| {
            // Most used spelling; ties go to the shortest, then alphabetical.
            let text = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.chars().count().cmp(&a.0.chars().count())).then(b.0.cmp(&a.0)))?
                .0;
            Some(Word { text, count })
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(texts: &[&str]) -> Vec<(String, u32)> {
        cloud(texts, 50).into_iter().map(|w| (w.text, w.count)).collect()
    }

    #[test]
    fn forms_of_a_word_count_as_one() {
        let c = counts(&["Mere fodbold", "fodbolden er god", "Fodbold!"]);
        assert_eq!(c[0], ("fodbold".to_string(), 3));
        assert!(c.iter().all(|(w, _)| w != "mere" && w != "er"), "stop words dropped: {c:?}");
    }

    #[test]
    fn english_texts_are_stemmed_as_english() {
        let c = counts(&["playing football is fun", "more football", "we play"]);
        assert_eq!(c[0], ("football".to_string(), 2));
        assert!(c.iter().any(|(w, n)| (w == "playing" || w == "play") && *n == 2), "{c:?}");
    }

    #[test]
    fn danish_letters_survive_and_numbers_go() {
        let c = counts(&["Grønne områder 24/7", "grønne skolegårde", "Øl-fri fest"]);
        assert_eq!(c[0], ("grønne".to_string(), 2));
        assert!(c.iter().any(|(w, _)| w == "øl"));
        assert!(c.iter().all(|(w, _)| w.chars().all(char::is_alphabetic)));
    }

    #[test]
    fn a_stem_counts_once_per_text_and_ties_are_alphabetical() {
        assert_eq!(counts(&["bus bus bus"]), vec![("bus".to_string(), 1)]);
        assert_eq!(counts(&["zebra", "abe"]), vec![("abe".to_string(), 1), ("zebra".to_string(), 1)]);
    }

    #[test]
    fn limits_and_empty_input() {
        assert!(cloud(&[], 10).is_empty());
        assert!(cloud(&["", "  !! "], 10).is_empty());
        assert_eq!(cloud(&["en to tre fire fem seks syv"], 2).len(), 2);
        let long = "ord ".repeat(1000);
        assert_eq!(cloud(&[&long], 5), vec![Word { text: "ord".into(), count: 1 }]);
    }
}
