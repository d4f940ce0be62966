//! See `main.rs`. What public pages, public JSON and exports give away.

/// Item 9: exports that Danish Excel would turn into live formulas.
mod csv;
