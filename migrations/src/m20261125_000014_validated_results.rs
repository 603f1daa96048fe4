//! Validated results kept for the network dashboard: each signed-off
//! review's score per element and overall, with the school's latest
//! marked, so a network of thousands of schools is summed in the database
//! instead of re-scored on every request.

use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum School {
    Table,
    Id,
    Region,
}

#[derive(DeriveIden)]
enum ValidatedResult {
    Table,
    Id,
    SchoolId,
    ReviewId,
    Year,
    /// An element's id, or empty for the overall score.
    ElementId,
    /// In permille of the top level.
    Score,
    Latest,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ValidatedResult::Table)
                    .col(big_pk_auto(ValidatedResult::Id))
                    .col(big_integer(ValidatedResult::SchoolId))
                    .col(big_integer(ValidatedResult::ReviewId))
                    .col(integer(ValidatedResult::Year))
                    .col(string_len(ValidatedResult::ElementId, 100))
                    .col(integer(ValidatedResult::Score))
                    .col(boolean(ValidatedResult::Latest))
                    .foreign_key(&mut cascade(
                        "fk_validated_result_school",
                        (ValidatedResult::Table, ValidatedResult::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "ix_validated_result_latest",
                vec![ValidatedResult::Latest, ValidatedResult::ElementId],
            ),
            (
                "ix_validated_result_school",
                vec![ValidatedResult::SchoolId, ValidatedResult::Year],
            ),
            (
                "ix_validated_result_year",
                vec![ValidatedResult::Year, ValidatedResult::ElementId],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(ValidatedResult::Table);
            for c in columns {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_school_region")
                    .table(School::Table)
                    .col(School::Region)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_school_region")
                    .table(School::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ValidatedResult::Table).to_owned())
            .await
    }
}
