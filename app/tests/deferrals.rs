//! A deferred decision's follow-up, through the server functions on both
//! backends: the school has 90 days from sign-off to say how it met the
//! conditions; a certification admin then records whether it did, and met
//! conditions grant the award. Who may do what, the due day, and a second
//! decision are checked on the way.

mod common;

use axum::http::StatusCode;
use common::reviewing::review_to_sign_off;
use common::web::{apps, enc};
use sea_orm::ConnectionTrait;

const ADMIN: &str = "admin@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";
const RIVERSIDE: &str = "coordinator@demo.equimark.test";

#[tokio::test]
async fn a_deferral_is_followed_up_until_its_conditions_are_met() {
    for app in apps().await {
        let backend = app.backend;
        let conditions = "Write the accessibility plan and train the lunchtime staff.";
        let (assessment, code) = review_to_sign_off(&app, "deferred", "", conditions).await;
        assert_eq!(code, None, "{backend}: nothing granted yet");
        let hillcrest = app.sign_in(HILLCREST).await;
        let admin = app.sign_in(ADMIN).await;
        let riverside = app.sign_in(RIVERSIDE).await;

        // The school reads the conditions and the day they are due.
        let report = app
            .ok("school_report", &format!("id={assessment}"), &hillcrest)
            .await;
        let follow_up = &report["follow_up"];
        assert_eq!(follow_up["state"], "awaiting_school", "{backend}: {report}");
        assert_eq!(follow_up["deferral"]["conditions"], conditions);
        let due = (chrono::Utc::now().date_naive() + chrono::Duration::days(90)).to_string();
        assert_eq!(follow_up["deferral"]["due_on"], due.as_str(), "{backend}");
        assert_eq!(follow_up["may_answer"], true, "{backend}");
        let page = app
            .get(
                &format!("/assessments/{assessment}/report"),
                Some(&hillcrest),
            )
            .await;
        assert!(
            page.body.contains("How the school met the conditions"),
            "{backend}: the report offers the form"
        );

        let answer = |text: &str| format!("assessment={assessment}&response={}", enc(text));
        let met = "The plan is on the website; all twelve lunchtime staff were trained in March.";
        // Another school's coordinator may not answer; an empty answer is refused.
        assert_ne!(
            app.status("answer_conditions", &answer(met), &riverside)
                .await,
            StatusCode::OK,
            "{backend}"
        );
        assert_eq!(
            app.status("answer_conditions", &answer("  "), &hillcrest)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        let deferral = app.ok("deferrals", "", &admin).await[0]["deferral"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let decide = |outcome: &str, award: &str| {
            format!(
                "deferral={deferral}&outcome={outcome}&award={award}&note={}",
                enc("The plan and the training records meet the conditions.")
            )
        };
        // Nothing to decide before the school answers or the day passes.
        assert_eq!(
            app.status(
                "decide_conditions",
                &decide("met", "inclusive-school"),
                &admin
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );

        // Past the due day the school can no longer answer, and the admins
        // see the follow-up as overdue.
        let set_due = |day: String| {
            let db = &app.store.db;
            async move {
                db.execute_unprepared(&format!("UPDATE deferral SET due_on = '{day}'"))
                    .await
                    .unwrap();
            }
        };
        let yesterday = chrono::Utc::now().date_naive() - chrono::Duration::days(1);
        set_due(yesterday.to_string()).await;
        assert_eq!(
            app.status("answer_conditions", &answer(met), &hillcrest)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: too late"
        );
        assert_eq!(
            app.ok("deferrals", "", &admin).await[0]["state"],
            "overdue",
            "{backend}"
        );
        set_due(due.clone()).await;

        // The school answers; the admins hear of it.
        app.ok("answer_conditions", &answer(met), &hillcrest).await;
        let rows = app.ok("deferrals", "", &admin).await;
        assert_eq!(rows[0]["state"], "awaiting_decision", "{backend}: {rows}");
        assert_eq!(rows[0]["deferral"]["response"], met);
        assert_eq!(rows[0]["may_decide"], true);
        let heard = app.ok("notifications", "", &admin).await;
        assert_eq!(
            heard["items"][0]["kind"], "conditions_answered",
            "{backend}: {heard}"
        );
        // Only certification admins see and decide follow-ups.
        assert_eq!(
            app.status("deferrals", "", &hillcrest).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        assert_eq!(
            app.status(
                "decide_conditions",
                &decide("met", "inclusive-school"),
                &hillcrest
            )
            .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        // Met conditions need the award to grant.
        assert_eq!(
            app.status("decide_conditions", &decide("met", ""), &admin)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        let code: Option<String> = serde_json::from_value(
            app.ok(
                "decide_conditions",
                &decide("met", "inclusive-school"),
                &admin,
            )
            .await,
        )
        .unwrap();
        let code = code.expect("a certificate");
        let check = app
            .ok_anonymous("verify_certificate", &format!("code={code}"))
            .await;
        assert_eq!(check["standing"], "valid", "{backend}: {check}");
        assert_eq!(check["award_title"]["en"], "Inclusive School", "{backend}");

        // Decided once: a second decision or a late answer is a conflict.
        assert_eq!(
            app.status("decide_conditions", &decide("not_met", ""), &admin)
                .await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        assert_eq!(
            app.status("answer_conditions", &answer(met), &hillcrest)
                .await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        let report = app
            .ok("school_report", &format!("id={assessment}"), &hillcrest)
            .await;
        assert_eq!(report["follow_up"]["state"], "met", "{backend}");
        assert_eq!(report["follow_up"]["may_answer"], false, "{backend}");
        let heard = app.ok("notifications", "", &hillcrest).await;
        assert_eq!(
            heard["items"][0]["kind"], "decision_made",
            "{backend}: {heard}"
        );
        let audit = app
            .ok(
                "audit_log",
                "query[action]=conditions_decided&query[actor]=&query[object]=&query[page]=0",
                &admin,
            )
            .await;
        assert!(
            audit.to_string().contains(&deferral),
            "{backend}: the decision is audited: {audit}"
        );
    }
}
