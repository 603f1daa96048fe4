use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "framework_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub framework_id: String,
    pub version: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub source: String,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
