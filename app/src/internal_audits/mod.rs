//! A school's internal audits (`/schools/:id/internal-audits` and one page
//! per audit): its coordinators plan them (scope, auditors from its staff,
//! whose work is audited, days); the named auditors record findings
//! against the indicators in scope and close the audit with a summary; its
//! staff and the assessors reviewing it read them. A non-conformity found
//! goes into the register, naming the audit; a closed ISO 21001 audit is
//! evidence for the clause on internal audit. Pages, server functions and
//! view types live here together.

pub mod page;

use crate::domain::internal_audit::{InternalAudit, Programme, StaffMember, Standing};
use crate::domain::Text;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A framework whose elements an audit may take as its scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkScope {
    pub id: String,
    pub title: Text,
    pub default_language: String,
    pub elements: Vec<ElementScope>,
}

/// One element of a framework, with its indicators as (id, title).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementScope {
    pub id: String,
    pub title: Text,
    pub indicators: Vec<(String, Text)>,
}

impl FrameworkScope {
    /// The title of one of its indicators, if it has it.
    pub fn indicator_title(&self, id: &str) -> Option<&Text> {
        self.elements
            .iter()
            .flat_map(|e| &e.indicators)
            .find(|(i, _)| i == id)
            .map(|(_, title)| title)
    }
}

/// One audit in the year's programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeRow {
    pub audit: InternalAudit,
    pub standing: Standing,
}

/// The programme page: a year's audits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub school: String,
    pub school_name: String,
    pub year: i32,
    pub counts: Programme,
    pub rows: Vec<ProgrammeRow>,
    pub frameworks: Vec<FrameworkScope>,
    /// Who may audit, or be audited: the school's coordinators and teachers.
    pub staff: Vec<StaffMember>,
    pub may_plan: bool,
}

/// One audit's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub school: String,
    pub school_name: String,
    pub audit: InternalAudit,
    pub standing: Standing,
    pub framework: FrameworkScope,
    /// Whether the viewer is one of its auditors and it is open.
    pub may_record: bool,
}

#[cfg(feature = "ssr")]
fn invalid(problems: Vec<crate::domain::internal_audit::AuditProblem>) -> AppError {
    AppError::InvalidInternalAudit { problems }.respond()
}

#[cfg(feature = "ssr")]
fn scope_of(fw: &crate::domain::Framework) -> FrameworkScope {
    FrameworkScope {
        id: fw.id.clone(),
        title: fw.title.clone(),
        default_language: fw.default_language.clone(),
        elements: fw
            .elements
            .iter()
            .map(|e| ElementScope {
                id: e.id.clone(),
                title: e.title.clone(),
                indicators: e
                    .indicators
                    .iter()
                    .map(|i| (i.id.clone(), i.title.clone()))
                    .collect(),
            })
            .collect(),
    }
}

/// The school's coordinators and teachers, each once.
#[cfg(feature = "ssr")]
async fn staff_of(store: &crate::store::Store, school: i64) -> Result<Vec<StaffMember>, AppError> {
    use crate::domain::Role;
    let mut staff: Vec<StaffMember> = Vec::new();
    for m in store
        .school_members(school)
        .await
        .map_err(crate::api::failed)?
    {
        if matches!(m.role, Role::Coordinator | Role::Teacher)
            && !staff.iter().any(|s| s.account == m.account)
        {
            staff.push(StaffMember {
                account: m.account,
                name: m.name,
            });
        }
    }
    staff.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(staff)
}

/// The school's audit programme for `year` (this year when not given).
#[server(endpoint = "internal_audits")]
pub async fn internal_audits(
    school: String,
    #[server(default)] year: Option<i32>,
) -> Result<ProgrammeView, AppError> {
    use crate::domain::Action;
    let (store, _, signed_in, school) =
        crate::api::authorize_at(Action::ViewSelfAssessment, &school).await?;
    let today = crate::store::awards::day_of(crate::api::today());
    let year = year.unwrap_or_else(crate::api::this_year);
    let rows: Vec<ProgrammeRow> = store
        .internal_audits(school.key)
        .await
        .map_err(crate::api::failed)?
        .into_iter()
        .filter(|a| a.year() == year)
        .map(|audit| ProgrammeRow {
            standing: audit.standing(today),
            audit,
        })
        .collect();
    let frameworks = crate::api::latest_frameworks(&store)
        .await?
        .iter()
        .map(|fw| scope_of(fw))
        .collect();
    let may_plan = signed_in
        .viewer
        .may(Action::SubmitSelfAssessment, Some(&school.summary.id));
    Ok(ProgrammeView {
        counts: crate::domain::internal_audit::programme(rows.iter().map(|r| &r.audit), today),
        staff: if may_plan {
            staff_of(&store, school.key).await?
        } else {
            Vec::new()
        },
        school: school.summary.id,
        school_name: school.summary.name,
        year,
        rows,
        frameworks,
        may_plan,
    })
}

/// Finds an audit and checks the viewer may `action` at its school.
#[cfg(feature = "ssr")]
async fn audit_at(
    id: &str,
    action: crate::domain::Action,
) -> Result<
    (
        crate::api::AtSchool,
        crate::store::internal_audits::AuditRecord,
    ),
    AppError,
> {
    let found = crate::api::store()?
        .internal_audit(id.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    Ok((
        crate::api::authorize_at_key(action, found.school_key).await?,
        found,
    ))
}

/// The framework an audit was planned against, at its latest version.
#[cfg(feature = "ssr")]
async fn framework_of(
    store: &crate::store::Store,
    audit: &InternalAudit,
) -> Result<std::sync::Arc<crate::domain::Framework>, AppError> {
    store
        .latest_framework(&audit.plan.framework)
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| AppError::NotFound.respond())
}

/// Only the audit's auditors record its findings and close it; anyone
/// else who may see it is refused, and the refusal is audited.
#[cfg(feature = "ssr")]
async fn must_audit(
    store: &crate::store::Store,
    session: &crate::http::state::Session,
    signed_in: &crate::store::accounts::SignedIn,
    school: &crate::store::schools::SchoolRecord,
    audit: &InternalAudit,
) -> Result<(), AppError> {
    if audit.audited_by(&signed_in.viewer.account) {
        return Ok(());
    }
    Err(crate::api::refuse(
        store,
        session,
        crate::domain::Action::EditSelfAssessment,
        Some(&school.summary.id),
        AppError::Forbidden,
    )
    .await)
}

/// One audit, for the people who may see the school's self-assessments.
#[server(endpoint = "internal_audit")]
pub async fn internal_audit_view(id: String) -> Result<AuditView, AppError> {
    use crate::domain::Action;
    let ((store, _, signed_in, school), found) = audit_at(&id, Action::ViewSelfAssessment).await?;
    let fw = framework_of(&store, &found.audit).await?;
    let today = crate::store::awards::day_of(crate::api::today());
    let audit = found.audit;
    Ok(AuditView {
        may_record: audit.is_open() && audit.audited_by(&signed_in.viewer.account),
        standing: audit.standing(today),
        framework: scope_of(&fw),
        school: school.summary.id,
        school_name: school.summary.name,
        audit,
    })
}

/// A coordinator plans an audit: `scope` names the framework's elements,
/// `auditors` and `auditee` the school's staff by account.
#[server(endpoint = "plan_internal_audit")]
#[allow(clippy::too_many_arguments)]
pub async fn plan_internal_audit(
    school: String,
    framework: String,
    #[server(default)] scope: Vec<String>,
    #[server(default)] auditors: Vec<String>,
    #[server(default)] auditee: String,
    starts_on: String,
    ends_on: String,
) -> Result<String, AppError> {
    use crate::domain::internal_audit::{check_plan, AuditProblem, PlanForm};
    use crate::domain::Action;
    let (store, session, signed_in, school) =
        crate::api::authorize_at(Action::SubmitSelfAssessment, &school).await?;
    let fw = store
        .latest_framework(framework.trim())
        .await
        .map_err(crate::api::failed)?
        .ok_or_else(|| invalid(vec![AuditProblem::ScopeMissing]))?;
    let staff = staff_of(&store, school.key).await?;
    let form = PlanForm {
        scope: &scope,
        auditors: &auditors,
        auditee: &auditee,
        starts_on: &starts_on,
        ends_on: &ends_on,
    };
    let plan = check_plan(&fw, &form, &staff).map_err(invalid)?;
    let id = store
        .plan_internal_audit(
            (school.key, &school.summary.id),
            &plan,
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?;
    // Back to the programme of the audit's year, which now lists it.
    let year = plan.starts_on.get(..4).unwrap_or_default();
    crate::api::redirect_after_form(&format!(
        "/schools/{}/internal-audits?year={year}",
        school.summary.id
    ));
    Ok(id)
}

/// One of the audit's auditors records a finding; a non-conformity also
/// goes into the school's register. Returns the register entry's id.
#[server(endpoint = "record_audit_finding")]
pub async fn record_audit_finding(
    audit: String,
    indicator: String,
    kind: String,
    statement: String,
    evidence: String,
) -> Result<Option<String>, AppError> {
    use crate::domain::internal_audit::{check_finding, FindingKind};
    use crate::domain::Action;
    let ((store, session, signed_in, school), found) =
        audit_at(&audit, Action::ViewSelfAssessment).await?;
    must_audit(&store, &session, &signed_in, &school, &found.audit).await?;
    let kind = FindingKind::parse(kind.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let fw = framework_of(&store, &found.audit).await?;
    let (statement, evidence) =
        check_finding(&fw, &found.audit, &indicator, (&statement, &evidence)).map_err(invalid)?;
    let raised = store
        .record_audit_finding(
            &found,
            &school.summary.id,
            crate::store::internal_audits::NewFinding {
                indicator: indicator.trim(),
                kind,
                statement: &statement,
                evidence: &evidence,
            },
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form(&format!(
        "/schools/{}/internal-audits/{}",
        school.summary.id, found.audit.id
    ));
    Ok(raised)
}

/// One of the audit's auditors closes it with a summary, from the version
/// read (a finding recorded since makes it stale: 409). A closed ISO 21001
/// audit is linked as evidence for the clause on internal audit.
#[server(endpoint = "close_internal_audit")]
pub async fn close_internal_audit(
    audit: String,
    base_version: i32,
    summary: String,
) -> Result<(), AppError> {
    use crate::domain::internal_audit::{check_close, EVIDENCE_FOR};
    use crate::domain::Action;
    let ((store, session, signed_in, school), found) =
        audit_at(&audit, Action::ViewSelfAssessment).await?;
    must_audit(&store, &session, &signed_in, &school, &found.audit).await?;
    if !found.audit.is_open() {
        return Err(crate::api::failed(crate::store::StoreError::Conflict(
            "internal audit",
        )));
    }
    let summary = check_close(&found.audit, &summary).map_err(invalid)?;
    let actor = session.actor();
    let today = crate::api::today();
    store
        .close_internal_audit(
            &found,
            &school.summary.id,
            (&summary, today),
            base_version,
            &actor,
        )
        .await
        .map_err(crate::api::failed)?;
    let path = format!(
        "/schools/{}/internal-audits/{}",
        school.summary.id, found.audit.id
    );
    if found.audit.plan.framework == EVIDENCE_FOR.0 {
        crate::api::attach_link_as_evidence(
            &store,
            &school,
            EVIDENCE_FOR,
            (&format!("Internal audit report, {today}"), &path),
            (&signed_in.viewer.name, &actor),
        )
        .await?;
    }
    crate::api::redirect_after_form(&path);
    Ok(())
}
