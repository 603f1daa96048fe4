//! The fee schedules: one per award, in its own currency, each taking
//! effect from a day. Certification admins set them; anyone signed in
//! may read them; a school's page shows what its next review costs. The
//! page, server functions and view types live here together.

pub mod page;

use crate::domain::fees::FeeSchedule;
use crate::domain::Text;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An award fees can be set for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeAward {
    pub id: String,
    pub title: Text,
    pub framework_title: Text,
    /// The framework's own language, the fallback for its texts.
    pub default_language: String,
}

/// The fees page: every award and every schedule, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeesView {
    pub awards: Vec<FeeAward>,
    pub schedules: Vec<FeeSchedule>,
    /// `YYYY-MM-DD`: new schedules take effect from today or later.
    pub today: String,
    pub may_change: bool,
}

/// One band row of the form: blank "to" means no upper limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeRow {
    pub min: String,
    pub max: String,
    pub year1: String,
    pub year2: String,
    pub year3: String,
}

/// Every award's fee schedules (anyone signed in may read them).
#[server(endpoint = "fee_schedule")]
pub async fn fee_schedules() -> Result<FeesView, AppError> {
    let store = crate::api::store()?;
    let (_, signed_in) = crate::api::signed_in()?;
    let mut awards: Vec<FeeAward> = Vec::new();
    for summary in store.list_frameworks().await.map_err(crate::api::failed)? {
        let Some(fw) = store
            .latest_framework(&summary.id)
            .await
            .map_err(crate::api::failed)?
        else {
            continue;
        };
        for award in &fw.awards {
            if awards.iter().all(|a| a.id != award.id) {
                awards.push(FeeAward {
                    id: award.id.clone(),
                    title: award.title.clone(),
                    framework_title: fw.title.clone(),
                    default_language: fw.default_language.clone(),
                });
            }
        }
    }
    Ok(FeesView {
        awards,
        schedules: store.fee_schedules().await.map_err(crate::api::failed)?,
        today: crate::api::today().to_string(),
        may_change: signed_in
            .viewer
            .may(crate::domain::Action::ManageAwards, None),
    })
}

/// Sets an award's fees from a day (admins): a new schedule, or a change
/// to one not yet in effect. Amounts have up to two decimals; blank rows
/// are left out.
#[server(endpoint = "set_fee_schedule")]
pub async fn set_fee_schedule(
    award: String,
    currency: String,
    effective_from: String,
    rows: Vec<FeeRow>,
) -> Result<(), AppError> {
    use crate::domain::fees::{new_schedule, parse_money, Currency, FeeBand};
    use crate::domain::Action;
    let (store, session, _) = crate::api::authorize(Action::ManageAwards).await?;
    let known = fee_schedules().await?;
    if known.awards.iter().all(|a| a.id != award) {
        return Err(AppError::InvalidChoice.respond());
    }
    let currency = Currency::parse(&currency).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let mut bands = Vec::new();
    for row in rows
        .iter()
        .filter(|r| !r.min.trim().is_empty() || !r.max.trim().is_empty())
    {
        let count = |v: &str| v.trim().replace(',', "").parse::<u32>().ok();
        let min = count(&row.min).ok_or_else(|| AppError::InvalidChoice.respond())?;
        let max = match row.max.trim() {
            "" => None,
            max => Some(count(max).ok_or_else(|| AppError::InvalidChoice.respond())?),
        };
        let mut yearly = [0u64; 3];
        for (slot, value) in yearly.iter_mut().zip([&row.year1, &row.year2, &row.year3]) {
            *slot = parse_money(value).ok_or_else(|| AppError::InvalidChoice.respond())?;
        }
        bands.push(FeeBand {
            min_learners: min,
            max_learners: max,
            yearly,
        });
    }
    let schedule = new_schedule(
        FeeSchedule {
            award,
            currency,
            effective_from,
            bands,
        },
        &crate::api::today().to_string(),
    )
    .map_err(|problem| AppError::InvalidFees { problem }.respond())?;
    // Only a schedule not yet in effect may be replaced.
    let in_effect = known.schedules.iter().any(|s| {
        s.award == schedule.award
            && s.effective_from == schedule.effective_from
            && s.effective_from <= known.today
    });
    if in_effect {
        let problem = crate::domain::fees::FeeScheduleError::Backdated;
        return Err(AppError::InvalidFees { problem }.respond());
    }
    store
        .save_fee_schedule(&schedule, &session.actor())
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form("/admin/fees");
    Ok(())
}
