//! Schools, and the rules for what a valid new school is.

use serde::{Deserialize, Serialize};

/// The stage of education a school provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Preschool,
    Primary,
    Secondary,
    Special,
    FurtherHigher,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Preschool,
        Phase::Primary,
        Phase::Secondary,
        Phase::Special,
        Phase::FurtherHigher,
    ];

    /// The stable name used in forms and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Preschool => "preschool",
            Phase::Primary => "primary",
            Phase::Secondary => "secondary",
            Phase::Special => "special",
            Phase::FurtherHigher => "further_higher",
        }
    }

    pub fn parse(value: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == value)
    }
}

pub const NAME_MAX_CHARS: usize = 120;
pub const CITY_MAX_CHARS: usize = 80;
pub const LEARNERS_MAX: u32 = 100_000;

/// A school as typed into the "add a school" form, already checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSchool {
    pub name: String,
    pub phase: Phase,
    pub city: String,
    pub learners: u32,
}

/// Which form field a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolField {
    Name,
    Phase,
    City,
    Learners,
}

/// What is wrong with a field, for a message next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum SchoolInputError {
    Missing {
        field: SchoolField,
    },
    TooLong {
        field: SchoolField,
        max: u32,
    },
    NotANumber {
        field: SchoolField,
    },
    OutOfRange {
        field: SchoolField,
        min: u32,
        max: u32,
    },
    UnknownPhase,
    NameTaken,
}

impl SchoolInputError {
    pub fn field(&self) -> SchoolField {
        match self {
            SchoolInputError::Missing { field }
            | SchoolInputError::TooLong { field, .. }
            | SchoolInputError::NotANumber { field }
            | SchoolInputError::OutOfRange { field, .. } => *field,
            SchoolInputError::UnknownPhase => SchoolField::Phase,
            SchoolInputError::NameTaken => SchoolField::Name,
        }
    }
}

fn text_field(value: &str, field: SchoolField, max: usize) -> Result<String, SchoolInputError> {
    let value = value.trim();
    if value.is_empty() {
        Err(SchoolInputError::Missing { field })
    } else if value.chars().count() > max {
        Err(SchoolInputError::TooLong {
            field,
            max: u32::try_from(max).unwrap_or(u32::MAX),
        })
    } else {
        Ok(value.to_owned())
    }
}

impl NewSchool {
    /// Checks raw form values; returns every problem, one per field at most.
    pub fn parse(
        name: &str,
        phase: &str,
        city: &str,
        learners: &str,
    ) -> Result<NewSchool, Vec<SchoolInputError>> {
        let name = text_field(name, SchoolField::Name, NAME_MAX_CHARS);
        let phase = Phase::parse(phase.trim()).ok_or(SchoolInputError::UnknownPhase);
        let city = text_field(city, SchoolField::City, CITY_MAX_CHARS);
        let learners = match learners.trim() {
            "" => Err(SchoolInputError::Missing {
                field: SchoolField::Learners,
            }),
            raw => match raw.parse::<u32>() {
                Err(_) => Err(SchoolInputError::NotANumber {
                    field: SchoolField::Learners,
                }),
                Ok(n) if (1..=LEARNERS_MAX).contains(&n) => Ok(n),
                Ok(_) => Err(SchoolInputError::OutOfRange {
                    field: SchoolField::Learners,
                    min: 1,
                    max: LEARNERS_MAX,
                }),
            },
        };
        match (name, phase, city, learners) {
            (Ok(name), Ok(phase), Ok(city), Ok(learners)) => Ok(NewSchool {
                name,
                phase,
                city,
                learners,
            }),
            (name, phase, city, learners) => {
                Err([name.err(), phase.err(), city.err(), learners.err()]
                    .into_iter()
                    .flatten()
                    .collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_valid_school_and_trims_it() {
        let school = NewSchool::parse("  Riverside Primary ", "primary", "Leeds", "320").unwrap();
        assert_eq!(school.name, "Riverside Primary");
        assert_eq!(school.phase, Phase::Primary);
        assert_eq!(school.learners, 320);
    }

    #[test]
    fn reports_every_bad_field_once() {
        let errors = NewSchool::parse(" ", "castle", &"x".repeat(81), "lots").unwrap_err();
        assert_eq!(
            errors,
            vec![
                SchoolInputError::Missing {
                    field: SchoolField::Name
                },
                SchoolInputError::UnknownPhase,
                SchoolInputError::TooLong {
                    field: SchoolField::City,
                    max: 80
                },
                SchoolInputError::NotANumber {
                    field: SchoolField::Learners
                },
            ]
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let chinese_name = "华".repeat(NAME_MAX_CHARS);
        assert!(NewSchool::parse(&chinese_name, "primary", "上海", "10").is_ok());
        let too_long = "华".repeat(NAME_MAX_CHARS + 1);
        assert!(NewSchool::parse(&too_long, "primary", "上海", "10").is_err());
    }

    #[test]
    fn learners_must_be_in_range() {
        let errors = NewSchool::parse("A", "special", "B", "0").unwrap_err();
        assert_eq!(errors[0].field(), SchoolField::Learners);
    }
}

/// The fee band a school's size puts it in (the fee schedule prices each band).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeBand {
    /// Up to 100 learners.
    Small,
    /// 101 to 500.
    Medium,
    /// 501 to 1,200.
    Large,
    /// More than 1,200.
    VeryLarge,
}

impl FeeBand {
    pub fn for_learners(learners: u32) -> FeeBand {
        match learners {
            0..=100 => FeeBand::Small,
            101..=500 => FeeBand::Medium,
            501..=1200 => FeeBand::Large,
            _ => FeeBand::VeryLarge,
        }
    }
}

/// What a network admin sees of their member schools: counts, not records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkFigures {
    pub schools: u32,
    pub learners: u64,
    /// (phase, number of schools), in phase order, phases with none left out.
    pub by_phase: Vec<(Phase, u32)>,
    /// (award name, number of schools holding it), most held first.
    pub awards: Vec<(String, u32)>,
    /// Schools holding no award.
    pub without_award: u32,
}

impl NetworkFigures {
    /// Adds up (phase, learners, current award) of each member school.
    pub fn of<'a>(
        schools: impl IntoIterator<Item = (Phase, u32, Option<&'a str>)>,
    ) -> NetworkFigures {
        let mut figures = NetworkFigures::default();
        let mut phases = [0u32; 5];
        let mut awards: Vec<(String, u32)> = Vec::new();
        for (phase, learners, award) in schools {
            figures.schools += 1;
            figures.learners += u64::from(learners);
            if let Some(i) = Phase::ALL.iter().position(|p| *p == phase) {
                phases[i] += 1;
            }
            match award {
                Some(name) => match awards.iter_mut().find(|(n, _)| n == name) {
                    Some((_, count)) => *count += 1,
                    None => awards.push((name.to_owned(), 1)),
                },
                None => figures.without_award += 1,
            }
        }
        figures.by_phase = Phase::ALL
            .into_iter()
            .zip(phases)
            .filter(|(_, n)| *n > 0)
            .collect();
        awards.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        figures.awards = awards;
        figures
    }
}

#[cfg(test)]
mod figures_tests {
    use super::*;

    #[test]
    fn fee_bands_have_no_gaps() {
        assert_eq!(FeeBand::for_learners(1), FeeBand::Small);
        assert_eq!(FeeBand::for_learners(100), FeeBand::Small);
        assert_eq!(FeeBand::for_learners(101), FeeBand::Medium);
        assert_eq!(FeeBand::for_learners(1200), FeeBand::Large);
        assert_eq!(FeeBand::for_learners(1201), FeeBand::VeryLarge);
    }

    #[test]
    fn network_figures_add_up() {
        let figures = NetworkFigures::of([
            (Phase::Primary, 300, Some("Inclusive School")),
            (Phase::Primary, 200, None),
            (Phase::Special, 100, Some("Inclusive School")),
            (Phase::Secondary, 1000, Some("Flagship School")),
        ]);
        assert_eq!(figures.schools, 4);
        assert_eq!(figures.learners, 1600);
        assert_eq!(
            figures.by_phase,
            vec![
                (Phase::Primary, 2),
                (Phase::Secondary, 1),
                (Phase::Special, 1)
            ]
        );
        assert_eq!(
            figures.awards,
            vec![
                ("Inclusive School".to_owned(), 2),
                ("Flagship School".to_owned(), 1)
            ]
        );
        assert_eq!(figures.without_award, 1);
        assert_eq!(NetworkFigures::of([]), NetworkFigures::default());
    }
}
