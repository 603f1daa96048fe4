//! A school's yearly management reviews: one per year, rewritten only from
//! the version it was read at.

use super::audit::{record, Actor, Change};
use super::entity::management_review;
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::management_review::{Draft, Inputs, ManagementReview};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

fn review_of(m: management_review::Model) -> ManagementReview {
    ManagementReview {
        year: m.year,
        held_on: m.held_on.to_string(),
        attendees: m.attendees,
        inputs: Inputs {
            audit_results: m.audit_results,
            feedback: m.feedback,
            nonconformities: m.nonconformities,
            action_plan: m.action_plan,
            objectives: m.objectives,
        },
        decisions: m.decisions,
        recorded_by: m.recorded_by,
        recorded_at: rfc3339(m.recorded_at),
        version: m.version,
    }
}

impl Store {
    /// A school's management reviews, the newest year first.
    pub async fn management_reviews(&self, school: i64) -> StoreResult<Vec<ManagementReview>> {
        Ok(management_review::Entity::find()
            .filter(management_review::Column::SchoolId.eq(school))
            .order_by_desc(management_review::Column::Year)
            .all(&self.db)
            .await?
            .into_iter()
            .map(review_of)
            .collect())
    }

    /// Records the school's review for `year`: a new one when
    /// `base_version` is 0, otherwise a rewrite of that version. Anything
    /// else means someone saved it first (a conflict).
    pub async fn record_management_review(
        &self,
        (school, school_id): (i64, &str),
        (year, draft): (i32, &Draft),
        base_version: i32,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<i32> {
        let held_on = NaiveDate::parse_from_str(&draft.held_on, "%Y-%m-%d")
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let txn = self.write().await?;
        let existing = management_review::Entity::find()
            .filter(management_review::Column::SchoolId.eq(school))
            .filter(management_review::Column::Year.eq(year))
            .one(&txn)
            .await?;
        let current = existing.as_ref().map_or(0, |m| m.version);
        if current != base_version {
            return Err(StoreError::Conflict("management review"));
        }
        let i = &draft.inputs;
        let row = management_review::ActiveModel {
            school_id: Set(school),
            year: Set(year),
            held_on: Set(held_on),
            attendees: Set(draft.attendees.clone()),
            audit_results: Set(i.audit_results.clone()),
            feedback: Set(i.feedback.clone()),
            nonconformities: Set(i.nonconformities.clone()),
            action_plan: Set(i.action_plan.clone()),
            objectives: Set(i.objectives.clone()),
            decisions: Set(draft.decisions.clone()),
            recorded_by: Set(by.to_owned()),
            recorded_at: Set(Utc::now()),
            version: Set(current + 1),
            ..Default::default()
        };
        match existing {
            Some(m) => {
                let updated = management_review::Entity::update_many()
                    .set(row)
                    .filter(management_review::Column::Id.eq(m.id))
                    .filter(management_review::Column::Version.eq(base_version))
                    .exec(&txn)
                    .await?;
                if updated.rows_affected != 1 {
                    return Err(StoreError::Conflict("management review"));
                }
            }
            // Two first saves at once: the unique (school, year) stops the second.
            None => {
                row.insert(&txn).await.map_err(|e| {
                    match StoreError::unique(e, "management review") {
                        StoreError::Duplicate(_) => StoreError::Conflict("management review"),
                        other => other,
                    }
                })?;
            }
        }
        let mut c = Change::new(
            AuditAction::ManagementReviewRecorded,
            "management_review",
            &format!("{school_id}/{year}"),
        );
        c.school = Some(school_id.to_owned());
        c.after = Some(serde_json::json!({ "year": year, "version": current + 1 }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(current + 1)
    }
}
