//! The network dashboard: figures by region and by school.

use serde::{Deserialize, Serialize};

/// One region's schools on the network dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionFigures {
    pub region: String,
    pub schools: u32,
    pub learners: u64,
    /// Schools holding an award now.
    pub awarded: u32,
    /// Average latest validated overall score (permille), if any school has one.
    pub average: Option<u32>,
}

/// A school of a region on the dashboard's drill-down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolFigures {
    pub id: String,
    pub name: String,
    pub phase: String,
    pub award: Option<String>,
    /// Latest validated overall score (permille).
    pub overall: Option<u32>,
}

/// The network dashboard for one scope (a network, or every school).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    /// The network's public id; empty for every school.
    pub network: String,
    /// The framework whose validated scores are shown.
    pub framework: String,
    /// Every published framework (id, title), to choose from.
    pub frameworks: Vec<(String, crate::domain::Text)>,
    pub scope_name: String,
    /// The region drilled into; empty for all.
    pub region: String,
    /// Networks the viewer may choose (public id, name).
    pub networks: Vec<(String, String)>,
    /// Whether the viewer may look at every school at once.
    pub all_schools: bool,
    pub regions: Vec<RegionFigures>,
    pub phases: Vec<(String, u32)>,
    pub awards_held: Vec<(String, u32)>,
    pub due_soon: u32,
    pub overdue: u32,
    pub elements: Vec<crate::domain::dashboard::ElementAverage>,
    pub by_year: Vec<(i32, Vec<crate::domain::dashboard::ElementAverage>)>,
    pub distribution: Vec<u32>,
    /// The weakest elements' ids, weakest first.
    pub weakest: Vec<String>,
    pub schools: Vec<SchoolFigures>,
    pub element_titles: Vec<(String, crate::domain::Text)>,
    pub award_titles: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
}

/// A school's validated scores per element (permille), year by year: its
/// chart on the school page and on the dashboard's drill-down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolScores {
    pub school: SchoolFigures,
    pub region: String,
    pub learners: u32,
    pub years: Vec<(i32, Vec<(String, u32)>)>,
    /// The overall validated score (permille), year by year.
    pub overall: Vec<(i32, u32)>,
    pub element_titles: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
}
