use sea_orm::entity::prelude::*;

/// The follow-up of a review's deferred decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deferral")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    #[sea_orm(unique)]
    pub review_id: i64,
    /// The last day for the school to say how it met the conditions.
    pub due_on: Date,
    #[sea_orm(column_type = "Text")]
    pub response: String,
    /// The name of the person who wrote the response.
    pub responded_by: String,
    pub responded_at: Option<DateTimeUtc>,
    pub outcome: Option<String>,
    /// The award granted when the conditions were met.
    pub award: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
