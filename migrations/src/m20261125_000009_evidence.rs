//! Evidence for a self-assessment: a link, a note, or (later) a stored
//! file, each titled and tied to one or more indicators.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SelfAssessment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Evidence {
    Table,
    Id,
    PublicId,
    AssessmentId,
    Title,
    Kind,
    Link,
    Note,
    FileHash,
    FileName,
    ContentType,
    Size,
    AddedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EvidenceIndicator {
    Table,
    EvidenceId,
    IndicatorId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Evidence::Table)
                    .col(big_pk_auto(Evidence::Id))
                    .col(string_len_uniq(Evidence::PublicId, 36))
                    .col(big_integer(Evidence::AssessmentId))
                    .col(string_len(Evidence::Title, 200))
                    .col(string_len(Evidence::Kind, 10))
                    .col(string_len_null(Evidence::Link, 2000))
                    .col(text_null(Evidence::Note))
                    .col(string_len_null(Evidence::FileHash, 64))
                    .col(string_len_null(Evidence::FileName, 255))
                    .col(string_len_null(Evidence::ContentType, 100))
                    .col(big_integer_null(Evidence::Size))
                    .col(string_len(Evidence::AddedBy, 480))
                    .col(timestamp_with_time_zone(Evidence::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_evidence_assessment")
                            .from(Evidence::Table, Evidence::AssessmentId)
                            .to(SelfAssessment::Table, SelfAssessment::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvidenceIndicator::Table)
                    .col(big_integer(EvidenceIndicator::EvidenceId))
                    .col(string_len(EvidenceIndicator::IndicatorId, 100))
                    .primary_key(
                        Index::create()
                            .col(EvidenceIndicator::EvidenceId)
                            .col(EvidenceIndicator::IndicatorId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_evidence_indicator_evidence")
                            .from(EvidenceIndicator::Table, EvidenceIndicator::EvidenceId)
                            .to(Evidence::Table, Evidence::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["evidence_indicator", "evidence"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
