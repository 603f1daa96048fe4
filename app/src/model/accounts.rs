//! People: the signed-in person, members and invitations, the outbox
//! and the audit log.

use serde::{Deserialize, Serialize};

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
    /// Whether the viewer may remove this role (as they may grant it).
    #[serde(default)]
    pub removable: bool,
}

/// An invitation not yet accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    /// The invitation's public id (for withdrawing it).
    pub id: String,
    pub email: String,
    pub role: crate::domain::Role,
    pub school: Option<String>,
    /// RFC 3339.
    pub expires_at: String,
    /// Whether the viewer may withdraw it (as they may send it).
    #[serde(default)]
    pub may_revoke: bool,
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
    /// Refusals counted rather than logged, in the last two days.
    #[serde(default)]
    pub refusals: Vec<RefusalCount>,
}

/// Refusals counted in one hour from one source (people not signed in, and
/// anyone past the cap of the audit log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalCount {
    /// `YYYY-MM-DDTHH` (UTC).
    pub hour: String,
    /// The address (not signed in) or the account's email.
    pub source: String,
    pub reason: String,
    pub count: i64,
}
