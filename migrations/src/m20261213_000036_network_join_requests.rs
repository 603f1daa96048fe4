//! Schools' requests to join a network, answered by the network's admins:
//! one row per school and network, reopened when the school asks again.

use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum School {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Network {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum NetworkJoinRequest {
    Table,
    Id,
    PublicId,
    NetworkId,
    SchoolId,
    Message,
    State,
    AskedBy,
    AskedAt,
    AnsweredBy,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NetworkJoinRequest::Table)
                    .col(big_pk_auto(NetworkJoinRequest::Id))
                    .col(string_len(NetworkJoinRequest::PublicId, 36).unique_key())
                    .col(big_integer(NetworkJoinRequest::NetworkId))
                    .col(big_integer(NetworkJoinRequest::SchoolId))
                    .col(text(NetworkJoinRequest::Message).default(""))
                    .col(string_len(NetworkJoinRequest::State, 16))
                    .col(string_len(NetworkJoinRequest::AskedBy, 480))
                    .col(timestamp_with_time_zone(NetworkJoinRequest::AskedAt))
                    .col(string_len_null(NetworkJoinRequest::AnsweredBy, 480))
                    .col(timestamp_with_time_zone_null(
                        NetworkJoinRequest::AnsweredAt,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_network_join_request_network",
                        (NetworkJoinRequest::Table, NetworkJoinRequest::NetworkId),
                        (Network::Table, Network::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_network_join_request_school",
                        (NetworkJoinRequest::Table, NetworkJoinRequest::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_network_join_request_pair")
                    .table(NetworkJoinRequest::Table)
                    .col(NetworkJoinRequest::NetworkId)
                    .col(NetworkJoinRequest::SchoolId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_network_join_request_school")
                    .table(NetworkJoinRequest::Table)
                    .col(NetworkJoinRequest::SchoolId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NetworkJoinRequest::Table).to_owned())
            .await
    }
}
