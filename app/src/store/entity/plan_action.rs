use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_action")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub assessment_id: i64,
    pub indicator_id: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub success_measure: String,
    #[sea_orm(column_type = "Text")]
    pub progress: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
