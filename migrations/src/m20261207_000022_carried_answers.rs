//! An annual review or re-accreditation starts from the last cycle's
//! answers and evidence: each copied answer and piece of evidence says
//! which year it was carried from, until someone confirms or changes it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Response {
    Table,
    CarriedFrom,
}

#[derive(DeriveIden)]
enum Evidence {
    Table,
    CarriedFrom,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Response::Table)
                    .add_column(string_len_null(Response::CarriedFrom, 20))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Evidence::Table)
                    .add_column(string_len_null(Evidence::CarriedFrom, 20))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Response::Table)
                    .drop_column(Response::CarriedFrom)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Evidence::Table)
                    .drop_column(Evidence::CarriedFrom)
                    .to_owned(),
            )
            .await
    }
}
