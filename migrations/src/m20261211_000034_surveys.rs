//! Surveys of learners, families and staff: each survey's questions (tied
//! to a framework's indicators) and its link, and the anonymous answers,
//! one per device (a random id the browser keeps, stored only as a hash
//! with the survey, so answers cannot be linked across surveys).

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
enum Survey {
    Table,
    Id,
    PublicId,
    /// The unguessable part of the answering link.
    Link,
    SchoolId,
    FrameworkId,
    Title,
    Audience,
    EasyRead,
    /// A JSON list of questions.
    Questions,
    CreatedBy,
    CreatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum SurveyResponse {
    Table,
    Id,
    SurveyId,
    Device,
    /// A JSON list, one answer or null per question.
    Answers,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Survey::Table)
                    .col(big_pk_auto(Survey::Id))
                    .col(string_len_uniq(Survey::PublicId, 36))
                    .col(string_len_uniq(Survey::Link, 64))
                    .col(big_integer(Survey::SchoolId))
                    .col(string_len(Survey::FrameworkId, 100))
                    .col(string_len(Survey::Title, 2000))
                    .col(string_len(Survey::Audience, 20))
                    .col(boolean(Survey::EasyRead))
                    .col(text(Survey::Questions))
                    .col(string_len(Survey::CreatedBy, 480))
                    .col(timestamp_with_time_zone(Survey::CreatedAt))
                    .col(timestamp_with_time_zone_null(Survey::ClosedAt))
                    .foreign_key(&mut cascade(
                        "fk_survey_school",
                        (Survey::Table, Survey::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_school")
                    .table(Survey::Table)
                    .col(Survey::SchoolId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyResponse::Table)
                    .col(big_pk_auto(SurveyResponse::Id))
                    .col(big_integer(SurveyResponse::SurveyId))
                    .col(string_len(SurveyResponse::Device, 64))
                    .col(text(SurveyResponse::Answers))
                    .col(timestamp_with_time_zone(SurveyResponse::AnsweredAt))
                    .foreign_key(&mut cascade(
                        "fk_survey_response_survey",
                        (SurveyResponse::Table, SurveyResponse::SurveyId),
                        (Survey::Table, Survey::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // One device answers once: a second answer breaks this index.
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_response_device")
                    .table(SurveyResponse::Table)
                    .col(SurveyResponse::SurveyId)
                    .col(SurveyResponse::Device)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SurveyResponse::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Survey::Table).to_owned())
            .await
    }
}
