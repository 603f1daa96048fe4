//! Queries and mutations on schools.

use super::entity::school;
use super::{Store, StoreError, StoreResult};
use crate::domain::NewSchool;
use crate::model::SchoolSummary;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait, QueryOrder};

fn summary(m: school::Model) -> SchoolSummary {
    SchoolSummary {
        id: m.public_id,
        name: m.name,
        phase: m.phase,
        city: m.city,
        learners: u32::try_from(m.learners).unwrap_or(0),
    }
}

impl Store {
    /// Every school, by name.
    pub async fn list_schools(&self) -> StoreResult<Vec<SchoolSummary>> {
        let rows = school::Entity::find()
            .order_by_asc(school::Column::Name)
            .order_by_asc(school::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(summary).collect())
    }

    pub async fn count_schools(&self) -> StoreResult<u64> {
        Ok(school::Entity::find().count(&self.db).await?)
    }

    /// Adds a school; a school of the same name in the same city is refused.
    pub async fn add_school(&self, new: &NewSchool) -> StoreResult<SchoolSummary> {
        let row = school::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            name: Set(new.name.clone()),
            phase: Set(new.phase.as_str().to_owned()),
            city: Set(new.city.clone()),
            learners: Set(i32::try_from(new.learners).unwrap_or(i32::MAX)),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .map_err(|e| StoreError::unique(e, "school"))?;
        Ok(summary(row))
    }
}

impl Store {
    /// The internal key of a school from its public id.
    pub(crate) async fn school_key(&self, public_id: &str) -> StoreResult<Option<i64>> {
        use sea_orm::{ColumnTrait, QueryFilter};
        Ok(school::Entity::find()
            .filter(school::Column::PublicId.eq(public_id))
            .one(&self.db)
            .await?
            .map(|m| m.id))
    }
}
