//! Clusters' classroom research: activities, a project's key steps, and
//! its annual reviews (each starting from the previous year's next steps).

use super::audit::{record, Actor, Change};
use super::clusters::ClusterRecord;
use super::entity::{research_activity, research_review, research_step};
use super::{Store, StoreError, StoreResult};
use crate::domain::research::{carried_forward, ResearchStatus};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

/// An activity's text as checked by the server function.
pub struct ResearchText<'a> {
    pub question: &'a str,
    pub elements: &'a [String],
    /// Participating schools' keys.
    pub schools: &'a [i64],
    pub method: &'a str,
    pub findings: &'a str,
    pub status: ResearchStatus,
    pub flagship: bool,
}

/// A key step as checked by the server function.
pub struct StepText<'a> {
    pub description: &'a str,
    pub people: &'a str,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

impl Store {
    /// The cluster's research activities, newest first, each with its
    /// number of key steps and of those done.
    pub async fn research_activities(
        &self,
        cluster: i64,
    ) -> StoreResult<Vec<(research_activity::Model, u32, u32)>> {
        let activities = research_activity::Entity::find()
            .filter(research_activity::Column::ClusterId.eq(cluster))
            .order_by_desc(research_activity::Column::Id)
            .all(&self.db)
            .await?;
        let steps = research_step::Entity::find()
            .filter(research_step::Column::ActivityId.is_in(activities.iter().map(|a| a.id)))
            .all(&self.db)
            .await?;
        Ok(activities
            .into_iter()
            .map(|a| {
                let mine = steps.iter().filter(|s| s.activity_id == a.id);
                let total = mine.clone().count();
                let done = mine.filter(|s| s.done).count();
                let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                (a, count(total), count(done))
            })
            .collect())
    }

    pub async fn research_activity(
        &self,
        public_id: &str,
    ) -> StoreResult<Option<research_activity::Model>> {
        Ok(research_activity::Entity::find()
            .filter(research_activity::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?)
    }

    pub async fn start_research(
        &self,
        cluster: &ClusterRecord,
        text: &ResearchText<'_>,
        author: i64,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let now = Utc::now();
        let row = research_activity::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            cluster_id: Set(cluster.key),
            question: Set(text.question.to_owned()),
            elements: Set(serde_json::to_string(text.elements).unwrap_or_default()),
            schools: Set(serde_json::to_string(text.schools).unwrap_or_default()),
            method: Set(text.method.to_owned()),
            findings: Set(text.findings.to_owned()),
            status: Set(text.status.as_str().to_owned()),
            flagship: Set(text.flagship),
            version: Set(1),
            created_by: Set(author),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut change = Change::new(AuditAction::ResearchStarted, "research", &row.public_id);
        change.after =
            Some(serde_json::json!({ "question": text.question, "cluster": cluster.id }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(row.public_id)
    }

    /// The activity's new text, if nobody saved it since `base_version`
    /// (otherwise `Conflict`). Returns the new version.
    pub async fn edit_research(
        &self,
        activity: &research_activity::Model,
        base_version: i32,
        text: &ResearchText<'_>,
        actor: &Actor,
    ) -> StoreResult<i32> {
        let txn = self.write().await?;
        let updated = research_activity::Entity::update_many()
            .col_expr(
                research_activity::Column::Question,
                Expr::value(text.question),
            )
            .col_expr(
                research_activity::Column::Elements,
                Expr::value(serde_json::to_string(text.elements).unwrap_or_default()),
            )
            .col_expr(
                research_activity::Column::Schools,
                Expr::value(serde_json::to_string(text.schools).unwrap_or_default()),
            )
            .col_expr(research_activity::Column::Method, Expr::value(text.method))
            .col_expr(
                research_activity::Column::Findings,
                Expr::value(text.findings),
            )
            .col_expr(
                research_activity::Column::Status,
                Expr::value(text.status.as_str()),
            )
            .col_expr(
                research_activity::Column::Flagship,
                Expr::value(text.flagship),
            )
            .col_expr(
                research_activity::Column::UpdatedAt,
                Expr::value(Utc::now()),
            )
            .col_expr(
                research_activity::Column::Version,
                Expr::col(research_activity::Column::Version).add(1),
            )
            .filter(research_activity::Column::Id.eq(activity.id))
            .filter(research_activity::Column::Version.eq(base_version))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("research"));
        }
        let mut change = Change::new(AuditAction::ResearchEdited, "research", &activity.public_id);
        change.before =
            Some(serde_json::json!({ "status": activity.status, "findings": activity.findings }));
        change.after =
            Some(serde_json::json!({ "status": text.status.as_str(), "findings": text.findings }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(base_version + 1)
    }

    /// The project's key steps, in order.
    pub async fn research_steps(&self, activity: i64) -> StoreResult<Vec<research_step::Model>> {
        Ok(research_step::Entity::find()
            .filter(research_step::Column::ActivityId.eq(activity))
            .order_by_asc(research_step::Column::Position)
            .all(&self.db)
            .await?)
    }

    /// A key step at the end of the outline.
    pub async fn add_research_step(
        &self,
        activity: &research_activity::Model,
        step: &StepText<'_>,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let position = research_step::Entity::find()
            .filter(research_step::Column::ActivityId.eq(activity.id))
            .count(&txn)
            .await?;
        research_step::ActiveModel {
            activity_id: Set(activity.id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            description: Set(step.description.to_owned()),
            people: Set(step.people.to_owned()),
            starts_on: Set(step.starts_on),
            ends_on: Set(step.ends_on),
            done: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut change = Change::new(
            AuditAction::ResearchStepAdded,
            "research",
            &activity.public_id,
        );
        change.after = Some(serde_json::json!({ "step": step.description, "people": step.people }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Marks a key step done, or not done.
    pub async fn set_research_step_done(
        &self,
        activity: &research_activity::Model,
        step: i64,
        done: bool,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = research_step::Entity::update_many()
            .col_expr(research_step::Column::Done, Expr::value(done))
            .filter(research_step::Column::Id.eq(step))
            .filter(research_step::Column::ActivityId.eq(activity.id))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::NotFound("step"));
        }
        let mut change = Change::new(
            AuditAction::ResearchStepUpdated,
            "research",
            &activity.public_id,
        );
        change.after = Some(serde_json::json!({ "step": step, "done": done }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The project's annual reviews, newest year first.
    pub async fn research_reviews(
        &self,
        activity: i64,
    ) -> StoreResult<Vec<research_review::Model>> {
        Ok(research_review::Entity::find()
            .filter(research_review::Column::ActivityId.eq(activity))
            .order_by_desc(research_review::Column::Year)
            .all(&self.db)
            .await?)
    }

    /// Writes the review for `year` over `base_version`, the version the
    /// writer started from (0: none yet): someone else's newer review is
    /// never overwritten (`Conflict`). A new review keeps the next steps of
    /// the latest earlier one as what it started from.
    #[allow(clippy::too_many_arguments)]
    pub async fn review_research(
        &self,
        activity: &research_activity::Model,
        year: i32,
        progress: &str,
        next_steps: &str,
        base_version: i32,
        reviewer: i64,
        actor: &Actor,
    ) -> StoreResult<i32> {
        let txn = self.write().await?;
        let reviews = research_review::Entity::find()
            .filter(research_review::Column::ActivityId.eq(activity.id))
            .all(&txn)
            .await?;
        let version = match reviews.iter().find(|r| r.year == year) {
            Some(existing) if existing.version == base_version => {
                let saved = research_review::Entity::update_many()
                    .col_expr(research_review::Column::Progress, Expr::value(progress))
                    .col_expr(research_review::Column::NextSteps, Expr::value(next_steps))
                    .col_expr(research_review::Column::ReviewedBy, Expr::value(reviewer))
                    .col_expr(research_review::Column::ReviewedAt, Expr::value(Utc::now()))
                    .col_expr(
                        research_review::Column::Version,
                        Expr::value(existing.version + 1),
                    )
                    .filter(research_review::Column::Id.eq(existing.id))
                    .filter(research_review::Column::Version.eq(existing.version))
                    .exec(&txn)
                    .await?;
                if saved.rows_affected != 1 {
                    return Err(StoreError::Conflict("research review"));
                }
                existing.version + 1
            }
            None if base_version == 0 => {
                let earlier: Vec<(i32, &str)> = reviews
                    .iter()
                    .map(|r| (r.year, r.next_steps.as_str()))
                    .collect();
                research_review::ActiveModel {
                    activity_id: Set(activity.id),
                    year: Set(year),
                    carried_forward: Set(carried_forward(&earlier, year)
                        .unwrap_or_default()
                        .to_owned()),
                    progress: Set(progress.to_owned()),
                    next_steps: Set(next_steps.to_owned()),
                    reviewed_by: Set(reviewer),
                    reviewed_at: Set(Utc::now()),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(&txn)
                .await
                .map_err(|e| match StoreError::unique(e, "research review") {
                    StoreError::Duplicate(what) => StoreError::Conflict(what),
                    other => other,
                })?;
                1
            }
            _ => return Err(StoreError::Conflict("research review")),
        };
        let mut change = Change::new(
            AuditAction::ResearchReviewed,
            "research",
            &activity.public_id,
        );
        change.after = Some(serde_json::json!({ "year": year, "next_steps": next_steps }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(version)
    }
}
