use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "school")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub name: String,
    pub phase: String,
    pub city: String,
    pub learners: i32,
    pub region: String,
    pub contact_email: String,
    pub current_award: Option<String>,
    pub award_since: Option<Date>,
    pub award_until: Option<Date>,
    /// Whether the school lists its award in the public directory.
    pub directory_listed: bool,
    pub created_at: DateTimeUtc,
    /// Name and town in lower case, for the search (`migrations::school_search_text`).
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
