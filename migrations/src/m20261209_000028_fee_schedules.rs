//! Fee schedules: one per award, each in its own currency and taking
//! effect from a day, with bands whose last may have no upper limit. The
//! single schedule kept so far becomes Inclusive School's, in pounds, in
//! effect from the start, so what was charged before is unchanged.

use super::m20261125_000011_reviews_and_awards::cascade;
use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FeeSchedule {
    Table,
    Id,
    AwardId,
    Currency,
    EffectiveFrom,
}

#[derive(DeriveIden)]
enum FeeScheduleBand {
    Table,
    Id,
    ScheduleId,
    MinLearners,
    MaxLearners,
    Year1,
    Year2,
    Year3,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FeeSchedule::Table)
                    .col(big_pk_auto(FeeSchedule::Id))
                    .col(string_len(FeeSchedule::AwardId, 120))
                    .col(string_len(FeeSchedule::Currency, 3))
                    .col(date(FeeSchedule::EffectiveFrom))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fee_schedule_award_day")
                    .table(FeeSchedule::Table)
                    .col(FeeSchedule::AwardId)
                    .col(FeeSchedule::EffectiveFrom)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FeeScheduleBand::Table)
                    .col(big_pk_auto(FeeScheduleBand::Id))
                    .col(big_integer(FeeScheduleBand::ScheduleId))
                    .col(integer(FeeScheduleBand::MinLearners))
                    .col(integer_null(FeeScheduleBand::MaxLearners))
                    .col(big_integer(FeeScheduleBand::Year1))
                    .col(big_integer(FeeScheduleBand::Year2))
                    .col(big_integer(FeeScheduleBand::Year3))
                    .foreign_key(&mut cascade(
                        "fk_fee_schedule_band_schedule",
                        (FeeScheduleBand::Table, FeeScheduleBand::ScheduleId),
                        (FeeSchedule::Table, FeeSchedule::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fee_schedule_band_schedule")
                    .table(FeeScheduleBand::Table)
                    .col(FeeScheduleBand::ScheduleId)
                    .to_owned(),
            )
            .await?;
        // The schedule kept so far, as Inclusive School's from the start.
        let start = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "DATE '2000-01-01'",
            _ => "'2000-01-01'",
        };
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO fee_schedule (award_id, currency, effective_from) \
             SELECT 'inclusive-school', 'GBP', {start} WHERE EXISTS (SELECT 1 FROM fee_band)"
        ))
        .await?;
        db.execute_unprepared(
            "INSERT INTO fee_schedule_band \
             (schedule_id, min_learners, max_learners, year1, year2, year3) \
             SELECT s.id, b.min_learners, b.max_learners, b.year1, b.year2, b.year3 \
             FROM fee_band b, fee_schedule s",
        )
        .await?;
        manager
            .drop_table(Table::drop().table(Alias::new("fee_band")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Back to one schedule: the first kept (Inclusive School's).
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("fee_band"))
                    .col(big_pk_auto(Alias::new("id")))
                    .col(integer(Alias::new("min_learners")))
                    .col(integer(Alias::new("max_learners")))
                    .col(big_integer(Alias::new("year1")))
                    .col(big_integer(Alias::new("year2")))
                    .col(big_integer(Alias::new("year3")))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO fee_band (min_learners, max_learners, year1, year2, year3) \
                 SELECT min_learners, COALESCE(max_learners, 2147483647), year1, year2, year3 \
                 FROM fee_schedule_band \
                 WHERE schedule_id = (SELECT MIN(id) FROM fee_schedule)",
            )
            .await?;
        for table in ["fee_schedule_band", "fee_schedule"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
