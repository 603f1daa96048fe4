//! A school's self-assessment: its cycle, its responses, each element's
//! progress, and what still stands between it and submission.

use super::framework::{Element, Framework};
use super::scoring::{Answer, ResponseSet};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub use super::calendar::Cycle;

/// Where a self-assessment is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being filled in.
    Draft,
    /// Sent for review: read-only until an assessor returns it.
    Submitted,
    /// Returned by the assessor: editable again.
    Returned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
        }
    }

    pub fn parse(value: &str) -> Option<Status> {
        [Status::Draft, Status::Submitted, Status::Returned]
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    /// Whether answers may change in this status.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

/// The longest narrative kept for one indicator.
pub const NARRATIVE_MAX_CHARS: usize = 10_000;

/// One indicator's saved response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub indicator: String,
    /// The scale level's id; `None` when not rated yet.
    pub level: Option<String>,
    pub narrative: String,
    /// Starts at 1 and goes up by one with every save: a save must name the
    /// version it was based on, so two people cannot silently overwrite
    /// each other.
    pub version: u32,
    /// Who saved it last (their name) and when (RFC 3339).
    pub updated_by: String,
    pub updated_at: String,
    /// The year of the earlier cycle this answer was carried from, until
    /// someone confirms or changes it.
    #[serde(default)]
    pub carried_from: Option<String>,
}

/// How far along an element is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    InProgress,
    Complete,
}

/// Responses by indicator id.
pub type Responses<'a> = HashMap<&'a str, &'a Response>;

pub fn by_indicator(responses: &[Response]) -> Responses<'_> {
    responses
        .iter()
        .map(|r| (r.indicator.as_str(), r))
        .collect()
}

/// An element is complete when every indicator is rated, not started when
/// nothing has been rated or written.
pub fn element_progress(element: &Element, responses: &Responses<'_>) -> Progress {
    let touched = element.indicators.iter().any(|indicator| {
        responses
            .get(indicator.id.as_str())
            .is_some_and(|r| r.level.is_some() || !r.narrative.trim().is_empty())
    });
    if rated_count(element, responses) == element.indicators.len() {
        Progress::Complete
    } else if !touched {
        Progress::NotStarted
    } else {
        Progress::InProgress
    }
}

/// How many of the element's indicators are rated.
pub fn rated_count(element: &Element, responses: &Responses<'_>) -> usize {
    element
        .indicators
        .iter()
        .filter(|indicator| {
            responses
                .get(indicator.id.as_str())
                .is_some_and(|r| r.level.is_some())
        })
        .count()
}

/// The scoring engine's view of the responses and evidence counts.
pub fn response_set(
    fw: &Framework,
    responses: &[Response],
    evidence: &HashMap<String, u32>,
) -> ResponseSet {
    let level_of = |id: &str| {
        responses
            .iter()
            .find(|x| x.indicator == id)
            .and_then(|x| x.level.as_deref())
    };
    rated_set(fw, level_of, evidence)
}

/// The scoring engine's view of a level (a scale level's id) per indicator
/// id, whoever chose them, and the evidence counts.
pub fn rated_set<'a>(
    fw: &Framework,
    level_of: impl Fn(&str) -> Option<&'a str>,
    evidence: &HashMap<String, u32>,
) -> ResponseSet {
    let mut set = ResponseSet::new(fw);
    for r in fw.indicators() {
        let id = r.indicator.id.as_str();
        let rating = level_of(id).and_then(|level| fw.level_index(level));
        let evidence = evidence.get(id).copied().unwrap_or(0);
        set.set(r.index, Answer { rating, evidence });
    }
    set
}

/// Something that stops a self-assessment from being submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// An indicator has no rating.
    Rating { element: String, indicator: String },
    /// An indicator that needs evidence has none.
    Evidence { element: String, indicator: String },
    /// The assessor asked for more evidence here and has no answer yet.
    EvidenceRequest { element: String, indicator: String },
    /// An answer carried from the last cycle is not confirmed or changed yet.
    Unconfirmed { element: String, indicator: String },
    /// A major non-conformity against this indicator is still open.
    MajorNonConformity { element: String, indicator: String },
}

/// Everything missing before submission, in framework order.
pub fn missing_for_submission(
    fw: &Framework,
    responses: &Responses<'_>,
    evidence: &HashMap<String, u32>,
) -> Vec<Missing> {
    let mut missing = Vec::new();
    for r in fw.indicators() {
        let id = r.indicator.id.as_str();
        let element = r.element.id.clone();
        if responses.get(id).and_then(|x| x.level.as_ref()).is_none() {
            missing.push(Missing::Rating {
                element: element.clone(),
                indicator: id.to_owned(),
            });
        }
        if responses.get(id).is_some_and(|x| x.carried_from.is_some()) {
            missing.push(Missing::Unconfirmed {
                element: element.clone(),
                indicator: id.to_owned(),
            });
        }
        if r.indicator.evidence_required && evidence.get(id).copied().unwrap_or(0) == 0 {
            missing.push(Missing::Evidence {
                element,
                indicator: id.to_owned(),
            });
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework_file::{parse, SHIPPED};

    fn response(indicator: &str, level: Option<&str>, narrative: &str) -> Response {
        Response {
            indicator: indicator.to_owned(),
            level: level.map(str::to_owned),
            narrative: narrative.to_owned(),
            version: 1,
            updated_by: "t".into(),
            updated_at: "2026-11-25T10:00:00Z".into(),
            carried_from: None,
        }
    }

    #[test]
    fn names_round_trip() {
        for cycle in Cycle::ALL {
            assert_eq!(Cycle::parse(cycle.as_str()), Some(cycle));
        }
        for status in [Status::Draft, Status::Submitted, Status::Returned] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert!(!Status::Submitted.is_editable());
    }

    #[test]
    fn progress_and_what_is_missing() {
        let fw = parse(SHIPPED[0].0, SHIPPED[0].1).unwrap();
        let element = &fw.elements[0];
        let top = fw.scale.last().unwrap().id.clone();
        let mut responses: Vec<Response> = Vec::new();
        assert_eq!(
            element_progress(element, &by_indicator(&responses)),
            Progress::NotStarted
        );
        responses.push(response(&element.indicators[0].id, None, "We have a plan."));
        assert_eq!(
            element_progress(element, &by_indicator(&responses)),
            Progress::InProgress
        );
        responses.clear();
        for indicator in &element.indicators {
            responses.push(response(&indicator.id, Some(&top), ""));
        }
        assert_eq!(
            element_progress(element, &by_indicator(&responses)),
            Progress::Complete
        );

        let evidence = HashMap::new();
        let missing = missing_for_submission(&fw, &by_indicator(&responses), &evidence);
        let unrated = missing
            .iter()
            .filter(|m| matches!(m, Missing::Rating { .. }))
            .count();
        assert_eq!(unrated, fw.indicator_count() - element.indicators.len());
        let needs_evidence = fw
            .indicators()
            .filter(|r| r.indicator.evidence_required)
            .count();
        assert_eq!(missing.len() - unrated, needs_evidence);

        let set = response_set(&fw, &responses, &evidence);
        let rated = set.answers().iter().filter(|a| a.rating.is_some()).count();
        assert_eq!(rated, element.indicators.len());
    }
}

/// What kind of evidence an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Link,
    Note,
    File,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Link => "link",
            EvidenceKind::Note => "note",
            EvidenceKind::File => "file",
        }
    }

    pub fn parse(value: &str) -> Option<EvidenceKind> {
        [EvidenceKind::Link, EvidenceKind::Note, EvidenceKind::File]
            .into_iter()
            .find(|k| k.as_str() == value)
    }
}

/// A piece of evidence, tied to one or more indicators.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: String,
    pub title: String,
    pub kind: EvidenceKind,
    pub link: Option<String>,
    pub note: Option<String>,
    pub file_name: Option<String>,
    pub size: Option<u64>,
    pub indicators: Vec<String>,
    pub added_by: String,
    pub created_at: String,
    /// The year of the earlier cycle this evidence was carried from.
    #[serde(default)]
    pub carried_from: Option<String>,
}

/// Pieces of evidence per indicator id.
pub fn evidence_counts(items: &[EvidenceItem]) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    for item in items {
        for indicator in &item.indicators {
            *counts.entry(indicator.clone()).or_insert(0) += 1;
        }
    }
    counts
}

pub const EVIDENCE_TITLE_MAX_CHARS: usize = 200;
pub const EVIDENCE_LINK_MAX_CHARS: usize = 2000;
pub const EVIDENCE_NOTE_MAX_CHARS: usize = 5000;

/// A link, a note or a stored file, already checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvidence {
    pub title: String,
    pub kind: EvidenceKind,
    pub link: Option<String>,
    pub note: Option<String>,
    pub file: Option<StoredFile>,
}

/// A file kept in the file store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFile {
    /// The content hash the file store keeps it under.
    pub hash: String,
    pub name: String,
    pub content_type: String,
    pub size: u64,
}

impl NewEvidence {
    /// A stored file, titled (the file's name when no title is given).
    pub fn file(title: &str, file: StoredFile) -> Result<NewEvidence, Vec<EvidenceInputError>> {
        let title = match title.trim() {
            "" => file.name.clone(),
            t => t.to_owned(),
        };
        if title.chars().count() > EVIDENCE_TITLE_MAX_CHARS {
            return Err(vec![EvidenceInputError::TitleTooLong]);
        }
        Ok(NewEvidence {
            title,
            kind: EvidenceKind::File,
            link: None,
            note: None,
            file: Some(file),
        })
    }
}

/// What is wrong with an evidence form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceInputError {
    TitleMissing,
    TitleTooLong,
    /// Neither a link nor a note (or both).
    LinkOrNote,
    /// The link is not an http(s) address.
    BadLink,
    NoteTooLong,
}

impl NewEvidence {
    /// Checks a link-or-note evidence form.
    pub fn parse(
        title: &str,
        link: &str,
        note: &str,
    ) -> Result<NewEvidence, Vec<EvidenceInputError>> {
        let mut problems = Vec::new();
        let title = title.trim();
        if title.is_empty() {
            problems.push(EvidenceInputError::TitleMissing);
        } else if title.chars().count() > EVIDENCE_TITLE_MAX_CHARS {
            problems.push(EvidenceInputError::TitleTooLong);
        }
        let (link, note) = (link.trim(), note.trim());
        let kind = match (link.is_empty(), note.is_empty()) {
            (false, true) => {
                let scheme_ok = link.starts_with("https://") || link.starts_with("http://");
                if !scheme_ok
                    || link.chars().any(char::is_whitespace)
                    || link.chars().count() > EVIDENCE_LINK_MAX_CHARS
                {
                    problems.push(EvidenceInputError::BadLink);
                }
                EvidenceKind::Link
            }
            (true, false) => {
                if note.chars().count() > EVIDENCE_NOTE_MAX_CHARS {
                    problems.push(EvidenceInputError::NoteTooLong);
                }
                EvidenceKind::Note
            }
            _ => {
                problems.push(EvidenceInputError::LinkOrNote);
                EvidenceKind::Note
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(NewEvidence {
            title: title.to_owned(),
            kind,
            link: (kind == EvidenceKind::Link).then(|| link.to_owned()),
            note: (kind == EvidenceKind::Note).then(|| note.to_owned()),
            file: None,
        })
    }
}

#[cfg(test)]
mod evidence_tests {
    use super::*;

    #[test]
    fn a_link_or_a_note_with_a_title() {
        let link = NewEvidence::parse(" Policy ", "https://school.example/policy.pdf", "").unwrap();
        assert_eq!(link.kind, EvidenceKind::Link);
        assert_eq!(link.title, "Policy");
        let note = NewEvidence::parse("Visit", "", "We observed three lessons.").unwrap();
        assert_eq!(note.kind, EvidenceKind::Note);
        assert_eq!(
            NewEvidence::parse("", "", ""),
            Err(vec![
                EvidenceInputError::TitleMissing,
                EvidenceInputError::LinkOrNote
            ])
        );
        assert_eq!(
            NewEvidence::parse("x", "javascript:alert(1)", ""),
            Err(vec![EvidenceInputError::BadLink])
        );
        assert_eq!(
            NewEvidence::parse("x", "https://a.example", "and a note"),
            Err(vec![EvidenceInputError::LinkOrNote])
        );
    }

    #[test]
    fn counts_follow_the_indicators_each_item_is_tied_to() {
        let item = |indicators: &[&str]| EvidenceItem {
            id: "e".into(),
            title: "t".into(),
            kind: EvidenceKind::Note,
            link: None,
            note: Some("n".into()),
            file_name: None,
            size: None,
            indicators: indicators.iter().map(|s| s.to_string()).collect(),
            added_by: "a".into(),
            created_at: "now".into(),
            carried_from: None,
        };
        let counts = evidence_counts(&[item(&["a", "b"]), item(&["a"])]);
        assert_eq!(counts.get("a"), Some(&2));
        assert_eq!(counts.get("b"), Some(&1));
    }
}
