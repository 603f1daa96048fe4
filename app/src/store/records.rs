//! Self-assessments and reviews as stored, read from their rows: the
//! records both features' queries return.

use super::entity::{review, self_assessment};
use super::rfc3339;
use crate::domain::assessment::{Cycle, Status};
use crate::domain::review::{Decision, ModerationReason, Outcome, ReviewStatus, Visit};
use chrono::NaiveDate;

/// A self-assessment as stored.
#[derive(Clone, Debug)]
pub struct AssessmentRecord {
    pub key: i64,
    pub id: String,
    pub school_key: i64,
    pub framework_id: String,
    pub framework_version: String,
    pub cycle: Cycle,
    pub target_award: String,
    pub status: Status,
    pub created_at: String,
}

pub(super) fn record_of(m: self_assessment::Model) -> Option<AssessmentRecord> {
    Some(AssessmentRecord {
        cycle: Cycle::parse(&m.cycle)?,
        status: Status::parse(&m.status)?,
        key: m.id,
        id: m.public_id,
        school_key: m.school_id,
        framework_id: m.framework_id,
        framework_version: m.framework_version,
        target_award: m.target_award,
        created_at: rfc3339(m.created_at),
    })
}

/// A review as stored.
#[derive(Clone, Debug)]
pub struct ReviewRecord {
    pub key: i64,
    pub id: String,
    pub assessment_key: i64,
    pub lead: i64,
    pub second: Option<i64>,
    pub due_on: NaiveDate,
    pub status: ReviewStatus,
    pub decision: Option<Decision>,
    pub moderation_reasons: Vec<ModerationReason>,
    /// The second assessor's verdict: (agrees, their reasons).
    pub moderation: Option<(bool, String)>,
    pub visit: Visit,
    pub signed_off_at: Option<String>,
    pub created_at: String,
}

pub(super) fn review_of(m: review::Model) -> Option<ReviewRecord> {
    let decision = match (m.outcome.as_deref().and_then(Outcome::parse), &m.report) {
        (Some(outcome), report) => Some(Decision {
            outcome,
            award: m.award.clone(),
            conditions: m.conditions.clone(),
            report: report.clone(),
        }),
        (None, _) => None,
    };
    Some(ReviewRecord {
        status: ReviewStatus::parse(&m.status)?,
        key: m.id,
        id: m.public_id,
        assessment_key: m.assessment_id,
        lead: m.lead_assessor_id,
        second: m.second_assessor_id,
        due_on: m.due_on,
        decision,
        moderation_reasons: serde_json::from_str(&m.moderation_reasons).unwrap_or_default(),
        moderation: m.moderation_agrees.map(|a| (a, m.moderation_note.clone())),
        visit: Visit {
            visited_on: m.visited_on.map(|d| d.to_string()).unwrap_or_default(),
            people_met: m.people_met,
            classrooms: m.classrooms,
            notes: m.visit_notes,
        },
        signed_off_at: m.signed_off_at.map(rfc3339),
        created_at: rfc3339(m.created_at),
    })
}
