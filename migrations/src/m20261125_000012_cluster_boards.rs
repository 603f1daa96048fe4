//! What clusters of schools do together: membership requests, a
//! development plan, the board of practice (columns, cards, comments,
//! "useful" reactions), meetings with attendance per school (the Flagship
//! award reads it), and the annual update against the framework's elements.

use super::m20261125_000001_create_schools::School;
use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Cluster {
    Table,
    Id,
    Description,
    DevelopmentPlan,
    FrameworkId,
}

#[derive(DeriveIden)]
enum ClusterSchool {
    Table,
    Status,
}

#[derive(DeriveIden)]
enum BoardColumn {
    Table,
    Id,
    ClusterId,
    Name,
    Position,
}

#[derive(DeriveIden)]
enum Card {
    Table,
    Id,
    PublicId,
    ClusterId,
    ColumnId,
    Position,
    Title,
    Body,
    BodyHtml,
    Elements,
    AuthorId,
    SchoolId,
    Version,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CardComment {
    Table,
    Id,
    CardId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CardReaction {
    Table,
    CardId,
    AccountId,
}

#[derive(DeriveIden)]
enum ClusterMeeting {
    Table,
    Id,
    PublicId,
    ClusterId,
    HeldOn,
    Agenda,
    Notes,
}

#[derive(DeriveIden)]
enum MeetingAttendance {
    Table,
    MeetingId,
    SchoolId,
    Attended,
}

#[derive(DeriveIden)]
enum AnnualUpdate {
    Table,
    Id,
    ClusterId,
    Year,
    ElementId,
    Progress,
    Evidence,
    NextSteps,
    EditedBy,
    UpdatedAt,
    SubmittedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            text(Cluster::Description).default("").to_owned(),
            text(Cluster::DevelopmentPlan).default("").to_owned(),
            string_len(Cluster::FrameworkId, 100)
                .default("inclusion-quality")
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cluster::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ClusterSchool::Table)
                    .add_column(string_len(ClusterSchool::Status, 20).default("member"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BoardColumn::Table)
                    .col(big_pk_auto(BoardColumn::Id))
                    .col(big_integer(BoardColumn::ClusterId))
                    .col(string_len(BoardColumn::Name, 240))
                    .col(integer(BoardColumn::Position))
                    .foreign_key(&mut cascade(
                        "fk_board_column_cluster",
                        (BoardColumn::Table, BoardColumn::ClusterId),
                        (Cluster::Table, Cluster::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Card::Table)
                    .col(big_pk_auto(Card::Id))
                    .col(string_len_uniq(Card::PublicId, 36))
                    .col(big_integer(Card::ClusterId))
                    .col(big_integer(Card::ColumnId))
                    .col(integer(Card::Position))
                    .col(string_len(Card::Title, 800))
                    .col(text(Card::Body))
                    .col(text(Card::BodyHtml))
                    .col(text(Card::Elements))
                    .col(big_integer(Card::AuthorId))
                    .col(big_integer(Card::SchoolId))
                    .col(integer(Card::Version))
                    .col(timestamp_with_time_zone_null(Card::PublishedAt))
                    .col(timestamp_with_time_zone(Card::CreatedAt))
                    .col(timestamp_with_time_zone(Card::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_card_cluster",
                        (Card::Table, Card::ClusterId),
                        (Cluster::Table, Cluster::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_card_column",
                        (Card::Table, Card::ColumnId),
                        (BoardColumn::Table, BoardColumn::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_card_school",
                        (Card::Table, Card::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_card_cluster")
                    .table(Card::Table)
                    .col(Card::ClusterId)
                    .col(Card::ColumnId)
                    .col(Card::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CardComment::Table)
                    .col(big_pk_auto(CardComment::Id))
                    .col(big_integer(CardComment::CardId))
                    .col(big_integer(CardComment::AuthorId))
                    .col(text(CardComment::Body))
                    .col(timestamp_with_time_zone(CardComment::CreatedAt))
                    .foreign_key(&mut cascade(
                        "fk_card_comment_card",
                        (CardComment::Table, CardComment::CardId),
                        (Card::Table, Card::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CardReaction::Table)
                    .col(big_integer(CardReaction::CardId))
                    .col(big_integer(CardReaction::AccountId))
                    .primary_key(
                        Index::create()
                            .col(CardReaction::CardId)
                            .col(CardReaction::AccountId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_card_reaction_card",
                        (CardReaction::Table, CardReaction::CardId),
                        (Card::Table, Card::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ClusterMeeting::Table)
                    .col(big_pk_auto(ClusterMeeting::Id))
                    .col(string_len_uniq(ClusterMeeting::PublicId, 36))
                    .col(big_integer(ClusterMeeting::ClusterId))
                    .col(date(ClusterMeeting::HeldOn))
                    .col(text(ClusterMeeting::Agenda))
                    .col(text(ClusterMeeting::Notes))
                    .foreign_key(&mut cascade(
                        "fk_cluster_meeting_cluster",
                        (ClusterMeeting::Table, ClusterMeeting::ClusterId),
                        (Cluster::Table, Cluster::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingAttendance::Table)
                    .col(big_integer(MeetingAttendance::MeetingId))
                    .col(big_integer(MeetingAttendance::SchoolId))
                    .col(boolean(MeetingAttendance::Attended))
                    .primary_key(
                        Index::create()
                            .col(MeetingAttendance::MeetingId)
                            .col(MeetingAttendance::SchoolId),
                    )
                    .foreign_key(&mut cascade(
                        "fk_meeting_attendance_meeting",
                        (MeetingAttendance::Table, MeetingAttendance::MeetingId),
                        (ClusterMeeting::Table, ClusterMeeting::Id),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_meeting_attendance_school",
                        (MeetingAttendance::Table, MeetingAttendance::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AnnualUpdate::Table)
                    .col(big_pk_auto(AnnualUpdate::Id))
                    .col(big_integer(AnnualUpdate::ClusterId))
                    .col(integer(AnnualUpdate::Year))
                    .col(string_len(AnnualUpdate::ElementId, 100))
                    .col(text(AnnualUpdate::Progress))
                    .col(text(AnnualUpdate::Evidence))
                    .col(text(AnnualUpdate::NextSteps))
                    .col(string_len(AnnualUpdate::EditedBy, 480))
                    .col(timestamp_with_time_zone(AnnualUpdate::UpdatedAt))
                    .col(timestamp_with_time_zone_null(AnnualUpdate::SubmittedAt))
                    .foreign_key(&mut cascade(
                        "fk_annual_update_cluster",
                        (AnnualUpdate::Table, AnnualUpdate::ClusterId),
                        (Cluster::Table, Cluster::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_annual_update_element")
                    .table(AnnualUpdate::Table)
                    .col(AnnualUpdate::ClusterId)
                    .col(AnnualUpdate::Year)
                    .col(AnnualUpdate::ElementId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "annual_update",
            "meeting_attendance",
            "cluster_meeting",
            "card_reaction",
            "card_comment",
            "card",
            "board_column",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        for column in ["description", "development_plan", "framework_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Cluster::Table)
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ClusterSchool::Table)
                    .drop_column(ClusterSchool::Status)
                    .to_owned(),
            )
            .await
    }
}
