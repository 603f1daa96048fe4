use sea_orm::entity::prelude::*;

/// A research project's review for one year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "research_review")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub activity_id: i64,
    pub year: i32,
    /// The previous review's next steps, as they stood when this one began.
    #[sea_orm(column_type = "Text")]
    pub carried_forward: String,
    #[sea_orm(column_type = "Text")]
    pub progress: String,
    #[sea_orm(column_type = "Text")]
    pub next_steps: String,
    pub reviewed_by: i64,
    pub reviewed_at: DateTimeUtc,
    /// Counts saves, so one over someone else's newer words is refused.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
