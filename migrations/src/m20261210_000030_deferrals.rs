//! A deferral's follow-up: when a decision is deferred until written
//! conditions are met, the school has until a day to say how it met them,
//! and a certification admin then records whether it did (granting the
//! award if so). One per review.

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
enum Deferral {
    Table,
    Id,
    PublicId,
    ReviewId,
    DueOn,
    Response,
    RespondedBy,
    RespondedAt,
    Outcome,
    Award,
    Note,
    DecidedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Deferral::Table)
                    .col(big_pk_auto(Deferral::Id))
                    .col(string_len_uniq(Deferral::PublicId, 36))
                    .col(big_integer_uniq(Deferral::ReviewId))
                    .col(date(Deferral::DueOn))
                    .col(text(Deferral::Response).default(""))
                    .col(string_len(Deferral::RespondedBy, 480).default(""))
                    .col(timestamp_with_time_zone_null(Deferral::RespondedAt))
                    .col(string_len_null(Deferral::Outcome, 20))
                    .col(string_len_null(Deferral::Award, 100))
                    .col(text(Deferral::Note).default(""))
                    .col(timestamp_with_time_zone_null(Deferral::DecidedAt))
                    .col(timestamp_with_time_zone(Deferral::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_deferral_review",
                        (Deferral::Table, Deferral::ReviewId),
                        (Review::Table, Review::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Deferral::Table).to_owned())
            .await
    }
}
