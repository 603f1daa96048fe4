//! Surveys of learners, families and staff, through the server functions
//! on both backends: who writes and reads them, answering without an
//! account once per device, no result under five answers, attaching the
//! results as evidence, and a closed link refusing answers.

mod common;

use axum::http::{header, StatusCode};
use common::web::{apps, enc, TestApp};

const RIVERSIDE: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";

/// Answers a survey from a device (`None`: a new one). Returns the status
/// and the device cookie the answer was given with or was given.
async fn answer(
    app: &TestApp,
    link: &str,
    answers: &str,
    device: Option<&str>,
) -> (StatusCode, Option<String>) {
    let reply = app
        .call("answer_survey", &format!("link={link}{answers}"), device)
        .await;
    let set = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("equimark_device="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    (reply.status, set.or(device.map(str::to_owned)))
}

#[tokio::test]
async fn people_answer_once_per_device_and_results_wait_for_five() {
    for app in apps().await {
        let backend = app.backend;
        let school = app.demo_school(0).await;
        let coordinator = app.sign_in(RIVERSIDE).await;

        // The demo's pupil voice survey: six answers; the question in
        // words has four, so its answers stay hidden.
        let list = app
            .ok("surveys", &format!("school={school}"), &coordinator)
            .await;
        let demo = &list["rows"][0];
        assert_eq!(demo["survey"]["answers"], 6, "{backend}: {list}");
        assert!(demo["answer_path"].is_string(), "{backend}");
        let demo_id = demo["survey"]["id"].as_str().unwrap();
        let results = app
            .ok("survey_results", &format!("id={demo_id}"), &coordinator)
            .await;
        assert_eq!(
            results["results"][0],
            serde_json::json!({ "Points": { "counts": [0, 0, 1, 2, 3], "answered": 6 } }),
            "{backend}: {results}"
        );
        assert_eq!(
            results["results"][2],
            serde_json::json!({ "TooFew": { "answered": 4 } }),
            "{backend}"
        );

        // Staff read without the link; another school sees nothing.
        let teacher = app.sign_in(TEACHER).await;
        let seen = app
            .ok("surveys", &format!("school={school}"), &teacher)
            .await;
        assert!(seen["rows"][0]["answer_path"].is_null(), "{backend}");
        assert_eq!(seen["may_edit"], false, "{backend}");
        let hillcrest = app.sign_in(HILLCREST).await;
        for (endpoint, body) in [
            ("surveys", format!("school={school}")),
            ("survey_results", format!("id={demo_id}")),
        ] {
            assert_eq!(
                app.status(endpoint, &body, &hillcrest).await,
                StatusCode::NOT_FOUND,
                "{backend}: {endpoint}"
            );
        }

        // Writing one: a title, questions tied to indicators.
        let write = |title: &str, indicator: &str, audience: &str| {
            format!(
                "school={school}&title={}&audience={audience}&framework=iso-21001-gap&easy_read=1\
                 &questions[0][indicator]={indicator}&questions[0][kind]=agreement\
                 &questions[0][text_en]={}&questions[0][text_zh]={}\
                 &questions[1][indicator]={indicator}&questions[1][kind]=words\
                 &questions[1][text_en]={}&questions[1][text_zh]=\
                 &questions[2][indicator]={indicator}&questions[2][kind]=agreement\
                 &questions[2][text_en]=&questions[2][text_zh]=",
                enc(title),
                enc("Staff listen to my child's needs."),
                enc("老师会倾听我孩子的需要。"),
                enc("What should we do better?"),
            )
        };
        let good = write("Family voice", "performance-satisfaction", "families");
        for body in [
            write(" ", "performance-satisfaction", "families"),
            write("Family voice", "nowhere", "families"),
            write("Family voice", "performance-satisfaction", "everyone"),
        ] {
            assert_eq!(
                app.status("create_survey", &body, &coordinator).await,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {body}"
            );
        }
        assert_eq!(
            app.status("create_survey", &good, &teacher).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        let id: String =
            serde_json::from_value(app.ok("create_survey", &good, &coordinator).await).unwrap();
        let results = app
            .ok("survey_results", &format!("id={id}"), &coordinator)
            .await;
        assert_eq!(
            results["survey"]["questions"].as_array().unwrap().len(),
            2,
            "{backend}: the empty spare row is left out"
        );
        let link = results["answer_path"]
            .as_str()
            .unwrap()
            .trim_start_matches("/answer/")
            .to_owned();

        // Answering: no account; nothing answered or a made-up point is refused.
        let view = app
            .call("survey_to_answer", &format!("link={link}"), None)
            .await;
        assert_eq!(view.status, StatusCode::OK, "{backend}: {}", view.body);
        assert!(view.body.contains("老师会倾听"), "{backend}: {}", view.body);
        assert_eq!(
            answer(&app, &link, "", None).await.0,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: nothing answered"
        );
        assert_eq!(
            answer(&app, &link, "&answers[q0]=7", None).await.0,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: not a point"
        );
        let (status, device) = answer(
            &app,
            &link,
            &format!("&answers[q0]=4&answers[q1]={}", enc("Clearer reports")),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let device = device.expect("a device cookie");
        // The same device again: refused, and the page says so.
        assert_eq!(
            answer(&app, &link, "&answers[q0]=1", Some(&device)).await.0,
            StatusCode::CONFLICT,
            "{backend}: one device answers once"
        );
        let again = app
            .call("survey_to_answer", &format!("link={link}"), Some(&device))
            .await;
        assert!(
            again.body.contains("\"answered\":true"),
            "{backend}: {}",
            again.body
        );

        // Under five answers nothing shows and nothing can be attached.
        let results = app
            .ok("survey_results", &format!("id={id}"), &coordinator)
            .await;
        assert_eq!(
            results["results"][0],
            serde_json::json!({ "TooFew": { "answered": 1 } }),
            "{backend}"
        );
        assert_eq!(
            app.status("attach_survey", &format!("id={id}"), &coordinator)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        for point in [5, 4, 2, 4] {
            let (status, _) = answer(&app, &link, &format!("&answers[q0]={point}"), None).await;
            assert_eq!(status, StatusCode::OK, "{backend}");
        }
        let results = app
            .ok("survey_results", &format!("id={id}"), &teacher)
            .await;
        assert_eq!(
            results["results"][0],
            serde_json::json!({ "Points": { "counts": [0, 1, 0, 3, 1], "answered": 5 } }),
            "{backend}"
        );
        assert_eq!(
            results["results"][1],
            serde_json::json!({ "TooFew": { "answered": 1 } }),
            "{backend}"
        );

        // Attached as evidence to the open ISO 21001 self-assessment, once.
        let assessment = app.start_iso_assessment(&school, &coordinator).await;
        assert_eq!(
            app.status("attach_survey", &format!("id={id}"), &teacher)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        for _ in 0..2 {
            assert_eq!(
                app.ok("attach_survey", &format!("id={id}"), &coordinator)
                    .await,
                1,
                "{backend}"
            );
        }
        let prefix = format!("/surveys/{id}");
        let linked = app
            .linked_evidence(&assessment, &coordinator, |l| l.starts_with(&prefix))
            .await;
        assert_eq!(linked.len(), 1, "{backend}: {linked:?}");
        assert_eq!(
            linked[0]["indicators"][0], "performance-satisfaction",
            "{backend}"
        );

        // Closing the link: no more answers; closed once.
        app.ok("close_survey", &format!("id={id}"), &coordinator)
            .await;
        assert_eq!(
            app.status("close_survey", &format!("id={id}"), &coordinator)
                .await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        assert_eq!(
            answer(&app, &link, "&answers[q0]=3", None).await.0,
            StatusCode::CONFLICT,
            "{backend}: closed"
        );
        assert_eq!(
            app.call("survey_to_answer", "link=no-such-link", None)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );

        for action in ["survey_created", "survey_attached", "survey_closed"] {
            assert!(app.audited(action, &id).await, "{backend}: {action}");
        }
    }
}
