//! The governance view's rules: months and periods, rollup cells, disclosure
//! control and the statistics, all pure.

pub mod assumption;
pub mod disclosure;
pub mod figures;
pub mod month;
pub mod release;
pub mod rollup;
pub mod stats;
#[cfg(feature = "ssr")]
pub mod synthetic;
