//! The review of a submitted self-assessment through the server functions,
//! on both backends: assignment (with conflicts of interest), validated
//! ratings, a request for more evidence and the resubmission, moderation,
//! sign-off, the public certificate, and the calendar. Each step is also
//! tried by the people who must not take it.

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc, json, post_form, TestApp};
use sea_orm::ConnectionTrait;
use serde_json::Value;

const ADMIN: &str = "admin@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";
const MODERATOR: &str = "moderator@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";

async fn refused(app: &TestApp, endpoint: &str, body: &str, cookie: &str, why: &str) {
    let reply = app.call(endpoint, body, Some(cookie)).await;
    assert!(
        matches!(reply.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}: {endpoint} {why}: {} {}",
        app.backend,
        reply.status,
        reply.body
    );
}

fn account(queue: &Value, name: &str) -> String {
    queue["assessors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("{name} is an assessor: {queue}"))["account"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_submitted_self_assessment_is_reviewed_moderated_and_signed_off() {
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let assessor = app.sign_in(ASSESSOR).await;
        let moderator = app.sign_in(MODERATOR).await;
        let hillcrest = app.sign_in(HILLCREST).await;
        let teacher = app.sign_in(TEACHER).await;

        // The demo's Hillcrest self-assessment waits for an assessor.
        let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
        let waiting = queue["awaiting"].as_array().unwrap();
        assert_eq!(waiting.len(), 1, "{backend}: {queue}");
        let assessment = waiting[0]["assessment"].as_str().unwrap().to_owned();
        let lead = account(&queue, "Asha Assessor");
        let second = account(&queue, "Mo Moderator");
        let assign =
            format!("assessment={assessment}&lead={lead}&second={second}&due_on=2030-01-31");
        for who in [&assessor, &hillcrest, &teacher] {
            refused(&app, "assign_review", &assign, who, "by a non-admin").await;
        }
        refused(
            &app,
            "review_queue",
            "sort=due&status=",
            &teacher,
            "for a teacher",
        )
        .await;

        // Someone who works at Hillcrest may not review it.
        app.store
            .db
            .execute_unprepared(
                "INSERT INTO membership (account_id, role, school_id, network_id, created_at) \
                 SELECT id, 'assessor', NULL, NULL, CURRENT_TIMESTAMP FROM account \
                 WHERE email = 'hillcrest@demo.equimark.test'",
            )
            .await
            .unwrap();
        let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
        let insider = account(&queue, "Hari Hillcrest");
        let conflicted = app
            .call(
                "assign_review",
                &format!("assessment={assessment}&lead={insider}&second=&due_on=2030-01-31"),
                Some(&admin),
            )
            .await;
        assert_eq!(
            conflicted.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert!(
            conflicted.body.contains("MemberOfSchool"),
            "{}",
            conflicted.body
        );
        // Clusters count too: Riverside and Oak Tree share one.
        let riverside = app.demo_school(0).await;
        let riverside_key = app.store.school(&riverside).await.unwrap().unwrap().key;
        let oak_tree = app.demo_school(2).await;
        let mates = app.store.cluster_schools(riverside_key).await.unwrap();
        assert!(
            mates.contains(&oak_tree) && mates.contains(&riverside),
            "{backend}"
        );

        let review: String =
            serde_json::from_value(app.ok("assign_review", &assign, &admin).await).unwrap();
        let mine = app
            .ok("review_queue", "sort=school&status=in_review", &assessor)
            .await;
        assert_eq!(
            mine["reviews"][0]["id"],
            review.as_str(),
            "{backend}: {mine}"
        );
        assert_eq!(mine["may_assign"], false);

        // Only the lead assessor validates ratings.
        let view = app.ok("review", &format!("id={review}"), &assessor).await;
        assert_eq!(view["part"], "Lead");
        assert_eq!(view["lead"], "Asha Assessor", "{backend}");
        assert_eq!(view["second"], "Mo Moderator", "{backend}");
        assert!(
            view["certificate"].is_null(),
            "{backend}: open, no award yet"
        );
        refused(
            &app,
            "review",
            &format!("id={review}"),
            &hillcrest,
            "by the school",
        )
        .await;
        let indicators: Vec<String> = view["assessment"]["framework"]["elements"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["indicators"].as_array().unwrap().clone())
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect();

        // The school's words come for the element shown only (the first,
        // unless one is named); its levels and evidence counts for all.
        let elements = view["assessment"]["framework"]["elements"]
            .as_array()
            .unwrap();
        let ids_of = |element: &Value| -> Vec<String> {
            element["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
                .collect()
        };
        let narrated = |view: &Value| -> Vec<String> {
            view["answers"]["texts"]["narratives"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n[0].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(narrated(&view), ids_of(&elements[0]), "{backend}");
        assert_eq!(
            view["answers"]["levels"].as_object().unwrap().len(),
            indicators.len(),
            "{backend}: every level"
        );
        for answers in ["responses", "evidence"] {
            let left = view["assessment"][answers].as_array().unwrap();
            assert!(left.is_empty(), "{backend}: {answers} moved out");
        }
        let counted: u64 = view["answers"]["evidence_counts"]
            .as_object()
            .unwrap()
            .values()
            .map(|c| c.as_u64().unwrap())
            .sum();
        let second_element = elements[1]["id"].as_str().unwrap();
        let on_second = app
            .ok(
                "review",
                &format!("id={review}&element={second_element}"),
                &assessor,
            )
            .await;
        assert_eq!(narrated(&on_second), ids_of(&elements[1]), "{backend}");
        let everything = app
            .ok("review", &format!("id={review}&element=all"), &assessor)
            .await;
        assert_eq!(narrated(&everything), indicators, "{backend}");
        let pieces: u64 = everything["answers"]["texts"]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["indicators"].as_array().unwrap().len() as u64)
            .sum();
        assert_eq!(pieces, counted, "{backend}: the counts are of every piece");
        assert!(counted > 0, "{backend}: the demo school attached evidence");
        let rate = |indicator: &str, level: &str| {
            format!(
                "review={review}&indicator={indicator}&level={level}&comment={}",
                enc("Checked against the minutes.")
            )
        };
        for who in [&moderator, &admin, &hillcrest] {
            refused(
                &app,
                "save_review_rating",
                &rate(&indicators[0], "embedded"),
                who,
                "by someone not leading",
            )
            .await;
        }
        // Two levels below the school's "established": moderation follows.
        app.ok(
            "save_review_rating",
            &rate(&indicators[0], "not-yet"),
            &assessor,
        )
        .await;
        for indicator in &indicators[1..] {
            app.ok(
                "save_review_rating",
                &rate(indicator, "established"),
                &assessor,
            )
            .await;
        }

        // The page shows one element at a time (the first unless asked),
        // or every element on one page.
        let elements: Vec<Vec<String>> = view["assessment"]["framework"]["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                e["indicators"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["id"].as_str().unwrap().to_owned())
                    .collect()
            })
            .collect();
        let element_ids: Vec<String> = view["assessment"]["framework"]["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect();
        assert!(elements.len() > 2, "{backend}");
        let shows =
            |body: &str, indicator: &str| body.contains(&format!("id=\"review-{indicator}\""));
        let page = app
            .get(&format!("/reviews/{review}"), Some(&assessor))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(
            elements[0].iter().all(|i| shows(&page.body, i)),
            "{backend}"
        );
        assert!(
            !elements[1..].iter().flatten().any(|i| shows(&page.body, i)),
            "{backend}"
        );
        let second = app
            .get(
                &format!("/reviews/{review}?element={}", element_ids[1]),
                Some(&assessor),
            )
            .await;
        assert!(
            elements[1].iter().all(|i| shows(&second.body, i)),
            "{backend}"
        );
        assert!(
            !elements[0].iter().any(|i| shows(&second.body, i)),
            "{backend}"
        );
        assert!(
            second.body.contains(&format!(
                "href=\"/reviews/{review}?element={}\" aria-describedby=\"rated-{}\" aria-current=\"page\"",
                element_ids[1], element_ids[1]
            )),
            "{backend}: the element shown is the current page"
        );
        let all = app
            .get(&format!("/reviews/{review}?element=all"), Some(&assessor))
            .await;
        assert!(
            elements.iter().flatten().all(|i| shows(&all.body, i)),
            "{backend}"
        );
        let unknown = app
            .get(&format!("/reviews/{review}?element=nope"), Some(&assessor))
            .await;
        assert!(
            elements[0].iter().all(|i| shows(&unknown.body, i)),
            "{backend}"
        );
        // Without JavaScript, a saved rating comes back to its element's page.
        let last = elements.last().unwrap().last().unwrap();
        let posted = app
            .send(post_form(
                "/api/save_review_rating",
                &rate(last, "established"),
                "text/html",
                Some(&assessor),
            ))
            .await;
        assert!(
            posted.status.is_redirection(),
            "{backend}: {}",
            posted.status
        );
        assert_eq!(
            posted.headers[axum::http::header::LOCATION],
            format!(
                "/reviews/{review}?element={}#review-{last}",
                element_ids.last().unwrap()
            )
            .as_str(),
            "{backend}"
        );

        // A request for more evidence returns the self-assessment to the school.
        let ask = format!(
            "review={review}&indicator={}&message={}",
            indicators[1],
            enc("Please add last term's pupil voice survey.")
        );
        app.ok("request_evidence", &ask, &assessor).await;
        assert_eq!(
            app.ok("return_to_school", &format!("review={review}"), &assessor)
                .await,
            1
        );
        let returned = app
            .ok("assessment", &format!("id={assessment}"), &hillcrest)
            .await;
        assert_eq!(returned["status"], "returned");
        assert_eq!(returned["review_status"], "evidence_requested");
        // The school hears of it: in its list and by email, through the outbox.
        let heard = app.ok("notifications", "", &hillcrest).await;
        assert_eq!(
            heard["items"][0]["kind"], "evidence_requested",
            "{backend}: {heard}"
        );
        assert_eq!(
            heard["items"][0]["headline"], "The assessor asks for more evidence: Hillcrest Academy",
            "{backend}"
        );
        assert_eq!(heard["unread"], 1, "{backend}");
        let mail = app.store.outbox(20).await.unwrap();
        assert!(
            mail.iter()
                .any(|m| m.recipient == "hillcrest@demo.equimark.test"
                    && m.subject == "The assessor asks for more evidence: Hillcrest Academy"
                    && m.body.contains(&format!("/assessments/{assessment}"))),
            "{backend}: {mail:?}"
        );
        // Turned off, that kind of email is not sent again; the list still has it.
        app.ok("set_emails", "on[0]=element_assigned", &hillcrest)
            .await;
        let heard = app.ok("notifications", "", &hillcrest).await;
        assert_eq!(
            heard["emails"][1],
            serde_json::json!(["evidence_requested", false]),
            "{backend}"
        );
        app.ok("mark_notifications_read", "", &hillcrest).await;
        assert_eq!(
            app.ok("notifications", "", &hillcrest).await["unread"],
            0,
            "{backend}"
        );
        let request = returned["requests"][0]["id"].as_str().unwrap().to_owned();
        // Not resubmitted before the request is answered.
        let early = app
            .call(
                "submit_assessment",
                &format!("assessment={assessment}"),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(
            early.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: {}",
            early.body
        );
        assert!(early.body.contains("EvidenceRequest"), "{}", early.body);
        let answer = format!(
            "assessment={assessment}&request={request}&answer={}",
            enc("Added the survey summary to this indicator.")
        );
        refused(
            &app,
            "answer_request",
            &answer,
            &teacher,
            "by another school's teacher",
        )
        .await;
        app.ok("answer_request", &answer, &hillcrest).await;
        app.ok(
            "submit_assessment",
            &format!("assessment={assessment}"),
            &hillcrest,
        )
        .await;
        let resumed = app.ok("review", &format!("id={review}"), &assessor).await;
        assert_eq!(resumed["status"], "in_review");
        assert!(resumed["requests"][0]["answer"]
            .as_str()
            .unwrap()
            .contains("survey"));

        // The visit.
        let visit = format!(
            "review={review}&visited_on=2026-11-20&people_met={}&classrooms={}&notes={}",
            enc("Head teacher, SENCO, pupil council"),
            enc("Year 7 English, Year 9 science"),
            enc("Strong pupil voice.")
        );
        app.ok("record_visit", &visit, &assessor).await;

        // The decision: checked, then sent to the second assessor.
        let decide = |award: &str| {
            format!(
                "review={review}&outcome=granted&award={award}&conditions=&report={}",
                enc("Inclusive practice is established across the school.")
            )
        };
        let incomplete = app
            .call("propose_decision", &decide(""), Some(&assessor))
            .await;
        assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            incomplete.body.contains("AwardMissing"),
            "{}",
            incomplete.body
        );
        refused(
            &app,
            "propose_decision",
            &decide("inclusive-school"),
            &moderator,
            "by the second assessor",
        )
        .await;
        let next = app
            .ok("propose_decision", &decide("inclusive-school"), &assessor)
            .await;
        assert_eq!(
            next, "moderation",
            "{backend}: a two-level gap needs moderation"
        );

        let verdict = format!(
            "review={review}&verdict=agree&reasons={}",
            enc("The evidence supports it.")
        );
        refused(
            &app,
            "moderate",
            &verdict,
            &assessor,
            "by the lead assessor",
        )
        .await;
        let blank = app
            .call(
                "moderate",
                &format!("review={review}&verdict=agree&reasons="),
                Some(&moderator),
            )
            .await;
        assert_eq!(
            blank.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "reasons are required"
        );
        assert_eq!(app.ok("moderate", &verdict, &moderator).await, "sign_off");

        // No report for the school before the decision is signed off.
        let early = app
            .call(
                "school_report",
                &format!("id={assessment}"),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(
            early.status,
            StatusCode::NOT_FOUND,
            "{backend}: {}",
            early.body
        );

        // Hillcrest already has a validated result on another framework:
        // signing off this inclusion review must leave it standing.
        let hillcrest_key = app
            .store
            .school(&app.demo_school(1).await)
            .await
            .unwrap()
            .unwrap()
            .key;
        app.store
            .db
            .execute_unprepared(&format!(
                "INSERT INTO validated_result (school_id, review_id, framework_id, year, element_id, score, latest) \
                 VALUES ({hillcrest_key}, 0, 'unesco-inclusion-equity', 2025, '', 700, TRUE)"
            ))
            .await
            .unwrap();

        // The admin signs off; the certificate verifies publicly.
        refused(
            &app,
            "sign_off",
            &format!("review={review}"),
            &assessor,
            "by an assessor",
        )
        .await;
        let code: Option<String> = serde_json::from_value(
            app.ok("sign_off", &format!("review={review}"), &admin)
                .await,
        )
        .unwrap();
        let code = code.expect("a certificate");
        // The certificate shows on the closed review and on the school's
        // side of it.
        let closed = app.ok("review", &format!("id={review}"), &admin).await;
        assert_eq!(closed["certificate"], code.as_str(), "{backend}");
        let theirs = app
            .ok("assessment", &format!("id={assessment}"), &hillcrest)
            .await;
        assert_eq!(theirs["certificate"], code.as_str(), "{backend}");
        let again = app
            .call("sign_off", &format!("review={review}"), Some(&admin))
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "signed off once only");
        // The assessors' access to the school ended with their review.
        for who in [&assessor, &moderator] {
            let after = app
                .call("assessment", &format!("id={assessment}"), Some(who))
                .await;
            assert_eq!(
                after.status,
                StatusCode::NOT_FOUND,
                "{backend}: {}",
                after.body
            );
        }
        let public = app
            .call(
                "verify_certificate",
                &format!("code={}", code.to_lowercase()),
                None,
            )
            .await;
        assert_eq!(public.status, StatusCode::OK, "{}", public.body);
        let certificate = json(&public.body);
        assert_eq!(certificate["school_name"], "Hillcrest Academy");
        assert_eq!(certificate["standing"], "valid");
        assert!(
            certificate.get("report").is_none(),
            "nothing else is revealed"
        );
        let unknown = app
            .call("verify_certificate", "code=NOPE-NOPE-NOPE", None)
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // The validated ratings now stand as the school's latest: its
        // strengths (shown on cluster pages) come from them.
        let validated = app.store.latest_validated(&[hillcrest_key]).await.unwrap();
        let (fw_id, fw_version, ratings) = validated.get(&hillcrest_key).expect("validated");
        let fw = app.store.framework(fw_id, fw_version).await.unwrap();
        assert_eq!(
            ratings.len(),
            fw.indicator_count(),
            "every indicator validated"
        );
        assert_eq!(
            app::domain::review::validated_strengths(&fw, ratings, 2).len(),
            2
        );
        // Sign-off kept the validated scores for the network dashboard.
        let results = app
            .store
            .school_results(hillcrest_key, "inclusion-quality")
            .await
            .unwrap();
        assert_eq!(results.len(), fw.elements.len() + 1, "{results:?}");
        assert!(results.iter().any(|(_, element, _)| element.is_empty()));
        // Results are per framework: the UNESCO result is still Hillcrest's
        // latest there, and neither framework's figures count the other's.
        let today = chrono::Utc::now().date_naive();
        let on = |framework| app::store::dashboard::Scope {
            network: None,
            region: None,
            framework,
        };
        let unesco = app
            .store
            .dashboard_figures(on("unesco-inclusion-equity"), today)
            .await
            .unwrap();
        assert_eq!(unesco.distribution.iter().sum::<u32>(), 1, "{backend}");
        assert!(
            unesco.elements.is_empty(),
            "{backend}: {:?}",
            unesco.elements
        );
        let inclusion = app
            .store
            .dashboard_figures(on("inclusion-quality"), today)
            .await
            .unwrap();
        assert!(
            inclusion
                .elements
                .iter()
                .all(|e| fw.element(&e.element).is_some()),
            "{backend}: {:?}",
            inclusion.elements
        );

        // The school reads the assessor's report: every indicator's
        // validated level and comment beside its own, per element.
        let report = app
            .ok("school_report", &format!("id={assessment}"), &hillcrest)
            .await;
        assert_eq!(report["decision"]["outcome"], "granted", "{backend}");
        let elements = report["elements"].as_array().unwrap();
        assert_eq!(elements.len(), fw.elements.len(), "{backend}");
        assert!(
            elements
                .iter()
                .flat_map(|e| e["indicators"].as_array().unwrap())
                .all(|i| !i["validated"].is_null() && !i["own"].is_null()),
            "{backend}: {report}"
        );
        let page = app
            .get(
                &format!("/assessments/{assessment}/report"),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Validated rating"), "{backend}");
        refused(
            &app,
            "school_report",
            &format!("id={assessment}"),
            &teacher,
            "for another school",
        )
        .await;

        // The school sees the decision; the calendar shows its next review.
        let closed = app
            .ok("assessment", &format!("id={assessment}"), &hillcrest)
            .await;
        assert_eq!(closed["decision"]["outcome"], "granted");
        assert_eq!(closed["certificate"], code.as_str());
        let hillcrest_id = app.demo_school(1).await;
        let calendar = app
            .ok(
                "school_calendar",
                &format!("school={hillcrest_id}"),
                &hillcrest,
            )
            .await;
        assert_eq!(calendar["next_cycle"], "annual_review1", "{calendar}");
        assert_eq!(
            calendar["next_fee"],
            serde_json::json!({ "amount": 160_000, "currency": "GBP" }),
            "Hillcrest has 1,150 learners; year 1 of Inclusive School"
        );
        let all = app.ok("calendar", "within=60", &admin).await;
        assert!(all
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["certificate"] == code.as_str()));
        refused(&app, "calendar", "within=60", &assessor, "for an assessor").await;

        // After the grant: an admin suspends, reinstates and revokes the
        // award, each with a reason; the public check says so at every step.
        let standing = || async {
            json(
                &app.call("verify_certificate", &format!("code={code}"), None)
                    .await
                    .body,
            )["standing"]
                .clone()
        };
        let change =
            |what: &str, reason: &str| format!("code={code}&change={what}&reason={}", enc(reason));
        let why = "Safeguarding concern under investigation";
        for who in [&assessor, &hillcrest] {
            refused(
                &app,
                "change_award",
                &change("suspend", why),
                who,
                "by a non-admin",
            )
            .await;
        }
        let blank = app
            .call("change_award", &change("suspend", "  "), Some(&admin))
            .await;
        assert_eq!(
            blank.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: a reason is required"
        );
        assert_eq!(standing().await, "valid", "{backend}");
        app.ok("change_award", &change("suspend", why), &admin)
            .await;
        assert_eq!(standing().await, "suspended", "{backend}");
        let twice = app
            .call("change_award", &change("suspend", why), Some(&admin))
            .await;
        assert_eq!(
            twice.status,
            StatusCode::CONFLICT,
            "{backend}: already suspended"
        );
        app.ok(
            "change_award",
            &change("reinstate", "Investigation closed"),
            &admin,
        )
        .await;
        assert_eq!(standing().await, "valid", "{backend}");
        app.ok(
            "change_award",
            &change("revoke", "Standard no longer met"),
            &admin,
        )
        .await;
        assert_eq!(standing().await, "revoked", "{backend}");
        let again = app
            .call("change_award", &change("reinstate", "No"), Some(&admin))
            .await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "{backend}: revoked stays revoked"
        );

        // The school appeals within the appeal time, once; an assessor with
        // no part in the review decides, and an upheld appeal grants.
        let grounds = format!(
            "assessment={assessment}&grounds={}",
            enc("The visit missed our resource base.")
        );
        refused(
            &app,
            "lodge_appeal",
            &grounds,
            &teacher,
            "by another school",
        )
        .await;
        let blank = app
            .call(
                "lodge_appeal",
                &format!("assessment={assessment}&grounds=+"),
                Some(&hillcrest),
            )
            .await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let appeal: String =
            serde_json::from_value(app.ok("lodge_appeal", &grounds, &hillcrest).await).unwrap();
        let twice = app.call("lodge_appeal", &grounds, Some(&hillcrest)).await;
        assert_eq!(
            twice.status,
            StatusCode::CONFLICT,
            "{backend}: one appeal per review"
        );
        refused(&app, "appeals", "", &teacher, "for a teacher").await;
        let listed = app.ok("appeals", "", &admin).await;
        assert_eq!(
            listed["appeals"][0]["appeal"]["id"],
            appeal.as_str(),
            "{backend}"
        );
        let assessor_id = |name: &str| {
            listed["assessors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["name"] == name)
                .unwrap_or_else(|| panic!("{name}: {listed}"))["account"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let took_part = app
            .call(
                "assign_appeal",
                &format!("appeal={appeal}&assessor={}", assessor_id("Mo Moderator")),
                Some(&admin),
            )
            .await;
        assert_eq!(
            took_part.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert!(took_part.body.contains("TookPart"), "{}", took_part.body);
        let panel = app.sign_in("panel@demo.equimark.test").await;
        let give = format!("appeal={appeal}&assessor={}", assessor_id("Pat Panel"));
        refused(&app, "assign_appeal", &give, &panel, "by an assessor").await;
        app.ok("assign_appeal", &give, &admin).await;
        let decide = format!(
            "appeal={appeal}&outcome=upheld&award=centre-of-excellence&note={}",
            enc("The resource base meets the standard.")
        );
        refused(
            &app,
            "decide_appeal",
            &decide,
            &assessor,
            "by the lead assessor",
        )
        .await;
        let granted: Option<String> =
            serde_json::from_value(app.ok("decide_appeal", &decide, &panel).await).unwrap();
        let granted = granted.expect("an upheld appeal granted the award");
        let certificate = json(
            &app.call("verify_certificate", &format!("code={granted}"), None)
                .await
                .body,
        );
        assert_eq!(certificate["standing"], "valid", "{backend}");
        assert_eq!(
            certificate["award_title"]["en"], "Centre of Excellence",
            "{backend}"
        );
        let after = app
            .ok("school_report", &format!("id={assessment}"), &hillcrest)
            .await;
        assert_eq!(after["appeal"]["outcome"], "upheld", "{backend}: {after}");
        let decided_twice = app.call("decide_appeal", &decide, Some(&panel)).await;
        assert_eq!(decided_twice.status, StatusCode::CONFLICT, "{backend}");

        // Every step is in the audit log.
        for action in [
            "review_assigned",
            "review_rating_saved",
            "assessment_returned",
            "evidence_request_answered",
            "visit_recorded",
            "decision_proposed",
            "decision_moderated",
            "decision_signed_off",
            "award_granted",
            "award_suspended",
            "award_reinstated",
            "award_revoked",
            "appeal_lodged",
            "appeal_assigned",
            "appeal_decided",
            "award_revoked",
        ] {
            let query =
                format!("query[action]={action}&query[actor]=&query[object]=&query[page]=0");
            let page = app.ok("audit_log", &query, &admin).await;
            assert!(
                !page["events"].as_array().unwrap().is_empty(),
                "{backend}: {action} is audited: {page}"
            );
        }
    }
}

#[tokio::test]
async fn a_long_queue_comes_a_page_at_a_time_and_the_oldest_waiting_first() {
    use app::store::generate::GenerateOptions;
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let closed_before = app
            .ok("review_queue", "sort=due&status=closed", &admin)
            .await["total"]
            .as_u64()
            .unwrap();
        // 60 schools: 120 closed reviews and 60 submissions awaiting an assessor.
        app.store
            .generate_network(
                GenerateOptions {
                    schools: 60,
                    seed: 11,
                },
                |_, _| {},
            )
            .await
            .unwrap();
        let first = app.ok("review_queue", "sort=school&status=", &admin).await;
        let total = first["total"].as_u64().unwrap();
        assert!(total >= 120, "{backend}: {total}");
        assert_eq!(first["reviews"].as_array().unwrap().len(), 50, "{backend}");
        assert_eq!(first["page"], 0, "{backend}");
        let last_page = (total - 1) / 50;
        let last = app
            .ok(
                "review_queue",
                &format!("sort=school&status=&page={last_page}"),
                &admin,
            )
            .await;
        let on_last = last["reviews"].as_array().unwrap().len() as u64;
        assert_eq!(on_last, total - last_page * 50, "{backend}");
        // Past the end is the last page, not an empty one.
        let past = app
            .ok("review_queue", "sort=school&status=&page=999", &admin)
            .await;
        assert_eq!(past["page"].as_u64(), Some(last_page), "{backend}");
        // Sorted across pages, not within each.
        let names = |q: &Value| -> Vec<String> {
            q["reviews"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["school_name"].as_str().unwrap().to_owned())
                .collect()
        };
        assert!(names(&first).last() <= names(&last).first(), "{backend}");
        assert_eq!(first["awaiting"].as_array().unwrap().len(), 10, "{backend}");
        assert!(first["awaiting_total"].as_u64().unwrap() >= 60, "{backend}");
        let closed = app
            .ok("review_queue", "sort=due&status=closed", &admin)
            .await;
        assert_eq!(
            closed["total"].as_u64(),
            Some(closed_before + 120),
            "{backend}: the filter counts"
        );
    }
}

/// The calendar keeps an award that has run out, so its re-accreditation
/// shows as overdue, and counts a cycle as done only once its review
/// confirmed the award (submitted and waiting is "in review").
#[tokio::test]
async fn the_calendar_shows_overdue_re_accreditation_and_cycles_still_in_review() {
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let key = |id: String| {
            let store = app.store.clone();
            async move { store.school(&id).await.unwrap().unwrap().key }
        };
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let fw = ("inclusion-quality", "2026.3");
        // Oak Tree's award ran out at the end of 2024, never re-accredited.
        let oak_tree = key(app.demo_school(2).await).await;
        let expired = app
            .store
            .record_award(
                oak_tree,
                fw,
                "inclusive-school",
                date(2022, 1, 1),
                date(2024, 12, 31),
            )
            .await
            .unwrap();
        // Hillcrest's demo self-assessment, submitted and waiting for an
        // assessor, is its first annual review of an award from 2025.
        let hillcrest = key(app.demo_school(1).await).await;
        let current = app
            .store
            .record_award(
                hillcrest,
                fw,
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

        let calendar = app.ok("calendar", "within=60", &admin).await;
        let row = |code: &str| {
            calendar
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["certificate"] == code)
                .cloned()
                .unwrap_or_else(|| panic!("{backend}: {code} is on the calendar: {calendar}"))
        };
        let oak = row(&expired);
        assert_eq!(oak["reviews"][2]["cycle"], "reaccreditation", "{backend}");
        assert_eq!(oak["reviews"][2]["state"], "overdue", "{backend}: {oak}");
        let hill = row(&current);
        assert_eq!(
            hill["reviews"][0]["cycle"], "annual_review1",
            "{backend}: {hill}"
        );
        assert_eq!(
            hill["reviews"][0]["state"], "in_review",
            "{backend}: {hill}"
        );
    }
}

/// A school lists its award in the public directory; anyone finds it by
/// award, region and name, linked to its certificate; a suspended award or
/// an unlisted school is not shown.
#[tokio::test]
async fn the_public_directory_lists_award_holders_who_opted_in() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in("coordinator@demo.equimark.test").await;
        let admin = app.sign_in(ADMIN).await;
        let riverside = app.demo_school(0).await;
        let listed = |body: serde_json::Value| {
            body["listings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["school"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        let empty = app
            .ok_anonymous("award_directory", "award=&region=&text=")
            .await;
        assert!(listed(empty).is_empty(), "{backend}: nobody opted in yet");
        refused(
            &app,
            "set_directory_listing",
            &format!("school={riverside}&listed=yes"),
            &app.sign_in(TEACHER).await,
            "by a teacher",
        )
        .await;
        app.ok(
            "set_directory_listing",
            &format!("school={riverside}&listed=yes"),
            &coordinator,
        )
        .await;
        let all = app
            .ok_anonymous("award_directory", "award=&region=&text=")
            .await;
        assert_eq!(
            listed(all.clone()),
            ["Riverside Primary School"],
            "{backend}: {all}"
        );
        let code = all["listings"][0]["code"].as_str().unwrap().to_owned();
        for (query, found) in [
            ("award=inclusive-school&region=&text=", 1),
            ("award=flagship&region=&text=", 0),
            ("award=&region=&text=RIVER", 1),
            ("award=&region=&text=oak", 0),
        ] {
            let seen = app.ok_anonymous("award_directory", query).await;
            assert_eq!(listed(seen).len(), found, "{backend}: {query}");
        }
        // Suspended, the award leaves the directory until it is reinstated.
        app.ok(
            "change_award",
            &format!("code={code}&change=suspend&reason=Checking"),
            &admin,
        )
        .await;
        let during = app
            .ok_anonymous("award_directory", "award=&region=&text=")
            .await;
        assert!(listed(during).is_empty(), "{backend}");
        app.ok(
            "change_award",
            &format!("code={code}&change=reinstate&reason=Checked"),
            &admin,
        )
        .await;
        app.ok(
            "set_directory_listing",
            &format!("school={riverside}&listed=no"),
            &coordinator,
        )
        .await;
        let after = app
            .ok_anonymous("award_directory", "award=&region=&text=")
            .await;
        assert!(listed(after).is_empty(), "{backend}: unlisted");
    }
}
