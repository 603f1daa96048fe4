//! Folds the school search's text again: "ł", "ø", "ß" and the like are now
//! written as people type them without the letter (`search_text`), so a
//! search for "lodz" finds a school in Łódź.

use crate::search_text::refold_schools;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        refold_schools(manager).await
    }

    /// The older folding is not kept: searches still find what they found.
    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
