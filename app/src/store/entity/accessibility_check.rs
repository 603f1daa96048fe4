use sea_orm::entity::prelude::*;

/// One recorded check of a self-assessment's accessibility walk.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accessibility_check")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assessment_id: i64,
    /// The check's key in `domain::accessibility::CHECKS`.
    pub item: String,
    /// What was found; empty until someone records it.
    pub finding: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    #[sea_orm(column_type = "Text")]
    pub fix: String,
    pub owner: String,
    pub due_on: Option<Date>,
    /// The evidence (public id) holding the check's photo.
    pub photo_evidence_id: Option<String>,
    /// The plan action (public id) its fix became.
    pub plan_action_id: Option<String>,
    pub version: i32,
    pub updated_by: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
