//! A school's yearly management review, through the server functions on
//! both backends: who may read and record it, what is refused, a stale
//! rewrite, and the review linked as evidence for the ISO 21001 clause on
//! management review in the school's open self-assessment.

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc};

const RIVERSIDE: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";

#[tokio::test]
async fn leadership_records_its_yearly_review_and_the_iso_clause_reads_it() {
    for app in apps().await {
        let backend = app.backend;
        let school = app.demo_school(0).await;
        let coordinator = app.sign_in(RIVERSIDE).await;
        let today = chrono::Utc::now().date_naive();
        let year = today.format("%Y").to_string();
        // An open ISO 21001 self-assessment, for the review to be evidence in.
        let assessment = app.start_iso_assessment(&school, &coordinator).await;

        let record = |version: i32, held_on: &str, decisions: &str| {
            format!(
                "school={school}&base_version={version}&held_on={held_on}&attendees={}\
                 &audit_results=&feedback={}&nonconformities=&action_plan=&objectives=&decisions={}",
                enc("Head, deputy, SENCO"),
                enc("Learner voice: most feel listened to."),
                enc(decisions)
            )
        };
        let tomorrow = (today + chrono::Duration::days(1)).to_string();
        let day = today.to_string();
        for body in [
            record(0, &tomorrow, "Add a termly complaints review."),
            record(0, "20/11/2026", "Add a termly complaints review."),
            record(0, &day, " "),
        ] {
            assert_eq!(
                app.status("record_management_review", &body, &coordinator)
                    .await,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {body}"
            );
        }
        let teacher = app.sign_in(TEACHER).await;
        let good = record(0, &day, "Add a termly complaints review.");
        assert_eq!(
            app.status("record_management_review", &good, &teacher)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        let hillcrest = app.sign_in(HILLCREST).await;
        assert_eq!(
            app.status(
                "management_reviews",
                &format!("school={school}"),
                &hillcrest
            )
            .await,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let version = app
            .ok("record_management_review", &good, &coordinator)
            .await;
        assert_eq!(version, 1, "{backend}");
        // A rewrite from a page read before that save is refused; from the new one it is kept.
        assert_eq!(
            app.status("record_management_review", &good, &coordinator)
                .await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        let again = record(
            1,
            &day,
            "Add a termly complaints review, led by the deputy.",
        );
        assert_eq!(
            app.ok("record_management_review", &again, &coordinator)
                .await,
            2,
            "{backend}"
        );
        let view = app
            .ok("management_reviews", &format!("school={school}"), &teacher)
            .await;
        let latest = &view["reviews"][0];
        assert_eq!(latest["year"].to_string(), year, "{backend}: {view}");
        assert_eq!(
            latest["decisions"], "Add a termly complaints review, led by the deputy.",
            "{backend}"
        );
        assert_eq!(view["may_edit"], false, "{backend}");

        // The ISO clause on management review has it as evidence, once.
        let suffix = format!("/management-reviews#review-{year}");
        let linked = app
            .linked_evidence(&assessment, &coordinator, |l| l.ends_with(&suffix))
            .await;
        assert_eq!(linked.len(), 1, "{backend}: {linked:?}");
        assert_eq!(
            linked[0]["indicators"][0], "performance-management-review",
            "{backend}"
        );
    }
}
