use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Every published version of every framework, kept whole: a self-assessment
/// points at the version it was started on, so publishing a new version never
/// changes old results.
#[derive(DeriveIden)]
enum FrameworkVersion {
    Table,
    Id,
    FrameworkId,
    Version,
    Title,
    Source,
    PublishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FrameworkVersion::Table)
                    .if_not_exists()
                    .col(big_pk_auto(FrameworkVersion::Id))
                    .col(string_len(FrameworkVersion::FrameworkId, 100))
                    .col(string_len(FrameworkVersion::Version, 50))
                    .col(string_len(FrameworkVersion::Title, 480))
                    .col(text(FrameworkVersion::Source))
                    .col(timestamp_with_time_zone(FrameworkVersion::PublishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .if_not_exists()
                    .name("ux_framework_version")
                    .table(FrameworkVersion::Table)
                    .col(FrameworkVersion::FrameworkId)
                    .col(FrameworkVersion::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FrameworkVersion::Table).to_owned())
            .await
    }
}
