//! The physical accessibility walk of a self-assessment: what each check
//! found, its photo, and the plan action its fix became (kept in step).

use super::assessments::AssessmentRecord;
use super::audit::{record, Actor, Change};
use super::entity::{accessibility_check, plan_action};
use super::plans::insert_action;
use super::{Store, StoreError, StoreResult};
use crate::domain::accessibility::{CheckRecord, Finding, INDICATOR};
use crate::domain::action_plan::NewAction;
use crate::domain::AuditAction;
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// One recorded check: what was found, its photo's evidence and the plan
/// action its fix became (public ids), and its version for the next save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedCheck {
    pub item: String,
    pub record: CheckRecord,
    pub photo: Option<String>,
    pub plan_action: Option<String>,
    pub version: i32,
}

fn saved_of(m: accessibility_check::Model) -> SavedCheck {
    SavedCheck {
        record: CheckRecord {
            finding: Finding::parse(&m.finding),
            note: m.note,
            fix: m.fix,
            owner: m.owner,
            due_on: m.due_on.map(|d| d.to_string()).unwrap_or_default(),
        },
        item: m.item,
        photo: m.photo_evidence_id,
        plan_action: m.plan_action_id,
        version: m.version,
    }
}

impl Store {
    /// The checks of a self-assessment's walk that have been recorded.
    pub async fn accessibility_checks(&self, assessment: i64) -> StoreResult<Vec<SavedCheck>> {
        Ok(accessibility_check::Entity::find()
            .filter(accessibility_check::Column::AssessmentId.eq(assessment))
            .all(&self.db)
            .await?
            .into_iter()
            .map(saved_of)
            .collect())
    }

    /// Records what a check found, if it is still at `base_version` (0 for
    /// a check not recorded yet); otherwise someone saved it first. A fix
    /// for a barrier, with its owner, goes into the plan in the same write
    /// the first time, and the plan's action is kept in step after that.
    pub async fn record_accessibility_check(
        &self,
        assessment: &AssessmentRecord,
        item: &str,
        check: &CheckRecord,
        base_version: i32,
        (by, actor): (&str, &Actor),
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        super::assessments::ensure_editable(&txn, assessment.key).await?;
        let current = find(&txn, assessment.key, item).await?;
        if current.as_ref().map_or(0, |c| c.version) != base_version {
            return Err(StoreError::Conflict("accessibility check"));
        }
        let plan_action = match current.as_ref().and_then(|c| c.plan_action_id.clone()) {
            Some(action) => {
                // A fix cleared leaves the plan's action as it was.
                if !check.fix.is_empty() {
                    keep_in_step(&txn, &action, check).await?;
                }
                Some(action)
            }
            None if check.goes_into_plan() => {
                let new = NewAction {
                    indicator: INDICATOR.to_owned(),
                    description: check.fix.clone(),
                    owner: check.owner.clone(),
                    due_on: Some(check.due_on.clone()).filter(|d| !d.is_empty()),
                    success_measure: String::new(),
                };
                let from = serde_json::json!({ "accessibility_check": item });
                Some(
                    insert_action(&txn, assessment, &new, from, actor)
                        .await?
                        .public_id,
                )
            }
            None => None,
        };
        let row = accessibility_check::ActiveModel {
            assessment_id: Set(assessment.key),
            item: Set(item.to_owned()),
            finding: Set(check
                .finding
                .map(Finding::as_str)
                .unwrap_or_default()
                .to_owned()),
            note: Set(check.note.clone()),
            fix: Set(check.fix.clone()),
            owner: Set(check.owner.clone()),
            due_on: Set(check.due_on.parse().ok()),
            plan_action_id: Set(plan_action.clone()),
            version: Set(base_version + 1),
            updated_by: Set(by.to_owned()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        match current {
            Some(current) => {
                let mut row = row;
                row.id = Set(current.id);
                row.update(&txn).await?;
            }
            None => {
                row.insert(&txn).await?;
            }
        }
        let mut change = Change::new(
            AuditAction::AccessibilityCheckRecorded,
            "self_assessment",
            &assessment.id,
        );
        change.after = Some(serde_json::json!({
            "check": item, "finding": check.finding.map(Finding::as_str),
            "plan_action": plan_action, "version": base_version + 1,
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Keeps `evidence` (just uploaded) as the check's photo, in place of
    /// any earlier one (which stays among the indicator's evidence).
    pub async fn set_accessibility_photo(
        &self,
        assessment: &AssessmentRecord,
        item: &str,
        evidence: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        super::assessments::ensure_editable(&txn, assessment.key).await?;
        let row = accessibility_check::ActiveModel {
            assessment_id: Set(assessment.key),
            item: Set(item.to_owned()),
            photo_evidence_id: Set(Some(evidence.to_owned())),
            version: Set(1),
            updated_by: Set(String::new()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        };
        accessibility_check::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    accessibility_check::Column::AssessmentId,
                    accessibility_check::Column::Item,
                ])
                .update_columns([
                    accessibility_check::Column::PhotoEvidenceId,
                    accessibility_check::Column::UpdatedAt,
                ])
                .to_owned(),
            )
            .exec(&txn)
            .await?;
        let mut change = Change::new(
            AuditAction::AccessibilityCheckRecorded,
            "self_assessment",
            &assessment.id,
        );
        change.after = Some(serde_json::json!({ "check": item, "photo": evidence }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }
}

async fn find(
    txn: &impl ConnectionTrait,
    assessment: i64,
    item: &str,
) -> StoreResult<Option<accessibility_check::Model>> {
    Ok(accessibility_check::Entity::find()
        .filter(accessibility_check::Column::AssessmentId.eq(assessment))
        .filter(accessibility_check::Column::Item.eq(item))
        .one(txn)
        .await?)
}

/// The plan action a fix became, rewritten as the check is.
async fn keep_in_step(
    txn: &impl ConnectionTrait,
    action: &str,
    check: &CheckRecord,
) -> StoreResult<()> {
    plan_action::Entity::update_many()
        .col_expr(
            plan_action::Column::Description,
            Expr::value(check.fix.clone()),
        )
        .col_expr(plan_action::Column::Owner, Expr::value(check.owner.clone()))
        .col_expr(
            plan_action::Column::DueOn,
            Expr::value(check.due_on.parse::<chrono::NaiveDate>().ok()),
        )
        .col_expr(plan_action::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            plan_action::Column::Version,
            Expr::col(plan_action::Column::Version).add(1),
        )
        .filter(plan_action::Column::PublicId.eq(action))
        .exec(txn)
        .await?;
    Ok(())
}
