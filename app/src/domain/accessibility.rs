//! The physical accessibility walk: the UNESCO-style framework's indicator
//! on buildings and routes, checked on foot against a fixed checklist
//! (entrances, routes, toilets, signage, classrooms, emergency exits). Each
//! check records what was found, with a photo as evidence for the
//! indicator, and a barrier's fix goes into the self-assessment's action
//! plan against the same indicator.

use super::action_plan::{is_iso_date, DESCRIPTION_MAX_CHARS, OWNER_MAX_CHARS};
use serde::{Deserialize, Serialize};

/// The framework and indicator the walk is evidence for.
pub const FRAMEWORK: &str = "unesco-inclusion-equity";
pub const INDICATOR: &str = "structures-physical-access";

/// Longest note on a check, in characters.
pub const NOTE_MAX_CHARS: usize = 2_000;

/// Where on the site a check is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Entrances,
    Routes,
    Toilets,
    Signage,
    Classrooms,
    EmergencyExits,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::Entrances,
        Area::Routes,
        Area::Toilets,
        Area::Signage,
        Area::Classrooms,
        Area::EmergencyExits,
    ];

    /// The area's name in `lang` (`zh` for Chinese, English otherwise).
    pub fn name(self, lang: &str) -> &'static str {
        let (en, zh) = match self {
            Area::Entrances => ("Entrances", "出入口"),
            Area::Routes => ("Routes around the site", "校内通道"),
            Area::Toilets => ("Toilets", "卫生间"),
            Area::Signage => ("Signs and wayfinding", "标识与导向"),
            Area::Classrooms => ("Classrooms", "教室"),
            Area::EmergencyExits => ("Emergency exits", "紧急出口"),
        };
        if lang == "zh" {
            zh
        } else {
            en
        }
    }
}

/// One check of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// Stable key, kept with what was found.
    pub id: &'static str,
    pub area: Area,
    pub english: &'static str,
    pub chinese: &'static str,
}

impl Check {
    /// What to check, in `lang` (`zh` for Chinese, English otherwise).
    pub fn text(&self, lang: &str) -> &'static str {
        if lang == "zh" {
            self.chinese
        } else {
            self.english
        }
    }
}

const fn check(
    id: &'static str,
    area: Area,
    english: &'static str,
    chinese: &'static str,
) -> Check {
    Check {
        id,
        area,
        english,
        chinese,
    }
}

/// The checklist, by area.
pub const CHECKS: [Check; 12] = [
    check(
        "entrance-step-free",
        Area::Entrances,
        "The main entrance is step-free, or has a ramp no steeper than 1 in 12 with handrails.",
        "主出入口无台阶，或设有坡度不超过 1:12 并带扶手的坡道。",
    ),
    check(
        "entrance-doors",
        Area::Entrances,
        "Entrance doors are at least 800 mm wide and can be opened by a learner using a wheelchair.",
        "出入口门宽不少于 800 毫米，乘坐轮椅的学生可以自己开门。",
    ),
    check(
        "routes-level",
        Area::Routes,
        "Every room learners use can be reached without steps (ramps or a lift).",
        "学生使用的每个房间都可以无台阶到达（有坡道或电梯）。",
    ),
    check(
        "routes-clear",
        Area::Routes,
        "Corridors and paths are at least 1,200 mm wide, kept clear, with even, non-slip floors.",
        "走廊和通道宽度不少于 1200 毫米，保持畅通，地面平整防滑。",
    ),
    check(
        "toilets-accessible",
        Area::Toilets,
        "There is an accessible toilet with grab rails on every floor learners use.",
        "学生使用的每层楼都有设扶手的无障碍卫生间。",
    ),
    check(
        "toilets-alarm",
        Area::Toilets,
        "Accessible toilets have an alarm cord that reaches the floor, and enough space to turn a wheelchair.",
        "无障碍卫生间设有垂到地面的呼叫拉绳，并有足够空间让轮椅转身。",
    ),
    check(
        "signage-clear",
        Area::Signage,
        "Signs use large, high-contrast print with pictures or symbols, at a height everyone can read.",
        "标识字体大、对比度高，配有图片或符号，高度便于所有人阅读。",
    ),
    check(
        "signage-tactile",
        Area::Signage,
        "Key rooms and routes have tactile or Braille signs, and tactile paving at steps and crossings.",
        "主要房间和通道设有触摸式或盲文标识，台阶和路口铺有盲道。",
    ),
    check(
        "classrooms-space",
        Area::Classrooms,
        "Classrooms have room to move a wheelchair, and desks and resources within reach of every learner.",
        "教室有轮椅通行的空间，课桌和学习用品在每位学生够得着的地方。",
    ),
    check(
        "classrooms-sound-light",
        Area::Classrooms,
        "Classrooms have good lighting, little echo, and a hearing loop or sound field where learners need one.",
        "教室光线充足、回声小，有需要的学生可使用助听环路或扩音系统。",
    ),
    check(
        "exits-step-free",
        Area::EmergencyExits,
        "Every floor has a step-free way out, or a safe refuge, and each learner who needs one has a personal evacuation plan.",
        "每层楼都有无台阶的疏散通道或安全避难区，有需要的学生都有个人疏散计划。",
    ),
    check(
        "exits-alarms",
        Area::EmergencyExits,
        "Fire alarms can be both heard and seen (flashing lights), including in toilets.",
        "火警警报既能听到也能看到（闪光灯），卫生间内也是如此。",
    ),
];

/// The check with this key.
pub fn check_by_id(id: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.id == id)
}

/// What the walk found at a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Meets,
    Partly,
    NotMet,
    NotApplicable,
}

impl Finding {
    pub const ALL: [Finding; 4] = [
        Finding::Meets,
        Finding::Partly,
        Finding::NotMet,
        Finding::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Meets => "meets",
            Finding::Partly => "partly",
            Finding::NotMet => "not_met",
            Finding::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(value: &str) -> Option<Finding> {
        Finding::ALL.into_iter().find(|f| f.as_str() == value)
    }

    /// Whether a barrier was found, which a fix should remove.
    pub fn is_barrier(self) -> bool {
        matches!(self, Finding::Partly | Finding::NotMet)
    }
}

/// What is wrong with a check's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckInputError {
    UnknownFinding,
    NoteTooLong,
    FixTooLong,
    /// A fix without someone to carry it out cannot go into the plan.
    OwnerMissing,
    OwnerTooLong,
    BadDate,
}

/// A check as recorded, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    pub finding: Option<Finding>,
    pub note: String,
    /// What will remove the barrier.
    pub fix: String,
    pub owner: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_on: String,
}

impl CheckRecord {
    /// Checks a check's form: a finding from the list, notes and fix
    /// within their lengths, a fix with an owner, a real date.
    pub fn parse(
        finding: &str,
        note: &str,
        fix: &str,
        owner: &str,
        due_on: &str,
    ) -> Result<CheckRecord, Vec<CheckInputError>> {
        let mut problems = Vec::new();
        let finding = match finding.trim() {
            "" => None,
            value => {
                let parsed = Finding::parse(value);
                if parsed.is_none() {
                    problems.push(CheckInputError::UnknownFinding);
                }
                parsed
            }
        };
        let (note, fix, owner, due_on) = (note.trim(), fix.trim(), owner.trim(), due_on.trim());
        if note.chars().count() > NOTE_MAX_CHARS {
            problems.push(CheckInputError::NoteTooLong);
        }
        if fix.chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(CheckInputError::FixTooLong);
        }
        if !fix.is_empty() && owner.is_empty() {
            problems.push(CheckInputError::OwnerMissing);
        }
        if owner.chars().count() > OWNER_MAX_CHARS {
            problems.push(CheckInputError::OwnerTooLong);
        }
        if !due_on.is_empty() && !is_iso_date(due_on) {
            problems.push(CheckInputError::BadDate);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CheckRecord {
            finding,
            note: note.to_owned(),
            fix: fix.to_owned(),
            owner: owner.to_owned(),
            due_on: due_on.to_owned(),
        })
    }

    /// Whether the fix goes into the action plan: a barrier was found and
    /// the fix has someone to carry it out.
    pub fn goes_into_plan(&self) -> bool {
        self.finding.is_some_and(Finding::is_barrier)
            && !self.fix.is_empty()
            && !self.owner.is_empty()
    }
}

/// How far the walk has got: checks with a finding, and barriers found.
pub fn progress(findings: impl IntoIterator<Item = Option<Finding>>) -> (usize, usize) {
    findings
        .into_iter()
        .fold((0, 0), |(done, barriers), f| match f {
            Some(f) => (done + 1, barriers + usize::from(f.is_barrier())),
            None => (done, barriers),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_checks_in_both_languages_with_unique_keys() {
        for area in Area::ALL {
            assert!(CHECKS.iter().any(|c| c.area == area), "{area:?}");
        }
        for (i, c) in CHECKS.iter().enumerate() {
            assert!(CHECKS[i + 1..].iter().all(|o| o.id != c.id), "{}", c.id);
            assert!(c.english.is_ascii());
            assert!(c
                .chinese
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)));
        }
    }

    #[test]
    fn a_barriers_fix_with_an_owner_goes_into_the_plan() {
        let barrier =
            CheckRecord::parse("not_met", "", "Build a ramp", "Site manager", "2027-03-31")
                .unwrap();
        assert!(barrier.goes_into_plan());
        let met = CheckRecord::parse("meets", "", "Paint the rails", "Site manager", "").unwrap();
        assert!(!met.goes_into_plan(), "nothing to remove");
        let unplanned = CheckRecord::parse("partly", "Ramp too steep", "", "", "").unwrap();
        assert!(!unplanned.goes_into_plan(), "no fix yet");
    }

    #[test]
    fn a_bad_form_is_refused_with_every_reason() {
        let problems = CheckRecord::parse(
            "broken",
            &"n".repeat(NOTE_MAX_CHARS + 1),
            "Fix",
            "",
            "31/03/2027",
        )
        .unwrap_err();
        assert_eq!(
            problems,
            [
                CheckInputError::UnknownFinding,
                CheckInputError::NoteTooLong,
                CheckInputError::OwnerMissing,
                CheckInputError::BadDate
            ]
        );
        assert_eq!(
            CheckRecord::parse("", "", "", "", ""),
            Ok(CheckRecord::default())
        );
    }

    #[test]
    fn progress_counts_checks_made_and_barriers_found() {
        let found = [
            Some(Finding::Meets),
            None,
            Some(Finding::NotMet),
            Some(Finding::Partly),
            Some(Finding::NotApplicable),
        ];
        assert_eq!(progress(found), (4, 2));
    }
}
