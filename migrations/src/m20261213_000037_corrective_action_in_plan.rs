//! A non-conformity's corrective action in the action plan: the plan
//! action it became (its public id), in the school's open self-assessment
//! against the non-conformity's framework.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Nonconformity {
    Table,
    PlanActionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Nonconformity::Table)
                    .add_column(string_len_null(Nonconformity::PlanActionId, 36))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Nonconformity::Table)
                    .drop_column(Nonconformity::PlanActionId)
                    .to_owned(),
            )
            .await
    }
}
