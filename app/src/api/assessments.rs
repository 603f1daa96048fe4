//! Self-assessments: starting one, the wizard's data, saving answers,
//! assigning elements, and submitting.

use crate::domain::assessment::Response;
use crate::error::AppError;
use crate::model::{AssessmentSummary, AssessmentView};
use leptos::prelude::*;

/// A school's self-assessments, newest first.
#[server(endpoint = "list_assessments")]
pub async fn list_assessments(school: String) -> Result<Vec<AssessmentSummary>, AppError> {
    use crate::domain::Action;
    let (store, _, _, record) = super::authorize_at(Action::ViewSelfAssessment, &school).await?;
    let mut list = Vec::new();
    for a in store
        .assessments_of(record.key)
        .await
        .map_err(super::failed)?
    {
        let fw = store
            .framework(&a.framework_id, &a.framework_version)
            .await
            .map_err(super::failed)?;
        let lang = fw.default_language.clone();
        list.push(AssessmentSummary {
            framework_title: fw.title.get(&lang, &lang).to_owned(),
            target_award: fw
                .award(&a.target_award)
                .map(|award| award.title.get(&lang, &lang).to_owned())
                .unwrap_or_default(),
            rated: store.rated_count(a.key).await.map_err(super::failed)?,
            total: u32::try_from(fw.indicator_count()).unwrap_or(u32::MAX),
            id: a.id,
            framework_id: a.framework_id,
            framework_version: a.framework_version,
            cycle: a.cycle,
            status: a.status,
            created_at: a.created_at,
        });
    }
    Ok(list)
}

/// Starts a self-assessment (the school's coordinator). `framework` is
/// `id@version`. Returns the new self-assessment's id.
#[server(endpoint = "start_assessment")]
pub async fn start_assessment(
    school: String,
    framework: String,
    cycle: String,
    target_award: String,
) -> Result<String, AppError> {
    use crate::domain::assessment::Cycle;
    use crate::domain::Action;
    use crate::store::assessments::NewAssessment;

    let (store, session, signed_in, record) =
        super::authorize_at(Action::SubmitSelfAssessment, &school).await?;
    let (id, version) = framework
        .split_once('@')
        .ok_or_else(|| AppError::InvalidChoice.respond())?;
    let fw = store
        .framework(id, version)
        .await
        .map_err(|_| AppError::InvalidChoice.respond())?;
    let cycle = Cycle::parse(&cycle).ok_or_else(|| AppError::InvalidChoice.respond())?;
    if fw.award(&target_award).is_none() {
        return Err(AppError::InvalidChoice.respond());
    }
    let started = store
        .start_assessment(
            NewAssessment {
                school: (record.key, &record.summary.id),
                framework_id: id,
                framework_version: version,
                cycle,
                target_award: &target_award,
                started_by: signed_in.account,
            },
            &session.actor(),
        )
        .await
        .map_err(super::failed)?;
    // Straight to the new self-assessment's task list.
    super::redirect_after_form(&format!("/assessments/{started}"));
    Ok(started)
}

#[cfg(feature = "ssr")]
pub(crate) use server::{authorize_assessment, check_access};

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::domain::Action;
    use crate::error::AppError;
    use crate::http::state::Session;
    use crate::store::accounts::SignedIn;
    use crate::store::assessments::AssessmentRecord;
    use crate::store::schools::SchoolRecord;
    use crate::store::Store;

    /// The self-assessment, if the person may do `action` on its school.
    /// One they may not see is "not found".
    pub(crate) async fn authorize_assessment(
        action: Action,
        id: &str,
    ) -> Result<(Store, Session, SignedIn, AssessmentRecord, SchoolRecord), AppError> {
        let store = crate::api::store()?;
        let (session, signed_in) = crate::api::signed_in()?;
        let (assessment, school) = store
            .assessment_with_school(id)
            .await
            .map_err(crate::api::failed)?
            .ok_or_else(|| AppError::NotFound.respond())?;
        check_access(&store, &session, &signed_in, action, &school).await?;
        Ok((store, session, signed_in, assessment, school))
    }

    /// Refuses (and records) a person who may not see a self-assessment
    /// of `school` ("not found") or may not do `action` on it.
    pub(crate) async fn check_access(
        store: &Store,
        session: &Session,
        signed_in: &SignedIn,
        action: Action,
        school: &SchoolRecord,
    ) -> Result<(), AppError> {
        let school_id = Some(school.summary.id.as_str());
        let error = if !signed_in.viewer.may(Action::ViewSelfAssessment, school_id) {
            AppError::NotFound
        } else if !signed_in.viewer.may(action, school_id) {
            AppError::Forbidden
        } else {
            return Ok(());
        };
        Err(crate::api::refuse(store, session, action, school_id, error).await)
    }

    /// An earlier self-assessment, scored by the engine from its responses
    /// and evidence.
    pub(super) async fn previous_cycle(
        store: &Store,
        earlier: AssessmentRecord,
        responses: &[crate::domain::assessment::Response],
        evidence: &[crate::domain::assessment::EvidenceItem],
    ) -> Result<crate::model::PreviousCycle, AppError> {
        use crate::domain::assessment::{evidence_counts, response_set};
        use crate::domain::{score, AwardContext};
        let fw = store
            .framework(&earlier.framework_id, &earlier.framework_version)
            .await
            .map_err(crate::api::failed)?;
        let report = score(
            &fw,
            &response_set(&fw, responses, &evidence_counts(evidence)),
            &AwardContext::default(),
        );
        Ok(crate::model::PreviousCycle {
            id: earlier.id,
            cycle: earlier.cycle,
            created_at: earlier.created_at,
            elements: fw
                .elements
                .iter()
                .zip(&report.elements)
                .map(|(e, s)| (e.id.clone(), s.score))
                .collect(),
            overall: report.overall,
        })
    }

    /// Who the element holding `indicator` is assigned to (an account's
    /// public id); an unknown indicator is refused.
    pub(crate) async fn assignee_of(
        store: &Store,
        assessment: &AssessmentRecord,
        indicator: &str,
    ) -> Result<Option<String>, AppError> {
        let fw = store
            .framework(&assessment.framework_id, &assessment.framework_version)
            .await
            .map_err(crate::api::failed)?;
        let place = fw
            .indicator(indicator)
            .ok_or_else(|| AppError::InvalidChoice.respond())?;
        let assignments = store
            .assignments(assessment.key)
            .await
            .map_err(crate::api::failed)?;
        Ok(assignments
            .into_iter()
            .find(|(element, _)| *element == place.element.id)
            .map(|(_, a)| a.account))
    }
}

/// Everything the wizard shows for one self-assessment.
#[server(endpoint = "assessment")]
pub async fn assessment(id: String) -> Result<AssessmentView, AppError> {
    use crate::domain::Action;
    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let found = store
        .assessment_in_context(&id)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let action = Action::ViewSelfAssessment;
    server::check_access(&store, &session, &signed_in, action, &found.school).await?;
    assessment_view(&store, &signed_in, found).await
}

/// The wizard's view of one self-assessment, for a viewer already allowed
/// to see it.
#[cfg(feature = "ssr")]
pub(crate) async fn assessment_view(
    store: &crate::store::Store,
    signed_in: &crate::store::accounts::SignedIn,
    found: crate::store::assessments::AssessmentInContext,
) -> Result<AssessmentView, AppError> {
    let (requests, certificate) = match &found.review {
        Some(review) => {
            let requests = store
                .evidence_requests(review.record.key)
                .await
                .map_err(super::failed)?;
            (requests, review.certificate.clone())
        }
        None => (Vec::new(), None),
    };
    let review = found.review.as_ref().map(|r| &r.record);
    let side = ReviewSide::of(review, requests, certificate);
    let (record, school, earlier) = (found.assessment, found.school, found.earlier);
    assessment_view_with(store, signed_in, record, school, earlier, side).await
}

/// What the school sees of its self-assessment's review: its state, the
/// requests for evidence sent to it, and the decision and certificate once
/// the review is closed.
#[cfg(feature = "ssr")]
pub(crate) struct ReviewSide {
    status: Option<crate::domain::review::ReviewStatus>,
    requests: Vec<crate::domain::review::EvidenceRequest>,
    decision: Option<crate::domain::review::Decision>,
    certificate: Option<String>,
}

#[cfg(feature = "ssr")]
impl ReviewSide {
    /// From the review (if any), all its evidence requests, and the
    /// certificate its award has (if any).
    pub(crate) fn of(
        review: Option<&crate::store::reviews::ReviewRecord>,
        requests: Vec<crate::domain::review::EvidenceRequest>,
        certificate: Option<String>,
    ) -> ReviewSide {
        let closed = review.filter(|r| r.status == crate::domain::review::ReviewStatus::Closed);
        ReviewSide {
            status: review.map(|r| r.status),
            requests: requests.into_iter().filter(|r| r.sent).collect(),
            decision: closed.and_then(|r| r.decision.clone()),
            certificate: closed.and(certificate),
        }
    }
}

/// [`assessment_view`] when the review's side has been read already (the
/// review page reads it for itself). `earlier` is the school's latest
/// earlier self-assessment on the same framework, if any.
#[cfg(feature = "ssr")]
pub(crate) async fn assessment_view_with(
    store: &crate::store::Store,
    signed_in: &crate::store::accounts::SignedIn,
    record: crate::store::assessments::AssessmentRecord,
    school: crate::store::schools::SchoolRecord,
    earlier: Option<crate::store::assessments::AssessmentRecord>,
    side: ReviewSide,
) -> Result<AssessmentView, AppError> {
    use crate::domain::{Action, Role};
    use crate::model::Assignee;

    let fw = store
        .framework(&record.framework_id, &record.framework_version)
        .await
        .map_err(super::failed)?;
    // This self-assessment's responses and evidence and the earlier one's
    // (for the year-over-year comparison) are read together.
    let keys: Vec<i64> = std::iter::once(record.key)
        .chain(earlier.as_ref().map(|e| e.key))
        .collect();
    let mut responses = store.responses_of(&keys).await.map_err(super::failed)?;
    let mut evidence = store.evidence_of(&keys).await.map_err(super::failed)?;
    let assignments = store.assignments(record.key).await.map_err(super::failed)?;
    let previous = match earlier {
        Some(earlier) => {
            let key = earlier.key;
            let (responses, evidence) = (
                responses.remove(&key).unwrap_or_default(),
                evidence.remove(&key).unwrap_or_default(),
            );
            Some(server::previous_cycle(store, earlier, &responses, &evidence).await?)
        }
        None => None,
    };
    let responses = responses.remove(&record.key).unwrap_or_default();
    let evidence = evidence.remove(&record.key).unwrap_or_default();
    let context = super::awards::award_context(store, school.key, Some(&record)).await?;
    let register = store
        .nonconformities(school.key)
        .await
        .map_err(super::failed)?;
    let blocked_by = crate::domain::nonconformity::blocking(&register, &fw.id)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let school_id = school.summary.id.clone();
    let viewer = &signed_in.viewer;
    let may_assign = viewer.may(Action::SubmitSelfAssessment, Some(&school_id));
    let assignable = if may_assign {
        let mut people: Vec<Assignee> = store
            .school_members(school.key)
            .await
            .map_err(super::failed)?
            .into_iter()
            .filter(|m| matches!(m.role, Role::Teacher | Role::Coordinator))
            .map(|m| Assignee {
                account: m.account,
                name: m.name,
            })
            .collect();
        people.sort_by(|a, b| a.name.cmp(&b.name));
        people.dedup();
        people
    } else {
        Vec::new()
    };
    let editable = if record.status.is_editable() {
        fw.elements
            .iter()
            .filter(|e| {
                let assignee = assignments
                    .iter()
                    .find(|(element, _)| *element == e.id)
                    .map(|(_, a)| a.account.as_str());
                viewer.may_edit_element(&school_id, assignee)
            })
            .map(|e| e.id.clone())
            .collect()
    } else {
        Vec::new()
    };
    Ok(AssessmentView {
        id: record.id,
        school_id,
        school_name: school.summary.name,
        framework: fw,
        cycle: record.cycle,
        target_award: record.target_award,
        status: record.status,
        responses,
        assignments,
        assignable,
        editable,
        may_assign,
        may_submit: may_assign && record.status.is_editable(),
        evidence,
        previous,
        requests: side.requests,
        review_status: side.status,
        decision: side.decision,
        certificate: side.certificate,
        context,
        blocked_by,
    })
}

/// Saves one indicator's answer. `base_version` is the version the answer
/// was loaded at (0 if it had none); a newer one on the server is refused
/// with that version, for the person to choose.
#[server(endpoint = "save_response")]
pub async fn save_response(
    assessment: String,
    indicator: String,
    level: String,
    narrative: String,
    base_version: u32,
) -> Result<Response, AppError> {
    use crate::domain::assessment::NARRATIVE_MAX_CHARS;
    use crate::domain::Action;
    use crate::store::assessments::ResponseEdit;

    let (store, session, signed_in, record, school) =
        server::authorize_assessment(Action::EditSelfAssessment, &assessment).await?;
    let fw = store
        .framework(&record.framework_id, &record.framework_version)
        .await
        .map_err(super::failed)?;
    let assignee = server::assignee_of(&store, &record, &indicator).await?;
    let level = Some(level.trim()).filter(|l| !l.is_empty());
    if level.is_some_and(|l| fw.level_index(l).is_none()) {
        return Err(AppError::InvalidChoice.respond());
    }
    if narrative.chars().count() > NARRATIVE_MAX_CHARS {
        return Err(AppError::InvalidChoice.respond());
    }
    if !signed_in
        .viewer
        .may_edit_element(&school.summary.id, assignee.as_deref())
    {
        return Err(AppError::Forbidden.respond());
    }
    store
        .save_response(
            &record,
            ResponseEdit {
                indicator: &indicator,
                level,
                narrative: &narrative,
                base_version,
            },
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(super::failed)
}

/// Gives an element to a teacher or coordinator of the school, or (with an
/// empty `account`) takes it back.
#[server(endpoint = "assign_element")]
pub async fn assign_element(
    assessment: String,
    element: String,
    account: String,
) -> Result<(), AppError> {
    use crate::domain::{Action, Role};

    let (store, session, _, record, school) =
        server::authorize_assessment(Action::SubmitSelfAssessment, &assessment).await?;
    let fw = store
        .framework(&record.framework_id, &record.framework_version)
        .await
        .map_err(super::failed)?;
    if fw.element(&element).is_none() {
        return Err(AppError::InvalidChoice.respond());
    }
    let account = Some(account.trim()).filter(|a| !a.is_empty());
    if let Some(account) = account {
        let members = store
            .school_members(school.key)
            .await
            .map_err(super::failed)?;
        let eligible = members
            .iter()
            .any(|m| m.account == account && matches!(m.role, Role::Teacher | Role::Coordinator));
        if !eligible {
            return Err(AppError::InvalidChoice.respond());
        }
    }
    store
        .assign_element(&record, &element, account, &session.actor())
        .await
        .map_err(super::failed)?;
    if let Some(account) = account {
        let person = store.account_key(account).await.map_err(super::failed)?;
        let title = fw
            .element(&element)
            .map(|e| e.title.clone())
            .unwrap_or_default();
        let (fallback, school_name) = (fw.default_language.clone(), school.summary.name.clone());
        let about = move |lang: &str| format!("{} ({school_name})", title.get(lang, &fallback));
        let path = format!("/assessments/{}/elements/{element}", record.id);
        let kind = crate::domain::notification::NotificationKind::ElementAssigned;
        crate::notifications::notify(&store, &Vec::from_iter(person), kind, &about, &path).await;
    }
    Ok(())
}

/// Submits the self-assessment for review (the coordinator), when nothing
/// is missing; otherwise the list of what is.
#[server(endpoint = "submit_assessment")]
pub async fn submit_assessment(assessment: String) -> Result<(), AppError> {
    use crate::domain::assessment::{by_indicator, evidence_counts, missing_for_submission};
    use crate::domain::Action;

    let (store, session, _, record, school) =
        server::authorize_assessment(Action::SubmitSelfAssessment, &assessment).await?;
    if !record.status.is_editable() {
        return Err(AppError::AssessmentClosed.respond());
    }
    let fw = store
        .framework(&record.framework_id, &record.framework_version)
        .await
        .map_err(super::failed)?;
    let responses = store.responses(record.key).await.map_err(super::failed)?;
    let evidence = store.evidence(record.key).await.map_err(super::failed)?;
    let mut missing =
        missing_for_submission(&fw, &by_indicator(&responses), &evidence_counts(&evidence));
    // The assessor's requests must be answered before resubmitting.
    if let Some(review) = store
        .review_of_assessment(record.key)
        .await
        .map_err(super::failed)?
    {
        let requests = store
            .evidence_requests(review.key)
            .await
            .map_err(super::failed)?;
        missing.extend(crate::domain::review::unanswered_requests(&fw, &requests));
    }
    // Open major non-conformities against this framework block certification.
    let register = store
        .nonconformities(school.key)
        .await
        .map_err(super::failed)?;
    missing.extend(crate::domain::nonconformity::blocking_missing(
        &fw,
        crate::domain::nonconformity::blocking(&register, &fw.id),
    ));
    if !missing.is_empty() {
        return Err(AppError::NotReady { missing }.respond());
    }
    store
        .submit_assessment(&record, &session.actor())
        .await
        .map_err(super::failed)?;
    // The certification admins assign an assessor.
    let admins = store
        .holders_of(crate::domain::Role::Admin, None)
        .await
        .map_err(super::failed)?;
    let school_name = school.summary.name.clone();
    let about = move |_: &str| school_name.clone();
    let kind = crate::domain::notification::NotificationKind::AssessmentSubmitted;
    crate::notifications::notify(&store, &admins, kind, &about, "/reviews").await;
    super::redirect_after_form(&format!("/assessments/{assessment}"));
    Ok(())
}

/// Adds a link or a note as evidence for an indicator.
#[server(endpoint = "add_evidence")]
pub async fn add_evidence(
    assessment: String,
    indicator: String,
    title: String,
    link: String,
    note: String,
) -> Result<crate::domain::assessment::EvidenceItem, AppError> {
    use crate::domain::assessment::NewEvidence;
    use crate::domain::Action;

    let (store, session, signed_in, record, school) =
        server::authorize_assessment(Action::EditSelfAssessment, &assessment).await?;
    let assignee = server::assignee_of(&store, &record, &indicator).await?;
    if !signed_in
        .viewer
        .may_edit_element(&school.summary.id, assignee.as_deref())
    {
        return Err(AppError::Forbidden.respond());
    }
    let new = NewEvidence::parse(&title, &link, &note)
        .map_err(|problems| AppError::InvalidEvidence { problems }.respond())?;
    store
        .add_evidence(
            &record,
            &new,
            None,
            &[indicator],
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(super::failed)
}

/// Removes a piece of evidence.
#[server(endpoint = "remove_evidence")]
pub async fn remove_evidence(assessment: String, evidence: String) -> Result<(), AppError> {
    use crate::domain::Action;

    let (store, session, signed_in, record, school) =
        server::authorize_assessment(Action::EditSelfAssessment, &assessment).await?;
    let items = store.evidence(record.key).await.map_err(super::failed)?;
    let item = items
        .iter()
        .find(|e| e.id == evidence)
        .ok_or_else(|| AppError::NotFound.respond())?;
    // Whoever may edit every indicator it is tied to may remove it.
    for indicator in &item.indicators {
        let assignee = server::assignee_of(&store, &record, indicator).await?;
        if !signed_in
            .viewer
            .may_edit_element(&school.summary.id, assignee.as_deref())
        {
            return Err(AppError::Forbidden.respond());
        }
    }
    store
        .remove_evidence(&record, &evidence, &session.actor())
        .await
        .map_err(super::failed)
}

/// The action plan of a self-assessment (with actions carried from earlier
/// cycles), and today's date for flagging overdue ones.
#[server(endpoint = "action_plan")]
pub async fn action_plan(
    assessment: String,
) -> Result<(Vec<crate::domain::action_plan::PlanAction>, String, bool), AppError> {
    use crate::domain::Action;
    let (store, _, signed_in, record, school) =
        server::authorize_assessment(Action::ViewSelfAssessment, &assessment).await?;
    let plan = store.plan(&record).await.map_err(super::failed)?;
    let today = chrono::Utc::now().date_naive().to_string();
    let may_manage = signed_in
        .viewer
        .may(Action::SubmitSelfAssessment, Some(&school.summary.id));
    Ok((plan, today, may_manage))
}

/// Adds an action to the plan (the coordinator).
#[server(endpoint = "add_action")]
pub async fn add_action(
    assessment: String,
    indicator: String,
    description: String,
    owner: String,
    due_on: String,
    success_measure: String,
) -> Result<crate::domain::action_plan::PlanAction, AppError> {
    use crate::domain::action_plan::NewAction;
    use crate::domain::Action;
    let (store, session, _, record, _) =
        server::authorize_assessment(Action::SubmitSelfAssessment, &assessment).await?;
    let fw = store
        .framework(&record.framework_id, &record.framework_version)
        .await
        .map_err(super::failed)?;
    let new = NewAction::parse(
        &indicator,
        &description,
        &owner,
        &due_on,
        &success_measure,
        |i| fw.indicator(i).is_some(),
    )
    .map_err(|problems| AppError::InvalidAction { problems }.respond())?;
    store
        .add_action(&record, &new, &session.actor())
        .await
        .map_err(super::failed)
}

/// Changes an action's status and progress (the coordinator).
#[server(endpoint = "update_action")]
pub async fn update_action(
    assessment: String,
    action: String,
    status: String,
    progress: String,
    version: u32,
) -> Result<crate::domain::action_plan::PlanAction, AppError> {
    use crate::domain::action_plan::{ActionStatus, DESCRIPTION_MAX_CHARS};
    use crate::domain::Action;
    let (store, session, _, record, _) =
        server::authorize_assessment(Action::SubmitSelfAssessment, &assessment).await?;
    let status = ActionStatus::parse(&status).ok_or_else(|| AppError::InvalidChoice.respond())?;
    if progress.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(AppError::InvalidChoice.respond());
    }
    store
        .update_action(
            &record,
            &action,
            status,
            progress.trim(),
            version,
            &session.actor(),
        )
        .await
        .map_err(super::failed)
}
