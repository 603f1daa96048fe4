//! A school's yearly management review (ISO 21001): what leadership
//! reviewed and decided, one record per school and year.

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
enum ManagementReview {
    Table,
    Id,
    SchoolId,
    Year,
    HeldOn,
    Attendees,
    AuditResults,
    Feedback,
    Nonconformities,
    ActionPlan,
    Objectives,
    Decisions,
    RecordedBy,
    RecordedAt,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ManagementReview::Table)
                    .col(big_pk_auto(ManagementReview::Id))
                    .col(big_integer(ManagementReview::SchoolId))
                    .col(integer(ManagementReview::Year))
                    .col(date(ManagementReview::HeldOn))
                    .col(text(ManagementReview::Attendees).default(""))
                    .col(text(ManagementReview::AuditResults).default(""))
                    .col(text(ManagementReview::Feedback).default(""))
                    .col(text(ManagementReview::Nonconformities).default(""))
                    .col(text(ManagementReview::ActionPlan).default(""))
                    .col(text(ManagementReview::Objectives).default(""))
                    .col(text(ManagementReview::Decisions))
                    .col(string_len(ManagementReview::RecordedBy, 480))
                    .col(timestamp_with_time_zone(ManagementReview::RecordedAt))
                    .col(integer(ManagementReview::Version).default(1))
                    .foreign_key(&mut cascade(
                        "fk_management_review_school",
                        (ManagementReview::Table, ManagementReview::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_management_review_school_year")
                    .table(ManagementReview::Table)
                    .col(ManagementReview::SchoolId)
                    .col(ManagementReview::Year)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ManagementReview::Table).to_owned())
            .await
    }
}
