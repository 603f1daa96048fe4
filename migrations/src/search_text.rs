//! The school search's folded text: what a school's name and town are
//! matched against, the same on SQLite and PostgreSQL. It is written with
//! each school (`Store::add_school`, the generator) and by the migrations
//! that change how text is folded.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

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
/// are the same word to a search. Letters that are not a base letter and an
/// accent are written as people type them without the letter: "ł" as "l",
/// "ø" as "o", "ß" as "ss", "æ" as "ae", so "lodz" finds "Łódź".
pub fn search_folded(text: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let mut folded = String::with_capacity(text.len());
    for c in text.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ł' | 'ŀ' => folded.push('l'),
            'ø' => folded.push('o'),
            'đ' | 'ð' => folded.push('d'),
            'ħ' => folded.push('h'),
            'ı' => folded.push('i'),
            'ŧ' => folded.push('t'),
            'ß' => folded.push_str("ss"),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'þ' => folded.push_str("th"),
            c => folded.push(c),
        }
    }
    folded.nfc().collect()
}

/// Folds every school's search text again, writing only those that change.
pub(crate) async fn refold_schools(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
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

#[cfg(test)]
mod tests {
    use super::{school_search_text, search_folded};

    #[test]
    fn search_text_is_lower_case_without_accents() {
        assert_eq!(search_folded("École ÉVRY"), "ecole evry");
        assert_eq!(search_folded("São Paulo"), "sao paulo");
        // Scripts without case or accents are kept whole (Hangul recomposed).
        assert_eq!(search_folded("上海 서울"), "上海 서울");
        assert_eq!(
            school_search_text("Öresund Skola", "Malmö"),
            "oresund skola malmo"
        );
    }

    #[test]
    fn letters_that_are_not_an_accented_letter_are_written_as_typed_without_them() {
        assert_eq!(search_folded("Łódź"), "lodz");
        assert_eq!(search_folded("Szkoła"), "szkola");
        assert_eq!(search_folded("Ørestad Skole"), "orestad skole");
        assert_eq!(search_folded("Straße"), "strasse");
        assert_eq!(search_folded("Þórshöfn"), "thorshofn");
        assert_eq!(search_folded("Đà Nẵng"), "da nang");
        assert_eq!(search_folded("İSTANBUL Kadıköy"), "istanbul kadikoy");
        assert_eq!(search_folded("Æbeltoft"), "aebeltoft");
    }
}
