//! Reminders the accreditation calendar calls for, sent by the server on a
//! timer rather than by anyone's action: a review of an award falling due
//! within 30 days or overdue, and an award ending within 60 days. They go
//! to the school's coordinators, in their list and by email in their
//! language, once each however many servers run.

use crate::components::labels::cycle_label_in;
use crate::domain::calendar::Day;
use crate::domain::notification::{reminders, NotificationKind, Reminder};
use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::store::Store;
use std::time::Duration;

/// Sends what the calendar calls for on `today` that was not sent before;
/// returns how many reminders went out.
pub async fn send_reminders(
    store: &Store,
    public_url: &str,
    today: chrono::NaiveDate,
) -> Result<usize, AppError> {
    let Some(day) = Day::parse(&today.to_string()) else {
        return Ok(0);
    };
    let rows = crate::api::awards::calendar_rows(store, None, 60).await?;
    let mut sent = 0;
    for row in rows {
        let due = reminders(&row.reviews, &row.valid_until, day);
        if due.is_empty() {
            continue;
        }
        let Some(school) = store
            .school(&row.school_id)
            .await
            .map_err(crate::api::failed)?
        else {
            continue;
        };
        let coordinators = store
            .holders_of(Role::Coordinator, Some(school.key))
            .await
            .map_err(crate::api::failed)?;
        for reminder in due {
            let key = format!(
                "{}:{}:{}",
                row.certificate,
                reminder.kind.as_str(),
                reminder.day
            );
            let about = |language: &str| about(&row, &reminder, language);
            let path = format!("/schools/{}", row.school_id);
            let new = store
                .notify_once(
                    &key,
                    &coordinators,
                    reminder.kind,
                    &about,
                    &path,
                    public_url,
                )
                .await
                .map_err(crate::api::failed)?;
            sent += usize::from(new);
        }
    }
    Ok(sent)
}

/// What a reminder is about, in `language`: the school, then the review
/// and its date, or the award and its last day.
fn about(row: &crate::model::CalendarRow, reminder: &Reminder, language: &str) -> String {
    let (locale, text_language) = if language.starts_with("zh") {
        (Locale::zh, "zh")
    } else {
        (Locale::en, "en")
    };
    let what = match (reminder.kind, reminder.cycle) {
        (NotificationKind::AwardEnding, _) | (_, None) => {
            row.award_title.get(text_language, "en").to_owned()
        }
        (_, Some(cycle)) => cycle_label_in(locale, cycle).to_owned(),
    };
    format!("{}, {what}, {}", row.school_name, reminder.day)
}

/// Checks the calendar now and then every `every`, for as long as the
/// server runs. A failure is logged and tried again next time.
pub fn spawn(store: Store, public_url: String, every: Duration) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            let today = chrono::Utc::now().date_naive();
            match send_reminders(&store, &public_url, today).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "sent the calendar's reminders"),
                Err(error) => tracing::error!(%error, "could not send the calendar's reminders"),
            }
        }
    });
}
