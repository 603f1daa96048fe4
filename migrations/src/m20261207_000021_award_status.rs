//! An award can be suspended (and reinstated) as well as revoked, each
//! with a reason kept on the award: the public check shows the true state.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Award {
    Table,
    SuspendedAt,
    StatusReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Award::Table)
                    .add_column(timestamp_with_time_zone_null(Award::SuspendedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Award::Table)
                    .add_column(text(Award::StatusReason).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Award::SuspendedAt, Award::StatusReason] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Award::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
