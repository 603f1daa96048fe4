use sea_orm::entity::prelude::*;

/// An appeal against a signed-off review's decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appeal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    #[sea_orm(unique)]
    pub review_id: i64,
    #[sea_orm(column_type = "Text")]
    pub grounds: String,
    /// The name of the person who lodged it.
    pub lodged_by: String,
    pub lodged_at: DateTimeUtc,
    pub assessor_id: Option<i64>,
    pub outcome: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub award: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
