//! Appeals against signed-off decisions: lodged by the school, assigned by
//! an admin to an assessor who had no part in the review, decided by them.

use super::audit::{record, Actor, Change};
use super::entity::appeal;
use super::review_work::{grant_award, Grant};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::appeal::{Appeal, AppealOutcome};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// An appeal with the keys its checks need.
#[derive(Clone, Debug)]
pub struct AppealRecord {
    pub key: i64,
    pub appeal: Appeal,
    pub review: i64,
    pub lead: i64,
    pub second: Option<i64>,
    pub assessor: Option<i64>,
    pub school_key: i64,
    pub school_id: String,
    pub framework: (String, String),
}

/// How an appeal is decided.
pub struct AppealDecision<'a> {
    pub outcome: AppealOutcome,
    pub note: &'a str,
    /// With an upheld appeal: the award to grant (id, title) from `today`.
    pub award: Option<(&'a str, &'a str)>,
    pub today: NaiveDate,
}

const SELECT: &str =
    "SELECT a.id AS appeal_key, a.public_id AS id, a.grounds AS grounds, a.lodged_by AS lodged_by, \
    a.lodged_at AS lodged_at, a.assessor_id AS assessor_key, a.outcome AS outcome, a.note AS note, \
    a.award AS award, a.decided_at AS decided_at, r.id AS review_key, r.lead_assessor_id AS lead, \
    r.second_assessor_id AS second, sa.public_id AS assessment, sa.framework_id AS framework_id, \
    sa.framework_version AS framework_version, s.id AS school_key, s.public_id AS school_id, \
    s.name AS school_name, acc.display_name AS assessor_name \
    FROM appeal a JOIN review r ON r.id = a.review_id \
    JOIN self_assessment sa ON sa.id = r.assessment_id JOIN school s ON s.id = sa.school_id \
    LEFT JOIN account acc ON acc.id = a.assessor_id";

fn record_of(row: &sea_orm::QueryResult) -> StoreResult<AppealRecord> {
    use super::sql::{number, text};
    let time = |column: &str| -> StoreResult<Option<String>> {
        Ok(row
            .try_get::<Option<chrono::DateTime<Utc>>>("", column)?
            .map(rfc3339))
    };
    let assessor = row.try_get::<Option<i64>>("", "assessor_key")?;
    Ok(AppealRecord {
        key: number(row, "appeal_key"),
        review: number(row, "review_key"),
        lead: number(row, "lead"),
        second: row.try_get::<Option<i64>>("", "second")?,
        assessor,
        school_key: number(row, "school_key"),
        school_id: text(row, "school_id"),
        framework: (text(row, "framework_id"), text(row, "framework_version")),
        appeal: Appeal {
            id: text(row, "id"),
            assessment: text(row, "assessment"),
            school_name: text(row, "school_name"),
            grounds: text(row, "grounds"),
            lodged_by: text(row, "lodged_by"),
            lodged_at: time("lodged_at")?.unwrap_or_default(),
            assessor: assessor.map(|_| text(row, "assessor_name")),
            outcome: AppealOutcome::parse(&text(row, "outcome")),
            note: text(row, "note"),
            award: row.try_get::<Option<String>>("", "award")?,
            decided_at: time("decided_at")?,
        },
    })
}

impl Store {
    async fn appeals_where(
        &self,
        filter: &str,
        values: Vec<sea_orm::Value>,
    ) -> StoreResult<Vec<AppealRecord>> {
        let backend = self.db.get_database_backend();
        let sql = format!("{SELECT} {filter} ORDER BY a.id DESC");
        let rows = self
            .db
            .query_all_raw(super::sql::statement(backend, &sql, values))
            .await?;
        rows.iter().map(record_of).collect()
    }

    /// Every appeal, newest first.
    pub async fn appeals(&self) -> StoreResult<Vec<AppealRecord>> {
        self.appeals_where("", Vec::new()).await
    }

    pub async fn appeal(&self, public_id: &str) -> StoreResult<Option<AppealRecord>> {
        Ok(self
            .appeals_where("WHERE a.public_id = ?", vec![public_id.into()])
            .await?
            .pop())
    }

    pub async fn appeal_of_review(&self, review: i64) -> StoreResult<Option<AppealRecord>> {
        Ok(self
            .appeals_where("WHERE a.review_id = ?", vec![review.into()])
            .await?
            .pop())
    }

    /// Lodges the school's appeal against a review's decision; a second
    /// appeal against the same review is a duplicate.
    pub async fn lodge_appeal(
        &self,
        review: i64,
        school: &str,
        grounds: &str,
        lodged_by: &str,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let id = uuid::Uuid::new_v4().to_string();
        appeal::ActiveModel {
            public_id: Set(id.clone()),
            review_id: Set(review),
            grounds: Set(grounds.to_owned()),
            lodged_by: Set(lodged_by.to_owned()),
            lodged_at: Set(Utc::now()),
            note: Set(String::new()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| StoreError::unique(e, "appeal"))?;
        let mut c = Change::new(AuditAction::AppealLodged, "appeal", &id);
        c.school = Some(school.to_owned());
        c.after = Some(serde_json::json!({ "grounds_chars": grounds.chars().count() }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Gives an undecided appeal to an assessor.
    pub async fn assign_appeal(
        &self,
        found: &AppealRecord,
        assessor: i64,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = appeal::Entity::update_many()
            .col_expr(
                appeal::Column::AssessorId,
                sea_orm::sea_query::Expr::value(assessor),
            )
            .filter(appeal::Column::Id.eq(found.key))
            .filter(appeal::Column::Outcome.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("appeal"));
        }
        let mut c = Change::new(AuditAction::AppealAssigned, "appeal", &found.appeal.id);
        c.school = Some(found.school_id.clone());
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Records the outcome of an undecided appeal; an upheld one may grant
    /// an award. Returns the new certificate's code, if any.
    pub async fn decide_appeal(
        &self,
        found: &AppealRecord,
        decision: AppealDecision<'_>,
        actor: &Actor,
    ) -> StoreResult<Option<String>> {
        let txn = self.write().await?;
        let award = decision
            .award
            .filter(|_| decision.outcome == AppealOutcome::Upheld);
        let updated = appeal::Entity::update_many()
            .col_expr(
                appeal::Column::Outcome,
                sea_orm::sea_query::Expr::value(decision.outcome.as_str()),
            )
            .col_expr(
                appeal::Column::Note,
                sea_orm::sea_query::Expr::value(decision.note),
            )
            .col_expr(
                appeal::Column::Award,
                sea_orm::sea_query::Expr::value(award.map(|(id, _)| id.to_owned())),
            )
            .col_expr(
                appeal::Column::DecidedAt,
                sea_orm::sea_query::Expr::value(Utc::now()),
            )
            .filter(appeal::Column::Id.eq(found.key))
            .filter(appeal::Column::Outcome.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("appeal"));
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
                let mut context = serde_json::json!({ "appeal": found.appeal.id });
                Some(grant_award(&txn, grant, &mut context, actor).await?)
            }
            None => None,
        };
        let mut c = Change::new(AuditAction::AppealDecided, "appeal", &found.appeal.id);
        c.school = Some(found.school_id.clone());
        c.after = Some(serde_json::json!({
            "outcome": decision.outcome.as_str(), "award": award.map(|(id, _)| id), "certificate": code,
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(code)
    }
}
