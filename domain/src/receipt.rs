//! Receipt codes: how a young person follows a proposal without an account.
//! 16 characters of Crockford's base32 (80 random bits), shown in groups of
//! four. The alphabet has no I, L, O or U, and typing them is forgiven (O is
//! read as 0, I and L as 1), so a code copied from paper still works. Only
//! the SHA-256 of the normalised code is stored.

use rand::Rng;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LEN: usize = 16;

/// A new code, e.g. `7QK2-M9XD-4HNB-T0RC`.
pub fn new_code() -> String {
    let mut rng = rand::thread_rng();
    let raw: String = (0..LEN).map(|_| ALPHABET[rng.gen_range(0..32)] as char).collect();
    display(&raw)
}

fn display(raw: &str) -> String {
    raw.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

/// The code as typed, in its canonical form (`XXXX-XXXX-XXXX-XXXX`), or
/// `None` when it cannot be a code (refused before any lookup).
pub fn normalize(typed: &str) -> Option<String> {
    let mut raw = String::with_capacity(LEN);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '\u{a0}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        raw.push(c);
        if raw.len() > LEN {
            return None;
        }
    }
    (raw.len() == LEN).then(|| display(&raw))
}

/// What the database keeps instead of the code.
pub fn digest(code: &str) -> String {
    super::secret::digest(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_80_random_bits_in_groups_of_four() {
        let a = new_code();
        assert_eq!(a.len(), 19);
        assert_eq!(a.split('-').count(), 4);
        assert_eq!(normalize(&a).as_deref(), Some(a.as_str()));
        assert_ne!(a, new_code());
        // 32^16 = 2^80 possible codes.
        assert_eq!(32f64.powi(LEN as i32).log2(), 80.0);
    }

    #[test]
    fn typing_is_forgiven() {
        assert_eq!(normalize(" 7qk2 m9xd-4hnb-tOrc ").as_deref(), Some("7QK2-M9XD-4HNB-T0RC"));
        assert_eq!(normalize("IL00000000000000").as_deref(), Some("1100-0000-0000-0000"));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in ["", "7QK2-M9XD-4HNB", "7QK2-M9XD-4HNB-T0RC-X", "UUUU-UUUU-UUUU-UUUU", "../../etc/passwd", "ÆØÅÆ-0000-0000-0000"] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
