//! The scoring engine: one implementation, run by the browser for the live
//! preview and by the server, which recomputes and stores authoritatively.
//!
//! All arithmetic is on integers (scores are in permille, 0 to 1000), so the
//! native and the wasm builds give identical results bit for bit.

use super::framework::{AwardRule, Framework};
use serde::{Deserialize, Serialize};

/// A school's answer to one indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Index into the framework's scale (0 = lowest); `None` when not yet rated.
    pub rating: Option<u8>,
    /// How many pieces of evidence are attached.
    pub evidence: u32,
}

/// Answers for every indicator of one framework, in the framework's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseSet {
    answers: Vec<Answer>,
}

impl ResponseSet {
    /// No indicator answered.
    pub fn new(fw: &Framework) -> Self {
        ResponseSet {
            answers: vec![Answer::default(); fw.indicator_count()],
        }
    }

    /// Builds the set from answers keyed by indicator id. Unknown ids are
    /// ignored; an indicator answered twice keeps the higher rating and the
    /// larger evidence count, so the order of the answers never matters.
    pub fn from_ids<'a>(
        fw: &Framework,
        answers: impl IntoIterator<Item = (&'a str, Answer)>,
    ) -> Self {
        let index: std::collections::HashMap<&str, usize> = fw
            .indicators()
            .map(|r| (r.indicator.id.as_str(), r.index))
            .collect();
        let mut set = ResponseSet::new(fw);
        for (id, answer) in answers {
            if let Some(&i) = index.get(id) {
                set.merge(i, answer);
            }
        }
        set
    }

    fn merge(&mut self, index: usize, answer: Answer) {
        let slot = &mut self.answers[index];
        slot.rating = slot.rating.max(answer.rating);
        slot.evidence = slot.evidence.max(answer.evidence);
    }

    /// Replaces the answer at an indicator's position; positions past the end are ignored.
    pub fn set(&mut self, index: usize, answer: Answer) {
        if let Some(slot) = self.answers.get_mut(index) {
            *slot = answer;
        }
    }

    pub fn get(&self, index: usize) -> Answer {
        self.answers.get(index).copied().unwrap_or_default()
    }

    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }
}

/// Facts about the school that some award rules need beyond its answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardContext {
    /// Awards the school holds now, with how many consecutive years it has held each.
    pub held: Vec<HeldAward>,
    /// Whether the school belongs to any cluster.
    pub cluster_member: bool,
    /// Awards held by the other schools of the clusters it belongs to.
    pub cluster_awards: Vec<String>,
    /// Share of this year's cluster meetings the school attended, if any were held.
    pub meeting_attendance_percent: Option<u32>,
    /// Whether a cluster of the school submitted this year's written update
    /// against the framework's elements.
    #[serde(alias = "research_update_submitted")]
    pub annual_update_submitted: bool,
    /// Actions in the action plan of the self-assessment being scored.
    #[serde(default)]
    pub planned_actions: u32,
    /// Whether a cluster of the school has written its development plan.
    #[serde(default)]
    pub development_plan: bool,
    /// Practice cards the school shared on its clusters' boards in the last twelve months.
    #[serde(default)]
    pub shared_cards: u32,
    /// Schools in the largest cluster it belongs to (itself included; 0 when none).
    #[serde(default)]
    pub largest_cluster: u32,
    /// Whether it takes part in a research activity of its cluster.
    #[serde(default)]
    pub research_activity: bool,
    /// Whether it leads a cluster.
    #[serde(default)]
    pub leads_cluster: bool,
    /// Whether an assessor recorded a visit to the school in the last twelve
    /// months; `None` before a review, while the visit is still to come.
    #[serde(default)]
    pub annual_visit: Option<bool>,
    /// Practice cards it published to the network's practice library in the
    /// last twelve months.
    #[serde(default)]
    pub published_cards: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldAward {
    pub award: String,
    pub consecutive_years: u32,
}

/// Everything the engine works out from one set of answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreReport {
    pub rated: u32,
    pub total: u32,
    /// Share of indicators rated, in permille.
    pub completeness: u32,
    /// Weighted overall score, in permille of the top level.
    pub overall: u32,
    /// Indicators with at least one piece of evidence.
    pub with_evidence: u32,
    /// One entry per element, in framework order.
    pub elements: Vec<ElementScore>,
    /// One entry per award, in framework order.
    pub awards: Vec<AwardOutcome>,
    /// Index of the highest award whose every rule is met.
    pub reached: Option<usize>,
    /// What stands between the school and the next award above `reached`,
    /// largest weighted distance first.
    pub gaps: Vec<Gap>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementScore {
    pub rated: u32,
    pub total: u32,
    pub completeness: u32,
    pub with_evidence: u32,
    /// Weighted score, in permille of the top level (unrated counts as the lowest).
    pub score: u32,
    /// The level reached: the weighted mean rating, rounded down.
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardOutcome {
    pub eligible: bool,
    /// Why not, in the order of the award's rules; empty when eligible.
    pub unmet: Vec<Unmet>,
    /// Whether the award also asks for an annual visit that is still to
    /// come: eligible so far, to be ratified by the assessor's visit.
    #[serde(default)]
    pub awaits_visit: bool,
}

/// A rule that is not met, with the figures needed to explain it in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unmet {
    /// An element's level is below the one needed. `below` counts the
    /// element's indicators under `needed`, per level (index = level; the
    /// last entry counts unrated indicators).
    ElementBelow {
        element: usize,
        needed: u8,
        reached: u8,
        below: Vec<u32>,
    },
    /// Indicators rated below `needed` (or not rated).
    IndicatorsBelow {
        needed: u8,
        count: u32,
        unrated: u32,
    },
    EvidenceShare {
        needed_percent: u32,
        has_permille: u32,
    },
    OverallScore {
        needed_percent: u32,
        has_permille: u32,
    },
    /// `award` is the index of the award that must be held.
    AwardNotHeld {
        award: usize,
        years: u32,
        held_years: u32,
    },
    /// Not in a cluster of schools holding the awards the rule names.
    ClusterMembership,
    MeetingAttendance {
        needed_percent: u32,
        has_percent: Option<u32>,
    },
    AnnualUpdate,
    ActionPlan {
        needed: u32,
        has: u32,
    },
    DevelopmentPlan,
    SharedPractice {
        needed: u32,
        has: u32,
    },
    ClusterSize {
        needed: u32,
        has: u32,
    },
    ResearchActivity,
    LeadsCluster,
    /// No assessor's visit recorded in the last twelve months.
    AnnualVisit,
    DevelopmentAims {
        needed: u32,
        has: u32,
    },
}

/// One indicator to raise, and by how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub element: usize,
    /// Position among all indicators.
    pub indicator: usize,
    pub current: Option<u8>,
    pub needed: u8,
    /// Levels to climb (an unrated indicator climbs one more) times the weight.
    pub weighted_distance: u32,
}

/// `part / whole` in permille, 0 when `whole` is 0.
fn permille(part: u64, whole: u64) -> u32 {
    (part * 1000)
        .checked_div(whole)
        .map_or(0, |p| u32::try_from(p).unwrap_or(1000))
}

/// Per-element sums gathered in one pass over the answers.
#[derive(Clone, Copy, Default)]
struct Sums {
    rated: u32,
    total: u32,
    with_evidence: u32,
    weight: u64,
    weighted_rating: u64,
}

/// How many indicators sit at each level, per element and overall, from the
/// same single pass: row `e` for element `e`, the last row for all; in each
/// row, one count per level and a last one for unrated indicators.
struct Histogram {
    width: usize,
    counts: Vec<u32>,
}

impl Histogram {
    fn new(elements: usize, levels: usize) -> Histogram {
        Histogram {
            width: levels + 1,
            counts: vec![0; (elements + 1) * (levels + 1)],
        }
    }

    fn add(&mut self, row: usize, rating: Option<u8>) {
        let column = rating.map_or(self.width - 1, usize::from);
        self.counts[row * self.width + column] += 1;
    }

    /// Counts under `needed` in a row, per level, then unrated last.
    fn below(&self, row: usize, needed: u8) -> Vec<u32> {
        let row = &self.counts[row * self.width..(row + 1) * self.width];
        let needed = usize::from(needed);
        row[..needed]
            .iter()
            .copied()
            .chain([row[self.width - 1]])
            .collect()
    }
}

/// Scores one set of answers against a framework.
pub fn score(fw: &Framework, responses: &ResponseSet, context: &AwardContext) -> ScoreReport {
    let top = fw.top_level();
    let mut sums = vec![Sums::default(); fw.elements.len()];
    let mut all = Sums::default();
    let mut histogram = Histogram::new(fw.elements.len(), fw.scale.len());
    for r in fw.indicators() {
        let answer = responses.get(r.index);
        let rating = answer.rating.map(|x| x.min(top));
        histogram.add(r.element_index, rating);
        histogram.add(fw.elements.len(), rating);
        let weight = u64::from(r.indicator.weight);
        for s in [&mut sums[r.element_index], &mut all] {
            s.total += 1;
            s.weight += weight;
            if let Some(x) = rating {
                s.rated += 1;
                s.weighted_rating += weight * u64::from(x);
            }
            if answer.evidence > 0 {
                s.with_evidence += 1;
            }
        }
    }
    let top64 = u64::from(top);
    let elements: Vec<ElementScore> = sums
        .iter()
        .map(|s| ElementScore {
            rated: s.rated,
            total: s.total,
            completeness: permille(u64::from(s.rated), u64::from(s.total)),
            with_evidence: s.with_evidence,
            score: permille(s.weighted_rating, s.weight * top64),
            level: u8::try_from(s.weighted_rating.checked_div(s.weight).unwrap_or(0))
                .unwrap_or(top),
        })
        .collect();

    let mut report = ScoreReport {
        rated: all.rated,
        total: all.total,
        completeness: permille(u64::from(all.rated), u64::from(all.total)),
        overall: permille(all.weighted_rating, all.weight * top64),
        with_evidence: all.with_evidence,
        elements,
        awards: Vec::with_capacity(fw.awards.len()),
        reached: None,
        gaps: Vec::new(),
    };
    for award in &fw.awards {
        let mut unmet = Vec::new();
        for rule in &award.rules {
            check_rule(fw, rule, &histogram, &report, context, &mut unmet);
        }
        let awaits_visit = context.annual_visit.is_none()
            && award
                .rules
                .iter()
                .any(|r| matches!(r, AwardRule::AnnualVisit));
        report.awards.push(AwardOutcome {
            eligible: unmet.is_empty(),
            unmet,
            awaits_visit,
        });
    }
    report.reached = report.awards.iter().rposition(|a| a.eligible);
    let next = report.reached.map_or(0, |i| i + 1);
    if next < fw.awards.len() {
        report.gaps = gaps_toward(fw, responses, next);
    }
    report
}

/// Adds to `unmet` what keeps `rule` from being met (one entry per element
/// below its level, so every such element is named).
fn check_rule(
    fw: &Framework,
    rule: &AwardRule,
    histogram: &Histogram,
    report: &ScoreReport,
    context: &AwardContext,
    unmet: &mut Vec<Unmet>,
) {
    if let AwardRule::MinElementLevel { level, elements } = rule {
        let Some(needed) = fw.level_index(level) else {
            return;
        };
        let below = fw
            .elements
            .iter()
            .enumerate()
            .filter(|(i, e)| {
                (elements.is_empty() || elements.contains(&e.id))
                    && report.elements[*i].level < needed
            })
            .map(|(i, _)| Unmet::ElementBelow {
                element: i,
                needed,
                reached: report.elements[i].level,
                below: histogram.below(i, needed),
            });
        unmet.extend(below);
    } else {
        unmet.extend(check_fact_rule(fw, rule, report, histogram, context));
    }
}

/// Rules that are met or not as a whole.
fn check_fact_rule(
    fw: &Framework,
    rule: &AwardRule,
    report: &ScoreReport,
    histogram: &Histogram,
    context: &AwardContext,
) -> Option<Unmet> {
    match rule {
        AwardRule::MinElementLevel { .. } => None,
        AwardRule::NoIndicatorBelow { level } => {
            let needed = fw.level_index(level)?;
            let below = histogram.below(fw.elements.len(), needed);
            let count: u32 = below.iter().sum();
            (count > 0).then(|| Unmet::IndicatorsBelow {
                needed,
                count,
                unrated: below.last().copied().unwrap_or(0),
            })
        }
        AwardRule::MinEvidenceShare { percent } => {
            let has = permille(u64::from(report.with_evidence), u64::from(report.total));
            (has < percent * 10).then_some(Unmet::EvidenceShare {
                needed_percent: *percent,
                has_permille: has,
            })
        }
        AwardRule::MinOverallScore { percent } => {
            (report.overall < percent * 10).then_some(Unmet::OverallScore {
                needed_percent: *percent,
                has_permille: report.overall,
            })
        }
        AwardRule::HeldAward { award, years } => {
            let held_years = context
                .held
                .iter()
                .filter(|h| &h.award == award)
                .map(|h| h.consecutive_years)
                .max()
                .unwrap_or(0);
            (held_years < *years).then(|| Unmet::AwardNotHeld {
                award: fw
                    .awards
                    .iter()
                    .position(|a| &a.id == award)
                    .unwrap_or(usize::MAX),
                years: *years,
                held_years,
            })
        }
        AwardRule::ClusterMembership { awards } => {
            let ok = context.cluster_member
                && (awards.is_empty() || context.cluster_awards.iter().any(|a| awards.contains(a)));
            (!ok).then_some(Unmet::ClusterMembership)
        }
        AwardRule::MeetingAttendance { percent } => {
            let ok = context
                .meeting_attendance_percent
                .is_some_and(|p| p >= *percent);
            (!ok).then_some(Unmet::MeetingAttendance {
                needed_percent: *percent,
                has_percent: context.meeting_attendance_percent,
            })
        }
        AwardRule::AnnualUpdate => {
            (!context.annual_update_submitted).then_some(Unmet::AnnualUpdate)
        }
        AwardRule::ActionPlan { actions } => {
            (context.planned_actions < *actions).then_some(Unmet::ActionPlan {
                needed: *actions,
                has: context.planned_actions,
            })
        }
        AwardRule::DevelopmentPlan => (!context.development_plan).then_some(Unmet::DevelopmentPlan),
        AwardRule::SharedPractice { cards } => {
            (context.shared_cards < *cards).then_some(Unmet::SharedPractice {
                needed: *cards,
                has: context.shared_cards,
            })
        }
        AwardRule::ClusterSize { schools } => {
            (context.largest_cluster < *schools).then_some(Unmet::ClusterSize {
                needed: *schools,
                has: context.largest_cluster,
            })
        }
        AwardRule::ResearchActivity => {
            (!context.research_activity).then_some(Unmet::ResearchActivity)
        }
        AwardRule::LeadsCluster => (!context.leads_cluster).then_some(Unmet::LeadsCluster),
        AwardRule::AnnualVisit => {
            (context.annual_visit == Some(false)).then_some(Unmet::AnnualVisit)
        }
        AwardRule::DevelopmentAims { cards } => {
            (context.published_cards < *cards).then_some(Unmet::DevelopmentAims {
                needed: *cards,
                has: context.published_cards,
            })
        }
    }
}

/// The level each element's indicators need for `award` under its rating
/// rules (rules apply to whole elements), if any.
fn needed_levels(fw: &Framework, award: usize) -> Vec<Option<u8>> {
    let mut needed = vec![None; fw.elements.len()];
    let Some(award) = fw.awards.get(award) else {
        return needed;
    };
    for rule in &award.rules {
        let (level, elements): (&str, &[String]) = match rule {
            AwardRule::MinElementLevel { level, elements } => (level, elements),
            AwardRule::NoIndicatorBelow { level } => (level, &[]),
            _ => continue,
        };
        let Some(level) = fw.level_index(level) else {
            continue;
        };
        for (slot, element) in needed.iter_mut().zip(&fw.elements) {
            if elements.is_empty() || elements.contains(&element.id) {
                *slot = (*slot).max(Some(level));
            }
        }
    }
    needed
}

/// A school's strengths: the positions of its `n` best-scored elements
/// (ties in framework order), leaving out elements with no rating at all.
pub fn strengths(elements: &[ElementScore], n: usize) -> Vec<usize> {
    let mut rated: Vec<(usize, u32)> = elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.rated > 0)
        .map(|(i, e)| (i, e.score))
        .collect();
    rated.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rated.into_iter().take(n).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod strength_tests {
    use super::*;

    fn element(rated: u32, score: u32) -> ElementScore {
        ElementScore {
            rated,
            total: 4,
            completeness: 0,
            with_evidence: 0,
            score,
            level: 0,
        }
    }

    #[test]
    fn strengths_are_the_best_rated_elements_ties_in_framework_order() {
        let elements = [
            element(4, 500),
            element(0, 0),
            element(4, 900),
            element(4, 500),
        ];
        assert_eq!(strengths(&elements, 2), vec![2, 0]);
        assert_eq!(strengths(&elements, 9), vec![2, 0, 3]);
        assert!(strengths(&[element(0, 0)], 2).is_empty());
    }
}

/// The indicators to raise for `award`, largest weighted distance first
/// (ties in framework order).
pub fn gaps_toward(fw: &Framework, responses: &ResponseSet, award: usize) -> Vec<Gap> {
    let needed = needed_levels(fw, award);
    let mut gaps: Vec<Gap> = fw
        .indicators()
        .filter_map(|r| {
            let needed = needed[r.element_index]?;
            let current = responses.get(r.index).rating.map(|x| x.min(fw.top_level()));
            let have = current.map_or(0, |x| u32::from(x) + 1);
            let want = u32::from(needed) + 1;
            (have < want).then(|| Gap {
                element: r.element_index,
                indicator: r.index,
                current,
                needed,
                weighted_distance: (want - have) * r.indicator.weight,
            })
        })
        .collect();
    gaps.sort_by(|a, b| {
        b.weighted_distance
            .cmp(&a.weighted_distance)
            .then(a.indicator.cmp(&b.indicator))
    });
    gaps
}

/// Network-wide figures over many schools' reports on one framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    pub schools: u32,
    /// Mean score per element, in permille.
    pub element_means: Vec<u32>,
    /// Mean overall score, in permille.
    pub overall_mean: u32,
    /// How many schools fall in each tenth of the overall score (0–9.9%, …, 90–100%).
    pub distribution: [u32; 10],
    /// How many schools reach each award (as their highest).
    pub reached: Vec<u32>,
}

pub fn aggregate<'a>(
    fw: &Framework,
    reports: impl IntoIterator<Item = &'a ScoreReport>,
) -> Aggregate {
    let mut element_sums = vec![0u64; fw.elements.len()];
    let mut overall_sum = 0u64;
    let mut distribution = [0u32; 10];
    let mut reached = vec![0u32; fw.awards.len()];
    let mut schools = 0u32;
    for report in reports {
        schools += 1;
        for (sum, element) in element_sums.iter_mut().zip(&report.elements) {
            *sum += u64::from(element.score);
        }
        overall_sum += u64::from(report.overall);
        distribution[usize::try_from((report.overall / 100).min(9)).unwrap_or(9)] += 1;
        if let Some(slot) = report.reached.and_then(|i| reached.get_mut(i)) {
            *slot += 1;
        }
    }
    let mean =
        |sum: u64| u32::try_from(sum.checked_div(u64::from(schools)).unwrap_or(0)).unwrap_or(0);
    Aggregate {
        schools,
        element_means: element_sums.into_iter().map(mean).collect(),
        overall_mean: mean(overall_sum),
        distribution,
        reached,
    }
}
