//! Research projects: their key steps and annual reviews.

use serde::{Deserialize, Serialize};

/// A research activity as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchSummary {
    pub id: String,
    pub question: String,
    pub status: crate::domain::research::ResearchStatus,
    pub flagship: bool,
    pub elements: Vec<String>,
    /// Participating schools' names.
    pub schools: Vec<String>,
    pub steps: u32,
    pub steps_done: u32,
}

/// A cluster's research page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchList {
    pub cluster_id: String,
    pub cluster_name: String,
    pub activities: Vec<ResearchSummary>,
    /// Member schools (public id, name), to choose participants from.
    pub members: Vec<(String, String)>,
    pub elements: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
}

/// One key step of a research project's outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchStepView {
    pub id: i64,
    pub description: String,
    pub people: String,
    /// `YYYY-MM-DD`, or empty.
    pub starts_on: String,
    pub ends_on: String,
    pub state: crate::domain::research::StepState,
}

/// A research project's review for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchReviewView {
    pub year: i32,
    pub carried_forward: String,
    pub progress: String,
    pub next_steps: String,
    pub reviewed_by: String,
    pub reviewed_at: String,
    /// The version to save over.
    #[serde(default)]
    pub version: i32,
}

/// One research activity with its outline and reviews.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchView {
    pub id: String,
    pub cluster_id: String,
    pub cluster_name: String,
    pub question: String,
    pub elements: Vec<String>,
    /// Participating schools' public ids.
    pub schools: Vec<String>,
    pub method: String,
    pub findings: String,
    pub status: crate::domain::research::ResearchStatus,
    pub flagship: bool,
    pub version: i32,
    pub steps: Vec<ResearchStepView>,
    /// Newest year first.
    pub reviews: Vec<ResearchReviewView>,
    /// The year a review written now is for.
    pub year: i32,
    /// Last year's next steps, which this year's review starts from.
    pub carried_forward: Option<String>,
    pub members: Vec<(String, String)>,
    /// The framework's elements (id, title).
    pub framework_elements: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
}
