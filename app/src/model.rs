//! Data that crosses between server and browser (what server functions return).

use crate::domain::Text;
use serde::{Deserialize, Serialize};

/// A school as listed on the schools page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolSummary {
    /// The public (random) id, safe to put in URLs.
    pub id: String,
    pub name: String,
    pub phase: String,
    pub city: String,
    pub learners: u32,
}

/// One published framework version, as listed on the frameworks page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkSummary {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub default_language: String,
    pub languages: Vec<String>,
    pub elements: u32,
    pub indicators: u32,
}

/// What the "add a school" form sent, so that a refused form can be shown
/// again exactly as it was typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolForm {
    pub name: String,
    pub phase: String,
    pub city: String,
    pub learners: String,
}
