//! Reminders the accreditation calendar calls for (a review due soon or
//! overdue, an award ending), each sent once: its key is kept here, so
//! several app servers checking the calendar send it once between them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReminderSent {
    Table,
    Key,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReminderSent::Table)
                    .col(string_len(ReminderSent::Key, 200).primary_key())
                    .col(timestamp_with_time_zone(ReminderSent::SentAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReminderSent::Table).to_owned())
            .await
    }
}
