//! Server functions: thin — check who is asking and what they typed, call
//! the store, map the error. Every one asks the policy first.

pub mod admin;
pub mod assessments;
pub mod auth;
pub mod awards;
pub mod boards;
pub mod clusters;
pub mod dashboard;
pub mod frameworks;
pub mod meetings;
pub mod networks;
pub mod people;
pub mod research;
pub mod reviews;
pub mod schools;

#[cfg(feature = "ssr")]
pub(crate) use server::*;

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::{Action, AuditAction};
    use crate::error::AppError;
    use crate::http::state::{Session, Settings};
    use crate::store::accounts::SignedIn;
    use crate::store::audit::Change;
    use crate::store::schools::SchoolRecord;
    use crate::store::Store;
    use leptos::prelude::use_context;

    /// Today's date on the server (UTC).
    pub(crate) fn today() -> chrono::NaiveDate {
        chrono::Utc::now().date_naive()
    }

    /// The year an annual update belongs to: the calendar year.
    pub(crate) fn this_year() -> i32 {
        use chrono::Datelike;
        chrono::Utc::now().year()
    }

    /// A date typed as YYYY-MM-DD, or a form error.
    pub(crate) fn parse_day(value: &str) -> Result<chrono::NaiveDate, AppError> {
        if !crate::domain::action_plan::is_iso_date(value.trim()) {
            return Err(AppError::InvalidChoice.respond());
        }
        chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::InvalidChoice.respond())
    }

    pub(crate) fn store() -> Result<Store, AppError> {
        use_context::<Store>().ok_or_else(|| {
            tracing::error!("the store is missing from the request context");
            AppError::Internal.respond()
        })
    }

    pub(crate) fn settings() -> Result<Settings, AppError> {
        use_context::<Settings>().ok_or_else(|| {
            tracing::error!("the settings are missing from the request context");
            AppError::Internal.respond()
        })
    }

    /// The request's session (signed in or not).
    pub(crate) fn session() -> Result<Session, AppError> {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Session>().cloned())
            .ok_or_else(|| {
                tracing::error!("the session is missing from the request");
                AppError::Internal.respond()
            })
    }

    /// The signed-in person, or `Unauthenticated`.
    pub(crate) fn signed_in() -> Result<(Session, SignedIn), AppError> {
        let session = session()?;
        match session.signed_in.clone() {
            Some(signed_in) => Ok((session, signed_in)),
            None => Err(AppError::Unauthenticated.respond()),
        }
    }

    /// Records a refusal in the audit log and returns the error to answer with.
    pub(crate) async fn refuse(
        store: &Store,
        session: &Session,
        action: Action,
        school: Option<&str>,
        error: AppError,
    ) -> AppError {
        let mut change = Change::new(AuditAction::AccessDenied, "action", &format!("{action:?}"));
        change.school = school.map(str::to_owned);
        if let Err(e) = store.record_refusal(&session.actor(), change).await {
            tracing::error!(error = %e, "could not record a refusal");
        }
        error.respond()
    }

    /// Signed in and allowed `action` on the service as a whole.
    pub(crate) async fn authorize(action: Action) -> Result<(Store, Session, SignedIn), AppError> {
        let store = store()?;
        let (session, signed_in) = signed_in()?;
        if signed_in.viewer.may(action, None) {
            Ok((store, session, signed_in))
        } else {
            Err(refuse(&store, &session, action, None, AppError::Forbidden).await)
        }
    }

    /// Signed in and allowed `action` on the school with this public id.
    /// A school the person may not even see is "not found", so ids cannot
    /// be probed; one they may see but not act on is "forbidden".
    pub(crate) async fn authorize_at(
        action: Action,
        school: &str,
    ) -> Result<(Store, Session, SignedIn, SchoolRecord), AppError> {
        let store = store()?;
        let (session, signed_in) = signed_in()?;
        let viewer = &signed_in.viewer;
        if !viewer.may(Action::ViewSchool, Some(school)) {
            return Err(refuse(&store, &session, action, Some(school), AppError::NotFound).await);
        }
        if !viewer.may(action, Some(school)) {
            return Err(refuse(&store, &session, action, Some(school), AppError::Forbidden).await);
        }
        let record = store
            .school(school)
            .await
            .map_err(|e| AppError::from(e).respond())?
            .ok_or_else(|| AppError::NotFound.respond())?;
        Ok((store, session, signed_in, record))
    }

    /// Links a quality record (a management review, an internal audit's
    /// report) as evidence for `(framework, indicator)` in the school's
    /// newest open self-assessment against that framework, once: saving
    /// the record again does not link it twice. No open self-assessment,
    /// nothing to link to.
    pub(crate) async fn attach_link_as_evidence(
        store: &Store,
        school: &SchoolRecord,
        (framework, indicator): (&str, &str),
        (title, link): (&str, &str),
        (by, actor): (&str, &crate::store::audit::Actor),
    ) -> Result<(), AppError> {
        use crate::domain::assessment::{EvidenceKind, NewEvidence};
        let Some(open) = store
            .assessments_of(school.key)
            .await
            .map_err(failed)?
            .into_iter()
            .find(|a| a.framework_id == framework && a.status.is_editable())
        else {
            return Ok(());
        };
        let evidence = store.evidence(open.key).await.map_err(failed)?;
        if evidence.iter().any(|e| e.link.as_deref() == Some(link)) {
            return Ok(());
        }
        let new = NewEvidence {
            title: title.to_owned(),
            kind: EvidenceKind::Link,
            link: Some(link.to_owned()),
            note: None,
            file: None,
        };
        store
            .add_evidence(&open, &new, None, &[indicator.to_owned()], by, actor)
            .await
            .map_err(failed)?;
        Ok(())
    }

    /// What [`authorize_at`] gives: the store, the session, the person
    /// and the school they may act at.
    pub(crate) type AtSchool = (Store, Session, SignedIn, SchoolRecord);

    /// [`authorize_at`] for a record that names its school by key (an
    /// audit, a survey, a register entry): found or not, a school the
    /// person may not see is "not found".
    pub(crate) async fn authorize_at_key(
        action: Action,
        school: i64,
    ) -> Result<AtSchool, AppError> {
        let record = store()?
            .school_by_key(school)
            .await
            .map_err(failed)?
            .ok_or_else(|| AppError::NotFound.respond())?;
        authorize_at(action, &record.summary.id).await
    }

    /// The latest version of every published framework, each once.
    pub(crate) async fn latest_frameworks(
        store: &Store,
    ) -> Result<Vec<std::sync::Arc<crate::domain::Framework>>, AppError> {
        let mut ids: Vec<String> = store
            .list_frameworks()
            .await
            .map_err(failed)?
            .into_iter()
            .map(|f| f.id)
            .collect();
        ids.dedup();
        let mut latest = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(fw) = store.latest_framework(&id).await.map_err(failed)? {
                latest.push(fw);
            }
        }
        Ok(latest)
    }

    /// Without JavaScript a form posts straight to its server function:
    /// send the browser on to `path`. Anything that could not be a header
    /// (never one of our paths) goes home rather than failing the request.
    pub(crate) fn redirect_after_form(path: &str) {
        if crate::error::server::html_form_post() {
            let valid = axum::http::HeaderValue::from_str(path).is_ok();
            leptos_axum::redirect(if valid { path } else { "/" });
        }
    }

    /// Without JavaScript: back to the page the form was on, with
    /// `param=value` in the address for the page to show (the name of the
    /// school added, the address invited).
    pub(crate) fn back_with(param: &str, value: &str) {
        let from = use_context::<axum::http::request::Parts>()
            .and_then(|p| p.headers.get(axum::http::header::REFERER).cloned())
            .and_then(|r| r.to_str().ok().map(str::to_owned))
            .unwrap_or_default();
        // Only the path and query of our own page: never another site.
        let path = from
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_owned()))
            .unwrap_or_else(|| "/".to_owned());
        let path = crate::domain::account::safe_next(&path);
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let mut pairs: Vec<String> = query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with(&format!("{param}=")))
            .map(str::to_owned)
            .collect();
        pairs.push(format!("{param}={}", crate::model::query_value(value)));
        redirect_after_form(&format!("{path}?{}", pairs.join("&")));
    }

    /// Maps a store error once, with the response status.
    pub(crate) fn failed(error: crate::store::StoreError) -> AppError {
        AppError::from(error).respond()
    }
}
