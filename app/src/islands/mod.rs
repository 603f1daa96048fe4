//! The parts of pages a person interacts with: Leptos islands, the only
//! code the browser gets. Everything else is rendered on the server, and
//! its forms are plain HTML forms.

pub mod board;
pub mod forms;
pub mod review;
pub mod schools;
pub mod scoring;
pub mod tokens;
pub mod wizard;
