//! Management review, as ISO 21001 asks of a school's leadership once a
//! year: what it reviewed (internal audit results, learners' and other
//! stakeholders' feedback, non-conformities, the action plan's progress,
//! its objectives) and what it decided. One record per school and year;
//! the framework's clause on management review reads it as evidence.

use super::calendar::Day;
use super::nonconformity::{NonConformity, Severity};
use serde::{Deserialize, Serialize};

/// The framework and the indicator (its clause on management review) a
/// record is evidence for.
pub const EVIDENCE_FOR: (&str, &str) = ("iso-21001-gap", "performance-management-review");

/// The longest text kept in one field.
pub const MR_TEXT_MAX_CHARS: usize = 10_000;

/// What leadership reviewed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inputs {
    pub audit_results: String,
    pub feedback: String,
    pub nonconformities: String,
    pub action_plan: String,
    pub objectives: String,
}

/// One year's management review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagementReview {
    pub year: i32,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub attendees: String,
    pub inputs: Inputs,
    pub decisions: String,
    pub recorded_by: String,
    /// RFC 3339.
    pub recorded_at: String,
    /// Counts saved edits, so a stale one is refused.
    pub version: i32,
}

/// A review as typed, before it is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub held_on: String,
    pub attendees: String,
    pub inputs: Inputs,
    pub decisions: String,
}

/// Why a review cannot be saved as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum MrProblem {
    #[error("the day is not a date (YYYY-MM-DD)")]
    BadDate,
    #[error("a review is recorded once it has been held: the day is in the future")]
    InTheFuture,
    #[error("write what was reviewed: at least one of the inputs")]
    InputsMissing,
    #[error("write what was decided")]
    DecisionsMissing,
    #[error("the text is too long")]
    TooLong,
}

/// Checks a draft on `today`; returns it trimmed, with its year.
pub fn check(draft: &Draft, today: Day) -> Result<(i32, Draft), Vec<MrProblem>> {
    let trim = |s: &str| s.trim().to_owned();
    let d = Draft {
        held_on: trim(&draft.held_on),
        attendees: trim(&draft.attendees),
        inputs: Inputs {
            audit_results: trim(&draft.inputs.audit_results),
            feedback: trim(&draft.inputs.feedback),
            nonconformities: trim(&draft.inputs.nonconformities),
            action_plan: trim(&draft.inputs.action_plan),
            objectives: trim(&draft.inputs.objectives),
        },
        decisions: trim(&draft.decisions),
    };
    let mut problems = Vec::new();
    let held = Day::parse(&d.held_on);
    match held {
        None => problems.push(MrProblem::BadDate),
        Some(day) if day > today => problems.push(MrProblem::InTheFuture),
        Some(_) => {}
    }
    let i = &d.inputs;
    let inputs = [
        &i.audit_results,
        &i.feedback,
        &i.nonconformities,
        &i.action_plan,
        &i.objectives,
    ];
    if inputs.iter().all(|x| x.is_empty()) {
        problems.push(MrProblem::InputsMissing);
    }
    if d.decisions.is_empty() {
        problems.push(MrProblem::DecisionsMissing);
    }
    if inputs
        .iter()
        .chain([&&d.decisions, &&d.attendees])
        .any(|x| x.chars().count() > MR_TEXT_MAX_CHARS)
    {
        problems.push(MrProblem::TooLong);
    }
    match held {
        Some(day) if problems.is_empty() => Ok((day.ymd().0, d)),
        _ => Err(problems),
    }
}

/// What the register says for the review's inputs: entries open (and how
/// many of them major), and entries closed in `year`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFacts {
    pub open: u32,
    pub open_major: u32,
    pub closed_this_year: u32,
}

pub fn register_facts(register: &[NonConformity], year: i32) -> RegisterFacts {
    let mut facts = RegisterFacts::default();
    for nc in register {
        match &nc.closed_at {
            None => {
                facts.open += 1;
                if nc.severity == Severity::Major {
                    facts.open_major += 1;
                }
            }
            Some(at) if at.get(..4) == Some(year.to_string().as_str()) => {
                facts.closed_this_year += 1;
            }
            Some(_) => {}
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nonconformity::{Source, Treatment};

    fn draft() -> Draft {
        Draft {
            held_on: " 2026-11-20 ".into(),
            attendees: "Head, deputy, SENCO, two governors".into(),
            inputs: Inputs {
                feedback: "Learner voice survey: 82% feel listened to.".into(),
                ..Inputs::default()
            },
            decisions: "Add a termly complaints review.".into(),
        }
    }

    #[test]
    fn a_review_needs_a_past_day_an_input_and_a_decision() {
        let today = Day::from_ymd(2026, 12, 7);
        let (year, ok) = check(&draft(), today).expect("valid");
        assert_eq!(year, 2026);
        assert_eq!(ok.held_on, "2026-11-20");
        let empty = Draft {
            held_on: "2026-12-08".into(),
            ..Draft::default()
        };
        assert_eq!(
            check(&empty, today),
            Err(vec![
                MrProblem::InTheFuture,
                MrProblem::InputsMissing,
                MrProblem::DecisionsMissing
            ])
        );
        let bad = Draft {
            held_on: "20/11/2026".into(),
            ..draft()
        };
        assert_eq!(check(&bad, today), Err(vec![MrProblem::BadDate]));
        let long = Draft {
            decisions: "x".repeat(MR_TEXT_MAX_CHARS + 1),
            ..draft()
        };
        assert_eq!(check(&long, today), Err(vec![MrProblem::TooLong]));
    }

    #[test]
    fn the_register_gives_the_review_its_figures() {
        let entry = |severity, closed_at: Option<&str>| NonConformity {
            id: "n".into(),
            framework: "iso-21001-gap".into(),
            indicator: "improvement-corrective-action".into(),
            source: Source::InternalAudit,
            severity,
            finding: "f".into(),
            treatment: Treatment::default(),
            raised_by: "r".into(),
            raised_at: "2026-01-01T00:00:00Z".into(),
            closed_at: closed_at.map(str::to_owned),
            version: 1,
            audit: None,
            in_plan: None,
        };
        let register = [
            entry(Severity::Major, None),
            entry(Severity::Minor, None),
            entry(Severity::Major, Some("2026-10-01T00:00:00Z")),
            entry(Severity::Minor, Some("2025-10-01T00:00:00Z")),
        ];
        assert_eq!(
            register_facts(&register, 2026),
            RegisterFacts {
                open: 2,
                open_major: 1,
                closed_this_year: 1
            }
        );
    }
}
