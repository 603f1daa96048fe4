//! The framework model: elements → indicators → a rating scale, and the award
//! rules that decide eligibility. Frameworks are data (see `frameworks/*.toml`
//! and `framework_file`), never code.

use super::text::Text;
use serde::{Deserialize, Serialize};

/// The file format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A versioned assessment framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// File format version (see [`FORMAT_VERSION`]).
    pub format: u32,
    /// Stable identifier, shared by every version of the framework.
    pub id: String,
    /// This version's label; a self-assessment records the version it used.
    pub version: String,
    /// Language used when a string has no translation in the reader's language.
    pub default_language: String,
    /// Every language the file provides text in.
    pub languages: Vec<String>,
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    /// Rating levels, lowest first.
    pub scale: Vec<Level>,
    pub elements: Vec<Element>,
    /// Award levels, least demanding first.
    #[serde(default)]
    pub awards: Vec<Award>,
}

/// One level of the rating scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: Text,
    pub descriptor: Text,
}

/// A framework element (for example "Teaching and learning").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    pub indicators: Vec<Indicator>,
}

/// Something a school rates itself against, within an element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub title: Text,
    /// Questions that help a teacher decide on a rating.
    #[serde(default)]
    pub guidance: Vec<Text>,
    /// Kinds of evidence that would support a rating.
    #[serde(default)]
    pub evidence_examples: Vec<Text>,
    /// Relative weight within the element and overall (1 to 100).
    #[serde(default = "default_weight")]
    pub weight: u32,
    /// Whether the indicator needs at least one piece of evidence to be submitted.
    #[serde(default)]
    pub evidence_required: bool,
}

fn default_weight() -> u32 {
    1
}

/// An award level and the rules a school must meet for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    pub rules: Vec<AwardRule>,
}

/// One condition of an award. Rules on ratings and evidence are evaluated from
/// the responses; the others from facts about the school ([`super::AwardContext`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum AwardRule {
    /// Every listed element (all when the list is empty) reaches `level`.
    MinElementLevel {
        level: String,
        #[serde(default)]
        elements: Vec<String>,
    },
    /// No indicator is rated below `level` (an unrated indicator counts as below).
    NoIndicatorBelow { level: String },
    /// At least `percent` of indicators have evidence attached.
    MinEvidenceShare { percent: u32 },
    /// The weighted overall score is at least `percent`.
    MinOverallScore { percent: u32 },
    /// The school has held `award` for at least `years` consecutive years.
    HeldAward { award: String, years: u32 },
    /// The school belongs to a cluster of schools holding one of `awards`.
    ClusterMembership {
        #[serde(default)]
        awards: Vec<String>,
    },
    /// The school attended at least `percent` of its cluster's meetings this year.
    MeetingAttendance { percent: u32 },
    /// A cluster of the school submitted this year's written update of
    /// progress against the framework's elements (the basis of the annual review).
    #[serde(alias = "research_update")]
    AnnualUpdate,
    /// The self-assessment's action plan holds at least `actions` actions:
    /// plans to sustain and develop the school's own practice.
    ActionPlan { actions: u32 },
    /// A cluster of the school has written its annual development plan.
    DevelopmentPlan,
    /// The school shared at least `cards` pieces of practice on its
    /// clusters' boards in the last twelve months.
    SharedPractice { cards: u32 },
    /// The school belongs to a cluster of at least `schools` schools (itself
    /// included): the capacity to spread practice across a broader cluster.
    ClusterSize { schools: u32 },
    /// The school takes part in a classroom-level research activity of its cluster.
    ResearchActivity,
    /// The school leads a cluster: a role model for other schools.
    LeadsCluster,
    /// An assessor's annual visit ratified the school's progress: a visit
    /// recorded in the last twelve months. Before its review the visit is
    /// still to come, and the rule waits for it instead of failing.
    AnnualVisit,
    /// The school contributes to the certifier's development aims: at least
    /// `cards` pieces of its practice published to the network's practice
    /// library in the last twelve months, for schools beyond its cluster.
    DevelopmentAims { cards: u32 },
}

/// Where an indicator sits in the framework.
#[derive(Clone, Copy, Debug)]
pub struct IndicatorRef<'a> {
    /// Position among all the framework's indicators, in file order.
    pub index: usize,
    pub element_index: usize,
    pub element: &'a Element,
    pub indicator: &'a Indicator,
}

impl Framework {
    /// Every indicator in file order, with its position.
    pub fn indicators(&self) -> impl Iterator<Item = IndicatorRef<'_>> {
        self.elements
            .iter()
            .enumerate()
            .flat_map(|(element_index, element)| {
                element
                    .indicators
                    .iter()
                    .map(move |indicator| (element_index, element, indicator))
            })
            .enumerate()
            .map(
                |(index, (element_index, element, indicator))| IndicatorRef {
                    index,
                    element_index,
                    element,
                    indicator,
                },
            )
    }

    pub fn indicator_count(&self) -> usize {
        self.elements.iter().map(|e| e.indicators.len()).sum()
    }

    pub fn indicator(&self, id: &str) -> Option<IndicatorRef<'_>> {
        self.indicators().find(|r| r.indicator.id == id)
    }

    pub fn element(&self, id: &str) -> Option<&Element> {
        self.elements.iter().find(|e| e.id == id)
    }

    pub fn award(&self, id: &str) -> Option<&Award> {
        self.awards.iter().find(|a| a.id == id)
    }

    /// Position of a scale level, 0 being the lowest.
    pub fn level_index(&self, level_id: &str) -> Option<u8> {
        self.scale
            .iter()
            .position(|l| l.id == level_id)
            .and_then(|i| u8::try_from(i).ok())
    }

    /// The highest level's index.
    pub fn top_level(&self) -> u8 {
        u8::try_from(self.scale.len().saturating_sub(1)).unwrap_or(u8::MAX)
    }

    /// Shorthand for text in `lang` with this framework's fallback.
    pub fn text<'a>(&self, text: &'a Text, lang: &str) -> &'a str {
        text.get(lang, &self.default_language)
    }
}
