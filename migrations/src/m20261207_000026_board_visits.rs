//! When each person last opened each cluster's board, so their home page
//! can say what changed on it since.

use super::m20261125_000004_memberships::Account;
use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BoardVisit {
    Table,
    AccountId,
    ClusterId,
    SeenAt,
}

#[derive(DeriveIden)]
enum Cluster {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BoardVisit::Table)
                    .col(big_integer(BoardVisit::AccountId))
                    .col(big_integer(BoardVisit::ClusterId))
                    .col(timestamp_with_time_zone(BoardVisit::SeenAt))
                    .primary_key(
                        Index::create()
                            .col(BoardVisit::AccountId)
                            .col(BoardVisit::ClusterId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_board_visit_account",
                        (BoardVisit::Table, BoardVisit::AccountId),
                        (Account::Table, Account::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_board_visit_cluster",
                        (BoardVisit::Table, BoardVisit::ClusterId),
                        (Cluster::Table, Cluster::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BoardVisit::Table).to_owned())
            .await
    }
}
