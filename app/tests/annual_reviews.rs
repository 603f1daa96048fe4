//! An annual review that finds the standard no longer met ends the award,
//! through the server functions on both backends: the public check says
//! it was withdrawn and why is kept for the certification body.

mod common;

use common::web::{apps, enc, TestApp};
use sea_orm::ConnectionTrait;
use serde_json::Value;

const ADMIN: &str = "admin@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";
const MODERATOR: &str = "moderator@demo.equimark.test";

fn account(queue: &Value, name: &str) -> String {
    queue["assessors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .and_then(|a| a["account"].as_str())
        .unwrap_or_else(|| panic!("{name} in {queue}"))
        .to_owned()
}

/// Reviews Hillcrest's waiting self-assessment to a signed-off decision
/// with `outcome`, every indicator validated at the school's own level.
async fn review_to_sign_off(app: &TestApp, outcome: &str, award: &str) -> Option<String> {
    let admin = app.sign_in(ADMIN).await;
    let assessor = app.sign_in(ASSESSOR).await;
    let moderator = app.sign_in(MODERATOR).await;
    let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
    let assessment = queue["awaiting"][0]["assessment"]
        .as_str()
        .unwrap()
        .to_owned();
    let assign = format!(
        "assessment={assessment}&lead={}&second={}&due_on=2030-01-31",
        account(&queue, "Asha Assessor"),
        account(&queue, "Mo Moderator")
    );
    let review: String =
        serde_json::from_value(app.ok("assign_review", &assign, &admin).await).unwrap();
    let view = app
        .ok("review", &format!("id={review}&element=all"), &assessor)
        .await;
    let framework = &view["assessment"]["framework"];
    let scale: Vec<&str> = framework["scale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    let levels = &view["answers"]["levels"];
    for element in framework["elements"].as_array().unwrap() {
        for indicator in element["indicators"].as_array().unwrap() {
            let id = indicator["id"].as_str().unwrap();
            let own = levels[id].as_u64().unwrap_or(0) as usize;
            let rate = format!(
                "review={review}&indicator={id}&level={}&comment={}",
                scale[own],
                enc("Checked at the annual visit.")
            );
            app.ok("save_review_rating", &rate, &assessor).await;
        }
    }
    let decide = format!(
        "review={review}&outcome={outcome}&award={award}&conditions=&report={}",
        enc("The resource base has closed and the inclusion lead post is vacant.")
    );
    let next = app.ok("propose_decision", &decide, &assessor).await;
    if next == "moderation" {
        let verdict = format!(
            "review={review}&verdict=agree&reasons={}",
            enc("The visit notes support it.")
        );
        app.ok("moderate", &verdict, &moderator).await;
    }
    serde_json::from_value(
        app.ok("sign_off", &format!("review={review}"), &admin)
            .await,
    )
    .unwrap()
}

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

        let granted = review_to_sign_off(&app, "not_met", "").await;
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
