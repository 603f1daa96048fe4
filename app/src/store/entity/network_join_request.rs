use sea_orm::entity::prelude::*;

/// A school's request to join a network (one per school and network).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "network_join_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub network_id: i64,
    pub school_id: i64,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub state: String,
    pub asked_by: String,
    pub asked_at: DateTimeUtc,
    pub answered_by: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
