//! Downloads that are files rather than pages: the dashboard's CSV
//! exports, streamed page by page, and a school's whole record as JSON.
//! Server only.

use crate::api::dashboard::dashboard_scope;
use crate::domain::{Action, AuditAction};
use crate::error::AppError;
use crate::http::state::{AppState, Session};
use crate::store::audit::Change;
use crate::store::exports::{Export, ExportScope};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures::StreamExt;
use std::collections::HashMap;

/// The download routes, merged into the app's router.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/dashboard/exports/{export}", get(dashboard_export))
        .route("/schools/{id}/record.json", get(school_record))
}

/// An error as a plain response: its status and its sentence (for every
/// download that is a file rather than a page).
pub(crate) fn refusal(error: AppError) -> Response {
    (error.status(), error.to_string()).into_response()
}

/// `GET /dashboard/exports/{schools|assessments|awards}?network=…&region=…`:
/// the dashboard's schools in scope, as CSV, for the same people who may see
/// the dashboard.
async fn dashboard_export(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(export): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(export) = Export::parse(&export) else {
        return refusal(AppError::NotFound);
    };
    let Some(signed_in) = session.signed_in.as_ref() else {
        return refusal(AppError::Unauthenticated);
    };
    let store = &state.store;
    let network = query.get("network").map(String::as_str).unwrap_or_default();
    let scope = match dashboard_scope(store, &signed_in.viewer, network).await {
        Ok(scope) => scope,
        Err(error) => {
            if error == AppError::Forbidden {
                let change = Change::new(
                    AuditAction::AccessDenied,
                    "action",
                    &format!("{:?}", Action::ViewNetwork),
                );
                let _ = store.audit(&session.actor(), change).await;
            }
            return refusal(error);
        }
    };
    let region = query
        .get("region")
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let mut change = Change::new(AuditAction::DataExported, "export", export.name());
    change.after = Some(serde_json::json!({ "network": scope.network, "region": region }));
    if let Err(error) = store.audit(&session.actor(), change).await {
        tracing::error!(%error, "could not record an export");
        return refusal(AppError::Internal);
    }
    let requested = query
        .get("framework")
        .map(String::as_str)
        .unwrap_or_default();
    let framework = match crate::api::dashboard::dashboard_framework(store, requested).await {
        Ok((framework, _)) => framework,
        Err(error) => return refusal(error),
    };
    let today = chrono::Utc::now().date_naive();
    let rows = store
        .export_csv(
            export,
            ExportScope {
                network: scope.key,
                region,
                framework,
            },
            today,
        )
        .map(|chunk| {
            chunk.inspect_err(|error| tracing::error!(%error, "an export stopped part way"))
        });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"equimark-{}-{today}.csv\"",
                    export.name()
                ),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        axum::body::Body::from_stream(rows),
    )
        .into_response()
}

/// `GET /schools/{id}/record.json`: everything held about a school, for
/// those who answer for its record (its coordinator, certification admins).
async fn school_record(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    let Some(signed_in) = session.signed_in.as_ref() else {
        return refusal(AppError::Unauthenticated);
    };
    let store = &state.store;
    let viewer = &signed_in.viewer;
    let refused = if !viewer.may(Action::ViewSchool, Some(&id)) {
        Some(AppError::NotFound)
    } else if !viewer.may(Action::EditSchool, Some(&id)) {
        Some(AppError::Forbidden)
    } else {
        None
    };
    if let Some(error) = refused {
        let mut change = Change::new(AuditAction::AccessDenied, "school_record", &id);
        change.school = Some(id.clone());
        let _ = store.audit(&session.actor(), change).await;
        return refusal(error);
    }
    let record = match store.school_record_export(&id).await {
        Ok(Some(record)) => record,
        Ok(None) => return refusal(AppError::NotFound),
        Err(error) => {
            tracing::error!(%error, "could not export a school's record");
            return refusal(AppError::Internal);
        }
    };
    let mut change = Change::new(AuditAction::DataExported, "school_record", &id);
    change.school = Some(id.clone());
    if let Err(error) = store.audit(&session.actor(), change).await {
        tracing::error!(%error, "could not record an export");
        return refusal(AppError::Internal);
    }
    let body = match serde_json::to_string_pretty(&record) {
        Ok(body) => body,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    (
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"equimark-school-{id}.json\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
