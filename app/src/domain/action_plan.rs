//! The action plan: what a school will do to close its gaps.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
        }
    }

    pub fn parse(value: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// One action of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: String,
    pub indicator: String,
    pub description: String,
    pub owner: String,
    /// ISO date (`YYYY-MM-DD`).
    pub due_on: Option<String>,
    pub status: ActionStatus,
    pub success_measure: String,
    pub progress: String,
    pub version: u32,
    /// Set when the action comes from an earlier cycle's plan.
    pub carried_from: Option<String>,
}

impl PlanAction {
    /// Not done and past its due date (`today` as `YYYY-MM-DD`: ISO dates
    /// compare correctly as text).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status != ActionStatus::Done && self.due_on.as_deref().is_some_and(|due| due < today)
    }
}

pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const OWNER_MAX_CHARS: usize = 120;

/// What is wrong with an action form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionInputError {
    DescriptionMissing,
    DescriptionTooLong,
    OwnerMissing,
    OwnerTooLong,
    /// Not a real date in `YYYY-MM-DD` form.
    BadDate,
    UnknownIndicator,
}

/// A new action as typed, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAction {
    pub indicator: String,
    pub description: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub success_measure: String,
}

/// Whether `value` is a calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    if value.len() != 10 || !(1..=12).contains(&m) || d == 0 || !(1900..=2200).contains(&y) {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

impl NewAction {
    pub fn parse(
        indicator: &str,
        description: &str,
        owner: &str,
        due_on: &str,
        success_measure: &str,
        known_indicator: impl Fn(&str) -> bool,
    ) -> Result<NewAction, Vec<ActionInputError>> {
        let mut problems = Vec::new();
        if !known_indicator(indicator) {
            problems.push(ActionInputError::UnknownIndicator);
        }
        let description = description.trim();
        if description.is_empty() {
            problems.push(ActionInputError::DescriptionMissing);
        } else if description.chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(ActionInputError::DescriptionTooLong);
        }
        let owner = owner.trim();
        if owner.is_empty() {
            problems.push(ActionInputError::OwnerMissing);
        } else if owner.chars().count() > OWNER_MAX_CHARS {
            problems.push(ActionInputError::OwnerTooLong);
        }
        let due_on = due_on.trim();
        if !due_on.is_empty() && !is_iso_date(due_on) {
            problems.push(ActionInputError::BadDate);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(NewAction {
            indicator: indicator.to_owned(),
            description: description.to_owned(),
            owner: owner.to_owned(),
            due_on: (!due_on.is_empty()).then(|| due_on.to_owned()),
            success_measure: success_measure
                .trim()
                .chars()
                .take(DESCRIPTION_MAX_CHARS)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2027-02-28"));
        assert!(is_iso_date("2028-02-29"));
        assert!(!is_iso_date("2027-02-29"));
        assert!(!is_iso_date("2027-13-01"));
        assert!(!is_iso_date("27-1-1"));
        assert!(!is_iso_date("next week"));
    }

    #[test]
    fn actions_are_checked_and_overdue_ones_flagged() {
        let known = |i: &str| i == "vision";
        let action = NewAction::parse(
            "vision",
            " Train staff ",
            "Cora",
            "2027-03-31",
            "All staff trained",
            known,
        )
        .unwrap();
        assert_eq!(action.description, "Train staff");
        assert_eq!(
            NewAction::parse("nope", "", "", "31/03/2027", "", known),
            Err(vec![
                ActionInputError::UnknownIndicator,
                ActionInputError::DescriptionMissing,
                ActionInputError::OwnerMissing,
                ActionInputError::BadDate
            ])
        );
        let mut item = PlanAction {
            id: "a".into(),
            indicator: "vision".into(),
            description: "d".into(),
            owner: "o".into(),
            due_on: Some("2026-11-01".into()),
            status: ActionStatus::InProgress,
            success_measure: String::new(),
            progress: String::new(),
            version: 1,
            carried_from: None,
        };
        assert!(item.is_overdue("2026-11-25"));
        assert!(!item.is_overdue("2026-10-31"));
        item.status = ActionStatus::Done;
        assert!(!item.is_overdue("2026-11-25"));
    }
}
