//! Queries and mutations on schools.

use super::audit::{record, Actor, Change};
use super::entity::{network_school, school};
use super::{Store, StoreError, StoreResult};
use crate::domain::{AuditAction, NewSchool};
use crate::model::SchoolSummary;
use sea_orm::sea_query::{LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

pub(crate) fn summary(m: school::Model) -> SchoolSummary {
    SchoolSummary {
        id: m.public_id,
        name: m.name,
        phase: m.phase,
        city: m.city,
        learners: u32::try_from(m.learners).unwrap_or(0),
        current_award: m.current_award,
    }
}

/// Which schools to find, and which page of them.
#[derive(Clone, Debug, Default)]
pub struct SchoolSearch<'a> {
    /// Only schools with these public ids (`None`: any school).
    pub only: Option<&'a [String]>,
    /// Only schools in (`true`) or not in (`false`) this network (its key).
    pub network: Option<(i64, bool)>,
    /// Words that must each appear in the name or the town; empty for all.
    pub text: &'a str,
    pub offset: u64,
    pub limit: u64,
}

/// `text` with LIKE's wildcards (and the escape itself) escaped by `\`.
fn like_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A school as stored, found by its public id.
pub struct SchoolRecord {
    pub key: i64,
    pub summary: SchoolSummary,
    pub region: String,
    pub contact_email: String,
    pub award_since: Option<chrono::NaiveDate>,
    pub award_until: Option<chrono::NaiveDate>,
    /// Whether it lists its award in the public directory.
    pub directory_listed: bool,
}

pub(super) fn school_record(m: school::Model) -> SchoolRecord {
    SchoolRecord {
        key: m.id,
        region: m.region.clone(),
        contact_email: m.contact_email.clone(),
        award_since: m.award_since,
        award_until: m.award_until,
        directory_listed: m.directory_listed,
        summary: summary(m),
    }
}

impl Store {
    /// The schools with these public ids (`None`: every school), by name.
    pub async fn list_schools(&self, only: Option<Vec<String>>) -> StoreResult<Vec<SchoolSummary>> {
        let mut find = school::Entity::find();
        if let Some(ids) = only {
            find = find.filter(school::Column::PublicId.is_in(ids));
        }
        let rows = find
            .order_by_asc(school::Column::Name)
            .order_by_asc(school::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(summary).collect())
    }

    /// One page of the schools that match `search`, by name, and how many
    /// match in all.
    pub async fn search_schools(
        &self,
        search: &SchoolSearch<'_>,
    ) -> StoreResult<(Vec<SchoolSummary>, u64)> {
        let mut find = school::Entity::find();
        if let Some(ids) = search.only {
            find = find.filter(school::Column::PublicId.is_in(ids.iter().cloned()));
        }
        if let Some((network, member)) = search.network {
            let members = Query::select()
                .column(network_school::Column::SchoolId)
                .from(network_school::Entity)
                .and_where(network_school::Column::NetworkId.eq(network))
                .to_owned();
            find = find.filter(if member {
                school::Column::Id.in_subquery(members)
            } else {
                school::Column::Id.not_in_subquery(members)
            });
        }
        // Every word must be in the name or the town, in any case, with or
        // without its accents.
        for word in search.text.split_whitespace().take(8) {
            let pattern = format!("%{}%", like_escaped(&migrations::search_folded(word)));
            find =
                find.filter(school::Column::SearchText.like(LikeExpr::new(pattern).escape('\\')));
        }
        let total = find.clone().count(&self.db).await?;
        let rows = find
            .order_by_asc(school::Column::Name)
            .order_by_asc(school::Column::Id)
            .offset(search.offset)
            .limit(search.limit)
            .all(&self.db)
            .await?;
        Ok((rows.into_iter().map(summary).collect(), total))
    }

    pub async fn count_schools(&self) -> StoreResult<u64> {
        Ok(school::Entity::find().count(&self.db).await?)
    }

    /// One school by its public id.
    pub async fn school(&self, public_id: &str) -> StoreResult<Option<SchoolRecord>> {
        Ok(school::Entity::find()
            .filter(school::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(school_record))
    }

    /// Adds a school; a school of the same name in the same city is refused.
    pub async fn add_school(&self, new: &NewSchool, actor: &Actor) -> StoreResult<SchoolSummary> {
        let txn = self.write().await?;
        let row = school::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            name: Set(new.name.clone()),
            phase: Set(new.phase.as_str().to_owned()),
            city: Set(new.city.clone()),
            learners: Set(i32::try_from(new.learners).unwrap_or(i32::MAX)),
            region: Set(String::new()),
            contact_email: Set(String::new()),
            current_award: Set(None),
            award_since: Set(None),
            award_until: Set(None),
            directory_listed: Set(false),
            created_at: Set(chrono::Utc::now()),
            search_text: Set(migrations::school_search_text(&new.name, &new.city)),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| StoreError::unique(e, "school"))?;
        let mut change = Change::new(AuditAction::SchoolCreated, "school", &row.public_id);
        change.school = Some(row.public_id.clone());
        change.after = Some(serde_json::to_value(new).unwrap_or_default());
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(summary(row))
    }

    /// Changes a school's region and contact email.
    pub async fn update_school_contact(
        &self,
        school: &SchoolRecord,
        region: &str,
        contact_email: &str,
        actor: &Actor,
    ) -> StoreResult<()> {
        let txn = self.write().await?;
        school::ActiveModel {
            id: Set(school.key),
            region: Set(region.to_owned()),
            contact_email: Set(contact_email.to_owned()),
            ..Default::default()
        }
        .update(&txn)
        .await?;
        let mut change = Change::new(AuditAction::SchoolUpdated, "school", &school.summary.id);
        change.school = Some(school.summary.id.clone());
        change.before = Some(serde_json::json!({
            "region": school.region, "contact_email": school.contact_email
        }));
        change.after = Some(serde_json::json!({
            "region": region, "contact_email": contact_email
        }));
        record(&txn, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }
}

impl Store {
    /// Records the award a school holds and its dates. (Award decisions,
    /// with their history, come with the assessors' work; the demo uses this.)
    pub async fn set_current_award(
        &self,
        school: i64,
        award: &str,
        since: chrono::NaiveDate,
        until: chrono::NaiveDate,
    ) -> StoreResult<()> {
        school::ActiveModel {
            id: Set(school),
            current_award: Set(Some(award.to_owned())),
            award_since: Set(Some(since)),
            award_until: Set(Some(until)),
            ..Default::default()
        }
        .update(&self.db)
        .await?;
        Ok(())
    }
}

impl Store {
    /// Schools by key, read a thousand at a time.
    pub async fn schools_by_keys(
        &self,
        keys: &[i64],
    ) -> StoreResult<std::collections::HashMap<i64, SchoolRecord>> {
        let mut found = std::collections::HashMap::new();
        for chunk in keys.chunks(1000) {
            for row in school::Entity::find()
                .filter(school::Column::Id.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                found.insert(row.id, school_record(row));
            }
        }
        Ok(found)
    }

    /// One school by its key.
    pub async fn school_by_key(&self, key: i64) -> StoreResult<Option<SchoolRecord>> {
        Ok(school::Entity::find_by_id(key)
            .one(&self.db)
            .await?
            .map(school_record))
    }
}
