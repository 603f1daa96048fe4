use sea_orm::entity::prelude::*;

/// A school's survey of learners, families or staff.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    /// The unguessable part of the answering link.
    #[sea_orm(unique)]
    pub link: String,
    pub school_id: i64,
    pub framework_id: String,
    pub title: String,
    pub audience: String,
    pub easy_read: bool,
    /// A JSON list of questions.
    #[sea_orm(column_type = "Text")]
    pub questions: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
