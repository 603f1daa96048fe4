//! The calendar's reminders, on both backends: a review due within 30
//! days or overdue and an award ending within 60 days reach the school's
//! coordinators in their list and by email (unless they turned that email
//! off), once only however often the calendar is checked.

mod common;

use app::domain::notification::NotificationKind;
use app::notifications::reminders::send_reminders;
use chrono::{Duration, Utc};
use common::web::apps;

const RIVERSIDE: &str = "coordinator@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";

#[tokio::test]
async fn reviews_falling_due_and_awards_ending_are_told_once_to_the_coordinators() {
    for app in apps().await {
        let backend = app.backend;
        let store = &app.store;
        let today = Utc::now().date_naive();
        let key = |email: &'static str| async move {
            store.credentials(email).await.unwrap().unwrap().key
        };
        let (riverside, hillcrest) = (key(RIVERSIDE).await, key(HILLCREST).await);
        let fw = ("inclusion-quality", "2026.3");
        // Hillcrest's award began 340 days ago: its first annual review
        // falls due in 25 days. Oak Tree's ends in 30 days.
        let school = |n| {
            let app = &app;
            async move {
                let id = app.demo_school(n).await;
                store.school(&id).await.unwrap().unwrap().key
            }
        };
        let granted = today - Duration::days(340);
        store
            .record_award(
                school(1).await,
                fw,
                "inclusive-school",
                granted,
                granted + Duration::days(3 * 365),
            )
            .await
            .unwrap();
        let ends = today + Duration::days(30);
        store
            .record_award(
                school(2).await,
                fw,
                "inclusive-school",
                ends - Duration::days(3 * 365),
                ends,
            )
            .await
            .unwrap();
        // Riverside's coordinator turned off the overdue email.
        store
            .set_emails_off(riverside, &[NotificationKind::ReviewOverdue])
            .await
            .unwrap();

        let sent = send_reminders(store, "https://equimark.test", today)
            .await
            .unwrap();
        assert!(sent >= 3, "{backend}: {sent}");

        // Riverside's first annual review is a month overdue in the demo.
        let (list, unread) = store.notifications(riverside).await.unwrap();
        let overdue = list
            .iter()
            .find(|n| n.kind == NotificationKind::ReviewOverdue)
            .unwrap_or_else(|| panic!("{backend}: {list:?}"));
        assert!(
            overdue.headline.contains("Riverside Primary School")
                && overdue.headline.contains("Annual review, year 1"),
            "{backend}: {}",
            overdue.headline
        );
        assert!(overdue.link.starts_with("/schools/"), "{backend}");
        assert!(unread >= 1, "{backend}");
        // Hillcrest's coordinator hears the review falls due soon.
        let (list, _) = store.notifications(hillcrest).await.unwrap();
        assert!(
            list.iter()
                .any(|n| n.kind == NotificationKind::ReviewDueSoon
                    && n.headline.contains("Hillcrest Academy")),
            "{backend}: {list:?}"
        );
        let outbox = store.outbox(1000).await.unwrap();
        let to = |email: &str, words: &str| {
            outbox
                .iter()
                .filter(|m| m.recipient == email && m.subject.contains(words))
                .count()
        };
        assert_eq!(to(HILLCREST, "falls due soon"), 1, "{backend}");
        assert_eq!(to(RIVERSIDE, "overdue"), 0, "{backend}: turned off");

        // Checking again sends nothing new.
        let again = send_reminders(store, "https://equimark.test", today)
            .await
            .unwrap();
        assert_eq!(again, 0, "{backend}");
        assert_eq!(
            store.outbox(1000).await.unwrap().len(),
            outbox.len(),
            "{backend}"
        );
    }
}
