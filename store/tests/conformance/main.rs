//! One conformance suite for the `Store` trait and all its parts: every
//! scenario runs on SQLite and on PostgreSQL (`<part>::sqlite::<scenario>`,
//! `<part>::postgres::<scenario>`).

mod answers;
mod assumptions;
mod catalogue;
mod common;
mod governance;
mod principles;
mod proposals;
mod root;
mod staff;
