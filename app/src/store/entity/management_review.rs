use sea_orm::entity::prelude::*;

/// A school's management review for one year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "management_review")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_id: i64,
    pub year: i32,
    pub held_on: Date,
    #[sea_orm(column_type = "Text")]
    pub attendees: String,
    #[sea_orm(column_type = "Text")]
    pub audit_results: String,
    #[sea_orm(column_type = "Text")]
    pub feedback: String,
    #[sea_orm(column_type = "Text")]
    pub nonconformities: String,
    #[sea_orm(column_type = "Text")]
    pub action_plan: String,
    #[sea_orm(column_type = "Text")]
    pub objectives: String,
    #[sea_orm(column_type = "Text")]
    pub decisions: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
