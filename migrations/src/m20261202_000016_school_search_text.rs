//! A school's name and town in lower case and without accents, for the
//! school search. SQLite's `lower()` changes only the letters A to Z, so
//! searching `lower(name)` could not find "École" from "école" there; this
//! column is folded in Rust, the same on both databases, when a school is
//! written.

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
/// apart, folded by [`search_folded`]. (Searched words hold no spaces, so
/// none can match across the two.)
pub fn school_search_text(name: &str, city: &str) -> String {
    search_folded(&format!("{name} {city}"))
}

/// `text` in lower case without its accents, so that "ecole" and "École"
/// are the same word to a search. (Letters that are not a base letter and
/// an accent, such as "ł", stay as they are.)
pub fn search_folded(text: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .nfc()
        .collect::<String>()
        .to_lowercase()
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

#[cfg(test)]
mod tests {
    use super::{school_search_text, search_folded};

    #[test]
    fn search_text_is_lower_case_without_accents() {
        assert_eq!(search_folded("École ÉVRY"), "ecole evry");
        assert_eq!(search_folded("Łódź"), "łodz");
        assert_eq!(search_folded("São Paulo"), "sao paulo");
        // Scripts without case or accents are kept whole (Hangul recomposed).
        assert_eq!(search_folded("上海 서울"), "上海 서울");
        assert_eq!(
            school_search_text("Öresund Skola", "Malmö"),
            "oresund skola malmo"
        );
    }
}
