//! The work on one review: the assessors' ratings, requests for evidence
//! and the school's answers, the visit, the decision, moderation and
//! sign-off.

use super::audit::{record, Actor, Change};
use super::awards::{award_of, day_of, random_u64, AwardRecord};
use super::entity::{award, evidence_request, review, review_rating, school, self_assessment};
use super::records::AssessmentRecord;
use super::records::ReviewRecord;
use super::reviews::release_assessors;
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::{Cycle, Status};
use crate::domain::review::{
    AwardChange, Decision, EvidenceRequest, ModerationReason, Outcome, ReviewRating, ReviewStatus,
    Visit,
};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// Why an award ended when its annual review found the standard not met
/// (kept on the award for the certification body; the public check shows
/// only that it was withdrawn).
const NOT_MET_AT_ANNUAL_REVIEW: &str =
    "An annual review found that the school no longer meets the standard of this award.";

/// What signing off a review records besides the review's own state.
pub struct SignOff<'a> {
    /// The award's title, in the framework's default language, for the certificate.
    pub award_title: &'a str,
    /// The validated scores (element id, permille; overall with an empty id).
    pub results: &'a [(String, u32)],
    pub today: NaiveDate,
}

fn request_of(m: evidence_request::Model) -> EvidenceRequest {
    EvidenceRequest {
        id: m.public_id,
        indicator: m.indicator_id,
        message: m.message,
        asked_by: m.asked_by,
        asked_at: rfc3339(m.asked_at),
        answer: m.answer,
        answered_by: m.answered_by,
        answered_at: m.answered_at.map(rfc3339),
        sent: m.sent,
    }
}

/// Moves a review from one of `from` to `to`, or fails with `Conflict`
/// when it has moved on meanwhile.
async fn transition(
    db: &impl ConnectionTrait,
    review: i64,
    from: &[ReviewStatus],
    to: ReviewStatus,
) -> StoreResult<()> {
    let updated = review::Entity::update_many()
        .col_expr(review::Column::Status, Expr::value(to.as_str()))
        .col_expr(review::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            review::Column::Version,
            Expr::col(review::Column::Version).add(1),
        )
        .filter(review::Column::Id.eq(review))
        .filter(review::Column::Status.is_in(from.iter().map(|s| s.as_str())))
        .exec(db)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict("review"))
    }
}

/// Refuses changes unless the review is in one of `allowed`: the row is
/// locked and its status read inside the caller's write transaction, so a
/// change racing a status change cannot slip in after it.
async fn ensure_status(
    db: &impl ConnectionTrait,
    review: i64,
    allowed: &[ReviewStatus],
) -> StoreResult<()> {
    super::lock_row(db, "review", review).await?;
    let status = review::Entity::find_by_id(review)
        .one(db)
        .await?
        .and_then(|r| ReviewStatus::parse(&r.status))
        .ok_or(StoreError::NotFound("review"))?;
    if allowed.contains(&status) {
        Ok(())
    } else {
        Err(StoreError::Conflict("review"))
    }
}

fn change(action: AuditAction, review: &ReviewRecord) -> Change {
    Change::new(action, "review", &review.id)
}

/// The review itself.
impl Store {
    pub async fn review_ratings(&self, review: i64) -> StoreResult<Vec<ReviewRating>> {
        Ok(review_rating::Entity::find()
            .filter(review_rating::Column::ReviewId.eq(review))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| ReviewRating {
                indicator: r.indicator_id,
                level: r.level,
                comment: r.comment,
            })
            .collect())
    }

    /// Each school's latest validated assessment (its review signed off):
    /// the framework (id, version) it used and the assessor's ratings.
    /// A fixed number of queries for any number of schools.
    pub async fn latest_validated(
        &self,
        schools: &[i64],
    ) -> StoreResult<std::collections::HashMap<i64, (String, String, Vec<ReviewRating>)>> {
        use std::collections::HashMap;
        let assessments: HashMap<i64, self_assessment::Model> = self_assessment::Entity::find()
            .filter(self_assessment::Column::SchoolId.is_in(schools.iter().copied()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect();
        let closed = review::Entity::find()
            .filter(review::Column::AssessmentId.is_in(assessments.keys().copied()))
            .filter(review::Column::Status.eq(ReviewStatus::Closed.as_str()))
            .order_by_desc(review::Column::SignedOffAt)
            .all(&self.db)
            .await?;
        // Newest first: the first review met for a school is its latest.
        let mut latest: HashMap<i64, (i64, &self_assessment::Model)> = HashMap::new();
        for r in &closed {
            if let Some(a) = assessments.get(&r.assessment_id) {
                latest.entry(a.school_id).or_insert((r.id, a));
            }
        }
        let reviews: Vec<i64> = latest.values().map(|(r, _)| *r).collect();
        let mut ratings: HashMap<i64, Vec<ReviewRating>> = HashMap::new();
        for r in review_rating::Entity::find()
            .filter(review_rating::Column::ReviewId.is_in(reviews))
            .all(&self.db)
            .await?
        {
            ratings.entry(r.review_id).or_default().push(ReviewRating {
                indicator: r.indicator_id,
                level: r.level,
                comment: r.comment,
            });
        }
        Ok(latest
            .into_iter()
            .map(|(school, (review, a))| {
                let found = ratings.remove(&review).unwrap_or_default();
                (
                    school,
                    (a.framework_id.clone(), a.framework_version.clone(), found),
                )
            })
            .collect())
    }

    /// Saves the assessor's validated rating and comment on one indicator.
    pub async fn save_review_rating(
        &self,
        review: &ReviewRecord,
        rating: &ReviewRating,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        ensure_status(&txn, review.key, &[ReviewStatus::InReview]).await?;
        review_rating::Entity::delete_many()
            .filter(review_rating::Column::ReviewId.eq(review.key))
            .filter(review_rating::Column::IndicatorId.eq(&rating.indicator))
            .exec(&txn)
            .await?;
        review_rating::ActiveModel {
            review_id: Set(review.key),
            indicator_id: Set(rating.indicator.clone()),
            level: Set(rating.level.clone()),
            comment: Set(rating.comment.clone()),
            updated_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await?;
        let mut c = change(AuditAction::ReviewRatingSaved, review);
        c.after = Some(serde_json::json!({
            "indicator": rating.indicator, "level": rating.level,
            "comment_chars": rating.comment.chars().count(),
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn evidence_requests(&self, review: i64) -> StoreResult<Vec<EvidenceRequest>> {
        Ok(evidence_request::Entity::find()
            .filter(evidence_request::Column::ReviewId.eq(review))
            .order_by_asc(evidence_request::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(request_of)
            .collect())
    }

    /// Drafts a request for more evidence on one indicator; it reaches the
    /// school when the review is returned.
    pub async fn request_evidence(
        &self,
        review: &ReviewRecord,
        indicator: &str,
        message: &str,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        ensure_status(&txn, review.key, &[ReviewStatus::InReview]).await?;
        evidence_request::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            review_id: Set(review.key),
            indicator_id: Set(indicator.to_owned()),
            message: Set(message.to_owned()),
            asked_by: Set(by.to_owned()),
            asked_at: Set(Utc::now()),
            sent: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut c = change(AuditAction::EvidenceRequested, review);
        c.after = Some(serde_json::json!({ "indicator": indicator, "message": message }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sends the drafted requests to the school: the self-assessment
    /// becomes editable again until the school resubmits.
    pub async fn return_to_school(&self, review: &ReviewRecord, actor: &Actor) -> StoreResult<u64> {
        let txn = self.write().await?;
        transition(
            &txn,
            review.key,
            &[ReviewStatus::InReview],
            ReviewStatus::EvidenceRequested,
        )
        .await?;
        let sent = evidence_request::Entity::update_many()
            .col_expr(evidence_request::Column::Sent, Expr::value(true))
            .filter(evidence_request::Column::ReviewId.eq(review.key))
            .filter(evidence_request::Column::Sent.eq(false))
            .exec(&txn)
            .await?
            .rows_affected;
        if sent == 0 {
            return Err(StoreError::Conflict("evidence request"));
        }
        self_assessment::Entity::update_many()
            .col_expr(
                self_assessment::Column::Status,
                Expr::value(Status::Returned.as_str()),
            )
            .filter(self_assessment::Column::Id.eq(review.assessment_key))
            .exec(&txn)
            .await?;
        let mut c = change(AuditAction::AssessmentReturned, review);
        c.after = Some(serde_json::json!({ "requests": sent }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(sent)
    }

    /// The school's answer to a sent request, while the self-assessment is
    /// back with the school.
    pub async fn answer_evidence_request(
        &self,
        assessment: &AssessmentRecord,
        request: &str,
        answer: &str,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let review = review::Entity::find()
            .filter(review::Column::AssessmentId.eq(assessment.key))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("evidence request"))?;
        if ensure_status(&txn, review.id, &[ReviewStatus::EvidenceRequested])
            .await
            .is_err()
        {
            return Err(StoreError::Closed);
        }
        let updated = evidence_request::Entity::update_many()
            .col_expr(
                evidence_request::Column::Answer,
                Expr::value(answer.to_owned()),
            )
            .col_expr(
                evidence_request::Column::AnsweredBy,
                Expr::value(by.to_owned()),
            )
            .col_expr(
                evidence_request::Column::AnsweredAt,
                Expr::value(Utc::now()),
            )
            .filter(evidence_request::Column::PublicId.eq(request))
            .filter(evidence_request::Column::ReviewId.eq(review.id))
            .filter(evidence_request::Column::Sent.eq(true))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::NotFound("evidence request"));
        }
        let mut c = Change::new(
            AuditAction::EvidenceRequestAnswered,
            "self_assessment",
            &assessment.id,
        );
        c.after =
            Some(serde_json::json!({ "request": request, "answer_chars": answer.chars().count() }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn record_visit(
        &self,
        review: &ReviewRecord,
        visit: &Visit,
        visited_on: NaiveDate,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        ensure_status(
            &txn,
            review.key,
            &[ReviewStatus::InReview, ReviewStatus::EvidenceRequested],
        )
        .await?;
        review::Entity::update_many()
            .col_expr(review::Column::VisitedOn, Expr::value(visited_on))
            .col_expr(
                review::Column::PeopleMet,
                Expr::value(visit.people_met.clone()),
            )
            .col_expr(
                review::Column::Classrooms,
                Expr::value(visit.classrooms.clone()),
            )
            .col_expr(review::Column::VisitNotes, Expr::value(visit.notes.clone()))
            .col_expr(review::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(review::Column::Id.eq(review.key))
            .exec(&txn)
            .await?;
        let mut c = change(AuditAction::VisitRecorded, review);
        c.after = Some(serde_json::json!({ "visited_on": visited_on.to_string() }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The lead assessor's decision: to the second assessor when there are
    /// reasons to moderate, otherwise straight to the admin.
    pub async fn propose_decision(
        &self,
        review: &ReviewRecord,
        decision: &Decision,
        reasons: &[ModerationReason],
        actor: &Actor,
    ) -> StoreResult<ReviewStatus> {
        let next = if reasons.is_empty() {
            ReviewStatus::SignOff
        } else {
            ReviewStatus::Moderation
        };
        let txn = self.write().await?;
        transition(&txn, review.key, &[ReviewStatus::InReview], next).await?;
        review::Entity::update_many()
            .col_expr(
                review::Column::Outcome,
                Expr::value(decision.outcome.as_str()),
            )
            .col_expr(review::Column::Award, Expr::value(decision.award.clone()))
            .col_expr(
                review::Column::Conditions,
                Expr::value(decision.conditions.clone()),
            )
            .col_expr(review::Column::Report, Expr::value(decision.report.clone()))
            .col_expr(
                review::Column::ModerationReasons,
                Expr::value(serde_json::to_string(reasons).unwrap_or_else(|_| "[]".into())),
            )
            .col_expr(
                review::Column::ModerationAgrees,
                Expr::value(Option::<bool>::None),
            )
            .col_expr(review::Column::ModerationNote, Expr::value(String::new()))
            .filter(review::Column::Id.eq(review.key))
            .exec(&txn)
            .await?;
        let mut c = change(AuditAction::DecisionProposed, review);
        c.after = Some(serde_json::json!({
            "outcome": decision.outcome.as_str(), "award": decision.award,
            "moderation_reasons": reasons.len(), "next": next.as_str(),
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(next)
    }

    /// The second assessor agrees (on to the admin) or disagrees (back to
    /// the lead assessor), with reasons either way.
    pub async fn moderate(
        &self,
        review: &ReviewRecord,
        agrees: bool,
        note: &str,
        actor: &Actor,
    ) -> StoreResult<ReviewStatus> {
        let next = if agrees {
            ReviewStatus::SignOff
        } else {
            ReviewStatus::InReview
        };
        let txn = self.write().await?;
        transition(&txn, review.key, &[ReviewStatus::Moderation], next).await?;
        review::Entity::update_many()
            .col_expr(review::Column::ModerationAgrees, Expr::value(agrees))
            .col_expr(review::Column::ModerationNote, Expr::value(note.to_owned()))
            .filter(review::Column::Id.eq(review.key))
            .exec(&txn)
            .await?;
        let mut c = change(AuditAction::DecisionModerated, review);
        c.after = Some(serde_json::json!({ "agrees": agrees, "reasons": note }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(next)
    }

    /// The admin signs the decision off. A granted award starts a new
    /// three-year term with a certificate code, unless it confirms the
    /// award the school already holds at an annual review. Returns the
    /// new certificate's code, if any.
    pub async fn sign_off(
        &self,
        review: &ReviewRecord,
        assessment: &AssessmentRecord,
        what: SignOff<'_>,
        signer: i64,
        actor: &Actor,
    ) -> StoreResult<Option<String>> {
        use chrono::Datelike;
        let SignOff {
            award_title,
            results,
            today,
        } = what;
        let txn = self.write().await?;
        transition(
            &txn,
            review.key,
            &[ReviewStatus::SignOff],
            ReviewStatus::Closed,
        )
        .await?;
        // The validated scores become the school's latest, for the dashboard.
        super::dashboard::write_validated_results(
            &txn,
            assessment.school_key,
            &assessment.framework_id,
            review.key,
            today.year(),
            results,
        )
        .await?;
        review::Entity::update_many()
            .col_expr(review::Column::SignedOffBy, Expr::value(signer))
            .col_expr(review::Column::SignedOffAt, Expr::value(Utc::now()))
            .filter(review::Column::Id.eq(review.key))
            .exec(&txn)
            .await?;
        // The assessors' access to the school ends with their review.
        let school = school::Entity::find_by_id(assessment.school_key)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("school"))?;
        let assessors: Vec<i64> = std::iter::once(review.lead).chain(review.second).collect();
        let place = (assessment.school_key, school.public_id.as_str());
        release_assessors(&txn, place, &assessors, "review closed", actor).await?;
        let mut code = None;
        let annual = matches!(
            assessment.cycle,
            Cycle::AnnualReview1 | Cycle::AnnualReview2
        );
        let outcome = review.decision.as_ref().map(|d| d.outcome);
        if annual && outcome == Some(Outcome::NotMet) {
            // An annual review that finds the standard no longer met ends
            // the award it reviewed: the public check says it was withdrawn.
            if let Some(current) = self
                .current_award_of(&txn, assessment.school_key, today)
                .await?
            {
                self.change_award_in(
                    &txn,
                    &current.code,
                    AwardChange::Revoke,
                    NOT_MET_AT_ANNUAL_REVIEW,
                    actor,
                )
                .await?;
            }
        }
        // A deferred decision gives the school a set time to meet its
        // conditions; the follow-up opens with the sign-off.
        let mut conditions_due = None;
        if outcome == Some(Outcome::Deferred) {
            let due = crate::domain::deferral::conditions_due(day_of(today)).to_string();
            let due_on = NaiveDate::parse_from_str(&due, "%Y-%m-%d")
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            open_deferral(&txn, review.key, due_on).await?;
            conditions_due = Some(due);
        }
        if let Some(Decision {
            outcome: Outcome::Granted,
            award: Some(award_id),
            ..
        }) = &review.decision
        {
            let current = self
                .current_award_of(&txn, assessment.school_key, today)
                .await?;
            let confirms = annual && current.as_ref().is_some_and(|c| &c.term.award == award_id);
            if !confirms {
                let granted = Grant {
                    school: assessment.school_key,
                    review: review.key,
                    framework: (&assessment.framework_id, &assessment.framework_version),
                    award: award_id,
                    award_title,
                    today,
                };
                let mut c_after = serde_json::json!({ "review": review.id });
                code = Some(grant_award(&txn, granted, &mut c_after, actor).await?);
            }
        }
        let mut c = change(AuditAction::DecisionSignedOff, review);
        c.after = Some(serde_json::json!({
            "outcome": review.decision.as_ref().map(|d| d.outcome.as_str()),
            "certificate": code,
            "conditions_due": conditions_due,
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(code)
    }

    /// The award a school holds today, if any.
    async fn current_award_of(
        &self,
        db: &impl ConnectionTrait,
        school: i64,
        today: NaiveDate,
    ) -> StoreResult<Option<AwardRecord>> {
        Ok(award::Entity::find()
            .filter(award::Column::SchoolId.eq(school))
            .filter(award::Column::RevokedAt.is_null())
            .filter(award::Column::ValidUntil.gte(today))
            .order_by_desc(award::Column::GrantedOn)
            .one(db)
            .await?
            .map(award_of))
    }
}

/// An award to grant: to a school, by a review, on a framework version.
pub(super) struct Grant<'a> {
    pub school: i64,
    pub review: i64,
    pub framework: (&'a str, &'a str),
    pub award: &'a str,
    /// Its title, kept on the school as its current award.
    pub award_title: &'a str,
    pub today: NaiveDate,
}

/// Grants an award for a new three-year term from `today`: its row with a
/// new certificate code, the school's current award, and the audit entry
/// (with `context` added). Returns the certificate code.
pub(super) async fn grant_award(
    txn: &impl ConnectionTrait,
    grant: Grant<'_>,
    context: &mut serde_json::Value,
    actor: &Actor,
) -> StoreResult<String> {
    let granted_on = grant.today;
    let until = crate::domain::calendar::valid_until(day_of(granted_on));
    let valid_until = NaiveDate::parse_from_str(&until.to_string(), "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let code = crate::domain::review::certificate_code(random_u64());
    award::ActiveModel {
        code: Set(code.clone()),
        school_id: Set(grant.school),
        review_id: Set(Some(grant.review)),
        framework_id: Set(grant.framework.0.to_owned()),
        framework_version: Set(grant.framework.1.to_owned()),
        award_id: Set(grant.award.to_owned()),
        granted_on: Set(granted_on),
        valid_until: Set(valid_until),
        revoked_at: Set(None),
        suspended_at: Set(None),
        status_reason: Set(String::new()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    school::ActiveModel {
        id: Set(grant.school),
        current_award: Set(Some(grant.award_title.to_owned())),
        award_since: Set(Some(granted_on)),
        award_until: Set(Some(valid_until)),
        ..Default::default()
    }
    .update(txn)
    .await?;
    let mut c = Change::new(AuditAction::AwardGranted, "award", &code);
    if let Some(map) = context.as_object_mut() {
        map.insert("award".into(), grant.award.into());
        map.insert("granted_on".into(), granted_on.to_string().into());
        map.insert("valid_until".into(), valid_until.to_string().into());
    }
    c.after = Some(context.clone());
    record(txn, actor, c).await?;
    Ok(code)
}

/// Opens the follow-up of a deferred decision signed off in `txn`.
async fn open_deferral(
    txn: &impl ConnectionTrait,
    review: i64,
    due_on: NaiveDate,
) -> StoreResult<()> {
    super::entity::deferral::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        review_id: Set(review),
        due_on: Set(due_on),
        response: Set(String::new()),
        responded_by: Set(String::new()),
        note: Set(String::new()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| StoreError::unique(e, "deferral"))?;
    Ok(())
}
