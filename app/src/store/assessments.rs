//! Self-assessments, element assignments and responses.

use super::audit::{record, Actor, Change};
use super::entity::{
    account, element_assignment, evidence, evidence_indicator, response, self_assessment,
};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::assessment::{Cycle, EvidenceItem, EvidenceKind, Response, Status};
use crate::domain::review::ReviewStatus;
use crate::domain::AuditAction;
use crate::model::Assignee;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::BTreeMap;

use super::records::record_of;
pub use super::records::AssessmentRecord;

/// A self-assessment with what its pages show around it: its school, its
/// review (if it has one), and the school's latest earlier self-assessment
/// on the same framework (for the year-over-year comparison).
pub struct AssessmentInContext {
    pub assessment: AssessmentRecord,
    pub school: super::schools::SchoolRecord,
    pub review: Option<ReviewDetails>,
    pub earlier: Option<AssessmentRecord>,
}

/// A review with its assessors' names and, once it is closed, the
/// certificate of the award it granted (if it granted one).
pub struct ReviewDetails {
    pub record: super::records::ReviewRecord,
    pub lead_name: String,
    /// The second assessor's name, when there is one.
    pub second_name: Option<String>,
    pub certificate: Option<String>,
}

/// The one statement behind [`AssessmentInContext`], found by `by` (a
/// public id column).
fn in_context_sql(by: &str) -> String {
    use super::entity::{review, school};
    use super::sql::columns;
    format!(
        "SELECT {a}, {s}, {r}, {e}, l.display_name AS lead_name, \
         m.display_name AS second_name, \
         (SELECT MIN(w.code) FROM award w WHERE w.review_id = r.id) AS certificate \
         FROM self_assessment a JOIN school s ON s.id = a.school_id \
         LEFT JOIN review r ON r.assessment_id = a.id \
         LEFT JOIN account l ON l.id = r.lead_assessor_id \
         LEFT JOIN account m ON m.id = r.second_assessor_id \
         LEFT JOIN self_assessment e ON e.id = (SELECT MAX(k.id) FROM self_assessment k \
         WHERE k.school_id = a.school_id AND k.framework_id = a.framework_id AND k.id < a.id) \
         WHERE {by} = ?",
        a = columns::<self_assessment::Entity>("a", "a_"),
        s = columns::<school::Entity>("s", "s_"),
        r = columns::<review::Entity>("r", "r_"),
        e = columns::<self_assessment::Entity>("e", "e_"),
    )
}

static IN_CONTEXT_BY_ASSESSMENT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| in_context_sql("a.public_id"));
static IN_CONTEXT_BY_REVIEW: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| in_context_sql("r.public_id"));

/// Refuses changes to a submitted self-assessment. The row is locked and
/// its status read inside the caller's (write) transaction, so a change
/// racing a submission cannot slip in after it.
pub(super) async fn ensure_editable(
    db: &impl sea_orm::ConnectionTrait,
    key: i64,
) -> StoreResult<()> {
    super::lock_row(db, "self_assessment", key).await?;
    let status = self_assessment::Entity::find_by_id(key)
        .one(db)
        .await?
        .and_then(|a| Status::parse(&a.status))
        .ok_or(StoreError::NotFound("self-assessment"))?;
    if status.is_editable() {
        Ok(())
    } else {
        Err(StoreError::Closed)
    }
}

fn response_of(m: response::Model) -> Response {
    Response {
        indicator: m.indicator_id,
        level: m.level,
        narrative: m.narrative,
        version: u32::try_from(m.version).unwrap_or(0),
        updated_by: m.updated_by,
        updated_at: rfc3339(m.updated_at),
        carried_from: m.carried_from,
    }
}

/// What to start: a cycle against a framework version, aiming at an award.
pub struct NewAssessment<'a> {
    pub school: (i64, &'a str),
    pub framework_id: &'a str,
    pub framework_version: &'a str,
    pub cycle: Cycle,
    pub target_award: &'a str,
    pub started_by: i64,
}

/// A response as typed, with the version it was based on (0 for a new one).
pub struct ResponseEdit<'a> {
    pub indicator: &'a str,
    pub level: Option<&'a str>,
    pub narrative: &'a str,
    pub base_version: u32,
}

impl Store {
    /// Starts a self-assessment in draft. Returns its public id.
    pub async fn start_assessment(
        &self,
        new: NewAssessment<'_>,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let row = self_assessment::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            school_id: Set(new.school.0),
            framework_id: Set(new.framework_id.to_owned()),
            framework_version: Set(new.framework_version.to_owned()),
            cycle: Set(new.cycle.as_str().to_owned()),
            target_award: Set(new.target_award.to_owned()),
            status: Set(Status::Draft.as_str().to_owned()),
            started_by: Set(Some(new.started_by)),
            created_at: Set(Utc::now()),
            submitted_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        // A later cycle starts from the last one's answers and evidence.
        let carried_from = if new.cycle == Cycle::Initial {
            None
        } else {
            let fw = self
                .framework(new.framework_id, new.framework_version)
                .await?;
            super::carry_forward::carry_forward(&txn, new.school.0, row.id, &fw).await?
        };
        let mut change = Change::new(
            AuditAction::AssessmentStarted,
            "self_assessment",
            &row.public_id,
        );
        change.school = Some(new.school.1.to_owned());
        change.after = Some(serde_json::json!({
            "framework": format!("{}@{}", new.framework_id, new.framework_version),
            "cycle": new.cycle.as_str(),
            "target_award": new.target_award,
            "carried_from": carried_from,
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(row.public_id)
    }

    /// A school's self-assessments, newest first.
    pub async fn assessments_of(&self, school: i64) -> StoreResult<Vec<AssessmentRecord>> {
        Ok(self_assessment::Entity::find()
            .filter(self_assessment::Column::SchoolId.eq(school))
            .order_by_desc(self_assessment::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(record_of)
            .collect())
    }

    /// One self-assessment by public id.
    pub async fn assessment(&self, public_id: &str) -> StoreResult<Option<AssessmentRecord>> {
        Ok(self_assessment::Entity::find()
            .filter(self_assessment::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .and_then(record_of))
    }

    /// One self-assessment by public id, with its school, in one query.
    pub async fn assessment_with_school(
        &self,
        public_id: &str,
    ) -> StoreResult<Option<(AssessmentRecord, super::schools::SchoolRecord)>> {
        self.assessment_and_school(self_assessment::Column::PublicId.eq(public_id))
            .await
    }

    /// One self-assessment by key, with its school, in one query.
    pub async fn assessment_with_school_by_key(
        &self,
        key: i64,
    ) -> StoreResult<Option<(AssessmentRecord, super::schools::SchoolRecord)>> {
        self.assessment_and_school(self_assessment::Column::Id.eq(key))
            .await
    }

    async fn assessment_and_school(
        &self,
        condition: sea_orm::sea_query::SimpleExpr,
    ) -> StoreResult<Option<(AssessmentRecord, super::schools::SchoolRecord)>> {
        let found = self_assessment::Entity::find()
            .filter(condition)
            .find_also_related(super::entity::school::Entity)
            .one(&self.db)
            .await?;
        Ok(found.and_then(|(assessment, school)| {
            Some((
                record_of(assessment)?,
                super::schools::school_record(school?),
            ))
        }))
    }

    /// A self-assessment in context (see [`AssessmentInContext`]) by its
    /// public id, in one statement.
    pub async fn assessment_in_context(
        &self,
        public_id: &str,
    ) -> StoreResult<Option<AssessmentInContext>> {
        self.in_context(&IN_CONTEXT_BY_ASSESSMENT, public_id).await
    }

    /// A review and its self-assessment in context, by the review's public
    /// id, in one statement.
    pub async fn review_in_context(
        &self,
        public_id: &str,
    ) -> StoreResult<Option<(ReviewDetails, AssessmentInContext)>> {
        let Some(mut found) = self.in_context(&IN_CONTEXT_BY_REVIEW, public_id).await? else {
            return Ok(None);
        };
        Ok(found.review.take().map(|review| (review, found)))
    }

    async fn in_context(&self, sql: &str, id: &str) -> StoreResult<Option<AssessmentInContext>> {
        use super::entity::{review, school};
        use sea_orm::{ConnectionTrait, FromQueryResult};
        let backend = self.db.get_database_backend();
        let statement = super::sql::statement(backend, sql, vec![id.into()]);
        let Some(row) = self.db.query_one_raw(statement).await? else {
            return Ok(None);
        };
        let present = |prefix: &str| {
            row.try_get::<Option<i64>>(prefix, "id")
                .ok()
                .flatten()
                .is_some()
        };
        let Some(assessment) = record_of(self_assessment::Model::from_query_result(&row, "a_")?)
        else {
            return Ok(None);
        };
        let school = super::schools::school_record(school::Model::from_query_result(&row, "s_")?);
        let earlier = if present("e_") {
            record_of(self_assessment::Model::from_query_result(&row, "e_")?)
        } else {
            None
        };
        let review = if present("r_") {
            super::records::review_of(review::Model::from_query_result(&row, "r_")?).map(|record| {
                ReviewDetails {
                    lead_name: super::sql::text(&row, "lead_name"),
                    second_name: record.second.map(|_| super::sql::text(&row, "second_name")),
                    certificate: (record.status == ReviewStatus::Closed)
                        .then(|| {
                            row.try_get::<Option<String>>("", "certificate")
                                .ok()
                                .flatten()
                        })
                        .flatten(),
                    record,
                }
            })
        } else {
            None
        };
        Ok(Some(AssessmentInContext {
            assessment,
            school,
            review,
            earlier,
        }))
    }

    /// Every saved response of a self-assessment.
    pub async fn responses(&self, assessment: i64) -> StoreResult<Vec<Response>> {
        let mut of = self.responses_of(&[assessment]).await?;
        Ok(of.remove(&assessment).unwrap_or_default())
    }

    /// Every saved response of each of several self-assessments, in one
    /// query (a self-assessment without responses has no entry).
    pub async fn responses_of(
        &self,
        assessments: &[i64],
    ) -> StoreResult<BTreeMap<i64, Vec<Response>>> {
        let mut of: BTreeMap<i64, Vec<Response>> = BTreeMap::new();
        for row in response::Entity::find()
            .filter(response::Column::AssessmentId.is_in(assessments.iter().copied()))
            .order_by_asc(response::Column::Id)
            .all(&self.db)
            .await?
        {
            of.entry(row.assessment_id)
                .or_default()
                .push(response_of(row));
        }
        Ok(of)
    }

    /// Rated responses per self-assessment, for the list.
    pub async fn rated_count(&self, assessment: i64) -> StoreResult<u32> {
        use sea_orm::PaginatorTrait;
        let n = response::Entity::find()
            .filter(response::Column::AssessmentId.eq(assessment))
            .filter(response::Column::Level.is_not_null())
            .count(&self.db)
            .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// (element id, assignee) of each assigned element.
    pub async fn assignments(&self, assessment: i64) -> StoreResult<Vec<(String, Assignee)>> {
        let rows = element_assignment::Entity::find()
            .filter(element_assignment::Column::AssessmentId.eq(assessment))
            .find_also_related(account::Entity)
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(r, a)| {
                let a = a?;
                Some((
                    r.element_id,
                    Assignee {
                        account: a.public_id.clone(),
                        name: a.display_name.clone(),
                    },
                ))
            })
            .collect())
    }

    /// Gives an element to a person (their account's public id), or takes
    /// it back (`None`).
    pub async fn assign_element(
        &self,
        assessment: &AssessmentRecord,
        element: &str,
        account_public_id: Option<&str>,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        element_assignment::Entity::delete_many()
            .filter(element_assignment::Column::AssessmentId.eq(assessment.key))
            .filter(element_assignment::Column::ElementId.eq(element))
            .exec(&txn)
            .await?;
        if let Some(public_id) = account_public_id {
            let person = account::Entity::find()
                .filter(account::Column::PublicId.eq(public_id))
                .one(&txn)
                .await?
                .ok_or(StoreError::NotFound("person"))?;
            element_assignment::ActiveModel {
                assessment_id: Set(assessment.key),
                element_id: Set(element.to_owned()),
                account_id: Set(person.id),
            }
            .insert(&txn)
            .await?;
        }
        let mut change = Change::new(
            AuditAction::ElementAssigned,
            "self_assessment",
            &assessment.id,
        );
        change.after =
            Some(serde_json::json!({ "element": element, "assignee": account_public_id }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Saves one response if it is still at `base_version` (0: not saved
    /// before). Otherwise nothing changes and the current response comes
    /// back as [`StoreError::Stale`].
    pub async fn save_response(
        &self,
        assessment: &AssessmentRecord,
        edit: ResponseEdit<'_>,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<Response> {
        let txn = self.write().await?;
        ensure_editable(&txn, assessment.key).await?;
        let existing = response::Entity::find()
            .filter(response::Column::AssessmentId.eq(assessment.key))
            .filter(response::Column::IndicatorId.eq(edit.indicator))
            .one(&txn)
            .await?;
        // Microseconds, as both databases keep it, so the answer returned
        // is the one a later read finds.
        let now = chrono::SubsecRound::trunc_subsecs(Utc::now(), 6);
        let saved = match existing {
            None if edit.base_version == 0 => response::ActiveModel {
                assessment_id: Set(assessment.key),
                indicator_id: Set(edit.indicator.to_owned()),
                level: Set(edit.level.map(str::to_owned)),
                narrative: Set(edit.narrative.to_owned()),
                version: Set(1),
                updated_by: Set(by.to_owned()),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(|e| StoreError::unique(e, "response"))?,
            Some(current) if i64::from(current.version) == i64::from(edit.base_version) => {
                let updated = response::Entity::update_many()
                    .col_expr(
                        response::Column::Level,
                        Expr::value(edit.level.map(str::to_owned)),
                    )
                    .col_expr(
                        response::Column::Narrative,
                        Expr::value(edit.narrative.to_owned()),
                    )
                    .col_expr(response::Column::Version, Expr::value(current.version + 1))
                    .col_expr(response::Column::UpdatedBy, Expr::value(by.to_owned()))
                    .col_expr(response::Column::UpdatedAt, Expr::value(now))
                    // Saved by a person: confirmed, no longer carried.
                    .col_expr(response::Column::CarriedFrom, Expr::value(None::<String>))
                    .filter(response::Column::Id.eq(current.id))
                    .filter(response::Column::Version.eq(current.version))
                    .exec(&txn)
                    .await?;
                if updated.rows_affected != 1 {
                    return Err(StoreError::Conflict("response"));
                }
                // What was just written, without reading it back: the
                // write lock is held for as few statements as possible.
                response::Model {
                    level: edit.level.map(str::to_owned),
                    narrative: edit.narrative.to_owned(),
                    version: current.version + 1,
                    updated_by: by.to_owned(),
                    updated_at: now,
                    carried_from: None,
                    ..current
                }
            }
            Some(current) => return Err(StoreError::Stale(Box::new(response_of(current)))),
            // Saved by someone else since this person loaded the page.
            None => return Err(StoreError::Conflict("response")),
        };
        let mut change = Change::new(
            AuditAction::ResponseSaved,
            "self_assessment",
            &assessment.id,
        );
        change.after = Some(serde_json::json!({
            "indicator": edit.indicator,
            "level": edit.level,
            "narrative_chars": edit.narrative.chars().count(),
            "version": saved.version,
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(response_of(saved))
    }

    /// Marks a self-assessment submitted (read-only), if it is still editable.
    pub async fn submit_assessment(
        &self,
        assessment: &AssessmentRecord,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = self_assessment::Entity::update_many()
            .col_expr(
                self_assessment::Column::Status,
                Expr::value(Status::Submitted.as_str()),
            )
            .col_expr(
                self_assessment::Column::SubmittedAt,
                Expr::value(Utc::now()),
            )
            .filter(self_assessment::Column::Id.eq(assessment.key))
            .filter(
                self_assessment::Column::Status
                    .is_in([Status::Draft.as_str(), Status::Returned.as_str()]),
            )
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Closed);
        }
        // A resubmission answers the assessor's requests: the review resumes.
        super::entity::review::Entity::update_many()
            .col_expr(
                super::entity::review::Column::Status,
                Expr::value(ReviewStatus::InReview.as_str()),
            )
            .filter(super::entity::review::Column::AssessmentId.eq(assessment.key))
            .filter(
                super::entity::review::Column::Status.eq(ReviewStatus::EvidenceRequested.as_str()),
            )
            .exec(&txn)
            .await?;
        let mut change = Change::new(
            AuditAction::AssessmentSubmitted,
            "self_assessment",
            &assessment.id,
        );
        change.before = Some(serde_json::json!({ "status": assessment.status.as_str() }));
        change.after = Some(serde_json::json!({ "status": Status::Submitted.as_str() }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Evidence.
impl Store {
    /// Adds a link or note tied to `indicators`.
    ///
    /// A file's bytes (`content`, for evidence that is a file) are stored
    /// in the same transaction: the evidence and its file land together or
    /// not at all.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_evidence(
        &self,
        assessment: &AssessmentRecord,
        new: &crate::domain::assessment::NewEvidence,
        content: Option<&[u8]>,
        indicators: &[String],
        by: &str,
        actor: &Actor,
    ) -> StoreResult<EvidenceItem> {
        let txn = self.write().await?;
        ensure_editable(&txn, assessment.key).await?;
        if let (Some(file), Some(bytes)) = (&new.file, content) {
            super::files::put_file(&txn, &file.hash, bytes).await?;
        }
        let row = evidence::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            assessment_id: Set(assessment.key),
            title: Set(new.title.clone()),
            kind: Set(new.kind.as_str().to_owned()),
            link: Set(new.link.clone()),
            note: Set(new.note.clone()),
            file_hash: Set(new.file.as_ref().map(|f| f.hash.clone())),
            file_name: Set(new.file.as_ref().map(|f| f.name.clone())),
            content_type: Set(new.file.as_ref().map(|f| f.content_type.clone())),
            size: Set(new.file.as_ref().and_then(|f| i64::try_from(f.size).ok())),
            added_by: Set(by.to_owned()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for indicator in indicators {
            evidence_indicator::ActiveModel {
                evidence_id: Set(row.id),
                indicator_id: Set(indicator.clone()),
            }
            .insert(&txn)
            .await?;
        }
        let mut change = Change::new(
            AuditAction::EvidenceAdded,
            "self_assessment",
            &assessment.id,
        );
        change.after = Some(serde_json::json!({
            "evidence": row.public_id, "title": new.title, "kind": new.kind.as_str(), "indicators": indicators,
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(evidence_of(row, indicators.to_vec()))
    }

    /// Every piece of evidence of a self-assessment, oldest first.
    pub async fn evidence(&self, assessment: i64) -> StoreResult<Vec<EvidenceItem>> {
        let mut of = self.evidence_of(&[assessment]).await?;
        Ok(of.remove(&assessment).unwrap_or_default())
    }

    /// Every piece of evidence of each of several self-assessments, oldest
    /// first, with the indicators it supports: one query (a self-assessment
    /// without evidence has no entry).
    pub async fn evidence_of(
        &self,
        assessments: &[i64],
    ) -> StoreResult<BTreeMap<i64, Vec<EvidenceItem>>> {
        let rows = evidence::Entity::find()
            .filter(evidence::Column::AssessmentId.is_in(assessments.iter().copied()))
            .find_with_related(evidence_indicator::Entity)
            .order_by_asc(evidence::Column::Id)
            .order_by_asc(evidence_indicator::Column::IndicatorId)
            .all(&self.db)
            .await?;
        let mut of: BTreeMap<i64, Vec<EvidenceItem>> = BTreeMap::new();
        for (row, links) in rows {
            let indicators = links.into_iter().map(|l| l.indicator_id).collect();
            of.entry(row.assessment_id)
                .or_default()
                .push(evidence_of(row, indicators));
        }
        Ok(of)
    }

    /// Removes a piece of evidence (`NotFound` if it is already gone).
    pub async fn remove_evidence(
        &self,
        assessment: &AssessmentRecord,
        evidence_id: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        ensure_editable(&txn, assessment.key).await?;
        let row = evidence::Entity::find()
            .filter(evidence::Column::PublicId.eq(evidence_id))
            .filter(evidence::Column::AssessmentId.eq(assessment.key))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("evidence"))?;
        evidence::Entity::delete_by_id(row.id).exec(&txn).await?;
        let mut change = Change::new(
            AuditAction::EvidenceRemoved,
            "self_assessment",
            &assessment.id,
        );
        change.before = Some(serde_json::json!({ "evidence": row.public_id, "title": row.title }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }
}

fn evidence_of(row: evidence::Model, indicators: Vec<String>) -> EvidenceItem {
    EvidenceItem {
        kind: EvidenceKind::parse(&row.kind).unwrap_or(EvidenceKind::Note),
        id: row.public_id,
        title: row.title,
        link: row.link,
        note: row.note,
        file_name: row.file_name,
        size: row.size.and_then(|s| u64::try_from(s).ok()),
        indicators,
        added_by: row.added_by,
        created_at: rfc3339(row.created_at),
        carried_from: row.carried_from,
    }
}

/// A stored evidence file, for download: where it belongs and what it is.
pub struct EvidenceFile {
    pub assessment: i64,
    pub hash: String,
    pub name: String,
    pub content_type: String,
}

impl Store {
    /// The file of a piece of evidence (`None` for links, notes and unknown ids).
    pub async fn evidence_file(&self, evidence_id: &str) -> StoreResult<Option<EvidenceFile>> {
        Ok(evidence::Entity::find()
            .filter(evidence::Column::PublicId.eq(evidence_id))
            .one(&self.db)
            .await?
            .and_then(|row| {
                Some(EvidenceFile {
                    assessment: row.assessment_id,
                    hash: row.file_hash?,
                    name: row.file_name.unwrap_or_default(),
                    content_type: row.content_type?,
                })
            }))
    }

    /// Self-assessments by key, read a thousand at a time.
    pub async fn assessments_by_keys(
        &self,
        keys: &[i64],
    ) -> StoreResult<std::collections::HashMap<i64, AssessmentRecord>> {
        let mut found = std::collections::HashMap::new();
        for chunk in keys.chunks(1000) {
            for row in self_assessment::Entity::find()
                .filter(self_assessment::Column::Id.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                if let Some(record) = record_of(row) {
                    found.insert(record.key, record);
                }
            }
        }
        Ok(found)
    }

    /// A self-assessment by its key.
    pub async fn assessment_by_key(&self, key: i64) -> StoreResult<Option<AssessmentRecord>> {
        Ok(self_assessment::Entity::find_by_id(key)
            .one(&self.db)
            .await?
            .and_then(record_of))
    }
}
