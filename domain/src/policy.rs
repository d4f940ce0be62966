//! How long things last: the time rules the store applies and the server
//! states (cookies, links, retry-after), in Unix seconds.

/// Ratings from the same device for the same service within this window
/// replace each other.
pub const REPLACE_WINDOW_SECS: i64 = 30 * 24 * 3600;

/// Session lifetimes (ASVS 3.3): 30 minutes idle, 12 hours in all.
pub const SESSION_IDLE_SECS: i64 = 30 * 60;
pub const SESSION_ABSOLUTE_SECS: i64 = 12 * 3600;
// An idle limit at or above the absolute one would never take effect.
const _: () = assert!(SESSION_IDLE_SECS < SESSION_ABSOLUTE_SECS);
/// Set-password links are valid for a day, once.
pub const PASSWORD_LINK_SECS: i64 = 24 * 3600;
/// Sign-in failures count for 15 minutes.
pub const LOGIN_WINDOW_SECS: i64 = 15 * 60;
/// Between the password and the second factor: a sign-in not finished
/// within this time starts again from the password.
pub const CHALLENGE_SECS: i64 = 10 * 60;

/// Average month length, so "24 months" does not depend on the calendar.
pub const MONTH_SECS: i64 = 2_629_746;

/// Now, in Unix seconds (UTC). Server-side only: the browser's wasm has no
/// system clock to read this way.
#[cfg(feature = "ssr")]
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_months_are_a_gregorian_year() {
        assert_eq!(MONTH_SECS * 12, 31_556_952);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn now_is_after_2024() {
        assert!(now() > 1_704_067_200);
    }
}
