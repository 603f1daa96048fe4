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
