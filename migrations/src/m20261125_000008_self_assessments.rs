//! Self-assessments: a school's answers for one cycle against one framework
//! version, which elements are assigned to whom, and one response per
//! indicator with a version number so that concurrent edits are caught.

use super::m20261125_000001_create_schools::School;
use super::m20261125_000004_memberships::Account;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SelfAssessment {
    Table,
    Id,
    PublicId,
    SchoolId,
    FrameworkId,
    FrameworkVersion,
    Cycle,
    TargetAward,
    Status,
    StartedBy,
    CreatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ElementAssignment {
    Table,
    AssessmentId,
    ElementId,
    AccountId,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    AssessmentId,
    IndicatorId,
    Level,
    Narrative,
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
                    .table(SelfAssessment::Table)
                    .col(big_pk_auto(SelfAssessment::Id))
                    .col(string_len_uniq(SelfAssessment::PublicId, 36))
                    .col(big_integer(SelfAssessment::SchoolId))
                    .col(string_len(SelfAssessment::FrameworkId, 100))
                    .col(string_len(SelfAssessment::FrameworkVersion, 50))
                    .col(string_len(SelfAssessment::Cycle, 30))
                    .col(string_len(SelfAssessment::TargetAward, 100))
                    .col(string_len(SelfAssessment::Status, 20))
                    .col(big_integer_null(SelfAssessment::StartedBy))
                    .col(timestamp_with_time_zone(SelfAssessment::CreatedAt))
                    .col(timestamp_with_time_zone_null(SelfAssessment::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_self_assessment_school")
                            .from(SelfAssessment::Table, SelfAssessment::SchoolId)
                            .to(School::Table, School::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_self_assessment_starter")
                            .from(SelfAssessment::Table, SelfAssessment::StartedBy)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_self_assessment_school")
                    .table(SelfAssessment::Table)
                    .col(SelfAssessment::SchoolId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ElementAssignment::Table)
                    .col(big_integer(ElementAssignment::AssessmentId))
                    .col(string_len(ElementAssignment::ElementId, 100))
                    .col(big_integer(ElementAssignment::AccountId))
                    .primary_key(
                        Index::create()
                            .col(ElementAssignment::AssessmentId)
                            .col(ElementAssignment::ElementId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_element_assignment_assessment")
                            .from(ElementAssignment::Table, ElementAssignment::AssessmentId)
                            .to(SelfAssessment::Table, SelfAssessment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_element_assignment_account")
                            .from(ElementAssignment::Table, ElementAssignment::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Response::Table)
                    .col(big_pk_auto(Response::Id))
                    .col(big_integer(Response::AssessmentId))
                    .col(string_len(Response::IndicatorId, 100))
                    .col(string_len_null(Response::Level, 100))
                    .col(text(Response::Narrative))
                    .col(integer(Response::Version))
                    .col(string_len(Response::UpdatedBy, 480))
                    .col(timestamp_with_time_zone(Response::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_response_assessment")
                            .from(Response::Table, Response::AssessmentId)
                            .to(SelfAssessment::Table, SelfAssessment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_response_indicator")
                    .table(Response::Table)
                    .col(Response::AssessmentId)
                    .col(Response::IndicatorId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["response", "element_assignment", "self_assessment"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
