//! A school's yearly management review (`/schools/:id/management-reviews`):
//! leadership records what it reviewed (internal audit results, feedback,
//! non-conformities, the action plan's progress, objectives) and what it
//! decided. Its staff and the assessors reviewing it read it; its
//! coordinators record it. Once recorded, it is evidence for the ISO 21001
//! framework's clause on management review in the school's open
//! self-assessment. Its page, server functions and view types live here.

pub mod page;

use crate::domain::management_review::{ManagementReview, RegisterFacts};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The management review page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagementReviewsView {
    pub school: String,
    pub school_name: String,
    /// Every year's review, the newest first.
    pub reviews: Vec<ManagementReview>,
    pub this_year: i32,
    /// What the register says this year, for the review's inputs.
    pub facts: RegisterFacts,
    pub may_edit: bool,
}

/// The school's management reviews, for those who see its self-assessments.
#[server(endpoint = "management_reviews")]
pub async fn management_reviews(school: String) -> Result<ManagementReviewsView, AppError> {
    use crate::domain::Action;
    use chrono::Datelike;
    let (store, _, signed_in, school) =
        crate::api::authorize_at(Action::ViewSelfAssessment, &school).await?;
    let this_year = crate::api::today().year();
    let register = store
        .nonconformities(school.key)
        .await
        .map_err(crate::api::failed)?;
    Ok(ManagementReviewsView {
        reviews: store
            .management_reviews(school.key)
            .await
            .map_err(crate::api::failed)?,
        facts: crate::domain::management_review::register_facts(&register, this_year),
        this_year,
        may_edit: signed_in
            .viewer
            .may(Action::SubmitSelfAssessment, Some(&school.summary.id)),
        school: school.summary.id,
        school_name: school.summary.name,
    })
}

/// A coordinator records the year's management review (the year of the
/// day it was held); `base_version` is the version the form was read at
/// (0 for a new one), so a rewrite of a version saved since is refused.
#[server(endpoint = "record_management_review")]
#[allow(clippy::too_many_arguments)]
pub async fn record_management_review(
    school: String,
    base_version: i32,
    held_on: String,
    #[server(default)] attendees: String,
    #[server(default)] audit_results: String,
    #[server(default)] feedback: String,
    #[server(default)] nonconformities: String,
    #[server(default)] action_plan: String,
    #[server(default)] objectives: String,
    decisions: String,
) -> Result<i32, AppError> {
    use crate::domain::management_review::{check, Draft, Inputs};
    use crate::domain::Action;
    let (store, session, signed_in, school) =
        crate::api::authorize_at(Action::SubmitSelfAssessment, &school).await?;
    let draft = Draft {
        held_on,
        attendees,
        inputs: Inputs {
            audit_results,
            feedback,
            nonconformities,
            action_plan,
            objectives,
        },
        decisions,
    };
    let today = crate::store::awards::day_of(crate::api::today());
    let (year, draft) = check(&draft, today)
        .map_err(|problems| AppError::InvalidManagementReview { problems }.respond())?;
    let actor = session.actor();
    let version = store
        .record_management_review(
            (school.key, &school.summary.id),
            (year, &draft),
            base_version,
            &signed_in.viewer.name,
            &actor,
        )
        .await
        .map_err(crate::api::failed)?;
    crate::api::attach_link_as_evidence(
        &store,
        &school,
        crate::domain::management_review::EVIDENCE_FOR,
        (
            &format!("Management review {year}"),
            &format!(
                "/schools/{}/management-reviews#review-{year}",
                school.summary.id
            ),
        ),
        (&signed_in.viewer.name, &actor),
    )
    .await?;
    crate::api::redirect_after_form(&format!(
        "/schools/{}/management-reviews",
        school.summary.id
    ));
    Ok(version)
}
