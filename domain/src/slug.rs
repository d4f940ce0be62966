/// Slugs in URLs are lowercase ASCII letters, digits and dashes (DESIGN.md).
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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
}
