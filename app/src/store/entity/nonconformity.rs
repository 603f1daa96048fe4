use sea_orm::entity::prelude::*;

/// One entry of a school's register of non-conformities.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "nonconformity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub school_id: i64,
    pub framework_id: String,
    pub indicator: String,
    pub source: String,
    pub severity: String,
    #[sea_orm(column_type = "Text")]
    pub finding: String,
    #[sea_orm(column_type = "Text")]
    pub correction: String,
    #[sea_orm(column_type = "Text")]
    pub root_cause: String,
    #[sea_orm(column_type = "Text")]
    pub corrective_action: String,
    pub owner: String,
    pub due_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub effectiveness: String,
    pub raised_by: String,
    pub raised_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub version: i32,
    /// The public id of the internal audit whose finding raised it.
    pub audit_id: Option<String>,
    /// The plan action its corrective action became (public id).
    pub plan_action_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
