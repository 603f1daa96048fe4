//! The assessor's report to a school, once its review is signed off: the
//! validated level and comment for every indicator beside the school's
//! own, strengths and areas to develop per element, the visit, and the
//! decision with its conditions. Its page, server function and view type
//! live here together.

pub mod page;
pub mod pdf;

use crate::domain::feedback::ElementFeedback;
use crate::domain::review::{Decision, Visit};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the report shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessorReport {
    pub assessment: String,
    pub school_name: String,
    pub framework: std::sync::Arc<crate::domain::Framework>,
    pub cycle: crate::domain::assessment::Cycle,
    pub lead_assessor: String,
    pub signed_off_at: String,
    pub visit: Visit,
    pub decision: Decision,
    pub certificate: Option<String>,
    pub elements: Vec<ElementFeedback>,
    /// The school's appeal against the decision, if it made one.
    pub appeal: Option<crate::domain::appeal::Appeal>,
    /// Whether the viewer may appeal now (the school, within the appeal time, once).
    pub may_appeal: bool,
    /// A deferred decision's follow-up: the day the conditions are due, the
    /// school's answer and the admin's decision.
    pub follow_up: Option<crate::deferrals::SchoolFollowUp>,
}

/// The report on a self-assessment, for the people who may see it, once
/// its review is signed off (before that there is none: not found).
#[server(endpoint = "school_report")]
pub async fn school_report(id: String) -> Result<AssessorReport, AppError> {
    let store = crate::api::store()?;
    let (session, signed_in) = crate::api::signed_in()?;
    report_of(&store, &session, &signed_in, &id).await
}

/// The report on self-assessment `id`, for a person who may see it (the
/// page and the PDF file both read it here).
#[cfg(feature = "ssr")]
pub(crate) async fn report_of(
    store: &crate::store::Store,
    session: &crate::http::state::Session,
    signed_in: &crate::store::accounts::SignedIn,
    id: &str,
) -> Result<AssessorReport, AppError> {
    use crate::domain::review::ReviewStatus;
    use crate::domain::Action;
    let (assessment, school) = store
        .assessment_with_school(id)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    crate::api::assessments::check_access(
        store,
        session,
        signed_in,
        Action::ViewSelfAssessment,
        &school,
    )
    .await?;
    let found = store
        .assessment_in_context(&assessment.id)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let Some(review) = found
        .review
        .filter(|r| r.record.status == ReviewStatus::Closed)
    else {
        return Err(AppError::NotFound.respond());
    };
    let Some(decision) = review.record.decision.clone() else {
        return Err(AppError::NotFound.respond());
    };
    let fw = store
        .framework(&assessment.framework_id, &assessment.framework_version)
        .await
        .map_err(crate::api::failed)?;
    let ratings = store
        .review_ratings(review.record.key)
        .await
        .map_err(crate::api::failed)?;
    let responses = store
        .responses_of(&[assessment.key])
        .await
        .map_err(crate::api::failed)?
        .remove(&assessment.key)
        .unwrap_or_default();
    let appeal = store
        .appeal_of_review(review.record.key)
        .await
        .map_err(crate::api::failed)?
        .map(|a| a.appeal);
    let in_time = crate::domain::appeal::open_for_appeal(
        review.record.signed_off_at.as_deref(),
        &crate::api::today().to_string(),
    );
    let may_write = signed_in
        .viewer
        .may(Action::SubmitSelfAssessment, Some(&school.summary.id));
    let may_appeal = appeal.is_none() && in_time && may_write;
    let follow_up = crate::deferrals::school_follow_up(store, review.record.key, may_write).await?;
    Ok(AssessorReport {
        appeal,
        may_appeal,
        follow_up,
        elements: crate::domain::feedback::feedback(&fw, &responses, &ratings),
        assessment: assessment.id,
        school_name: school.summary.name,
        framework: fw,
        cycle: assessment.cycle,
        lead_assessor: review.lead_name,
        signed_off_at: review.record.signed_off_at.unwrap_or_default(),
        visit: review.record.visit,
        decision,
        certificate: review.certificate,
    })
}
