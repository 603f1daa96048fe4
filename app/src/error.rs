//! The error type of server functions: what the browser is told, mapped once
//! to an HTTP status. Internal details are logged on the server, never sent.

use crate::domain::{AccountInputError, SchoolInputError};
use crate::model::SchoolForm;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// The "add a school" form has problems; the form comes back as typed.
    #[error("the school could not be added: check the form")]
    InvalidSchool {
        problems: Vec<SchoolInputError>,
        form: SchoolForm,
    },
    /// An account form (sign-in details, invitation, profile) has problems.
    #[error("check the form")]
    InvalidAccount { problems: Vec<AccountInputError> },
    /// Sign in first.
    #[error("sign in to continue")]
    Unauthenticated,
    /// The email or password is not right (never saying which).
    #[error("the email address or password is not right")]
    SignInRefused,
    /// Too many attempts in a short time.
    #[error("too many attempts: wait a few minutes, then try again")]
    Throttled,
    /// A single-use link that has been used or has expired.
    #[error("this link has expired or has already been used")]
    LinkExpired,
    /// Someone changed the same thing a moment ago.
    #[error("this changed while you were working on it: reload the page and try again")]
    Conflict,
    /// A response was saved against an older version: someone else saved
    /// it meanwhile. Their version comes back so the person can choose.
    #[error("someone else changed this answer meanwhile")]
    StaleResponse {
        current: Box<crate::domain::assessment::Response>,
    },
    /// The self-assessment has been submitted and is read-only.
    #[error("this self-assessment has been submitted and cannot change now")]
    AssessmentClosed,
    /// Submission refused: these things are missing.
    #[error("the self-assessment is not ready to submit")]
    NotReady {
        missing: Vec<crate::domain::assessment::Missing>,
    },
    /// The evidence form has problems.
    #[error("check the evidence form")]
    InvalidEvidence {
        problems: Vec<crate::domain::assessment::EvidenceInputError>,
    },
    /// The action form has problems.
    #[error("check the action form")]
    InvalidAction {
        problems: Vec<crate::domain::action_plan::ActionInputError>,
    },
    /// The proposed decision has problems.
    #[error("check the decision")]
    InvalidDecision {
        problems: Vec<crate::domain::review::DecisionProblem>,
    },
    /// The appeal cannot be lodged or decided as asked.
    #[error("{problem}")]
    InvalidAppeal {
        problem: crate::domain::appeal::AppealProblem,
    },
    /// A non-conformity cannot be raised, saved or closed as asked.
    #[error("the non-conformity cannot be saved as asked")]
    InvalidNonConformity {
        problems: Vec<crate::domain::nonconformity::NcProblem>,
    },
    /// A management review cannot be saved as typed.
    #[error("the management review cannot be saved as typed")]
    InvalidManagementReview {
        problems: Vec<crate::domain::management_review::MrProblem>,
    },
    /// An internal audit cannot be planned, added to or closed as asked.
    #[error("the internal audit cannot be saved as asked")]
    InvalidInternalAudit {
        problems: Vec<crate::domain::internal_audit::AuditProblem>,
    },
    /// A survey or an answer to one cannot be saved as asked.
    #[error("the survey cannot be saved as asked")]
    InvalidSurvey {
        problems: Vec<crate::domain::survey::SurveyProblem>,
    },
    /// A check of the accessibility walk cannot be recorded as typed.
    #[error("the accessibility check cannot be saved as typed")]
    InvalidAccessibilityCheck {
        problems: Vec<crate::domain::accessibility::CheckInputError>,
    },
    /// A request to join a network cannot be made or answered as asked.
    #[error("{problem}")]
    JoinRefused {
        problem: crate::domain::network_request::JoinProblem,
    },
    /// This device has answered the survey already.
    #[error("you have already answered this survey on this device")]
    SurveyAnswered,
    /// The survey's link is closed.
    #[error("this survey is closed")]
    SurveyClosed,
    /// A deferral's conditions cannot be answered or decided as asked.
    #[error("{problem}")]
    InvalidFollowUp {
        problem: crate::domain::deferral::FollowUpProblem,
    },
    /// A personal access token could not be made.
    #[error("{problem}")]
    InvalidToken {
        problem: crate::domain::access::TokenProblem,
    },
    /// The fee schedule has a problem.
    #[error("check the fee schedule")]
    InvalidFees {
        problem: crate::domain::fees::FeeScheduleError,
    },
    /// The assessor may not review this school.
    #[error("this assessor has a conflict of interest")]
    ConflictOfInterest {
        conflict: crate::domain::review::Conflict,
    },
    /// A form value that is not one of the choices offered.
    #[error("check the form")]
    InvalidChoice,
    #[error("you do not have permission to do that")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("something went wrong on our side")]
    Internal,
    /// The database cannot be reached for the moment: try again shortly.
    #[error("the service is unavailable for a moment: try again shortly")]
    Unavailable,
    /// The server has no room to store this: nothing was saved.
    #[error("the server has no room to store this: nothing was saved")]
    OutOfSpace,
    /// The request itself was malformed or could not reach the server.
    #[error("{0}")]
    Request(ServerFnErrorErr),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value)
    }
}

/// Whether a request asks for a page (a form posted without JavaScript, or
/// a link followed) rather than data.
#[cfg(feature = "ssr")]
pub fn accepts_html(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::AppError;
    use crate::store::StoreError;
    use axum::http::{header::ACCEPT, request::Parts, Method, StatusCode};
    use leptos::prelude::use_context;

    impl AppError {
        /// The one place errors become HTTP statuses.
        pub fn status(&self) -> StatusCode {
            match self {
                AppError::InvalidSchool { .. } | AppError::InvalidAccount { .. } => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                AppError::Unauthenticated | AppError::SignInRefused => StatusCode::UNAUTHORIZED,
                AppError::Throttled => StatusCode::TOO_MANY_REQUESTS,
                AppError::LinkExpired => StatusCode::GONE,
                AppError::JoinRefused { problem } if problem.is_conflict() => StatusCode::CONFLICT,
                AppError::JoinRefused { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Conflict
                | AppError::SurveyAnswered
                | AppError::SurveyClosed
                | AppError::StaleResponse { .. }
                | AppError::AssessmentClosed => StatusCode::CONFLICT,
                AppError::NotReady { .. }
                | AppError::InvalidChoice
                | AppError::InvalidEvidence { .. }
                | AppError::InvalidAction { .. }
                | AppError::InvalidDecision { .. }
                | AppError::InvalidFees { .. }
                | AppError::InvalidAppeal { .. }
                | AppError::InvalidFollowUp { .. }
                | AppError::InvalidNonConformity { .. }
                | AppError::InvalidManagementReview { .. }
                | AppError::InvalidInternalAudit { .. }
                | AppError::InvalidSurvey { .. }
                | AppError::InvalidAccessibilityCheck { .. }
                | AppError::InvalidToken { .. }
                | AppError::ConflictOfInterest { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Forbidden => StatusCode::FORBIDDEN,
                AppError::NotFound => StatusCode::NOT_FOUND,
                AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
                AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
                AppError::OutOfSpace => StatusCode::INSUFFICIENT_STORAGE,
                AppError::Request(_) => StatusCode::BAD_REQUEST,
            }
        }

        /// Sets the response status for this error and returns it. A plain
        /// HTML form post (no JavaScript) keeps the redirect back to its page,
        /// which carries the error for the page to show.
        pub fn respond(self) -> Self {
            if !html_form_post() {
                if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                    response.set_status(self.status());
                }
            }
            self
        }
    }

    /// Whether this request is a plain HTML form post (no JavaScript), which
    /// expects a redirect rather than data.
    pub fn html_form_post() -> bool {
        use_context::<Parts>().is_some_and(|p| {
            p.method == Method::POST
                && p.headers
                    .get(ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
        })
    }

    impl From<StoreError> for AppError {
        fn from(err: StoreError) -> Self {
            match err {
                StoreError::NotFound(_) => AppError::NotFound,
                StoreError::Conflict(_) => AppError::Conflict,
                StoreError::Stale(current) => AppError::StaleResponse { current },
                StoreError::Closed => AppError::AssessmentClosed,
                StoreError::Unavailable(error) => {
                    tracing::warn!(%error, "the database is unavailable");
                    AppError::Unavailable
                }
                StoreError::OutOfSpace(error) => {
                    tracing::error!(%error, "the database is out of space");
                    AppError::OutOfSpace
                }
                other => {
                    tracing::error!(error = %other, "store error");
                    AppError::Internal
                }
            }
        }
    }
}
