//! The physical accessibility walk of a self-assessment against the
//! UNESCO-style framework (`/assessments/:id/accessibility`): the people
//! who may edit its buildings indicator walk the checklist, record what
//! each check found with a photo, and plan the fixes, which go into the
//! action plan. Whoever may read the self-assessment (its assessors too)
//! reads the walk. Its page, server functions and view types live here.

pub mod page;

use crate::domain::accessibility::{Area, CheckRecord};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A check's photo: the evidence file it is kept as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub evidence: String,
    pub name: String,
}

/// One check of the list with what was recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRow {
    pub id: String,
    pub area: Area,
    pub record: CheckRecord,
    pub photo: Option<Photo>,
    /// Its fix is in the action plan.
    pub in_plan: bool,
    pub version: i32,
}

/// The walk's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkView {
    pub assessment: String,
    pub school_name: String,
    pub checks: Vec<CheckRow>,
    /// Checks with a finding, and barriers found.
    pub done: usize,
    pub barriers: usize,
    /// Whether the viewer may record checks and add photos.
    pub may_edit: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::accessibility::{FRAMEWORK, INDICATOR};
    use crate::domain::Action;
    use crate::error::AppError;
    use crate::http::state::Session;
    use crate::store::accounts::SignedIn;
    use crate::store::assessments::AssessmentRecord;
    use crate::store::schools::SchoolRecord;
    use crate::store::Store;

    /// The self-assessment, if the person may do `action` on it and it is
    /// against the framework the walk belongs to (any other is "not found").
    pub(super) async fn walk_of(
        action: Action,
        id: &str,
    ) -> Result<(Store, Session, SignedIn, AssessmentRecord, SchoolRecord), AppError> {
        let found = crate::api::assessments::authorize_assessment(action, id).await?;
        if found.3.framework_id != FRAMEWORK {
            return Err(AppError::NotFound.respond());
        }
        Ok(found)
    }

    /// Whether the person may record the walk: the self-assessment is open
    /// and they may edit the buildings indicator (theirs, or the school's).
    pub(super) async fn may_record(
        store: &Store,
        signed_in: &SignedIn,
        assessment: &AssessmentRecord,
        school: &SchoolRecord,
    ) -> Result<bool, AppError> {
        let assignee =
            crate::api::assessments::server::assignee_of(store, assessment, INDICATOR).await?;
        Ok(assessment.status.is_editable()
            && signed_in
                .viewer
                .may(Action::EditSelfAssessment, Some(&school.summary.id))
            && signed_in
                .viewer
                .may_edit_element(&school.summary.id, assignee.as_deref()))
    }
}

/// The walk of a self-assessment against the UNESCO-style framework.
#[server(endpoint = "accessibility_walk")]
pub async fn accessibility_walk(assessment: String) -> Result<WalkView, AppError> {
    use crate::domain::accessibility::{progress, CHECKS};
    use crate::domain::Action;
    let (store, _, signed_in, record, school) =
        server::walk_of(Action::ViewSelfAssessment, &assessment).await?;
    let may_edit = server::may_record(&store, &signed_in, &record, &school).await?;
    let saved = store
        .accessibility_checks(record.key)
        .await
        .map_err(crate::api::failed)?;
    let evidence = store
        .evidence(record.key)
        .await
        .map_err(crate::api::failed)?;
    let checks: Vec<CheckRow> = CHECKS
        .iter()
        .map(|check| {
            let found = saved.iter().find(|s| s.item == check.id);
            let photo = found.and_then(|s| s.photo.as_ref()).and_then(|id| {
                let item = evidence.iter().find(|e| e.id == *id)?;
                Some(Photo {
                    evidence: item.id.clone(),
                    name: item.file_name.clone().unwrap_or_default(),
                })
            });
            CheckRow {
                id: check.id.to_owned(),
                area: check.area,
                record: found.map(|s| s.record.clone()).unwrap_or_default(),
                photo,
                in_plan: found.is_some_and(|s| s.plan_action.is_some()),
                version: found.map_or(0, |s| s.version),
            }
        })
        .collect();
    let (done, barriers) = progress(checks.iter().map(|c| c.record.finding));
    Ok(WalkView {
        assessment: record.id,
        school_name: school.summary.name,
        checks,
        done,
        barriers,
        may_edit,
    })
}

/// Records what a check found and the fix for a barrier (which goes into
/// the action plan once it has an owner). An edit to a version someone
/// else has changed since is refused (409).
#[server(endpoint = "record_accessibility_check")]
#[allow(clippy::too_many_arguments)]
pub async fn record_accessibility_check(
    assessment: String,
    item: String,
    base_version: i32,
    #[server(default)] finding: String,
    #[server(default)] note: String,
    #[server(default)] fix: String,
    #[server(default)] owner: String,
    #[server(default)] due_on: String,
) -> Result<(), AppError> {
    use crate::domain::accessibility::check_by_id;
    use crate::domain::Action;
    let (store, session, signed_in, record, school) =
        server::walk_of(Action::EditSelfAssessment, &assessment).await?;
    let check = check_by_id(item.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    if !server::may_record(&store, &signed_in, &record, &school).await? {
        let error = if record.status.is_editable() {
            AppError::Forbidden
        } else {
            AppError::AssessmentClosed
        };
        return Err(crate::api::refuse(
            &store,
            &session,
            Action::EditSelfAssessment,
            Some(&school.summary.id),
            error,
        )
        .await);
    }
    let parsed = CheckRecord::parse(&finding, &note, &fix, &owner, &due_on)
        .map_err(|problems| AppError::InvalidAccessibilityCheck { problems }.respond())?;
    store
        .record_accessibility_check(
            &record,
            check.id,
            &parsed,
            base_version,
            (&signed_in.viewer.name, &session.actor()),
        )
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!(
        "/assessments/{}/accessibility#check-{}",
        record.id, check.id
    ));
    Ok(())
}
