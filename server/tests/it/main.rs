//! Every integration test in one binary: the real server on port 0 with a fresh
//! database, each scenario on SQLite and on PostgreSQL (`both_engines!`). One
//! binary links once instead of sixteen times.

#[macro_use]
mod common;

mod admin;
mod api;
mod assumptions;
mod attacks;
mod backup;
mod cli;
mod codesign;
mod codesign_pages;
mod durability;
mod governance;
mod observability;
mod openapi;
mod operations;
mod passkeys;
mod pages;
mod principles;
mod second_factor;
mod security;
mod sso;
mod staff;
mod workshops;
