//! Personal access tokens: what a token may be used for. A person makes a
//! token for a script or an integration; it acts as them, with their
//! roles, but only on the JSON API and only within its scope.

use serde::{Deserialize, Serialize};

/// What a token may do: read, or read and change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    Read,
    ReadWrite,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::ReadWrite => "read_write",
        }
    }

    pub fn parse(value: &str) -> Option<TokenScope> {
        match value {
            "read" => Some(TokenScope::Read),
            "read_write" => Some(TokenScope::ReadWrite),
            _ => None,
        }
    }
}

/// What calling an API operation does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// Reads; changes nothing.
    Read,
    /// Changes something.
    Write,
    /// Signing in and out, passwords, invitations and tokens themselves:
    /// only from a signed-in browser, never with a token, so a leaked
    /// token cannot take over the account or make more tokens.
    Browser,
}

/// Whether a token of `scope` may call an operation of `kind`.
pub fn token_permits(scope: TokenScope, kind: OperationKind) -> bool {
    match kind {
        OperationKind::Read => true,
        OperationKind::Write => scope == TokenScope::ReadWrite,
        OperationKind::Browser => false,
    }
}

/// The most tokens one person may hold at once.
pub const TOKENS_PER_PERSON: usize = 20;
/// The longest name a token may have.
pub const TOKEN_NAME_MAX: usize = 80;
/// What every token starts with, so that secret scanners and people can
/// tell an Equimark token when they see one.
pub const TOKEN_PREFIX: &str = "eqm_";

/// Why a token could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TokenProblem {
    #[error("give the token a name of at most 80 characters")]
    Name,
    #[error("you hold as many tokens as one person may: revoke one first")]
    TooMany,
    /// Made from a form posted without JavaScript, the secret could not
    /// be shown: so no token is made.
    #[error("making a token needs JavaScript, so that its secret can be shown to you")]
    NeedsJavaScript,
}

/// A token's name as typed, trimmed.
pub fn token_name(typed: &str) -> Result<String, TokenProblem> {
    let name = typed.trim();
    if name.is_empty() || name.chars().count() > TOKEN_NAME_MAX {
        Err(TokenProblem::Name)
    } else {
        Ok(name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_token_reads_and_never_writes() {
        assert!(token_permits(TokenScope::Read, OperationKind::Read));
        assert!(!token_permits(TokenScope::Read, OperationKind::Write));
        assert!(token_permits(TokenScope::ReadWrite, OperationKind::Write));
    }

    #[test]
    fn no_token_reaches_browser_only_operations() {
        for scope in [TokenScope::Read, TokenScope::ReadWrite] {
            assert!(!token_permits(scope, OperationKind::Browser));
        }
    }

    #[test]
    fn scopes_round_trip() {
        for scope in [TokenScope::Read, TokenScope::ReadWrite] {
            assert_eq!(TokenScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(TokenScope::parse("admin"), None);
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(token_name("  nightly export "), Ok("nightly export".into()));
        assert_eq!(token_name("   "), Err(TokenProblem::Name));
        assert_eq!(
            token_name(&"x".repeat(TOKEN_NAME_MAX + 1)),
            Err(TokenProblem::Name)
        );
        assert!(token_name(&"字".repeat(TOKEN_NAME_MAX)).is_ok());
    }
}
