//! Classroom-level research in clusters: an enquiry's status, a project's
//! key steps on a timeline, and the annual review whose next steps are
//! carried into the following year's. Plain Rust, no web or database types.

use serde::{Deserialize, Serialize};

/// The longest research question and step, in characters.
pub const QUESTION_MAX_CHARS: usize = 1_000;
pub const STEP_MAX_CHARS: usize = 1_000;
/// The longest method, findings, progress or next steps, in characters.
pub const TEXT_MAX_CHARS: usize = 20_000;

/// What a research activity has reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResearchStatus {
    Planned,
    UnderWay,
    Finished,
}

impl ResearchStatus {
    pub const ALL: [ResearchStatus; 3] = [
        ResearchStatus::Planned,
        ResearchStatus::UnderWay,
        ResearchStatus::Finished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResearchStatus::Planned => "planned",
            ResearchStatus::UnderWay => "under-way",
            ResearchStatus::Finished => "finished",
        }
    }

    pub fn parse(value: &str) -> Option<ResearchStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// Where a key step of the outline stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepState {
    Done,
    /// Its end date has passed and it is not done.
    Overdue,
    Open,
}

/// A key step's state on `today` (dates as `YYYY-MM-DD`, which order as text).
pub fn step_state(done: bool, ends_on: Option<&str>, today: &str) -> StepState {
    match (done, ends_on) {
        (true, _) => StepState::Done,
        (false, Some(end)) if !end.is_empty() && end < today => StepState::Overdue,
        _ => StepState::Open,
    }
}

/// Why a key step's timeline cannot be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TimelineProblem {
    #[error("the step ends before it starts")]
    EndsBeforeStart,
}

/// Checks a step's dates: either may be missing; when both are given the
/// end is not before the start.
pub fn check_timeline(
    starts_on: Option<&str>,
    ends_on: Option<&str>,
) -> Result<(), TimelineProblem> {
    match (starts_on, ends_on) {
        (Some(start), Some(end)) if end < start => Err(TimelineProblem::EndsBeforeStart),
        _ => Ok(()),
    }
}

/// What a new review for `year` starts from: the next steps written in the
/// latest earlier year's review, if it wrote any. `reviews` are
/// (year, next steps) in any order.
pub fn carried_forward<'a>(reviews: &[(i32, &'a str)], year: i32) -> Option<&'a str> {
    reviews
        .iter()
        .filter(|(y, _)| *y < year)
        .max_by_key(|(y, _)| *y)
        .map(|(_, steps)| steps.trim())
        .filter(|steps| !steps.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn statuses_read_back() {
        for s in ResearchStatus::ALL {
            assert_eq!(ResearchStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(ResearchStatus::parse("abandoned"), None);
    }

    #[test]
    fn a_step_is_overdue_only_after_its_end_and_while_not_done() {
        let today = "2026-11-25";
        assert_eq!(
            step_state(false, Some("2026-11-24"), today),
            StepState::Overdue
        );
        assert_eq!(
            step_state(false, Some("2026-11-25"), today),
            StepState::Open
        );
        assert_eq!(step_state(true, Some("2026-01-01"), today), StepState::Done);
        assert_eq!(step_state(false, None, today), StepState::Open);
    }

    #[test]
    fn a_timeline_cannot_end_before_it_starts() {
        assert_eq!(
            check_timeline(Some("2026-09-01"), Some("2026-08-31")),
            Err(TimelineProblem::EndsBeforeStart)
        );
        assert_eq!(
            check_timeline(Some("2026-09-01"), Some("2026-09-01")),
            Ok(())
        );
        assert_eq!(check_timeline(None, Some("2026-09-01")), Ok(()));
    }

    #[test]
    fn next_steps_come_from_the_latest_earlier_review() {
        let reviews = [
            (2024, "Trial in year 3"),
            (2025, "  Share with Oak Tree  "),
            (2026, "Later"),
        ];
        assert_eq!(carried_forward(&reviews, 2026), Some("Share with Oak Tree"));
        assert_eq!(carried_forward(&reviews, 2025), Some("Trial in year 3"));
        assert_eq!(carried_forward(&reviews, 2024), None);
        assert_eq!(carried_forward(&[(2025, "   ")], 2026), None);
    }

    proptest! {
        /// Whatever the order, the carried steps belong to the newest year before.
        #[test]
        fn carried_steps_are_the_newest_earlier_ones(
            mut years in proptest::collection::btree_set(2000i32..2040, 0..8),
            year in 2000i32..2041,
        ) {
            let texts: Vec<(i32, String)> = std::mem::take(&mut years).into_iter().rev().map(|y| (y, format!("steps {y}"))).collect();
            let reviews: Vec<(i32, &str)> = texts.iter().map(|(y, t)| (*y, t.as_str())).collect();
            let expected = texts.iter().filter(|(y, _)| *y < year).map(|(y, _)| *y).max();
            let got = carried_forward(&reviews, year);
            prop_assert_eq!(got.map(str::to_owned), expected.map(|y| format!("steps {y}")));
        }
    }
}
