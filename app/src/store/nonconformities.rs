//! A school's register of non-conformities: raised, treated (a stale edit
//! is refused) and closed, each step audited.

use super::audit::{record, Actor, Change};
use super::entity::{nonconformity, plan_action, self_assessment};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::action_plan::ActionStatus;
use crate::domain::nonconformity::{plan_action_text, NonConformity, Severity, Source, Treatment};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// A new entry as checked by the use case.
pub struct NewNonConformity<'a> {
    pub framework: &'a str,
    pub indicator: &'a str,
    pub source: Source,
    pub severity: Severity,
    pub finding: &'a str,
    pub treatment: &'a Treatment,
    /// The internal audit whose finding raises it.
    pub audit: Option<&'a str>,
}

/// An entry with the school it belongs to, and the plan action its
/// corrective action became (public id).
#[derive(Clone, Debug)]
pub struct NonConformityRecord {
    pub key: i64,
    pub school_key: i64,
    pub entry: NonConformity,
    pub plan_action: Option<String>,
}

/// The self-assessment whose plan holds a corrective action: where the
/// action is known, in the plan of (assessment key, public id).
pub type PlanOf<'a> = Option<(i64, &'a str)>;

fn due_date(day: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn entry_of(m: nonconformity::Model) -> NonConformityRecord {
    NonConformityRecord {
        key: m.id,
        school_key: m.school_id,
        plan_action: m.plan_action_id,
        entry: NonConformity {
            id: m.public_id,
            framework: m.framework_id,
            indicator: m.indicator,
            source: Source::parse(&m.source).unwrap_or(Source::InternalAudit),
            severity: Severity::parse(&m.severity).unwrap_or(Severity::Major),
            finding: m.finding,
            treatment: Treatment {
                correction: m.correction,
                root_cause: m.root_cause,
                corrective_action: m.corrective_action,
                owner: m.owner,
                due_on: m.due_on.map(|d| d.to_string()).unwrap_or_default(),
                effectiveness: m.effectiveness,
            },
            raised_by: m.raised_by,
            raised_at: rfc3339(m.raised_at),
            closed_at: m.closed_at.map(rfc3339),
            version: m.version,
            audit: m.audit_id,
            in_plan: None,
        },
    }
}

/// Fills in which self-assessment's plan holds each record's corrective
/// action (none if the action or its self-assessment has gone since).
async fn with_plans(
    db: &impl ConnectionTrait,
    mut records: Vec<NonConformityRecord>,
) -> StoreResult<Vec<NonConformityRecord>> {
    let actions: Vec<String> = records
        .iter()
        .filter_map(|r| r.plan_action.clone())
        .collect();
    if actions.is_empty() {
        return Ok(records);
    }
    let rows = plan_action::Entity::find()
        .filter(plan_action::Column::PublicId.is_in(actions))
        .all(db)
        .await?;
    let assessments = self_assessment::Entity::find()
        .filter(self_assessment::Column::Id.is_in(rows.iter().map(|r| r.assessment_id)))
        .all(db)
        .await?;
    for record in &mut records {
        record.entry.in_plan = rows
            .iter()
            .find(|a| Some(&a.public_id) == record.plan_action.as_ref())
            .and_then(|a| assessments.iter().find(|s| s.id == a.assessment_id))
            .map(|s| s.public_id.clone());
    }
    Ok(records)
}

impl Store {
    /// A school's register: open entries first, newest first within each.
    pub async fn nonconformities(&self, school: i64) -> StoreResult<Vec<NonConformity>> {
        let records = nonconformity::Entity::find()
            .filter(nonconformity::Column::SchoolId.eq(school))
            .order_by_desc(nonconformity::Column::RaisedAt)
            .order_by_desc(nonconformity::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(entry_of)
            .collect();
        let mut rows: Vec<NonConformity> = with_plans(&self.db, records)
            .await?
            .into_iter()
            .map(|r| r.entry)
            .collect();
        rows.sort_by_key(|nc| !nc.is_open());
        Ok(rows)
    }

    pub async fn nonconformity(&self, public_id: &str) -> StoreResult<Option<NonConformityRecord>> {
        let found = nonconformity::Entity::find()
            .filter(nonconformity::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(entry_of);
        Ok(with_plans(&self.db, found.into_iter().collect())
            .await?
            .pop())
    }

    /// Adds an entry to the school's register. Returns its id.
    pub async fn raise_nonconformity(
        &self,
        school: (i64, &str),
        new: NewNonConformity<'_>,
        raised_by: &str,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let id = insert_nonconformity(&txn, school, &new, raised_by, actor).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Saves an open entry's treatment, and closes it when `close`, if it
    /// is still at `base_version`; otherwise someone saved it first. Its
    /// corrective action goes into the action plan in the same write: the
    /// plan action it became is kept in step (done when the entry closes),
    /// or, the first time it has an action and an owner, one is added to
    /// the plan of `plan` (the school's open self-assessment against the
    /// entry's framework, if there is one).
    pub async fn treat_nonconformity(
        &self,
        found: &NonConformityRecord,
        school_id: &str,
        (treatment, close): (&Treatment, bool),
        base_version: i32,
        plan: PlanOf<'_>,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let t = treatment;
        let closed_at = close.then(Utc::now);
        let updated = nonconformity::Entity::update_many()
            .col_expr(
                nonconformity::Column::Correction,
                Expr::value(t.correction.clone()),
            )
            .col_expr(
                nonconformity::Column::RootCause,
                Expr::value(t.root_cause.clone()),
            )
            .col_expr(
                nonconformity::Column::CorrectiveAction,
                Expr::value(t.corrective_action.clone()),
            )
            .col_expr(nonconformity::Column::Owner, Expr::value(t.owner.clone()))
            .col_expr(
                nonconformity::Column::DueOn,
                Expr::value(due_date(&t.due_on)),
            )
            .col_expr(
                nonconformity::Column::Effectiveness,
                Expr::value(t.effectiveness.clone()),
            )
            .col_expr(nonconformity::Column::ClosedAt, Expr::value(closed_at))
            .col_expr(
                nonconformity::Column::Version,
                Expr::col(nonconformity::Column::Version).add(1),
            )
            .filter(nonconformity::Column::Id.eq(found.key))
            .filter(nonconformity::Column::Version.eq(base_version))
            .filter(nonconformity::Column::ClosedAt.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("nonconformity"));
        }
        let action = if close {
            AuditAction::NonConformityClosed
        } else {
            AuditAction::NonConformityUpdated
        };
        let mut c = Change::new(action, "nonconformity", &found.entry.id);
        c.school = Some(school_id.to_owned());
        c.after = Some(serde_json::json!({ "version": base_version + 1, "due_on": t.due_on }));
        record(&txn, actor, c).await?;
        if let Some(text) = plan_action_text(t) {
            match (&found.plan_action, plan) {
                (Some(action), _) => keep_in_step(&txn, action, &text, t, close).await?,
                (None, Some(plan)) => {
                    add_to_plan(&txn, found, (&text, t, close), plan, actor).await?;
                }
                (None, None) => {}
            }
        }
        txn.commit().await?;
        Ok(())
    }
}

/// The plan action a corrective action became, rewritten as the entry is;
/// done, with the check of effectiveness as its progress, when it closes.
async fn keep_in_step(
    txn: &impl ConnectionTrait,
    action: &str,
    text: &str,
    t: &Treatment,
    close: bool,
) -> StoreResult<()> {
    let mut update = plan_action::Entity::update_many()
        .col_expr(
            plan_action::Column::Description,
            Expr::value(text.to_owned()),
        )
        .col_expr(plan_action::Column::Owner, Expr::value(t.owner.clone()))
        .col_expr(plan_action::Column::DueOn, Expr::value(due_date(&t.due_on)))
        .col_expr(plan_action::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            plan_action::Column::Version,
            Expr::col(plan_action::Column::Version).add(1),
        );
    if close {
        update = update
            .col_expr(
                plan_action::Column::Status,
                Expr::value(ActionStatus::Done.as_str()),
            )
            .col_expr(
                plan_action::Column::Progress,
                Expr::value(t.effectiveness.clone()),
            );
    }
    update
        .filter(plan_action::Column::PublicId.eq(action))
        .exec(txn)
        .await?;
    Ok(())
}

/// Adds the corrective action to the plan of self-assessment `plan`,
/// against the entry's indicator, and links the entry to it.
async fn add_to_plan(
    txn: &impl ConnectionTrait,
    found: &NonConformityRecord,
    (text, t, close): (&str, &Treatment, bool),
    (assessment, assessment_id): (i64, &str),
    actor: &Actor,
) -> StoreResult<()> {
    let now = Utc::now();
    let status = if close {
        ActionStatus::Done
    } else {
        ActionStatus::Planned
    };
    let row = plan_action::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        assessment_id: Set(assessment),
        indicator_id: Set(found.entry.indicator.clone()),
        description: Set(text.to_owned()),
        owner: Set(t.owner.clone()),
        due_on: Set(due_date(&t.due_on)),
        status: Set(status.as_str().to_owned()),
        success_measure: Set(String::new()),
        progress: Set(if close {
            t.effectiveness.clone()
        } else {
            String::new()
        }),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    nonconformity::Entity::update_many()
        .col_expr(
            nonconformity::Column::PlanActionId,
            Expr::value(Some(row.public_id.clone())),
        )
        .filter(nonconformity::Column::Id.eq(found.key))
        .exec(txn)
        .await?;
    let mut change = Change::new(AuditAction::ActionPlanned, "self_assessment", assessment_id);
    change.after = Some(serde_json::json!({
        "action": row.public_id, "indicator": found.entry.indicator,
        "nonconformity": found.entry.id,
    }));
    record(txn, actor, change).await?;
    Ok(())
}

/// Adds an entry to the register within a write, and audits it: the
/// register's own form and an internal audit's finding both raise here.
pub(crate) async fn insert_nonconformity(
    txn: &impl ConnectionTrait,
    (school, school_id): (i64, &str),
    new: &NewNonConformity<'_>,
    raised_by: &str,
    actor: &Actor,
) -> StoreResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let t = new.treatment;
    nonconformity::ActiveModel {
        public_id: Set(id.clone()),
        school_id: Set(school),
        framework_id: Set(new.framework.to_owned()),
        indicator: Set(new.indicator.to_owned()),
        source: Set(new.source.as_str().to_owned()),
        severity: Set(new.severity.as_str().to_owned()),
        finding: Set(new.finding.to_owned()),
        correction: Set(t.correction.clone()),
        root_cause: Set(t.root_cause.clone()),
        corrective_action: Set(t.corrective_action.clone()),
        owner: Set(t.owner.clone()),
        due_on: Set(due_date(&t.due_on)),
        effectiveness: Set(t.effectiveness.clone()),
        raised_by: Set(raised_by.to_owned()),
        raised_at: Set(Utc::now()),
        closed_at: Set(None),
        version: Set(1),
        audit_id: Set(new.audit.map(str::to_owned)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut c = Change::new(AuditAction::NonConformityRaised, "nonconformity", &id);
    c.school = Some(school_id.to_owned());
    c.after = Some(serde_json::json!({
        "framework": new.framework, "indicator": new.indicator,
        "severity": new.severity.as_str(), "source": new.source.as_str(),
        "audit": new.audit,
    }));
    record(txn, actor, c).await?;
    Ok(id)
}
