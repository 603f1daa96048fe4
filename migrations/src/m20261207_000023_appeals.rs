//! Appeals against signed-off decisions: one per review, lodged by the
//! school within the appeal time, decided by an assessor who had no part
//! in the review, with the outcome recorded.

use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Review {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Appeal {
    Table,
    Id,
    PublicId,
    ReviewId,
    Grounds,
    LodgedBy,
    LodgedAt,
    AssessorId,
    Outcome,
    Note,
    Award,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Appeal::Table)
                    .col(big_pk_auto(Appeal::Id))
                    .col(string_len_uniq(Appeal::PublicId, 36))
                    .col(big_integer_uniq(Appeal::ReviewId))
                    .col(text(Appeal::Grounds))
                    .col(string_len(Appeal::LodgedBy, 480))
                    .col(timestamp_with_time_zone(Appeal::LodgedAt))
                    .col(big_integer_null(Appeal::AssessorId))
                    .col(string_len_null(Appeal::Outcome, 20))
                    .col(text(Appeal::Note).default(""))
                    .col(string_len_null(Appeal::Award, 100))
                    .col(timestamp_with_time_zone_null(Appeal::DecidedAt))
                    .foreign_key(&mut cascade(
                        "fk_appeal_review",
                        (Appeal::Table, Appeal::ReviewId),
                        (Review::Table, Review::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Appeal::Table).to_owned())
            .await
    }
}
