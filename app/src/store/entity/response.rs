use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assessment_id: i64,
    pub indicator_id: String,
    pub level: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub narrative: String,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
    /// The year of the earlier cycle it was copied from, until confirmed or changed.
    pub carried_from: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
