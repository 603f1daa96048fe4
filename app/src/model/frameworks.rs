//! A framework as a form offers it: its title and its indicators, for a
//! choice of the indicator something is about (a register entry, a survey
//! question).

use crate::domain::Text;
use serde::{Deserialize, Serialize};

/// A framework whose indicators a form may name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkIndicators {
    pub id: String,
    pub title: Text,
    pub default_language: String,
    /// (id, title) of every indicator, in framework order.
    pub indicators: Vec<(String, Text)>,
}

impl FrameworkIndicators {
    pub fn of(fw: &crate::domain::Framework) -> Self {
        FrameworkIndicators {
            id: fw.id.clone(),
            title: fw.title.clone(),
            default_language: fw.default_language.clone(),
            indicators: fw
                .indicators()
                .map(|r| (r.indicator.id.clone(), r.indicator.title.clone()))
                .collect(),
        }
    }

    pub fn indicator_title(&self, id: &str) -> Option<&Text> {
        self.indicators
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| t)
    }
}
