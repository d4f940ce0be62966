//! See `main.rs`. What public pages, public JSON and exports give away.

/// Item 9: exports that Danish Excel would turn into live formulas.
mod csv;
/// Items 1 and 2: exact counts of 1–4 young people, and moderators' notes and flags.
mod leaks;
/// Item 13: free text naming a person or giving a street address.
mod names;
