//! Awards: granted at sign-off, held by schools, checked by their
//! certificate code, revoked by an admin.

use super::audit::{record, Actor, Change};
use super::entity::{award, school};
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::Cycle;
use crate::domain::calendar::CycleStep;
use crate::domain::review::{AwardChange, AwardTerm};
use crate::domain::AuditAction;
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// An award as stored, with its school.
#[derive(Clone, Debug)]
pub struct AwardRecord {
    pub code: String,
    pub school_key: i64,
    pub framework_id: String,
    pub framework_version: String,
    pub term: AwardTerm,
    /// Why it was last suspended, reinstated or revoked.
    pub status_reason: String,
}

pub(super) fn award_of(m: award::Model) -> AwardRecord {
    AwardRecord {
        code: m.code,
        school_key: m.school_id,
        framework_id: m.framework_id,
        framework_version: m.framework_version,
        term: AwardTerm {
            award: m.award_id,
            granted_on: m.granted_on.to_string(),
            valid_until: m.valid_until.to_string(),
            revoked: m.revoked_at.is_some(),
            suspended: m.suspended_at.is_some(),
        },
        status_reason: m.status_reason,
    }
}

/// What the award rules read about a school besides its scores.
pub struct AwardStanding {
    /// The school's own awards, newest first.
    pub own: Vec<AwardTerm>,
    /// The awards of each school it shares a cluster with, by school key.
    pub mates: std::collections::BTreeMap<i64, Vec<AwardTerm>>,
    /// Whether it is a member of a cluster.
    pub cluster_member: bool,
    /// Whether it attended each of its clusters' meetings since the day asked.
    pub attendance: Vec<bool>,
    /// Its clusters' annual updates for the year asked, once submitted:
    /// (cluster name, sections).
    pub submitted_updates: Vec<(String, Vec<crate::model::AnnualUpdateSection>)>,
}

pub fn day_of(date: NaiveDate) -> crate::domain::calendar::Day {
    use chrono::Datelike;
    crate::domain::calendar::Day::from_ymd(date.year(), date.month(), date.day())
}

pub(super) fn random_u64() -> u64 {
    let bytes = *uuid::Uuid::new_v4().as_bytes();
    let mut half = [0u8; 8];
    half.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(half)
}

/// Awards and certificates.
impl Store {
    /// Records an award directly (demo data and imports of earlier awards).
    pub async fn record_award(
        &self,
        school: i64,
        framework: (&str, &str),
        award_id: &str,
        granted_on: NaiveDate,
        valid_until: NaiveDate,
    ) -> StoreResult<String> {
        let code = crate::domain::review::certificate_code(random_u64());
        award::ActiveModel {
            code: Set(code.clone()),
            school_id: Set(school),
            review_id: Set(None),
            framework_id: Set(framework.0.to_owned()),
            framework_version: Set(framework.1.to_owned()),
            award_id: Set(award_id.to_owned()),
            granted_on: Set(granted_on),
            valid_until: Set(valid_until),
            revoked_at: Set(None),
            suspended_at: Set(None),
            status_reason: Set(String::new()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await?;
        Ok(code)
    }

    /// A school's awards, newest first.
    pub async fn awards_of(&self, school: i64) -> StoreResult<Vec<AwardRecord>> {
        Ok(award::Entity::find()
            .filter(award::Column::SchoolId.eq(school))
            .order_by_desc(award::Column::GrantedOn)
            .all(&self.db)
            .await?
            .into_iter()
            .map(award_of)
            .collect())
    }

    /// What the award rules read about a school besides its scores (see
    /// [`AwardStanding`]): three queries.
    pub async fn award_standing(
        &self,
        school: i64,
        attendance_since: NaiveDate,
        year: i32,
    ) -> StoreResult<AwardStanding> {
        // The school's awards and those of every school sharing a cluster with it.
        let sql = "SELECT * FROM award WHERE school_id = ? OR school_id IN (\
                   SELECT other.school_id FROM cluster_school mine \
                   JOIN cluster_school other ON other.cluster_id = mine.cluster_id \
                   AND other.status = ? WHERE mine.school_id = ? AND mine.status = ?) \
                   ORDER BY granted_on DESC";
        let member = crate::domain::cluster::Membership::Member.as_str();
        let backend = self.db.get_database_backend();
        let values = vec![school.into(), member.into(), school.into(), member.into()];
        let mut own = Vec::new();
        let mut mates: std::collections::BTreeMap<i64, Vec<AwardTerm>> = Default::default();
        for found in award::Entity::find()
            .from_raw_sql(super::sql::statement(backend, sql, values))
            .all(&self.db)
            .await?
        {
            let found = award_of(found);
            if found.school_key == school {
                own.push(found.term);
            } else {
                mates.entry(found.school_key).or_default().push(found.term);
            }
        }
        let attendance = self.meeting_attendance(school, attendance_since).await?;
        let (clusters, submitted_updates) = self.clusters_and_updates(school, year).await?;
        Ok(AwardStanding {
            own,
            mates,
            cluster_member: clusters > 0,
            attendance,
            submitted_updates,
        })
    }

    /// Every award not revoked, oldest first, for the calendar: one that
    /// has run out is kept, so its overdue re-accreditation shows.
    pub async fn unrevoked_awards(&self) -> StoreResult<Vec<AwardRecord>> {
        Ok(award::Entity::find()
            .filter(award::Column::RevokedAt.is_null())
            .order_by_asc(award::Column::GrantedOn)
            .all(&self.db)
            .await?
            .into_iter()
            .map(award_of)
            .collect())
    }

    pub async fn award_by_code(&self, code: &str) -> StoreResult<Option<AwardRecord>> {
        Ok(award::Entity::find()
            .filter(award::Column::Code.eq(code))
            .one(&self.db)
            .await?
            .map(award_of))
    }

    /// Suspends, reinstates or revokes an award, with the reason: its
    /// certificate then says so, and the school's current award follows.
    /// A change that does not apply to the award's state is a conflict.
    pub async fn change_award(
        &self,
        code: &str,
        change: AwardChange,
        reason: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        self.change_award_in(&txn, code, change, reason, actor)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// [`Store::change_award`] within the caller's transaction.
    pub(super) async fn change_award_in(
        &self,
        txn: &impl ConnectionTrait,
        code: &str,
        change: AwardChange,
        reason: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let found = award::Entity::find()
            .filter(award::Column::Code.eq(code))
            .one(txn)
            .await?
            .ok_or(StoreError::NotFound("award"))?;
        if !change.applies(found.revoked_at.is_some(), found.suspended_at.is_some()) {
            return Err(StoreError::Conflict("award"));
        }
        let now = Utc::now();
        let (action, revoked_at, suspended_at) = match change {
            AwardChange::Suspend => (AuditAction::AwardSuspended, None, Some(now)),
            AwardChange::Reinstate => (AuditAction::AwardReinstated, None, None),
            AwardChange::Revoke => (AuditAction::AwardRevoked, Some(now), found.suspended_at),
        };
        award::ActiveModel {
            id: Set(found.id),
            revoked_at: Set(revoked_at),
            suspended_at: Set(suspended_at),
            status_reason: Set(reason.to_owned()),
            ..Default::default()
        }
        .update(txn)
        .await?;
        // The school's current award is this one while it stands.
        let school = school::Entity::find_by_id(found.school_id)
            .one(txn)
            .await?
            .ok_or(StoreError::NotFound("school"))?;
        let is_current = school.award_since == Some(found.granted_on)
            && school.award_until == Some(found.valid_until);
        if change == AwardChange::Reinstate {
            let fw = self
                .framework(&found.framework_id, &found.framework_version)
                .await?;
            let title = fw
                .award(&found.award_id)
                .map(|a| fw.text(&a.title, &fw.default_language).to_owned())
                .unwrap_or_else(|| found.award_id.clone());
            school::ActiveModel {
                id: Set(school.id),
                current_award: Set(Some(title)),
                award_since: Set(Some(found.granted_on)),
                award_until: Set(Some(found.valid_until)),
                ..Default::default()
            }
            .update(txn)
            .await?;
        } else if is_current {
            school::ActiveModel {
                id: Set(school.id),
                current_award: Set(None),
                ..Default::default()
            }
            .update(txn)
            .await?;
        }
        let mut c = Change::new(action, "award", code);
        c.after = Some(serde_json::json!({ "reason": reason }));
        record(txn, actor, c).await?;
        Ok(())
    }

    /// Each school's submitted self-assessments: (school key, cycle,
    /// submitted on, how far it got). One returned to the school, or whose
    /// standard was found not met, is left out: that cycle is still to do.
    /// `only_school` limits them to one school's.
    pub async fn submitted_cycles(
        &self,
        only_school: Option<i64>,
    ) -> StoreResult<Vec<(i64, Cycle, NaiveDate, CycleStep)>> {
        use crate::domain::assessment::Status;
        use crate::domain::review::Outcome;
        let mut sql = "SELECT sa.school_id AS school_key, sa.cycle AS cycle, sa.submitted_at AS submitted_at, \
                   r.outcome AS outcome FROM self_assessment sa LEFT JOIN review r ON r.assessment_id = sa.id \
                   WHERE sa.submitted_at IS NOT NULL AND sa.status = ?"
            .to_owned();
        let backend = self.db.get_database_backend();
        let mut values: Vec<sea_orm::Value> = vec![Status::Submitted.as_str().into()];
        if let Some(school) = only_school {
            sql.push_str(" AND sa.school_id = ?");
            values.push(school.into());
        }
        let rows = self
            .db
            .query_all_raw(super::sql::statement(backend, &sql, values))
            .await?;
        let mut cycles = Vec::new();
        for row in &rows {
            let Some(cycle) = Cycle::parse(&super::sql::text(row, "cycle")) else {
                continue;
            };
            let submitted = row.try_get::<chrono::DateTime<Utc>>("", "submitted_at")?;
            let step = match Outcome::parse(&super::sql::text(row, "outcome")) {
                Some(Outcome::Granted) => CycleStep::Confirmed,
                Some(Outcome::NotMet) => continue,
                Some(Outcome::Deferred) | None => CycleStep::InReview,
            };
            cycles.push((
                super::sql::number(row, "school_key"),
                cycle,
                submitted.date_naive(),
                step,
            ));
        }
        Ok(cycles)
    }
}
