//! Surveys and their anonymous answers: one per device (a unique index on
//! the survey and the device's hash stops a second), none once closed.
//! Writing, closing and attaching a survey are audited; an answer is not,
//! as no one is signed in to answer and the log names people.

use super::audit::{record, Actor, Change};
use super::entity::{survey, survey_response};
use super::rfc3339;
use super::{Store, StoreError, StoreResult};
use crate::domain::survey::{Answer, Audience, Question, Survey};
use crate::domain::AuditAction;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

/// A survey with its school and link.
#[derive(Clone, Debug)]
pub struct SurveyRecord {
    pub key: i64,
    pub school_key: i64,
    /// The unguessable part of its answering link.
    pub link: String,
    pub survey: Survey,
}

/// A survey as checked by the use case.
pub struct NewSurvey<'a> {
    pub title: &'a str,
    pub audience: Audience,
    pub framework: &'a str,
    pub easy_read: bool,
    pub questions: &'a [Question],
}

fn corrupt(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn survey_of(m: survey::Model, answers: usize) -> SurveyRecord {
    SurveyRecord {
        key: m.id,
        school_key: m.school_id,
        link: m.link,
        survey: Survey {
            id: m.public_id,
            title: m.title,
            audience: Audience::parse(&m.audience).unwrap_or(Audience::Learners),
            framework: m.framework_id,
            easy_read: m.easy_read,
            questions: serde_json::from_str(&m.questions).unwrap_or_default(),
            created_by: m.created_by,
            created_at: rfc3339(m.created_at),
            closed_at: m.closed_at.map(rfc3339),
            answers,
        },
    }
}

impl Store {
    async fn answer_count(&self, survey: i64) -> StoreResult<usize> {
        let n = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(survey))
            .count(&self.db)
            .await?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    /// A school's surveys, the newest first, each with its link.
    pub async fn surveys(&self, school: i64) -> StoreResult<Vec<SurveyRecord>> {
        let rows = survey::Entity::find()
            .filter(survey::Column::SchoolId.eq(school))
            .order_by_desc(survey::Column::CreatedAt)
            .order_by_desc(survey::Column::Id)
            .all(&self.db)
            .await?;
        let mut found = Vec::with_capacity(rows.len());
        for m in rows {
            let n = self.answer_count(m.id).await?;
            found.push(survey_of(m, n));
        }
        Ok(found)
    }

    async fn survey_where(
        &self,
        column: survey::Column,
        value: &str,
    ) -> StoreResult<Option<SurveyRecord>> {
        let Some(m) = survey::Entity::find()
            .filter(column.eq(value))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let n = self.answer_count(m.id).await?;
        Ok(Some(survey_of(m, n)))
    }

    pub async fn survey(&self, public_id: &str) -> StoreResult<Option<SurveyRecord>> {
        self.survey_where(survey::Column::PublicId, public_id).await
    }

    /// The survey a link answers.
    pub async fn survey_by_link(&self, link: &str) -> StoreResult<Option<SurveyRecord>> {
        self.survey_where(survey::Column::Link, link).await
    }

    /// Whether a device (by its hash) has answered the survey.
    pub async fn has_answered(&self, survey: i64, device: &str) -> StoreResult<bool> {
        let n = survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(survey))
            .filter(survey_response::Column::Device.eq(device))
            .count(&self.db)
            .await?;
        Ok(n > 0)
    }

    /// Every answer given to a survey, each a list with one entry per question.
    pub async fn survey_answers(&self, survey: i64) -> StoreResult<Vec<Vec<Option<Answer>>>> {
        survey_response::Entity::find()
            .filter(survey_response::Column::SurveyId.eq(survey))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| serde_json::from_str(&m.answers).map_err(corrupt))
            .collect()
    }

    /// Adds a survey, open, with a new link. Returns its id.
    pub async fn create_survey(
        &self,
        (school, school_id): (i64, &str),
        new: NewSurvey<'_>,
        by: &str,
        actor: &Actor,
    ) -> StoreResult<String> {
        let txn = self.write().await?;
        let id = uuid::Uuid::new_v4().to_string();
        let (link, _) = crate::security::new_token();
        survey::ActiveModel {
            public_id: Set(id.clone()),
            link: Set(link),
            school_id: Set(school),
            framework_id: Set(new.framework.to_owned()),
            title: Set(new.title.to_owned()),
            audience: Set(new.audience.as_str().to_owned()),
            easy_read: Set(new.easy_read),
            questions: Set(serde_json::to_string(new.questions).map_err(corrupt)?),
            created_by: Set(by.to_owned()),
            created_at: Set(Utc::now()),
            closed_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut c = Change::new(AuditAction::SurveyCreated, "survey", &id);
        c.school = Some(school_id.to_owned());
        c.after = Some(serde_json::json!({
            "title": new.title, "audience": new.audience.as_str(),
            "questions": new.questions.len(),
        }));
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Closes a survey's link; a closed one stays closed (a conflict).
    pub async fn close_survey(
        &self,
        found: &SurveyRecord,
        school_id: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let updated = survey::Entity::update_many()
            .col_expr(survey::Column::ClosedAt, Expr::value(Some(Utc::now())))
            .filter(survey::Column::Id.eq(found.key))
            .filter(survey::Column::ClosedAt.is_null())
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::Conflict("survey"));
        }
        let mut c = Change::new(AuditAction::SurveyClosed, "survey", &found.survey.id);
        c.school = Some(school_id.to_owned());
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Keeps one device's answers to an open survey. A second answer from
    /// the same device is a duplicate; an answer to a closed survey a
    /// conflict.
    pub async fn answer_survey(
        &self,
        found: &SurveyRecord,
        device: &str,
        answers: &[Option<Answer>],
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        let open = survey::Entity::find_by_id(found.key)
            .filter(survey::Column::ClosedAt.is_null())
            .one(&txn)
            .await?;
        if open.is_none() {
            return Err(StoreError::Conflict("survey"));
        }
        survey_response::ActiveModel {
            survey_id: Set(found.key),
            device: Set(device.to_owned()),
            answers: Set(serde_json::to_string(answers).map_err(corrupt)?),
            answered_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| StoreError::unique(e, "answer from this device"))?;
        txn.commit().await?;
        Ok(())
    }
}
