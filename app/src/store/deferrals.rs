//! Deferrals' follow-up: opened when a deferred decision is signed off,
//! answered by the school, decided by a certification admin.

use super::audit::{record, Actor, Change};
use super::entity::deferral;
use super::review_work::{grant_award, Grant};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::deferral::{Deferral, FollowUpOutcome};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A deferral with the keys its checks need.
#[derive(Clone, Debug)]
pub struct DeferralRecord {
    pub key: i64,
    pub deferral: Deferral,
    pub review: i64,
    pub school_key: i64,
    pub school_id: String,
    pub framework: (String, String),
    /// The award the school aimed for.
    pub target_award: String,
}

/// How a follow-up is decided.
pub struct FollowUpDecision<'a> {
    pub outcome: FollowUpOutcome,
    pub note: &'a str,
    /// When met: the award to grant (id, title) from `today`.
    pub award: Option<(&'a str, &'a str)>,
    pub today: NaiveDate,
}

const SELECT: &str =
    "SELECT d.id AS deferral_key, d.public_id AS id, d.due_on AS due_on, d.response AS response, \
    d.responded_by AS responded_by, d.responded_at AS responded_at, d.outcome AS outcome, \
    d.award AS award, d.note AS note, d.decided_at AS decided_at, r.id AS review_key, \
    r.conditions AS conditions, sa.public_id AS assessment, sa.framework_id AS framework_id, \
    sa.framework_version AS framework_version, sa.target_award AS target_award, \
    s.id AS school_key, s.public_id AS school_id, s.name AS school_name \
    FROM deferral d JOIN review r ON r.id = d.review_id \
    JOIN self_assessment sa ON sa.id = r.assessment_id JOIN school s ON s.id = sa.school_id";

fn record_of(row: &sea_orm::QueryResult) -> StoreResult<DeferralRecord> {
    use super::sql::{number, text};
    let time = |column: &str| -> StoreResult<Option<String>> {
        Ok(row
            .try_get::<Option<chrono::DateTime<Utc>>>("", column)?
            .map(rfc3339))
    };
    let due_on: NaiveDate = row.try_get("", "due_on")?;
    Ok(DeferralRecord {
        key: number(row, "deferral_key"),
        review: number(row, "review_key"),
        school_key: number(row, "school_key"),
        school_id: text(row, "school_id"),
        framework: (text(row, "framework_id"), text(row, "framework_version")),
        target_award: text(row, "target_award"),
        deferral: Deferral {
            id: text(row, "id"),
            assessment: text(row, "assessment"),
            school_name: text(row, "school_name"),
            conditions: text(row, "conditions"),
            due_on: due_on.to_string(),
            response: text(row, "response"),
            responded_by: text(row, "responded_by"),
            responded_at: time("responded_at")?,
            outcome: FollowUpOutcome::parse(&text(row, "outcome")),
            award: row.try_get::<Option<String>>("", "award")?,
            note: text(row, "note"),
            decided_at: time("decided_at")?,
        },
    })
}

impl Store {
    async fn deferrals_where(
        &self,
        filter: &str,
        values: Vec<sea_orm::Value>,
    ) -> StoreResult<Vec<DeferralRecord>> {
        let backend = self.db.get_database_backend();
        let sql = format!("{SELECT} {filter} ORDER BY d.due_on, d.id");
        let rows = self
            .db
            .query_all_raw(super::sql::statement(backend, &sql, values))
            .await?;
        rows.iter().map(record_of).collect()
    }

    /// Every deferral, soonest due first.
    pub async fn deferrals(&self) -> StoreResult<Vec<DeferralRecord>> {
        self.deferrals_where("", Vec::new()).await
    }

    pub async fn deferral(&self, public_id: &str) -> StoreResult<Option<DeferralRecord>> {
        Ok(self
            .deferrals_where("WHERE d.public_id = ?", vec![public_id.into()])
            .await?
            .pop())
    }

    pub async fn deferral_of_review(&self, review: i64) -> StoreResult<Option<DeferralRecord>> {
        Ok(self
            .deferrals_where("WHERE d.review_id = ?", vec![review.into()])
            .await?
            .pop())
    }

    /// Keeps the school's answer to the conditions of an undecided deferral.
    pub async fn answer_conditions(
        &self,
        found: &DeferralRecord,
        response: &str,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = deferral::Entity::update_many()
            .col_expr(deferral::Column::Response, Expr::value(response))
            .col_expr(deferral::Column::RespondedBy, Expr::value(by))
            .col_expr(deferral::Column::RespondedAt, Expr::value(Utc::now()))
            .filter(deferral::Column::Id.eq(found.key))
            .filter(deferral::Column::Outcome.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("deferral"));
        }
        let mut c = Change::new(
            AuditAction::ConditionsAnswered,
            "deferral",
            &found.deferral.id,
        );
        c.school = Some(found.school_id.clone());
        c.after = Some(serde_json::json!({ "response_chars": response.chars().count() }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Records whether the conditions of an undecided deferral were met;
    /// met grants the award. Returns the new certificate's code, if any.
    pub async fn decide_conditions(
        &self,
        found: &DeferralRecord,
        decision: FollowUpDecision<'_>,
        actor: &Actor,
    ) -> StoreResult<Option<String>> {
        let txn = self.write().await?;
        let award = decision
            .award
            .filter(|_| decision.outcome == FollowUpOutcome::Met);
        let updated = deferral::Entity::update_many()
            .col_expr(
                deferral::Column::Outcome,
                Expr::value(decision.outcome.as_str()),
            )
            .col_expr(deferral::Column::Note, Expr::value(decision.note))
            .col_expr(
                deferral::Column::Award,
                Expr::value(award.map(|(id, _)| id.to_owned())),
            )
            .col_expr(deferral::Column::DecidedAt, Expr::value(Utc::now()))
            .filter(deferral::Column::Id.eq(found.key))
            .filter(deferral::Column::Outcome.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("deferral"));
        }
        let code = match award {
            Some((award, award_title)) => {
                let grant = Grant {
                    school: found.school_key,
                    review: found.review,
                    framework: (&found.framework.0, &found.framework.1),
                    award,
                    award_title,
                    today: decision.today,
                };
                let mut context = serde_json::json!({ "deferral": found.deferral.id });
                Some(grant_award(&txn, grant, &mut context, actor).await?)
            }
            None => None,
        };
        let mut c = Change::new(
            AuditAction::ConditionsDecided,
            "deferral",
            &found.deferral.id,
        );
        c.school = Some(found.school_id.clone());
        c.after = Some(serde_json::json!({
            "outcome": decision.outcome.as_str(), "award": award.map(|(id, _)| id), "certificate": code,
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(code)
    }
}
