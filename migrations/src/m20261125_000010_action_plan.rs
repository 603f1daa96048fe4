//! The action plan: what the school will do about its gaps, tied to
//! indicators, with an owner, a due date, a status, how success will be
//! known, and progress notes. Actions not done carry into the next cycle.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SelfAssessment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PlanAction {
    Table,
    Id,
    PublicId,
    AssessmentId,
    IndicatorId,
    Description,
    Owner,
    DueOn,
    Status,
    SuccessMeasure,
    Progress,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanAction::Table)
                    .col(big_pk_auto(PlanAction::Id))
                    .col(string_len_uniq(PlanAction::PublicId, 36))
                    .col(big_integer(PlanAction::AssessmentId))
                    .col(string_len(PlanAction::IndicatorId, 100))
                    .col(text(PlanAction::Description))
                    .col(string_len(PlanAction::Owner, 120))
                    .col(date_null(PlanAction::DueOn))
                    .col(string_len(PlanAction::Status, 20))
                    .col(text(PlanAction::SuccessMeasure))
                    .col(text(PlanAction::Progress))
                    .col(integer(PlanAction::Version))
                    .col(timestamp_with_time_zone(PlanAction::CreatedAt))
                    .col(timestamp_with_time_zone(PlanAction::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_action_assessment")
                            .from(PlanAction::Table, PlanAction::AssessmentId)
                            .to(SelfAssessment::Table, SelfAssessment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PlanAction::Table).to_owned())
            .await
    }
}
