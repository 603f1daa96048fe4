//! Reading framework files (TOML) and checking them.
//!
//! TOML is the format because the people who write frameworks are assessors
//! and certification staff, not programmers: it allows comments and long
//! multi-line strings, has no significant indentation, and its parser reports
//! line numbers, so an error can say exactly where a file is wrong.

use super::framework::{AwardRule, Framework, FORMAT_VERSION};
use super::text::Text;
use std::collections::HashSet;
use std::fmt;

/// The frameworks shipped with Equimark: (file name, contents).
pub const SHIPPED: [(&str, &str); 3] = [
    (
        "inclusion-quality.toml",
        include_str!("../../../frameworks/inclusion-quality.toml"),
    ),
    (
        "unesco-inclusion-equity.toml",
        include_str!("../../../frameworks/unesco-inclusion-equity.toml"),
    ),
    (
        "iso-21001-gap.toml",
        include_str!("../../../frameworks/iso-21001-gap.toml"),
    ),
];

/// One thing wrong with a framework file: which file, where inside it, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub file: String,
    /// Path inside the file, such as `elements[2].indicators[0].id`.
    pub path: String,
    /// 1-based line, where it is known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": at {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a framework file (never empty).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FrameworkFileError(pub Vec<FileProblem>);

impl fmt::Display for FrameworkFileError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Parses and validates a framework file. `file` names it in error messages.
pub fn parse(file: &str, source: &str) -> Result<Framework, FrameworkFileError> {
    let deserializer = toml::de::Deserializer::parse(source)
        .map_err(|e| FrameworkFileError(vec![toml_problem(file, "", source, &e)]))?;
    let framework: Framework = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        FrameworkFileError(vec![toml_problem(file, &path, source, e.inner())])
    })?;
    let problems = validate(&framework);
    if problems.is_empty() {
        Ok(framework)
    } else {
        let located = problems
            .into_iter()
            .map(|(path, message)| FileProblem {
                file: file.to_owned(),
                line: line_of_path(source, &path),
                path,
                message,
            })
            .collect();
        Err(FrameworkFileError(located))
    }
}

/// Writes a framework back out as a file that [`parse`] reads.
pub fn export(framework: &Framework) -> Result<String, toml::ser::Error> {
    toml::to_string(framework)
}

fn toml_problem(file: &str, path: &str, source: &str, error: &toml::de::Error) -> FileProblem {
    FileProblem {
        file: file.to_owned(),
        path: path.to_owned(),
        line: error.span().map(|span| line_at(source, span.start)),
        message: error.message().trim().to_owned(),
    }
}

fn line_at(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// Finds the line of a path like `elements[1].indicators[0].id` using the
/// spans of TOML's document model.
fn line_of_path(source: &str, path: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(source).ok()?;
    let mut span = root.span();
    let mut table: Option<&DeTable> = Some(root.get_ref());
    let mut value: Option<&DeValue> = None;
    for segment in path_segments(path) {
        match segment {
            Segment::Key(key) => {
                let current = table.or(match value {
                    Some(DeValue::Table(t)) => Some(t),
                    _ => None,
                })?;
                let (_, item) = current.iter().find(|(k, _)| k.get_ref() == key)?;
                span = item.span();
                value = Some(item.get_ref());
                table = None;
            }
            Segment::Index(index) => {
                let DeValue::Array(items) = value? else {
                    return None;
                };
                let item = items.get(index)?;
                span = item.span();
                value = Some(item.get_ref());
            }
        }
    }
    Some(line_at(source, span.start))
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_segments(path: &str) -> impl Iterator<Item = Segment<'_>> {
    path.split('.').filter(|s| !s.is_empty()).flat_map(|part| {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        let indices = rest
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse().ok())
            .map(Segment::Index);
        std::iter::once(Segment::Key(key)).chain(indices)
    })
}

/// Checks what the file's grammar cannot: ids, references, texts, ranges.
/// Returns `(path, message)` pairs.
pub fn validate(fw: &Framework) -> Vec<(String, String)> {
    let mut v = Validator {
        fw,
        problems: Vec::new(),
    };
    v.check();
    v.problems
}

struct Validator<'a> {
    fw: &'a Framework,
    problems: Vec<(String, String)>,
}

impl Validator<'_> {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push((path.into(), message.into()));
    }

    fn id(&mut self, path: String, id: &str, seen: &mut HashSet<String>, what: &str) {
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !well_formed {
            self.problem(
                path,
                format!("the {what} id \"{id}\" must be lower-case letters, digits, '-' or '_'"),
            );
        } else if !seen.insert(id.to_owned()) {
            self.problem(path, format!("the {what} id \"{id}\" is used twice"));
        }
    }

    fn text(&mut self, path: String, text: &Text, what: &str) {
        if !text.has_default(&self.fw.default_language) {
            self.problem(
                path.clone(),
                format!(
                    "the {what} is empty in the default language \"{}\"",
                    self.fw.default_language
                ),
            );
        }
        let unknown: Vec<String> = text
            .languages()
            .filter(|lang| !self.fw.languages.iter().any(|l| l == lang))
            .map(str::to_owned)
            .collect();
        for lang in unknown {
            self.problem(
                format!("{path}.{lang}"),
                format!("\"{lang}\" is not one of the languages the file declares"),
            );
        }
    }

    fn check(&mut self) {
        let fw = self.fw;
        if fw.format != FORMAT_VERSION {
            self.problem(
                "format",
                format!(
                    "format {} is not supported; this version of Equimark reads format {FORMAT_VERSION}",
                    fw.format
                ),
            );
        }
        self.id("id".into(), &fw.id, &mut HashSet::new(), "framework");
        if fw.version.trim().is_empty() {
            self.problem("version", "the version is empty");
        }
        if !fw.languages.contains(&fw.default_language) {
            self.problem(
                "default_language",
                format!(
                    "the default language \"{}\" is not in languages",
                    fw.default_language
                ),
            );
        }
        self.text("title".into(), &fw.title, "title");

        if fw.scale.len() < 2 {
            self.problem("scale", "the rating scale needs at least two levels");
        }
        if fw.scale.len() > 10 {
            self.problem("scale", "the rating scale has more than ten levels");
        }
        let mut level_ids = HashSet::new();
        for (i, level) in fw.scale.iter().enumerate() {
            self.id(format!("scale[{i}].id"), &level.id, &mut level_ids, "level");
            self.text(format!("scale[{i}].label"), &level.label, "level label");
            self.text(
                format!("scale[{i}].descriptor"),
                &level.descriptor,
                "level descriptor",
            );
        }

        if fw.elements.is_empty() {
            self.problem("elements", "the framework has no elements");
        }
        let mut element_ids = HashSet::new();
        let mut indicator_ids = HashSet::new();
        for (e, element) in fw.elements.iter().enumerate() {
            let at = format!("elements[{e}]");
            self.id(format!("{at}.id"), &element.id, &mut element_ids, "element");
            self.text(format!("{at}.title"), &element.title, "element title");
            if element.indicators.is_empty() {
                self.problem(format!("{at}.indicators"), "the element has no indicators");
            }
            for (i, indicator) in element.indicators.iter().enumerate() {
                let at = format!("{at}.indicators[{i}]");
                self.id(
                    format!("{at}.id"),
                    &indicator.id,
                    &mut indicator_ids,
                    "indicator",
                );
                self.text(format!("{at}.title"), &indicator.title, "indicator title");
                if !(1..=100).contains(&indicator.weight) {
                    self.problem(
                        format!("{at}.weight"),
                        format!("the weight {} must be between 1 and 100", indicator.weight),
                    );
                }
                for (g, guidance) in indicator.guidance.iter().enumerate() {
                    self.text(format!("{at}.guidance[{g}]"), guidance, "guidance question");
                }
            }
        }

        let mut award_ids = HashSet::new();
        for (a, award) in fw.awards.iter().enumerate() {
            let at = format!("awards[{a}]");
            self.id(format!("{at}.id"), &award.id, &mut award_ids, "award");
            self.text(format!("{at}.title"), &award.title, "award title");
            if award.rules.is_empty() {
                self.problem(format!("{at}.rules"), "the award has no rules");
            }
            for (r, rule) in award.rules.iter().enumerate() {
                self.rule(format!("{at}.rules[{r}]"), rule);
            }
        }
    }

    fn rule(&mut self, at: String, rule: &AwardRule) {
        let fw = self.fw;
        let level = |level: &str| fw.level_index(level).is_some();
        match rule {
            AwardRule::MinElementLevel { level: l, elements } => {
                if !level(l) {
                    self.problem(
                        format!("{at}.level"),
                        format!("no level \"{l}\" in the scale"),
                    );
                }
                for (i, id) in elements.iter().enumerate() {
                    if fw.element(id).is_none() {
                        self.problem(
                            format!("{at}.elements[{i}]"),
                            format!("no element \"{id}\" in this framework"),
                        );
                    }
                }
            }
            AwardRule::NoIndicatorBelow { level: l } => {
                if !level(l) {
                    self.problem(
                        format!("{at}.level"),
                        format!("no level \"{l}\" in the scale"),
                    );
                }
            }
            AwardRule::MinEvidenceShare { percent }
            | AwardRule::MinOverallScore { percent }
            | AwardRule::MeetingAttendance { percent } => {
                if *percent > 100 {
                    self.problem(
                        format!("{at}.percent"),
                        format!("{percent} is not a percentage from 0 to 100"),
                    );
                }
            }
            AwardRule::HeldAward { award, years } => {
                if fw.award(award).is_none() {
                    self.problem(
                        format!("{at}.award"),
                        format!("no award \"{award}\" in this framework"),
                    );
                }
                if *years == 0 {
                    self.problem(format!("{at}.years"), "years must be at least 1");
                }
            }
            AwardRule::ClusterMembership { awards } => {
                for (i, award) in awards.iter().enumerate() {
                    if fw.award(award).is_none() {
                        self.problem(
                            format!("{at}.awards[{i}]"),
                            format!("no award \"{award}\" in this framework"),
                        );
                    }
                }
            }
            AwardRule::ActionPlan { actions: 0 }
            | AwardRule::SharedPractice { cards: 0 }
            | AwardRule::ClusterSize { schools: 0 }
            | AwardRule::DevelopmentAims { cards: 0 } => {
                self.problem(at.clone(), "a count of 0 asks for nothing: use at least 1");
            }
            AwardRule::AnnualUpdate
            | AwardRule::ActionPlan { .. }
            | AwardRule::DevelopmentPlan
            | AwardRule::SharedPractice { .. }
            | AwardRule::ClusterSize { .. }
            | AwardRule::ResearchActivity
            | AwardRule::LeadsCluster
            | AwardRule::AnnualVisit
            | AwardRule::DevelopmentAims { .. } => {}
        }
    }
}
