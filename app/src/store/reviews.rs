//! Reviews of submitted self-assessments: the queue and assignment, and
//! clusters as conflicts of interest see them. The work on a review is in
//! `review_work.rs`, awards in `awards.rs`, the fee schedule in `fees.rs`.

use super::accounts::{insert_membership, Place};
use super::audit::{record, Actor, Change};
use super::entity::{account, cluster_school, membership, review, school, self_assessment};
pub use super::records::ReviewRecord;
use super::records::{review_of, AssessmentRecord};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::Status;
use crate::domain::review::ReviewStatus;
use crate::domain::{AuditAction, Role};
use crate::model::Assignee;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};

/// What the assignment of a review sets.
pub struct Assignment {
    pub lead: i64,
    pub second: Option<i64>,
    pub due_on: NaiveDate,
}

/// Ends the assessor memberships at a school (key, public id) of each of
/// `accounts` who no longer leads or seconds an open review there: an
/// assessor's access lasts as long as their assignment.
pub(super) async fn release_assessors(
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
            .filter_map(super::records::record_of)
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

    /// Whether an assessor recorded a visit to the school on `since` or later.
    pub async fn visited_since(&self, school: i64, since: NaiveDate) -> StoreResult<bool> {
        let assessments: Vec<i64> = self_assessment::Entity::find()
            .filter(self_assessment::Column::SchoolId.eq(school))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect();
        let visits = review::Entity::find()
            .filter(review::Column::AssessmentId.is_in(assessments))
            .filter(review::Column::VisitedOn.gte(since))
            .count(&self.db)
            .await?;
        Ok(visits > 0)
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
