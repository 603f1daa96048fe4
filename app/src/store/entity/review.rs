use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    #[sea_orm(unique)]
    pub assessment_id: i64,
    pub lead_assessor_id: i64,
    pub second_assessor_id: Option<i64>,
    pub due_on: Date,
    pub status: String,
    pub outcome: Option<String>,
    pub award: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub conditions: String,
    #[sea_orm(column_type = "Text")]
    pub report: String,
    /// JSON: the domain's moderation reasons.
    #[sea_orm(column_type = "Text")]
    pub moderation_reasons: String,
    pub moderation_agrees: Option<bool>,
    #[sea_orm(column_type = "Text")]
    pub moderation_note: String,
    pub visited_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub people_met: String,
    #[sea_orm(column_type = "Text")]
    pub classrooms: String,
    #[sea_orm(column_type = "Text")]
    pub visit_notes: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub signed_off_by: Option<i64>,
    pub signed_off_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
