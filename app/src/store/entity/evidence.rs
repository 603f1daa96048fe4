use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub assessment_id: i64,
    pub title: String,
    pub kind: String,
    pub link: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub file_hash: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub size: Option<i64>,
    pub added_by: String,
    pub created_at: DateTimeUtc,
    /// The year of the earlier cycle it was copied from, until confirmed or changed.
    pub carried_from: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::evidence_indicator::Entity")]
    Indicators,
}

impl Related<super::evidence_indicator::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Indicators.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
