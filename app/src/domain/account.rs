//! People's accounts: what a valid email, name and password are.

use serde::{Deserialize, Serialize};

pub const EMAIL_MAX_CHARS: usize = 254;
pub const NAME_MAX_CHARS: usize = 120;
pub const PASSWORD_MIN_CHARS: usize = 10;
/// Longer passwords only cost hashing time; nobody types more.
pub const PASSWORD_MAX_CHARS: usize = 200;

/// Which field of an account form a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountField {
    Email,
    Name,
    Password,
    Confirm,
    Current,
    Role,
    School,
    Language,
    Region,
    ContactEmail,
}

impl AccountField {
    /// The form control's id.
    pub fn id(self) -> &'static str {
        match self {
            AccountField::Email => "email",
            AccountField::Name => "name",
            AccountField::Password => "password",
            AccountField::Confirm => "confirm",
            AccountField::Current => "current",
            AccountField::Role => "role",
            AccountField::School => "school",
            AccountField::Language => "language",
            AccountField::Region => "region",
            AccountField::ContactEmail => "contact_email",
        }
    }
}

/// What is wrong with an account form, one per field at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum AccountInputError {
    Missing {
        field: AccountField,
    },
    TooLong {
        field: AccountField,
        max: u32,
    },
    NotAnEmail,
    /// A school's contact address is not an email address.
    ContactNotAnEmail,
    PasswordTooShort {
        min: u32,
    },
    PasswordsDiffer,
    WrongPassword,
    UnknownSchool,
    UnknownLanguage,
    /// A region that is not in the list of regions.
    UnknownRegion,
    AlreadyMember,
    /// Another network (or other named thing) already has this name.
    NameTaken,
}

impl AccountInputError {
    pub fn field(&self) -> AccountField {
        use AccountInputError as E;
        match self {
            E::Missing { field } | E::TooLong { field, .. } => *field,
            E::NameTaken => AccountField::Name,
            E::NotAnEmail | E::AlreadyMember => AccountField::Email,
            E::ContactNotAnEmail => AccountField::ContactEmail,
            E::PasswordTooShort { .. } => AccountField::Password,
            E::PasswordsDiffer => AccountField::Confirm,
            E::WrongPassword => AccountField::Current,
            E::UnknownSchool => AccountField::School,
            E::UnknownLanguage => AccountField::Language,
            E::UnknownRegion => AccountField::Region,
        }
    }
}

fn max_u32(max: usize) -> u32 {
    u32::try_from(max).unwrap_or(u32::MAX)
}

/// A checked email address, lower-cased so that one person has one account.
pub fn parse_email(raw: &str) -> Result<String, AccountInputError> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(AccountInputError::Missing {
            field: AccountField::Email,
        });
    }
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(AccountInputError::TooLong {
            field: AccountField::Email,
            max: max_u32(EMAIL_MAX_CHARS),
        });
    }
    // Deliberately simple: something@something.something, no spaces. The
    // invitation link sent to the address is the real check.
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if valid {
        Ok(email)
    } else {
        Err(AccountInputError::NotAnEmail)
    }
}

/// A checked display name.
pub fn parse_name(raw: &str) -> Result<String, AccountInputError> {
    let name = raw.trim();
    if name.is_empty() {
        Err(AccountInputError::Missing {
            field: AccountField::Name,
        })
    } else if name.chars().count() > NAME_MAX_CHARS {
        Err(AccountInputError::TooLong {
            field: AccountField::Name,
            max: max_u32(NAME_MAX_CHARS),
        })
    } else if name.chars().any(char::is_control) {
        Err(AccountInputError::Missing {
            field: AccountField::Name,
        })
    } else {
        Ok(name.to_owned())
    }
}

/// Checks a new password and its confirmation (not trimmed: spaces count).
pub fn check_new_password(password: &str, confirm: &str) -> Vec<AccountInputError> {
    let mut problems = Vec::new();
    let chars = password.chars().count();
    if chars == 0 {
        problems.push(AccountInputError::Missing {
            field: AccountField::Password,
        });
    } else if chars < PASSWORD_MIN_CHARS {
        problems.push(AccountInputError::PasswordTooShort {
            min: max_u32(PASSWORD_MIN_CHARS),
        });
    } else if chars > PASSWORD_MAX_CHARS {
        problems.push(AccountInputError::TooLong {
            field: AccountField::Password,
            max: max_u32(PASSWORD_MAX_CHARS),
        });
    }
    if problems.is_empty() && password != confirm {
        problems.push(AccountInputError::PasswordsDiffer);
    }
    problems
}

/// The languages the interface speaks, by code.
pub const LANGUAGES: [&str; 2] = ["en", "zh"];

pub fn parse_language(raw: &str) -> Result<&'static str, AccountInputError> {
    LANGUAGES
        .into_iter()
        .find(|l| *l == raw.trim())
        .ok_or(AccountInputError::UnknownLanguage)
}

/// The longest `next` address kept; anything longer goes home.
pub const NEXT_MAX_BYTES: usize = 2048;

/// Where to go after signing in or switching language: `next` if it is a
/// path on this site, else home. A path starts with one `/` and is written
/// in visible ASCII (real addresses reach us percent-encoded). Browsers drop
/// tabs and line breaks from an address and read `\` as `/`, so
/// `/<tab>/evil.example` would become `//evil.example`, another site.
pub fn safe_next(next: &str) -> &str {
    let bytes = next.as_bytes();
    let on_this_site = next.len() <= NEXT_MAX_BYTES
        && bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && bytes
            .iter()
            .all(|b| (0x21..=0x7e).contains(b) && *b != b'\\');
    if on_this_site {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails() {
        assert_eq!(
            parse_email("  Cora@Example.ORG "),
            Ok("cora@example.org".into())
        );
        for bad in [
            "cora",
            "cora@",
            "@example.org",
            "cora@example",
            "a b@example.org",
            "a@b@c.org",
            "a@.org",
        ] {
            assert_eq!(
                parse_email(bad),
                Err(AccountInputError::NotAnEmail),
                "{bad}"
            );
        }
        assert!(matches!(
            parse_email(""),
            Err(AccountInputError::Missing { .. })
        ));
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(matches!(
            parse_email(&long),
            Err(AccountInputError::TooLong { .. })
        ));
    }

    #[test]
    fn passwords() {
        assert!(check_new_password("correct horse", "correct horse").is_empty());
        assert_eq!(
            check_new_password("short", "short"),
            vec![AccountInputError::PasswordTooShort { min: 10 }]
        );
        assert_eq!(
            check_new_password("correct horse", "correct house"),
            vec![AccountInputError::PasswordsDiffer]
        );
        assert!(matches!(
            check_new_password(&"x".repeat(201), &"x".repeat(201))[..],
            [AccountInputError::TooLong { .. }]
        ));
    }

    #[test]
    fn names() {
        assert_eq!(parse_name("  Cora  "), Ok("Cora".into()));
        assert!(parse_name("   ").is_err());
        assert!(parse_name(&"n".repeat(121)).is_err());
        assert!(parse_name("a\u{7}b").is_err());
    }

    proptest! {
        /// Whatever is typed, a parsed email is trimmed, lower-case, one `@`.
        #[test]
        fn parsed_emails_are_normal(raw in ".{0,80}") {
            if let Ok(email) = parse_email(&raw) {
                prop_assert_eq!(email.clone(), email.trim().to_lowercase());
                prop_assert_eq!(email.matches('@').count(), 1);
            }
        }
    }

    #[test]
    fn next_is_a_path_on_this_site_or_home() {
        for kept in [
            "/",
            "/schools?q=a%20b#top",
            "/assessments/1/elements/x",
            "/%09/x",
        ] {
            assert_eq!(safe_next(kept), kept);
        }
        let long = format!("/{}", "a".repeat(NEXT_MAX_BYTES));
        for refused in [
            "",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil",
            "/\r/evil",
            "/ /evil",
            "https://evil.example",
            "evil.example",
            "/caf\u{e9}",
            "/a\\b",
            long.as_str(),
        ] {
            assert_eq!(safe_next(refused), "/", "{refused:?}");
        }
    }
}
