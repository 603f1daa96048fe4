//! Notifications: what needs a person's attention. The use case that sends
//! them (called by the server functions after the work is done), the
//! person's list and their choice of emails; the page is in `page.rs`.

pub mod page;
pub mod reminders;

use crate::domain::notification::{Notification, NotificationKind};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The notifications page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationsView {
    pub items: Vec<Notification>,
    pub unread: u64,
    /// Each kind of email and whether the person gets it.
    pub emails: Vec<(NotificationKind, bool)>,
}

/// Tells `accounts` about something that needs them, in their list and by
/// email. The work it follows is already saved: a failure here is logged,
/// not answered as an error.
#[cfg(feature = "ssr")]
pub(crate) async fn notify(
    store: &crate::store::Store,
    accounts: &[i64],
    kind: NotificationKind,
    about: &(dyn Fn(&str) -> String + Sync),
    path: &str,
) {
    let link_base = crate::api::settings()
        .map(|s| s.public_url)
        .unwrap_or_default();
    if let Err(error) = store.notify(accounts, kind, about, path, &link_base).await {
        tracing::error!(%error, kind = kind.as_str(), "could not notify");
    }
}

/// Tells a school's coordinators of a decision they read on the report of
/// self-assessment `assessment` (an appeal's, a deferral's follow-up).
#[cfg(feature = "ssr")]
pub(crate) async fn notify_report_readers(
    store: &crate::store::Store,
    (school, school_name): (i64, &str),
    assessment: &str,
    kind: NotificationKind,
) -> Result<(), AppError> {
    let people = store
        .holders_of(crate::domain::Role::Coordinator, Some(school))
        .await
        .map_err(crate::api::failed)?;
    let school_name = school_name.to_owned();
    let about = move |_: &str| school_name.clone();
    let path = format!("/assessments/{assessment}/report");
    notify(store, &people, kind, &about, &path).await;
    Ok(())
}

/// The people at a school who answer for a self-assessment: its
/// coordinators and everyone an element of it is assigned to.
#[cfg(feature = "ssr")]
pub(crate) async fn school_people(
    store: &crate::store::Store,
    school: i64,
    assessment: i64,
) -> Result<Vec<i64>, AppError> {
    use crate::domain::Role;
    let mut people = store
        .holders_of(Role::Coordinator, Some(school))
        .await
        .map_err(crate::api::failed)?;
    for (_, assignee) in store
        .assignments(assessment)
        .await
        .map_err(crate::api::failed)?
    {
        if let Some(key) = store
            .account_key(&assignee.account)
            .await
            .map_err(crate::api::failed)?
        {
            people.push(key);
        }
    }
    Ok(people)
}

/// A school's name by key, for what a notification is about.
#[cfg(feature = "ssr")]
pub(crate) async fn school_name(store: &crate::store::Store, school: i64) -> String {
    match store.school_by_key(school).await {
        Ok(Some(found)) => found.summary.name,
        _ => String::new(),
    }
}

/// The signed-in person's notifications and email choices.
#[server(endpoint = "notifications")]
pub async fn notifications() -> Result<NotificationsView, AppError> {
    let store = crate::api::store()?;
    let (_, signed_in) = crate::api::signed_in()?;
    let (items, unread) = store
        .notifications(signed_in.account)
        .await
        .map_err(crate::api::failed)?;
    let off = store
        .emails_off(signed_in.account)
        .await
        .map_err(crate::api::failed)?;
    Ok(NotificationsView {
        items,
        unread,
        emails: NotificationKind::ALL
            .into_iter()
            .map(|k| (k, !off.contains(&k)))
            .collect(),
    })
}

/// Marks every notification of the signed-in person read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let store = crate::api::store()?;
    let (_, signed_in) = crate::api::signed_in()?;
    store
        .mark_notifications_read(signed_in.account)
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form("/notifications");
    Ok(())
}

/// The kinds of email the signed-in person gets: those ticked (`on`).
#[server(endpoint = "set_emails")]
pub async fn set_emails(#[server(default)] on: Vec<String>) -> Result<(), AppError> {
    let store = crate::api::store()?;
    let (_, signed_in) = crate::api::signed_in()?;
    let mut chosen = Vec::new();
    for value in &on {
        chosen
            .push(NotificationKind::parse(value).ok_or_else(|| AppError::InvalidChoice.respond())?);
    }
    let off: Vec<NotificationKind> = NotificationKind::ALL
        .into_iter()
        .filter(|k| !chosen.contains(k))
        .collect();
    store
        .set_emails_off(signed_in.account, &off)
        .await
        .map_err(crate::api::failed)?;
    crate::api::redirect_after_form("/notifications");
    Ok(())
}
