//! Fee schedules: one per award and day it takes effect, with their bands.

use super::audit::{record, Actor, Change};
use super::entity::{fee_schedule, fee_schedule_band};
use super::{Store, StoreError, StoreResult};
use crate::domain::fees::{Currency, FeeBand, FeeSchedule};
use crate::domain::AuditAction;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

impl Store {
    /// Every schedule, oldest first, with its bands in order.
    pub async fn fee_schedules(&self) -> StoreResult<Vec<FeeSchedule>> {
        let schedules = fee_schedule::Entity::find()
            .order_by_asc(fee_schedule::Column::EffectiveFrom)
            .order_by_asc(fee_schedule::Column::AwardId)
            .all(&self.db)
            .await?;
        let mut bands: HashMap<i64, Vec<FeeBand>> = HashMap::new();
        for b in fee_schedule_band::Entity::find()
            .order_by_asc(fee_schedule_band::Column::MinLearners)
            .all(&self.db)
            .await?
        {
            bands.entry(b.schedule_id).or_default().push(FeeBand {
                min_learners: u32::try_from(b.min_learners).unwrap_or(0),
                max_learners: b.max_learners.and_then(|m| u32::try_from(m).ok()),
                yearly: [b.year1, b.year2, b.year3].map(|x| u64::try_from(x).unwrap_or(0)),
            });
        }
        Ok(schedules
            .into_iter()
            .map(|s| FeeSchedule {
                bands: bands.remove(&s.id).unwrap_or_default(),
                award: s.award_id,
                currency: Currency::parse(&s.currency).unwrap_or_default(),
                effective_from: s.effective_from.to_string(),
            })
            .collect())
    }

    /// Keeps a schedule (already checked by the domain), replacing the one
    /// for the same award from the same day if there is one.
    pub async fn save_fee_schedule(
        &self,
        schedule: &FeeSchedule,
        actor: &Actor,
    ) -> StoreResult<()> {
        let day = chrono::NaiveDate::parse_from_str(&schedule.effective_from, "%Y-%m-%d")
            .map_err(|_| StoreError::Conflict("fee schedule date"))?;
        let txn = self.write().await?;
        // The schedule it replaces, if any: one not yet in effect.
        let replaced: Vec<i64> = fee_schedule::Entity::find()
            .filter(fee_schedule::Column::AwardId.eq(&schedule.award))
            .filter(fee_schedule::Column::EffectiveFrom.eq(day))
            .all(&txn)
            .await?
            .into_iter()
            .map(|s| s.id)
            .collect();
        if !replaced.is_empty() {
            fee_schedule_band::Entity::delete_many()
                .filter(fee_schedule_band::Column::ScheduleId.is_in(replaced.clone()))
                .exec(&txn)
                .await?;
            fee_schedule::Entity::delete_many()
                .filter(fee_schedule::Column::Id.is_in(replaced.clone()))
                .exec(&txn)
                .await?;
        }
        let saved = fee_schedule::ActiveModel {
            award_id: Set(schedule.award.clone()),
            currency: Set(schedule.currency.code().to_owned()),
            effective_from: Set(day),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for b in &schedule.bands {
            let money = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
            let count = |x: u32| i32::try_from(x).unwrap_or(i32::MAX);
            fee_schedule_band::ActiveModel {
                schedule_id: Set(saved.id),
                min_learners: Set(count(b.min_learners)),
                max_learners: Set(b.max_learners.map(count)),
                year1: Set(money(b.yearly[0])),
                year2: Set(money(b.yearly[1])),
                year3: Set(money(b.yearly[2])),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let mut c = Change::new(AuditAction::FeesUpdated, "fee_schedule", &schedule.award);
        c.before = Some(serde_json::json!({ "replaced": !replaced.is_empty() }));
        c.after = Some(serde_json::to_value(schedule).unwrap_or_default());
        record(&txn, actor, c).await?;
        txn.commit().await?;
        Ok(())
    }
}
