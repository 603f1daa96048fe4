//! What each year's review of an award costs: one fee schedule per award,
//! in its own currency, from the day it takes effect. A schedule prices a
//! school by its number of learners (bands, the last of which may have no
//! upper limit) and the year of the award's term. Schedules are never
//! changed once in effect: a new one takes over from its date, so a review
//! is priced by the schedule in effect when it fell due.

use serde::{Deserialize, Serialize};

/// The currencies fees are set in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    /// Pounds sterling, in pence.
    #[default]
    #[serde(rename = "GBP")]
    Gbp,
    /// Chinese yuan (renminbi), in fen.
    #[serde(rename = "CNY")]
    Cny,
}

impl Currency {
    pub const ALL: [Currency; 2] = [Currency::Gbp, Currency::Cny];

    /// Its ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Gbp => "GBP",
            Currency::Cny => "CNY",
        }
    }

    pub fn parse(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Gbp => "£",
            Currency::Cny => "¥",
        }
    }
}

/// One band of a schedule: the cost of each year of the term, in the
/// currency's minor unit, for a school of `min_learners` learners up to
/// `max_learners` (no limit when `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeBand {
    pub min_learners: u32,
    pub max_learners: Option<u32>,
    /// Costs in years 1, 2 and 3.
    pub yearly: [u64; 3],
}

impl FeeBand {
    fn covers(&self, learners: u32) -> bool {
        learners >= self.min_learners && self.max_learners.is_none_or(|max| learners <= max)
    }
}

/// The fees of one award from a day on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSchedule {
    /// The award's id in its framework ("inclusive-school").
    pub award: String,
    pub currency: Currency,
    /// The first day it applies, `YYYY-MM-DD`.
    pub effective_from: String,
    /// In order of size, not overlapping.
    pub bands: Vec<FeeBand>,
}

/// A price: an amount in the currency's minor unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    pub amount: u64,
    pub currency: Currency,
}

impl std::fmt::Display for Fee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_money(self.amount, self.currency))
    }
}

/// What is wrong with a fee schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum FeeScheduleError {
    #[error("a band's lowest number of learners is above its highest")]
    Inverted { band: usize },
    #[error("two bands overlap")]
    Overlap { band: usize },
    #[error("the schedule has no bands")]
    Empty,
    #[error("the schedule must take effect today or later")]
    Backdated,
    #[error("the date it takes effect is not a date")]
    NotADate,
}

/// Checks that bands are well-formed and do not overlap (only the last may
/// be open-ended); returns them in order.
pub fn fee_bands(mut bands: Vec<FeeBand>) -> Result<Vec<FeeBand>, FeeScheduleError> {
    if bands.is_empty() {
        return Err(FeeScheduleError::Empty);
    }
    if let Some(band) = bands
        .iter()
        .position(|b| b.max_learners.is_some_and(|max| b.min_learners > max))
    {
        return Err(FeeScheduleError::Inverted { band });
    }
    bands.sort_by_key(|b| b.min_learners);
    if let Some(band) = bands
        .windows(2)
        .position(|w| w[0].max_learners.is_none_or(|max| w[1].min_learners <= max))
    {
        return Err(FeeScheduleError::Overlap { band: band + 1 });
    }
    Ok(bands)
}

/// Checks a new schedule: its bands, and that it takes effect no earlier
/// than `today` (`YYYY-MM-DD`), so what past reviews cost never changes.
pub fn new_schedule(schedule: FeeSchedule, today: &str) -> Result<FeeSchedule, FeeScheduleError> {
    let day = schedule.effective_from.trim().to_owned();
    if crate::domain::calendar::Day::parse(&day).is_none() {
        return Err(FeeScheduleError::NotADate);
    }
    if day.as_str() < today {
        return Err(FeeScheduleError::Backdated);
    }
    Ok(FeeSchedule {
        bands: fee_bands(schedule.bands)?,
        effective_from: day,
        ..schedule
    })
}

/// The schedule for `award` in effect on `day`: the latest to take effect
/// on or before it.
pub fn schedule_on<'a>(
    schedules: &'a [FeeSchedule],
    award: &str,
    day: &str,
) -> Option<&'a FeeSchedule> {
    schedules
        .iter()
        .filter(|s| s.award == award && s.effective_from.as_str() <= day)
        .max_by(|a, b| a.effective_from.cmp(&b.effective_from))
}

/// The cost for a school of `learners` in `year` (1 to 3) of its term.
pub fn fee_for(schedule: &FeeSchedule, learners: u32, year: usize) -> Option<Fee> {
    let band = schedule.bands.iter().find(|b| b.covers(learners))?;
    let amount = *band.yearly.get(year.checked_sub(1)?)?;
    Some(Fee {
        amount,
        currency: schedule.currency,
    })
}

/// Parses an amount ("1200", "1,200.50", "£900", "¥3,000") into the
/// currency's minor unit.
pub fn parse_money(value: &str) -> Option<u64> {
    let clean: String = value
        .trim()
        .trim_start_matches(['£', '¥', '￥'])
        .replace(',', "");
    let (whole, fraction) = clean.split_once('.').unwrap_or((&clean, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let minor = format!("{fraction:0<2}").parse::<u64>().ok()?;
    whole
        .parse::<u64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(minor)
}

/// Writes an amount with its currency's symbol: "£1,200.50", "¥9,000".
pub fn format_money(minor: u64, currency: Currency) -> String {
    format!("{}{}", currency.symbol(), plain_amount(minor, true))
}

/// An amount without a symbol, as typed into a form ("1200.50"), or
/// grouped by thousands for reading ("1,200.50").
pub fn plain_amount(minor: u64, grouped: bool) -> String {
    let whole = (minor / 100).to_string();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if grouped && i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    match minor % 100 {
        0 => out,
        p => format!("{out}.{p:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn band(min: u32, max: Option<u32>, year1: u64) -> FeeBand {
        FeeBand {
            min_learners: min,
            max_learners: max,
            yearly: [year1, year1 / 2, year1 + 100],
        }
    }

    fn schedule(award: &str, currency: Currency, from: &str, bands: Vec<FeeBand>) -> FeeSchedule {
        FeeSchedule {
            award: award.to_owned(),
            currency,
            effective_from: from.to_owned(),
            bands,
        }
    }

    #[test]
    fn fees_are_looked_up_by_band_and_year_with_an_open_top_band() {
        let bands = fee_bands(vec![
            band(2001, None, 300_000),
            band(1, Some(400), 100_000),
            band(401, Some(2000), 150_000),
        ])
        .expect("valid");
        let s = schedule("inclusive-school", Currency::Gbp, "2026-01-01", bands);
        let fee = |learners, year| fee_for(&s, learners, year).map(|f| f.amount);
        assert_eq!(fee(320, 1), Some(100_000));
        assert_eq!(fee(401, 3), Some(150_100));
        assert_eq!(fee(2001, 1), Some(300_000));
        assert_eq!(fee(40_000, 2), Some(150_000));
        assert_eq!(fee(0, 1), None);
        assert_eq!(fee(320, 4), None);
    }

    #[test]
    fn bands_may_not_overlap_and_only_the_last_is_open() {
        let overlap = fee_bands(vec![band(1, Some(400), 1), band(400, Some(900), 1)]);
        assert_eq!(overlap, Err(FeeScheduleError::Overlap { band: 1 }));
        let open_early = fee_bands(vec![band(1, None, 1), band(500, Some(900), 1)]);
        assert_eq!(open_early, Err(FeeScheduleError::Overlap { band: 1 }));
        let inverted = fee_bands(vec![band(10, Some(5), 1)]);
        assert_eq!(inverted, Err(FeeScheduleError::Inverted { band: 0 }));
        assert_eq!(fee_bands(vec![]), Err(FeeScheduleError::Empty));
    }

    #[test]
    fn each_award_is_priced_by_its_schedule_in_effect_that_day() {
        let schedules = vec![
            schedule(
                "inclusive-school",
                Currency::Gbp,
                "2025-01-01",
                vec![band(1, None, 100_000)],
            ),
            schedule(
                "inclusive-school",
                Currency::Gbp,
                "2027-01-01",
                vec![band(1, None, 120_000)],
            ),
            schedule(
                "flagship",
                Currency::Cny,
                "2025-01-01",
                vec![band(1, None, 900_000)],
            ),
        ];
        let on = |award, day| schedule_on(&schedules, award, day).map(|s| s.bands[0].yearly[0]);
        assert_eq!(on("inclusive-school", "2024-12-31"), None);
        assert_eq!(
            on("inclusive-school", "2026-12-31"),
            Some(100_000),
            "a past review keeps its fee"
        );
        assert_eq!(on("inclusive-school", "2027-01-01"), Some(120_000));
        assert_eq!(on("flagship", "2030-01-01"), Some(900_000));
        assert_eq!(on("centre-of-excellence", "2030-01-01"), None);
        let yuan = fee_for(
            schedule_on(&schedules, "flagship", "2026-01-01").unwrap(),
            50,
            1,
        );
        assert_eq!(yuan.map(|f| f.to_string()).as_deref(), Some("¥9,000"));
    }

    #[test]
    fn a_new_schedule_cannot_change_the_past() {
        let new = |from: &str| {
            new_schedule(
                schedule(
                    "inclusive-school",
                    Currency::Cny,
                    from,
                    vec![band(1, None, 1)],
                ),
                "2026-12-07",
            )
        };
        assert_eq!(new("2026-12-06"), Err(FeeScheduleError::Backdated));
        assert_eq!(new("next week"), Err(FeeScheduleError::NotADate));
        assert!(new("2026-12-07").is_ok());
        assert_eq!(new(" 2027-01-01 ").unwrap().effective_from, "2027-01-01");
    }

    #[test]
    fn money_is_read_and_written_with_its_currency() {
        assert_eq!(parse_money("1,200.5"), Some(120_050));
        assert_eq!(parse_money("£900"), Some(90_000));
        assert_eq!(parse_money("¥3,000"), Some(300_000));
        assert_eq!(parse_money("9.999"), None);
        assert_eq!(parse_money("-3"), None);
        assert_eq!(parse_money(""), None);
        assert_eq!(format_money(120_050, Currency::Gbp), "£1,200.50");
        assert_eq!(format_money(90_000, Currency::Gbp), "£900");
        assert_eq!(format_money(100_000_000, Currency::Cny), "¥1,000,000");
        assert_eq!(plain_amount(120_050, false), "1200.50");
        assert_eq!(Currency::parse("cny"), Some(Currency::Cny));
        assert_eq!(Currency::parse("EUR"), None);
    }

    proptest! {
        #[test]
        fn money_round_trips(minor in 0u64..10_000_000_000, yuan in any::<bool>()) {
            let currency = if yuan { Currency::Cny } else { Currency::Gbp };
            prop_assert_eq!(parse_money(&format_money(minor, currency)), Some(minor));
            prop_assert_eq!(parse_money(&plain_amount(minor, false)), Some(minor));
        }
    }
}
