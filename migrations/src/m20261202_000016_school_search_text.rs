//! A school's name and town in lower case and without accents, for the
//! school search. SQLite's `lower()` changes only the letters A to Z, so
//! searching `lower(name)` could not find "École" from "école" there; this
//! column is folded in Rust ([`crate::search_text`]), the same on both
//! databases, when a school is written.

use crate::search_text::refold_schools;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum School {
    Table,
    SearchText,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(School::Table)
                    .add_column(
                        ColumnDef::new(School::SearchText)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        // Most schools at once in SQL (right for names in A to Z), then in
        // Rust the few with other letters.
        manager
            .exec_stmt(
                Query::update()
                    .table(School::Table)
                    .value(School::SearchText, Expr::cust("lower(name || ' ' || city)"))
                    .to_owned(),
            )
            .await?;
        refold_schools(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(School::Table)
                    .drop_column(School::SearchText)
                    .to_owned(),
            )
            .await
    }
}
