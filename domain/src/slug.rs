/// Slugs in URLs are lowercase ASCII letters, digits and dashes (DESIGN.md).
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Slugs a municipality cannot have: `/admin/kommuner` (the operator's list)
/// and `/admin/konto` (one's own account) share their path with
/// `/admin/{municipality}`.
pub const RESERVED_MUNICIPALITY_SLUGS: &[&str] = &["kommuner", "konto"];

/// A slug a new municipality may take.
pub fn is_valid_municipality_slug(s: &str) -> bool {
    is_valid_slug(s) && !RESERVED_MUNICIPALITY_SLUGS.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_valid_slug("jobcenter"));
        assert!(is_valid_slug("fgu-vest-2"));
        assert!(!is_valid_slug("Jobcenter"));
        assert!(!is_valid_slug("ungdomsskole/../x"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("æble"));
    }

    #[test]
    fn reserved_slugs_are_no_municipality_slugs() {
        assert!(is_valid_municipality_slug("odense"));
        assert!(is_valid_slug("kommuner"));
        assert!(!is_valid_municipality_slug("kommuner"));
        assert!(!is_valid_municipality_slug("konto"));
        assert!(!is_valid_municipality_slug("Odense"));
    }
}
