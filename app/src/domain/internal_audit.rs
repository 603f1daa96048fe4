//! Internal audits, as an ISO 21001 school runs them before a certification
//! body comes: planned with a scope (some of a framework's elements), the
//! staff who audit it and the person whose work is audited (never one of
//! its auditors), and the days it runs; findings recorded against the
//! indicators in scope with the evidence examined; closed with a summary.
//! A non-conformity found goes into the register. The year's programme
//! shows which audits are planned, under way, done and late.

use super::calendar::Day;
use super::framework::Framework;
use serde::{Deserialize, Serialize};

/// The longest text kept in one field.
pub const AUDIT_TEXT_MAX_CHARS: usize = 10_000;

/// The ISO 21001 clause an audit report is evidence for, once closed.
pub const EVIDENCE_FOR: (&str, &str) = ("iso-21001-gap", "performance-internal-audit");

/// A member of the school's staff, as the plan names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// The account's public id.
    pub account: String,
    pub name: String,
}

/// An audit's plan as checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub framework: String,
    /// Element ids, in framework order.
    pub scope: Vec<String>,
    pub auditors: Vec<StaffMember>,
    /// Whose work is audited: responsible for the area in scope.
    pub auditee: StaffMember,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
}

/// What a finding says about an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The requirement is met; the evidence says so.
    Conformity,
    /// Met, but could be better: an opportunity for improvement.
    Observation,
    MinorNonConformity,
    MajorNonConformity,
}

impl FindingKind {
    pub const ALL: [FindingKind; 4] = [
        FindingKind::Conformity,
        FindingKind::Observation,
        FindingKind::MinorNonConformity,
        FindingKind::MajorNonConformity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Conformity => "conformity",
            FindingKind::Observation => "observation",
            FindingKind::MinorNonConformity => "minor",
            FindingKind::MajorNonConformity => "major",
        }
    }

    pub fn parse(value: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The severity of the register entry this finding raises, if any.
    pub fn raises(self) -> Option<super::nonconformity::Severity> {
        use super::nonconformity::Severity;
        match self {
            FindingKind::MinorNonConformity => Some(Severity::Minor),
            FindingKind::MajorNonConformity => Some(Severity::Major),
            FindingKind::Conformity | FindingKind::Observation => None,
        }
    }
}

/// One finding of an audit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub indicator: String,
    pub kind: FindingKind,
    pub statement: String,
    /// What the auditor examined: documents, records, people asked.
    pub evidence: String,
    /// The register entry it raised, for a non-conformity.
    pub nonconformity: Option<String>,
    pub recorded_by: String,
    /// RFC 3339.
    pub recorded_at: String,
}

/// An audit with its findings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternalAudit {
    pub id: String,
    pub plan: Plan,
    pub findings: Vec<Finding>,
    pub summary: String,
    /// `YYYY-MM-DD` it closed.
    pub closed_on: Option<String>,
    pub planned_by: String,
    /// Counts saved changes, so closing a stale copy is refused.
    pub version: i32,
}

/// Where an audit stands in the year's programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Planned,
    UnderWay,
    Late,
    Done,
}

impl InternalAudit {
    pub fn is_open(&self) -> bool {
        self.closed_on.is_none()
    }

    pub fn standing(&self, today: Day) -> Standing {
        if !self.is_open() {
            return Standing::Done;
        }
        match (
            Day::parse(&self.plan.starts_on),
            Day::parse(&self.plan.ends_on),
        ) {
            (_, Some(end)) if today > end => Standing::Late,
            (Some(start), _) if today < start => Standing::Planned,
            _ => Standing::UnderWay,
        }
    }

    /// Whether `account` is one of its auditors: they record its findings.
    pub fn audited_by(&self, account: &str) -> bool {
        self.plan.auditors.iter().any(|a| a.account == account)
    }

    /// The year of its programme: the year it starts.
    pub fn year(&self) -> i32 {
        Day::parse(&self.plan.starts_on).map_or(0, |d| d.ymd().0)
    }
}

/// Why a plan, a finding or a closing cannot be saved as asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AuditProblem {
    #[error("choose at least one of the framework's elements")]
    ScopeMissing,
    #[error("choose at least one auditor from the school's staff")]
    AuditorsMissing,
    #[error("choose whose work is audited from the school's staff")]
    AuditeeMissing,
    #[error("an auditor may not audit their own work")]
    OwnWork,
    #[error("the day is not a date (YYYY-MM-DD)")]
    BadDate,
    #[error("the audit ends before it starts")]
    EndsBeforeStart,
    #[error("choose an indicator in the audit's scope")]
    OutOfScope,
    #[error("say what was found")]
    StatementMissing,
    #[error("say what evidence was examined")]
    EvidenceMissing,
    #[error("record at least one finding before closing")]
    NoFindings,
    #[error("write the summary before closing")]
    SummaryMissing,
    #[error("the text is too long")]
    TooLong,
}

fn too_long(text: &str) -> bool {
    text.chars().count() > AUDIT_TEXT_MAX_CHARS
}

/// A plan as typed: element and account ids, days.
pub struct PlanForm<'a> {
    pub scope: &'a [String],
    pub auditors: &'a [String],
    pub auditee: &'a str,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
}

/// Checks a plan against the framework and the school's `staff`: the
/// scope names its elements, auditors and auditee are staff, no auditor
/// audits their own work, and the days are days in order.
pub fn check_plan(
    fw: &Framework,
    form: &PlanForm<'_>,
    staff: &[StaffMember],
) -> Result<Plan, Vec<AuditProblem>> {
    let mut problems = Vec::new();
    let scope: Vec<String> = fw
        .elements
        .iter()
        .filter(|e| form.scope.iter().any(|s| s.trim() == e.id))
        .map(|e| e.id.clone())
        .collect();
    if scope.is_empty() || scope.len() != dedup_len(form.scope) {
        problems.push(AuditProblem::ScopeMissing);
    }
    let member = |id: &str| staff.iter().find(|m| m.account == id.trim()).cloned();
    let auditors: Vec<StaffMember> = staff
        .iter()
        .filter(|m| form.auditors.iter().any(|a| a.trim() == m.account))
        .cloned()
        .collect();
    if auditors.is_empty() || auditors.len() != dedup_len(form.auditors) {
        problems.push(AuditProblem::AuditorsMissing);
    }
    let auditee = member(form.auditee);
    match &auditee {
        None => problems.push(AuditProblem::AuditeeMissing),
        Some(a) if auditors.iter().any(|m| m.account == a.account) => {
            problems.push(AuditProblem::OwnWork)
        }
        Some(_) => {}
    }
    let (starts, ends) = (form.starts_on.trim(), form.ends_on.trim());
    match (Day::parse(starts), Day::parse(ends)) {
        (Some(s), Some(e)) if e < s => problems.push(AuditProblem::EndsBeforeStart),
        (Some(_), Some(_)) => {}
        _ => problems.push(AuditProblem::BadDate),
    }
    match auditee {
        Some(auditee) if problems.is_empty() => Ok(Plan {
            framework: fw.id.clone(),
            scope,
            auditors,
            auditee,
            starts_on: starts.to_owned(),
            ends_on: ends.to_owned(),
        }),
        _ => Err(problems),
    }
}

fn dedup_len(values: &[String]) -> usize {
    let mut v: Vec<&str> = values.iter().map(|s| s.trim()).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// Checks a finding: its indicator is in the audit's scope, and it says
/// what was found and what evidence was examined. Returns it trimmed.
pub fn check_finding(
    fw: &Framework,
    audit: &InternalAudit,
    indicator: &str,
    (statement, evidence): (&str, &str),
) -> Result<(String, String), Vec<AuditProblem>> {
    let mut problems = Vec::new();
    let in_scope = fw
        .indicator(indicator.trim())
        .is_some_and(|r| audit.plan.scope.contains(&r.element.id));
    if !in_scope {
        problems.push(AuditProblem::OutOfScope);
    }
    let (statement, evidence) = (statement.trim(), evidence.trim());
    if statement.is_empty() {
        problems.push(AuditProblem::StatementMissing);
    }
    if evidence.is_empty() {
        problems.push(AuditProblem::EvidenceMissing);
    }
    if too_long(statement) || too_long(evidence) {
        problems.push(AuditProblem::TooLong);
    }
    if problems.is_empty() {
        Ok((statement.to_owned(), evidence.to_owned()))
    } else {
        Err(problems)
    }
}

/// Checks a closing: a summary, and at least one finding to sum up.
pub fn check_close(audit: &InternalAudit, summary: &str) -> Result<String, Vec<AuditProblem>> {
    let summary = summary.trim();
    let mut problems = Vec::new();
    if audit.findings.is_empty() {
        problems.push(AuditProblem::NoFindings);
    }
    if summary.is_empty() {
        problems.push(AuditProblem::SummaryMissing);
    } else if too_long(summary) {
        problems.push(AuditProblem::TooLong);
    }
    if problems.is_empty() {
        Ok(summary.to_owned())
    } else {
        Err(problems)
    }
}

/// How many of a year's audits stand where.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub planned: usize,
    pub under_way: usize,
    pub late: usize,
    pub done: usize,
}

pub fn programme<'a>(audits: impl IntoIterator<Item = &'a InternalAudit>, today: Day) -> Programme {
    let mut p = Programme::default();
    for audit in audits {
        match audit.standing(today) {
            Standing::Planned => p.planned += 1,
            Standing::UnderWay => p.under_way += 1,
            Standing::Late => p.late += 1,
            Standing::Done => p.done += 1,
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso() -> Framework {
        let source = include_str!("../../../frameworks/iso-21001-gap.toml");
        crate::domain::framework_file::parse("iso-21001-gap.toml", source).unwrap()
    }

    fn staff() -> Vec<StaffMember> {
        ["cora", "tara", "dana"]
            .map(|n| StaffMember {
                account: n.into(),
                name: n.to_uppercase(),
            })
            .to_vec()
    }

    fn form<'a>(scope: &'a [String], auditors: &'a [String], auditee: &'a str) -> PlanForm<'a> {
        PlanForm {
            scope,
            auditors,
            auditee,
            starts_on: "2027-03-01",
            ends_on: "2027-03-05",
        }
    }

    fn audit() -> InternalAudit {
        let scope = ["performance".to_owned()];
        let auditors = ["tara".to_owned()];
        InternalAudit {
            id: "a".into(),
            plan: check_plan(&iso(), &form(&scope, &auditors, "cora"), &staff()).unwrap(),
            findings: Vec::new(),
            summary: String::new(),
            closed_on: None,
            planned_by: "Cora".into(),
            version: 1,
        }
    }

    #[test]
    fn a_plan_names_elements_staff_and_days_in_order() {
        let plan = audit().plan;
        assert_eq!(plan.scope, ["performance"]);
        assert_eq!(plan.auditors[0].name, "TARA");
        assert_eq!(plan.auditee.account, "cora");
        let fw = iso();
        let none: [String; 0] = [];
        let stranger = ["zed".to_owned()];
        let bad_element = ["nowhere".to_owned(), "performance".to_owned()];
        let problems = check_plan(&fw, &form(&bad_element, &stranger, "zed"), &staff());
        assert_eq!(
            problems,
            Err(vec![
                AuditProblem::ScopeMissing,
                AuditProblem::AuditorsMissing,
                AuditProblem::AuditeeMissing
            ])
        );
        let mut backwards = form(&none, &none, "cora");
        backwards.scope = &stranger;
        backwards.ends_on = "2027-02-28";
        let problems = check_plan(&fw, &backwards, &staff()).unwrap_err();
        assert!(problems.contains(&AuditProblem::EndsBeforeStart));
        backwards.ends_on = "5 March";
        let problems = check_plan(&fw, &backwards, &staff()).unwrap_err();
        assert!(problems.contains(&AuditProblem::BadDate));
    }

    #[test]
    fn no_auditor_audits_their_own_work() {
        let scope = ["performance".to_owned()];
        let auditors = ["tara".to_owned(), "cora".to_owned()];
        assert_eq!(
            check_plan(&iso(), &form(&scope, &auditors, "cora"), &staff()),
            Err(vec![AuditProblem::OwnWork])
        );
    }

    #[test]
    fn findings_stay_within_the_scope_and_say_what_was_examined() {
        let fw = iso();
        let a = audit();
        let said = ("Minutes record no decisions", "Minutes of 2026");
        assert!(check_finding(&fw, &a, "performance-management-review", said).is_ok());
        assert_eq!(
            check_finding(&fw, &a, "leadership-policy", said),
            Err(vec![AuditProblem::OutOfScope])
        );
        assert_eq!(
            check_finding(&fw, &a, "performance-internal-audit", (" ", "")),
            Err(vec![
                AuditProblem::StatementMissing,
                AuditProblem::EvidenceMissing
            ])
        );
    }

    #[test]
    fn an_audit_closes_with_findings_and_a_summary() {
        let mut a = audit();
        assert_eq!(
            check_close(&a, ""),
            Err(vec![AuditProblem::NoFindings, AuditProblem::SummaryMissing])
        );
        a.findings.push(Finding {
            indicator: "performance-internal-audit".into(),
            kind: FindingKind::Conformity,
            statement: "Programme kept".into(),
            evidence: "Programme".into(),
            nonconformity: None,
            recorded_by: "Tara".into(),
            recorded_at: "2027-03-02T10:00:00Z".into(),
        });
        assert_eq!(check_close(&a, " Sound. ").unwrap(), "Sound.");
    }

    #[test]
    fn the_programme_counts_planned_under_way_late_and_done() {
        let a = audit();
        let day = Day::from_ymd;
        assert_eq!(a.standing(day(2027, 2, 28)), Standing::Planned);
        assert_eq!(a.standing(day(2027, 3, 1)), Standing::UnderWay);
        assert_eq!(a.standing(day(2027, 3, 5)), Standing::UnderWay);
        assert_eq!(a.standing(day(2027, 3, 6)), Standing::Late);
        let mut done = a.clone();
        done.closed_on = Some("2027-03-06".into());
        assert_eq!(done.standing(day(2027, 3, 6)), Standing::Done);
        assert_eq!(
            programme([&a, &done], day(2027, 3, 6)),
            Programme {
                late: 1,
                done: 1,
                ..Programme::default()
            }
        );
        assert_eq!(a.year(), 2027);
        assert!(a.audited_by("tara") && !a.audited_by("cora"));
    }

    #[test]
    fn only_non_conformities_raise_register_entries() {
        use crate::domain::nonconformity::Severity;
        assert_eq!(
            FindingKind::MajorNonConformity.raises(),
            Some(Severity::Major)
        );
        assert_eq!(FindingKind::Observation.raises(), None);
        for kind in FindingKind::ALL {
            assert_eq!(FindingKind::parse(kind.as_str()), Some(kind));
        }
    }
}
