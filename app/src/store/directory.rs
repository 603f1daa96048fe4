//! The public directory of award holders: schools that chose to be listed,
//! with the award they hold now, each linked to its certificate check.

use super::audit::{record, Actor, Change};
use super::entity::{award, school};
use super::schools::SchoolRecord;
use super::{Store, StoreResult};
use crate::domain::AuditAction;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};

/// One school in the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub school: String,
    pub city: String,
    pub region: String,
    pub award: String,
    pub framework_id: String,
    pub framework_version: String,
    pub code: String,
    pub valid_until: String,
}

/// What the directory is narrowed to.
#[derive(Clone, Debug, Default)]
pub struct DirectoryQuery<'a> {
    pub award: Option<&'a str>,
    pub region: Option<&'a str>,
    /// Words in the school's name or town, in any case, with or without accents.
    pub text: &'a str,
    pub today: Option<NaiveDate>,
}

impl Store {
    /// Lists or unlists the school's award in the public directory.
    pub async fn set_directory_listing(
        &self,
        found: &SchoolRecord,
        listed: bool,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        school::ActiveModel {
            id: Set(found.key),
            directory_listed: Set(listed),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        let mut change = Change::new(AuditAction::SchoolUpdated, "school", &found.summary.id);
        change.school = Some(found.summary.id.clone());
        change.after = Some(serde_json::json!({ "directory_listed": listed }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The listed schools holding a standing award (newest per school), by
    /// name; and every region of the listed schools, for the filter.
    pub async fn award_directory(
        &self,
        query: DirectoryQuery<'_>,
    ) -> StoreResult<(Vec<DirectoryEntry>, Vec<String>)> {
        let listed = school::Entity::find()
            .filter(school::Column::DirectoryListed.eq(true))
            .order_by_asc(school::Column::Name)
            .all(&self.db)
            .await?;
        let mut regions: Vec<String> = listed
            .iter()
            .map(|s| s.region.clone())
            .filter(|r| !r.is_empty())
            .collect();
        regions.sort();
        regions.dedup();
        let words: Vec<String> = query
            .text
            .split_whitespace()
            .take(8)
            .map(migrations::search_folded)
            .collect();
        let schools: Vec<school::Model> = listed
            .into_iter()
            .filter(|s| query.region.is_none_or(|r| s.region == r))
            .filter(|s| words.iter().all(|w| s.search_text.contains(w.as_str())))
            .collect();
        let keys: Vec<i64> = schools.iter().map(|s| s.id).collect();
        let mut find = award::Entity::find()
            .filter(award::Column::SchoolId.is_in(keys))
            .filter(award::Column::RevokedAt.is_null())
            .filter(award::Column::SuspendedAt.is_null());
        if let Some(today) = query.today {
            find = find.filter(award::Column::ValidUntil.gte(today));
        }
        if let Some(id) = query.award {
            find = find.filter(award::Column::AwardId.eq(id));
        }
        let awards = find
            .order_by_desc(award::Column::GrantedOn)
            .all(&self.db)
            .await?;
        let entries = schools
            .into_iter()
            .filter_map(|s| {
                let held = awards.iter().find(|a| a.school_id == s.id)?;
                Some(DirectoryEntry {
                    school: s.name,
                    city: s.city,
                    region: s.region,
                    award: held.award_id.clone(),
                    framework_id: held.framework_id.clone(),
                    framework_version: held.framework_version.clone(),
                    code: held.code.clone(),
                    valid_until: held.valid_until.to_string(),
                })
            })
            .collect();
        Ok((entries, regions))
    }
}
