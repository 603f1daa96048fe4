//! The fee schedule that prices each year's review.

use super::audit::{record, Actor, Change};
use super::entity::fee_band;
use super::{Store, StoreResult};
use crate::domain::calendar::FeeBand;
use crate::domain::AuditAction;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};

/// The fee schedule.
impl Store {
    pub async fn fee_bands(&self) -> StoreResult<Vec<FeeBand>> {
        Ok(fee_band::Entity::find()
            .order_by_asc(fee_band::Column::MinLearners)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|b| FeeBand {
                min_learners: u32::try_from(b.min_learners).unwrap_or(0),
                max_learners: u32::try_from(b.max_learners).unwrap_or(0),
                yearly: [b.year1, b.year2, b.year3].map(|x| u64::try_from(x).unwrap_or(0)),
            })
            .collect())
    }

    /// Replaces the whole schedule (already checked by the domain).
    pub async fn set_fee_bands(&self, bands: &[FeeBand], actor: &Actor) -> StoreResult<()> {
        let txn = self.write().await?;
        let before = fee_band::Entity::find().all(&txn).await?.len();
        fee_band::Entity::delete_many().exec(&txn).await?;
        for b in bands {
            let money = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
            fee_band::ActiveModel {
                min_learners: Set(i32::try_from(b.min_learners).unwrap_or(i32::MAX)),
                max_learners: Set(i32::try_from(b.max_learners).unwrap_or(i32::MAX)),
                year1: Set(money(b.yearly[0])),
                year2: Set(money(b.yearly[1])),
                year3: Set(money(b.yearly[2])),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let mut c = Change::new(AuditAction::FeesUpdated, "fee_schedule", "fees");
        c.before = Some(serde_json::json!({ "bands": before }));
        c.after = Some(serde_json::to_value(bands).unwrap_or_default());
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }
}
