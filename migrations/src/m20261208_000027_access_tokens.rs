//! Personal access tokens: a person's named, scoped keys to the JSON API.
//! Only a hash of each secret is stored; revoking keeps the row for the
//! profile page's history and the audit log.

use super::m20261125_000004_memberships::Account;
use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccessToken {
    Table,
    Id,
    PublicId,
    AccountId,
    Name,
    Scope,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccessToken::Table)
                    .col(big_pk_auto(AccessToken::Id))
                    .col(string_uniq(AccessToken::PublicId))
                    .col(big_integer(AccessToken::AccountId))
                    .col(string(AccessToken::Name))
                    .col(string(AccessToken::Scope))
                    .col(string_uniq(AccessToken::TokenHash))
                    .col(timestamp_with_time_zone(AccessToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(AccessToken::LastUsedAt))
                    .col(timestamp_with_time_zone_null(AccessToken::RevokedAt))
                    .foreign_key(&mut cascade(
                        "fk_access_token_account",
                        (AccessToken::Table, AccessToken::AccountId),
                        (Account::Table, Account::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_access_token_account")
                    .table(AccessToken::Table)
                    .col(AccessToken::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccessToken::Table).to_owned())
            .await
    }
}
