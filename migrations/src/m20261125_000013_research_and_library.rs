//! Clusters' classroom research (activities, a project's key steps, its
//! annual reviews with next steps carried forward), files attached to
//! cards, and an index for the network's practice library (published cards).

use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cluster {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Card {
    Table,
    Id,
    PublishedAt,
}

#[derive(DeriveIden)]
enum CardAttachment {
    Table,
    Id,
    PublicId,
    CardId,
    Name,
    ContentType,
    Size,
    Hash,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ResearchActivity {
    Table,
    Id,
    PublicId,
    ClusterId,
    Question,
    Elements,
    Schools,
    Method,
    Findings,
    Status,
    Flagship,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ResearchStep {
    Table,
    Id,
    ActivityId,
    Position,
    Description,
    People,
    StartsOn,
    EndsOn,
    Done,
}

#[derive(DeriveIden)]
enum ResearchReview {
    Table,
    Id,
    ActivityId,
    Year,
    CarriedForward,
    Progress,
    NextSteps,
    ReviewedBy,
    ReviewedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CardAttachment::Table)
                    .col(big_pk_auto(CardAttachment::Id))
                    .col(string_len_uniq(CardAttachment::PublicId, 36))
                    .col(big_integer(CardAttachment::CardId))
                    .col(string_len(CardAttachment::Name, 400))
                    .col(string_len(CardAttachment::ContentType, 120))
                    .col(big_integer(CardAttachment::Size))
                    .col(string_len(CardAttachment::Hash, 128))
                    .col(big_integer(CardAttachment::UploadedBy))
                    .col(timestamp_with_time_zone(CardAttachment::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_card_attachment_card",
                        (CardAttachment::Table, CardAttachment::CardId),
                        (Card::Table, Card::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_card_attachment_card")
                    .table(CardAttachment::Table)
                    .col(CardAttachment::CardId)
                    .to_owned(),
            )
            .await?;
        // The practice library lists published cards, newest first.
        manager
            .create_index(
                Index::create()
                    .name("ix_card_published")
                    .table(Card::Table)
                    .col(Card::PublishedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResearchActivity::Table)
                    .col(big_pk_auto(ResearchActivity::Id))
                    .col(string_len_uniq(ResearchActivity::PublicId, 36))
                    .col(big_integer(ResearchActivity::ClusterId))
                    .col(text(ResearchActivity::Question))
                    .col(text(ResearchActivity::Elements))
                    .col(text(ResearchActivity::Schools))
                    .col(text(ResearchActivity::Method))
                    .col(text(ResearchActivity::Findings))
                    .col(string_len(ResearchActivity::Status, 20))
                    .col(boolean(ResearchActivity::Flagship))
                    .col(integer(ResearchActivity::Version))
                    .col(big_integer(ResearchActivity::CreatedBy))
                    .col(timestamp_with_time_zone(ResearchActivity::CreatedAt))
                    .col(timestamp_with_time_zone(ResearchActivity::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_research_activity_cluster",
                        (ResearchActivity::Table, ResearchActivity::ClusterId),
                        (Cluster::Table, Cluster::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_research_activity_cluster")
                    .table(ResearchActivity::Table)
                    .col(ResearchActivity::ClusterId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResearchStep::Table)
                    .col(big_pk_auto(ResearchStep::Id))
                    .col(big_integer(ResearchStep::ActivityId))
                    .col(integer(ResearchStep::Position))
                    .col(text(ResearchStep::Description))
                    .col(text(ResearchStep::People))
                    .col(date_null(ResearchStep::StartsOn))
                    .col(date_null(ResearchStep::EndsOn))
                    .col(boolean(ResearchStep::Done))
                    .foreign_key(&mut cascade(
                        "fk_research_step_activity",
                        (ResearchStep::Table, ResearchStep::ActivityId),
                        (ResearchActivity::Table, ResearchActivity::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResearchReview::Table)
                    .col(big_pk_auto(ResearchReview::Id))
                    .col(big_integer(ResearchReview::ActivityId))
                    .col(integer(ResearchReview::Year))
                    .col(text(ResearchReview::CarriedForward))
                    .col(text(ResearchReview::Progress))
                    .col(text(ResearchReview::NextSteps))
                    .col(big_integer(ResearchReview::ReviewedBy))
                    .col(timestamp_with_time_zone(ResearchReview::ReviewedAt))
                    .foreign_key(&mut cascade(
                        "fk_research_review_activity",
                        (ResearchReview::Table, ResearchReview::ActivityId),
                        (ResearchActivity::Table, ResearchActivity::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_research_review_year")
                    .table(ResearchReview::Table)
                    .col(ResearchReview::ActivityId)
                    .col(ResearchReview::Year)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "research_review",
            "research_step",
            "research_activity",
            "card_attachment",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_card_published")
                    .table(Card::Table)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
