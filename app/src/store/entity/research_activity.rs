use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "research_activity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub cluster_id: i64,
    #[sea_orm(column_type = "Text")]
    pub question: String,
    /// The framework elements concerned, as a JSON array of ids.
    #[sea_orm(column_type = "Text")]
    pub elements: String,
    /// The participating schools, as a JSON array of school keys.
    #[sea_orm(column_type = "Text")]
    pub schools: String,
    #[sea_orm(column_type = "Text")]
    pub method: String,
    #[sea_orm(column_type = "Text")]
    pub findings: String,
    pub status: String,
    /// Whether this is the lead school's Flagship research project.
    pub flagship: bool,
    pub version: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
