//! An assessor's review of a submitted self-assessment: where it is in its
//! life, who takes part, when a second assessor must moderate, the
//! decision, conflicts of interest, and an award's standing.

use super::assessment::Response;
use super::framework::Framework;
use super::scoring::HeldAward;
use serde::{Deserialize, Serialize};

/// Where a review is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// The lead assessor is validating ratings.
    InReview,
    /// Returned to the school with requests for more evidence.
    EvidenceRequested,
    /// Waiting for the second assessor to agree or disagree.
    Moderation,
    /// Waiting for a certification admin to sign the decision off.
    SignOff,
    /// Signed off: final.
    Closed,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 5] = [
        ReviewStatus::InReview,
        ReviewStatus::EvidenceRequested,
        ReviewStatus::Moderation,
        ReviewStatus::SignOff,
        ReviewStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::InReview => "in_review",
            ReviewStatus::EvidenceRequested => "evidence_requested",
            ReviewStatus::Moderation => "moderation",
            ReviewStatus::SignOff => "sign_off",
            ReviewStatus::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// What the review decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The award is granted (or, at an annual review, confirmed).
    Granted,
    /// Deferred until the written conditions are met.
    Deferred,
    /// The standard is not met.
    NotMet,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Granted, Outcome::Deferred, Outcome::NotMet];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Granted => "granted",
            Outcome::Deferred => "deferred",
            Outcome::NotMet => "not_met",
        }
    }

    pub fn parse(value: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == value)
    }
}

/// The assessor's validated rating and comment on one indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRating {
    pub indicator: String,
    /// The scale level's id; `None` while not validated.
    pub level: Option<String>,
    pub comment: String,
}

/// What the scoring engine makes of an assessor's validated ratings.
fn validated_report(
    fw: &crate::domain::Framework,
    ratings: &[ReviewRating],
) -> crate::domain::ScoreReport {
    use crate::domain::scoring::{score, Answer, AwardContext, ResponseSet};
    let answers = ratings.iter().filter_map(|r| {
        let level = fw.level_index(r.level.as_deref()?)?;
        Some((
            r.indicator.as_str(),
            Answer {
                rating: Some(level),
                evidence: 0,
            },
        ))
    });
    let set = ResponseSet::from_ids(fw, answers);
    score(fw, &set, &AwardContext::default())
}

/// The `n` elements (ids) a school is strongest in by an assessor's
/// validated ratings, best first.
pub fn validated_strengths(
    fw: &crate::domain::Framework,
    ratings: &[ReviewRating],
    n: usize,
) -> Vec<String> {
    let report = validated_report(fw, ratings);
    crate::domain::scoring::strengths(&report.elements, n)
        .into_iter()
        .filter_map(|i| fw.elements.get(i).map(|e| e.id.clone()))
        .collect()
}

/// The scores validated ratings give, as kept for the network dashboard:
/// each element's (id, permille), then the overall score with an empty id.
pub fn validated_results(
    fw: &crate::domain::Framework,
    ratings: &[ReviewRating],
) -> Vec<(String, u32)> {
    let report = validated_report(fw, ratings);
    fw.elements
        .iter()
        .zip(&report.elements)
        .map(|(e, s)| (e.id.clone(), s.score))
        .chain(std::iter::once((String::new(), report.overall)))
        .collect()
}

/// A request for more evidence on one indicator, and the school's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRequest {
    pub id: String,
    pub indicator: String,
    pub message: String,
    pub asked_by: String,
    pub asked_at: String,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<String>,
    /// Whether it was sent to the school (requests are drafted, then sent together).
    pub sent: bool,
}

/// The annual visit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// `YYYY-MM-DD`.
    pub visited_on: String,
    pub people_met: String,
    pub classrooms: String,
    pub notes: String,
}

/// The lead assessor's proposed decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub outcome: Outcome,
    /// The award granted (its id in the framework); only with `Granted`.
    pub award: Option<String>,
    /// What the school must do first; only with `Deferred`.
    pub conditions: String,
    /// The written report.
    pub report: String,
}

/// The longest text kept in one review field.
pub const REVIEW_TEXT_MAX_CHARS: usize = 20_000;

/// What is wrong with a proposed decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum DecisionProblem {
    #[error("choose the award to grant")]
    AwardMissing,
    #[error("the award is not one of this framework's")]
    UnknownAward,
    #[error("write the conditions of the deferral")]
    ConditionsMissing,
    #[error("write the report")]
    ReportMissing,
    #[error("the text is too long")]
    TooLong,
    #[error("validate every indicator first")]
    RatingsMissing,
    #[error("this decision needs a second assessor: ask an admin to assign one")]
    SecondAssessorNeeded,
}

impl Decision {
    /// Checks a decision as typed against the framework.
    pub fn parse(
        fw: &Framework,
        outcome: Outcome,
        award: &str,
        conditions: &str,
        report: &str,
    ) -> Result<Decision, Vec<DecisionProblem>> {
        let mut problems = Vec::new();
        let award = award.trim();
        let award = match outcome {
            Outcome::Granted if award.is_empty() => {
                problems.push(DecisionProblem::AwardMissing);
                None
            }
            Outcome::Granted if fw.award(award).is_none() => {
                problems.push(DecisionProblem::UnknownAward);
                None
            }
            Outcome::Granted => Some(award.to_owned()),
            _ => None,
        };
        if outcome == Outcome::Deferred && conditions.trim().is_empty() {
            problems.push(DecisionProblem::ConditionsMissing);
        }
        if report.trim().is_empty() {
            problems.push(DecisionProblem::ReportMissing);
        }
        if conditions.chars().count() > REVIEW_TEXT_MAX_CHARS
            || report.chars().count() > REVIEW_TEXT_MAX_CHARS
        {
            problems.push(DecisionProblem::TooLong);
        }
        if problems.is_empty() {
            Ok(Decision {
                outcome,
                award,
                conditions: if outcome == Outcome::Deferred {
                    conditions.trim().to_owned()
                } else {
                    String::new()
                },
                report: report.trim().to_owned(),
            })
        } else {
            Err(problems)
        }
    }
}

/// Why a decision needs a second assessor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModerationReason {
    /// The assessor's rating differs from the school's by two levels or more.
    RatingGap {
        indicator: String,
        school: u8,
        assessor: u8,
    },
    /// The proposed award is above the framework's first award level
    /// (Centre of Excellence, Flagship).
    HigherAward { award: String },
}

/// How far apart two ratings must be for moderation.
pub const MODERATION_GAP: u8 = 2;

/// Every reason the decision must be moderated; none means it goes
/// straight to the admin.
pub fn moderation_reasons(
    fw: &Framework,
    school: &[Response],
    assessor: &[ReviewRating],
    decision: &Decision,
) -> Vec<ModerationReason> {
    let level = |id: Option<&String>| id.and_then(|l| fw.level_index(l));
    let mut reasons: Vec<ModerationReason> = fw
        .indicators()
        .filter_map(|r| {
            let id = &r.indicator.id;
            let theirs = level(school.iter().find(|s| &s.indicator == id)?.level.as_ref())?;
            let ours = level(assessor.iter().find(|a| &a.indicator == id)?.level.as_ref())?;
            (theirs.abs_diff(ours) >= MODERATION_GAP).then(|| ModerationReason::RatingGap {
                indicator: id.clone(),
                school: theirs,
                assessor: ours,
            })
        })
        .collect();
    if let (Outcome::Granted, Some(award)) = (decision.outcome, &decision.award) {
        if fw.awards.iter().position(|a| &a.id == award).unwrap_or(0) > 0 {
            reasons.push(ModerationReason::HigherAward {
                award: award.clone(),
            });
        }
    }
    reasons
}

/// Why an assessor may not review a school.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Conflict {
    #[error("the assessor works at this school")]
    MemberOfSchool,
    #[error("the assessor works at a school in the same cluster")]
    SharesCluster,
}

/// Whether a person who works at `belongs_to` (schools where they hold a
/// role other than assessor) has a conflict of interest reviewing
/// `school`, whose clusters include `cluster_schools`.
pub fn conflict_of_interest(
    belongs_to: &[String],
    school: &str,
    cluster_schools: &[String],
) -> Option<Conflict> {
    if belongs_to.iter().any(|s| s == school) {
        Some(Conflict::MemberOfSchool)
    } else if belongs_to.iter().any(|s| cluster_schools.contains(s)) {
        Some(Conflict::SharesCluster)
    } else {
        None
    }
}

/// Who someone is in a review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Lead,
    Second,
}

/// An award as granted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardTerm {
    /// The award's id in its framework.
    pub award: String,
    /// `YYYY-MM-DD`.
    pub granted_on: String,
    pub valid_until: String,
    pub revoked: bool,
    /// Suspended by the certification body until reinstated.
    #[serde(default)]
    pub suspended: bool,
}

/// Whether an award stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Valid,
    Expired,
    Revoked,
    /// Suspended by the certification body; it may be reinstated.
    Suspended,
    /// A review of its term is overdue past the grace period.
    Lapsed,
}

/// How long past its due date a review of the term may be before the
/// award lapses.
pub const LAPSE_GRACE_DAYS: i32 = 90;

/// What the certification body does to an award after granting it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardChange {
    Suspend,
    Reinstate,
    Revoke,
}

impl AwardChange {
    pub const ALL: [AwardChange; 3] = [
        AwardChange::Suspend,
        AwardChange::Reinstate,
        AwardChange::Revoke,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AwardChange::Suspend => "suspend",
            AwardChange::Reinstate => "reinstate",
            AwardChange::Revoke => "revoke",
        }
    }

    pub fn parse(value: &str) -> Option<AwardChange> {
        AwardChange::ALL.into_iter().find(|c| c.as_str() == value)
    }

    /// Whether the change applies to an award that is `revoked` and `suspended`:
    /// only a standing award is suspended, only a suspended one reinstated,
    /// and a revoked award stays revoked.
    pub fn applies(self, revoked: bool, suspended: bool) -> bool {
        !revoked
            && match self {
                AwardChange::Suspend => !suspended,
                AwardChange::Reinstate => suspended,
                AwardChange::Revoke => true,
            }
    }
}

/// Whether a term lapses on `today`: one of its reviews is overdue by more
/// than [`LAPSE_GRACE_DAYS`].
pub fn lapsed(reviews: &[super::calendar::DueReview], today: super::calendar::Day) -> bool {
    use super::calendar::{Day, DueState};
    reviews.iter().any(|r| {
        r.state == DueState::Overdue
            && Day::parse(&r.due_on).is_some_and(|due| due.days_until(today) > LAPSE_GRACE_DAYS)
    })
}

impl AwardTerm {
    /// Its standing on `today` (`YYYY-MM-DD`), from its own dates and state
    /// (lapsing needs its reviews: see [`lapsed`]).
    pub fn standing(&self, today: &str) -> Standing {
        if self.revoked {
            Standing::Revoked
        } else if self.suspended {
            Standing::Suspended
        } else if self.valid_until.as_str() < today {
            Standing::Expired
        } else {
            Standing::Valid
        }
    }
}

/// The awards a school holds on `today` and for how many whole years in a
/// row: consecutive terms of one award (each starting before the previous
/// one ended) count as one stretch.
pub fn held_awards(terms: &[AwardTerm], today: &str) -> Vec<HeldAward> {
    use super::calendar::Day;
    let Some(now) = Day::parse(today) else {
        return Vec::new();
    };
    let mut held: Vec<HeldAward> = Vec::new();
    let mut ids: Vec<&str> = terms.iter().map(|t| t.award.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let mut mine: Vec<&AwardTerm> = terms
            .iter()
            .filter(|t| t.award == id && !t.revoked && t.granted_on.as_str() <= today)
            .collect();
        mine.sort_by(|a, b| a.granted_on.cmp(&b.granted_on));
        let Some(last) = mine.last() else { continue };
        if last.standing(today) != Standing::Valid {
            continue;
        }
        let mut start = last.granted_on.as_str();
        for pair in mine.windows(2).rev() {
            if pair[1].granted_on <= pair[0].valid_until {
                start = pair[0].granted_on.as_str();
            } else {
                break;
            }
        }
        let years = Day::parse(start)
            .map(|s| s.days_until(now).max(0) / 365)
            .unwrap_or(0);
        held.push(HeldAward {
            award: id.to_owned(),
            consecutive_years: u32::try_from(years).unwrap_or(0),
        });
    }
    held
}

/// A certificate code: short, unambiguous to read aloud, from 60 random
/// bits (given, so that the domain needs no random source).
pub fn certificate_code(random: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut n = random;
    let mut out = String::with_capacity(14);
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[usize::try_from(n % 32).unwrap_or(0)]));
        n /= 32;
    }
    out
}

/// The assessor's requests for more evidence not answered yet, as
/// missing items (in the order they were asked).
pub fn unanswered_requests(
    fw: &Framework,
    requests: &[EvidenceRequest],
) -> Vec<super::assessment::Missing> {
    requests
        .iter()
        .filter(|r| r.sent && r.answer.as_deref().is_none_or(|a| a.trim().is_empty()))
        .filter_map(|r| {
            let place = fw.indicator(&r.indicator)?;
            Some(super::assessment::Missing::EvidenceRequest {
                element: place.element.id.clone(),
                indicator: r.indicator.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework_file::SHIPPED;
    use proptest::prelude::*;

    fn framework() -> Framework {
        crate::domain::framework_file::parse(SHIPPED[0].0, SHIPPED[0].1)
            .expect("the shipped framework parses")
    }

    fn response(indicator: &str, level: &str) -> Response {
        Response {
            indicator: indicator.to_owned(),
            level: Some(level.to_owned()),
            narrative: String::new(),
            version: 1,
            updated_by: String::new(),
            updated_at: String::new(),
            carried_from: None,
        }
    }

    fn rating(indicator: &str, level: &str) -> ReviewRating {
        ReviewRating {
            indicator: indicator.to_owned(),
            level: Some(level.to_owned()),
            comment: String::new(),
        }
    }

    fn granted(award: &str) -> Decision {
        Decision {
            outcome: Outcome::Granted,
            award: Some(award.to_owned()),
            conditions: String::new(),
            report: "Report".to_owned(),
        }
    }

    #[test]
    fn a_gap_of_two_levels_or_a_higher_award_needs_moderation() {
        let fw = framework();
        let first = fw
            .indicators()
            .next()
            .expect("an indicator")
            .indicator
            .id
            .clone();
        let scale: Vec<String> = fw.scale.iter().map(|l| l.id.clone()).collect();
        let school = vec![response(&first, &scale[0])];
        let one_apart = vec![rating(&first, &scale[1])];
        let two_apart = vec![rating(&first, &scale[2])];
        let base = &fw.awards[0].id;
        assert!(moderation_reasons(&fw, &school, &one_apart, &granted(base)).is_empty());
        assert_eq!(
            moderation_reasons(&fw, &school, &two_apart, &granted(base)),
            vec![ModerationReason::RatingGap {
                indicator: first,
                school: 0,
                assessor: 2
            }]
        );
        let higher = &fw.awards[1].id;
        assert_eq!(
            moderation_reasons(&fw, &school, &one_apart, &granted(higher)),
            vec![ModerationReason::HigherAward {
                award: higher.clone()
            }]
        );
    }

    #[test]
    fn strengths_are_the_elements_the_assessor_rated_highest() {
        let fw = framework();
        let top = fw.scale.last().expect("a scale").id.clone();
        let low = fw.scale[0].id.clone();
        let second = &fw.elements[1];
        let mut ratings: Vec<ReviewRating> = second
            .indicators
            .iter()
            .map(|i| rating(&i.id, &top))
            .collect();
        ratings.extend(
            fw.elements[0]
                .indicators
                .iter()
                .map(|i| rating(&i.id, &low)),
        );
        ratings.push(rating("no-such-indicator", &top));
        let strengths = validated_strengths(&fw, &ratings, 1);
        assert_eq!(strengths, vec![second.id.clone()]);
        assert!(validated_strengths(&fw, &[], 2).is_empty());
        let results = validated_results(&fw, &ratings);
        assert_eq!(results.len(), fw.elements.len() + 1);
        assert_eq!(results[1], (second.id.clone(), 1000));
        assert_eq!(results.last().map(|r| r.0.as_str()), Some(""));
    }

    #[test]
    fn a_decision_needs_its_parts() {
        let fw = framework();
        assert_eq!(
            Decision::parse(&fw, Outcome::Granted, "", "", ""),
            Err(vec![
                DecisionProblem::AwardMissing,
                DecisionProblem::ReportMissing
            ])
        );
        assert_eq!(
            Decision::parse(&fw, Outcome::Granted, "gold", "", "ok"),
            Err(vec![DecisionProblem::UnknownAward])
        );
        assert_eq!(
            Decision::parse(&fw, Outcome::Deferred, "", " ", "ok"),
            Err(vec![DecisionProblem::ConditionsMissing])
        );
        let deferred =
            Decision::parse(&fw, Outcome::Deferred, "x", "Add a policy", " ok ").expect("valid");
        assert_eq!(deferred.award, None);
        assert_eq!(deferred.report, "ok");
    }

    #[test]
    fn conflicts_of_interest_are_found() {
        let mine = vec!["a".to_owned()];
        assert_eq!(
            conflict_of_interest(&mine, "a", &[]),
            Some(Conflict::MemberOfSchool)
        );
        assert_eq!(
            conflict_of_interest(&mine, "b", &["a".to_owned(), "b".to_owned()]),
            Some(Conflict::SharesCluster)
        );
        assert_eq!(conflict_of_interest(&mine, "b", &["c".to_owned()]), None);
        assert_eq!(conflict_of_interest(&[], "b", &["b".to_owned()]), None);
    }

    fn term(award: &str, from: &str, until: &str) -> AwardTerm {
        AwardTerm {
            award: award.to_owned(),
            granted_on: from.to_owned(),
            valid_until: until.to_owned(),
            revoked: false,
            suspended: false,
        }
    }

    #[test]
    fn a_suspended_award_is_not_held_and_only_the_right_changes_apply() {
        let mut suspended = term("coe", "2025-08-01", "2028-07-31");
        suspended.suspended = true;
        assert_eq!(suspended.standing("2026-01-01"), Standing::Suspended);
        assert!(held_awards(&[suspended], "2026-11-25").is_empty());
        use AwardChange::*;
        assert!(Suspend.applies(false, false) && !Suspend.applies(false, true));
        assert!(Reinstate.applies(false, true) && !Reinstate.applies(false, false));
        assert!(Revoke.applies(false, true) && Revoke.applies(false, false));
        assert!(
            AwardChange::ALL.iter().all(|c| !c.applies(true, false)),
            "revoked stays revoked"
        );
    }

    #[test]
    fn a_review_overdue_past_the_grace_period_lapses_the_award() {
        use crate::domain::calendar::{schedule, Day};
        let granted = Day::parse("2025-07-01").unwrap();
        let at = |d: &str| Day::parse(d).unwrap();
        let soon_after = schedule(granted, &[], at("2026-09-01"), 60);
        assert!(
            !lapsed(&soon_after, at("2026-09-01")),
            "62 days overdue: within grace"
        );
        let late = schedule(granted, &[], at("2026-10-01"), 60);
        assert!(lapsed(&late, at("2026-10-01")), "92 days overdue");
    }

    #[test]
    fn consecutive_terms_add_up_and_gaps_restart_the_count() {
        let terms = vec![
            term("coe", "2019-09-01", "2022-08-31"),
            term("coe", "2022-08-15", "2025-08-14"),
            term("coe", "2025-08-01", "2028-07-31"),
            term("inclusive", "2015-01-01", "2017-12-31"),
            term("inclusive", "2025-01-01", "2027-12-31"),
        ];
        let held = held_awards(&terms, "2026-11-25");
        assert_eq!(
            held,
            vec![
                HeldAward {
                    award: "coe".to_owned(),
                    consecutive_years: 7
                },
                HeldAward {
                    award: "inclusive".to_owned(),
                    consecutive_years: 1
                },
            ]
        );
        let mut revoked = terms[2].clone();
        assert_eq!(revoked.standing("2026-01-01"), Standing::Valid);
        revoked.revoked = true;
        assert_eq!(revoked.standing("2026-01-01"), Standing::Revoked);
        assert_eq!(terms[0].standing("2026-01-01"), Standing::Expired);
        assert!(held_awards(&[revoked], "2026-11-25").is_empty());
    }

    proptest! {
        #[test]
        fn certificate_codes_are_readable(n in any::<u64>()) {
            let code = certificate_code(n);
            prop_assert_eq!(code.len(), 14);
            prop_assert!(code.chars().all(|c| c == '-' || c.is_ascii_uppercase() || c.is_ascii_digit()));
            prop_assert!(!code.contains('O') && !code.contains('0') && !code.contains('I') && !code.contains('1'));
        }

        #[test]
        fn moderation_is_symmetric_in_the_gap(a in 0usize..4, b in 0usize..4) {
            let fw = framework();
            let first = fw.indicators().next().expect("an indicator").indicator.id.clone();
            let scale: Vec<String> = fw.scale.iter().map(|l| l.id.clone()).collect();
            let (a, b) = (a.min(scale.len() - 1), b.min(scale.len() - 1));
            let base = granted(&fw.awards[0].id);
            let ab = moderation_reasons(&fw, &[response(&first, &scale[a])], &[rating(&first, &scale[b])], &base);
            let ba = moderation_reasons(&fw, &[response(&first, &scale[b])], &[rating(&first, &scale[a])], &base);
            prop_assert_eq!(ab.len(), ba.len());
            prop_assert_eq!(ab.is_empty(), a.abs_diff(b) < 2);
        }
    }
}
