//! Awards after sign-off: the public certificate check and the
//! accreditation calendar, with what the next review costs.

use crate::error::AppError;
use crate::model::{Certificate, SchoolCalendar};
use leptos::prelude::*;

/// What the award rules know about a school beyond its answers: the awards
/// it holds and for how long, and its work in its clusters this year. The
/// self-assessment's wizard, its gap analysis and the assessor's review all
/// score with this one context. `assessment` is the self-assessment being
/// scored, whose action plan counts.
#[cfg(feature = "ssr")]
pub(crate) async fn award_context(
    store: &crate::store::Store,
    school: i64,
    assessment: Option<&crate::store::assessments::AssessmentRecord>,
) -> Result<crate::domain::AwardContext, AppError> {
    use crate::domain::review::held_awards;
    let today = super::today();
    let year_ago = today - chrono::Duration::days(365);
    let day = today.to_string();
    let standing = store
        .award_standing(school, year_ago, super::this_year())
        .await
        .map_err(super::failed)?;
    let work = store
        .cluster_work(school, year_ago)
        .await
        .map_err(super::failed)?;
    let planned_actions = match assessment {
        Some(assessment) => store.plan(assessment).await.map_err(super::failed)?.len(),
        None => 0,
    };
    // Before its review the visit is still to come; once reviewed, it
    // counts only if an assessor recorded one.
    let under_review = match assessment {
        Some(assessment) => store
            .review_of_assessment(assessment.key)
            .await
            .map_err(super::failed)?
            .is_some(),
        None => false,
    };
    let visited = store
        .visited_since(school, year_ago)
        .await
        .map_err(super::failed)?;
    let annual_visit = (visited || under_review).then_some(visited);
    Ok(crate::domain::AwardContext {
        held: held_awards(&standing.own, &day),
        cluster_member: standing.cluster_member,
        cluster_awards: standing
            .mates
            .values()
            .flat_map(|terms| held_awards(terms, &day).into_iter().map(|h| h.award))
            .collect(),
        meeting_attendance_percent: crate::domain::cluster::attendance_percent(
            &standing.attendance,
        ),
        annual_update_submitted: !standing.submitted_updates.is_empty(),
        planned_actions: u32::try_from(planned_actions).unwrap_or(u32::MAX),
        development_plan: work.development_plan,
        shared_cards: work.shared_cards,
        largest_cluster: work.largest_cluster,
        research_activity: work.research_activity,
        leads_cluster: work.leads_cluster,
        annual_visit,
        published_cards: work.published_cards,
    })
}

/// A certificate by its code: public, for anyone to verify. It shows the
/// school, the award, its dates and whether it stands; nothing else.
#[server(endpoint = "verify_certificate")]
pub async fn verify_certificate(code: String) -> Result<Certificate, AppError> {
    let store = super::store()?;
    // Admins see why it was last changed, and may change it.
    let may_change = super::session()
        .ok()
        .and_then(|s| s.signed_in)
        .is_some_and(|s| s.viewer.may(crate::domain::Action::ManageAwards, None));
    certificate_of(&store, &code, may_change).await
}

/// The certificate with `code` (any case, spaces around ignored) and its
/// standing today; the reason for its last change only if `may_change`.
#[cfg(feature = "ssr")]
pub(crate) async fn certificate_of(
    store: &crate::store::Store,
    code: &str,
    may_change: bool,
) -> Result<Certificate, AppError> {
    let code = code.trim().to_ascii_uppercase();
    let award = store
        .award_by_code(&code)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let school = store
        .school_by_key(award.school_key)
        .await
        .map_err(super::failed)?
        .ok_or_else(|| AppError::NotFound.respond())?;
    let fw = store
        .framework(&award.framework_id, &award.framework_version)
        .await
        .map_err(super::failed)?;
    use crate::domain::review::Standing;
    let mut standing = award.term.standing(&super::today().to_string());
    if standing == Standing::Valid && term_lapsed(store, &award).await? {
        standing = Standing::Lapsed;
    }
    Ok(Certificate {
        award_title: fw
            .award(&award.term.award)
            .map(|a| a.title.clone())
            .unwrap_or_default(),
        framework_title: fw.title.clone(),
        default_language: fw.default_language.clone(),
        school_name: school.summary.name,
        school_city: school.summary.city,
        granted_on: award.term.granted_on,
        valid_until: award.term.valid_until,
        standing,
        status_reason: if may_change {
            award.status_reason
        } else {
            String::new()
        },
        may_change,
        code: award.code,
    })
}

/// Whether a review of the award's term is overdue past the grace period.
#[cfg(feature = "ssr")]
async fn term_lapsed(
    store: &crate::store::Store,
    award: &crate::store::awards::AwardRecord,
) -> Result<bool, AppError> {
    use crate::domain::calendar::{schedule, Day};
    let today = super::today().to_string();
    let (Some(granted), Some(now)) = (Day::parse(&award.term.granted_on), Day::parse(&today))
    else {
        return Ok(false);
    };
    let cycles: Vec<_> = store
        .submitted_cycles(Some(award.school_key))
        .await
        .map_err(super::failed)?
        .into_iter()
        .filter(|(_, _, on, _)| on.to_string() >= award.term.granted_on)
        .map(|(_, cycle, _, step)| (cycle, step))
        .collect();
    Ok(crate::domain::review::lapsed(
        &schedule(granted, &cycles, now, 0),
        now,
    ))
}

/// Suspends, reinstates or revokes an award (certification admins), with
/// the reason, which is required. The public check shows the new state.
#[server(endpoint = "change_award")]
pub async fn change_award(code: String, change: String, reason: String) -> Result<(), AppError> {
    use crate::domain::review::AwardChange;
    use crate::domain::Action;
    let (store, session, _) = super::authorize(Action::ManageAwards).await?;
    let change =
        AwardChange::parse(change.trim()).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 2_000 {
        return Err(AppError::InvalidChoice.respond());
    }
    let code = code.trim().to_ascii_uppercase();
    store
        .change_award(&code, change, reason, &session.actor())
        .await
        .map_err(super::failed)?;
    super::redirect_after_form(&format!("/verify/{code}"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) async fn calendar_rows(
    store: &crate::store::Store,
    only_school: Option<i64>,
    due_soon_days: u32,
) -> Result<Vec<crate::model::CalendarRow>, AppError> {
    use crate::domain::calendar::{schedule, Day};
    let today = super::today();
    let day = |d: &str| Day::parse(d);
    let awards = store.unrevoked_awards().await.map_err(super::failed)?;
    let cycles = store
        .submitted_cycles(only_school)
        .await
        .map_err(super::failed)?;
    let Some(now) = day(&today.to_string()) else {
        return Ok(Vec::new());
    };
    // Each school's newest award, run out or not.
    let mut latest: Vec<crate::store::awards::AwardRecord> = Vec::new();
    for a in awards {
        if only_school.is_some_and(|s| s != a.school_key) {
            continue;
        }
        latest.retain(|l| l.school_key != a.school_key);
        latest.push(a);
    }
    let mut rows = Vec::new();
    for a in latest {
        let Some(granted) = day(&a.term.granted_on) else {
            continue;
        };
        let done: Vec<_> = cycles
            .iter()
            .filter(|(s, _, on, _)| *s == a.school_key && on.to_string() >= a.term.granted_on)
            .map(|(_, c, _, step)| (*c, *step))
            .collect();
        let Some(school) = store
            .school_by_key(a.school_key)
            .await
            .map_err(super::failed)?
        else {
            continue;
        };
        let fw = store
            .framework(&a.framework_id, &a.framework_version)
            .await
            .map_err(super::failed)?;
        rows.push(crate::model::CalendarRow {
            school_id: school.summary.id,
            school_name: school.summary.name,
            award_title: fw
                .award(&a.term.award)
                .map(|x| x.title.clone())
                .unwrap_or_default(),
            certificate: a.code,
            award: a.term.award,
            reviews: schedule(granted, &done, now, due_soon_days),
            granted_on: a.term.granted_on,
            valid_until: a.term.valid_until,
        });
    }
    rows.sort_by(|a, b| {
        let next = |r: &crate::model::CalendarRow| {
            crate::domain::calendar::next_due(&r.reviews).map(|d| d.due_on.clone())
        };
        next(a).cmp(&next(b))
    });
    Ok(rows)
}

/// Every school's award term and its reviews (admins): what is due, due
/// within `within` days, and overdue.
#[server(endpoint = "calendar")]
pub async fn calendar(within: u32) -> Result<Vec<crate::model::CalendarRow>, AppError> {
    use crate::domain::Action;
    let (store, _, _) = super::authorize(Action::ManageAwards).await?;
    calendar_rows(&store, None, within.clamp(1, 366)).await
}

/// The award a school without one is priced for.
#[cfg(feature = "ssr")]
const FIRST_AWARD: &str = "inclusive-school";

/// One school's calendar: its award's reviews, the cycle to start next
/// and its fee.
#[server(endpoint = "school_calendar")]
pub async fn calendar_of_school(school: String) -> Result<SchoolCalendar, AppError> {
    use crate::domain::assessment::Cycle;
    use crate::domain::calendar::{next_due, year_of};
    use crate::domain::fees::{fee_for, schedule_on};
    use crate::domain::Action;
    let (store, _, _, record) = super::authorize_at(Action::ViewSchool, &school).await?;
    let row = calendar_rows(&store, Some(record.key), 60).await?.pop();
    let next = row.as_ref().and_then(|r| next_due(&r.reviews));
    let next_cycle = next.map(|d| d.cycle).unwrap_or(Cycle::Initial);
    // Priced by the fees of the award it holds (a first award: Inclusive
    // School's) in effect on the day the review falls due.
    let award = row.as_ref().map_or(FIRST_AWARD, |r| r.award.as_str());
    let day = next.map_or_else(|| super::today().to_string(), |d| d.due_on.clone());
    let schedules = store.fee_schedules().await.map_err(super::failed)?;
    let next_fee = schedule_on(&schedules, award, &day)
        .and_then(|s| fee_for(s, record.summary.learners, year_of(next_cycle)));
    Ok(SchoolCalendar {
        row,
        next_cycle,
        next_fee,
    })
}
