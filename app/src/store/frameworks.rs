//! Published framework versions. A version, once published, never changes.

use super::audit::{record, Actor, Change};
use super::entity::framework_version;
use super::{Store, StoreError, StoreResult};
use crate::domain::framework_file::{self, FrameworkFileError};
use crate::domain::{AuditAction, Framework};
use crate::model::FrameworkSummary;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::sync::Arc;

/// Why a framework file could not be published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Invalid(#[from] FrameworkFileError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn summary(fw: &Framework) -> FrameworkSummary {
    FrameworkSummary {
        id: fw.id.clone(),
        version: fw.version.clone(),
        title: fw.title.clone(),
        default_language: fw.default_language.clone(),
        languages: fw.languages.clone(),
        elements: u32::try_from(fw.elements.len()).unwrap_or(u32::MAX),
        indicators: u32::try_from(fw.indicator_count()).unwrap_or(u32::MAX),
        awards: fw
            .awards
            .iter()
            .map(|a| (a.id.clone(), a.title.clone()))
            .collect(),
    }
}

impl Store {
    /// Checks a framework file and stores it as a new version. Publishing a
    /// version that exists already is refused.
    pub async fn publish_framework(
        &self,
        file_name: &str,
        source: &str,
        actor: &Actor,
    ) -> Result<FrameworkSummary, PublishError> {
        let fw = framework_file::parse(file_name, source)?;
        let txn = self.write().await?;
        framework_version::ActiveModel {
            framework_id: Set(fw.id.clone()),
            version: Set(fw.version.clone()),
            title: Set(fw
                .title
                .get(&fw.default_language, &fw.default_language)
                .to_owned()),
            source: Set(source.to_owned()),
            published_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| StoreError::unique(e, "this framework version"))?;
        let mut change = Change::new(
            AuditAction::FrameworkPublished,
            "framework",
            &format!("{}@{}", fw.id, fw.version),
        );
        change.after = Some(serde_json::json!({ "file": file_name }));
        record(&txn, actor, change).await?;
        txn.commit().await.map_err(StoreError::from)?;
        Ok(summary(&fw))
    }

    /// Every published version, by framework then version.
    pub async fn list_frameworks(&self) -> StoreResult<Vec<FrameworkSummary>> {
        let rows = framework_version::Entity::find()
            .order_by_asc(framework_version::Column::FrameworkId)
            .order_by_asc(framework_version::Column::Version)
            .all(&self.db)
            .await?;
        rows.iter()
            .map(|row| self.parse_cached(row).map(|fw| summary(&fw)))
            .collect()
    }

    /// The newest published version of a framework, if any. Only the key is
    /// read unless the version is not cached yet.
    pub async fn latest_framework(&self, id: &str) -> StoreResult<Option<Arc<Framework>>> {
        let newest: Option<(String, String)> = framework_version::Entity::find()
            .select_only()
            .column(framework_version::Column::FrameworkId)
            .column(framework_version::Column::Version)
            .filter(framework_version::Column::FrameworkId.eq(id))
            .order_by_desc(framework_version::Column::PublishedAt)
            .order_by_desc(framework_version::Column::Id)
            .into_tuple()
            .one(&self.db)
            .await?;
        match newest {
            Some((id, version)) => self.framework(&id, &version).await.map(Some),
            None => Ok(None),
        }
    }

    /// One version of a framework. Versions never change, so a cached one is
    /// answered without reading the database: every wizard step, review and
    /// autosave asks for one.
    pub async fn framework(&self, id: &str, version: &str) -> StoreResult<Arc<Framework>> {
        if let Some(fw) = self.cached_framework(id, version) {
            return Ok(fw);
        }
        let row = framework_version::Entity::find()
            .filter(framework_version::Column::FrameworkId.eq(id))
            .filter(framework_version::Column::Version.eq(version))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("framework version"))?;
        self.parse_cached(&row)
    }

    /// The stored file of one version, for export.
    pub async fn framework_source(&self, id: &str, version: &str) -> StoreResult<String> {
        framework_version::Entity::find()
            .filter(framework_version::Column::FrameworkId.eq(id))
            .filter(framework_version::Column::Version.eq(version))
            .one(&self.db)
            .await?
            .map(|row| row.source)
            .ok_or(StoreError::NotFound("framework version"))
    }

    fn cached_framework(&self, id: &str, version: &str) -> Option<Arc<Framework>> {
        let cache = self.frameworks.read().ok()?;
        cache.get(&(id.to_owned(), version.to_owned())).cloned()
    }

    /// Versions never change, so a parsed version is kept for the life of the process.
    fn parse_cached(&self, row: &framework_version::Model) -> StoreResult<Arc<Framework>> {
        if let Some(fw) = self.cached_framework(&row.framework_id, &row.version) {
            return Ok(fw);
        }
        let key = (row.framework_id.clone(), row.version.clone());
        let name = format!("{}@{}", row.framework_id, row.version);
        let fw = Arc::new(
            framework_file::parse(&name, &row.source)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        );
        if let Ok(mut cache) = self.frameworks.write() {
            cache.insert(key, fw.clone());
        }
        Ok(fw)
    }
}
