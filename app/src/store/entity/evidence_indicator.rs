use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_indicator")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub evidence_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub indicator_id: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::evidence::Entity",
        from = "Column::EvidenceId",
        to = "super::evidence::Column::Id"
    )]
    Evidence,
}

impl Related<super::evidence::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Evidence.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
