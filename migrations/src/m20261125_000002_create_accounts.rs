use super::m20261125_000001_create_schools::School;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    PublicId,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    SchoolId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Account::Id))
                    .col(string_len_uniq(Account::PublicId, 36))
                    .col(string_len_uniq(Account::Email, 254))
                    .col(string_len(Account::DisplayName, 480))
                    .col(string_len(Account::PasswordHash, 200))
                    .col(string_len(Account::Role, 20))
                    .col(big_integer_null(Account::SchoolId))
                    .col(timestamp_with_time_zone(Account::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_account_school")
                            .from(Account::Table, Account::SchoolId)
                            .to(School::Table, School::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Account::Table).to_owned())
            .await
    }
}
