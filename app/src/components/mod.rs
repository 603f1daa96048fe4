//! Small components shared by pages.

pub mod field;
pub mod layout;
