//! The physical accessibility walk of a self-assessment: one row per check
//! of the list that has been recorded, with its photo (evidence) and the
//! plan action its fix became.

use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SelfAssessment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AccessibilityCheck {
    Table,
    Id,
    AssessmentId,
    Item,
    Finding,
    Note,
    Fix,
    Owner,
    DueOn,
    PhotoEvidenceId,
    PlanActionId,
    Version,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccessibilityCheck::Table)
                    .col(big_pk_auto(AccessibilityCheck::Id))
                    .col(big_integer(AccessibilityCheck::AssessmentId))
                    .col(string_len(AccessibilityCheck::Item, 40))
                    .col(string_len(AccessibilityCheck::Finding, 16).default(""))
                    .col(text(AccessibilityCheck::Note).default(""))
                    .col(text(AccessibilityCheck::Fix).default(""))
                    .col(string_len(AccessibilityCheck::Owner, 480).default(""))
                    .col(date_null(AccessibilityCheck::DueOn))
                    .col(string_len_null(AccessibilityCheck::PhotoEvidenceId, 36))
                    .col(string_len_null(AccessibilityCheck::PlanActionId, 36))
                    .col(integer(AccessibilityCheck::Version).default(1))
                    .col(string_len(AccessibilityCheck::UpdatedBy, 480).default(""))
                    .col(timestamp_with_time_zone(AccessibilityCheck::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_accessibility_check_assessment",
                        (AccessibilityCheck::Table, AccessibilityCheck::AssessmentId),
                        (SelfAssessment::Table, SelfAssessment::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accessibility_check_item")
                    .table(AccessibilityCheck::Table)
                    .col(AccessibilityCheck::AssessmentId)
                    .col(AccessibilityCheck::Item)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccessibilityCheck::Table).to_owned())
            .await
    }
}
