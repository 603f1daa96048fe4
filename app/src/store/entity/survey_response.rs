use sea_orm::entity::prelude::*;

/// One anonymous answer to a survey, from one device.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub survey_id: i64,
    /// A hash of the device's id with the survey's.
    pub device: String,
    /// A JSON list, one answer or null per question.
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    pub answered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
