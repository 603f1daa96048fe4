//! Every operation of the JSON API: its server function, what it does,
//! and what calling it is (a read, a change, or for the browser only).
//! A token's scope is checked against this list before the call, and the
//! OpenAPI document is made from it. A test checks that every registered
//! server function is here, so a new one cannot go undescribed or
//! unguarded.

use crate::domain::access::OperationKind;
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;

/// One operation of the API.
pub struct Operation {
    /// Where it is called: `/api/NAME`.
    pub path: &'static str,
    pub kind: OperationKind,
    /// The group it is listed under.
    pub tag: &'static str,
    pub summary: &'static str,
    /// Reads its input and answer types (see `openapi.rs`).
    pub(super) shapes: fn(&mut super::shapes::Shapes) -> super::shapes::OperationShapes,
}

fn operation<T>(kind: OperationKind, tag: &'static str, summary: &'static str) -> Operation
where
    T: ServerFn + DeserializeOwned,
    T::Output: DeserializeOwned,
{
    Operation {
        path: T::PATH,
        kind,
        tag,
        summary,
        shapes: super::shapes::shapes_of::<T, T::Output>,
    }
}

macro_rules! operations {
    ($($kind:ident $fun:path, $tag:literal, $summary:literal;)*) => {
        /// Every operation, in the order the reference lists them.
        pub fn operations() -> Vec<Operation> {
            vec![$(operation::<$fun>(OperationKind::$kind, $tag, $summary)),*]
        }
    };
}

/// What calling the server function at `path` is, if it is one.
pub fn kind_of(path: &str) -> Option<OperationKind> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static KINDS: OnceLock<HashMap<&'static str, OperationKind>> = OnceLock::new();
    KINDS
        .get_or_init(|| operations().into_iter().map(|o| (o.path, o.kind)).collect())
        .get(path)
        .copied()
}

operations! {
    Read crate::home::Home, "Home", "What needs the caller now";
    Read crate::api::auth::CurrentPerson, "Account", "Who the caller is: name, roles, schools";
    Browser crate::api::auth::SignIn, "Account", "Sign in with email and password";
    Browser crate::api::auth::SignOut, "Account", "Sign out of this browser";
    Browser crate::api::auth::SignOutEverywhere, "Account", "End every session of the account";
    Browser crate::api::auth::RequestPasswordReset, "Account", "Email a password-reset link";
    Browser crate::api::auth::ResetLinkIsLive, "Account", "Whether a password-reset link can still be used";
    Browser crate::api::auth::ResetPassword, "Account", "Set a new password from a reset link";
    Browser crate::api::auth::Invitation, "Account", "An invitation, by its link";
    Browser crate::api::auth::AcceptInvitation, "Account", "Accept an invitation and make the account";
    Browser crate::api::people::UpdateProfile, "Account", "Change one's name and language";
    Browser crate::api::people::ChangePassword, "Account", "Change one's password";
    Browser super::AccessTokens, "Account", "The caller's access tokens";
    Browser super::CreateAccessToken, "Account", "Make an access token (its secret is shown once)";
    Browser super::RevokeAccessToken, "Account", "Revoke an access token";
    Read crate::api::frameworks::ListFrameworks, "Frameworks", "The published frameworks and their versions";
    Read crate::api::frameworks::GetFramework, "Frameworks", "One framework version: elements, indicators, rating scale and awards";
    Read crate::api::schools::SchoolDirectory, "Schools", "Schools the caller can see, searchable and paged";
    Read crate::api::schools::ListSchools, "Schools", "Every school the caller can see";
    Write crate::api::schools::AddSchool, "Schools", "Add a school";
    Read crate::api::people::School, "Schools", "A school: details, people and invitations";
    Write crate::api::people::UpdateSchool, "Schools", "Change a school's details";
    Write crate::api::people::Invite, "Schools", "Invite someone to a school in a role";
    Write crate::api::people::RemoveMember, "Schools", "Remove someone's role at a school";
    Write crate::api::people::RevokeInvitation, "Schools", "Withdraw an invitation";
    Read crate::api::assessments::ListAssessments, "Self-assessments", "A school's self-assessments";
    Write crate::api::assessments::StartAssessment, "Self-assessments", "Start a self-assessment against a framework";
    Read crate::api::assessments::Assessment, "Self-assessments", "A self-assessment: answers, evidence, scores and gaps";
    Write crate::api::assessments::SaveResponse, "Self-assessments", "Save one indicator's rating and narrative (with the version read)";
    Write crate::api::assessments::AssignElement, "Self-assessments", "Assign an element to a colleague";
    Write crate::api::assessments::SubmitAssessment, "Self-assessments", "Submit a self-assessment for review";
    Write crate::api::assessments::AddEvidence, "Self-assessments", "Add a link as evidence";
    Write crate::api::assessments::RemoveEvidence, "Self-assessments", "Remove a piece of evidence";
    Read crate::api::assessments::ActionPlan, "Self-assessments", "A self-assessment's action plan";
    Write crate::api::assessments::AddAction, "Self-assessments", "Add an action to the plan";
    Write crate::api::assessments::UpdateAction, "Self-assessments", "Change an action's status, owner or date";
    Read crate::report::SchoolReport, "Reviews", "A school's report after sign-off: the assessor's level and comment for every indicator beside the school's own";
    Read crate::api::reviews::Queue, "Reviews", "Submitted self-assessments and reviews, for assessors";
    Write crate::api::reviews::AssignReview, "Reviews", "Assign a lead and second assessor";
    Read crate::api::reviews::Review, "Reviews", "A review: the school's answers and evidence with the assessor's ratings";
    Write crate::api::reviews::SaveReviewRating, "Reviews", "Validate or change one indicator's rating";
    Write crate::api::reviews::RequestEvidence, "Reviews", "Ask the school for more evidence";
    Write crate::api::reviews::ReturnToSchool, "Reviews", "Send the self-assessment back with the requests";
    Write crate::api::reviews::AnswerRequest, "Reviews", "Answer an evidence request";
    Write crate::api::reviews::RecordVisit, "Reviews", "Record the assessment visit";
    Write crate::api::reviews::ProposeDecision, "Reviews", "Propose the award decision";
    Write crate::api::reviews::Moderate, "Reviews", "Moderate the proposed decision (second assessor)";
    Write crate::api::reviews::SignOff, "Reviews", "Sign off the decision and grant the award";
    Read crate::api::awards::VerifyCertificate, "Awards", "Check an award certificate by its code (public)";
    Write crate::api::awards::ChangeAward, "Awards", "Suspend, reinstate or revoke an award, with a reason";
    Read crate::api::awards::Calendar, "Awards", "Reviews and re-accreditations falling due";
    Read crate::api::awards::CalendarOfSchool, "Awards", "One school's award, reviews and fees";
    Read crate::fees::FeeSchedules, "Awards", "Every award's fee schedules";
    Write crate::fees::SetFeeSchedule, "Awards", "Set an award's fees from a day";
    Read crate::directory::AwardDirectory, "Awards", "Award holders who chose to be listed (public)";
    Write crate::directory::SetDirectoryListing, "Awards", "List a school in the public directory, or not";
    Write crate::appeals::LodgeAppeal, "Appeals", "Appeal a decision";
    Read crate::appeals::Appeals, "Appeals", "Appeals the caller can see";
    Write crate::appeals::AssignAppeal, "Appeals", "Give an appeal to an independent assessor";
    Write crate::appeals::DecideAppeal, "Appeals", "Decide an appeal";
    Write crate::deferrals::AnswerConditions, "Deferrals", "Say how the school met the conditions of a deferred decision";
    Read crate::deferrals::Deferrals, "Deferrals", "Every deferred decision's follow-up (certification admins)";
    Write crate::deferrals::DecideConditions, "Deferrals", "Record whether a deferral's conditions were met";
    Read crate::nonconformities::Nonconformities, "Quality", "A school's register of non-conformities";
    Write crate::nonconformities::RaiseNonconformity, "Quality", "Raise a non-conformity against an indicator";
    Write crate::nonconformities::TreatNonconformity, "Quality", "Save a non-conformity's treatment, or close it";
    Read crate::accessibility::AccessibilityWalk, "Self-assessment", "A self-assessment's physical accessibility walk";
    Write crate::accessibility::RecordAccessibilityCheck, "Self-assessment", "Record a check of the accessibility walk, and its fix";
    Read crate::management_reviews::ManagementReviews, "Quality", "A school's yearly management reviews";
    Write crate::management_reviews::RecordManagementReview, "Quality", "Record the year's management review";
    Read crate::internal_audits::InternalAudits, "Quality", "A school's internal audit programme for a year";
    Read crate::internal_audits::InternalAuditView, "Quality", "One internal audit with its findings";
    Write crate::internal_audits::PlanInternalAudit, "Quality", "Plan an internal audit: scope, auditors, days";
    Write crate::internal_audits::RecordAuditFinding, "Quality", "Record an audit finding; a non-conformity goes into the register";
    Write crate::internal_audits::CloseInternalAudit, "Quality", "Close an internal audit with its summary";
    Read crate::surveys::Surveys, "Voices", "A school's surveys of learners, families and staff";
    Read crate::surveys::SurveyResults, "Voices", "A survey's results per question (none under five answers)";
    Write crate::surveys::CreateSurvey, "Voices", "Write a survey tied to a framework's indicators";
    Write crate::surveys::CloseSurvey, "Voices", "Close a survey's link";
    Write crate::surveys::AttachSurvey, "Voices", "Attach a survey's results as evidence";
    Read crate::surveys::SurveyToAnswer, "Voices", "A survey to answer, by its link (public)";
    Write crate::surveys::AnswerSurvey, "Voices", "Answer a survey anonymously, once per device (public)";
    Read crate::api::clusters::ListClusters, "Clusters", "Clusters the caller can see, and schools to lead a new one";
    Write crate::api::clusters::FoundCluster, "Clusters", "Found a cluster with a lead school";
    Read crate::api::clusters::Cluster, "Clusters", "A cluster: its schools, plan, board, meetings and annual update";
    Write crate::api::clusters::AskToJoin, "Clusters", "Ask for a school to join a cluster";
    Write crate::api::clusters::AnswerJoin, "Clusters", "Accept or decline a school's request to join";
    Write crate::api::clusters::LeaveCluster, "Clusters", "Take a school out of a cluster";
    Write crate::api::clusters::SaveDevelopmentPlan, "Clusters", "Save the cluster's development plan";
    Write crate::api::meetings::RecordMeeting, "Clusters", "Record a cluster meeting and who came";
    Write crate::api::meetings::SaveUpdateSection, "Clusters", "Save one element's part of the cluster's annual update";
    Write crate::api::meetings::SubmitAnnualUpdate, "Clusters", "Submit the cluster's annual update";
    Write crate::api::boards::AddCard, "Boards", "Add a card to the cluster's board";
    Write crate::api::boards::EditCard, "Boards", "Change a card";
    Write crate::api::boards::MoveCard, "Boards", "Move a card to a column and place";
    Write crate::api::boards::StepCard, "Boards", "Move a card one step (left, right, up, down)";
    Write crate::api::boards::CommentCard, "Boards", "Comment on a card";
    Write crate::api::boards::ToggleUseful, "Boards", "Mark a card useful, or take the mark back";
    Write crate::api::boards::RenameColumn, "Boards", "Rename a board column";
    Write crate::api::boards::MoveColumn, "Boards", "Move a board column one step";
    Write crate::api::boards::PublishCard, "Boards", "Publish a card to the practice library, or withdraw it";
    Read crate::api::boards::PracticeLibrary, "Boards", "Practice shared by every cluster";
    Read crate::api::research::ClusterResearch, "Research", "A cluster's classroom research";
    Write crate::api::research::StartResearch, "Research", "Start a research activity";
    Read crate::api::research::ResearchActivity, "Research", "One research activity with its steps and reviews";
    Write crate::api::research::SaveResearch, "Research", "Change a research activity";
    Write crate::api::research::AddResearchStep, "Research", "Add a step to a research activity";
    Write crate::api::research::SetResearchStep, "Research", "Mark a research step done or not";
    Write crate::api::research::ReviewResearch, "Research", "Review a research activity";
    Read crate::api::networks::ListNetworks, "Networks", "Networks the caller can see";
    Read crate::api::networks::Network, "Networks", "A network and its schools";
    Write crate::api::networks::CreateNetwork, "Networks", "Create a network";
    Write crate::api::networks::ChangeNetworkSchool, "Networks", "Add a school to a network or take it out";
    Write crate::api::networks::InviteNetworkAdmin, "Networks", "Invite a network administrator";
    Read crate::network_requests::SchoolNetworks, "Networks", "A school's networks and its requests to join them";
    Write crate::network_requests::AskToJoinNetwork, "Networks", "Ask for a school to join a network";
    Read crate::network_requests::NetworkRequests, "Networks", "Schools' requests to join a network (its admins)";
    Write crate::network_requests::AnswerNetworkRequest, "Networks", "Accept or decline a school's request to join a network";
    Read crate::api::dashboard::NetworkDashboard, "Dashboard", "A network's figures: scores by element, region and year";
    Read crate::api::dashboard::SchoolResults, "Dashboard", "One school's validated results over the years";
    Read crate::notifications::Notifications, "Notifications", "The caller's notifications and email choices";
    Write crate::notifications::MarkNotificationsRead, "Notifications", "Mark every notification read";
    Write crate::notifications::SetEmails, "Notifications", "Choose which emails to get";
    Read crate::api::admin::AuditLog, "Administration", "The audit log, filtered";
    Read crate::api::admin::Outbox, "Administration", "Emails sent and waiting";
    Read crate::api::admin::PendingInvitations, "Administration", "Invitations not yet accepted";
}
