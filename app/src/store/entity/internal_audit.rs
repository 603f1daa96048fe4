use sea_orm::entity::prelude::*;

/// One internal audit of a school: its plan, summary and closing day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "internal_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub school_id: i64,
    pub framework_id: String,
    /// A JSON list of element ids.
    #[sea_orm(column_type = "Text")]
    pub scope: String,
    /// A JSON list of `{account, name}`.
    #[sea_orm(column_type = "Text")]
    pub auditors: String,
    pub auditee_account: String,
    pub auditee_name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub closed_on: Option<Date>,
    pub planned_by: String,
    pub planned_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
