//! Appeals: a school contests a signed-off decision within a set time; an
//! assessor who had no part in the review decides, and the outcome is
//! recorded. An upheld appeal may grant the award the school asked for.

use super::calendar::Day;
use serde::{Deserialize, Serialize};

/// Days after sign-off in which a school may appeal.
pub const APPEAL_DAYS: i32 = 30;

/// The longest grounds or outcome note kept.
pub const APPEAL_TEXT_MAX_CHARS: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealOutcome {
    /// The appeal succeeds: the decision is changed.
    Upheld,
    /// The decision stands.
    Dismissed,
}

impl AppealOutcome {
    pub const ALL: [AppealOutcome; 2] = [AppealOutcome::Upheld, AppealOutcome::Dismissed];

    pub fn as_str(self) -> &'static str {
        match self {
            AppealOutcome::Upheld => "upheld",
            AppealOutcome::Dismissed => "dismissed",
        }
    }

    pub fn parse(value: &str) -> Option<AppealOutcome> {
        AppealOutcome::ALL.into_iter().find(|o| o.as_str() == value)
    }
}

/// An appeal as the school, the admins and its assessor see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub id: String,
    /// The self-assessment whose review's decision is contested.
    pub assessment: String,
    pub school_name: String,
    pub grounds: String,
    pub lodged_by: String,
    /// RFC 3339.
    pub lodged_at: String,
    /// The assessor deciding it, once an admin has chosen one.
    pub assessor: Option<String>,
    pub outcome: Option<AppealOutcome>,
    pub note: String,
    /// The award granted by an upheld appeal, if any.
    pub award: Option<String>,
    pub decided_at: Option<String>,
}

/// Why an appeal cannot be lodged or decided as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppealProblem {
    #[error("write the grounds of the appeal")]
    GroundsMissing,
    #[error("the text is too long")]
    TooLong,
    #[error("the time to appeal has passed")]
    TooLate,
    #[error("the assessor took part in the review")]
    TookPart,
    #[error("write the reasons for the outcome")]
    NoteMissing,
}

/// Whether a decision signed off on `signed_off` may still be appealed on `today`.
pub fn within_appeal_time(signed_off: Day, today: Day) -> bool {
    (0..=APPEAL_DAYS).contains(&signed_off.days_until(today))
}

/// Whether a decision signed off at `signed_off_at` (RFC 3339; none when
/// not signed off) may still be appealed on `today` (`YYYY-MM-DD`).
pub fn open_for_appeal(signed_off_at: Option<&str>, today: &str) -> bool {
    let signed = signed_off_at.and_then(|at| Day::parse(at.get(..10)?));
    matches!((signed, Day::parse(today)), (Some(s), Some(t)) if within_appeal_time(s, t))
}

/// Checks the grounds as typed.
pub fn grounds(text: &str) -> Result<String, AppealProblem> {
    let text = text.trim();
    if text.is_empty() {
        Err(AppealProblem::GroundsMissing)
    } else if text.chars().count() > APPEAL_TEXT_MAX_CHARS {
        Err(AppealProblem::TooLong)
    } else {
        Ok(text.to_owned())
    }
}

/// An appeal is decided by someone who was neither the review's lead nor
/// its second assessor.
pub fn independent(assessor: i64, lead: i64, second: Option<i64>) -> bool {
    assessor != lead && Some(assessor) != second
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_appeal_is_lodged_within_thirty_days_of_sign_off() {
        let signed = Day::from_ymd(2026, 12, 1);
        assert!(within_appeal_time(signed, signed));
        assert!(within_appeal_time(signed, signed.plus_days(30)));
        assert!(!within_appeal_time(signed, signed.plus_days(31)));
        assert!(!within_appeal_time(signed, signed.plus_days(-1)));
        assert!(open_for_appeal(Some("2026-12-01T10:00:00Z"), "2026-12-31"));
        assert!(!open_for_appeal(Some("2026-12-01T10:00:00Z"), "2027-01-01"));
        assert!(!open_for_appeal(None, "2026-12-01"));
    }

    #[test]
    fn grounds_are_required_and_bounded() {
        assert_eq!(grounds("  "), Err(AppealProblem::GroundsMissing));
        assert_eq!(
            grounds(&"x".repeat(APPEAL_TEXT_MAX_CHARS + 1)),
            Err(AppealProblem::TooLong)
        );
        assert_eq!(
            grounds(" The visit missed our resource base. "),
            Ok("The visit missed our resource base.".to_owned())
        );
    }

    #[test]
    fn neither_assessor_of_the_review_decides_its_appeal() {
        assert!(!independent(1, 1, Some(2)));
        assert!(!independent(2, 1, Some(2)));
        assert!(independent(3, 1, Some(2)));
        assert!(independent(3, 1, None));
    }
}
