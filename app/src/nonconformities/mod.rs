//! A school's register of non-conformities and corrective action
//! (`/schools/:id/nonconformities`): its staff and the assessors reviewing
//! it read it; its coordinators raise entries, treat them and close them
//! once the action is checked. Open major entries block submitting that
//! framework's self-assessment (see `api::assessments::submit_assessment`).
//! Its page, server functions and view types live here together.

pub mod page;

use crate::domain::nonconformity::NonConformity;
use crate::error::AppError;
use crate::model::FrameworkIndicators;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One entry with what the page shows beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub entry: NonConformity,
    /// Its corrective action is past its day.
    pub late: bool,
}

/// The register page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterView {
    pub school: String,
    pub school_name: String,
    pub rows: Vec<RegisterRow>,
    pub frameworks: Vec<FrameworkIndicators>,
    /// Whether the viewer may raise, treat and close entries.
    pub may_edit: bool,
}

#[cfg(feature = "ssr")]
fn invalid(problems: Vec<crate::domain::nonconformity::NcProblem>) -> AppError {
    AppError::InvalidNonConformity { problems }.respond()
}

/// The school's register, for the people who may see its self-assessments.
#[server(endpoint = "nonconformities")]
pub async fn nonconformities(school: String) -> Result<RegisterView, AppError> {
    use crate::domain::Action;
    let (store, _, signed_in, school) =
        crate::api::authorize_at(Action::ViewSelfAssessment, &school).await?;
    let today = crate::store::awards::day_of(crate::api::today());
    let rows = store
        .nonconformities(school.key)
        .await
        .map_err(crate::api::failed)?
        .into_iter()
        .map(|entry| RegisterRow {
            late: entry.is_late(today),
            entry,
        })
        .collect();
    let frameworks = crate::api::latest_frameworks(&store)
        .await?
        .iter()
        .map(|fw| FrameworkIndicators::of(fw))
        .collect();
    Ok(RegisterView {
        may_edit: signed_in
            .viewer
            .may(Action::SubmitSelfAssessment, Some(&school.summary.id)),
        school: school.summary.id,
        school_name: school.summary.name,
        rows,
        frameworks,
    })
}

/// A coordinator adds an entry: `indicator` is `framework:indicator`.
#[server(endpoint = "raise_nonconformity")]
pub async fn raise_nonconformity(
    school: String,
    indicator: String,
    source: String,
    severity: String,
    finding: String,
    #[server(default)] correction: String,
) -> Result<String, AppError> {
    use crate::domain::nonconformity::{
        check_new, check_treatment, NcProblem, Severity, Source, Treatment,
    };
    use crate::domain::Action;
    let (store, session, signed_in, school) =
        crate::api::authorize_at(Action::SubmitSelfAssessment, &school).await?;
    let source = Source::parse(source.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let severity =
        Severity::parse(severity.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let (framework, indicator) = indicator.trim().split_once(':').unwrap_or(("", ""));
    let fw = store
        .latest_framework(framework)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| invalid(vec![NcProblem::UnknownIndicator]))?;
    let mut problems = check_new(&fw, indicator, &finding);
    let treatment = Treatment {
        correction,
        ..Treatment::default()
    };
    let treatment = match check_treatment(&treatment) {
        Ok(t) => t,
        Err(more) => {
            problems.extend(more);
            Treatment::default()
        }
    };
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let id = store
        .raise_nonconformity(
            (school.key, &school.summary.id),
            crate::store::nonconformities::NewNonConformity {
                framework,
                indicator,
                source,
                severity,
                finding: finding.trim(),
                treatment: &treatment,
                audit: None,
            },
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!("/schools/{}/nonconformities", school.summary.id));
    Ok(id)
}

/// A coordinator saves an open entry's treatment; with `close` set it
/// also closes it, once the root cause, the corrective action and the
/// check that it worked are written. An edit to a version someone else
/// has changed since is refused (409), and nothing is lost on the page.
#[server(endpoint = "treat_nonconformity")]
#[allow(clippy::too_many_arguments)]
pub async fn treat_nonconformity(
    id: String,
    base_version: i32,
    correction: String,
    root_cause: String,
    corrective_action: String,
    owner: String,
    due_on: String,
    effectiveness: String,
    #[server(default)] close: String,
) -> Result<(), AppError> {
    use crate::domain::nonconformity::{check_treatment, missing_to_close, Treatment};
    use crate::domain::Action;
    let found = crate::api::store()?
        .nonconformity(id.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let (store, session, _, school) =
        crate::api::authorize_at_key(Action::SubmitSelfAssessment, found.school_key).await?;
    let treatment = check_treatment(&Treatment {
        correction,
        root_cause,
        corrective_action,
        owner,
        due_on,
        effectiveness,
    })
    .map_err(invalid)?;
    let close = !close.is_empty();
    if close {
        let missing = missing_to_close(&treatment);
        if !missing.is_empty() {
            return Err(invalid(missing));
        }
    }
    // The corrective action goes into the plan of the school's open
    // self-assessment against the entry's framework, if it has one.
    let open = store
        .assessments_of(school.key)
        .await
        .map_err(crate::api::failed)?
        .into_iter()
        .find(|a| a.framework_id == found.entry.framework && a.status.is_editable());
    store
        .treat_nonconformity(
            &found,
            &school.summary.id,
            (&treatment, close),
            base_version,
            open.as_ref().map(|a| (a.key, a.id.as_str())),
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!("/schools/{}/nonconformities", school.summary.id));
    Ok(())
}
