pub mod faces;
pub mod layout;
pub mod rating_form;

pub use layout::{IslandScripts, PageFrame, PageTitle};
