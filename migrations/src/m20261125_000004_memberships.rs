//! People hold roles through memberships, not on the account itself: one
//! account, any number of roles at any number of schools (an assessor's
//! membership at a school is their assignment to it). Existing accounts keep
//! their role as their first membership. Schools gain region and contact.

use super::m20261125_000001_create_schools::School;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Account {
    Table,
    Id,
    PublicId,
    Email,
    DisplayName,
    PasswordHash,
    PreferredLanguage,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AccountNew {
    Table,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
    Id,
    AccountId,
    Role,
    SchoolId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SchoolExtra {
    Region,
    ContactEmail,
}

fn membership_table(account_table: impl IntoIden) -> TableCreateStatement {
    Table::create()
        .table(Membership::Table)
        .col(big_pk_auto(Membership::Id))
        .col(big_integer(Membership::AccountId))
        .col(string_len(Membership::Role, 20))
        .col(big_integer_null(Membership::SchoolId))
        .col(timestamp_with_time_zone(Membership::CreatedAt))
        .foreign_key(
            ForeignKey::create()
                .name("fk_membership_account")
                .from(Membership::Table, Membership::AccountId)
                .to(account_table, Account::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_membership_school")
                .from(Membership::Table, Membership::SchoolId)
                .to(School::Table, School::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

const COPY_MEMBERSHIPS: &str = "INSERT INTO membership (account_id, role, school_id, created_at) \
     SELECT id, role, school_id, created_at FROM account";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Sqlite {
            // SQLite cannot drop a column that has a foreign key: rebuild the
            // table. Renaming it afterwards also renames the references to it.
            // One batch, so that every step runs on the same connection.
            let backend = manager.get_database_backend();
            let account_new = Table::create()
                .table(AccountNew::Table)
                .col(big_pk_auto(Account::Id))
                .col(string_len_uniq(Account::PublicId, 36))
                .col(string_len_uniq(Account::Email, 254))
                .col(string_len(Account::DisplayName, 480))
                .col(string_len(Account::PasswordHash, 200))
                .col(string_len(Account::PreferredLanguage, 8).default("en"))
                .col(timestamp_with_time_zone(Account::CreatedAt))
                .to_owned();
            let batch = [
                backend.build(&account_new).to_string(),
                "INSERT INTO account_new (id, public_id, email, display_name, password_hash, created_at) \
                 SELECT id, public_id, email, display_name, password_hash, created_at FROM account"
                    .to_owned(),
                backend.build(&membership_table(AccountNew::Table)).to_string(),
                COPY_MEMBERSHIPS.to_owned(),
                "DROP TABLE account".to_owned(),
                "ALTER TABLE account_new RENAME TO account".to_owned(),
            ]
            .join(";\n");
            db.execute_unprepared(&batch).await?;
        } else {
            manager
                .create_table(membership_table(Account::Table))
                .await?;
            db.execute_unprepared(COPY_MEMBERSHIPS).await?;
            db.execute_unprepared(
                "ALTER TABLE account DROP COLUMN role, DROP COLUMN school_id, \
                 ADD COLUMN preferred_language varchar(8) NOT NULL DEFAULT 'en'",
            )
            .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_membership_account")
                    .table(Membership::Table)
                    .col(Membership::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_membership_school")
                    .table(Membership::Table)
                    .col(Membership::SchoolId)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [
            string_len(SchoolExtra::Region, 80).default(""),
            string_len(SchoolExtra::ContactEmail, 254).default(""),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(School::Table)
                        .add_column(column.to_owned())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "memberships cannot be folded back into one role per account".into(),
        ))
    }
}
