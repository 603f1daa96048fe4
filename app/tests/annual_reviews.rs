//! An annual review that finds the standard no longer met ends the award,
//! through the server functions on both backends: the public check says
//! it was withdrawn and why is kept for the certification body.

mod common;

use common::reviewing::review_to_sign_off;
use common::web::apps;
use sea_orm::ConnectionTrait;

const ADMIN: &str = "admin@demo.equimark.test";

#[tokio::test]
async fn an_annual_review_that_finds_the_standard_not_met_withdraws_the_award() {
    for app in apps().await {
        let backend = app.backend;
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Hillcrest holds Inclusive School since 2025; its waiting
        // self-assessment is the award's first annual review.
        let hillcrest_id = app.demo_school(1).await;
        let hillcrest = app.store.school(&hillcrest_id).await.unwrap().unwrap().key;
        let code = app
            .store
            .record_award(
                hillcrest,
                ("inclusion-quality", "2026.3"),
                "inclusive-school",
                date(2025, 1, 1),
                date(2027, 12, 31),
            )
            .await
            .unwrap();
        app.store
            .db
            .execute_unprepared(&format!(
                "UPDATE self_assessment SET cycle = 'annual_review_1' WHERE school_id = {hillcrest}"
            ))
            .await
            .unwrap();
        let before = app
            .ok_anonymous("verify_certificate", &format!("code={code}"))
            .await;
        assert_eq!(before["standing"], "valid", "{backend}");

        let (_, granted) = review_to_sign_off(&app, "not_met", "", "").await;
        assert_eq!(granted, None, "{backend}: nothing is granted");

        // The public check says the award was withdrawn; the admin sees why.
        let after = app
            .ok_anonymous("verify_certificate", &format!("code={code}"))
            .await;
        assert_eq!(after["standing"], "revoked", "{backend}: {after}");
        assert_eq!(after["status_reason"], "", "{backend}: not shown publicly");
        let admin = app.sign_in(ADMIN).await;
        let seen = app
            .ok("verify_certificate", &format!("code={code}"), &admin)
            .await;
        assert!(
            seen["status_reason"]
                .as_str()
                .unwrap()
                .contains("no longer meets"),
            "{backend}: {seen}"
        );
        // The school no longer shows the award; the audit log has it.
        let school = app.store.school(&hillcrest_id).await.unwrap().unwrap();
        assert_eq!(school.summary.current_award, None, "{backend}");
        let audit = app
            .ok(
                "audit_log",
                "query[action]=award_revoked&query[actor]=&query[object]=&query[page]=0",
                &admin,
            )
            .await;
        assert!(
            audit.to_string().contains(&code),
            "{backend}: the withdrawal is audited: {audit}"
        );
    }
}
