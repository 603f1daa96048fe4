//! Reviews of submitted self-assessments, the awards they grant, clusters
//! (as conflicts of interest and award prerequisites see them) and the fee
//! schedule.

use super::accounts::{insert_membership, rfc3339, Place};
use super::assessments::AssessmentRecord;
use super::audit::{record, Actor, Change};
use super::entity::{
    account, award, cluster_school, evidence_request, fee_band, membership, review, review_rating,
    school, self_assessment,
};
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::{Cycle, Status};
use crate::domain::calendar::FeeBand;
use crate::domain::review::{
    AwardTerm, Decision, EvidenceRequest, ModerationReason, Outcome, ReviewRating, ReviewStatus,
    Visit,
};
use crate::domain::{AuditAction, Role};
use crate::model::Assignee;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

/// What signing off a review records besides the review's own state.
pub struct SignOff<'a> {
    /// The award's title, in the framework's default language, for the certificate.
    pub award_title: &'a str,
    /// The validated scores (element id, permille; overall with an empty id).
    pub results: &'a [(String, u32)],
    pub today: NaiveDate,
}

/// A review as stored.
#[derive(Clone, Debug)]
pub struct ReviewRecord {
    pub key: i64,
    pub id: String,
    pub assessment_key: i64,
    pub lead: i64,
    pub second: Option<i64>,
    pub due_on: NaiveDate,
    pub status: ReviewStatus,
    pub decision: Option<Decision>,
    pub moderation_reasons: Vec<ModerationReason>,
    /// The second assessor's verdict: (agrees, their reasons).
    pub moderation: Option<(bool, String)>,
    pub visit: Visit,
    pub signed_off_at: Option<String>,
    pub created_at: String,
}

pub(super) fn review_of(m: review::Model) -> Option<ReviewRecord> {
    let decision = match (m.outcome.as_deref().and_then(Outcome::parse), &m.report) {
        (Some(outcome), report) => Some(Decision {
            outcome,
            award: m.award.clone(),
            conditions: m.conditions.clone(),
            report: report.clone(),
        }),
        (None, _) => None,
    };
    Some(ReviewRecord {
        status: ReviewStatus::parse(&m.status)?,
        key: m.id,
        id: m.public_id,
        assessment_key: m.assessment_id,
        lead: m.lead_assessor_id,
        second: m.second_assessor_id,
        due_on: m.due_on,
        decision,
        moderation_reasons: serde_json::from_str(&m.moderation_reasons).unwrap_or_default(),
        moderation: m.moderation_agrees.map(|a| (a, m.moderation_note.clone())),
        visit: Visit {
            visited_on: m.visited_on.map(|d| d.to_string()).unwrap_or_default(),
            people_met: m.people_met,
            classrooms: m.classrooms,
            notes: m.visit_notes,
        },
        signed_off_at: m.signed_off_at.map(rfc3339),
        created_at: rfc3339(m.created_at),
    })
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

/// An award as stored, with its school.
#[derive(Clone, Debug)]
pub struct AwardRecord {
    pub code: String,
    pub school_key: i64,
    pub framework_id: String,
    pub framework_version: String,
    pub term: AwardTerm,
}

fn award_of(m: award::Model) -> AwardRecord {
    AwardRecord {
        code: m.code,
        school_key: m.school_id,
        framework_id: m.framework_id,
        framework_version: m.framework_version,
        term: AwardTerm {
            award: m.award_id,
            granted_on: m.granted_on.to_string(),
            valid_until: m.valid_until.to_string(),
            revoked: m.revoked_at.is_some(),
        },
    }
}

/// What the award rules read about a school besides its scores.
pub struct AwardStanding {
    /// The school's own awards, newest first.
    pub own: Vec<AwardTerm>,
    /// The awards of each school it shares a cluster with, by school key.
    pub mates: std::collections::BTreeMap<i64, Vec<AwardTerm>>,
    /// Whether it is a member of a cluster.
    pub cluster_member: bool,
    /// Whether it attended each of its clusters' meetings since the day asked.
    pub attendance: Vec<bool>,
    /// Its clusters' annual updates for the year asked, once submitted:
    /// (cluster name, sections).
    pub submitted_updates: Vec<(String, Vec<crate::model::AnnualUpdateSection>)>,
}

/// What the assignment of a review sets.
pub struct Assignment {
    pub lead: i64,
    pub second: Option<i64>,
    pub due_on: NaiveDate,
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

/// Ends the assessor memberships at a school (key, public id) of each of
/// `accounts` who no longer leads or seconds an open review there: an
/// assessor's access lasts as long as their assignment.
async fn release_assessors(
    db: &impl ConnectionTrait,
    school: (i64, &str),
    accounts: &[i64],
    reason: &str,
    actor: &Actor,
) -> StoreResult<()> {
    use sea_orm::QuerySelect;
    let assessments: Vec<i64> = self_assessment::Entity::find()
        .select_only()
        .column(self_assessment::Column::Id)
        .filter(self_assessment::Column::SchoolId.eq(school.0))
        .into_tuple()
        .all(db)
        .await?;
    for &key in accounts {
        let still_assessing = review::Entity::find()
            .filter(review::Column::AssessmentId.is_in(assessments.clone()))
            .filter(review::Column::Status.ne(ReviewStatus::Closed.as_str()))
            .filter(
                review::Column::LeadAssessorId
                    .eq(key)
                    .or(review::Column::SecondAssessorId.eq(key)),
            )
            .one(db)
            .await?
            .is_some();
        if still_assessing {
            continue;
        }
        let removed = membership::Entity::delete_many()
            .filter(membership::Column::AccountId.eq(key))
            .filter(membership::Column::Role.eq(Role::Assessor.as_str()))
            .filter(membership::Column::SchoolId.eq(school.0))
            .exec(db)
            .await?;
        if removed.rows_affected == 0 {
            continue;
        }
        let person = account::Entity::find_by_id(key)
            .one(db)
            .await?
            .ok_or(StoreError::NotFound("assessor"))?;
        let mut change = Change::new(AuditAction::MembershipRemoved, "account", &person.public_id);
        change.school = Some(school.1.to_owned());
        change.before = Some(serde_json::json!({ "email": person.email, "role": "assessor" }));
        change.after = Some(serde_json::json!({ "reason": reason }));
        record(db, actor, change).await?;
    }
    Ok(())
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

/// Assignment and the queue.
impl Store {
    /// Submitted self-assessments that have no review yet, oldest first.
    pub async fn awaiting_assessor(&self) -> StoreResult<Vec<AssessmentRecord>> {
        use sea_orm::sea_query::Query;
        let reviewed = Query::select()
            .column(review::Column::AssessmentId)
            .from(review::Entity)
            .to_owned();
        Ok(self_assessment::Entity::find()
            .filter(self_assessment::Column::Status.eq(Status::Submitted.as_str()))
            .filter(self_assessment::Column::Id.not_in_subquery(reviewed))
            .order_by_asc(self_assessment::Column::SubmittedAt)
            .order_by_asc(self_assessment::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(super::assessments::record_of)
            .collect())
    }

    /// When each self-assessment was submitted (RFC 3339), by key.
    pub async fn submitted_at(
        &self,
        keys: &[i64],
    ) -> StoreResult<std::collections::HashMap<i64, Option<String>>> {
        let mut found = std::collections::HashMap::with_capacity(keys.len());
        for chunk in keys.chunks(1000) {
            found.extend(
                self_assessment::Entity::find()
                    .filter(self_assessment::Column::Id.is_in(chunk.to_vec()))
                    .all(&self.db)
                    .await?
                    .into_iter()
                    .map(|a| (a.id, a.submitted_at.map(rfc3339))),
            );
        }
        Ok(found)
    }

    /// Everyone who holds the assessor role anywhere: (key, person).
    pub async fn assessors(&self) -> StoreResult<Vec<(i64, Assignee)>> {
        let keys: Vec<i64> = membership::Entity::find()
            .filter(membership::Column::Role.eq(Role::Assessor.as_str()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| m.account_id)
            .collect();
        let mut people: Vec<(i64, Assignee)> = account::Entity::find()
            .filter(account::Column::Id.is_in(keys))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| {
                (
                    a.id,
                    Assignee {
                        account: a.public_id,
                        name: a.display_name,
                    },
                )
            })
            .collect();
        people.sort_by(|a, b| a.1.name.cmp(&b.1.name));
        Ok(people)
    }

    /// The schools (public ids) where an account holds a role other than
    /// assessor: where it works, for conflicts of interest.
    pub async fn schools_worked_at(&self, account_key: i64) -> StoreResult<Vec<String>> {
        let keys: Vec<i64> = membership::Entity::find()
            .filter(membership::Column::AccountId.eq(account_key))
            .filter(membership::Column::Role.ne(Role::Assessor.as_str()))
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(|m| m.school_id)
            .collect();
        self.public_ids(keys).await
    }

    /// Every school (public id) that shares a cluster with `school`, itself included.
    pub async fn cluster_schools(&self, school: i64) -> StoreResult<Vec<String>> {
        // One query: the members of every cluster the school is a member of.
        let sql = "SELECT DISTINCT s.public_id AS id FROM cluster_school mine \
                   JOIN cluster_school other ON other.cluster_id = mine.cluster_id \
                   AND other.status = ? JOIN school s ON s.id = other.school_id \
                   WHERE mine.school_id = ? AND mine.status = ? ORDER BY s.public_id";
        let member = crate::domain::cluster::Membership::Member.as_str();
        let backend = self.db.get_database_backend();
        let values = vec![member.into(), school.into(), member.into()];
        let rows = self
            .db
            .query_all_raw(super::sql::statement(backend, sql, values))
            .await?;
        Ok(rows.iter().map(|row| super::sql::text(row, "id")).collect())
    }

    async fn public_ids(&self, keys: Vec<i64>) -> StoreResult<Vec<String>> {
        let mut ids: Vec<String> = school::Entity::find()
            .filter(school::Column::Id.is_in(keys))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| s.public_id)
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// An account's key and name by public id.
    pub async fn account_by_public_id(
        &self,
        public_id: &str,
    ) -> StoreResult<Option<(i64, String)>> {
        Ok(account::Entity::find()
            .filter(account::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(|a| (a.id, a.display_name)))
    }

    /// Assigns the assessors of a submitted self-assessment's review,
    /// creating the review on first assignment. Each assessor is given an
    /// assessor's membership at the school, which lets them see it.
    pub async fn assign_review(
        &self,
        assessment: &AssessmentRecord,
        school_id: &str,
        assignment: Assignment,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let status = self_assessment::Entity::find_by_id(assessment.key)
            .one(&txn)
            .await?
            .and_then(|a| Status::parse(&a.status));
        let existing = review::Entity::find()
            .filter(review::Column::AssessmentId.eq(assessment.key))
            .one(&txn)
            .await?;
        let now = Utc::now();
        let id = match existing {
            None if status == Some(Status::Submitted) => {
                review::ActiveModel {
                    public_id: Set(uuid::Uuid::new_v4().to_string()),
                    assessment_id: Set(assessment.key),
                    lead_assessor_id: Set(assignment.lead),
                    second_assessor_id: Set(assignment.second),
                    due_on: Set(assignment.due_on),
                    status: Set(ReviewStatus::InReview.as_str().to_owned()),
                    conditions: Set(String::new()),
                    report: Set(String::new()),
                    moderation_reasons: Set("[]".to_owned()),
                    moderation_note: Set(String::new()),
                    people_met: Set(String::new()),
                    classrooms: Set(String::new()),
                    visit_notes: Set(String::new()),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await
                .map_err(|e| StoreError::unique(e, "review"))?
                .public_id
            }
            None => return Err(StoreError::Closed),
            Some(r) if r.status == ReviewStatus::Closed.as_str() => {
                return Err(StoreError::Conflict("review"))
            }
            Some(r) => {
                // Those replaced stop assessing here, unless another open
                // review of the school still needs them.
                let replaced: Vec<i64> = std::iter::once(r.lead_assessor_id)
                    .chain(r.second_assessor_id)
                    .filter(|k| *k != assignment.lead && Some(*k) != assignment.second)
                    .collect();
                review::Entity::update_many()
                    .col_expr(review::Column::LeadAssessorId, Expr::value(assignment.lead))
                    .col_expr(
                        review::Column::SecondAssessorId,
                        Expr::value(assignment.second),
                    )
                    .col_expr(review::Column::DueOn, Expr::value(assignment.due_on))
                    .col_expr(review::Column::UpdatedAt, Expr::value(now))
                    .filter(review::Column::Id.eq(r.id))
                    .exec(&txn)
                    .await?;
                let school = (assessment.school_key, school_id);
                release_assessors(&txn, school, &replaced, "reassigned", actor).await?;
                r.public_id
            }
        };
        for key in std::iter::once(assignment.lead).chain(assignment.second) {
            let person = account::Entity::find_by_id(key)
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound("assessor"))?;
            let place = Place::School(assessment.school_key, school_id);
            match insert_membership(&txn, &person, Role::Assessor, place, actor).await {
                Ok(()) | Err(StoreError::Duplicate(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let mut change = Change::new(AuditAction::ReviewAssigned, "review", &id);
        change.school = Some(school_id.to_owned());
        change.after = Some(serde_json::json!({
            "assessment": assessment.id,
            "lead": assignment.lead,
            "second": assignment.second,
            "due_on": assignment.due_on.to_string(),
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Reviews, newest first: all of them, or (with `for_account`) those
    /// where the account is lead or second assessor.
    pub async fn reviews(&self, for_account: Option<i64>) -> StoreResult<Vec<ReviewRecord>> {
        let mut query = review::Entity::find().order_by_desc(review::Column::Id);
        if let Some(key) = for_account {
            query = query.filter(
                review::Column::LeadAssessorId
                    .eq(key)
                    .or(review::Column::SecondAssessorId.eq(key)),
            );
        }
        Ok(query
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(review_of)
            .collect())
    }

    /// Display names by account key.
    pub async fn names(&self, keys: Vec<i64>) -> StoreResult<Vec<(i64, String)>> {
        Ok(account::Entity::find()
            .filter(account::Column::Id.is_in(keys))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.display_name))
            .collect())
    }

    pub async fn review(&self, public_id: &str) -> StoreResult<Option<ReviewRecord>> {
        Ok(review::Entity::find()
            .filter(review::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .and_then(review_of))
    }

    pub async fn review_of_assessment(&self, assessment: i64) -> StoreResult<Option<ReviewRecord>> {
        Ok(review::Entity::find()
            .filter(review::Column::AssessmentId.eq(assessment))
            .one(&self.db)
            .await?
            .and_then(review_of))
    }
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
        if let Some(Decision {
            outcome: Outcome::Granted,
            award: Some(award_id),
            ..
        }) = &review.decision
        {
            let current = self
                .current_award_of(&txn, assessment.school_key, today)
                .await?;
            let annual = matches!(
                assessment.cycle,
                Cycle::AnnualReview1 | Cycle::AnnualReview2
            );
            let confirms = annual && current.as_ref().is_some_and(|c| &c.term.award == award_id);
            if !confirms {
                let granted_on = today;
                let until = crate::domain::calendar::valid_until(day_of(today));
                let valid_until = NaiveDate::parse_from_str(&until.to_string(), "%Y-%m-%d")
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let new_code = crate::domain::review::certificate_code(random_u64());
                award::ActiveModel {
                    code: Set(new_code.clone()),
                    school_id: Set(assessment.school_key),
                    review_id: Set(Some(review.key)),
                    framework_id: Set(assessment.framework_id.clone()),
                    framework_version: Set(assessment.framework_version.clone()),
                    award_id: Set(award_id.clone()),
                    granted_on: Set(granted_on),
                    valid_until: Set(valid_until),
                    revoked_at: Set(None),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                school::ActiveModel {
                    id: Set(assessment.school_key),
                    current_award: Set(Some(award_title.to_owned())),
                    award_since: Set(Some(granted_on)),
                    award_until: Set(Some(valid_until)),
                    ..Default::default()
                }
                .update(&txn)
                .await?;
                let mut c = Change::new(AuditAction::AwardGranted, "award", &new_code);
                c.after = Some(serde_json::json!({
                    "award": award_id, "granted_on": granted_on.to_string(),
                    "valid_until": valid_until.to_string(), "review": review.id,
                }));
                record(&txn, actor, c).await?;
                code = Some(new_code);
            }
        }
        let mut c = change(AuditAction::DecisionSignedOff, review);
        c.after = Some(serde_json::json!({
            "outcome": review.decision.as_ref().map(|d| d.outcome.as_str()),
            "certificate": code,
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(code)
    }

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

fn day_of(date: NaiveDate) -> crate::domain::calendar::Day {
    use chrono::Datelike;
    crate::domain::calendar::Day::from_ymd(date.year(), date.month(), date.day())
}

fn random_u64() -> u64 {
    let bytes = *uuid::Uuid::new_v4().as_bytes();
    let mut half = [0u8; 8];
    half.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(half)
}

/// Awards and certificates.
impl Store {
    /// Records an award directly (demo data and imports of earlier awards).
    pub async fn record_award(
        &self,
        school: i64,
        framework: (&str, &str),
        award_id: &str,
        granted_on: NaiveDate,
        valid_until: NaiveDate,
    ) -> StoreResult<String> {
        let code = crate::domain::review::certificate_code(random_u64());
        award::ActiveModel {
            code: Set(code.clone()),
            school_id: Set(school),
            review_id: Set(None),
            framework_id: Set(framework.0.to_owned()),
            framework_version: Set(framework.1.to_owned()),
            award_id: Set(award_id.to_owned()),
            granted_on: Set(granted_on),
            valid_until: Set(valid_until),
            revoked_at: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await?;
        Ok(code)
    }

    /// A school's awards, newest first.
    pub async fn awards_of(&self, school: i64) -> StoreResult<Vec<AwardRecord>> {
        Ok(award::Entity::find()
            .filter(award::Column::SchoolId.eq(school))
            .order_by_desc(award::Column::GrantedOn)
            .all(&self.db)
            .await?
            .into_iter()
            .map(award_of)
            .collect())
    }

    /// What the award rules read about a school besides its scores (see
    /// [`AwardStanding`]): three queries.
    pub async fn award_standing(
        &self,
        school: i64,
        attendance_since: NaiveDate,
        year: i32,
    ) -> StoreResult<AwardStanding> {
        // The school's awards and those of every school sharing a cluster with it.
        let sql = "SELECT * FROM award WHERE school_id = ? OR school_id IN (\
                   SELECT other.school_id FROM cluster_school mine \
                   JOIN cluster_school other ON other.cluster_id = mine.cluster_id \
                   AND other.status = ? WHERE mine.school_id = ? AND mine.status = ?) \
                   ORDER BY granted_on DESC";
        let member = crate::domain::cluster::Membership::Member.as_str();
        let backend = self.db.get_database_backend();
        let values = vec![school.into(), member.into(), school.into(), member.into()];
        let mut own = Vec::new();
        let mut mates: std::collections::BTreeMap<i64, Vec<AwardTerm>> = Default::default();
        for found in award::Entity::find()
            .from_raw_sql(super::sql::statement(backend, sql, values))
            .all(&self.db)
            .await?
        {
            let found = award_of(found);
            if found.school_key == school {
                own.push(found.term);
            } else {
                mates.entry(found.school_key).or_default().push(found.term);
            }
        }
        let attendance = self.meeting_attendance(school, attendance_since).await?;
        let (clusters, submitted_updates) = self.clusters_and_updates(school, year).await?;
        Ok(AwardStanding {
            own,
            mates,
            cluster_member: clusters > 0,
            attendance,
            submitted_updates,
        })
    }

    /// Every award not revoked and still valid on `today`, for the calendar.
    pub async fn standing_awards(&self, today: NaiveDate) -> StoreResult<Vec<AwardRecord>> {
        Ok(award::Entity::find()
            .filter(award::Column::RevokedAt.is_null())
            .filter(award::Column::ValidUntil.gte(today))
            .order_by_asc(award::Column::GrantedOn)
            .all(&self.db)
            .await?
            .into_iter()
            .map(award_of)
            .collect())
    }

    pub async fn award_by_code(&self, code: &str) -> StoreResult<Option<AwardRecord>> {
        Ok(award::Entity::find()
            .filter(award::Column::Code.eq(code))
            .one(&self.db)
            .await?
            .map(award_of))
    }

    /// Revokes an award: its certificate then says so.
    pub async fn revoke_award(&self, code: &str, actor: &Actor) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = award::Entity::update_many()
            .col_expr(award::Column::RevokedAt, Expr::value(Utc::now()))
            .filter(award::Column::Code.eq(code))
            .filter(award::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::NotFound("award"));
        }
        record(
            &txn,
            actor,
            Change::new(AuditAction::AwardRevoked, "award", code),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The cycles of each school's self-assessments submitted on or after
    /// a date: (school key, cycle, submitted on).
    pub async fn submitted_cycles(&self) -> StoreResult<Vec<(i64, Cycle, NaiveDate)>> {
        Ok(self_assessment::Entity::find()
            .filter(self_assessment::Column::SubmittedAt.is_not_null())
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(|a| {
                Some((
                    a.school_id,
                    Cycle::parse(&a.cycle)?,
                    a.submitted_at?.date_naive(),
                ))
            })
            .collect())
    }
}

/// The fee schedule.
impl Store {
    pub async fn fee_bands(&self) -> StoreResult<Vec<FeeBand>> {
        Ok(fee_band::Entity::find()
            .order_by_asc(fee_band::Column::MinLearners)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|b| FeeBand {
                min_learners: u32::try_from(b.min_learners).unwrap_or(0),
                max_learners: u32::try_from(b.max_learners).unwrap_or(0),
                yearly: [b.year1, b.year2, b.year3].map(|x| u64::try_from(x).unwrap_or(0)),
            })
            .collect())
    }

    /// Replaces the whole schedule (already checked by the domain).
    pub async fn set_fee_bands(&self, bands: &[FeeBand], actor: &Actor) -> StoreResult<()> {
        let txn = self.write().await?;
        let before = fee_band::Entity::find().all(&txn).await?.len();
        fee_band::Entity::delete_many().exec(&txn).await?;
        for b in bands {
            let money = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
            fee_band::ActiveModel {
                min_learners: Set(i32::try_from(b.min_learners).unwrap_or(i32::MAX)),
                max_learners: Set(i32::try_from(b.max_learners).unwrap_or(i32::MAX)),
                year1: Set(money(b.yearly[0])),
                year2: Set(money(b.yearly[1])),
                year3: Set(money(b.yearly[2])),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let mut c = Change::new(AuditAction::FeesUpdated, "fee_schedule", "fees");
        c.before = Some(serde_json::json!({ "bands": before }));
        c.after = Some(serde_json::to_value(bands).unwrap_or_default());
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Founding a cluster with its members at once (the demo seed); the rest of
/// what clusters do is in `clusters.rs`.
impl Store {
    /// Creates a cluster led by `lead` with `members` (the lead included).
    pub async fn create_cluster(
        &self,
        name: &str,
        lead: i64,
        members: &[i64],
        kind: &str,
    ) -> StoreResult<String> {
        let txn = self.db.begin().await?;
        let row = super::entity::cluster::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            name: Set(name.to_owned()),
            lead_school_id: Set(lead),
            kind: Set(kind.to_owned()),
            created_at: Set(Utc::now()),
            description: Set(String::new()),
            development_plan: Set(String::new()),
            framework_id: Set(crate::domain::cluster::CLUSTER_FRAMEWORK.to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for school in std::iter::once(&lead).chain(members.iter().filter(|m| **m != lead)) {
            cluster_school::ActiveModel {
                cluster_id: Set(row.id),
                school_id: Set(*school),
                status: Set(crate::domain::cluster::Membership::Member
                    .as_str()
                    .to_owned()),
            }
            .insert(&txn)
            .await?;
        }
        super::clusters::default_columns(&txn, row.id).await?;
        txn.commit().await?;
        Ok(row.public_id)
    }
}
