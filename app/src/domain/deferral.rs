//! A deferral's follow-up. A decision deferred until written conditions are
//! met gives the school a set time to say how it met them; a certification
//! admin then records whether it did, granting the award if so, or that it
//! did not. Past the day with no answer, the follow-up is overdue.

use super::calendar::Day;
use serde::{Deserialize, Serialize};

/// Days after sign-off in which the school meets a deferral's conditions.
pub const CONDITIONS_DAYS: i32 = 90;

/// The longest response or decision note kept.
pub const FOLLOW_UP_TEXT_MAX_CHARS: usize = 10_000;

/// The last day to meet the conditions of a decision signed off on `signed_off`.
pub fn conditions_due(signed_off: Day) -> Day {
    signed_off.plus_days(CONDITIONS_DAYS)
}

/// Whether the conditions were met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpOutcome {
    /// Met: the award is granted.
    Met,
    /// Not met: the school may start again with a new self-assessment.
    NotMet,
}

impl FollowUpOutcome {
    pub const ALL: [FollowUpOutcome; 2] = [FollowUpOutcome::Met, FollowUpOutcome::NotMet];

    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpOutcome::Met => "met",
            FollowUpOutcome::NotMet => "not_met",
        }
    }

    pub fn parse(value: &str) -> Option<FollowUpOutcome> {
        FollowUpOutcome::ALL
            .into_iter()
            .find(|o| o.as_str() == value)
    }
}

/// A deferral as the school and the admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferral {
    pub id: String,
    /// The self-assessment whose review deferred its decision.
    pub assessment: String,
    pub school_name: String,
    /// What the school must do, as the assessor wrote it.
    pub conditions: String,
    /// `YYYY-MM-DD`: the last day to answer.
    pub due_on: String,
    /// How the school says it met them; empty until it answers.
    pub response: String,
    pub responded_by: String,
    /// RFC 3339.
    pub responded_at: Option<String>,
    pub outcome: Option<FollowUpOutcome>,
    /// The award granted when met.
    pub award: Option<String>,
    pub note: String,
    pub decided_at: Option<String>,
}

/// Where a follow-up is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpState {
    /// The school has until the due day to answer.
    AwaitingSchool,
    /// The due day passed with no answer.
    Overdue,
    /// The school answered; an admin decides.
    AwaitingDecision,
    Met,
    NotMet,
}

impl Deferral {
    pub fn state(&self, today: Day) -> FollowUpState {
        match self.outcome {
            Some(FollowUpOutcome::Met) => FollowUpState::Met,
            Some(FollowUpOutcome::NotMet) => FollowUpState::NotMet,
            None if self.responded_at.is_some() => FollowUpState::AwaitingDecision,
            None if Day::parse(&self.due_on).is_some_and(|due| today > due) => {
                FollowUpState::Overdue
            }
            None => FollowUpState::AwaitingSchool,
        }
    }

    /// The school may write (or rewrite) its answer until the due day,
    /// while nothing is decided.
    pub fn open_to_answer(&self, today: Day) -> bool {
        self.outcome.is_none() && Day::parse(&self.due_on).is_some_and(|due| today <= due)
    }

    /// An admin decides once the school has answered or the day has passed.
    pub fn ready_to_decide(&self, today: Day) -> bool {
        matches!(
            self.state(today),
            FollowUpState::AwaitingDecision | FollowUpState::Overdue
        )
    }
}

/// Why a follow-up cannot be answered or decided as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum FollowUpProblem {
    #[error("write how the school met the conditions")]
    ResponseMissing,
    #[error("the text is too long")]
    TooLong,
    #[error("the day to meet the conditions has passed")]
    TooLate,
    #[error("wait for the school's answer or for the day to pass")]
    NotReady,
    #[error("choose the award to grant")]
    AwardMissing,
    #[error("write the reasons for the decision")]
    NoteMissing,
}

/// Checks a piece of text as typed: required and bounded.
pub fn text(value: &str, missing: FollowUpProblem) -> Result<String, FollowUpProblem> {
    let value = value.trim();
    if value.is_empty() {
        Err(missing)
    } else if value.chars().count() > FOLLOW_UP_TEXT_MAX_CHARS {
        Err(FollowUpProblem::TooLong)
    } else {
        Ok(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deferral(due_on: &str) -> Deferral {
        Deferral {
            id: "d".into(),
            assessment: "a".into(),
            school_name: "School".into(),
            conditions: "Add a policy".into(),
            due_on: due_on.into(),
            response: String::new(),
            responded_by: String::new(),
            responded_at: None,
            outcome: None,
            award: None,
            note: String::new(),
            decided_at: None,
        }
    }

    #[test]
    fn the_conditions_are_due_ninety_days_after_sign_off() {
        let signed = Day::from_ymd(2026, 12, 1);
        assert_eq!(conditions_due(signed).to_string(), "2027-03-01");
    }

    #[test]
    fn a_follow_up_moves_from_the_school_to_the_admin() {
        let due = Day::from_ymd(2027, 3, 1);
        let mut d = deferral("2027-03-01");
        assert_eq!(d.state(due), FollowUpState::AwaitingSchool);
        assert!(d.open_to_answer(due));
        assert!(!d.ready_to_decide(due));
        let late = due.plus_days(1);
        assert_eq!(d.state(late), FollowUpState::Overdue);
        assert!(!d.open_to_answer(late));
        assert!(d.ready_to_decide(late), "an admin closes an overdue one");
        d.responded_at = Some("2027-02-01T10:00:00Z".into());
        assert_eq!(d.state(due), FollowUpState::AwaitingDecision);
        assert!(
            d.open_to_answer(due),
            "the answer may be rewritten until the day"
        );
        assert!(d.ready_to_decide(due));
        d.outcome = Some(FollowUpOutcome::Met);
        assert_eq!(d.state(late), FollowUpState::Met);
        assert!(!d.open_to_answer(due));
        assert!(!d.ready_to_decide(late));
    }

    #[test]
    fn text_is_required_and_bounded() {
        let missing = FollowUpProblem::ResponseMissing;
        assert_eq!(text(" ", missing), Err(missing));
        assert_eq!(
            text(&"x".repeat(FOLLOW_UP_TEXT_MAX_CHARS + 1), missing),
            Err(FollowUpProblem::TooLong)
        );
        assert_eq!(text(" ok ", missing), Ok("ok".to_owned()));
    }
}
