//! Join codes: six characters read off a projector and typed on a phone, so
//! none that look alike (0/O/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G) and no vowels that
//! could spell words.

/// 19 characters: 19⁶ ≈ 47 million codes.
pub const ALPHABET: &str = "CDFHJKMNPRTVWXY3479";
pub const LEN: usize = 6;

/// The code as typed (any case, spaces or dashes) in its stored form, or
/// `None` when it cannot be a code.
pub fn normalize(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect();
    (code.chars().count() == LEN && code.chars().all(|c| ALPHABET.contains(c))).then_some(code)
}

/// A new random code.
#[cfg(feature = "ssr")]
pub fn new_code() -> String {
    use rand::seq::SliceRandom;
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut rng = rand::thread_rng();
    (0..LEN).filter_map(|_| alphabet.choose(&mut rng)).collect()
}

/// "K7M 3PX": easier to read aloud and off a screen.
pub fn spaced(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let half = chars.len() / 2;
    format!("{} {}", chars[..half].iter().collect::<String>(), chars[half..].iter().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_look_alikes() {
        for c in "0OQ1IL2Z5S8B6GAEUÆØÅ".chars() {
            assert!(!ALPHABET.contains(c), "{c}");
        }
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalize(" k7m-3px ").as_deref(), Some("K7M3PX"));
        assert_eq!(normalize("c7m 3px"), Some("C7M3PX".into()));
        assert_eq!(normalize("C7M3P"), None);
        assert_eq!(normalize("C7M3PXX"), None);
        assert_eq!(normalize("C0M3PX"), None);
        assert_eq!(normalize(""), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn new_codes_are_valid_and_differ() {
        let a = new_code();
        assert_eq!(normalize(&a), Some(a.clone()));
        assert!((0..20).map(|_| new_code()).any(|b| b != a));
    }

    #[test]
    fn codes_are_spaced_for_reading() {
        assert_eq!(spaced("C7M3PX"), "C7M 3PX");
    }
}
