//! A school's name and town in lower case, for the school search. SQLite's
//! `lower()` changes only the letters A to Z, so searching `lower(name)`
//! could not find "École" from "école" there; this column is lowered in
//! Rust, the same on both databases, when a school is written.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum School {
    Table,
    Id,
    Name,
    City,
    SearchText,
}

/// What the school search matches words against: the name and the town,
/// in lower case, apart. (Searched words hold no spaces, so none can match
/// across the two.)
pub fn school_search_text(name: &str, city: &str) -> String {
    format!("{name} {city}").to_lowercase()
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
        // Most schools at once in SQL (right for A to Z everywhere), then
        // the few whose other letters SQLite left as they were.
        manager
            .exec_stmt(
                Query::update()
                    .table(School::Table)
                    .value(School::SearchText, Expr::cust("lower(name || ' ' || city)"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all_raw(
                backend.build(
                    Query::select()
                        .columns([School::Id, School::Name, School::City, School::SearchText])
                        .from(School::Table),
                ),
            )
            .await?;
        for row in rows {
            let (id, name, city, stored): (i64, String, String, String) = (
                row.try_get_by_index(0)?,
                row.try_get_by_index(1)?,
                row.try_get_by_index(2)?,
                row.try_get_by_index(3)?,
            );
            let text = school_search_text(&name, &city);
            if text != stored {
                manager
                    .exec_stmt(
                        Query::update()
                            .table(School::Table)
                            .value(School::SearchText, text)
                            .and_where(Expr::col(School::Id).eq(id))
                            .to_owned(),
                    )
                    .await?;
            }
        }
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
