//! The message for an error that stopped a page (or a part of one), in
//! plain language, with a way to sign in where that is what is missing.

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// A plain-language message for an error that stopped a page from loading.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let unauthenticated = matches!(error, AppError::Unauthenticated);
    let message = move || match &error {
        AppError::NotFound => t_string!(i18n, err.not_found),
        AppError::Forbidden => t_string!(i18n, err.forbidden),
        AppError::Request(_) => t_string!(i18n, err.request),
        AppError::Unauthenticated => t_string!(i18n, err.unauthenticated),
        AppError::SignInRefused => t_string!(i18n, err.sign_in_refused),
        AppError::Throttled => t_string!(i18n, err.throttled),
        AppError::LinkExpired => t_string!(i18n, err.link_expired),
        AppError::Conflict => t_string!(i18n, err.conflict),
        AppError::InvalidAccount { .. }
        | AppError::InvalidChoice
        | AppError::InvalidEvidence { .. }
        | AppError::InvalidAction { .. }
        | AppError::InvalidDecision { .. }
        | AppError::InvalidFees { .. } => t_string!(i18n, err.check_form),
        AppError::ConflictOfInterest { .. } => t_string!(i18n, review.conflict),
        AppError::InvalidAppeal { problem } => {
            use crate::domain::appeal::AppealProblem;
            match problem {
                AppealProblem::GroundsMissing => t_string!(i18n, appeal.grounds_missing),
                AppealProblem::TooLong => t_string!(i18n, appeal.too_long),
                AppealProblem::TooLate => t_string!(i18n, appeal.too_late),
                AppealProblem::TookPart => t_string!(i18n, appeal.took_part),
                AppealProblem::NoteMissing => t_string!(i18n, appeal.note_missing),
            }
        }
        AppError::InvalidNonConformity { problems } => {
            use crate::domain::nonconformity::NcProblem;
            match problems.first() {
                Some(NcProblem::UnknownIndicator) => t_string!(i18n, nc.unknown_indicator),
                Some(NcProblem::FindingMissing) => t_string!(i18n, nc.finding_missing),
                Some(NcProblem::TooLong) => t_string!(i18n, nc.too_long),
                Some(NcProblem::BadDate) => t_string!(i18n, nc.bad_date),
                Some(NcProblem::RootCauseMissing) => t_string!(i18n, nc.root_cause_missing),
                Some(NcProblem::ActionMissing) => t_string!(i18n, nc.action_missing),
                Some(NcProblem::EffectivenessMissing) => t_string!(i18n, nc.effectiveness_missing),
                None => t_string!(i18n, err.check_form),
            }
        }
        AppError::InvalidManagementReview { problems } => {
            use crate::domain::management_review::MrProblem;
            match problems.first() {
                Some(MrProblem::BadDate) => t_string!(i18n, mr.bad_date),
                Some(MrProblem::InTheFuture) => t_string!(i18n, mr.in_the_future),
                Some(MrProblem::InputsMissing) => t_string!(i18n, mr.inputs_missing),
                Some(MrProblem::DecisionsMissing) => t_string!(i18n, mr.decisions_missing),
                Some(MrProblem::TooLong) => t_string!(i18n, mr.too_long),
                None => t_string!(i18n, err.check_form),
            }
        }
        AppError::InvalidInternalAudit { problems } => {
            use crate::domain::internal_audit::AuditProblem;
            match problems.first() {
                Some(AuditProblem::ScopeMissing) => t_string!(i18n, ia.scope_missing),
                Some(AuditProblem::AuditorsMissing) => t_string!(i18n, ia.auditors_missing),
                Some(AuditProblem::AuditeeMissing) => t_string!(i18n, ia.auditee_missing),
                Some(AuditProblem::OwnWork) => t_string!(i18n, ia.own_work),
                Some(AuditProblem::BadDate) => t_string!(i18n, ia.bad_date),
                Some(AuditProblem::EndsBeforeStart) => t_string!(i18n, ia.ends_before_start),
                Some(AuditProblem::OutOfScope) => t_string!(i18n, ia.out_of_scope),
                Some(AuditProblem::StatementMissing) => t_string!(i18n, ia.statement_missing),
                Some(AuditProblem::EvidenceMissing) => t_string!(i18n, ia.evidence_missing),
                Some(AuditProblem::NoFindings) => t_string!(i18n, ia.no_findings),
                Some(AuditProblem::SummaryMissing) => t_string!(i18n, ia.summary_missing),
                Some(AuditProblem::TooLong) => t_string!(i18n, ia.too_long),
                None => t_string!(i18n, err.check_form),
            }
        }
        AppError::InvalidSurvey { problems } => {
            use crate::domain::survey::SurveyProblem;
            match problems.first() {
                Some(SurveyProblem::TitleMissing) => t_string!(i18n, survey.title_missing),
                Some(SurveyProblem::QuestionsMissing) => t_string!(i18n, survey.questions_missing),
                Some(SurveyProblem::TooManyQuestions) => t_string!(i18n, survey.too_many),
                Some(SurveyProblem::QuestionTextMissing) => {
                    t_string!(i18n, survey.questions_missing)
                }
                Some(SurveyProblem::UnknownIndicator) => t_string!(i18n, survey.unknown_indicator),
                Some(SurveyProblem::TooLong) => t_string!(i18n, survey.too_long),
                Some(SurveyProblem::NothingAnswered) => t_string!(i18n, survey.nothing_answered),
                Some(SurveyProblem::BadPoint) => t_string!(i18n, survey.bad_point),
                Some(SurveyProblem::TooFewToAttach) => t_string!(i18n, survey.too_few_to_attach),
                None => t_string!(i18n, err.check_form),
            }
        }
        AppError::InvalidAccessibilityCheck { problems } => {
            use crate::domain::accessibility::CheckInputError as E;
            match problems.first() {
                Some(E::UnknownFinding) => t_string!(i18n, walk.unknown_finding),
                Some(E::NoteTooLong | E::FixTooLong | E::OwnerTooLong) => {
                    t_string!(i18n, walk.too_long)
                }
                Some(E::OwnerMissing) => t_string!(i18n, walk.owner_missing),
                Some(E::BadDate) => t_string!(i18n, walk.bad_date),
                None => t_string!(i18n, err.check_form),
            }
        }
        AppError::JoinRefused { problem } => {
            use crate::domain::network_request::JoinProblem;
            match problem {
                JoinProblem::MessageTooLong => t_string!(i18n, join.too_long),
                JoinProblem::AlreadyMember => t_string!(i18n, join.already_member),
                JoinProblem::AlreadyAsked => t_string!(i18n, join.already_asked),
                JoinProblem::AlreadyAnswered => t_string!(i18n, join.already_answered),
            }
        }
        AppError::SurveyAnswered => t_string!(i18n, survey.already),
        AppError::SurveyClosed => t_string!(i18n, survey.link_closed),
        AppError::InvalidFollowUp { problem } => {
            use crate::domain::deferral::FollowUpProblem;
            match problem {
                FollowUpProblem::ResponseMissing => t_string!(i18n, deferral.response_missing),
                FollowUpProblem::TooLong => t_string!(i18n, deferral.too_long),
                FollowUpProblem::TooLate => t_string!(i18n, deferral.too_late),
                FollowUpProblem::NotReady => t_string!(i18n, deferral.not_ready),
                FollowUpProblem::AwardMissing => t_string!(i18n, deferral.award_missing),
                FollowUpProblem::NoteMissing => t_string!(i18n, deferral.note_missing),
            }
        }
        AppError::InvalidToken { problem } => {
            use crate::domain::access::TokenProblem;
            match problem {
                TokenProblem::Name => t_string!(i18n, tokens.name_problem),
                TokenProblem::TooMany => t_string!(i18n, tokens.too_many),
                TokenProblem::NeedsJavaScript => t_string!(i18n, tokens.needs_script),
            }
        }
        AppError::StaleResponse { .. } => t_string!(i18n, err.conflict),
        AppError::AssessmentClosed => t_string!(i18n, err.assessment_closed),
        AppError::NotReady { .. } => t_string!(i18n, err.not_ready),
        AppError::Internal | AppError::InvalidSchool { .. } => t_string!(i18n, err.internal),
        AppError::Unavailable => t_string!(i18n, err.unavailable),
        AppError::OutOfSpace => t_string!(i18n, err.out_of_space),
    };
    view! {
        <div class="notice notice-error" role="alert">
            {message}
        </div>
        {unauthenticated.then(|| view! { <SignInLink /> })}
    }
}

/// For pages that need a signed-in person, shown to anyone else.
#[component]
pub fn SignInRequired() -> impl IntoView {
    view! { <ErrorMessage error=AppError::Unauthenticated /> }
}

/// Where signing in should come back to: the page's path, provided by the
/// layout on the server and by an island for itself (see `IslandPage`).
#[derive(Clone, Debug, PartialEq)]
pub struct SignInReturn(pub String);

/// A link to sign in and come back here.
#[component]
fn SignInLink() -> impl IntoView {
    let i18n = use_i18n();
    let next = use_context::<SignInReturn>()
        .map(|r| r.0)
        .unwrap_or_else(|| "/".to_owned());
    let href = format!("/sign-in?next={}", crate::model::query_value(&next));
    view! {
        <p>
            <a href=href class="button">{t!(i18n, nav.sign_in)}</a>
        </p>
    }
}
