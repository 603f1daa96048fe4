//! Non-conformities and corrective action, as an ISO 21001 school keeps
//! them: what was found (in an internal audit, an assessor's review or a
//! complaint) against which indicator, how serious it is, the immediate
//! correction, the root cause, the corrective action with its owner and
//! day, and a check that the action worked before the entry closes. Open
//! major non-conformities block submitting that framework's
//! self-assessment for certification.

use super::calendar::Day;
use super::framework::Framework;
use serde::{Deserialize, Serialize};

/// The longest text kept in one field.
pub const NC_TEXT_MAX_CHARS: usize = 10_000;

/// Where a non-conformity was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    InternalAudit,
    Review,
    Complaint,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::InternalAudit, Source::Review, Source::Complaint];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::InternalAudit => "internal_audit",
            Source::Review => "review",
            Source::Complaint => "complaint",
        }
    }

    pub fn parse(value: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// How serious it is. A major one means a requirement is not met at all,
/// and blocks certification while it is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Minor,
    Major,
}

impl Severity {
    pub const ALL: [Severity; 2] = [Severity::Minor, Severity::Major];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
        }
    }

    pub fn parse(value: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// The parts of an entry the school writes and rewrites until it closes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Treatment {
    /// What was done at once to contain it.
    pub correction: String,
    pub root_cause: String,
    pub corrective_action: String,
    /// Who carries the corrective action out.
    pub owner: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_on: String,
    /// How the school checked that the corrective action worked.
    pub effectiveness: String,
}

/// One entry of the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonConformity {
    pub id: String,
    pub framework: String,
    pub indicator: String,
    pub source: Source,
    pub severity: Severity,
    /// What was found.
    pub finding: String,
    pub treatment: Treatment,
    pub raised_by: String,
    /// RFC 3339.
    pub raised_at: String,
    pub closed_at: Option<String>,
    /// Counts saved edits, so a stale one is refused.
    pub version: i32,
    /// The internal audit whose finding raised it.
    #[serde(default)]
    pub audit: Option<String>,
    /// The self-assessment whose action plan holds its corrective action.
    #[serde(default)]
    pub in_plan: Option<String>,
}

impl NonConformity {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }

    /// Whether its corrective action is late on `today`.
    pub fn is_late(&self, today: Day) -> bool {
        self.is_open() && Day::parse(&self.treatment.due_on).is_some_and(|due| today > due)
    }
}

/// Why an entry cannot be saved or closed as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum NcProblem {
    #[error("choose one of the framework's indicators")]
    UnknownIndicator,
    #[error("say what was found")]
    FindingMissing,
    #[error("the text is too long")]
    TooLong,
    #[error("the day is not a date (YYYY-MM-DD)")]
    BadDate,
    #[error("write the root cause before closing")]
    RootCauseMissing,
    #[error("write the corrective action before closing")]
    ActionMissing,
    #[error("say how the action was checked before closing")]
    EffectivenessMissing,
}

fn too_long(text: &str) -> bool {
    text.chars().count() > NC_TEXT_MAX_CHARS
}

/// Checks a new entry's finding and indicator against the framework.
pub fn check_new(fw: &Framework, indicator: &str, finding: &str) -> Vec<NcProblem> {
    let mut problems = Vec::new();
    if fw.indicator(indicator).is_none() {
        problems.push(NcProblem::UnknownIndicator);
    }
    if finding.trim().is_empty() {
        problems.push(NcProblem::FindingMissing);
    } else if too_long(finding) {
        problems.push(NcProblem::TooLong);
    }
    problems
}

/// Trims a treatment as typed and checks it.
pub fn check_treatment(treatment: &Treatment) -> Result<Treatment, Vec<NcProblem>> {
    let t = Treatment {
        correction: treatment.correction.trim().to_owned(),
        root_cause: treatment.root_cause.trim().to_owned(),
        corrective_action: treatment.corrective_action.trim().to_owned(),
        owner: treatment.owner.trim().to_owned(),
        due_on: treatment.due_on.trim().to_owned(),
        effectiveness: treatment.effectiveness.trim().to_owned(),
    };
    let mut problems = Vec::new();
    if [
        &t.correction,
        &t.root_cause,
        &t.corrective_action,
        &t.owner,
        &t.effectiveness,
    ]
    .iter()
    .any(|x| too_long(x))
    {
        problems.push(NcProblem::TooLong);
    }
    if !t.due_on.is_empty() && Day::parse(&t.due_on).is_none() {
        problems.push(NcProblem::BadDate);
    }
    if problems.is_empty() {
        Ok(t)
    } else {
        Err(problems)
    }
}

/// The action a treatment puts into the school's action plan: its
/// corrective action (within the plan's limit), once it has one and an
/// owner to carry it out; `None` before.
pub fn plan_action_text(treatment: &Treatment) -> Option<String> {
    let action = treatment.corrective_action.trim();
    if action.is_empty() || treatment.owner.trim().is_empty() {
        return None;
    }
    Some(
        action
            .chars()
            .take(super::action_plan::DESCRIPTION_MAX_CHARS)
            .collect(),
    )
}

/// What an entry still lacks before it may close: the root cause, the
/// corrective action and the check that it worked.
pub fn missing_to_close(treatment: &Treatment) -> Vec<NcProblem> {
    let mut problems = Vec::new();
    if treatment.root_cause.trim().is_empty() {
        problems.push(NcProblem::RootCauseMissing);
    }
    if treatment.corrective_action.trim().is_empty() {
        problems.push(NcProblem::ActionMissing);
    }
    if treatment.effectiveness.trim().is_empty() {
        problems.push(NcProblem::EffectivenessMissing);
    }
    problems
}

/// The indicators of `framework` with an open major non-conformity: each
/// blocks submitting that framework's self-assessment.
pub fn blocking<'a>(register: &'a [NonConformity], framework: &str) -> Vec<&'a str> {
    let mut found: Vec<&str> = register
        .iter()
        .filter(|nc| nc.is_open() && nc.severity == Severity::Major && nc.framework == framework)
        .map(|nc| nc.indicator.as_str())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The blocking indicators as items missing before submission.
pub fn blocking_missing<'a>(
    fw: &Framework,
    indicators: impl IntoIterator<Item = &'a str>,
) -> Vec<super::assessment::Missing> {
    indicators
        .into_iter()
        .filter_map(|indicator| {
            let r = fw.indicator(indicator)?;
            Some(super::assessment::Missing::MajorNonConformity {
                element: r.element.id.clone(),
                indicator: indicator.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(severity: Severity, framework: &str, closed: bool) -> NonConformity {
        NonConformity {
            id: "n".into(),
            framework: framework.into(),
            indicator: "improvement-corrective-action".into(),
            source: Source::InternalAudit,
            severity,
            finding: "No record of corrective action".into(),
            treatment: Treatment::default(),
            raised_by: "Chris".into(),
            raised_at: "2026-12-01T10:00:00Z".into(),
            closed_at: closed.then(|| "2026-12-02T10:00:00Z".into()),
            version: 1,
            audit: None,
            in_plan: None,
        }
    }

    #[test]
    fn only_open_major_entries_of_the_framework_block_submission() {
        let register = vec![
            entry(Severity::Major, "iso-21001-gap", false),
            entry(Severity::Minor, "iso-21001-gap", false),
            entry(Severity::Major, "iso-21001-gap", true),
            entry(Severity::Major, "inclusion-quality", false),
        ];
        assert_eq!(
            blocking(&register, "iso-21001-gap"),
            ["improvement-corrective-action"]
        );
        assert!(blocking(&register[1..3], "iso-21001-gap").is_empty());
    }

    #[test]
    fn an_entry_closes_only_with_its_cause_action_and_check() {
        let mut t = Treatment::default();
        assert_eq!(
            missing_to_close(&t),
            [
                NcProblem::RootCauseMissing,
                NcProblem::ActionMissing,
                NcProblem::EffectivenessMissing
            ]
        );
        t.root_cause = "No owner for the complaints log".into();
        t.corrective_action = "The deputy head owns it; reviewed monthly".into();
        assert_eq!(missing_to_close(&t), [NcProblem::EffectivenessMissing]);
        t.effectiveness = "Three months of complete logs".into();
        assert!(missing_to_close(&t).is_empty());
    }

    #[test]
    fn a_treatment_is_trimmed_and_its_day_checked() {
        let t = Treatment {
            owner: " Dana ".into(),
            due_on: "2027-02-30x".into(),
            ..Treatment::default()
        };
        assert_eq!(check_treatment(&t), Err(vec![NcProblem::BadDate]));
        let t = Treatment {
            due_on: "2027-03-01".into(),
            ..t
        };
        assert_eq!(check_treatment(&t).unwrap().owner, "Dana");
        let long = Treatment {
            root_cause: "x".repeat(NC_TEXT_MAX_CHARS + 1),
            ..Treatment::default()
        };
        assert_eq!(check_treatment(&long), Err(vec![NcProblem::TooLong]));
    }

    #[test]
    fn a_late_action_is_one_past_its_day_while_open() {
        let mut nc = entry(Severity::Minor, "iso-21001-gap", false);
        nc.treatment.due_on = "2027-01-31".into();
        assert!(!nc.is_late(Day::from_ymd(2027, 1, 31)));
        assert!(nc.is_late(Day::from_ymd(2027, 2, 1)));
        nc.closed_at = Some("2027-02-01T00:00:00Z".into());
        assert!(!nc.is_late(Day::from_ymd(2027, 3, 1)));
    }
    #[test]
    fn a_corrective_action_goes_into_the_plan_once_it_has_an_owner() {
        let mut t = Treatment {
            corrective_action: "  Log every complaint within two days. ".into(),
            ..Treatment::default()
        };
        assert_eq!(plan_action_text(&t), None, "no owner yet");
        t.owner = "Dana Deputy".into();
        assert_eq!(
            plan_action_text(&t).as_deref(),
            Some("Log every complaint within two days.")
        );
        t.corrective_action = "改".repeat(3000);
        let kept = plan_action_text(&t).unwrap();
        assert_eq!(
            kept.chars().count(),
            crate::domain::action_plan::DESCRIPTION_MAX_CHARS
        );
        t.corrective_action = " ".into();
        assert_eq!(plan_action_text(&t), None, "no action");
    }
}
