//! Internal audits (ISO 21001 clause 9.2): each audit's plan (scope,
//! auditors, whose work is audited, days), its findings against indicators,
//! and its closing summary. A register entry raised by an audit's finding
//! names the audit it came from.

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
enum Nonconformity {
    Table,
    AuditId,
}

#[derive(DeriveIden)]
enum InternalAudit {
    Table,
    Id,
    PublicId,
    SchoolId,
    FrameworkId,
    /// A JSON list of element ids.
    Scope,
    /// A JSON list of `{account, name}`.
    Auditors,
    AuditeeAccount,
    AuditeeName,
    StartsOn,
    EndsOn,
    Summary,
    ClosedOn,
    PlannedBy,
    PlannedAt,
    Version,
}

#[derive(DeriveIden)]
enum InternalAuditFinding {
    Table,
    Id,
    AuditId,
    Indicator,
    Kind,
    Statement,
    Evidence,
    NonconformityId,
    RecordedBy,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InternalAudit::Table)
                    .col(big_pk_auto(InternalAudit::Id))
                    .col(string_len_uniq(InternalAudit::PublicId, 36))
                    .col(big_integer(InternalAudit::SchoolId))
                    .col(string_len(InternalAudit::FrameworkId, 100))
                    .col(text(InternalAudit::Scope))
                    .col(text(InternalAudit::Auditors))
                    .col(string_len(InternalAudit::AuditeeAccount, 36))
                    .col(string_len(InternalAudit::AuditeeName, 480))
                    .col(date(InternalAudit::StartsOn))
                    .col(date(InternalAudit::EndsOn))
                    .col(text(InternalAudit::Summary).default(""))
                    .col(date_null(InternalAudit::ClosedOn))
                    .col(string_len(InternalAudit::PlannedBy, 480))
                    .col(timestamp_with_time_zone(InternalAudit::PlannedAt))
                    .col(integer(InternalAudit::Version).default(1))
                    .foreign_key(&mut cascade(
                        "fk_internal_audit_school",
                        (InternalAudit::Table, InternalAudit::SchoolId),
                        (School::Table, School::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_internal_audit_school")
                    .table(InternalAudit::Table)
                    .col(InternalAudit::SchoolId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InternalAuditFinding::Table)
                    .col(big_pk_auto(InternalAuditFinding::Id))
                    .col(big_integer(InternalAuditFinding::AuditId))
                    .col(string_len(InternalAuditFinding::Indicator, 100))
                    .col(string_len(InternalAuditFinding::Kind, 20))
                    .col(text(InternalAuditFinding::Statement))
                    .col(text(InternalAuditFinding::Evidence))
                    .col(string_len_null(InternalAuditFinding::NonconformityId, 36))
                    .col(string_len(InternalAuditFinding::RecordedBy, 480))
                    .col(timestamp_with_time_zone(InternalAuditFinding::RecordedAt))
                    .foreign_key(&mut cascade(
                        "fk_internal_audit_finding_audit",
                        (InternalAuditFinding::Table, InternalAuditFinding::AuditId),
                        (InternalAudit::Table, InternalAudit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_internal_audit_finding_audit")
                    .table(InternalAuditFinding::Table)
                    .col(InternalAuditFinding::AuditId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Nonconformity::Table)
                    .add_column(string_len_null(Nonconformity::AuditId, 36))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Nonconformity::Table)
                    .drop_column(Nonconformity::AuditId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(InternalAuditFinding::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(InternalAudit::Table).to_owned())
            .await
    }
}
