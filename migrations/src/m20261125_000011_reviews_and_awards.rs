//! Assessors' reviews of submitted self-assessments (validated ratings,
//! requests for more evidence, the visit, moderation, the decision and its
//! sign-off), the awards they grant with a public certificate code, the fee
//! schedule, and clusters of schools (which conflicts of interest and the
//! Flagship prerequisites read).

use super::m20261125_000001_create_schools::School;
use super::m20261125_000004_memberships::Account;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SelfAssessment {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Cluster {
    Table,
    Id,
    PublicId,
    Name,
    LeadSchoolId,
    Kind,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ClusterSchool {
    Table,
    ClusterId,
    SchoolId,
}

#[derive(DeriveIden)]
enum Review {
    Table,
    Id,
    PublicId,
    AssessmentId,
    LeadAssessorId,
    SecondAssessorId,
    DueOn,
    Status,
    Outcome,
    Award,
    Conditions,
    Report,
    ModerationReasons,
    ModerationAgrees,
    ModerationNote,
    VisitedOn,
    PeopleMet,
    Classrooms,
    VisitNotes,
    Version,
    CreatedAt,
    UpdatedAt,
    SignedOffBy,
    SignedOffAt,
}

#[derive(DeriveIden)]
enum ReviewRating {
    Table,
    ReviewId,
    IndicatorId,
    Level,
    Comment,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EvidenceRequest {
    Table,
    Id,
    PublicId,
    ReviewId,
    IndicatorId,
    Message,
    AskedBy,
    AskedAt,
    Sent,
    Answer,
    AnsweredBy,
    AnsweredAt,
}

// `award_id` names the framework's award, as other tables name theirs.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Award {
    Table,
    Id,
    Code,
    SchoolId,
    ReviewId,
    FrameworkId,
    FrameworkVersion,
    AwardId,
    GrantedOn,
    ValidUntil,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FeeBand {
    Table,
    Id,
    MinLearners,
    MaxLearners,
    Year1,
    Year2,
    Year3,
}

/// A foreign key whose rows go when the row they point at goes.
pub(crate) fn cascade(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Cluster::Table)
                    .col(big_pk_auto(Cluster::Id))
                    .col(string_len_uniq(Cluster::PublicId, 36))
                    .col(string_len(Cluster::Name, 480))
                    .col(big_integer(Cluster::LeadSchoolId))
                    .col(string_len(Cluster::Kind, 20))
                    .col(timestamp_with_time_zone(Cluster::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_cluster_lead_school",
                        (Cluster::Table, Cluster::LeadSchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ClusterSchool::Table)
                    .col(big_integer(ClusterSchool::ClusterId))
                    .col(big_integer(ClusterSchool::SchoolId))
                    .primary_key(
                        Index::create()
                            .col(ClusterSchool::ClusterId)
                            .col(ClusterSchool::SchoolId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_cluster_school_cluster",
                        (ClusterSchool::Table, ClusterSchool::ClusterId),
                        (Cluster::Table, Cluster::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_cluster_school_school",
                        (ClusterSchool::Table, ClusterSchool::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_cluster_school_school")
                    .table(ClusterSchool::Table)
                    .col(ClusterSchool::SchoolId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Review::Table)
                    .col(big_pk_auto(Review::Id))
                    .col(string_len_uniq(Review::PublicId, 36))
                    .col(big_integer_uniq(Review::AssessmentId))
                    .col(big_integer(Review::LeadAssessorId))
                    .col(big_integer_null(Review::SecondAssessorId))
                    .col(date(Review::DueOn))
                    .col(string_len(Review::Status, 30))
                    .col(string_len_null(Review::Outcome, 20))
                    .col(string_len_null(Review::Award, 100))
                    .col(text(Review::Conditions))
                    .col(text(Review::Report))
                    .col(text(Review::ModerationReasons))
                    .col(boolean_null(Review::ModerationAgrees))
                    .col(text(Review::ModerationNote))
                    .col(date_null(Review::VisitedOn))
                    .col(text(Review::PeopleMet))
                    .col(text(Review::Classrooms))
                    .col(text(Review::VisitNotes))
                    .col(integer(Review::Version))
                    .col(timestamp_with_time_zone(Review::CreatedAt))
                    .col(timestamp_with_time_zone(Review::UpdatedAt))
                    .col(big_integer_null(Review::SignedOffBy))
                    .col(timestamp_with_time_zone_null(Review::SignedOffAt))
                    .foreign_key(&mut cascade(
                        "fk_review_assessment",
                        (Review::Table, Review::AssessmentId),
                        (SelfAssessment::Table, SelfAssessment::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_review_lead")
                            .from(Review::Table, Review::LeadAssessorId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_review_second")
                            .from(Review::Table, Review::SecondAssessorId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_review_signed_off_by")
                            .from(Review::Table, Review::SignedOffBy)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("ix_review_lead", Review::LeadAssessorId),
            ("ix_review_second", Review::SecondAssessorId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Review::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ReviewRating::Table)
                    .col(big_integer(ReviewRating::ReviewId))
                    .col(string_len(ReviewRating::IndicatorId, 100))
                    .col(string_len_null(ReviewRating::Level, 100))
                    .col(text(ReviewRating::Comment))
                    .col(timestamp_with_time_zone(ReviewRating::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(ReviewRating::ReviewId)
                            .col(ReviewRating::IndicatorId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_review_rating_review",
                        (ReviewRating::Table, ReviewRating::ReviewId),
                        (Review::Table, Review::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvidenceRequest::Table)
                    .col(big_pk_auto(EvidenceRequest::Id))
                    .col(string_len_uniq(EvidenceRequest::PublicId, 36))
                    .col(big_integer(EvidenceRequest::ReviewId))
                    .col(string_len(EvidenceRequest::IndicatorId, 100))
                    .col(text(EvidenceRequest::Message))
                    .col(string_len(EvidenceRequest::AskedBy, 480))
                    .col(timestamp_with_time_zone(EvidenceRequest::AskedAt))
                    .col(boolean(EvidenceRequest::Sent))
                    .col(text_null(EvidenceRequest::Answer))
                    .col(string_len_null(EvidenceRequest::AnsweredBy, 480))
                    .col(timestamp_with_time_zone_null(EvidenceRequest::AnsweredAt))
                    .foreign_key(&mut cascade(
                        "fk_evidence_request_review",
                        (EvidenceRequest::Table, EvidenceRequest::ReviewId),
                        (Review::Table, Review::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_evidence_request_review")
                    .table(EvidenceRequest::Table)
                    .col(EvidenceRequest::ReviewId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Award::Table)
                    .col(big_pk_auto(Award::Id))
                    .col(string_len_uniq(Award::Code, 20))
                    .col(big_integer(Award::SchoolId))
                    .col(big_integer_null(Award::ReviewId))
                    .col(string_len(Award::FrameworkId, 100))
                    .col(string_len(Award::FrameworkVersion, 50))
                    .col(string_len(Award::AwardId, 100))
                    .col(date(Award::GrantedOn))
                    .col(date(Award::ValidUntil))
                    .col(timestamp_with_time_zone_null(Award::RevokedAt))
                    .col(timestamp_with_time_zone(Award::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_award_school",
                        (Award::Table, Award::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_award_review")
                            .from(Award::Table, Award::ReviewId)
                            .to(Review::Table, Review::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_award_school")
                    .table(Award::Table)
                    .col(Award::SchoolId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FeeBand::Table)
                    .col(big_pk_auto(FeeBand::Id))
                    .col(integer(FeeBand::MinLearners))
                    .col(integer(FeeBand::MaxLearners))
                    .col(big_integer(FeeBand::Year1))
                    .col(big_integer(FeeBand::Year2))
                    .col(big_integer(FeeBand::Year3))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "fee_band",
            "award",
            "evidence_request",
            "review_rating",
            "review",
            "cluster_school",
            "cluster",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
