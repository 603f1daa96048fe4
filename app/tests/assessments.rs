//! Self-assessments through the server functions, on both backends:
//! starting, assigning, saving with versions, evidence, submitting.

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc, evidence_upload, TestApp};
use serde_json::Value;

const COORDINATOR: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Starts an inclusion-quality self-assessment at Riverside as its coordinator.
async fn start(app: &TestApp, coordinator: &str) -> (String, Value) {
    let riverside = app.demo_school(0).await;
    let reply = app
        .call(
            "start_assessment",
            &format!("school={riverside}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school"),
            Some(coordinator),
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{}: {}",
        app.backend,
        reply.body
    );
    let id: String = serde_json::from_str(&reply.body).unwrap();
    let view = app
        .call("assessment", &format!("id={id}"), Some(coordinator))
        .await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    (id, json(&view.body))
}

fn save_body(id: &str, indicator: &str, level: &str, narrative: &str, base: u32) -> String {
    format!(
        "assessment={id}&indicator={indicator}&level={level}&narrative={}&base_version={base}",
        enc(narrative)
    )
}

fn account_of(view: &Value, name: &str) -> String {
    view["assignable"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("{name} is assignable: {view}"))["account"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_teacher_edits_only_the_element_assigned_to_them() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let teacher = app.sign_in(TEACHER).await;
        let (id, view) = start(&app, &coordinator).await;
        let elements = view["framework"]["elements"].as_array().unwrap();
        let first = elements[0]["id"].as_str().unwrap();
        let first_indicator = elements[0]["indicators"][0]["id"].as_str().unwrap();
        let second_indicator = elements[1]["indicators"][0]["id"].as_str().unwrap();
        let tara = account_of(&view, "Tara Teacher");

        // Not assigned yet: the teacher may look but not change anything.
        let refused = app
            .call(
                "save_response",
                &save_body(&id, first_indicator, "emerging", "", 0),
                Some(&teacher),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{backend}: {}",
            refused.body
        );

        let assigned = app
            .call(
                "assign_element",
                &format!("assessment={id}&element={first}&account={tara}"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(
            assigned.status,
            StatusCode::OK,
            "{backend}: {}",
            assigned.body
        );
        let teacher_view = json(
            &app.call("assessment", &format!("id={id}"), Some(&teacher))
                .await
                .body,
        );
        assert_eq!(
            teacher_view["editable"],
            serde_json::json!([first]),
            "{backend}"
        );
        assert_eq!(teacher_view["may_submit"], false);

        let saved = app
            .call(
                "save_response",
                &save_body(&id, first_indicator, "established", "We meet weekly.", 0),
                Some(&teacher),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{backend}: {}", saved.body);
        assert_eq!(json(&saved.body)["version"], 1);
        let other = app
            .call(
                "save_response",
                &save_body(&id, second_indicator, "emerging", "", 0),
                Some(&teacher),
            )
            .await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
        // The coordinator leads: every element.
        let led = app
            .call(
                "save_response",
                &save_body(&id, second_indicator, "emerging", "", 0),
                Some(&coordinator),
            )
            .await;
        assert_eq!(led.status, StatusCode::OK, "{}", led.body);
        // Only the school's teachers and coordinators can be assigned.
        let stranger = app
            .call(
                "assign_element",
                &format!(
                    "assessment={id}&element={first}&account=00000000-0000-4000-8000-000000000000"
                ),
                Some(&coordinator),
            )
            .await;
        assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
        let by_teacher = app
            .call(
                "assign_element",
                &format!("assessment={id}&element={first}&account="),
                Some(&teacher),
            )
            .await;
        assert_eq!(by_teacher.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_stale_save_is_refused_with_the_current_answer_and_changes_nothing() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let (id, view) = start(&app, &coordinator).await;
        let indicator = view["framework"]["elements"][0]["indicators"][0]["id"]
            .as_str()
            .unwrap();
        let first = app
            .call(
                "save_response",
                &save_body(&id, indicator, "embedded", "First teacher's words.", 0),
                Some(&coordinator),
            )
            .await;
        assert_eq!(first.status, StatusCode::OK);
        // A second editor who loaded the page before that save.
        let second = app
            .call(
                "save_response",
                &save_body(&id, indicator, "emerging", "Second teacher's words.", 0),
                Some(&coordinator),
            )
            .await;
        assert_eq!(
            second.status,
            StatusCode::CONFLICT,
            "{backend}: {}",
            second.body
        );
        let conflict = json(&second.body);
        assert_eq!(
            conflict["StaleResponse"]["current"]["narrative"],
            "First teacher's words."
        );
        assert_eq!(conflict["StaleResponse"]["current"]["version"], 1);
        let stored = json(
            &app.call("assessment", &format!("id={id}"), Some(&coordinator))
                .await
                .body,
        );
        assert_eq!(
            stored["responses"][0]["level"], "embedded",
            "{backend}: nothing overwritten"
        );
        // Choosing to keep theirs... or mine: saving against version 1 works.
        let resolved = app
            .call(
                "save_response",
                &save_body(&id, indicator, "emerging", "Second teacher's words.", 1),
                Some(&coordinator),
            )
            .await;
        assert_eq!(resolved.status, StatusCode::OK);
        assert_eq!(json(&resolved.body)["version"], 2);
        // Bad input: an unknown level, an unknown indicator, an over-long narrative.
        for body in [
            save_body(&id, indicator, "superb", "", 2),
            save_body(&id, "no-such-indicator", "emerging", "", 0),
            save_body(&id, indicator, "emerging", &"x".repeat(10_001), 2),
        ] {
            let reply = app.call("save_response", &body, Some(&coordinator)).await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {}",
                &reply.body[..reply.body.len().min(200)]
            );
        }
    }
}

#[tokio::test]
async fn submitting_needs_every_rating_and_required_evidence_then_closes_the_assessment() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let (id, view) = start(&app, &coordinator).await;
        let refused = app
            .call(
                "submit_assessment",
                &format!("assessment={id}"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert!(refused.body.contains("NotReady"));
        let mut needs_evidence = Vec::new();
        for element in view["framework"]["elements"].as_array().unwrap() {
            for indicator in element["indicators"].as_array().unwrap() {
                let indicator_id = indicator["id"].as_str().unwrap();
                let reply = app
                    .call(
                        "save_response",
                        &save_body(&id, indicator_id, "established", "", 0),
                        Some(&coordinator),
                    )
                    .await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
                if indicator["evidence_required"] == true {
                    needs_evidence.push(indicator_id.to_owned());
                }
            }
        }
        assert!(
            !needs_evidence.is_empty(),
            "the framework asks for some evidence"
        );
        let still = app
            .call(
                "submit_assessment",
                &format!("assessment={id}"),
                Some(&coordinator),
            )
            .await;
        let missing = json(&still.body)["NotReady"]["missing"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(
            missing,
            needs_evidence.len(),
            "{backend}: only evidence is missing now"
        );
        // Bad evidence is refused with its problems.
        let bad = app
            .call(
                "add_evidence",
                &format!(
                    "assessment={id}&indicator={}&title=&link=javascript%3Aalert(1)&note=",
                    needs_evidence[0]
                ),
                Some(&coordinator),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("title_missing") && bad.body.contains("bad_link"),
            "{}",
            bad.body
        );
        for indicator in &needs_evidence {
            let reply = app
                .call(
                    "add_evidence",
                    &format!("assessment={id}&indicator={indicator}&title=Minutes&link=&note=Minutes+of+the+inclusion+meeting"),
                    Some(&coordinator),
                )
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }
        // A teacher cannot submit; the coordinator can.
        let teacher = app.sign_in(TEACHER).await;
        let by_teacher = app
            .call(
                "submit_assessment",
                &format!("assessment={id}"),
                Some(&teacher),
            )
            .await;
        assert_eq!(by_teacher.status, StatusCode::FORBIDDEN);
        let submitted = app
            .call(
                "submit_assessment",
                &format!("assessment={id}"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(
            submitted.status,
            StatusCode::OK,
            "{backend}: {}",
            submitted.body
        );
        let closed = app
            .call(
                "save_response",
                &save_body(&id, &needs_evidence[0], "embedded", "", 1),
                Some(&coordinator),
            )
            .await;
        assert_eq!(closed.status, StatusCode::CONFLICT);
        assert!(closed.body.contains("AssessmentClosed"), "{}", closed.body);
        let again = app
            .call(
                "submit_assessment",
                &format!("assessment={id}"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let log = app
            .store
            .audit_log(&app::model::AuditQuery {
                object: id.clone(),
                ..Default::default()
            })
            .await
            .unwrap();
        let actions: Vec<&str> = log.events.iter().map(|e| e.action.as_str()).collect();
        for expected in [
            "assessment_started",
            "response_saved",
            "evidence_added",
            "assessment_submitted",
        ] {
            assert!(
                actions.contains(&expected),
                "{backend}: {expected} in {actions:?}"
            );
        }
    }
}

#[tokio::test]
async fn another_school_cannot_see_the_assessment_and_an_assigned_assessor_can_only_read() {
    for app in apps().await {
        let coordinator = app.sign_in(COORDINATOR).await;
        let (id, view) = start(&app, &coordinator).await;
        let indicator = view["framework"]["elements"][0]["indicators"][0]["id"]
            .as_str()
            .unwrap();
        let hillcrest = app.sign_in("hillcrest@demo.equimark.test").await;
        let hidden = app
            .call("assessment", &format!("id={id}"), Some(&hillcrest))
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", app.backend);
        let hidden_save = app
            .call(
                "save_response",
                &save_body(&id, indicator, "emerging", "", 0),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(hidden_save.status, StatusCode::NOT_FOUND);
        let assessor = app.sign_in(ASSESSOR).await;
        let read = app
            .call("assessment", &format!("id={id}"), Some(&assessor))
            .await;
        assert_eq!(read.status, StatusCode::OK);
        assert_eq!(json(&read.body)["editable"], serde_json::json!([]));
        let write = app
            .call(
                "save_response",
                &save_body(&id, indicator, "emerging", "", 0),
                Some(&assessor),
            )
            .await;
        assert_eq!(write.status, StatusCode::FORBIDDEN);
        let anonymous = app.call("assessment", &format!("id={id}"), None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn evidence_files_are_checked_by_content_and_downloaded_only_by_the_school() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let (id, view) = start(&app, &coordinator).await;
        let indicator = view["framework"]["elements"][0]["indicators"][0]["id"]
            .as_str()
            .unwrap();
        let pdf = b"%PDF-1.7\nInclusion policy\n%%EOF\n";
        let reply = app
            .send(evidence_upload(
                &id,
                indicator,
                "policy.pdf",
                pdf,
                &coordinator,
            ))
            .await;
        assert!(reply.status.is_redirection(), "{backend}: {}", reply.status);
        let location = reply.headers[axum::http::header::LOCATION]
            .to_str()
            .unwrap();
        assert!(!location.contains("upload_problem"), "{location}");
        // A program renamed to .pdf is refused, and nothing is added.
        let fake = app
            .send(evidence_upload(
                &id,
                indicator,
                "policy.pdf",
                b"MZ\x90\x00program",
                &coordinator,
            ))
            .await;
        let location = fake.headers[axum::http::header::LOCATION].to_str().unwrap();
        assert!(
            location.contains("upload_problem=unknown_type"),
            "{location}"
        );
        let view = json(
            &app.call("assessment", &format!("id={id}"), Some(&coordinator))
                .await
                .body,
        );
        let items = view["evidence"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{backend}");
        assert_eq!(items[0]["kind"], "file");
        assert_eq!(items[0]["title"], "policy.pdf");
        let evidence = items[0]["id"].as_str().unwrap();
        // The school downloads it; another school and anonymous people do not.
        let download = app
            .get(&format!("/evidence/{evidence}/file"), Some(&coordinator))
            .await;
        assert_eq!(download.status, StatusCode::OK);
        assert_eq!(download.body.as_bytes(), pdf);
        assert_eq!(
            download.headers[axum::http::header::CONTENT_TYPE],
            "application/pdf"
        );
        // Only images open in the browser; a PDF downloads (its viewer does
        // not run in the sandbox stored files are sent in).
        assert!(download.headers[axum::http::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment"));
        let hillcrest = app.sign_in("hillcrest@demo.equimark.test").await;
        assert_eq!(
            app.get(&format!("/evidence/{evidence}/file"), Some(&hillcrest))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&format!("/evidence/{evidence}/file"), None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        // A teacher without the element cannot upload to it.
        let teacher = app.sign_in(TEACHER).await;
        let refused = app
            .send(evidence_upload(&id, indicator, "x.pdf", pdf, &teacher))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_people_saving_at_once_all_get_saved() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let (id, view) = start(&app, &coordinator).await;
        let indicators: Vec<String> = view["framework"]["elements"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["indicators"].as_array().cloned().unwrap())
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect();
        let app = std::sync::Arc::new(app);
        let mut tasks = Vec::new();
        for indicator in indicators.clone() {
            let (app, id, cookie) = (app.clone(), id.clone(), coordinator.clone());
            tasks.push(tokio::spawn(async move {
                let mut statuses = Vec::new();
                for (version, level) in ["emerging", "established", "embedded"]
                    .into_iter()
                    .enumerate()
                {
                    let body = save_body(&id, &indicator, level, "", version as u32);
                    statuses.push(app.call("save_response", &body, Some(&cookie)).await.status);
                }
                statuses
            }));
        }
        for task in tasks {
            for status in task.await.unwrap() {
                assert_eq!(
                    status,
                    StatusCode::OK,
                    "{backend}: every concurrent save succeeds"
                );
            }
        }
        let view = json(
            &app.call("assessment", &format!("id={id}"), Some(&coordinator))
                .await
                .body,
        );
        let responses = view["responses"].as_array().unwrap();
        assert_eq!(responses.len(), indicators.len());
        assert!(
            responses
                .iter()
                .all(|r| r["level"] == "embedded" && r["version"] == 3),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_action_plan_checks_its_input_and_carries_open_actions_into_the_next_cycle() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let (first, view) = start(&app, &coordinator).await;
        let indicator = view["framework"]["elements"][0]["indicators"][0]["id"]
            .as_str()
            .unwrap();
        let bad = app
            .call(
                "add_action",
                &format!("assessment={first}&indicator=nope&description=&owner=&due_on=31%2F03%2F2027&success_measure="),
                Some(&coordinator),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        for problem in [
            "unknown_indicator",
            "description_missing",
            "owner_missing",
            "bad_date",
        ] {
            assert!(bad.body.contains(problem), "{problem}: {}", bad.body);
        }
        let mut ids = Vec::new();
        for (description, due) in [
            ("Train+every+teacher", "2020-01-31"),
            ("Publish+the+policy", ""),
        ] {
            let added = app
                .call(
                    "add_action",
                    &format!("assessment={first}&indicator={indicator}&description={description}&owner=Cora&due_on={due}&success_measure=All+staff"),
                    Some(&coordinator),
                )
                .await;
            assert_eq!(added.status, StatusCode::OK, "{backend}: {}", added.body);
            ids.push(json(&added.body)["id"].as_str().unwrap().to_owned());
        }
        let teacher = app.sign_in(TEACHER).await;
        let by_teacher = app
            .call(
                "update_action",
                &format!(
                    "assessment={first}&action={}&status=done&progress=&version=1",
                    ids[1]
                ),
                Some(&teacher),
            )
            .await;
        assert_eq!(by_teacher.status, StatusCode::FORBIDDEN);
        let done = app
            .call(
                "update_action",
                &format!("assessment={first}&action={}&status=done&progress=Published+on+the+website&version=1", ids[1]),
                Some(&coordinator),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let stale = app
            .call(
                "update_action",
                &format!(
                    "assessment={first}&action={}&status=planned&progress=&version=1",
                    ids[1]
                ),
                Some(&coordinator),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        // The next cycle shows the open action, not the done one, and
        // compares its scores with the cycle before.
        let (second, second_view) = start(&app, &coordinator).await;
        assert_eq!(second_view["previous"]["id"], first.as_str(), "{backend}");
        assert_eq!(
            second_view["previous"]["elements"]
                .as_array()
                .unwrap()
                .len(),
            8
        );
        let plan = json(
            &app.call(
                "action_plan",
                &format!("assessment={second}"),
                Some(&coordinator),
            )
            .await
            .body,
        );
        let actions = plan[0].as_array().unwrap();
        assert_eq!(actions.len(), 1, "{backend}: {plan}");
        assert_eq!(actions[0]["id"], ids[0].as_str());
        assert_eq!(actions[0]["carried_from"], first.as_str());
        assert_eq!(plan[2], true, "the coordinator manages it");
        // A teacher may read the plan but not manage it.
        let teacher_plan = json(
            &app.call(
                "action_plan",
                &format!("assessment={second}"),
                Some(&teacher),
            )
            .await
            .body,
        );
        assert_eq!(teacher_plan[2], false);
    }
}

/// The wizard's scores and the gap analysis use what Equimark knows about
/// the school, as the assessor's review does: Riverside has held Inclusive
/// School since July 2025 and leads a cluster of two schools with two cards
/// of practice shared, so its gap to Centre of Excellence names only what
/// its cluster work still lacks.
#[tokio::test]
async fn a_school_aiming_higher_is_scored_with_its_own_awards_and_cluster_work() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let riverside = app.demo_school(0).await;
        let reply = app
            .call(
                "start_assessment",
                &format!("school={riverside}&framework=inclusion-quality%402026.3&cycle=annual_review_1&target_award=centre-of-excellence"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        let id: String = serde_json::from_str(&reply.body).unwrap();
        let view = app
            .ok("assessment", &format!("id={id}"), &coordinator)
            .await;
        let context = &view["context"];
        assert_eq!(
            context["held"][0]["award"], "inclusive-school",
            "{backend}: {context}"
        );
        assert_eq!(
            context["held"][0]["consecutive_years"], 1,
            "{backend}: {context}"
        );
        assert_eq!(context["cluster_member"], true, "{backend}");
        assert_eq!(context["leads_cluster"], true, "{backend}");
        assert_eq!(context["largest_cluster"], 2, "{backend}");
        assert_eq!(context["shared_cards"], 2, "{backend}");
        assert_eq!(context["research_activity"], true, "{backend}");
        assert_eq!(context["published_cards"], 1, "{backend}: {context}");
        assert_eq!(
            context["annual_visit"],
            serde_json::Value::Null,
            "{backend}: before its review the visit is still to come: {context}"
        );

        let page = app
            .get(&format!("/assessments/{id}/gaps"), Some(&coordinator))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let text = page.body.replace("<!>", "");
        assert!(
            !text.contains("Inclusive School held for 0 consecutive years"),
            "{backend}: the award Riverside holds counts"
        );
        assert!(
            text.contains("Your largest cluster has 2 schools; 3 needed"),
            "{backend}: the gap names the cluster work still lacking: {text}"
        );
    }
}

/// An annual review starts from the last cycle: Hillcrest's submitted
/// self-assessment's answers, narratives and evidence come across, each
/// marked with its year; submitting waits until every carried answer is
/// confirmed or changed, and saving one confirms it.
#[tokio::test]
async fn an_annual_review_starts_from_last_years_answers() {
    for app in apps().await {
        let backend = app.backend;
        let hillcrest = app.sign_in("hillcrest@demo.equimark.test").await;
        let school = app.demo_school(1).await;
        let reply = app
            .call(
                "start_assessment",
                &format!("school={school}&framework=inclusion-quality%402026.3&cycle=annual_review_1&target_award=inclusive-school"),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        let id: String = serde_json::from_str(&reply.body).unwrap();
        let view = app.ok("assessment", &format!("id={id}"), &hillcrest).await;
        let responses = view["responses"].as_array().unwrap();
        let total = view["framework"]["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["indicators"].as_array().unwrap().len())
            .sum::<usize>();
        assert_eq!(responses.len(), total, "{backend}: every answer carried");
        let year = chrono::Utc::now().format("%Y").to_string();
        assert!(
            responses.iter().all(|r| r["carried_from"] == year.as_str()
                && !r["level"].is_null()
                && r["version"] == 1),
            "{backend}: {responses:?}"
        );
        let evidence = view["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{backend}: evidence carried");
        assert!(
            evidence.iter().all(|e| e["carried_from"] == year.as_str()),
            "{backend}"
        );

        // Submitting names every carried answer still to confirm.
        let refused = app
            .call(
                "submit_assessment",
                &format!("assessment={id}"),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        let unconfirmed = refused.body.matches("Unconfirmed").count();
        assert_eq!(unconfirmed, total, "{backend}: {}", refused.body);

        // Saving the first answer unchanged confirms it.
        let first = &responses[0];
        let saved = app
            .ok(
                "save_response",
                &save_body(
                    &id,
                    first["indicator"].as_str().unwrap(),
                    first["level"].as_str().unwrap(),
                    first["narrative"].as_str().unwrap(),
                    1,
                ),
                &hillcrest,
            )
            .await;
        assert!(saved["carried_from"].is_null(), "{backend}: {saved}");
        let refused = app
            .call(
                "submit_assessment",
                &format!("assessment={id}"),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(
            refused.body.matches("Unconfirmed").count(),
            total - 1,
            "{backend}"
        );
    }
}
