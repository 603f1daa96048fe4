//! A school's register of non-conformities and corrective action: what was
//! found against which indicator, how serious it is, its treatment, and
//! when it closed after a check that the action worked.

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
enum Nonconformity {
    Table,
    Id,
    PublicId,
    SchoolId,
    FrameworkId,
    Indicator,
    Source,
    Severity,
    Finding,
    Correction,
    RootCause,
    CorrectiveAction,
    Owner,
    DueOn,
    Effectiveness,
    RaisedBy,
    RaisedAt,
    ClosedAt,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Nonconformity::Table)
                    .col(big_pk_auto(Nonconformity::Id))
                    .col(string_len_uniq(Nonconformity::PublicId, 36))
                    .col(big_integer(Nonconformity::SchoolId))
                    .col(string_len(Nonconformity::FrameworkId, 100))
                    .col(string_len(Nonconformity::Indicator, 100))
                    .col(string_len(Nonconformity::Source, 20))
                    .col(string_len(Nonconformity::Severity, 10))
                    .col(text(Nonconformity::Finding))
                    .col(text(Nonconformity::Correction).default(""))
                    .col(text(Nonconformity::RootCause).default(""))
                    .col(text(Nonconformity::CorrectiveAction).default(""))
                    .col(string_len(Nonconformity::Owner, 480).default(""))
                    .col(date_null(Nonconformity::DueOn))
                    .col(text(Nonconformity::Effectiveness).default(""))
                    .col(string_len(Nonconformity::RaisedBy, 480))
                    .col(timestamp_with_time_zone(Nonconformity::RaisedAt))
                    .col(timestamp_with_time_zone_null(Nonconformity::ClosedAt))
                    .col(integer(Nonconformity::Version).default(1))
                    .foreign_key(&mut cascade(
                        "fk_nonconformity_school",
                        (Nonconformity::Table, Nonconformity::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_nonconformity_school")
                    .table(Nonconformity::Table)
                    .col(Nonconformity::SchoolId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Nonconformity::Table).to_owned())
            .await
    }
}
