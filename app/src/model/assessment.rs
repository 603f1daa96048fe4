//! Self-assessments as listed and as the wizard draws them.

use serde::{Deserialize, Serialize};

/// A self-assessment as listed on its school's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentSummary {
    pub id: String,
    pub framework_id: String,
    pub framework_version: String,
    pub framework_title: String,
    pub cycle: crate::domain::assessment::Cycle,
    /// The target award's title.
    pub target_award: String,
    pub status: crate::domain::assessment::Status,
    pub created_at: String,
    /// Indicators rated, of all.
    pub rated: u32,
    pub total: u32,
}

/// A teacher (or coordinator) who can be given an element to fill in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    pub account: String,
    pub name: String,
}

/// Everything the wizard needs for one self-assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentView {
    pub id: String,
    pub school_id: String,
    pub school_name: String,
    /// Shared, not copied: every part of a page that reads it holds the same one.
    pub framework: std::sync::Arc<crate::domain::Framework>,
    pub cycle: crate::domain::assessment::Cycle,
    pub target_award: String,
    pub status: crate::domain::assessment::Status,
    pub responses: Vec<crate::domain::assessment::Response>,
    /// (element id, assignee) for each assigned element.
    pub assignments: Vec<(String, Assignee)>,
    /// People an element can be assigned to (for the coordinator).
    pub assignable: Vec<Assignee>,
    /// The elements the viewer may edit now.
    pub editable: Vec<String>,
    pub may_assign: bool,
    pub may_submit: bool,
    /// Every piece of evidence.
    pub evidence: Vec<crate::domain::assessment::EvidenceItem>,
    /// The school's previous self-assessment on the same framework, scored.
    pub previous: Option<PreviousCycle>,
    /// The assessor's requests for more evidence (those sent to the school).
    #[serde(default)]
    pub requests: Vec<crate::domain::review::EvidenceRequest>,
    /// Where the review is, once an assessor has it.
    #[serde(default)]
    pub review_status: Option<crate::domain::review::ReviewStatus>,
    /// The decision, once signed off, and the certificate it granted.
    #[serde(default)]
    pub decision: Option<crate::domain::review::Decision>,
    #[serde(default)]
    pub certificate: Option<String>,
    /// What the award rules know about the school beyond its answers; the
    /// wizard, the gap analysis and the review all score with it.
    #[serde(default)]
    pub context: crate::domain::AwardContext,
    /// Indicators with an open major non-conformity in the school's
    /// register: each blocks submission until it closes.
    #[serde(default)]
    pub blocked_by: Vec<String>,
}

/// A school's previous self-assessment, for the year-over-year comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousCycle {
    pub id: String,
    pub cycle: crate::domain::assessment::Cycle,
    pub created_at: String,
    /// (element id, score in permille).
    pub elements: Vec<(String, u32)>,
    pub overall: u32,
}

impl AssessmentView {
    pub fn assignee(&self, element: &str) -> Option<&Assignee> {
        self.assignments
            .iter()
            .find(|(e, _)| e == element)
            .map(|(_, a)| a)
    }
}
