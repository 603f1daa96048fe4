//! Data that crosses between server and browser (what server functions return).

use crate::domain::Text;
use serde::{Deserialize, Serialize};

/// Percent-encodes a value for a URL query (everything but unreserved characters).
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The path of an address (`/a/b` of `https://host/a/b?q#f` or `/a/b?q`).
pub fn path_of(address: &str) -> &str {
    let after_host = match address.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None => address,
    };
    let end = after_host.find(['?', '#']).unwrap_or(after_host.len());
    &after_host[..end]
}

/// `location` (a path, or an address on this site) with `done=ENDPOINT` in
/// its query, in place of any earlier one and of the error of an earlier
/// try (`__path`, `__err`); a fragment stays last.
pub fn with_done(location: &str, endpoint: &str) -> String {
    let done = format!("done={}", query_value(endpoint));
    with_query(location, |pairs| {
        pairs.retain(|p| {
            !["done=", "__path=", "__err="]
                .iter()
                .any(|k| p.starts_with(k))
        });
        pairs.push(done);
    })
}

/// `location` with only the last error in its query: a refused form's
/// address carries the error of each try, as the page it was posted from
/// already carried the one before.
pub fn with_latest_error(location: &str) -> String {
    with_query(location, |pairs| {
        for key in ["__path=", "__err="] {
            let last = pairs.iter().rposition(|p| p.starts_with(key));
            let mut index = 0;
            pairs.retain(|p| {
                index += 1;
                !p.starts_with(key) || Some(index - 1) == last
            });
        }
    })
}

fn with_query(location: &str, change: impl FnOnce(&mut Vec<String>)) -> String {
    let (rest, fragment) = match location.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (location, None),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    change(&mut pairs);
    let mut out = path.to_owned();
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

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

/// The signed-in person, as the pages need them: who they are, what they
/// hold, and the names of the schools they hold it at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub viewer: crate::domain::Viewer,
    pub preferred_language: String,
    /// (public id, name) of each school in the memberships.
    pub schools: Vec<(String, String)>,
}

/// A person at a school, with one role they hold there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub account: String,
    pub name: String,
    pub email: String,
    pub role: crate::domain::Role,
    /// Whether the viewer may remove this role (as they may grant it).
    #[serde(default)]
    pub removable: bool,
}

/// An invitation not yet accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    /// The invitation's public id (for withdrawing it).
    pub id: String,
    pub email: String,
    pub role: crate::domain::Role,
    pub school: Option<String>,
    /// RFC 3339.
    pub expires_at: String,
    /// Whether the viewer may withdraw it (as they may send it).
    #[serde(default)]
    pub may_revoke: bool,
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
}

/// What the invitation page shows before it is accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub role: crate::domain::Role,
    pub school: Option<String>,
    /// Whether the email already has an account (then only its password is asked).
    pub account_exists: bool,
}

/// A message in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// One audit event, for the audit log page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub school: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub ip: String,
}

/// The audit log's filters, as typed into its search form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub action: String,
    pub actor: String,
    pub object: String,
    /// 0-based page of [`AUDIT_PAGE_SIZE`] events, newest first.
    pub page: u32,
}

pub const AUDIT_PAGE_SIZE: u64 = 50;

/// A page of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub events: Vec<AuditRecord>,
    pub has_more: bool,
    /// Refusals counted rather than logged, in the last two days.
    #[serde(default)]
    pub refusals: Vec<RefusalCount>,
}

/// Refusals counted in one hour from one source (people not signed in, and
/// anyone past the cap of the audit log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalCount {
    /// `YYYY-MM-DDTHH` (UTC).
    pub hour: String,
    /// The address (not signed in) or the account's email.
    pub source: String,
    pub reason: String,
    pub count: i64,
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
}

/// A self-assessment as listed on its school's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentSummary {
    pub id: String,
    pub framework_id: String,
    pub framework_version: String,
    pub framework_title: String,
    pub cycle: crate::domain::assessment::Cycle,
    /// The target award's title.
    pub target_award: String,
    pub status: crate::domain::assessment::Status,
    pub created_at: String,
    /// Indicators rated, of all.
    pub rated: u32,
    pub total: u32,
}

/// A teacher (or coordinator) who can be given an element to fill in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    pub account: String,
    pub name: String,
}

/// Everything the wizard needs for one self-assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssessmentView {
    pub id: String,
    pub school_id: String,
    pub school_name: String,
    /// Shared, not copied: every part of a page that reads it holds the same one.
    pub framework: std::sync::Arc<crate::domain::Framework>,
    pub cycle: crate::domain::assessment::Cycle,
    pub target_award: String,
    pub status: crate::domain::assessment::Status,
    pub responses: Vec<crate::domain::assessment::Response>,
    /// (element id, assignee) for each assigned element.
    pub assignments: Vec<(String, Assignee)>,
    /// People an element can be assigned to (for the coordinator).
    pub assignable: Vec<Assignee>,
    /// The elements the viewer may edit now.
    pub editable: Vec<String>,
    pub may_assign: bool,
    pub may_submit: bool,
    /// Every piece of evidence.
    pub evidence: Vec<crate::domain::assessment::EvidenceItem>,
    /// The school's previous self-assessment on the same framework, scored.
    pub previous: Option<PreviousCycle>,
    /// The assessor's requests for more evidence (those sent to the school).
    #[serde(default)]
    pub requests: Vec<crate::domain::review::EvidenceRequest>,
    /// Where the review is, once an assessor has it.
    #[serde(default)]
    pub review_status: Option<crate::domain::review::ReviewStatus>,
    /// The decision, once signed off, and the certificate it granted.
    #[serde(default)]
    pub decision: Option<crate::domain::review::Decision>,
    #[serde(default)]
    pub certificate: Option<String>,
}

/// A school's previous self-assessment, for the year-over-year comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousCycle {
    pub id: String,
    pub cycle: crate::domain::assessment::Cycle,
    pub created_at: String,
    /// (element id, score in permille).
    pub elements: Vec<(String, u32)>,
    pub overall: u32,
}

impl AssessmentView {
    pub fn assignee(&self, element: &str) -> Option<&Assignee> {
        self.assignments
            .iter()
            .find(|(e, _)| e == element)
            .map(|(_, a)| a)
    }
}

/// One review in an assessor's (or the admin's) queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: String,
    pub school_id: String,
    pub school_name: String,
    pub cycle: crate::domain::assessment::Cycle,
    /// RFC 3339.
    pub submitted_at: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub status: crate::domain::review::ReviewStatus,
    pub lead: String,
    pub second: Option<String>,
    pub overdue: bool,
}

/// A submitted self-assessment with no assessor yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwaitingAssessor {
    pub assessment: String,
    pub school_name: String,
    pub cycle: crate::domain::assessment::Cycle,
    pub submitted_at: Option<String>,
}

/// The review queue: the person's reviews, and for admins what awaits an
/// assessor and who can be assigned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueue {
    /// One page of the reviews.
    pub reviews: Vec<ReviewSummary>,
    /// How many reviews there are on every page.
    pub total: u32,
    /// The page shown, from 0.
    pub page: u32,
    /// The oldest submissions awaiting an assessor.
    pub awaiting: Vec<AwaitingAssessor>,
    /// How many are awaiting an assessor in all.
    pub awaiting_total: u32,
    pub assessors: Vec<Assignee>,
    pub may_assign: bool,
    /// `YYYY-MM-DD`: the default due date for a new assignment.
    pub default_due: String,
}

/// Everything the review page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: String,
    /// The self-assessment under review, without its answers: they are in
    /// `answers`, the school's words for the elements shown only (most of
    /// a page's weight otherwise).
    pub assessment: AssessmentView,
    pub answers: SchoolAnswers,
    pub status: crate::domain::review::ReviewStatus,
    pub due_on: String,
    pub lead: String,
    pub second: Option<String>,
    /// The viewer's part, if they are one of its assessors.
    pub part: Option<crate::domain::review::Part>,
    pub may_sign_off: bool,
    pub ratings: Vec<crate::domain::review::ReviewRating>,
    /// Every request, drafted or sent, with the school's answers.
    pub requests: Vec<crate::domain::review::EvidenceRequest>,
    pub visit: crate::domain::review::Visit,
    pub decision: Option<crate::domain::review::Decision>,
    pub moderation_reasons: Vec<crate::domain::review::ModerationReason>,
    /// The second assessor's verdict: (agrees, reasons).
    pub moderation: Option<(bool, String)>,
    /// Facts the award rules read (awards held, clusters).
    pub context: crate::domain::AwardContext,
    /// The certificate the review granted, once signed off.
    pub certificate: Option<String>,
    pub signed_off_at: Option<String>,
    /// This year's submitted annual updates of the school's clusters:
    /// (cluster name, sections), the basis of an annual review.
    pub cluster_updates: Vec<(String, Vec<AnnualUpdateSection>)>,
}

/// The review page showing one element (or `all`).
pub fn review_element_href(review: &str, element: &str) -> String {
    format!("/reviews/{review}?element={element}")
}

/// Where an indicator is reviewed: its element's page, at the indicator.
pub fn review_indicator_href(
    review: &str,
    fw: &crate::domain::Framework,
    indicator: &str,
) -> String {
    match fw.indicator(indicator) {
        Some(place) => format!(
            "{}#review-{indicator}",
            review_element_href(review, &place.element.id)
        ),
        None => format!("/reviews/{review}"),
    }
}

/// Which elements the review page shows: one at a time, as the wizard
/// asks them (`?element=ID`), or every element (`?element=all`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ShownElements {
    /// One element, by its position in the framework.
    One(usize),
    #[default]
    All,
}

impl ShownElements {
    /// `?element=all`, `?element=ID`, or (missing or unknown) the first.
    pub fn from_query(fw: &crate::domain::Framework, element: Option<&str>) -> Self {
        match element {
            Some("all") => ShownElements::All,
            Some(id) => {
                ShownElements::One(fw.elements.iter().position(|e| e.id == id).unwrap_or(0))
            }
            None => ShownElements::One(0),
        }
    }

    /// The query value that shows these elements.
    pub fn query(self, fw: &crate::domain::Framework) -> String {
        match self {
            ShownElements::One(index) => fw
                .elements
                .get(index)
                .map(|e| e.id.clone())
                .unwrap_or_default(),
            ShownElements::All => "all".to_owned(),
        }
    }

    pub fn includes(self, index: usize) -> bool {
        self == ShownElements::All || self == ShownElements::One(index)
    }

    /// Whether what was loaded for `self` also serves `other`.
    pub fn covers(self, other: ShownElements) -> bool {
        self == ShownElements::All || self == other
    }
}

/// A self-assessment's answers as its review page carries them: every
/// indicator's level and evidence count (the scores read them), and the
/// school's words for the elements shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolAnswers {
    /// Scale level id per answered indicator id.
    pub levels: std::collections::HashMap<String, String>,
    /// Pieces of evidence per indicator id.
    pub evidence_counts: std::collections::HashMap<String, u32>,
    pub texts: SchoolTexts,
}

impl SchoolAnswers {
    /// Moves the answers out of `assessment` (its responses and evidence
    /// are left empty), keeping the narratives and evidence of the `shown`
    /// elements only.
    pub fn take_from(assessment: &mut AssessmentView, shown: ShownElements) -> SchoolAnswers {
        let evidence_counts = crate::domain::assessment::evidence_counts(&assessment.evidence);
        let fw = assessment.framework.clone();
        let on_screen = |indicator: &str| {
            fw.indicator(indicator)
                .is_some_and(|place| shown.includes(place.element_index))
        };
        let mut levels = std::collections::HashMap::new();
        let mut narratives = Vec::new();
        for response in std::mem::take(&mut assessment.responses) {
            if on_screen(&response.indicator) {
                narratives.push((response.indicator.clone(), response.narrative));
            }
            if let Some(level) = response.level {
                levels.insert(response.indicator, level);
            }
        }
        let evidence = std::mem::take(&mut assessment.evidence)
            .into_iter()
            .filter(|e| e.indicators.iter().any(|i| on_screen(i)))
            .collect();
        SchoolAnswers {
            levels,
            evidence_counts,
            texts: SchoolTexts {
                shown,
                narratives,
                evidence,
            },
        }
    }
}

/// The school's own words on some elements of a self-assessment: the
/// narrative of each of their indicators and the evidence tied to them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolTexts {
    pub shown: ShownElements,
    /// (indicator, narrative), for the answered indicators.
    pub narratives: Vec<(String, String)>,
    pub evidence: Vec<crate::domain::assessment::EvidenceItem>,
}

impl SchoolTexts {
    pub fn narrative(&self, indicator: &str) -> &str {
        self.narratives
            .iter()
            .find(|(id, _)| id == indicator)
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
    }
}

/// What a certificate and its public verification page show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub code: String,
    pub school_name: String,
    pub school_city: String,
    pub award_title: Text,
    pub framework_title: Text,
    /// The framework's own language, the fallback for its texts.
    pub default_language: String,
    pub granted_on: String,
    pub valid_until: String,
    pub standing: crate::domain::review::Standing,
}

/// One school's line in the accreditation calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRow {
    pub school_id: String,
    pub school_name: String,
    pub award_title: Text,
    pub certificate: String,
    pub granted_on: String,
    pub valid_until: String,
    pub reviews: Vec<crate::domain::calendar::DueReview>,
}

/// A school's standing in the calendar: its award's reviews, the next one
/// due, and what it will cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolCalendar {
    pub row: Option<CalendarRow>,
    /// The cycle the school should start next.
    pub next_cycle: crate::domain::assessment::Cycle,
    /// The fee for it, in pence, if the schedule covers the school's size.
    pub next_fee: Option<u64>,
}

// ------------------------------------------------------------ clusters ---

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

// ------------------------------------------------------------ research ---

/// A research activity as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchSummary {
    pub id: String,
    pub question: String,
    pub status: crate::domain::research::ResearchStatus,
    pub flagship: bool,
    pub elements: Vec<String>,
    /// Participating schools' names.
    pub schools: Vec<String>,
    pub steps: u32,
    pub steps_done: u32,
}

/// A cluster's research page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchList {
    pub cluster_id: String,
    pub cluster_name: String,
    pub activities: Vec<ResearchSummary>,
    /// Member schools (public id, name), to choose participants from.
    pub members: Vec<(String, String)>,
    pub elements: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
}

/// One key step of a research project's outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchStepView {
    pub id: i64,
    pub description: String,
    pub people: String,
    /// `YYYY-MM-DD`, or empty.
    pub starts_on: String,
    pub ends_on: String,
    pub state: crate::domain::research::StepState,
}

/// A research project's review for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchReviewView {
    pub year: i32,
    pub carried_forward: String,
    pub progress: String,
    pub next_steps: String,
    pub reviewed_by: String,
    pub reviewed_at: String,
    /// The version to save over.
    #[serde(default)]
    pub version: i32,
}

/// One research activity with its outline and reviews.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchView {
    pub id: String,
    pub cluster_id: String,
    pub cluster_name: String,
    pub question: String,
    pub elements: Vec<String>,
    /// Participating schools' public ids.
    pub schools: Vec<String>,
    pub method: String,
    pub findings: String,
    pub status: crate::domain::research::ResearchStatus,
    pub flagship: bool,
    pub version: i32,
    pub steps: Vec<ResearchStepView>,
    /// Newest year first.
    pub reviews: Vec<ResearchReviewView>,
    /// The year a review written now is for.
    pub year: i32,
    /// Last year's next steps, which this year's review starts from.
    pub carried_forward: Option<String>,
    pub members: Vec<(String, String)>,
    /// The framework's elements (id, title).
    pub framework_elements: Vec<(String, crate::domain::Text)>,
    pub default_language: String,
}

// ----------------------------------------------------------- dashboard ---

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_done_form_replaces_the_error_of_an_earlier_try() {
        assert_eq!(
            with_done("/fees?x=1&__path=a&__err=b#top", "save_fees"),
            "/fees?x=1&done=save_fees#top"
        );
        assert_eq!(with_done("/", "sign_in"), "/?done=sign_in");
    }

    #[test]
    fn a_refused_form_carries_only_its_latest_error() {
        assert_eq!(
            with_latest_error("/fees?x=1&__path=a&__err=old&__path=a&__err=new"),
            "/fees?x=1&__path=a&__err=new"
        );
        assert_eq!(with_latest_error("/fees#f"), "/fees#f");
    }

    #[test]
    fn a_library_card_matches_every_word_of_its_text_but_not_its_tags() {
        let card = LibraryCard {
            id: "c".into(),
            title: "Word walls".into(),
            body_html: "<p><strong>Every</strong> classroom</p>".into(),
            elements: vec!["teaching".into()],
            author: String::new(),
            school_name: String::new(),
            cluster_name: String::new(),
            published_at: String::new(),
            attachments: Vec::new(),
        };
        assert!(card.matches("", ""));
        assert!(card.matches("teaching", "WALLS classroom"));
        assert!(card.matches("", "every classroom"));
        assert!(!card.matches("", "strong"));
        assert!(!card.matches("", "no such practice"));
        assert!(!card.matches("governance", ""));
    }

    #[test]
    fn the_path_of_an_address() {
        assert_eq!(
            path_of("https://example.org/reviews/1?element=2#r"),
            "/reviews/1"
        );
        assert_eq!(path_of("http://localhost"), "/");
        assert_eq!(path_of("/schools?q=x"), "/schools");
    }

    fn page(shown: usize, total: u32, search: &str) -> SchoolPage {
        let school = SchoolSummary {
            id: "s".into(),
            name: "Oak Tree".into(),
            phase: "primary".into(),
            city: "Leeds".into(),
            learners: 100,
            current_award: None,
        };
        SchoolPage {
            schools: vec![school; shown],
            total,
            page: 0,
            search: search.into(),
        }
    }

    fn answered_assessment() -> AssessmentView {
        use crate::domain::assessment::{Cycle, EvidenceItem, EvidenceKind, Response, Status};
        let (file, source) = crate::domain::framework_file::SHIPPED[0];
        let fw = crate::domain::framework_file::parse(file, source).expect("shipped framework");
        let ids: Vec<String> = fw.indicators().map(|x| x.indicator.id.clone()).collect();
        let evidence = |id: &str, indicators: Vec<String>| EvidenceItem {
            id: id.into(),
            title: format!("Evidence {id}"),
            kind: EvidenceKind::Note,
            link: None,
            note: Some("minutes".into()),
            file_name: None,
            size: None,
            indicators,
            added_by: "Hari".into(),
            created_at: "2026-12-04T00:00:00Z".into(),
        };
        let last = ids.last().expect("indicators").clone();
        let mut items: Vec<EvidenceItem> = ids
            .iter()
            .map(|i| evidence(&format!("e-{i}"), vec![i.clone()]))
            .collect();
        // One piece for the first indicator and the last (another element).
        items.push(evidence("shared", vec![ids[0].clone(), last]));
        AssessmentView {
            id: "a".into(),
            school_id: "s".into(),
            school_name: "Hillcrest".into(),
            framework: std::sync::Arc::new(fw),
            cycle: Cycle::Initial,
            target_award: "inclusive-school".into(),
            status: Status::Submitted,
            responses: ids
                .iter()
                .map(|i| Response {
                    indicator: i.clone(),
                    level: Some("established".into()),
                    narrative: format!("Said of {i}"),
                    version: 1,
                    updated_by: "Hari".into(),
                    updated_at: "2026-12-04T00:00:00Z".into(),
                })
                .collect(),
            assignments: vec![],
            assignable: vec![],
            editable: vec![],
            may_assign: false,
            may_submit: false,
            evidence: items,
            previous: None,
            requests: vec![],
            review_status: None,
            decision: None,
            certificate: None,
        }
    }

    #[test]
    fn a_review_carries_the_texts_of_the_element_shown_and_every_level_and_count() {
        let mut assessment = answered_assessment();
        let fw = assessment.framework.clone();
        let second = &fw.elements[1];
        let shown = ShownElements::from_query(&fw, Some(&second.id));
        assert_eq!(shown, ShownElements::One(1));
        let unanswered = fw.elements[2].indicators[0].id.clone();
        for r in assessment
            .responses
            .iter_mut()
            .filter(|r| r.indicator == unanswered)
        {
            r.level = None;
        }
        let answers = SchoolAnswers::take_from(&mut assessment, shown);
        let (texts, counts) = (&answers.texts, &answers.evidence_counts);

        let on_screen: Vec<&str> = second.indicators.iter().map(|x| x.id.as_str()).collect();
        let narrated: Vec<&str> = texts.narratives.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(narrated, on_screen);
        assert_eq!(
            texts.narrative(on_screen[0]),
            format!("Said of {}", on_screen[0])
        );
        assert_eq!(texts.narrative(&fw.elements[0].indicators[0].id), "");
        assert!(texts
            .evidence
            .iter()
            .all(|e| e.indicators.iter().any(|i| on_screen.contains(&i.as_str()))));
        assert_eq!(texts.evidence.len(), on_screen.len());

        // Every level is kept for the scores, without the words; every count too.
        assert_eq!(answers.levels.len(), fw.indicators().count() - 1);
        assert!(!answers.levels.contains_key(&unanswered));
        assert_eq!(answers.levels[on_screen[0]], "established");
        assert!(assessment.responses.is_empty());
        assert!(assessment.evidence.is_empty());
        assert_eq!(
            counts[&fw.elements[0].indicators[0].id], 2,
            "its own and the shared one"
        );
        assert_eq!(
            counts.values().sum::<u32>(),
            fw.indicators().count() as u32 + 2
        );
    }

    #[test]
    fn every_element_shown_carries_every_text_and_covers_each_element() {
        let mut assessment = answered_assessment();
        let fw = assessment.framework.clone();
        let total = assessment.evidence.len();
        let all = ShownElements::from_query(&fw, Some("all"));
        let texts = SchoolAnswers::take_from(&mut assessment, all).texts;
        assert_eq!(texts.narratives.len(), fw.indicators().count());
        assert_eq!(texts.evidence.len(), total);

        assert!(ShownElements::All.covers(ShownElements::One(3)));
        assert!(ShownElements::One(3).covers(ShownElements::One(3)));
        assert!(!ShownElements::One(3).covers(ShownElements::One(2)));
        assert!(!ShownElements::One(0).covers(ShownElements::All));
        // Missing or unknown: the first element, and its address names it.
        assert_eq!(ShownElements::from_query(&fw, None), ShownElements::One(0));
        assert_eq!(
            ShownElements::from_query(&fw, Some("nope")),
            ShownElements::One(0)
        );
        assert_eq!(ShownElements::One(0).query(&fw), fw.elements[0].id);
        assert_eq!(ShownElements::All.query(&fw), "all");
    }

    #[test]
    fn a_search_is_needed_when_some_schools_are_not_offered_or_one_was_made() {
        assert!(!page(3, 3, "").needs_search(), "every school is offered");
        assert!(page(50, 5000, "").needs_search(), "the first 50 of 5,000");
        assert!(
            page(1, 1, "oak").needs_search(),
            "a search's result keeps its search"
        );
        assert!(
            page(0, 0, "zzz").needs_search(),
            "nothing found, still searchable"
        );
        assert!(!page(0, 0, "").needs_search(), "no schools at all");
    }
}
