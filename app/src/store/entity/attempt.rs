use sea_orm::entity::prelude::*;

/// A sign-in or password-reset attempt, recorded before it is checked.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `sign_in` or `reset`.
    pub kind: String,
    /// The email typed (sign-in) or the address (reset).
    pub key: String,
    pub ip: String,
    pub at: DateTimeUtc,
    /// `pending` until checked, then `failed` or `ok`.
    pub outcome: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
