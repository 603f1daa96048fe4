//! A deferral's follow-up. When a signed-off decision is deferred until
//! written conditions are met, the school answers from the assessor's
//! report before the due day; a certification admin then records whether
//! the conditions were met, granting the award if they were. Its page,
//! server functions and view types live here together.

pub mod page;

use crate::domain::deferral::{Deferral, FollowUpState};
use crate::domain::Text;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One deferral on the admins' page, with what they may do to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeferralRow {
    pub deferral: Deferral,
    pub state: FollowUpState,
    pub may_decide: bool,
    /// The framework's awards (id, title), for met conditions to grant.
    pub awards: Vec<(String, Text)>,
    /// The award the school aimed for: the one offered first.
    pub target_award: String,
    pub default_language: String,
}

/// The follow-up as the school sees it on its report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolFollowUp {
    pub deferral: Deferral,
    pub state: FollowUpState,
    /// Whether the viewer may write the answer now.
    pub may_answer: bool,
}

#[cfg(feature = "ssr")]
fn follow_up_error(problem: crate::domain::deferral::FollowUpProblem) -> AppError {
    AppError::InvalidFollowUp { problem }.respond()
}

/// The follow-up of review `review` (its key), as the school's report
/// shows it; the viewer may answer when `may_write` (they write for the
/// school) and the day has not passed.
#[cfg(feature = "ssr")]
pub(crate) async fn school_follow_up(
    store: &crate::store::Store,
    review: i64,
    may_write: bool,
) -> Result<Option<SchoolFollowUp>, AppError> {
    let today = crate::store::awards::day_of(crate::api::today());
    Ok(store
        .deferral_of_review(review)
        .await
        .map_err(crate::api::failed)?
        .map(|found| SchoolFollowUp {
            state: found.deferral.state(today),
            may_answer: may_write && found.deferral.open_to_answer(today),
            deferral: found.deferral,
        }))
}

/// The school says how it met the conditions of its deferred decision,
/// until the due day; it may rewrite the answer until an admin decides.
#[server(endpoint = "answer_conditions")]
pub async fn answer_conditions(assessment: String, response: String) -> Result<(), AppError> {
    use crate::domain::deferral::{text, FollowUpProblem};
    use crate::domain::Action;
    let (store, session, signed_in, record, school) =
        crate::api::assessments::authorize_assessment(Action::SubmitSelfAssessment, &assessment)
            .await?;
    let review = store
        .review_of_assessment(record.key)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let found = store
        .deferral_of_review(review.key)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let response = text(&response, FollowUpProblem::ResponseMissing).map_err(follow_up_error)?;
    let today = crate::store::awards::day_of(crate::api::today());
    if found.deferral.outcome.is_some() {
        return Err(AppError::Conflict.respond());
    }
    if !found.deferral.open_to_answer(today) {
        return Err(follow_up_error(FollowUpProblem::TooLate));
    }
    store
        .answer_conditions(&found, &response, &signed_in.viewer.name, &session.actor())
        .await
        .map_err(crate::api::failed)?;
    let admins = store
        .holders_of(crate::domain::Role::Admin, None)
        .await
        .map_err(crate::api::failed)?;
    let school_name = school.summary.name.clone();
    let about = move |_: &str| school_name.clone();
    let kind = crate::domain::notification::NotificationKind::ConditionsAnswered;
    crate::notifications::notify(&store, &admins, kind, &about, "/deferrals").await;
    crate::api::redirect_after_form(&format!("/assessments/{}/report", record.id));
    Ok(())
}

/// Every deferral, for the certification admins.
#[server(endpoint = "deferrals")]
pub async fn deferrals() -> Result<Vec<DeferralRow>, AppError> {
    use crate::domain::Action;
    let (store, _, _) = crate::api::authorize(Action::ManageAwards).await?;
    let today = crate::store::awards::day_of(crate::api::today());
    let mut rows = Vec::new();
    for found in store.deferrals().await.map_err(crate::api::failed)? {
        let fw = store
            .framework(&found.framework.0, &found.framework.1)
            .await
            .map_err(crate::api::failed)?;
        rows.push(DeferralRow {
            state: found.deferral.state(today),
            may_decide: found.deferral.ready_to_decide(today),
            awards: fw
                .awards
                .iter()
                .map(|a| (a.id.clone(), a.title.clone()))
                .collect(),
            target_award: found.target_award,
            default_language: fw.default_language.clone(),
            deferral: found.deferral,
        });
    }
    Ok(rows)
}

/// A certification admin records whether the conditions were met, with the
/// reasons, once the school has answered or the due day has passed. Met
/// conditions grant `award`. Returns the new certificate's code, if any.
#[server(endpoint = "decide_conditions")]
pub async fn decide_conditions(
    deferral: String,
    outcome: String,
    #[server(default)] award: String,
    note: String,
) -> Result<Option<String>, AppError> {
    use crate::domain::deferral::{text, FollowUpOutcome, FollowUpProblem};
    use crate::domain::Action;
    let (store, session, _) = crate::api::authorize(Action::ManageAwards).await?;
    let found = store
        .deferral(deferral.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let outcome =
        FollowUpOutcome::parse(outcome.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    if found.deferral.outcome.is_some() {
        return Err(AppError::Conflict.respond());
    }
    let today = crate::api::today();
    if !found
        .deferral
        .ready_to_decide(crate::store::awards::day_of(today))
    {
        return Err(follow_up_error(FollowUpProblem::NotReady));
    }
    let note = text(&note, FollowUpProblem::NoteMissing).map_err(follow_up_error)?;
    let fw = store
        .framework(&found.framework.0, &found.framework.1)
        .await
        .map_err(crate::api::failed)?;
    let award = match (outcome, award.trim()) {
        (FollowUpOutcome::NotMet, _) => None,
        (FollowUpOutcome::Met, "") => return Err(follow_up_error(FollowUpProblem::AwardMissing)),
        (FollowUpOutcome::Met, id) => {
            let chosen = fw
                .award(id)
                .ok_or_else(|| AppError::InvalidChoice.respond())?;
            Some((
                chosen.id.clone(),
                fw.text(&chosen.title, &fw.default_language).to_owned(),
            ))
        }
    };
    let code = store
        .decide_conditions(
            &found,
            crate::store::deferrals::FollowUpDecision {
                outcome,
                note: &note,
                award: award
                    .as_ref()
                    .map(|(id, title)| (id.as_str(), title.as_str())),
                today,
            },
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?;
    crate::notifications::notify_report_readers(
        &store,
        (found.school_key, &found.deferral.school_name),
        &found.deferral.assessment,
        crate::domain::notification::NotificationKind::DecisionMade,
    )
    .await?;
    crate::api::redirect_after_form("/deferrals");
    Ok(code)
}
