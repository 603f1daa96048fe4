use sea_orm::entity::prelude::*;

/// A signed-off review's validated score on one element (or overall, with
/// an empty element id); the school's newest review's rows are `latest`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "validated_result")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_id: i64,
    pub review_id: i64,
    /// The framework the review's self-assessment used.
    pub framework_id: String,
    pub year: i32,
    pub element_id: String,
    /// Permille of the top level.
    pub score: i32,
    pub latest: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
