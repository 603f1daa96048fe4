//! Notifications: each person's list of what needs their attention, and
//! the kinds of email they have turned off (every kind is on by default).

use super::m20261125_000004_memberships::Account;
use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    PublicId,
    AccountId,
    Kind,
    Headline,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum EmailOff {
    Table,
    AccountId,
    Kind,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notification::Table)
                    .col(big_pk_auto(Notification::Id))
                    .col(string_len_uniq(Notification::PublicId, 36))
                    .col(big_integer(Notification::AccountId))
                    .col(string_len(Notification::Kind, 40))
                    .col(text(Notification::Headline))
                    .col(string_len(Notification::Link, 500))
                    .col(timestamp_with_time_zone(Notification::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notification::ReadAt))
                    .foreign_key(&mut cascade(
                        "fk_notification_account",
                        (Notification::Table, Notification::AccountId),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notification_account")
                    .table(Notification::Table)
                    .col(Notification::AccountId)
                    .col(Notification::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailOff::Table)
                    .col(big_integer(EmailOff::AccountId))
                    .col(string_len(EmailOff::Kind, 40))
                    .primary_key(Index::create().col(EmailOff::AccountId).col(EmailOff::Kind))
                    .foreign_key(&mut cascade(
                        "fk_email_off_account",
                        (EmailOff::Table, EmailOff::AccountId),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailOff::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Notification::Table).to_owned())
            .await
    }
}
