//! Appeals against signed-off decisions: the school lodges one from the
//! assessor's report within the appeal time; a certification admin gives
//! it to an assessor who had no part in the review; that assessor records
//! the outcome, and an upheld appeal may grant the award. Its page, server
//! functions and view types live here together.

pub mod page;

use crate::domain::appeal::Appeal;
use crate::domain::Text;
use crate::error::AppError;
use crate::model::Assignee;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One appeal on the appeals page, with what the viewer may do to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppealRow {
    pub appeal: Appeal,
    pub may_assign: bool,
    pub may_decide: bool,
    /// The framework's awards (id, title), for an upheld appeal to grant.
    pub awards: Vec<(String, Text)>,
    pub default_language: String,
}

/// The appeals page: every appeal for admins, those given to them for assessors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppealsView {
    pub appeals: Vec<AppealRow>,
    /// Assessors an admin may give an appeal to.
    pub assessors: Vec<Assignee>,
}

#[cfg(feature = "ssr")]
fn appeal_error(problem: crate::domain::appeal::AppealProblem) -> AppError {
    AppError::InvalidAppeal { problem }.respond()
}

/// The school appeals the signed-off decision on its self-assessment, with
/// its grounds, within the appeal time; once per review.
#[server(endpoint = "lodge_appeal")]
pub async fn lodge_appeal(assessment: String, grounds: String) -> Result<String, AppError> {
    use crate::domain::appeal::{self, AppealProblem};
    use crate::domain::review::ReviewStatus;
    use crate::domain::Action;
    let (store, session, signed_in, record, school) =
        crate::api::assessments::authorize_assessment(Action::SubmitSelfAssessment, &assessment)
            .await?;
    let grounds = appeal::grounds(&grounds).map_err(appeal_error)?;
    let review = store
        .review_of_assessment(record.key)
        .await
        .map_err(crate::api::failed)?
        .filter(|r| r.status == ReviewStatus::Closed)
        .ok_or_else(|| AppError::NotFound.respond())?;
    let today = crate::api::today().to_string();
    if !appeal::open_for_appeal(review.signed_off_at.as_deref(), &today) {
        return Err(appeal_error(AppealProblem::TooLate));
    }
    let id = store
        .lodge_appeal(
            review.key,
            &school.summary.id,
            &grounds,
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(|e| match e {
            crate::store::StoreError::Duplicate(_) => AppError::Conflict.respond(),
            other => crate::api::failed(other),
        })?;
    crate::api::redirect_after_form(&format!("/assessments/{}/report", record.id));
    Ok(id)
}

/// The appeals an admin or an assessor has to act on.
#[server(endpoint = "appeals")]
pub async fn appeals() -> Result<AppealsView, AppError> {
    use crate::domain::{Action, Role};
    let store = crate::api::store()?;
    let (session, signed_in) = crate::api::signed_in()?;
    let viewer = &signed_in.viewer;
    let admin = viewer.may(Action::ManageAwards, None);
    if !admin && !viewer.holds(Role::Assessor) {
        let action = Action::DecideAward;
        return Err(crate::api::refuse(&store, &session, action, None, AppError::Forbidden).await);
    }
    let mut rows = Vec::new();
    for found in store.appeals().await.map_err(crate::api::failed)? {
        let mine = found.assessor == Some(signed_in.account);
        if !admin && !mine {
            continue;
        }
        let undecided = found.appeal.outcome.is_none();
        let fw = store
            .framework(&found.framework.0, &found.framework.1)
            .await
            .map_err(crate::api::failed)?;
        rows.push(AppealRow {
            may_assign: admin && undecided,
            may_decide: mine && undecided,
            awards: fw
                .awards
                .iter()
                .map(|a| (a.id.clone(), a.title.clone()))
                .collect(),
            default_language: fw.default_language.clone(),
            appeal: found.appeal,
        });
    }
    let assessors = if admin {
        store
            .assessors()
            .await
            .map_err(crate::api::failed)?
            .into_iter()
            .map(|(_, a)| a)
            .collect()
    } else {
        Vec::new()
    };
    Ok(AppealsView {
        appeals: rows,
        assessors,
    })
}

/// A certification admin gives an appeal to an assessor who took no part
/// in the review and has no conflict of interest with the school.
#[server(endpoint = "assign_appeal")]
pub async fn assign_appeal(appeal: String, assessor: String) -> Result<(), AppError> {
    use crate::domain::appeal::{independent, AppealProblem};
    use crate::domain::review::conflict_of_interest;
    use crate::domain::Action;
    let (store, session, _) = crate::api::authorize(Action::ManageAwards).await?;
    let found = store
        .appeal(appeal.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let key = store
        .assessors()
        .await
        .map_err(crate::api::failed)?
        .into_iter()
        .find(|(_, a)| a.account == assessor.trim())
        .map(|(k, _)| k)
        .ok_or_else(|| AppError::InvalidChoice.respond())?;
    if !independent(key, found.lead, found.second) {
        return Err(appeal_error(AppealProblem::TookPart));
    }
    let cluster = store
        .cluster_schools(found.school_key)
        .await
        .map_err(crate::api::failed)?;
    let works_at = store
        .schools_worked_at(key)
        .await
        .map_err(crate::api::failed)?;
    if let Some(conflict) = conflict_of_interest(&works_at, &found.school_id, &cluster) {
        return Err(AppError::ConflictOfInterest { conflict }.respond());
    }
    store
        .assign_appeal(&found, key, &session.actor())
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form("/appeals");
    Ok(())
}

/// The assessor given the appeal records its outcome with the reasons; an
/// upheld appeal may grant one of the framework's awards (`award`, empty
/// for none). Returns the new certificate's code, if any.
#[server(endpoint = "decide_appeal")]
pub async fn decide_appeal(
    appeal: String,
    outcome: String,
    #[server(default)] award: String,
    note: String,
) -> Result<Option<String>, AppError> {
    use crate::domain::appeal::{AppealOutcome, AppealProblem, APPEAL_TEXT_MAX_CHARS};
    use crate::domain::Action;
    let store = crate::api::store()?;
    let (session, signed_in) = crate::api::signed_in()?;
    let found = store
        .appeal(appeal.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    if found.assessor != Some(signed_in.account) {
        let error = AppError::Forbidden;
        let school = Some(found.school_id.as_str());
        return Err(crate::api::refuse(&store, &session, Action::DecideAward, school, error).await);
    }
    let outcome =
        AppealOutcome::parse(outcome.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let note = note.trim();
    if note.is_empty() {
        return Err(appeal_error(AppealProblem::NoteMissing));
    }
    if note.chars().count() > APPEAL_TEXT_MAX_CHARS {
        return Err(appeal_error(AppealProblem::TooLong));
    }
    let fw = store
        .framework(&found.framework.0, &found.framework.1)
        .await
        .map_err(crate::api::failed)?;
    let award = match award.trim() {
        "" => None,
        id => {
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
        .decide_appeal(
            &found,
            crate::store::appeals::AppealDecision {
                outcome,
                note,
                award: award
                    .as_ref()
                    .map(|(id, title)| (id.as_str(), title.as_str())),
                today: crate::api::today(),
            },
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?;
    crate::notifications::notify_report_readers(
        &store,
        (found.school_key, &found.appeal.school_name),
        &found.appeal.assessment,
        crate::domain::notification::NotificationKind::AppealDecided,
    )
    .await?;
    crate::api::redirect_after_form("/appeals");
    Ok(code)
}
