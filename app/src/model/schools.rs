//! Schools, their pages and networks, as listed and shown.

use super::accounts::{Member, PendingInvitation};
use crate::domain::Text;
use serde::{Deserialize, Serialize};

/// A school as listed on the schools page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolSummary {
    /// The public (random) id, safe to put in URLs.
    pub id: String,
    pub name: String,
    pub phase: String,
    pub city: String,
    pub learners: u32,
    /// The award the school holds now, if any.
    #[serde(default)]
    pub current_award: Option<String>,
}

/// Schools on one page of a list.
pub const SCHOOLS_PAGE_SIZE: u32 = 50;
/// Schools offered at once when searching for one to add somewhere.
pub const SCHOOL_CHOICES: u32 = 10;

/// One page of the schools that match a search.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolPage {
    pub schools: Vec<SchoolSummary>,
    /// How many match, on every page.
    pub total: u32,
    /// The page shown, from 0.
    pub page: u32,
    /// The words searched for, as typed (empty: every school).
    pub search: String,
}

impl SchoolPage {
    /// Whether finding a school here takes a search: not every match is
    /// offered, or the list is already a search's.
    pub fn needs_search(&self) -> bool {
        (self.schools.len() as u64) < u64::from(self.total) || !self.search.is_empty()
    }

    /// The 1-based positions of the first and last school shown.
    pub fn range(&self) -> (u32, u32) {
        let from = self.page * SCHOOLS_PAGE_SIZE + 1;
        (from, from + self.schools.len() as u32 - 1)
    }

    pub fn has_next(&self) -> bool {
        self.range().1 < self.total
    }
}

/// One published framework version, as listed on the frameworks page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkSummary {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub default_language: String,
    pub languages: Vec<String>,
    pub elements: u32,
    pub indicators: u32,
    /// (id, title) of each award the framework defines.
    #[serde(default)]
    pub awards: Vec<(String, Text)>,
}

/// What the "add a school" form sent, so that a refused form can be shown
/// again exactly as it was typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolForm {
    pub name: String,
    pub phase: String,
    pub city: String,
    pub learners: String,
}

/// One school's page: details, and what the viewer may do there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolDetail {
    pub school: SchoolSummary,
    pub region: String,
    pub contact_email: String,
    /// The current award's first and last day (ISO dates).
    pub award_since: Option<String>,
    pub award_until: Option<String>,
    /// The networks the school belongs to (names).
    pub networks: Vec<String>,
    /// Present when the viewer may manage the school's people.
    pub members: Option<Vec<Member>>,
    pub invitations: Vec<PendingInvitation>,
    pub may_edit: bool,
    pub may_manage_people: bool,
    pub may_view_assessments: bool,
    pub may_start_assessment: bool,
    pub may_assign_assessors: bool,
    /// May download the school's whole record (its coordinator, admins).
    pub may_export: bool,
    /// Whether its award is listed in the public directory.
    #[serde(default)]
    pub directory_listed: bool,
}

/// A network as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkSummary {
    pub id: String,
    pub name: String,
    pub schools: u32,
}

/// One network's page: its figures, and its schools for admins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkDetail {
    pub id: String,
    pub name: String,
    pub figures: crate::domain::NetworkFigures,
    /// A page of member schools (name, city, current award): what the
    /// alliance publishes.
    pub members: SchoolPage,
    /// For admins, the schools outside the network that match what they
    /// searched for to add (empty until they search); `None` for others.
    pub candidates: Option<SchoolPage>,
    pub invitations: Vec<PendingInvitation>,
    /// Whether the viewer answers schools' requests to join it.
    pub may_admit: bool,
    /// For its partner experts, the clusters (public id, name) whose
    /// research they take part in; empty for others.
    pub research_clusters: Vec<(String, String)>,
}
