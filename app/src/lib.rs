//! Stemme's Leptos crate: pages, components and server functions; the domain
//! and the store behind the `ssr` feature; the browser entry point behind
//! `hydrate`. Pages render on the server; only `#[island]` components ship
//! wasm, so youth pages stay light on slow mobile data.

#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod catalogue;
pub mod codesign;
pub mod components;
pub use ::domain;
pub mod governance;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod municipality;
pub mod pages;
pub mod rate;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub use ::store;
pub mod workshop;

pub use pages::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
