//! Internal audits, through the server functions on both backends: the
//! programme, a plan refused when an auditor would audit their own work or
//! the scope is empty, findings only by the audit's auditors and only in
//! its scope, a non-conformity found going into the register, a stale or
//! repeated closing refused, and the closed ISO 21001 audit linked as
//! evidence for the clause on internal audit.

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc};

const RIVERSIDE: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";

#[tokio::test]
async fn auditors_record_findings_in_scope_and_close_the_audit() {
    for app in apps().await {
        let backend = app.backend;
        let school = app.demo_school(0).await;
        let coordinator = app.sign_in(RIVERSIDE).await;
        let programme = app
            .ok("internal_audits", &format!("school={school}"), &coordinator)
            .await;
        // The demo's audit of this year is done; its minor finding is open in the register.
        assert_eq!(programme["counts"]["done"], 1, "{backend}: {programme}");
        assert_eq!(programme["may_plan"], true, "{backend}");
        let staff = programme["staff"].as_array().unwrap();
        let account = |name: &str| {
            staff
                .iter()
                .find(|m| m["name"] == name)
                .map(|m| m["account"].as_str().unwrap().to_owned())
                .unwrap_or_else(|| panic!("{backend}: {name} in {programme}"))
        };
        let (tara, cora) = (account("Tara Teacher"), account("Cora Coordinator"));
        let seeded = programme["rows"][0]["audit"]["id"].as_str().unwrap();
        let register = app
            .ok("nonconformities", &format!("school={school}"), &coordinator)
            .await;
        assert!(
            register["rows"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["entry"]["audit"] == seeded),
            "{backend}: {register}"
        );

        // An open ISO 21001 self-assessment, for the closed audit to be evidence in.
        let assessment = app.start_iso_assessment(&school, &coordinator).await;

        let today = chrono::Utc::now().date_naive();
        let (first, last) = (
            today.to_string(),
            (today + chrono::Duration::days(4)).to_string(),
        );
        let plan = |scope: &str, auditors: &[&str], auditee: &str, ends: &str| {
            let auditors: String = auditors
                .iter()
                .enumerate()
                .map(|(i, a)| format!("&auditors%5B{i}%5D={a}"))
                .collect();
            format!(
                "school={school}&framework=iso-21001-gap{scope}{auditors}&auditee={auditee}\
                 &starts_on={first}&ends_on={ends}"
            )
        };
        let scope = "&scope%5B0%5D=performance";
        let hari = "not-a-riverside-account";
        for (body, why) in [
            (plan(scope, &[&tara, &cora], &cora, &last), "own work"),
            (plan("", &[&tara], &cora, &last), "no scope"),
            (
                plan("&scope%5B0%5D=nowhere", &[&tara], &cora, &last),
                "unknown element",
            ),
            (plan(scope, &[hari], &cora, &last), "not staff"),
            (
                plan(scope, &[&tara], &cora, "2000-01-01"),
                "ends before it starts",
            ),
            (plan(scope, &[&tara], &cora, "next week"), "not a day"),
        ] {
            assert_eq!(
                app.status("plan_internal_audit", &body, &coordinator).await,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {why}"
            );
        }
        let good = plan(scope, &[&tara], &cora, &last);
        let teacher = app.sign_in(TEACHER).await;
        assert_eq!(
            app.status("plan_internal_audit", &good, &teacher).await,
            StatusCode::FORBIDDEN,
            "{backend}: a teacher does not plan"
        );
        let hillcrest = app.sign_in(HILLCREST).await;
        assert_eq!(
            app.status("plan_internal_audit", &good, &hillcrest).await,
            StatusCode::NOT_FOUND,
            "{backend}: another school"
        );
        let id: String =
            serde_json::from_value(app.ok("plan_internal_audit", &good, &coordinator).await)
                .unwrap();
        let programme = app
            .ok("internal_audits", &format!("school={school}"), &teacher)
            .await;
        assert_eq!(
            programme["counts"]["under_way"], 1,
            "{backend}: {programme}"
        );
        assert_eq!(programme["may_plan"], false, "{backend}");
        assert_eq!(programme["staff"], serde_json::json!([]), "{backend}");

        // Findings: only by its auditor, only in its scope, saying what was examined.
        let finding = |indicator: &str, kind: &str, evidence: &str| {
            format!(
                "audit={id}&indicator={indicator}&kind={kind}&statement={}&evidence={}",
                enc("Satisfaction surveys are not analysed for learners with SEND."),
                enc(evidence)
            )
        };
        let examined = "Survey results 2026; asked the SENCO";
        assert_eq!(
            app.status(
                "record_audit_finding",
                &finding("performance-satisfaction", "minor", examined),
                &coordinator
            )
            .await,
            StatusCode::FORBIDDEN,
            "{backend}: the auditee is not an auditor"
        );
        for body in [
            finding("leadership-policy", "minor", examined),
            finding("performance-satisfaction", "minor", " "),
            finding("performance-satisfaction", "grave", examined),
        ] {
            assert_eq!(
                app.status("record_audit_finding", &body, &teacher).await,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {body}"
            );
        }
        let conformity = app
            .ok(
                "record_audit_finding",
                &finding("performance-monitoring", "conformity", examined),
                &teacher,
            )
            .await;
        assert!(conformity.is_null(), "{backend}: no register entry");
        let raised: String = serde_json::from_value(
            app.ok(
                "record_audit_finding",
                &finding("performance-satisfaction", "minor", examined),
                &teacher,
            )
            .await,
        )
        .unwrap();
        let register = app
            .ok("nonconformities", &format!("school={school}"), &teacher)
            .await;
        let entry = register["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["entry"])
            .find(|e| e["id"] == raised.as_str())
            .unwrap_or_else(|| panic!("{backend}: {register}"));
        assert_eq!(entry["source"], "internal_audit", "{backend}");
        assert_eq!(entry["severity"], "minor", "{backend}");
        assert_eq!(entry["audit"], id.as_str(), "{backend}");

        // Closing: from a page read before the last finding is stale; a
        // summary is needed; once closed it takes nothing more.
        let close = |version: i32, summary: &str| {
            format!("audit={id}&base_version={version}&summary={}", enc(summary))
        };
        let summary = "Monitoring is sound; satisfaction results must be analysed by group.";
        assert_eq!(
            app.status("close_internal_audit", &close(2, summary), &teacher)
                .await,
            StatusCode::CONFLICT,
            "{backend}: stale"
        );
        assert_eq!(
            app.status("close_internal_audit", &close(3, " "), &teacher)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: no summary"
        );
        assert_eq!(
            app.status("close_internal_audit", &close(3, summary), &coordinator)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}: not an auditor"
        );
        app.ok("close_internal_audit", &close(3, summary), &teacher)
            .await;
        assert_eq!(
            app.status("close_internal_audit", &close(4, summary), &teacher)
                .await,
            StatusCode::CONFLICT,
            "{backend}: closed once"
        );
        assert_eq!(
            app.status(
                "record_audit_finding",
                &finding("performance-monitoring", "observation", examined),
                &teacher
            )
            .await,
            StatusCode::CONFLICT,
            "{backend}: no findings after closing"
        );

        // The assessor reviewing the school reads it, and may not record.
        let assessor = app.sign_in(ASSESSOR).await;
        let view = app
            .ok("internal_audit", &format!("id={id}"), &assessor)
            .await;
        assert_eq!(view["standing"], "done", "{backend}");
        assert_eq!(view["audit"]["summary"], summary, "{backend}");
        assert_eq!(
            view["audit"]["findings"].as_array().unwrap().len(),
            2,
            "{backend}"
        );
        assert_eq!(view["may_record"], false, "{backend}");
        assert_eq!(
            app.status("internal_audit", &format!("id={id}"), &hillcrest)
                .await,
            StatusCode::NOT_FOUND,
            "{backend}"
        );

        // The ISO clause on internal audit has the report as evidence.
        let suffix = format!("/internal-audits/{id}");
        let linked = app
            .linked_evidence(&assessment, &coordinator, |l| l.ends_with(&suffix))
            .await;
        assert_eq!(linked.len(), 1, "{backend}: {linked:?}");
        assert_eq!(
            linked[0]["indicators"][0], "performance-internal-audit",
            "{backend}"
        );

        // Each step is audited.
        for action in [
            "internal_audit_planned",
            "audit_finding_recorded",
            "internal_audit_closed",
        ] {
            assert!(app.audited(action, &id).await, "{backend}: {action}");
        }
    }
}
