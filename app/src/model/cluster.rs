//! Clusters: members, boards and cards, the practice library, meetings
//! and the annual update.

use super::schools::{SchoolPage, SchoolSummary};
use serde::{Deserialize, Serialize};

/// A cluster as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterSummary {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::cluster::ClusterKind,
    pub lead_school: String,
    pub members: u32,
    /// Whether the viewer works at one of its member schools.
    pub mine: bool,
}

/// The clusters page: every cluster, and the schools (public id, name)
/// for which the viewer may found one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterList {
    pub clusters: Vec<ClusterSummary>,
    /// The schools the viewer may found a cluster for: all of a lead's,
    /// the first matches of an admin's search (`total` counts every match).
    pub may_found: SchoolPage,
}

/// A school linked to a cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterMember {
    pub school: SchoolSummary,
    pub state: crate::domain::cluster::Membership,
    pub lead: bool,
    /// Its best elements (ids) in its latest validated assessment, best first.
    pub strengths: Vec<String>,
}

/// A comment on a card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub author: String,
    pub body: String,
    pub at: String,
}

/// A card of practice on a board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    pub id: String,
    pub title: String,
    /// The Markdown as written, for editing.
    pub body: String,
    /// The Markdown rendered and made safe on the server.
    pub body_html: String,
    pub elements: Vec<String>,
    pub author: String,
    pub school_id: String,
    pub school_name: String,
    pub version: i32,
    pub comments: Vec<CommentView>,
    pub useful: u32,
    /// Whether the viewer marked it useful.
    pub marked_useful: bool,
    pub updated_at: String,
    /// Whether the viewer wrote it.
    pub mine: bool,
    /// Whether it is in the network's practice library.
    pub published: bool,
    pub attachments: Vec<AttachmentView>,
}

/// A file attached to a card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    pub size: u64,
}

/// A card in the network's practice library, credited to its cluster and school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryCard {
    pub id: String,
    pub title: String,
    pub body_html: String,
    pub elements: Vec<String>,
    pub author: String,
    pub school_name: String,
    pub cluster_name: String,
    pub published_at: String,
    pub attachments: Vec<AttachmentView>,
}

impl LibraryCard {
    /// Whether the card is about `element` (any, when empty) and has every
    /// one of `words` in its title or text, in any case.
    pub fn matches(&self, element: &str, words: &str) -> bool {
        if !element.is_empty() && !self.elements.iter().any(|e| e == element) {
            return false;
        }
        let text = format!("{} {}", self.title, text_of_html(&self.body_html)).to_lowercase();
        words
            .split_whitespace()
            .all(|word| text.contains(&word.to_lowercase()))
    }
}

/// The text of sanitised HTML: its tags dropped.
fn text_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The practice library: published cards, newest first, and the
/// framework's elements for filtering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeLibrary {
    pub cards: Vec<LibraryCard>,
    pub elements: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
}

/// A column of a board, with its cards in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnView {
    pub id: i64,
    pub name: String,
    pub cards: Vec<CardView>,
}

/// One cluster as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterView {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::cluster::ClusterKind,
    pub description: String,
    /// The annual development plan (empty for people outside the cluster).
    pub development_plan: String,
    /// The plan's version, to save over.
    pub development_plan_version: i32,
    pub members: Vec<ClusterMember>,
    /// The framework's elements (id, title), for tagging and filtering cards.
    pub elements: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
    /// The board; `None` for people outside the cluster.
    pub board: Option<Vec<ColumnView>>,
    /// Member schools the viewer works at (public id, name).
    pub acting_for: Vec<(String, String)>,
    /// Whether the viewer manages the cluster.
    pub leads: bool,
    /// The viewer's schools that may ask to join (public id, name).
    pub may_join: Vec<(String, String)>,
    /// The viewer's member schools that may leave (public id, name).
    pub may_leave: Vec<(String, String)>,
    /// Meetings, newest first (members only).
    pub meetings: Vec<MeetingView>,
    /// This year's annual update (members only).
    pub update: Option<AnnualUpdateView>,
    /// The member schools' average validated score per element, year by
    /// year, on the cluster's framework (for its members only).
    #[serde(default)]
    pub progress: Vec<(i32, Vec<crate::domain::dashboard::ElementAverage>)>,
}

/// A cluster meeting and who came.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub held_on: String,
    pub agenda: String,
    pub notes: String,
    /// Names of the member schools that attended, and of those that did not.
    pub attended: Vec<String>,
    pub absent: Vec<String>,
}

/// One element's section of a cluster's annual update.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualUpdateSection {
    pub element: String,
    pub progress: String,
    pub evidence: String,
    pub next_steps: String,
    pub edited_by: String,
    /// The version to save over (0: not written yet).
    #[serde(default)]
    pub version: i32,
}

/// A cluster's annual update for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualUpdateView {
    pub year: i32,
    pub sections: Vec<AnnualUpdateSection>,
    pub submitted_at: Option<String>,
}
