//! Assessors' reviews: assignment and the queue, validated ratings,
//! requests for more evidence, the visit, the decision, moderation and
//! sign-off. Certificates, the calendar and fees are in `awards.rs`.

use crate::error::AppError;
use crate::model::{ReviewQueue, ReviewView};
use leptos::prelude::*;

/// Ways to order the queue.
pub const SORTS: [&str; 4] = ["due", "submitted", "school", "status"];

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::review::Part;
    use crate::domain::Action;
    use crate::error::AppError;
    use crate::http::state::Session;
    use crate::store::accounts::SignedIn;
    use crate::store::assessments::{AssessmentInContext, AssessmentRecord, ReviewDetails};
    use crate::store::reviews::ReviewRecord;
    use crate::store::Store;

    /// A review, its self-assessment in context, and the viewer's part in
    /// it. Lead and second assessors (who must also hold the assessor's
    /// role at the school) and admins see it; to anyone else it does not
    /// exist.
    pub(super) async fn authorize_review(
        id: &str,
    ) -> Result<
        (
            Store,
            Session,
            SignedIn,
            ReviewDetails,
            AssessmentInContext,
            Option<Part>,
        ),
        AppError,
    > {
        let store = crate::api::store()?;
        let (session, signed_in) = crate::api::signed_in()?;
        let (review, found) = store
            .review_in_context(id)
            .await
            .map_err(crate::api::failed)?
            .ok_or_else(|| AppError::NotFound.respond())?;
        let viewer = &signed_in.viewer;
        let school = &found.school.summary.id;
        let assessor = viewer.may(Action::ReviewSelfAssessment, Some(school));
        let part = if assessor && review.record.lead == signed_in.account {
            Some(Part::Lead)
        } else if assessor && review.record.second == Some(signed_in.account) {
            Some(Part::Second)
        } else {
            None
        };
        if part.is_none() && !viewer.may(Action::ManageAwards, None) {
            let error = AppError::NotFound;
            let action = Action::ReviewSelfAssessment;
            let school = Some(school.as_str());
            return Err(crate::api::refuse(&store, &session, action, school, error).await);
        }
        Ok((store, session, signed_in, review, found, part))
    }

    /// As [`authorize_review`], for the one part that may act.
    pub(super) async fn as_part(
        id: &str,
        wanted: Part,
    ) -> Result<(Store, Session, SignedIn, ReviewRecord, AssessmentRecord), AppError> {
        let (store, session, signed_in, review, found, part) = authorize_review(id).await?;
        if part != Some(wanted) {
            let error = AppError::Forbidden;
            let action = Action::ReviewSelfAssessment;
            return Err(crate::api::refuse(&store, &session, action, None, error).await);
        }
        Ok((store, session, signed_in, review.record, found.assessment))
    }

    /// Without JavaScript a form posts straight here: send the browser
    /// back to the page it came from.
    pub(super) fn back_to(path: &str) {
        crate::api::redirect_after_form(path);
    }

    pub(super) fn checked_text(value: &str) -> Result<String, AppError> {
        if value.chars().count() > crate::domain::review::REVIEW_TEXT_MAX_CHARS {
            Err(AppError::InvalidChoice.respond())
        } else {
            Ok(value.trim().to_owned())
        }
    }
}

/// Reviews on one page of the queue.
pub const QUEUE_PAGE_SIZE: usize = 50;
/// Self-assessments awaiting an assessor shown at once (the oldest first).
pub const AWAITING_SHOWN: usize = 10;

/// The reviews the person takes part in (all of them for admins), sorted
/// by `sort` (one of [`SORTS`]), filtered by status (empty for all), a
/// page of [`QUEUE_PAGE_SIZE`] at a time (`page` from 0).
#[server(endpoint = "review_queue")]
pub async fn queue(
    sort: String,
    status: String,
    #[server(default)] page: Option<u32>,
) -> Result<ReviewQueue, AppError> {
    use crate::domain::review::ReviewStatus;
    use crate::domain::{Action, Role};
    use crate::model::{AwaitingAssessor, ReviewSummary};

    let store = super::store()?;
    let (session, signed_in) = super::signed_in()?;
    let viewer = &signed_in.viewer;
    let may_assign = viewer.may(Action::ManageAwards, None);
    if !may_assign && !viewer.holds(Role::Assessor) {
        let error = AppError::Forbidden;
        let action = Action::ReviewSelfAssessment;
        return Err(super::refuse(&store, &session, action, None, error).await);
    }
    let filter = ReviewStatus::parse(&status);
    let records: Vec<_> = store
        .reviews((!may_assign).then_some(signed_in.account))
        .await
        .map_err(super::failed)?
        .into_iter()
        .filter(|r| filter.is_none_or(|f| f == r.status))
        // An assessor's access ends with the review: closed ones leave their queue.
        .filter(|r| may_assign || r.status != ReviewStatus::Closed)
        .collect();
    let today = super::today();
    // Everything the rows name, in a few queries however long the queue.
    let mut people: Vec<i64> = records.iter().map(|r| r.lead).collect();
    people.extend(records.iter().filter_map(|r| r.second));
    people.sort_unstable();
    people.dedup();
    let names = store.names(people).await.map_err(super::failed)?;
    let name = |key: i64| {
        names
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let keys: Vec<i64> = records.iter().map(|r| r.assessment_key).collect();
    let submitted = store.submitted_at(&keys).await.map_err(super::failed)?;
    let assessments = store
        .assessments_by_keys(&keys)
        .await
        .map_err(super::failed)?;
    let school_keys: Vec<i64> = assessments.values().map(|a| a.school_key).collect();
    let schools = store
        .schools_by_keys(&school_keys)
        .await
        .map_err(super::failed)?;
    let mut reviews = Vec::new();
    for r in records {
        let Some(a) = assessments.get(&r.assessment_key) else {
            continue;
        };
        let Some(school) = schools.get(&a.school_key) else {
            continue;
        };
        reviews.push(ReviewSummary {
            school_id: school.summary.id.clone(),
            school_name: school.summary.name.clone(),
            cycle: a.cycle,
            submitted_at: submitted.get(&a.key).cloned().flatten(),
            due_on: r.due_on.to_string(),
            overdue: r.due_on < today && r.status != ReviewStatus::Closed,
            status: r.status,
            lead: name(r.lead),
            second: r.second.map(name),
            id: r.id,
        });
    }
    match sort.as_str() {
        "submitted" => reviews.sort_by(|a, b| a.submitted_at.cmp(&b.submitted_at)),
        "school" => reviews.sort_by(|a, b| a.school_name.cmp(&b.school_name)),
        "status" => reviews.sort_by_key(|r| {
            ReviewStatus::ALL
                .iter()
                .position(|s| *s == r.status)
                .unwrap_or(0)
        }),
        _ => reviews.sort_by(|a, b| a.due_on.cmp(&b.due_on)),
    }
    let total = reviews.len();
    let pages = total.div_ceil(QUEUE_PAGE_SIZE).max(1);
    let page = usize::try_from(page.unwrap_or(0))
        .unwrap_or(0)
        .min(pages - 1);
    let reviews: Vec<ReviewSummary> = reviews
        .into_iter()
        .skip(page * QUEUE_PAGE_SIZE)
        .take(QUEUE_PAGE_SIZE)
        .collect();
    let (awaiting, awaiting_total, assessors) = if may_assign {
        let waiting = store.awaiting_assessor().await.map_err(super::failed)?;
        let awaiting_total = waiting.len();
        let shown: Vec<_> = waiting.into_iter().take(AWAITING_SHOWN).collect();
        let keys: Vec<i64> = shown.iter().map(|a| a.key).collect();
        let school_keys: Vec<i64> = shown.iter().map(|a| a.school_key).collect();
        let schools = store
            .schools_by_keys(&school_keys)
            .await
            .map_err(super::failed)?;
        let submitted = store.submitted_at(&keys).await.map_err(super::failed)?;
        let awaiting = shown
            .into_iter()
            .map(|a| AwaitingAssessor {
                school_name: schools
                    .get(&a.school_key)
                    .map(|s| s.summary.name.clone())
                    .unwrap_or_default(),
                submitted_at: submitted.get(&a.key).cloned().flatten(),
                assessment: a.id,
                cycle: a.cycle,
            })
            .collect();
        let assessors = store
            .assessors()
            .await
            .map_err(super::failed)?
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        (awaiting, awaiting_total, assessors)
    } else {
        (Vec::new(), 0, Vec::new())
    };
    Ok(ReviewQueue {
        reviews,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        page: u32::try_from(page).unwrap_or(0),
        awaiting,
        awaiting_total: u32::try_from(awaiting_total).unwrap_or(u32::MAX),
        assessors,
        may_assign,
        default_due: (today + chrono::Duration::days(30)).to_string(),
    })
}

/// Assigns a lead assessor (and optionally a second, for moderation) to a
/// submitted self-assessment. Refused when either has a conflict of
/// interest with the school.
#[server(endpoint = "assign_review")]
pub async fn assign_review(
    assessment: String,
    lead: String,
    second: String,
    due_on: String,
) -> Result<String, AppError> {
    use crate::domain::review::conflict_of_interest;
    use crate::domain::Action;
    use crate::store::reviews::Assignment;

    let (store, session, _) = super::authorize(Action::ManageAwards).await?;
    let (record, school) = store
        .assessment_with_school(&assessment)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let due_on = super::parse_day(&due_on)?;
    let assessors = store.assessors().await.map_err(super::failed)?;
    let key_of = |id: &str| {
        assessors
            .iter()
            .find(|(_, a)| a.account == id)
            .map(|(k, _)| *k)
    };
    let lead = key_of(&lead).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let second = match second.trim() {
        "" => None,
        id => Some(key_of(id).ok_or_else(|| AppError::InvalidChoice.respond())?),
    };
    if second == Some(lead) {
        return Err(AppError::InvalidChoice.respond());
    }
    let cluster = store
        .cluster_schools(school.key)
        .await
        .map_err(super::failed)?;
    for key in std::iter::once(lead).chain(second) {
        let works_at = store.schools_worked_at(key).await.map_err(super::failed)?;
        if let Some(conflict) = conflict_of_interest(&works_at, &school.summary.id, &cluster) {
            return Err(AppError::ConflictOfInterest { conflict }.respond());
        }
    }
    let out = store
        .assign_review(
            &record,
            &school.summary.id,
            Assignment {
                lead,
                second,
                due_on,
            },
            &session.actor(),
        )
        .await
        .map_err(super::failed)?;
    let assessors: Vec<i64> = std::iter::once(lead).chain(second).collect();
    let school_name = school.summary.name.clone();
    let about = move |_: &str| school_name.clone();
    let kind = crate::domain::notification::NotificationKind::ReviewAssigned;
    let path = format!("/reviews/{out}");
    crate::notifications::notify(&store, &assessors, kind, &about, &path).await;
    server::back_to("/reviews");
    Ok(out)
}

/// Everything the review page shows, with the school's narratives and
/// evidence for the elements `element` names (as the page's `?element=`:
/// an element's id, `all`, or nothing for the first).
#[server(endpoint = "review")]
pub async fn review(
    id: String,
    #[server(default)] element: Option<String>,
) -> Result<ReviewView, AppError> {
    use crate::domain::Action;
    use crate::model::{SchoolAnswers, ShownElements};

    let (store, session, signed_in, details, found, part) = server::authorize_review(&id).await?;
    // The school's side, as the school sees it (assessors and admins may view it).
    let school_id = Some(found.school.summary.id.as_str());
    if !signed_in.viewer.may(Action::ViewSelfAssessment, school_id) {
        let (action, error) = (Action::ViewSelfAssessment, AppError::NotFound);
        return Err(crate::api::refuse(&store, &session, action, school_id, error).await);
    }
    let review = details.record;
    let school_key = found.assessment.school_key;
    let requests = store
        .evidence_requests(review.key)
        .await
        .map_err(super::failed)?;
    let certificate = details.certificate;
    // A self-assessment has one review: the school's side of it is this one.
    let side =
        super::assessments::ReviewSide::of(Some(&review), requests.clone(), certificate.clone());
    let (assessment, school, earlier) = (found.assessment, found.school, found.earlier);
    let mut view = super::assessments::assessment_view_with(
        &store, &signed_in, assessment, school, earlier, side,
    )
    .await?;
    let shown = ShownElements::from_query(&view.framework, element.as_deref());
    let answers = SchoolAnswers::take_from(&mut view, shown);
    let ratings = store
        .review_ratings(review.key)
        .await
        .map_err(super::failed)?;
    let context = view.context.clone();
    let (_, cluster_updates) = store
        .clusters_and_updates(school_key, super::this_year())
        .await
        .map_err(super::failed)?;
    Ok(ReviewView {
        id: review.id,
        assessment: view,
        answers,
        status: review.status,
        due_on: review.due_on.to_string(),
        lead: details.lead_name,
        second: details.second_name,
        part,
        may_sign_off: signed_in.viewer.may(Action::ManageAwards, None),
        ratings,
        requests,
        visit: review.visit,
        decision: review.decision,
        moderation_reasons: review.moderation_reasons,
        moderation: review.moderation,
        context,
        certificate,
        signed_off_at: review.signed_off_at,
        cluster_updates,
    })
}

/// The lead assessor validates (or changes) the school's rating of one
/// indicator, with a comment.
#[server(endpoint = "save_review_rating")]
pub async fn save_review_rating(
    review: String,
    indicator: String,
    level: String,
    comment: String,
) -> Result<(), AppError> {
    use crate::domain::review::{Part, ReviewRating};
    let (store, session, _, record, assessment) = server::as_part(&review, Part::Lead).await?;
    let fw = store
        .framework(&assessment.framework_id, &assessment.framework_version)
        .await
        .map_err(super::failed)?;
    if fw.indicator(&indicator).is_none() {
        return Err(AppError::InvalidChoice.respond());
    }
    let level = Some(level.trim().to_owned()).filter(|l| !l.is_empty());
    if level
        .as_deref()
        .is_some_and(|l| fw.level_index(l).is_none())
    {
        return Err(AppError::InvalidChoice.respond());
    }
    let rating = ReviewRating {
        indicator,
        level,
        comment: server::checked_text(&comment)?,
    };
    store
        .save_review_rating(&record, &rating, &session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&crate::model::review_indicator_href(
        &review,
        &fw,
        &rating.indicator,
    ));
    Ok(())
}

/// The lead assessor asks for more evidence on one indicator (sent with
/// the others when the review is returned to the school).
#[server(endpoint = "request_evidence")]
pub async fn request_evidence(
    review: String,
    indicator: String,
    message: String,
) -> Result<(), AppError> {
    use crate::domain::review::Part;
    let (store, session, signed_in, record, assessment) =
        server::as_part(&review, Part::Lead).await?;
    let fw = store
        .framework(&assessment.framework_id, &assessment.framework_version)
        .await
        .map_err(super::failed)?;
    let message = server::checked_text(&message)?;
    if fw.indicator(&indicator).is_none() || message.is_empty() {
        return Err(AppError::InvalidChoice.respond());
    }
    store
        .request_evidence(
            &record,
            &indicator,
            &message,
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(super::failed)?;
    server::back_to(&crate::model::review_indicator_href(
        &review, &fw, &indicator,
    ));
    Ok(())
}

/// Sends the drafted requests to the school and returns the
/// self-assessment to it.
#[server(endpoint = "return_to_school")]
pub async fn return_to_school(review: String) -> Result<u64, AppError> {
    use crate::domain::review::Part;
    let (store, session, _, record, assessment) = server::as_part(&review, Part::Lead).await?;
    let out = store
        .return_to_school(&record, &session.actor())
        .await
        .map_err(super::failed)?;
    let people =
        crate::notifications::school_people(&store, assessment.school_key, assessment.key).await?;
    let school_name = crate::notifications::school_name(&store, assessment.school_key).await;
    let about = move |_: &str| school_name.clone();
    let kind = crate::domain::notification::NotificationKind::EvidenceRequested;
    let path = format!("/assessments/{}", assessment.id);
    crate::notifications::notify(&store, &people, kind, &about, &path).await;
    server::back_to(&format!("/reviews/{review}"));
    Ok(out)
}

/// The school answers one of the assessor's requests.
#[server(endpoint = "answer_request")]
pub async fn answer_request(
    assessment: String,
    request: String,
    answer: String,
) -> Result<(), AppError> {
    use crate::domain::Action;
    let (store, session, signed_in, record, _) =
        super::assessments::authorize_assessment(Action::EditSelfAssessment, &assessment).await?;
    let answer = server::checked_text(&answer)?;
    if answer.is_empty() {
        return Err(AppError::InvalidChoice.respond());
    }
    store
        .answer_evidence_request(
            &record,
            &request,
            &answer,
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/assessments/{assessment}"));
    Ok(())
}

/// The lead assessor records the visit.
#[server(endpoint = "record_visit")]
pub async fn record_visit(
    review: String,
    visited_on: String,
    people_met: String,
    classrooms: String,
    notes: String,
) -> Result<(), AppError> {
    use crate::domain::review::{Part, Visit};
    let (store, session, _, record, _) = server::as_part(&review, Part::Lead).await?;
    let date = super::parse_day(&visited_on)?;
    let visit = Visit {
        visited_on: date.to_string(),
        people_met: server::checked_text(&people_met)?,
        classrooms: server::checked_text(&classrooms)?,
        notes: server::checked_text(&notes)?,
    };
    store
        .record_visit(&record, &visit, date, &session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/reviews/{review}"));
    Ok(())
}

/// The lead assessor proposes the decision. It goes to the second
/// assessor when the ratings differ widely or the award is above the
/// first level, otherwise to the admin. Returns where it went.
#[server(endpoint = "propose_decision")]
pub async fn propose_decision(
    review: String,
    outcome: String,
    award: String,
    conditions: String,
    report: String,
) -> Result<crate::domain::review::ReviewStatus, AppError> {
    use crate::domain::review::{moderation_reasons, Decision, DecisionProblem, Outcome, Part};
    let (store, session, _, record, assessment) = server::as_part(&review, Part::Lead).await?;
    let fw = store
        .framework(&assessment.framework_id, &assessment.framework_version)
        .await
        .map_err(super::failed)?;
    let outcome = Outcome::parse(&outcome).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let ratings = store
        .review_ratings(record.key)
        .await
        .map_err(super::failed)?;
    let validated = fw.indicators().all(|r| {
        ratings
            .iter()
            .any(|x| x.indicator == r.indicator.id && x.level.is_some())
    });
    let mut problems = match Decision::parse(&fw, outcome, &award, &conditions, &report) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    if !validated {
        problems.push(DecisionProblem::RatingsMissing);
    }
    let school = store
        .responses(assessment.key)
        .await
        .map_err(super::failed)?;
    let decision = Decision::parse(&fw, outcome, &award, &conditions, &report).ok();
    let reasons = decision
        .as_ref()
        .map(|d| moderation_reasons(&fw, &school, &ratings, d))
        .unwrap_or_default();
    if !reasons.is_empty() && record.second.is_none() {
        problems.push(DecisionProblem::SecondAssessorNeeded);
    }
    match decision {
        Some(decision) if problems.is_empty() => {
            let next = store
                .propose_decision(&record, &decision, &reasons, &session.actor())
                .await
                .map_err(super::failed)?;
            server::back_to(&format!("/reviews/{review}"));
            Ok(next)
        }
        _ => Err(AppError::InvalidDecision { problems }.respond()),
    }
}

/// The second assessor agrees or disagrees with the decision, with reasons.
#[server(endpoint = "moderate")]
pub async fn moderate(
    review: String,
    verdict: String,
    reasons: String,
) -> Result<crate::domain::review::ReviewStatus, AppError> {
    use crate::domain::review::Part;
    let (store, session, _, record, _) = server::as_part(&review, Part::Second).await?;
    let agrees = match verdict.as_str() {
        "agree" => true,
        "disagree" => false,
        _ => return Err(AppError::InvalidChoice.respond()),
    };
    let reasons = server::checked_text(&reasons)?;
    if reasons.is_empty() {
        return Err(AppError::InvalidChoice.respond());
    }
    let out = store
        .moderate(&record, agrees, &reasons, &session.actor())
        .await
        .map_err(super::failed)?;
    server::back_to(&format!("/reviews/{review}"));
    Ok(out)
}

/// A certification admin signs the decision off. Returns the new
/// certificate's code when an award term begins.
#[server(endpoint = "sign_off")]
pub async fn sign_off(review: String) -> Result<Option<String>, AppError> {
    use crate::domain::review::ReviewStatus;
    use crate::domain::Action;
    let (store, session, signed_in) = super::authorize(Action::ManageAwards).await?;
    let record = store
        .review(&review)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    if record.status != ReviewStatus::SignOff {
        return Err(AppError::Conflict.respond());
    }
    let assessment = store
        .assessment_by_key(record.assessment_key)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let fw = store
        .framework(&assessment.framework_id, &assessment.framework_version)
        .await
        .map_err(super::failed)?;
    let title = record
        .decision
        .as_ref()
        .and_then(|d| d.award.as_deref())
        .and_then(|a| fw.award(a))
        .map(|a| {
            a.title
                .get(&fw.default_language, &fw.default_language)
                .to_owned()
        })
        .unwrap_or_default();
    let ratings = store
        .review_ratings(record.key)
        .await
        .map_err(super::failed)?;
    let results = crate::domain::review::validated_results(&fw, &ratings);
    let out = store
        .sign_off(
            &record,
            &assessment,
            crate::store::review_work::SignOff {
                award_title: &title,
                results: &results,
                today: super::today(),
            },
            signed_in.account,
            &session.actor(),
        )
        .await
        .map_err(super::failed)?;
    let people = store
        .holders_of(
            crate::domain::Role::Coordinator,
            Some(assessment.school_key),
        )
        .await
        .map_err(super::failed)?;
    let school_name = crate::notifications::school_name(&store, assessment.school_key).await;
    let about = move |_: &str| school_name.clone();
    let kind = crate::domain::notification::NotificationKind::DecisionMade;
    let path = format!("/assessments/{}/report", assessment.id);
    crate::notifications::notify(&store, &people, kind, &about, &path).await;
    server::back_to(&format!("/reviews/{review}"));
    Ok(out)
}
