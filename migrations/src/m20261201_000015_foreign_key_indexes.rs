//! Indexes on the foreign keys that were lookups without one. Neither SQLite
//! nor PostgreSQL indexes a foreign key by itself: at 5,000 schools, a
//! self-assessment's evidence was found by reading all 15,000 pieces, a
//! board's columns by reading all 2,000, a school's networks by reading
//! every membership. Found with `EXPLAIN QUERY PLAN` on a generated network.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (index, table, column): each foreign key a page or a cascade looks up.
const INDEXES: [(&str, &str, &str); 18] = [
    ("ix_evidence_assessment", "evidence", "assessment_id"),
    ("ix_plan_action_assessment", "plan_action", "assessment_id"),
    ("ix_award_review", "award", "review_id"),
    ("ix_network_school_school", "network_school", "school_id"),
    ("ix_board_column_cluster", "board_column", "cluster_id"),
    ("ix_card_column", "card", "column_id"),
    ("ix_card_school", "card", "school_id"),
    ("ix_card_comment_card", "card_comment", "card_id"),
    (
        "ix_cluster_meeting_cluster",
        "cluster_meeting",
        "cluster_id",
    ),
    ("ix_cluster_lead_school", "cluster", "lead_school_id"),
    (
        "ix_meeting_attendance_school",
        "meeting_attendance",
        "school_id",
    ),
    ("ix_research_step_activity", "research_step", "activity_id"),
    (
        "ix_element_assignment_account",
        "element_assignment",
        "account_id",
    ),
    (
        "ix_self_assessment_started_by",
        "self_assessment",
        "started_by",
    ),
    ("ix_review_signed_off_by", "review", "signed_off_by"),
    ("ix_invitation_school", "invitation", "school_id"),
    ("ix_invitation_invited_by", "invitation", "invited_by"),
    ("ix_password_reset_account", "password_reset", "account_id"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, column) in INDEXES {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Alias::new(table))
                        .col(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
