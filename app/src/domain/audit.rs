//! What the audit log records. Each event names who did it, when, what kind
//! of object it touched, and the object before and after.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    SignedIn,
    SignInFailed,
    SignInThrottled,
    SignedOut,
    SignedOutEverywhere,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    ProfileUpdated,
    InvitationCreated,
    InvitationAccepted,
    InvitationRevoked,
    MembershipAdded,
    MembershipRemoved,
    SchoolCreated,
    SchoolUpdated,
    FrameworkPublished,
    NetworkCreated,
    NetworkSchoolAdded,
    NetworkSchoolRemoved,
    AssessmentStarted,
    ElementAssigned,
    ResponseSaved,
    AssessmentSubmitted,
    EvidenceAdded,
    EvidenceRemoved,
    ActionPlanned,
    ActionUpdated,
    ReviewAssigned,
    ReviewRatingSaved,
    EvidenceRequested,
    AssessmentReturned,
    EvidenceRequestAnswered,
    VisitRecorded,
    DecisionProposed,
    DecisionModerated,
    DecisionSignedOff,
    AwardGranted,
    AwardRevoked,
    AwardSuspended,
    AwardReinstated,
    FeesUpdated,
    ClusterCreated,
    ClusterJoinRequested,
    ClusterJoinAccepted,
    ClusterJoinDeclined,
    ClusterLeft,
    CardAdded,
    CardEdited,
    CardMoved,
    CardCommented,
    ColumnRenamed,
    ClusterPlanUpdated,
    MeetingRecorded,
    AnnualUpdateEdited,
    AnnualUpdateSubmitted,
    CardPublished,
    CardWithdrawn,
    CardFileAttached,
    ColumnMoved,
    ResearchStarted,
    ResearchEdited,
    ResearchStepAdded,
    ResearchStepUpdated,
    ResearchReviewed,
    /// A school's record, or a dashboard's CSV, was downloaded.
    DataExported,
    /// A request refused by the policy or by the cross-site check.
    AccessDenied,
}

impl AuditAction {
    pub const ALL: [AuditAction; 67] = [
        AuditAction::SignedIn,
        AuditAction::SignInFailed,
        AuditAction::SignInThrottled,
        AuditAction::SignedOut,
        AuditAction::SignedOutEverywhere,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordReset,
        AuditAction::PasswordChanged,
        AuditAction::ProfileUpdated,
        AuditAction::InvitationCreated,
        AuditAction::InvitationAccepted,
        AuditAction::InvitationRevoked,
        AuditAction::MembershipAdded,
        AuditAction::MembershipRemoved,
        AuditAction::SchoolCreated,
        AuditAction::SchoolUpdated,
        AuditAction::FrameworkPublished,
        AuditAction::NetworkCreated,
        AuditAction::NetworkSchoolAdded,
        AuditAction::NetworkSchoolRemoved,
        AuditAction::AssessmentStarted,
        AuditAction::ElementAssigned,
        AuditAction::ResponseSaved,
        AuditAction::AssessmentSubmitted,
        AuditAction::EvidenceAdded,
        AuditAction::EvidenceRemoved,
        AuditAction::ActionPlanned,
        AuditAction::ActionUpdated,
        AuditAction::ReviewAssigned,
        AuditAction::ReviewRatingSaved,
        AuditAction::EvidenceRequested,
        AuditAction::AssessmentReturned,
        AuditAction::EvidenceRequestAnswered,
        AuditAction::VisitRecorded,
        AuditAction::DecisionProposed,
        AuditAction::DecisionModerated,
        AuditAction::DecisionSignedOff,
        AuditAction::AwardGranted,
        AuditAction::AwardRevoked,
        AuditAction::AwardSuspended,
        AuditAction::AwardReinstated,
        AuditAction::FeesUpdated,
        AuditAction::ClusterCreated,
        AuditAction::ClusterJoinRequested,
        AuditAction::ClusterJoinAccepted,
        AuditAction::ClusterJoinDeclined,
        AuditAction::ClusterLeft,
        AuditAction::CardAdded,
        AuditAction::CardEdited,
        AuditAction::CardMoved,
        AuditAction::CardCommented,
        AuditAction::ColumnRenamed,
        AuditAction::ClusterPlanUpdated,
        AuditAction::MeetingRecorded,
        AuditAction::AnnualUpdateEdited,
        AuditAction::AnnualUpdateSubmitted,
        AuditAction::CardPublished,
        AuditAction::CardWithdrawn,
        AuditAction::CardFileAttached,
        AuditAction::ColumnMoved,
        AuditAction::ResearchStarted,
        AuditAction::ResearchEdited,
        AuditAction::ResearchStepAdded,
        AuditAction::ResearchStepUpdated,
        AuditAction::ResearchReviewed,
        AuditAction::DataExported,
        AuditAction::AccessDenied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignInThrottled => "sign_in_throttled",
            AuditAction::SignedOut => "signed_out",
            AuditAction::SignedOutEverywhere => "signed_out_everywhere",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::ProfileUpdated => "profile_updated",
            AuditAction::InvitationCreated => "invitation_created",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::InvitationRevoked => "invitation_revoked",
            AuditAction::MembershipAdded => "membership_added",
            AuditAction::MembershipRemoved => "membership_removed",
            AuditAction::SchoolCreated => "school_created",
            AuditAction::SchoolUpdated => "school_updated",
            AuditAction::FrameworkPublished => "framework_published",
            AuditAction::NetworkCreated => "network_created",
            AuditAction::NetworkSchoolAdded => "network_school_added",
            AuditAction::NetworkSchoolRemoved => "network_school_removed",
            AuditAction::AssessmentStarted => "assessment_started",
            AuditAction::ElementAssigned => "element_assigned",
            AuditAction::ResponseSaved => "response_saved",
            AuditAction::AssessmentSubmitted => "assessment_submitted",
            AuditAction::EvidenceAdded => "evidence_added",
            AuditAction::EvidenceRemoved => "evidence_removed",
            AuditAction::ActionPlanned => "action_planned",
            AuditAction::ActionUpdated => "action_updated",
            AuditAction::ReviewAssigned => "review_assigned",
            AuditAction::ReviewRatingSaved => "review_rating_saved",
            AuditAction::EvidenceRequested => "evidence_requested",
            AuditAction::AssessmentReturned => "assessment_returned",
            AuditAction::EvidenceRequestAnswered => "evidence_request_answered",
            AuditAction::VisitRecorded => "visit_recorded",
            AuditAction::DecisionProposed => "decision_proposed",
            AuditAction::DecisionModerated => "decision_moderated",
            AuditAction::DecisionSignedOff => "decision_signed_off",
            AuditAction::AwardGranted => "award_granted",
            AuditAction::AwardRevoked => "award_revoked",
            AuditAction::AwardSuspended => "award_suspended",
            AuditAction::AwardReinstated => "award_reinstated",
            AuditAction::FeesUpdated => "fees_updated",
            AuditAction::ClusterCreated => "cluster_created",
            AuditAction::ClusterJoinRequested => "cluster_join_requested",
            AuditAction::ClusterJoinAccepted => "cluster_join_accepted",
            AuditAction::ClusterJoinDeclined => "cluster_join_declined",
            AuditAction::ClusterLeft => "cluster_left",
            AuditAction::CardAdded => "card_added",
            AuditAction::CardEdited => "card_edited",
            AuditAction::CardMoved => "card_moved",
            AuditAction::CardCommented => "card_commented",
            AuditAction::ColumnRenamed => "column_renamed",
            AuditAction::ClusterPlanUpdated => "cluster_plan_updated",
            AuditAction::MeetingRecorded => "meeting_recorded",
            AuditAction::AnnualUpdateEdited => "annual_update_edited",
            AuditAction::AnnualUpdateSubmitted => "annual_update_submitted",
            AuditAction::CardPublished => "card_published",
            AuditAction::CardWithdrawn => "card_withdrawn",
            AuditAction::CardFileAttached => "card_file_attached",
            AuditAction::ColumnMoved => "column_moved",
            AuditAction::ResearchStarted => "research_started",
            AuditAction::ResearchEdited => "research_edited",
            AuditAction::ResearchStepAdded => "research_step_added",
            AuditAction::ResearchStepUpdated => "research_step_updated",
            AuditAction::ResearchReviewed => "research_reviewed",
            AuditAction::DataExported => "data_exported",
            AuditAction::AccessDenied => "access_denied",
        }
    }

    pub fn parse(value: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// Failed sign-ins allowed per account, and per network address, within
/// [`THROTTLE_WINDOW_MINUTES`], before sign-in is refused for a while.
pub const FAILED_SIGN_INS_PER_ACCOUNT: u64 = 5;
pub const FAILED_SIGN_INS_PER_ADDRESS: u64 = 20;
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
/// Password-reset emails per account per hour.
pub const RESETS_PER_HOUR: u64 = 3;
/// Reset links tried and found dead, per network address, within
/// [`THROTTLE_WINDOW_MINUTES`], before resetting is refused for a while.
pub const FAILED_RESETS_PER_ADDRESS: u64 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert!(seen.insert(action.as_str()));
        }
    }
}
