//! Validated results are kept per framework: signing off a UNESCO or ISO
//! review no longer replaces a school's latest inclusion scores, and the
//! dashboard averages one framework's elements at a time. Existing rows
//! take their framework from their review's self-assessment, and each
//! school's newest review per framework is marked latest again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ValidatedResult {
    Table,
    SchoolId,
    FrameworkId,
    Latest,
    ElementId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ValidatedResult::Table)
                    .add_column(string_len(ValidatedResult::FrameworkId, 100).default(""))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE validated_result SET framework_id = COALESCE((SELECT sa.framework_id FROM review r \
             JOIN self_assessment sa ON sa.id = r.assessment_id WHERE r.id = validated_result.review_id), '')",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE validated_result SET latest = (review_id = (SELECT MAX(v2.review_id) FROM validated_result v2 \
             WHERE v2.school_id = validated_result.school_id AND v2.framework_id = validated_result.framework_id))",
        )
        .await?;
        // Sums over every school read by framework; a school's own row is
        // found by school first (without it SQLite joins 5,000 schools
        // through the framework index: 15 s instead of 30 ms).
        manager
            .create_index(
                Index::create()
                    .name("ix_validated_result_framework")
                    .table(ValidatedResult::Table)
                    .col(ValidatedResult::FrameworkId)
                    .col(ValidatedResult::Latest)
                    .col(ValidatedResult::ElementId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_validated_result_school_framework")
                    .table(ValidatedResult::Table)
                    .col(ValidatedResult::SchoolId)
                    .col(ValidatedResult::FrameworkId)
                    .col(ValidatedResult::Latest)
                    .col(ValidatedResult::ElementId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "ix_validated_result_school_framework",
            "ix_validated_result_framework",
        ] {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(ValidatedResult::Table)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ValidatedResult::Table)
                    .drop_column(ValidatedResult::FrameworkId)
                    .to_owned(),
            )
            .await
    }
}
