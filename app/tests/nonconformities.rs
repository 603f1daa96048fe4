//! A school's register of non-conformities, through the server functions on
//! both backends: who may read and write it, what is refused, a stale edit,
//! closing only with the root cause, the action and its check, and an open
//! major entry blocking submission of that framework's self-assessment
//! until it closes.

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc, TestApp};

const RIVERSIDE: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";
const ADMIN: &str = "admin@demo.equimark.test";
const ISO: &str = "iso-21001-gap";
const INDICATOR: &str = "improvement-corrective-action";

/// A whole ISO 21001 self-assessment of Riverside, every indicator rated
/// with evidence, ready to submit. Returns its id.
async fn iso_self_assessment(app: &TestApp, cookie: &str, school: &str) -> String {
    let reply = app
        .call(
            "start_assessment",
            &format!("school={school}&framework={ISO}%402026.2&cycle=initial&target_award=ready-for-certification-audit"),
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id: String = serde_json::from_str(&reply.body).unwrap();
    let fw = app.store.latest_framework(ISO).await.unwrap().unwrap();
    let top = fw.scale.last().unwrap().id.clone();
    for r in fw.indicators() {
        let indicator = &r.indicator.id;
        app.ok(
            "save_response",
            &format!(
                "assessment={id}&indicator={indicator}&level={top}&narrative=Done&base_version=0"
            ),
            cookie,
        )
        .await;
        app.ok(
            "add_evidence",
            &format!(
                "assessment={id}&indicator={indicator}&title=Records&link={}&note=",
                enc("https://example.org/records")
            ),
            cookie,
        )
        .await;
    }
    id
}

#[tokio::test]
async fn the_register_keeps_what_was_found_until_the_action_is_checked() {
    for app in apps().await {
        let backend = app.backend;
        let school = app.demo_school(0).await;
        let coordinator = app.sign_in(RIVERSIDE).await;
        let raise = |indicator: &str, severity: &str, finding: &str| {
            format!(
                "school={school}&indicator={ISO}%3A{indicator}&source=internal_audit&severity={severity}&finding={}&correction=",
                enc(finding)
            )
        };
        let finding =
            "Complaints from parents of learners with SEND were not logged in the autumn term.";
        // Refused: an indicator the framework has not, no finding, an unknown severity.
        for (body, status) in [
            (
                raise("no-such-indicator", "major", finding),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                raise(INDICATOR, "major", " "),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                raise(INDICATOR, "grave", finding),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        ] {
            assert_eq!(
                app.status("raise_nonconformity", &body, &coordinator).await,
                status,
                "{backend}: {body}"
            );
        }
        let id: String = serde_json::from_value(
            app.ok(
                "raise_nonconformity",
                &raise(INDICATOR, "major", finding),
                &coordinator,
            )
            .await,
        )
        .unwrap();

        // Its staff read it; a teacher may not write; another school's
        // coordinator may not even see it; nobody signed out.
        let teacher = app.sign_in(TEACHER).await;
        let seen = app
            .ok("nonconformities", &format!("school={school}"), &teacher)
            .await;
        assert_eq!(seen["rows"][0]["entry"]["id"], id.as_str(), "{backend}");
        assert_eq!(seen["may_edit"], false, "{backend}");
        assert_eq!(
            app.status(
                "raise_nonconformity",
                &raise(INDICATOR, "minor", finding),
                &teacher
            )
            .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        let hillcrest = app.sign_in(HILLCREST).await;
        assert_eq!(
            app.status("nonconformities", &format!("school={school}"), &hillcrest)
                .await,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let anonymous = app
            .call("nonconformities", &format!("school={school}"), None)
            .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{backend}");

        // The open major entry blocks the ISO self-assessment's submission, with the reason.
        let assessment = iso_self_assessment(&app, &coordinator, &school).await;
        let view = app
            .ok("assessment", &format!("id={assessment}"), &coordinator)
            .await;
        assert_eq!(view["blocked_by"][0], INDICATOR, "{backend}");
        let refused = app
            .call(
                "submit_assessment",
                &format!("assessment={assessment}"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: {}",
            refused.body
        );
        assert!(
            refused.body.contains("MajorNonConformity"),
            "{backend}: {}",
            refused.body
        );

        // Treating it: closing needs the cause, the action and its check;
        // an edit from a stale page is refused; then it closes.
        let treat = |version: i32, effectiveness: &str, close: bool| {
            format!(
                "id={id}&base_version={version}&correction={}&root_cause={}&corrective_action={}\
                 &owner=Dana+Deputy&due_on=2027-03-31&effectiveness={}{}",
                enc("Logged the missed complaints"),
                enc("No one owned the complaints log"),
                enc("The deputy head owns it and reviews it monthly"),
                enc(effectiveness),
                if close { "&close=1" } else { "" }
            )
        };
        assert_eq!(
            app.status("treat_nonconformity", &treat(1, "", true), &coordinator)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: no check yet"
        );
        assert_eq!(
            app.status("treat_nonconformity", &treat(1, "", false), &teacher)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        app.ok("treat_nonconformity", &treat(1, "", false), &coordinator)
            .await;
        // With an action and an owner, the corrective action is in the
        // open ISO self-assessment's plan, against the entry's indicator.
        let corrective = |plan: &serde_json::Value| -> Vec<serde_json::Value> {
            plan[0]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["description"] == "The deputy head owns it and reviews it monthly")
                .cloned()
                .collect()
        };
        let plan = app
            .ok(
                "action_plan",
                &format!("assessment={assessment}"),
                &coordinator,
            )
            .await;
        let planned = corrective(&plan);
        assert_eq!(planned.len(), 1, "{backend}: {plan}");
        assert_eq!(planned[0]["indicator"], INDICATOR, "{backend}");
        assert_eq!(planned[0]["owner"], "Dana Deputy", "{backend}");
        assert_eq!(planned[0]["due_on"], "2027-03-31", "{backend}");
        assert_eq!(planned[0]["status"], "planned", "{backend}");
        let register = app
            .ok("nonconformities", &format!("school={school}"), &coordinator)
            .await;
        assert!(
            register
                .to_string()
                .contains(&format!("\"in_plan\":\"{assessment}\"")),
            "{backend}: the entry links to the plan: {register}"
        );
        assert_eq!(
            app.status(
                "treat_nonconformity",
                &treat(1, "Three months of logs", true),
                &coordinator
            )
            .await,
            StatusCode::CONFLICT,
            "{backend}: a stale edit"
        );
        let bad_day = treat(2, "", false).replace("2027-03-31", "31%2F03%2F2027");
        assert_eq!(
            app.status("treat_nonconformity", &bad_day, &coordinator)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        app.ok(
            "treat_nonconformity",
            &treat(
                2,
                "Three months of complete logs, checked by the governors",
                true,
            ),
            &coordinator,
        )
        .await;
        let register = app
            .ok("nonconformities", &format!("school={school}"), &coordinator)
            .await;
        let entry = register["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["entry"])
            .find(|e| e["id"] == id.as_str())
            .expect("the entry");
        assert!(entry["closed_at"].is_string(), "{backend}: {entry}");
        assert_eq!(entry["treatment"]["owner"], "Dana Deputy", "{backend}");
        assert_eq!(entry["in_plan"], assessment.as_str(), "{backend}");
        // Closed, its action is done in the plan, with the check as its
        // progress; saving twice added it once.
        let plan = app
            .ok(
                "action_plan",
                &format!("assessment={assessment}"),
                &coordinator,
            )
            .await;
        let done = corrective(&plan);
        assert_eq!(done.len(), 1, "{backend}: {plan}");
        assert_eq!(done[0]["status"], "done", "{backend}");
        assert_eq!(
            done[0]["progress"], "Three months of complete logs, checked by the governors",
            "{backend}"
        );
        assert_eq!(
            app.status("treat_nonconformity", &treat(3, "x", false), &coordinator)
                .await,
            StatusCode::CONFLICT,
            "{backend}: a closed entry stays closed"
        );

        // Closed, it no longer blocks.
        app.ok(
            "submit_assessment",
            &format!("assessment={assessment}"),
            &coordinator,
        )
        .await;
        let admin = app.sign_in(ADMIN).await;
        let audit = app
            .ok(
                "audit_log",
                "query[action]=nonconformity_closed&query[actor]=&query[object]=&query[page]=0",
                &admin,
            )
            .await;
        assert!(audit.to_string().contains(&id), "{backend}: {audit}");
    }
}
