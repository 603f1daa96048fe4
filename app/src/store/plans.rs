//! Action plans: actions tied to indicators, carried into later cycles
//! until they are done.

use super::assessments::AssessmentRecord;
use super::audit::{record, Actor, Change};
use super::entity::{plan_action, self_assessment};
use super::{Store, StoreError, StoreResult};
use crate::domain::action_plan::{ActionStatus, NewAction, PlanAction};
use crate::domain::AuditAction;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

fn action_of(row: plan_action::Model, carried_from: Option<String>) -> PlanAction {
    PlanAction {
        status: ActionStatus::parse(&row.status).unwrap_or(ActionStatus::Planned),
        id: row.public_id,
        indicator: row.indicator_id,
        description: row.description,
        owner: row.owner,
        due_on: row.due_on.map(|d| d.to_string()),
        success_measure: row.success_measure,
        progress: row.progress,
        version: u32::try_from(row.version).unwrap_or(0),
        carried_from,
    }
}

/// Adds an action to a self-assessment's plan within a write, and audits
/// it (with `from`, what the action came from, when it came from elsewhere).
pub(crate) async fn insert_action(
    txn: &impl ConnectionTrait,
    assessment: &AssessmentRecord,
    new: &NewAction,
    from: serde_json::Value,
    actor: &Actor,
) -> StoreResult<plan_action::Model> {
    let now = Utc::now();
    let row = plan_action::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        assessment_id: Set(assessment.key),
        indicator_id: Set(new.indicator.clone()),
        description: Set(new.description.clone()),
        owner: Set(new.owner.clone()),
        due_on: Set(new.due_on.as_deref().and_then(|d| d.parse().ok())),
        status: Set(ActionStatus::Planned.as_str().to_owned()),
        success_measure: Set(new.success_measure.clone()),
        progress: Set(String::new()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut change = Change::new(
        AuditAction::ActionPlanned,
        "self_assessment",
        &assessment.id,
    );
    let mut after = serde_json::json!({
        "action": row.public_id, "indicator": new.indicator, "description": new.description,
        "owner": new.owner, "due_on": new.due_on,
    });
    if !from.is_null() {
        after["from"] = from;
    }
    change.after = Some(after);
    record(txn, actor, change).await?;
    Ok(row)
}

impl Store {
    /// Adds an action to a self-assessment's plan.
    pub async fn add_action(
        &self,
        assessment: &AssessmentRecord,
        new: &NewAction,
        actor: &Actor,
    ) -> StoreResult<PlanAction> {
        let txn = self.write().await?;
        let row = insert_action(&txn, assessment, new, serde_json::Value::Null, actor).await?;
        txn.commit().await?;
        Ok(action_of(row, None))
    }

    /// The plan of a self-assessment: its own actions, then those of the
    /// school's earlier self-assessments that are not done yet.
    pub async fn plan(&self, assessment: &AssessmentRecord) -> StoreResult<Vec<PlanAction>> {
        let earlier: Vec<self_assessment::Model> = self_assessment::Entity::find()
            .filter(self_assessment::Column::SchoolId.eq(assessment.school_key))
            .filter(self_assessment::Column::Id.lte(assessment.key))
            .all(&self.db)
            .await?;
        let keys: Vec<i64> = earlier.iter().map(|a| a.id).collect();
        let rows = plan_action::Entity::find()
            .filter(plan_action::Column::AssessmentId.is_in(keys))
            .order_by_asc(plan_action::Column::Id)
            .all(&self.db)
            .await?;
        let (mut own, mut carried) = (Vec::new(), Vec::new());
        for row in rows {
            if row.assessment_id == assessment.key {
                own.push(action_of(row, None));
            } else if row.status != ActionStatus::Done.as_str() {
                let from = earlier
                    .iter()
                    .find(|a| a.id == row.assessment_id)
                    .map(|a| a.public_id.clone());
                carried.push(action_of(row, from));
            }
        }
        own.extend(carried);
        Ok(own)
    }

    /// Changes an action's status and progress notes, if it is still at
    /// `base_version`. Only actions in this plan (its own or carried) change.
    pub async fn update_action(
        &self,
        assessment: &AssessmentRecord,
        action: &str,
        status: ActionStatus,
        progress: &str,
        base_version: u32,
        actor: &Actor,
    ) -> StoreResult<PlanAction> {
        let in_plan = self
            .plan(assessment)
            .await?
            .into_iter()
            .find(|a| a.id == action);
        let Some(current) = in_plan else {
            return Err(StoreError::NotFound("action"));
        };
        let txn = self.write().await?;
        let updated = plan_action::Entity::update_many()
            .col_expr(plan_action::Column::Status, Expr::value(status.as_str()))
            .col_expr(
                plan_action::Column::Progress,
                Expr::value(progress.to_owned()),
            )
            .col_expr(
                plan_action::Column::Version,
                Expr::value(i64::from(base_version) + 1),
            )
            .col_expr(plan_action::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(plan_action::Column::PublicId.eq(action))
            .filter(plan_action::Column::Version.eq(i64::from(base_version)))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("action"));
        }
        let row = plan_action::Entity::find()
            .filter(plan_action::Column::PublicId.eq(action))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("action"))?;
        let mut change = Change::new(
            AuditAction::ActionUpdated,
            "self_assessment",
            &assessment.id,
        );
        change.before = Some(
            serde_json::json!({ "action": action, "status": current.status.as_str(), "progress": current.progress }),
        );
        change.after = Some(
            serde_json::json!({ "action": action, "status": status.as_str(), "progress": progress }),
        );
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(action_of(row, current.carried_from))
    }
}
