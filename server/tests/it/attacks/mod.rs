//! The attacks of the privacy review (issue 16), each run on SQLite and
//! PostgreSQL. Every test was written first as the attack, seen to succeed
//! against the old code, and then closed: it asserts what the attacker no
//! longer learns.

/// Differencing, totals, handovers and medians (the release rule).
mod disclosure;
/// HTTP hygiene: caching, redirects, malformed server-function calls.
mod http;
/// Rate limits, stream caps and account takeover.
mod limits;
/// Public pages, their hydration data and public JSON: counts, moderation data, CSV, names.
mod public;
