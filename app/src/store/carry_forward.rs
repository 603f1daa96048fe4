//! Carrying a school's last cycle forward: an annual review or
//! re-accreditation starts from the answers, narratives and evidence of the
//! school's previous self-assessment on the same framework, each marked
//! with the year it came from until someone confirms or changes it.

use super::entity::{evidence, evidence_indicator, response, self_assessment};
use super::StoreResult;
use crate::domain::Framework;
use chrono::{Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

/// Copies into the new self-assessment `into` what the school's previous
/// one on `fw`'s framework holds (the newest submitted, else the newest):
/// answers to indicators `fw` still has (a level it no longer has is left
/// unrated) and evidence with its links to those indicators. Returns the
/// year carried from, if there was a cycle to carry.
pub(super) async fn carry_forward(
    db: &impl ConnectionTrait,
    school: i64,
    into: i64,
    fw: &Framework,
) -> StoreResult<Option<String>> {
    let earlier = self_assessment::Entity::find()
        .filter(self_assessment::Column::SchoolId.eq(school))
        .filter(self_assessment::Column::FrameworkId.eq(fw.id.as_str()))
        .filter(self_assessment::Column::Id.ne(into))
        .order_by_desc(self_assessment::Column::Id)
        .all(db)
        .await?;
    let Some(from) = earlier
        .iter()
        .find(|a| a.submitted_at.is_some())
        .or(earlier.first())
    else {
        return Ok(None);
    };
    let year = from
        .submitted_at
        .unwrap_or(from.created_at)
        .year()
        .to_string();
    let now = chrono::SubsecRound::trunc_subsecs(Utc::now(), 6);
    let answers = response::Entity::find()
        .filter(response::Column::AssessmentId.eq(from.id))
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let rows: Vec<response::ActiveModel> = answers
        .into_iter()
        .filter(|r| fw.indicator(&r.indicator_id).is_some())
        .map(|r| response::ActiveModel {
            assessment_id: Set(into),
            indicator_id: Set(r.indicator_id),
            level: Set(r.level.filter(|l| fw.level_index(l).is_some())),
            narrative: Set(r.narrative),
            version: Set(1),
            updated_by: Set(r.updated_by),
            updated_at: Set(now),
            carried_from: Set(Some(year.clone())),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        response::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    let items = evidence::Entity::find()
        .filter(evidence::Column::AssessmentId.eq(from.id))
        .find_with_related(evidence_indicator::Entity)
        .all(db)
        .await?;
    for (item, links) in items {
        let links: Vec<String> = links
            .into_iter()
            .map(|l| l.indicator_id)
            .filter(|i| fw.indicator(i).is_some())
            .collect();
        if links.is_empty() {
            continue;
        }
        let copy = evidence::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            assessment_id: Set(into),
            title: Set(item.title),
            kind: Set(item.kind),
            link: Set(item.link),
            note: Set(item.note),
            file_hash: Set(item.file_hash),
            file_name: Set(item.file_name),
            content_type: Set(item.content_type),
            size: Set(item.size),
            added_by: Set(item.added_by),
            created_at: Set(now),
            carried_from: Set(Some(year.clone())),
            ..Default::default()
        }
        .insert(db)
        .await?;
        evidence_indicator::Entity::insert_many(links.into_iter().map(|indicator| {
            evidence_indicator::ActiveModel {
                evidence_id: Set(copy.id),
                indicator_id: Set(indicator),
            }
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(Some(year))
}
