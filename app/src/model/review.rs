//! Reviews: the queue, one review and what its pages show of the
//! school's answers, certificates and the accreditation calendar.

use super::assessment::{AssessmentView, Assignee};
use super::cluster::AnnualUpdateSection;
use crate::domain::Text;
use serde::{Deserialize, Serialize};

/// One review in an assessor's (or the admin's) queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: String,
    pub school_id: String,
    pub school_name: String,
    pub cycle: crate::domain::assessment::Cycle,
    /// RFC 3339.
    pub submitted_at: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub status: crate::domain::review::ReviewStatus,
    pub lead: String,
    pub second: Option<String>,
    pub overdue: bool,
}

/// A submitted self-assessment with no assessor yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingAssessor {
    pub assessment: String,
    pub school_name: String,
    pub cycle: crate::domain::assessment::Cycle,
    pub submitted_at: Option<String>,
}

/// The review queue: the person's reviews, and for admins what awaits an
/// assessor and who can be assigned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueue {
    /// One page of the reviews.
    pub reviews: Vec<ReviewSummary>,
    /// How many reviews there are on every page.
    pub total: u32,
    /// The page shown, from 0.
    pub page: u32,
    /// The oldest submissions awaiting an assessor.
    pub awaiting: Vec<AwaitingAssessor>,
    /// How many are awaiting an assessor in all.
    pub awaiting_total: u32,
    pub assessors: Vec<Assignee>,
    pub may_assign: bool,
    /// `YYYY-MM-DD`: the default due date for a new assignment.
    pub default_due: String,
}

/// Everything the review page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: String,
    /// The self-assessment under review, without its answers: they are in
    /// `answers`, the school's words for the elements shown only (most of
    /// a page's weight otherwise).
    pub assessment: AssessmentView,
    pub answers: SchoolAnswers,
    pub status: crate::domain::review::ReviewStatus,
    pub due_on: String,
    pub lead: String,
    pub second: Option<String>,
    /// The viewer's part, if they are one of its assessors.
    pub part: Option<crate::domain::review::Part>,
    pub may_sign_off: bool,
    pub ratings: Vec<crate::domain::review::ReviewRating>,
    /// Every request, drafted or sent, with the school's answers.
    pub requests: Vec<crate::domain::review::EvidenceRequest>,
    pub visit: crate::domain::review::Visit,
    pub decision: Option<crate::domain::review::Decision>,
    pub moderation_reasons: Vec<crate::domain::review::ModerationReason>,
    /// The second assessor's verdict: (agrees, reasons).
    pub moderation: Option<(bool, String)>,
    /// Facts the award rules read (awards held, clusters).
    pub context: crate::domain::AwardContext,
    /// The certificate the review granted, once signed off.
    pub certificate: Option<String>,
    pub signed_off_at: Option<String>,
    /// This year's submitted annual updates of the school's clusters:
    /// (cluster name, sections), the basis of an annual review.
    pub cluster_updates: Vec<(String, Vec<AnnualUpdateSection>)>,
}

/// The review page showing one element (or `all`).
pub fn review_element_href(review: &str, element: &str) -> String {
    format!("/reviews/{review}?element={element}")
}

/// Where an indicator is reviewed: its element's page, at the indicator.
pub fn review_indicator_href(
    review: &str,
    fw: &crate::domain::Framework,
    indicator: &str,
) -> String {
    match fw.indicator(indicator) {
        Some(place) => format!(
            "{}#review-{indicator}",
            review_element_href(review, &place.element.id)
        ),
        None => format!("/reviews/{review}"),
    }
}

/// Which elements the review page shows: one at a time, as the wizard
/// asks them (`?element=ID`), or every element (`?element=all`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShownElements {
    /// One element, by its position in the framework.
    One(usize),
    #[default]
    All,
}

impl ShownElements {
    /// `?element=all`, `?element=ID`, or (missing or unknown) the first.
    pub fn from_query(fw: &crate::domain::Framework, element: Option<&str>) -> Self {
        match element {
            Some("all") => ShownElements::All,
            Some(id) => {
                ShownElements::One(fw.elements.iter().position(|e| e.id == id).unwrap_or(0))
            }
            None => ShownElements::One(0),
        }
    }

    /// The query value that shows these elements.
    pub fn query(self, fw: &crate::domain::Framework) -> String {
        match self {
            ShownElements::One(index) => fw
                .elements
                .get(index)
                .map(|e| e.id.clone())
                .unwrap_or_default(),
            ShownElements::All => "all".to_owned(),
        }
    }

    pub fn includes(self, index: usize) -> bool {
        self == ShownElements::All || self == ShownElements::One(index)
    }

    /// Whether what was loaded for `self` also serves `other`.
    pub fn covers(self, other: ShownElements) -> bool {
        self == ShownElements::All || self == other
    }
}

/// A self-assessment's answers as its review page carries them: every
/// indicator's level and evidence count (the scores read them), and the
/// school's words for the elements shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolAnswers {
    /// Scale level id per answered indicator id.
    pub levels: std::collections::HashMap<String, String>,
    /// Pieces of evidence per indicator id.
    pub evidence_counts: std::collections::HashMap<String, u32>,
    pub texts: SchoolTexts,
}

impl SchoolAnswers {
    /// Moves the answers out of `assessment` (its responses and evidence
    /// are left empty), keeping the narratives and evidence of the `shown`
    /// elements only.
    pub fn take_from(assessment: &mut AssessmentView, shown: ShownElements) -> SchoolAnswers {
        let evidence_counts = crate::domain::assessment::evidence_counts(&assessment.evidence);
        let fw = assessment.framework.clone();
        let on_screen = |indicator: &str| {
            fw.indicator(indicator)
                .is_some_and(|place| shown.includes(place.element_index))
        };
        let mut levels = std::collections::HashMap::new();
        let mut narratives = Vec::new();
        for response in std::mem::take(&mut assessment.responses) {
            if on_screen(&response.indicator) {
                narratives.push((response.indicator.clone(), response.narrative));
            }
            if let Some(level) = response.level {
                levels.insert(response.indicator, level);
            }
        }
        let evidence = std::mem::take(&mut assessment.evidence)
            .into_iter()
            .filter(|e| e.indicators.iter().any(|i| on_screen(i)))
            .collect();
        SchoolAnswers {
            levels,
            evidence_counts,
            texts: SchoolTexts {
                shown,
                narratives,
                evidence,
            },
        }
    }
}

/// The school's own words on some elements of a self-assessment: the
/// narrative of each of their indicators and the evidence tied to them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolTexts {
    pub shown: ShownElements,
    /// (indicator, narrative), for the answered indicators.
    pub narratives: Vec<(String, String)>,
    pub evidence: Vec<crate::domain::assessment::EvidenceItem>,
}

impl SchoolTexts {
    pub fn narrative(&self, indicator: &str) -> &str {
        self.narratives
            .iter()
            .find(|(id, _)| id == indicator)
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
    }
}

/// What a certificate and its public verification page show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub code: String,
    pub school_name: String,
    pub school_city: String,
    pub award_title: Text,
    pub framework_title: Text,
    /// The framework's own language, the fallback for its texts.
    pub default_language: String,
    pub granted_on: String,
    pub valid_until: String,
    pub standing: crate::domain::review::Standing,
    /// Why it was last suspended, reinstated or revoked (admins only).
    #[serde(default)]
    pub status_reason: String,
    /// Whether the viewer may suspend, reinstate or revoke it.
    #[serde(default)]
    pub may_change: bool,
}

/// One school's line in the accreditation calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRow {
    pub school_id: String,
    pub school_name: String,
    /// The award's id in its framework.
    pub award: String,
    pub award_title: Text,
    pub certificate: String,
    pub granted_on: String,
    pub valid_until: String,
    pub reviews: Vec<crate::domain::calendar::DueReview>,
}

/// A school's standing in the calendar: its award's reviews, the next one
/// due, and what it will cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolCalendar {
    pub row: Option<CalendarRow>,
    /// The cycle the school should start next.
    pub next_cycle: crate::domain::assessment::Cycle,
    /// What it costs, if its award's fee schedule on the day it falls
    /// due covers the school's size.
    pub next_fee: Option<crate::domain::fees::Fee>,
}
