//! Evidence and card files: uploads that work without JavaScript, and
//! downloads for the people allowed to read them.

use super::board_stream::reads_board;
use super::middleware::sign_in_first;
use super::state::{AppState, Session};
use crate::domain::{Action, AuditAction};
use crate::error::AppError;
use crate::store::audit::Change;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// Uploads a file as evidence for one indicator, then goes back to the
/// indicator on its element's page (with the reason, if the file was refused).
pub(super) async fn upload_evidence(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Response {
    use crate::domain::assessment::{NewEvidence, StoredFile};
    use crate::domain::evidence_file::{content_type, safe_file_name};

    let Some(signed_in) = session.signed_in.clone() else {
        return sign_in_first(&format!("/assessments/{id}"));
    };
    let store = &state.store;
    let Ok(Some((assessment, school))) = store.assessment_with_school(&id).await else {
        return AppError::NotFound.status().into_response();
    };
    if !signed_in
        .viewer
        .may(Action::ViewSelfAssessment, Some(&school.summary.id))
    {
        return AppError::NotFound.status().into_response();
    }
    let (mut indicator, mut title, mut file) = (String::new(), String::new(), None);
    // The accessibility walk's photo form names its check.
    let mut check = String::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let file_name = field.file_name().map(safe_file_name);
                match field.bytes().await {
                    Ok(bytes) => match name.as_str() {
                        "indicator" => indicator = String::from_utf8_lossy(&bytes).into_owned(),
                        "title" => title = String::from_utf8_lossy(&bytes).into_owned(),
                        "check" => check = String::from_utf8_lossy(&bytes).into_owned(),
                        "file" => file = Some((file_name.unwrap_or_default(), bytes)),
                        _ => {}
                    },
                    Err(e) => {
                        let problem = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                            "too_large"
                        } else {
                            "malformed"
                        };
                        return Redirect::to(&format!(
                            "/assessments/{id}?upload_problem={problem}"
                        ))
                        .into_response();
                    }
                }
            }
            Ok(None) => break,
            Err(e) => {
                let problem = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    "too_large"
                } else {
                    "malformed"
                };
                return Redirect::to(&format!("/assessments/{id}?upload_problem={problem}"))
                    .into_response();
            }
        }
    }
    let Ok(fw) = store
        .framework(&assessment.framework_id, &assessment.framework_version)
        .await
    else {
        return AppError::Internal.status().into_response();
    };
    let Some(place) = fw.indicator(&indicator) else {
        return AppError::InvalidChoice.status().into_response();
    };
    let element = place.element.id.clone();
    let check = match check.as_str() {
        "" => None,
        key => match photo_check(&assessment.framework_id, &indicator, key) {
            Some(check) => Some(check),
            None => return AppError::InvalidChoice.status().into_response(),
        },
    };
    let back = |problem: Option<&str>| {
        let (page, about) = match check {
            Some(check) => (format!("/assessments/{id}/accessibility"), check.id),
            None => (
                format!("/assessments/{id}/elements/{element}"),
                indicator.as_str(),
            ),
        };
        let query = problem
            .map(|p| format!("?upload_problem={p}&for={about}"))
            .unwrap_or_default();
        let anchor = if check.is_some() { "check-" } else { "" };
        Redirect::to(&format!("{page}{query}#{anchor}{about}")).into_response()
    };
    let assignee = store
        .assignments(assessment.key)
        .await
        .ok()
        .and_then(|all| {
            all.into_iter()
                .find(|(e, _)| *e == element)
                .map(|(_, a)| a.account)
        });
    if !assessment.status.is_editable()
        || !signed_in
            .viewer
            .may_edit_element(&school.summary.id, assignee.as_deref())
    {
        let mut change = Change::new(AuditAction::AccessDenied, "self_assessment", &id);
        change.after = Some(serde_json::json!({ "reason": "evidence upload not allowed" }));
        let _ = store.audit(&session.actor(), change).await;
        return AppError::Forbidden.status().into_response();
    }
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return back(Some("empty"));
    };
    let media_type = match content_type(&file_name, &bytes) {
        Ok(media_type) => media_type,
        Err(problem) => return back(Some(problem.as_str())),
    };
    // A check's photo is a picture, not any document.
    if check.is_some() && !media_type.starts_with("image/") {
        return back(Some("not_a_photo"));
    }
    let stored = StoredFile {
        hash: crate::store::files::content_hash(&bytes),
        name: file_name,
        content_type: media_type.to_owned(),
        size: bytes.len() as u64,
    };
    let Ok(new) = NewEvidence::file(&title, stored) else {
        return back(Some("title_too_long"));
    };
    match store
        .add_evidence(
            &assessment,
            &new,
            Some(&bytes),
            &[indicator.clone()],
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
    {
        Ok(item) => {
            let Some(check) = check else {
                return back(None);
            };
            match store
                .set_accessibility_photo(&assessment, check.id, &item.id, &session.actor())
                .await
            {
                Ok(()) => back(None),
                Err(error) => back(Some(upload_failure(error))),
            }
        }
        Err(error) => back(Some(upload_failure(error))),
    }
}

/// The check of the accessibility walk a photo is for: only a check of
/// the list, for the walk's indicator of its framework.
fn photo_check(
    framework: &str,
    indicator: &str,
    key: &str,
) -> Option<&'static crate::domain::accessibility::Check> {
    use crate::domain::accessibility::{check_by_id, FRAMEWORK, INDICATOR};
    (framework == FRAMEWORK && indicator == INDICATOR)
        .then(|| check_by_id(key))
        .flatten()
}

/// The problem code a page shows for an upload the store could not keep.
fn upload_failure(error: crate::store::StoreError) -> &'static str {
    match AppError::from(error) {
        AppError::OutOfSpace => "no_space",
        AppError::Unavailable => "unavailable",
        AppError::AssessmentClosed => "closed",
        _ => "internal",
    }
}

/// Attaches an uploaded file to a card, then goes back to the card (with
/// the reason, if the file was refused). Staff of member schools only.
pub(super) async fn attach_to_card(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path((id, card)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    use crate::domain::assessment::StoredFile;
    use crate::domain::evidence_file::content_type;
    let Some(signed_in) = session.signed_in.clone() else {
        return sign_in_first(&format!("/clusters/{id}/board"));
    };
    let store = &state.store;
    match reads_board(store, &signed_in.viewer, &id).await {
        None => return AppError::NotFound.status().into_response(),
        Some(false) => {
            let change = Change::new(AuditAction::AccessDenied, "cluster", &id);
            let _ = store.audit(&session.actor(), change).await;
            return AppError::NotFound.status().into_response();
        }
        Some(true) => {}
    }
    let found = async {
        let cluster = store.cluster(&id).await.ok()??;
        let record = store.card(&card).await.ok()??;
        (record.cluster == cluster.key).then_some((cluster, record))
    }
    .await;
    let Some((cluster, record)) = found else {
        return AppError::NotFound.status().into_response();
    };
    let back = |problem: Option<&str>| {
        let query = problem
            .map(|p| format!("?file_problem={p}&card={card}"))
            .unwrap_or_default();
        Redirect::to(&format!("/clusters/{id}/board{query}#card-{card}")).into_response()
    };
    let (name, bytes) = match read_file_field(multipart).await {
        Ok(Some(file)) => file,
        Ok(None) => return back(Some("empty")),
        Err(problem) => return back(Some(problem)),
    };
    let media_type = match content_type(&name, &bytes) {
        Ok(media_type) => media_type,
        Err(problem) => return back(Some(problem.as_str())),
    };
    let stored = StoredFile {
        hash: crate::store::files::content_hash(&bytes),
        name,
        content_type: media_type.to_owned(),
        size: bytes.len() as u64,
    };
    match store
        .attach_to_card(
            &cluster,
            &record,
            &stored,
            &bytes,
            signed_in.account,
            &session.actor(),
        )
        .await
    {
        Ok(_) => back(None),
        Err(error) => back(Some(upload_failure(error))),
    }
}

/// The `file` field of an evidence-sized upload: its safe name and bytes,
/// `None` when no file was chosen, or a problem code for the page.
async fn read_file_field(
    mut multipart: Multipart,
) -> Result<Option<(String, axum::body::Bytes)>, &'static str> {
    let problem = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "malformed"
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(problem)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field
            .file_name()
            .map(crate::domain::evidence_file::safe_file_name)
            .unwrap_or_default();
        let bytes = field.bytes().await.map_err(problem)?;
        return Ok((!bytes.is_empty()).then_some((name, bytes)));
    }
    Ok(None)
}

/// Sends a card's file: to readers of the cluster's board, and to anyone
/// signed in once the card is in the practice library.
pub(super) async fn download_card_file(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    let Some(signed_in) = session.signed_in.clone() else {
        return AppError::Unauthenticated.status().into_response();
    };
    let store = &state.store;
    let found = async {
        let (file, card) = store.card_attachment(&id).await.ok()??;
        let cluster = store.cluster_by_key(card.cluster_id).await.ok()??;
        Some((file, card, cluster))
    }
    .await;
    let Some((file, card, cluster)) = found else {
        return AppError::NotFound.status().into_response();
    };
    let readable = card.published_at.is_some()
        || reads_board(store, &signed_in.viewer, &cluster.id).await == Some(true);
    if !readable {
        let change = Change::new(AuditAction::AccessDenied, "card_file", &id);
        let _ = store.audit(&session.actor(), change).await;
        return AppError::NotFound.status().into_response();
    }
    send_file(&state, &file.hash, &file.name, &file.content_type).await
}

/// Sends an evidence file, to people who may see the school's self-assessment.
pub(super) async fn download_evidence(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    let Some(signed_in) = session.signed_in.clone() else {
        return AppError::Unauthenticated.status().into_response();
    };
    let store = &state.store;
    let found = async {
        let file = store.evidence_file(&id).await.ok()??;
        let (_, school) = store
            .assessment_with_school_by_key(file.assessment)
            .await
            .ok()??;
        Some((file, school))
    }
    .await;
    let Some((file, school)) = found else {
        return AppError::NotFound.status().into_response();
    };
    if !signed_in
        .viewer
        .may(Action::ViewSelfAssessment, Some(&school.summary.id))
    {
        let mut change = Change::new(AuditAction::AccessDenied, "evidence", &id);
        change.school = Some(school.summary.id.clone());
        let _ = store.audit(&session.actor(), change).await;
        return AppError::NotFound.status().into_response();
    }
    send_file(&state, &file.hash, &file.name, &file.content_type).await
}

/// A stored file as the response: images and PDFs (recognised by content
/// on upload) open in the browser, anything else downloads; never cached
/// by shared caches, and never able to run scripts.
async fn send_file(state: &AppState, hash: &str, name: &str, content_type: &str) -> Response {
    use crate::domain::evidence_file::{content_disposition, disposition_of};
    // Images (recognised by content on upload) open in the browser, in a
    // sandbox: no script, no plugin, no form, another origin. Everything
    // else downloads.
    let disposition = content_disposition(disposition_of(content_type), name);
    match state.store.file_bytes(hash).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => {
            tracing::error!(%hash, "a file is missing from the database");
            AppError::Internal.status().into_response()
        }
        Err(error) => AppError::from(error).status().into_response(),
    }
}
