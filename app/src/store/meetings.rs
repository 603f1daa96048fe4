//! What a cluster records over its year: meetings with each school's
//! attendance (the Flagship award reads it), and the annual update against
//! the framework's elements that the annual review starts from.

use super::audit::{record, Actor, Change};
use super::clusters::ClusterRecord;
use super::entity::{annual_update, cluster_meeting, cluster_school, meeting_attendance, school};
use super::{Store, StoreError, StoreResult};
use crate::domain::cluster::Membership;
use crate::domain::AuditAction;
use crate::model::{AnnualUpdateSection, MeetingView};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use std::collections::HashMap;

/// One element's part of the annual update, as written.
pub struct SectionText<'a> {
    pub element: &'a str,
    pub progress: &'a str,
    pub evidence: &'a str,
    pub next_steps: &'a str,
    /// The section's version the writer started from (0: none yet).
    pub base_version: i32,
}

impl Store {
    /// A meeting and which of the cluster's schools (keys) attended.
    pub async fn record_meeting(
        &self,
        cluster: &ClusterRecord,
        held_on: NaiveDate,
        agenda: &str,
        notes: &str,
        attended: &[i64],
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let members: Vec<i64> = cluster_school::Entity::find()
            .filter(cluster_school::Column::ClusterId.eq(cluster.key))
            .filter(cluster_school::Column::Status.eq(Membership::Member.as_str()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|m| m.school_id)
            .collect();
        let row = cluster_meeting::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            cluster_id: Set(cluster.key),
            held_on: Set(held_on),
            agenda: Set(agenda.to_owned()),
            notes: Set(notes.to_owned()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for school in &members {
            meeting_attendance::ActiveModel {
                meeting_id: Set(row.id),
                school_id: Set(*school),
                attended: Set(attended.contains(school)),
            }
            .insert(&txn)
            .await?;
        }
        let mut change = Change::new(AuditAction::MeetingRecorded, "cluster", &cluster.id);
        change.after = Some(serde_json::json!({
            "held_on": held_on.to_string(),
            "attended": attended.len(),
            "members": members.len(),
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(row.public_id)
    }

    /// The cluster's meetings, newest first, with attendance by school name.
    pub async fn meetings(&self, cluster: i64) -> StoreResult<Vec<MeetingView>> {
        let meetings = cluster_meeting::Entity::find()
            .filter(cluster_meeting::Column::ClusterId.eq(cluster))
            .order_by_desc(cluster_meeting::Column::HeldOn)
            .order_by_desc(cluster_meeting::Column::Id)
            .all(&self.db)
            .await?;
        let keys: Vec<i64> = meetings.iter().map(|m| m.id).collect();
        let attendance = meeting_attendance::Entity::find()
            .filter(meeting_attendance::Column::MeetingId.is_in(keys))
            .all(&self.db)
            .await?;
        let names: HashMap<i64, String> = school::Entity::find()
            .filter(school::Column::Id.is_in(attendance.iter().map(|a| a.school_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        Ok(meetings
            .into_iter()
            .map(|m| {
                let mut attended = Vec::new();
                let mut absent = Vec::new();
                for a in attendance.iter().filter(|a| a.meeting_id == m.id) {
                    let name = names.get(&a.school_id).cloned().unwrap_or_default();
                    if a.attended {
                        attended.push(name);
                    } else {
                        absent.push(name);
                    }
                }
                attended.sort();
                absent.sort();
                MeetingView {
                    held_on: m.held_on.to_string(),
                    agenda: m.agenda,
                    notes: m.notes,
                    attended,
                    absent,
                }
            })
            .collect())
    }

    /// Whether the school attended each cluster meeting held on or after
    /// `since` (every cluster it belongs to).
    pub async fn meeting_attendance(
        &self,
        school: i64,
        since: NaiveDate,
    ) -> StoreResult<Vec<bool>> {
        let sql = "SELECT a.attended AS attended FROM meeting_attendance a \
                   JOIN cluster_meeting m ON m.id = a.meeting_id \
                   WHERE a.school_id = ? AND m.held_on >= ?";
        let backend = self.db.get_database_backend();
        let values = vec![school.into(), since.into()];
        let rows = self
            .db
            .query_all_raw(super::sql::statement(backend, sql, values))
            .await?;
        rows.iter()
            .map(|row| Ok(row.try_get::<bool>("", "attended")?))
            .collect()
    }

    /// The cluster's annual update for `year`: one section per element
    /// written so far, and when it was submitted.
    pub async fn annual_update(
        &self,
        cluster: i64,
        year: i32,
    ) -> StoreResult<(Vec<AnnualUpdateSection>, Option<String>)> {
        let rows = annual_update::Entity::find()
            .filter(annual_update::Column::ClusterId.eq(cluster))
            .filter(annual_update::Column::Year.eq(year))
            .all(&self.db)
            .await?;
        let submitted = rows
            .iter()
            .filter_map(|r| r.submitted_at)
            .max()
            .map(super::rfc3339);
        Ok((
            rows.into_iter()
                .map(|r| AnnualUpdateSection {
                    element: r.element_id,
                    progress: r.progress,
                    evidence: r.evidence,
                    next_steps: r.next_steps,
                    edited_by: r.edited_by,
                    version: r.version,
                })
                .collect(),
            submitted,
        ))
    }

    /// Writes one element's section of this year's update (not once
    /// submitted), over the version the writer started from: someone
    /// else's newer words are never overwritten (`Conflict`). Returns the
    /// section's new version.
    pub async fn save_update_section(
        &self,
        cluster: &ClusterRecord,
        year: i32,
        text: SectionText<'_>,
        editor: &str,
        actor: &Actor,
    ) -> StoreResult<i32> {
        let txn = self.write().await?;
        // A submit in progress finishes first, and this save then sees it.
        super::lock_row(&txn, "cluster", cluster.key).await?;
        let existing = annual_update::Entity::find()
            .filter(annual_update::Column::ClusterId.eq(cluster.key))
            .filter(annual_update::Column::Year.eq(year))
            .all(&txn)
            .await?;
        if existing.iter().any(|r| r.submitted_at.is_some()) {
            return Err(StoreError::Conflict("annual update"));
        }
        let now = Utc::now();
        let version = match existing.into_iter().find(|r| r.element_id == text.element) {
            Some(row) if row.version == text.base_version => {
                let saved = annual_update::Entity::update_many()
                    .col_expr(annual_update::Column::Progress, Expr::value(text.progress))
                    .col_expr(annual_update::Column::Evidence, Expr::value(text.evidence))
                    .col_expr(
                        annual_update::Column::NextSteps,
                        Expr::value(text.next_steps),
                    )
                    .col_expr(annual_update::Column::EditedBy, Expr::value(editor))
                    .col_expr(annual_update::Column::UpdatedAt, Expr::value(now))
                    .col_expr(annual_update::Column::Version, Expr::value(row.version + 1))
                    .filter(annual_update::Column::Id.eq(row.id))
                    .filter(annual_update::Column::Version.eq(row.version))
                    .exec(&txn)
                    .await?;
                if saved.rows_affected != 1 {
                    return Err(StoreError::Conflict("annual update section"));
                }
                row.version + 1
            }
            None if text.base_version == 0 => {
                annual_update::ActiveModel {
                    cluster_id: Set(cluster.key),
                    year: Set(year),
                    element_id: Set(text.element.to_owned()),
                    progress: Set(text.progress.to_owned()),
                    evidence: Set(text.evidence.to_owned()),
                    next_steps: Set(text.next_steps.to_owned()),
                    edited_by: Set(editor.to_owned()),
                    updated_at: Set(now),
                    submitted_at: Set(None),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(&txn)
                .await
                .map_err(|e| {
                    match StoreError::unique(e, "annual update section") {
                        StoreError::Duplicate(what) => StoreError::Conflict(what),
                        other => other,
                    }
                })?;
                1
            }
            // Someone else saved this section since the writer read it.
            _ => return Err(StoreError::Conflict("annual update section")),
        };
        let mut change = Change::new(AuditAction::AnnualUpdateEdited, "cluster", &cluster.id);
        change.after = Some(serde_json::json!({ "year": year, "element": text.element }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(version)
    }

    /// The lead submits this year's update; it is read-only from then on.
    pub async fn submit_annual_update(
        &self,
        cluster: &ClusterRecord,
        year: i32,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        super::lock_row(&txn, "cluster", cluster.key).await?;
        let updated = annual_update::Entity::update_many()
            .col_expr(annual_update::Column::SubmittedAt, Expr::value(Utc::now()))
            .filter(annual_update::Column::ClusterId.eq(cluster.key))
            .filter(annual_update::Column::Year.eq(year))
            .filter(annual_update::Column::SubmittedAt.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected == 0 {
            return Err(StoreError::Conflict("annual update"));
        }
        let mut change = Change::new(AuditAction::AnnualUpdateSubmitted, "cluster", &cluster.id);
        change.after = Some(serde_json::json!({ "year": year }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// How many clusters a school is a member of, and the annual updates
    /// for `year` that those clusters have submitted: (cluster name,
    /// sections). One query.
    pub async fn clusters_and_updates(
        &self,
        school: i64,
        year: i32,
    ) -> StoreResult<(usize, Vec<(String, Vec<AnnualUpdateSection>)>)> {
        // Each cluster the school is a member of, with every section of
        // its update for the year (none: one row of nulls).
        let sql = "SELECT cs.cluster_id AS cluster_key, c.name AS cluster_name, \
                   u.id AS section_key, u.element_id, u.progress, u.evidence, u.next_steps, \
                   u.edited_by, u.submitted_at FROM cluster_school cs \
                   JOIN cluster c ON c.id = cs.cluster_id \
                   LEFT JOIN annual_update u ON u.cluster_id = cs.cluster_id AND u.year = ? \
                   WHERE cs.school_id = ? AND cs.status = ? ORDER BY cs.cluster_id, u.id";
        let backend = self.db.get_database_backend();
        let values = vec![
            year.into(),
            school.into(),
            Membership::Member.as_str().into(),
        ];
        let rows = self
            .db
            .query_all_raw(super::sql::statement(backend, sql, values))
            .await?;
        let mut clusters: Vec<(i64, String, Vec<AnnualUpdateSection>, bool)> = Vec::new();
        for row in &rows {
            let key = super::sql::number(row, "cluster_key");
            if clusters.last().is_none_or(|(k, ..)| *k != key) {
                clusters.push((
                    key,
                    super::sql::text(row, "cluster_name"),
                    Vec::new(),
                    false,
                ));
            }
            if row.try_get::<Option<i64>>("", "section_key")?.is_none() {
                continue;
            }
            let submitted = row
                .try_get::<Option<chrono::DateTime<Utc>>>("", "submitted_at")?
                .is_some();
            if let Some((_, _, sections, any_submitted)) = clusters.last_mut() {
                *any_submitted |= submitted;
                sections.push(AnnualUpdateSection {
                    element: super::sql::text(row, "element_id"),
                    progress: super::sql::text(row, "progress"),
                    evidence: super::sql::text(row, "evidence"),
                    next_steps: super::sql::text(row, "next_steps"),
                    edited_by: super::sql::text(row, "edited_by"),
                    version: 0,
                });
            }
        }
        let member_of = clusters.len();
        let submitted = clusters
            .into_iter()
            .filter(|(.., submitted)| *submitted)
            .map(|(_, name, sections, _)| (name, sections))
            .collect();
        Ok((member_of, submitted))
    }
}
