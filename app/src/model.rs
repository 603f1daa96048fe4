//! Data that crosses between server and browser (what server functions return).

use crate::domain::Text;
use serde::{Deserialize, Serialize};

/// Percent-encodes a value for a URL query (everything but unreserved characters).
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A school as listed on the schools page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolSummary {
    /// The public (random) id, safe to put in URLs.
    pub id: String,
    pub name: String,
    pub phase: String,
    pub city: String,
    pub learners: u32,
    /// The award the school holds now, if any.
    #[serde(default)]
    pub current_award: Option<String>,
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
    /// (id, title) of each award the framework defines.
    #[serde(default)]
    pub awards: Vec<(String, Text)>,
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

/// The signed-in person, as the pages need them: who they are, what they
/// hold, and the names of the schools they hold it at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub viewer: crate::domain::Viewer,
    pub preferred_language: String,
    /// (public id, name) of each school in the memberships.
    pub schools: Vec<(String, String)>,
}

/// A person at a school, with one role they hold there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub account: String,
    pub name: String,
    pub email: String,
    pub role: crate::domain::Role,
}

/// An invitation not yet accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub email: String,
    pub role: crate::domain::Role,
    pub school: Option<String>,
    /// RFC 3339.
    pub expires_at: String,
}

/// One school's page: details, and what the viewer may do there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolDetail {
    pub school: SchoolSummary,
    pub region: String,
    pub contact_email: String,
    /// The current award's first and last day (ISO dates).
    pub award_since: Option<String>,
    pub award_until: Option<String>,
    /// The networks the school belongs to (names).
    pub networks: Vec<String>,
    /// Present when the viewer may manage the school's people.
    pub members: Option<Vec<Member>>,
    pub invitations: Vec<PendingInvitation>,
    pub may_edit: bool,
    pub may_manage_people: bool,
    pub may_view_assessments: bool,
    pub may_start_assessment: bool,
    pub may_assign_assessors: bool,
}

/// What the invitation page shows before it is accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub role: crate::domain::Role,
    pub school: Option<String>,
    /// Whether the email already has an account (then only its password is asked).
    pub account_exists: bool,
}

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// One audit event, for the audit log page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub school: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub ip: String,
}

/// The audit log's filters, as typed into its search form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub action: String,
    pub actor: String,
    pub object: String,
    /// 0-based page of [`AUDIT_PAGE_SIZE`] events, newest first.
    pub page: u32,
}

pub const AUDIT_PAGE_SIZE: u64 = 50;

/// A page of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub events: Vec<AuditRecord>,
    pub has_more: bool,
}

/// A network as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkSummary {
    pub id: String,
    pub name: String,
    pub schools: u32,
}

/// One network's page: its figures, and its schools for admins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkDetail {
    pub id: String,
    pub name: String,
    pub figures: crate::domain::NetworkFigures,
    /// Member schools (name, city, current award): what the alliance publishes.
    pub schools: Vec<SchoolSummary>,
    /// Schools not yet in the network, for the admin's "add a school" form.
    pub others: Option<Vec<SchoolSummary>>,
    pub invitations: Vec<PendingInvitation>,
}

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
    pub framework: crate::domain::Framework,
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
