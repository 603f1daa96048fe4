//! The physical accessibility walk of a UNESCO-style self-assessment, on
//! both backends: the checklist, a barrier's fix going into the action
//! plan and kept in step, a stale or bad save refused with nothing
//! changed, a photo kept as evidence for the buildings indicator (and a
//! document refused as a photo), who may read and record it, the audit,
//! and the page in Chinese.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::web::{apps, evidence_upload_with, TestApp};

const COORDINATOR: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";
const INDICATOR: &str = "structures-physical-access";

/// A small blue picture: 8 by 8 pixels.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x08, 0x08, 0x02, 0x00, 0x00, 0x00, 0x4b, 0x6d, 0x29,
    0xdc, 0x00, 0x00, 0x00, 0x11, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x50, 0x48, 0x58, 0x80,
    0x15, 0x31, 0x0c, 0x2d, 0x09, 0x00, 0x02, 0x6c, 0x48, 0x01, 0xb2, 0xdc, 0x6d, 0x82, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Riverside's self-assessment against the UNESCO-style framework.
async fn start_walk(app: &TestApp, coordinator: &str) -> String {
    let riverside = app.demo_school(0).await;
    app.start_unesco_assessment(&riverside, coordinator).await
}

/// The walk's photo form, as a browser posts it.
fn photo_upload(
    assessment: &str,
    check: &str,
    name: &str,
    bytes: &[u8],
    cookie: &str,
) -> Request<Body> {
    let fields = [
        ("indicator", INDICATOR),
        ("check", check),
        ("title", "Photo: ramp"),
    ];
    evidence_upload_with(assessment, &fields, (name, bytes), cookie)
}

/// The actions of the plan against the walk's indicator.
async fn planned(app: &TestApp, assessment: &str, cookie: &str) -> Vec<serde_json::Value> {
    let plan = app
        .ok("action_plan", &format!("assessment={assessment}"), cookie)
        .await;
    plan[0]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["indicator"] == INDICATOR)
        .cloned()
        .collect()
}

fn check<'a>(walk: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    walk["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

#[tokio::test]
async fn a_barriers_fix_goes_into_the_plan_and_stays_in_step() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let id = start_walk(&app, &coordinator).await;
        let walk = app
            .ok(
                "accessibility_walk",
                &format!("assessment={id}"),
                &coordinator,
            )
            .await;
        assert_eq!(walk["checks"].as_array().unwrap().len(), 12, "{backend}");
        assert_eq!(
            (walk["done"].as_u64(), walk["barriers"].as_u64()),
            (Some(0), Some(0))
        );
        assert_eq!(walk["may_edit"], true, "{backend}");

        let record = |version: i32, fix: &str| {
            format!(
                "assessment={id}&item=entrance-step-free&base_version={version}&finding=not_met\
                 &note=Two+steps+at+the+main+door&fix={fix}&owner=Site+manager&due_on=2027-03-31"
            )
        };
        app.ok(
            "record_accessibility_check",
            &record(0, "Build+a+ramp"),
            &coordinator,
        )
        .await;
        let actions = planned(&app, &id, &coordinator).await;
        assert_eq!(actions.len(), 1, "{backend}: {actions:?}");
        assert_eq!(actions[0]["description"], "Build a ramp", "{backend}");
        assert_eq!(actions[0]["owner"], "Site manager", "{backend}");
        assert_eq!(actions[0]["due_on"], "2027-03-31", "{backend}");

        let walk = app
            .ok(
                "accessibility_walk",
                &format!("assessment={id}"),
                &coordinator,
            )
            .await;
        let ramp = check(&walk, "entrance-step-free");
        assert_eq!(ramp["record"]["finding"], "not_met", "{backend}");
        assert_eq!(ramp["in_plan"], true, "{backend}");
        assert_eq!(
            (walk["done"].as_u64(), walk["barriers"].as_u64()),
            (Some(1), Some(1))
        );

        // A second save rewrites the plan's action rather than adding one.
        app.ok(
            "record_accessibility_check",
            &record(1, "Build+a+ramp+with+handrails"),
            &coordinator,
        )
        .await;
        let actions = planned(&app, &id, &coordinator).await;
        assert_eq!(actions.len(), 1, "{backend}: {actions:?}");
        assert_eq!(
            actions[0]["description"], "Build a ramp with handrails",
            "{backend}"
        );

        // A save based on the old version is refused and changes nothing.
        let stale = app
            .call(
                "record_accessibility_check",
                &record(1, "Something+else"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(
            stale.status,
            StatusCode::CONFLICT,
            "{backend}: {}",
            stale.body
        );
        let walk = app
            .ok(
                "accessibility_walk",
                &format!("assessment={id}"),
                &coordinator,
            )
            .await;
        assert_eq!(
            check(&walk, "entrance-step-free")["record"]["fix"],
            "Build a ramp with handrails",
            "{backend}"
        );
        assert!(
            app.audited("accessibility_check_recorded", &id).await,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_bad_check_is_refused_with_its_reason() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let id = start_walk(&app, &coordinator).await;
        for (body, reason) in [
            ("item=routes-level&finding=broken", "unknown_finding"),
            (
                "item=routes-level&finding=partly&fix=Add+a+lift",
                "owner_missing",
            ),
            (
                "item=routes-level&finding=partly&due_on=31%2F03%2F2027",
                "bad_date",
            ),
        ] {
            let reply = app
                .call(
                    "record_accessibility_check",
                    &format!("assessment={id}&base_version=0&{body}"),
                    Some(&coordinator),
                )
                .await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {body}"
            );
            assert!(reply.body.contains(reason), "{backend}: {}", reply.body);
        }
        let unknown = app
            .call(
                "record_accessibility_check",
                &format!("assessment={id}&base_version=0&item=swimming-pool&finding=meets"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(
            unknown.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        let walk = app
            .ok(
                "accessibility_walk",
                &format!("assessment={id}"),
                &coordinator,
            )
            .await;
        assert_eq!(walk["done"], 0, "{backend}: nothing kept");
    }
}

#[tokio::test]
async fn a_photo_is_kept_as_evidence_for_the_buildings_indicator() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let id = start_walk(&app, &coordinator).await;
        let reply = app
            .send(photo_upload(
                &id,
                "toilets-accessible",
                "toilet.png",
                PNG,
                &coordinator,
            ))
            .await;
        assert!(reply.status.is_redirection(), "{backend}: {}", reply.status);
        assert_eq!(
            reply.headers[header::LOCATION],
            format!("/assessments/{id}/accessibility#check-toilets-accessible"),
            "{backend}"
        );
        let walk = app
            .ok(
                "accessibility_walk",
                &format!("assessment={id}"),
                &coordinator,
            )
            .await;
        let photo = &check(&walk, "toilets-accessible")["photo"];
        assert_eq!(photo["name"], "toilet.png", "{backend}: {walk}");
        let view = app
            .ok("assessment", &format!("id={id}"), &coordinator)
            .await;
        let evidence = view["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == photo["evidence"])
            .expect("the photo is evidence");
        assert_eq!(
            evidence["indicators"],
            serde_json::json!([INDICATOR]),
            "{backend}"
        );
        let file = app
            .get(
                &format!("/evidence/{}/file", photo["evidence"].as_str().unwrap()),
                Some(&coordinator),
            )
            .await;
        assert_eq!(file.status, StatusCode::OK, "{backend}");
        assert_eq!(file.bytes, PNG, "{backend}");

        // A document is evidence elsewhere, but not a photo of a check.
        let reply = app
            .send(photo_upload(
                &id,
                "signage-clear",
                "plan.pdf",
                b"%PDF-1.7 a plan",
                &coordinator,
            ))
            .await;
        assert_eq!(
            reply.headers[header::LOCATION],
            format!(
                "/assessments/{id}/accessibility?upload_problem=not_a_photo&for=signage-clear#check-signage-clear"
            ),
            "{backend}"
        );
        // A check that is not on the list is refused.
        let reply = app
            .send(photo_upload(
                &id,
                "swimming-pool",
                "pool.png",
                PNG,
                &coordinator,
            ))
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let walk = app
            .ok(
                "accessibility_walk",
                &format!("assessment={id}"),
                &coordinator,
            )
            .await;
        assert!(
            check(&walk, "signage-clear")["photo"].is_null(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn staff_and_assessors_read_the_walk_and_only_its_editors_record_it() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let id = start_walk(&app, &coordinator).await;
        let body = format!("assessment={id}&item=exits-alarms&base_version=0&finding=meets");
        // The teacher is not assigned the structures element.
        let teacher = app.sign_in(TEACHER).await;
        let walk = app
            .ok("accessibility_walk", &format!("assessment={id}"), &teacher)
            .await;
        assert_eq!(walk["may_edit"], false, "{backend}");
        assert_eq!(
            app.status("record_accessibility_check", &body, &teacher)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        let zhou = app.sign_in("zhou@demo.equimark.test").await;
        assert_eq!(
            app.status("accessibility_walk", &format!("assessment={id}"), &zhou)
                .await,
            StatusCode::NOT_FOUND,
            "{backend}: another school's"
        );
        // Another framework's self-assessment has no walk.
        let riverside = app.demo_school(0).await;
        let iso = app.start_iso_assessment(&riverside, &coordinator).await;
        assert_eq!(
            app.status(
                "accessibility_walk",
                &format!("assessment={iso}"),
                &coordinator
            )
            .await,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        // The school's assessor reads it, and records nothing.
        let assessor = app.sign_in(ASSESSOR).await;
        app.ok("accessibility_walk", &format!("assessment={id}"), &assessor)
            .await;
        assert_eq!(
            app.status("record_accessibility_check", &body, &assessor)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );

        // The page, in Chinese.
        let page = app
            .get(
                &format!("/assessments/{id}/accessibility"),
                Some(&format!("{coordinator}; i18n_pref_locale=zh")),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let html = page.body.replace("<!>", "");
        assert!(html.contains("<h1>无障碍实地检查</h1>"), "{backend}");
        assert!(html.contains("出入口"), "{backend}");
        assert!(html.contains("主出入口无台阶"), "{backend}");
    }
}
