//! The accreditation calendar: an award is valid for three years, with an
//! annual review in years 1 and 2 and re-accreditation in year 3; which of
//! those is done, due soon or overdue. What each review costs is in
//! [`super::fees`].

use serde::{Deserialize, Serialize};

/// Which accreditation cycle a self-assessment belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cycle {
    /// The first assessment towards an award.
    Initial,
    /// The annual review in the first year after the award.
    AnnualReview1,
    /// The annual review in the second year.
    AnnualReview2,
    /// Re-accreditation in the third year.
    Reaccreditation,
}

impl Cycle {
    pub const ALL: [Cycle; 4] = [
        Cycle::Initial,
        Cycle::AnnualReview1,
        Cycle::AnnualReview2,
        Cycle::Reaccreditation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Cycle::Initial => "initial",
            Cycle::AnnualReview1 => "annual_review_1",
            Cycle::AnnualReview2 => "annual_review_2",
            Cycle::Reaccreditation => "reaccreditation",
        }
    }

    pub fn parse(value: &str) -> Option<Cycle> {
        Cycle::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// A calendar day (proleptic Gregorian), counted from 1970-01-01. Plain
/// Rust so that the browser and the server share it without a date crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day(i32);

impl Day {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(value: &str) -> Option<Day> {
        if !super::action_plan::is_iso_date(value) {
            return None;
        }
        let y = value.get(0..4)?.parse().ok()?;
        let m = value.get(5..7)?.parse().ok()?;
        let d = value.get(8..10)?.parse().ok()?;
        Some(Day::from_ymd(y, m, d))
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Day {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i32::try_from(m).unwrap_or(1);
        let d = i32::try_from(d).unwrap_or(1);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
        let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m, d)
    }

    /// The same date `years` later; 29 February becomes 28 February.
    pub fn plus_years(self, years: i32) -> Day {
        let (y, m, d) = self.ymd();
        let target = y + years;
        let d = if m == 2 && d == 29 && !is_leap(target) {
            28
        } else {
            d
        };
        Day::from_ymd(target, m, d)
    }

    pub fn plus_days(self, days: i32) -> Day {
        Day(self.0 + days)
    }

    /// Days from `self` until `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Day) -> i32 {
        other.0 - self.0
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// How long an award lasts.
pub const AWARD_YEARS: i32 = 3;

/// When an award granted on `granted_on` stops being valid (the day before
/// its third anniversary).
pub fn valid_until(granted_on: Day) -> Day {
    granted_on.plus_years(AWARD_YEARS).plus_days(-1)
}

/// Where one review of the award's term stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Reviewed for this term, and the award confirmed.
    Done,
    /// Submitted; the assessor's decision (or a deferral's conditions) is awaited.
    InReview,
    /// Not due for a while.
    Upcoming,
    /// Due within the "due soon" window.
    DueSoon,
    /// Past its date and not submitted.
    Overdue,
}

/// One review of an award's three-year term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueReview {
    pub cycle: Cycle,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub state: DueState,
}

/// How far a school's self-assessment for one cycle of the term has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CycleStep {
    /// Submitted, not yet decided, or deferred until conditions are met.
    InReview,
    /// Signed off with the award granted or confirmed.
    Confirmed,
}

/// The reviews of the term that began on `granted_on`: annual reviews on
/// its first and second anniversaries, re-accreditation by the end of the
/// third year. `cycles` lists the cycles submitted since the award and how
/// far each got; one whose standard was not met is not listed, so it stays due.
pub fn schedule(
    granted_on: Day,
    cycles: &[(Cycle, CycleStep)],
    today: Day,
    due_soon_days: u32,
) -> Vec<DueReview> {
    let window = i32::try_from(due_soon_days).unwrap_or(i32::MAX);
    [
        (Cycle::AnnualReview1, granted_on.plus_years(1)),
        (Cycle::AnnualReview2, granted_on.plus_years(2)),
        (Cycle::Reaccreditation, valid_until(granted_on)),
    ]
    .into_iter()
    .map(|(cycle, due)| {
        let step = cycles
            .iter()
            .filter(|(c, _)| *c == cycle)
            .map(|(_, step)| *step)
            .max_by_key(|step| *step == CycleStep::Confirmed);
        let state = if step == Some(CycleStep::Confirmed) {
            DueState::Done
        } else if step == Some(CycleStep::InReview) {
            DueState::InReview
        } else if due < today {
            DueState::Overdue
        } else if today.days_until(due) <= window {
            DueState::DueSoon
        } else {
            DueState::Upcoming
        };
        DueReview {
            cycle,
            due_on: due.to_string(),
            state,
        }
    })
    .collect()
}

/// The first review of the term not done yet: what the school starts next.
pub fn next_due(schedule: &[DueReview]) -> Option<&DueReview> {
    schedule.iter().find(|r| r.state != DueState::Done)
}

/// The year of the term a cycle falls in.
pub fn year_of(cycle: Cycle) -> usize {
    match cycle {
        Cycle::Initial | Cycle::AnnualReview1 => 1,
        Cycle::AnnualReview2 => 2,
        Cycle::Reaccreditation => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("a date")
    }

    #[test]
    fn days_round_trip_known_dates() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Day(0));
        assert_eq!(day("2000-03-01").to_string(), "2000-03-01");
        assert_eq!(day("2024-02-29").plus_years(1).to_string(), "2025-02-28");
        assert_eq!(day("2024-12-31").plus_days(1).to_string(), "2025-01-01");
        assert_eq!(Day::parse("2025-02-29"), None);
    }

    #[test]
    fn an_award_lasts_three_years_less_a_day() {
        assert_eq!(valid_until(day("2025-07-01")).to_string(), "2028-06-30");
    }

    #[test]
    fn the_schedule_marks_done_due_soon_and_overdue() {
        let granted = day("2025-07-01");
        let s = schedule(granted, &[], day("2026-05-15"), 60);
        assert_eq!(s[0].cycle, Cycle::AnnualReview1);
        assert_eq!(s[0].due_on, "2026-07-01");
        assert_eq!(s[0].state, DueState::DueSoon);
        assert_eq!(s[1].state, DueState::Upcoming);
        let later = schedule(granted, &[], day("2026-07-02"), 60);
        assert_eq!(later[0].state, DueState::Overdue);
        let confirmed = [(Cycle::AnnualReview1, CycleStep::Confirmed)];
        let done = schedule(granted, &confirmed, day("2026-07-02"), 60);
        assert_eq!(done[0].state, DueState::Done);
        assert_eq!(next_due(&done).map(|r| r.cycle), Some(Cycle::AnnualReview2));
        assert_eq!(done[2].due_on, "2028-06-30");
    }

    #[test]
    fn a_submitted_cycle_is_done_only_once_the_award_is_confirmed() {
        let granted = day("2025-07-01");
        let submitted = [(Cycle::AnnualReview1, CycleStep::InReview)];
        let s = schedule(granted, &submitted, day("2026-07-02"), 60);
        assert_eq!(s[0].state, DueState::InReview, "submitted, not decided");
        assert_eq!(next_due(&s).map(|r| r.cycle), Some(Cycle::AnnualReview1));
        let both = [
            (Cycle::AnnualReview1, CycleStep::InReview),
            (Cycle::AnnualReview1, CycleStep::Confirmed),
        ];
        let s = schedule(granted, &both, day("2026-07-02"), 60);
        assert_eq!(
            s[0].state,
            DueState::Done,
            "a confirmed resubmission counts"
        );
    }

    #[test]
    fn an_award_past_its_end_shows_re_accreditation_overdue() {
        let granted = day("2022-01-01");
        let s = schedule(granted, &[], day("2026-12-07"), 60);
        assert_eq!(s[2].cycle, Cycle::Reaccreditation);
        assert_eq!(s[2].due_on, "2024-12-31");
        assert_eq!(s[2].state, DueState::Overdue);
    }

    proptest! {
        #[test]
        fn day_numbers_and_dates_agree(n in -200_000i32..200_000) {
            let d = Day(n);
            prop_assert_eq!(Day::parse(&d.to_string()).filter(|_| (1900..=2200).contains(&d.ymd().0)).unwrap_or(d), d);
            let (y, m, dd) = d.ymd();
            prop_assert_eq!(Day::from_ymd(y, m, dd), d);
            prop_assert_eq!(d.plus_days(1).days_until(d), -1);
        }

        #[test]
        fn exactly_one_review_is_next_until_all_are_done(offset in 0i32..1500, done in 0usize..4) {
            let granted = Day::from_ymd(2025, 7, 1);
            let cycles = [Cycle::AnnualReview1, Cycle::AnnualReview2, Cycle::Reaccreditation];
            let confirmed: Vec<_> = cycles[..done.min(3)].iter().map(|c| (*c, CycleStep::Confirmed)).collect();
            let s = schedule(granted, &confirmed, granted.plus_days(offset), 60);
            prop_assert_eq!(next_due(&s).is_none(), done >= 3);
            // Due dates come in order.
            prop_assert!(s.windows(2).all(|w| w[0].due_on < w[1].due_on));
        }
    }
}
