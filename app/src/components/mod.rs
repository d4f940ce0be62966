pub mod faces;
pub mod layout;
pub mod rating_form;
pub mod workshop;

pub use layout::{IslandScripts, PageFrame, PageTitle};
