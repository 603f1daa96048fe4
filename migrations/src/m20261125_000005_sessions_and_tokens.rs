//! Server-side sessions, invitations and password resets. Only a hash of
//! each secret token is stored: a copy of the database opens no accounts.

use super::m20261125_000001_create_schools::School;
use super::m20261125_000004_memberships::Account;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    TokenHash,
    AccountId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    PublicId,
    TokenHash,
    Email,
    Role,
    SchoolId,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum PasswordReset {
    Table,
    Id,
    TokenHash,
    AccountId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

fn to_account(from: (impl IntoIden, impl IntoIden), name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Account::Table, Account::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(big_pk_auto(Session::Id))
                    .col(string_len_uniq(Session::TokenHash, 64))
                    .col(big_integer(Session::AccountId))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .foreign_key(&mut to_account(
                        (Session::Table, Session::AccountId),
                        "fk_session_account",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_session_account")
                    .table(Session::Table)
                    .col(Session::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(big_pk_auto(Invitation::Id))
                    .col(string_len_uniq(Invitation::PublicId, 36))
                    .col(string_len_uniq(Invitation::TokenHash, 64))
                    .col(string_len(Invitation::Email, 254))
                    .col(string_len(Invitation::Role, 20))
                    .col(big_integer_null(Invitation::SchoolId))
                    .col(big_integer_null(Invitation::InvitedBy))
                    .col(timestamp_with_time_zone(Invitation::CreatedAt))
                    .col(timestamp_with_time_zone(Invitation::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitation::AcceptedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_school")
                            .from(Invitation::Table, Invitation::SchoolId)
                            .to(School::Table, School::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_inviter")
                            .from(Invitation::Table, Invitation::InvitedBy)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordReset::Table)
                    .col(big_pk_auto(PasswordReset::Id))
                    .col(string_len_uniq(PasswordReset::TokenHash, 64))
                    .col(big_integer(PasswordReset::AccountId))
                    .col(timestamp_with_time_zone(PasswordReset::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordReset::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordReset::UsedAt))
                    .foreign_key(&mut to_account(
                        (PasswordReset::Table, PasswordReset::AccountId),
                        "fk_password_reset_account",
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["password_reset", "invitation", "session"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
