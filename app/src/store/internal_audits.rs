//! A school's internal audits: planned, their findings recorded (a
//! non-conformity found goes into the register in the same write), and
//! closed with a summary once, each step audited.

use super::audit::{record, Actor, Change};
use super::entity::{internal_audit, internal_audit_finding};
use super::nonconformities::{insert_nonconformity, NewNonConformity};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::internal_audit::{Finding, FindingKind, InternalAudit, Plan, StaffMember};
use crate::domain::nonconformity::{Source, Treatment};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

/// An audit with the school it belongs to.
#[derive(Clone, Debug)]
pub struct AuditRecord {
    pub key: i64,
    pub school_key: i64,
    pub audit: InternalAudit,
}

/// A finding as checked by the use case.
pub struct NewFinding<'a> {
    pub indicator: &'a str,
    pub kind: FindingKind,
    pub statement: &'a str,
    pub evidence: &'a str,
}

fn day(value: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn json(value: &impl serde::Serialize) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn finding_of(m: internal_audit_finding::Model) -> Finding {
    Finding {
        indicator: m.indicator,
        kind: FindingKind::parse(&m.kind).unwrap_or(FindingKind::Observation),
        statement: m.statement,
        evidence: m.evidence,
        nonconformity: m.nonconformity_id,
        recorded_by: m.recorded_by,
        recorded_at: rfc3339(m.recorded_at),
    }
}

fn audit_of(m: internal_audit::Model, findings: Vec<Finding>) -> AuditRecord {
    AuditRecord {
        key: m.id,
        school_key: m.school_id,
        audit: InternalAudit {
            id: m.public_id,
            plan: Plan {
                framework: m.framework_id,
                scope: serde_json::from_str(&m.scope).unwrap_or_default(),
                auditors: serde_json::from_str(&m.auditors).unwrap_or_default(),
                auditee: StaffMember {
                    account: m.auditee_account,
                    name: m.auditee_name,
                },
                starts_on: m.starts_on.to_string(),
                ends_on: m.ends_on.to_string(),
            },
            findings,
            summary: m.summary,
            closed_on: m.closed_on.map(|d| d.to_string()),
            planned_by: m.planned_by,
            version: m.version,
        },
    }
}

impl Store {
    /// A school's audits with their findings, in the order they start.
    pub async fn internal_audits(&self, school: i64) -> StoreResult<Vec<InternalAudit>> {
        let audits = internal_audit::Entity::find()
            .filter(internal_audit::Column::SchoolId.eq(school))
            .order_by_asc(internal_audit::Column::StartsOn)
            .order_by_asc(internal_audit::Column::Id)
            .all(&self.db)
            .await?;
        let keys: Vec<i64> = audits.iter().map(|a| a.id).collect();
        let mut findings = internal_audit_finding::Entity::find()
            .filter(internal_audit_finding::Column::AuditId.is_in(keys))
            .order_by_asc(internal_audit_finding::Column::Id)
            .all(&self.db)
            .await?;
        Ok(audits
            .into_iter()
            .map(|a| {
                let (mine, rest) = findings.drain(..).partition(|f| f.audit_id == a.id);
                findings = rest;
                let mine: Vec<internal_audit_finding::Model> = mine;
                audit_of(a, mine.into_iter().map(finding_of).collect()).audit
            })
            .collect())
    }

    pub async fn internal_audit(&self, public_id: &str) -> StoreResult<Option<AuditRecord>> {
        let Some(a) = internal_audit::Entity::find()
            .filter(internal_audit::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let findings = internal_audit_finding::Entity::find()
            .filter(internal_audit_finding::Column::AuditId.eq(a.id))
            .order_by_asc(internal_audit_finding::Column::Id)
            .all(&self.db)
            .await?;
        Ok(Some(audit_of(
            a,
            findings.into_iter().map(finding_of).collect(),
        )))
    }

    /// Adds an audit to the school's programme. Returns its id.
    pub async fn plan_internal_audit(
        &self,
        (school, school_id): (i64, &str),
        plan: &Plan,
        planned_by: &str,
        actor: &Actor,
    ) -> StoreResult<String> {
        let (starts_on, ends_on) = (day(&plan.starts_on)?, day(&plan.ends_on)?);
        let txn = self.write().await?;
        let id = uuid::Uuid::new_v4().to_string();
        internal_audit::ActiveModel {
            public_id: Set(id.clone()),
            school_id: Set(school),
            framework_id: Set(plan.framework.clone()),
            scope: Set(json(&plan.scope)?),
            auditors: Set(json(&plan.auditors)?),
            auditee_account: Set(plan.auditee.account.clone()),
            auditee_name: Set(plan.auditee.name.clone()),
            starts_on: Set(starts_on),
            ends_on: Set(ends_on),
            summary: Set(String::new()),
            closed_on: Set(None),
            planned_by: Set(planned_by.to_owned()),
            planned_at: Set(Utc::now()),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut c = Change::new(AuditAction::InternalAuditPlanned, "internal_audit", &id);
        c.school = Some(school_id.to_owned());
        c.after = Some(serde_json::json!({
            "framework": plan.framework, "scope": plan.scope,
            "starts_on": plan.starts_on, "ends_on": plan.ends_on,
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Records a finding of an open audit; a non-conformity also goes into
    /// the register, naming the audit. Returns the register entry's id.
    /// A closed audit takes no more findings (a conflict).
    pub async fn record_audit_finding(
        &self,
        found: &AuditRecord,
        school_id: &str,
        new: NewFinding<'_>,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<Option<String>> {
        let txn = self.write().await?;
        // Bump the version while open: a closing read before this finding
        // is then stale, and a finding after the closing is refused.
        let touched = internal_audit::Entity::update_many()
            .col_expr(
                internal_audit::Column::Version,
                Expr::col(internal_audit::Column::Version).add(1),
            )
            .filter(internal_audit::Column::Id.eq(found.key))
            .filter(internal_audit::Column::ClosedOn.is_null())
            .exec(&txn)
            .await?;
        if touched.rows_affected != 1 {
            return Err(StoreError::Conflict("internal audit"));
        }
        let audit = &found.audit;
        let raised = match new.kind.raises() {
            Some(severity) => Some(
                insert_nonconformity(
                    &txn,
                    (found.school_key, school_id),
                    &NewNonConformity {
                        framework: &audit.plan.framework,
                        indicator: new.indicator,
                        source: Source::InternalAudit,
                        severity,
                        finding: new.statement,
                        treatment: &Treatment::default(),
                        audit: Some(&audit.id),
                    },
                    by,
                    actor,
                )
                .await?,
            ),
            None => None,
        };
        internal_audit_finding::ActiveModel {
            audit_id: Set(found.key),
            indicator: Set(new.indicator.to_owned()),
            kind: Set(new.kind.as_str().to_owned()),
            statement: Set(new.statement.to_owned()),
            evidence: Set(new.evidence.to_owned()),
            nonconformity_id: Set(raised.clone()),
            recorded_by: Set(by.to_owned()),
            recorded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut c = Change::new(
            AuditAction::AuditFindingRecorded,
            "internal_audit",
            &audit.id,
        );
        c.school = Some(school_id.to_owned());
        c.after = Some(serde_json::json!({
            "indicator": new.indicator, "kind": new.kind.as_str(), "nonconformity": raised,
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(raised)
    }

    /// Closes an open audit with its summary on `today`, if it is still at
    /// `base_version`; otherwise someone changed it first.
    pub async fn close_internal_audit(
        &self,
        found: &AuditRecord,
        school_id: &str,
        (summary, today): (&str, NaiveDate),
        base_version: i32,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = internal_audit::Entity::update_many()
            .col_expr(
                internal_audit::Column::Summary,
                Expr::value(summary.to_owned()),
            )
            .col_expr(internal_audit::Column::ClosedOn, Expr::value(Some(today)))
            .col_expr(
                internal_audit::Column::Version,
                Expr::col(internal_audit::Column::Version).add(1),
            )
            .filter(internal_audit::Column::Id.eq(found.key))
            .filter(internal_audit::Column::Version.eq(base_version))
            .filter(internal_audit::Column::ClosedOn.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("internal audit"));
        }
        let mut c = Change::new(
            AuditAction::InternalAuditClosed,
            "internal_audit",
            &found.audit.id,
        );
        c.school = Some(school_id.to_owned());
        c.after = Some(serde_json::json!({ "closed_on": today.to_string() }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }
}
