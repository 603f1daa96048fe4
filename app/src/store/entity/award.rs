use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "award")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub school_id: i64,
    pub review_id: Option<i64>,
    pub framework_id: String,
    pub framework_version: String,
    pub award_id: String,
    pub granted_on: Date,
    pub valid_until: Date,
    pub revoked_at: Option<DateTimeUtc>,
    pub suspended_at: Option<DateTimeUtc>,
    /// Why it was last suspended, reinstated or revoked.
    #[sea_orm(column_type = "Text")]
    pub status_reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
