//! Frameworks as files: a version's script for the islands, its export,
//! and an admin's import.

use super::state::{AppState, Session};
use crate::domain::{Action, AuditAction};
use crate::error::AppError;
use crate::store::audit::Change;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;

/// The script that brings one framework version to a page before it
/// hydrates (see [`crate::framework_script`]). Asked for at its current
/// address (with the hash of what it serves), it may be kept for a year;
/// at any other, it is checked each time.
pub(super) async fn framework_script(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<impl IntoResponse, StatusCode> {
    use crate::framework_script::{script_address, script_text};
    let fw = state
        .store
        .framework(&id, &version)
        .await
        .map_err(|e| AppError::from(e).status())?;
    let address = script_address(&fw);
    let current = query
        .get("h")
        .is_some_and(|h| address.ends_with(&format!("?h={h}")));
    let text = script_text(&address, &fw).map_err(|error| {
        tracing::error!(%error, "could not write a framework script");
        StatusCode::INTERNAL_SERVER_ERROR
    })?;
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        text,
    ))
}

/// A published framework version as the file it was published from.
pub(super) async fn export_framework(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
) -> Result<impl IntoResponse, StatusCode> {
    let source = state
        .store
        .framework_source(&id, &version)
        .await
        .map_err(|e| AppError::from(e).status())?;
    let safe = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect::<String>()
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-{}.toml\"",
                    safe(&id),
                    safe(&version)
                ),
            ),
        ],
        source,
    ))
}

/// The largest framework file accepted for import.
pub const IMPORT_LIMIT_BYTES: usize = 1024 * 1024;

/// Publishes an uploaded framework file (admins only), then shows it; a
/// refused file goes back to the form with the reason.
pub(super) async fn import_framework(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    multipart: Multipart,
) -> Response {
    let allowed = session
        .signed_in
        .as_ref()
        .is_some_and(|s| s.viewer.may(Action::ManageFrameworks, None));
    if !allowed {
        let mut change = Change::new(AuditAction::AccessDenied, "framework", "import");
        change.after = Some(serde_json::json!({ "reason": "not a certification admin" }));
        let _ = state.store.audit(&session.actor(), change).await;
        return AppError::Forbidden.status().into_response();
    }
    let back = |problem: &str, detail: &str| {
        let query = format!(
            "problem={}&detail={}",
            crate::model::query_value(problem),
            crate::model::query_value(detail)
        );
        Redirect::to(&format!("/admin/frameworks/import?{query}")).into_response()
    };
    let (file_name, bytes) = match read_upload(multipart).await {
        Ok(Some(upload)) => upload,
        Ok(None) => return back("missing", ""),
        Err(problem) => return back(problem, ""),
    };
    let Ok(source) = String::from_utf8(bytes) else {
        return back("not_text", "");
    };
    match state
        .store
        .publish_framework(&file_name, &source, &session.actor())
        .await
    {
        Ok(published) => Redirect::to(&format!(
            "/frameworks/{}/{}?published=1",
            published.id, published.version
        ))
        .into_response(),
        Err(crate::store::frameworks::PublishError::Invalid(error)) => {
            back("invalid", &error.to_string())
        }
        Err(crate::store::frameworks::PublishError::Store(
            crate::store::StoreError::Duplicate(_),
        )) => back("exists", ""),
        Err(crate::store::frameworks::PublishError::Store(error)) => {
            tracing::error!(%error, "framework import failed");
            back("internal", "")
        }
    }
}

/// The uploaded file's name and bytes, or a problem code for the form.
async fn read_upload(mut multipart: Multipart) -> Result<Option<(String, Vec<u8>)>, &'static str> {
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "malformed"
        }
    })? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field
            .file_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "upload.toml".to_owned());
        let bytes = field.bytes().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                "too_large"
            } else {
                "malformed"
            }
        })?;
        if bytes.is_empty() {
            return Ok(None);
        }
        if bytes.len() > IMPORT_LIMIT_BYTES {
            return Err("too_large");
        }
        return Ok(Some((name, bytes.to_vec())));
    }
    Ok(None)
}
