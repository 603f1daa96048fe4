//! Networks (alliances of schools: a school belongs to any number) and the
//! network admins who see their members' figures; and each school's current
//! award with its dates.

use super::m20261125_000001_create_schools::School;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Network {
    Table,
    Id,
    PublicId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum NetworkSchool {
    Table,
    NetworkId,
    SchoolId,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
}

/// The column memberships and invitations gain.
#[derive(DeriveIden)]
enum NetworkRef {
    NetworkId,
}

#[derive(DeriveIden)]
enum SchoolAward {
    CurrentAward,
    AwardSince,
    AwardUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Network::Table)
                    .col(big_pk_auto(Network::Id))
                    .col(string_len_uniq(Network::PublicId, 36))
                    .col(string_len_uniq(Network::Name, 480))
                    .col(timestamp_with_time_zone(Network::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NetworkSchool::Table)
                    .col(big_integer(NetworkSchool::NetworkId))
                    .col(big_integer(NetworkSchool::SchoolId))
                    .primary_key(
                        Index::create()
                            .col(NetworkSchool::NetworkId)
                            .col(NetworkSchool::SchoolId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_network_school_network")
                            .from(NetworkSchool::Table, NetworkSchool::NetworkId)
                            .to(Network::Table, Network::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_network_school_school")
                            .from(NetworkSchool::Table, NetworkSchool::SchoolId)
                            .to(School::Table, School::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // A network admin's membership (and invitation) names the network.
        // SQLite cannot add a constraint to an existing table: there the
        // store keeps the column consistent; PostgreSQL also enforces it.
        for table in [Membership::Table.into_iden(), Invitation::Table.into_iden()] {
            let mut alter = Table::alter();
            alter
                .table(table.clone())
                .add_column(big_integer_null(NetworkRef::NetworkId));
            if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Postgres {
                alter.add_foreign_key(
                    TableForeignKey::new()
                        .name(format!("fk_{table}_network"))
                        .from_tbl(table.clone())
                        .from_col(NetworkRef::NetworkId)
                        .to_tbl(Network::Table)
                        .to_col(Network::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                );
            }
            manager.alter_table(alter.to_owned()).await?;
        }
        for column in [
            string_len_null(SchoolAward::CurrentAward, 200),
            date_null(SchoolAward::AwardSince),
            date_null(SchoolAward::AwardUntil),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(School::Table)
                        .add_column(column.to_owned())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "networks are not removed by a migration".into(),
        ))
    }
}
