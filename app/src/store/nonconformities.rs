//! A school's register of non-conformities: raised, treated (a stale edit
//! is refused) and closed, each step audited.

use super::audit::{record, Actor, Change};
use super::entity::nonconformity;
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::nonconformity::{NonConformity, Severity, Source, Treatment};
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

/// An entry with the school it belongs to.
#[derive(Clone, Debug)]
pub struct NonConformityRecord {
    pub key: i64,
    pub school_key: i64,
    pub entry: NonConformity,
}

fn due_date(day: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn entry_of(m: nonconformity::Model) -> NonConformityRecord {
    NonConformityRecord {
        key: m.id,
        school_key: m.school_id,
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
        },
    }
}

impl Store {
    /// A school's register: open entries first, newest first within each.
    pub async fn nonconformities(&self, school: i64) -> StoreResult<Vec<NonConformity>> {
        let mut rows: Vec<NonConformity> = nonconformity::Entity::find()
            .filter(nonconformity::Column::SchoolId.eq(school))
            .order_by_desc(nonconformity::Column::RaisedAt)
            .order_by_desc(nonconformity::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| entry_of(m).entry)
            .collect();
        rows.sort_by_key(|nc| !nc.is_open());
        Ok(rows)
    }

    pub async fn nonconformity(&self, public_id: &str) -> StoreResult<Option<NonConformityRecord>> {
        Ok(nonconformity::Entity::find()
            .filter(nonconformity::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(entry_of))
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
    /// is still at `base_version`; otherwise someone saved it first.
    pub async fn treat_nonconformity(
        &self,
        found: &NonConformityRecord,
        school_id: &str,
        (treatment, close): (&Treatment, bool),
        base_version: i32,
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
        txn.commit().await?;
        Ok(())
    }
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
