//! The JSON API for scripts and integrations: the same server functions
//! the pages call, described in an OpenAPI 3.1 document
//! (`/api/openapi.json`, read from the code by `openapi.rs`) and a
//! reference page (`/api/docs`), with personal access tokens made and
//! revoked on the profile page. What each operation does and which
//! tokens may call it is in `catalog.rs`; the rule in `domain::access`.

#[cfg(feature = "ssr")]
pub mod catalog;
#[cfg(feature = "ssr")]
pub mod openapi;
#[cfg(feature = "ssr")]
pub mod page;
#[cfg(feature = "ssr")]
mod shapes;

use crate::domain::access::{OperationKind, TokenScope};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One of the signed-in person's tokens, as the profile page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessToken {
    pub id: String,
    pub name: String,
    pub scope: TokenScope,
    /// RFC 3339.
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A token just made: the only time its secret is seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccessToken {
    pub token: AccessToken,
    pub secret: String,
}

/// The API as the reference page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiReference {
    pub operations: Vec<OperationDoc>,
}

/// One operation: where it is, what it does, who may call it, what it
/// takes and what it answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationDoc {
    pub name: String,
    pub method: String,
    pub path: String,
    pub tag: String,
    pub summary: String,
    pub kind: OperationKind,
    pub fields: Vec<FieldDoc>,
    /// The answer's shape in a word or two ("FrameworkSummary list").
    pub answer: String,
}

/// One field of an operation's input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDoc {
    pub name: String,
    pub shape: String,
    pub required: bool,
}

/// The signed-in person's tokens, newest first.
#[server(endpoint = "access_tokens")]
pub async fn access_tokens() -> Result<Vec<AccessToken>, AppError> {
    let (_, signed_in) = crate::api::signed_in()?;
    let store = crate::api::store()?;
    let tokens = store
        .access_tokens(signed_in.account)
        .await
        .map_err(crate::api::failed)?;
    Ok(tokens.into_iter().map(server::view).collect())
}

/// Makes a token. Its secret is in the answer and nowhere else, so a form
/// posted without JavaScript (which could not show it) makes none.
#[server(endpoint = "create_access_token")]
pub async fn create_access_token(name: String, scope: String) -> Result<NewAccessToken, AppError> {
    use crate::domain::access::{token_name, TokenProblem, TOKENS_PER_PERSON};
    let (session, signed_in) = crate::api::signed_in()?;
    let store = crate::api::store()?;
    let refuse = |problem| AppError::InvalidToken { problem }.respond();
    if crate::error::server::html_form_post() {
        return Err(refuse(TokenProblem::NeedsJavaScript));
    }
    let name = token_name(&name).map_err(refuse)?;
    let scope = TokenScope::parse(&scope).ok_or_else(|| AppError::InvalidChoice.respond())?;
    let live = store
        .access_tokens(signed_in.account)
        .await
        .map_err(crate::api::failed)?
        .iter()
        .filter(|t| t.revoked_at.is_none())
        .count();
    if live >= TOKENS_PER_PERSON {
        return Err(refuse(TokenProblem::TooMany));
    }
    let (token, secret) = store
        .create_access_token(signed_in.account, &name, scope, &session.actor())
        .await
        .map_err(crate::api::failed)?;
    Ok(NewAccessToken {
        token: server::view(token),
        secret,
    })
}

/// Revokes one of the signed-in person's tokens; it stops working at once.
#[server(endpoint = "revoke_access_token")]
pub async fn revoke_access_token(token: String) -> Result<(), AppError> {
    let (session, signed_in) = crate::api::signed_in()?;
    let store = crate::api::store()?;
    store
        .revoke_access_token(signed_in.account, &token, &session.actor())
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form("/profile#tokens");
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use super::AccessToken;
    use crate::store::access_tokens::AccessTokenRecord;

    pub(super) fn view(token: AccessTokenRecord) -> AccessToken {
        AccessToken {
            id: token.id,
            name: token.name,
            scope: token.scope,
            created_at: token.created_at,
            last_used_at: token.last_used_at,
            revoked_at: token.revoked_at,
        }
    }
}
