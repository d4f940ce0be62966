//! Where a request may send the browser next (`back`, `next`): only a clean
//! path on this site. Browsers drop tabs and newlines inside a URL and read
//! `\` as `/`, so `/\t/evil.example` and `/\evil.example` become
//! `//evil.example`, which is another host.

/// `p` when it is a clean path on this site, else `None`.
pub fn same_site(p: &str) -> Option<&str> {
    let clean = p.starts_with('/')
        && !p.starts_with("//")
        // Only visible ASCII: no whitespace, no control characters, and no
        // Unicode look-alikes a browser might normalise into a slash.
        && p.bytes().all(|b| b.is_ascii_graphic())
        && !p.contains('\\');
    // Some servers and proxies decode before routing: `/%2F/evil` or
    // `/%09/evil` must not become a second host there either.
    let decoded = percent_decode(p);
    let still_clean = !decoded.starts_with("//") && !decoded.contains('\\') && !decoded.chars().any(char::is_control);
    (clean && still_clean).then_some(p)
}

/// `p` when it is a clean path on this site, else `/`.
pub fn same_site_or_home(p: Option<&str>) -> String {
    p.and_then(same_site).unwrap_or("/").to_string()
}

/// Percent-encodes a path for a query parameter (`/` stays readable).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Decodes `%XX` escapes (others are kept as typed); invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_clean_paths_on_this_site_pass() {
        let nasty = [
            "",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/x\r\nSet-Cookie: a=b",
            "%2F%2Fevil.example",
            "/%2F/evil.example",
            "/%2f/evil.example",
            "/%09/evil.example",
            "/%0A/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "https://evil.example",
            "javascript:alert(1)",
            " /x",
            "/x y",
            "/\u{a0}/evil.example",
            "/\u{2215}evil.example",
            "/k/%00",
            "evil.example",
        ];
        for p in nasty {
            assert_eq!(same_site(p), None, "{p:?} must be refused");
            assert_eq!(same_site_or_home(Some(p)), "/", "{p:?}");
        }
        for p in ["/", "/ok?x=1#y", "/k/demo/s/fgu", "/k/demo?q=a%20b", "/k/demo?next=/x", "/k/%C3%B8", "/https://x"] {
            assert_eq!(same_site(p), Some(p), "{p:?} is a path on this site");
        }
        assert_eq!(same_site_or_home(None), "/");
    }

    #[test]
    fn percent_escapes_are_decoded_once() {
        assert_eq!(percent_decode("/%2F%2fx%"), "///x%");
        assert_eq!(percent_decode("/%zz%4"), "/%zz%4");
        assert_eq!(percent_decode("/%C3%B8"), "/ø");
    }
}
