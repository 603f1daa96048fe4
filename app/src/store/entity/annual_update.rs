use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "annual_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub cluster_id: i64,
    pub year: i32,
    pub element_id: String,
    #[sea_orm(column_type = "Text")]
    pub progress: String,
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    #[sea_orm(column_type = "Text")]
    pub next_steps: String,
    pub edited_by: String,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    /// Counts saves, so one over someone else's newer words is refused.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
