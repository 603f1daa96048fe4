//! Clusters and their boards through the server functions, on both
//! backends: who reads a board and who may not, cards added, edited (with
//! stale edits refused), moved and commented on, Markdown made harmless,
//! join requests, and the change notices that keep boards live (across two
//! app servers on PostgreSQL).

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc, TestApp};
use serde_json::Value;
use std::time::Duration;

const LEAD: &str = "lead@demo.equimark.test";
const COORDINATOR: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";
const NETWORK: &str = "network@demo.equimark.test";

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

async fn ok(app: &TestApp, endpoint: &str, body: &str, cookie: &str) -> Value {
    let reply = app.call(endpoint, body, Some(cookie)).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{}: {endpoint}: {}",
        app.backend,
        reply.body
    );
    json(&reply.body)
}

async fn status(app: &TestApp, endpoint: &str, body: &str, cookie: &str) -> StatusCode {
    app.call(endpoint, body, Some(cookie)).await.status
}

fn cards(view: &Value) -> Vec<(String, String, String)> {
    view["board"]
        .as_array()
        .unwrap_or_else(|| panic!("a board: {view}"))
        .iter()
        .flat_map(|column| {
            let name = column["name"].as_str().unwrap().to_owned();
            column["cards"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |c| {
                    (
                        name.clone(),
                        c["title"].as_str().unwrap().to_owned(),
                        c["id"].as_str().unwrap().to_owned(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn card<'a>(view: &'a Value, title: &str) -> &'a Value {
    view["board"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap())
        .find(|c| c["title"] == title)
        .unwrap_or_else(|| panic!("a card {title}: {view}"))
}

fn column_id(view: &Value, name: &str) -> i64 {
    view["board"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn members_share_practice_on_the_board_and_outsiders_cannot_read_it() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let teacher = app.sign_in(TEACHER).await;
        let hillcrest = app.sign_in(HILLCREST).await;
        let assessor = app.sign_in(ASSESSOR).await;
        let network = app.sign_in(NETWORK).await;

        let list = ok(&app, "clusters", "", &hillcrest).await;
        let listed = &list["clusters"][0];
        assert_eq!(listed["name"], "Yorkshire Inclusion Cluster", "{backend}");
        assert_eq!(listed["members"], 2, "{backend}");
        assert_eq!(listed["mine"], false, "{backend}");
        let id = listed["id"].as_str().unwrap().to_owned();
        let q = format!("id={id}");

        // Member staff read the board, with the demo's cards.
        let view = ok(&app, "cluster", &q, &lead).await;
        assert_eq!(view["leads"], true, "{backend}");
        let seeded = cards(&view);
        assert_eq!(seeded.len(), 2, "{backend}: {view}");
        assert_eq!(seeded[0].0, "Trialling", "{backend}");
        // Outsiders, assessors and network admins see who is in it, not the board.
        for who in [&hillcrest, &assessor, &network] {
            let seen = ok(&app, "cluster", &q, who).await;
            assert!(seen["board"].is_null(), "{backend}: {seen}");
            assert_eq!(seen["leads"], false, "{backend}");
        }
        let ideas = column_id(&view, "Ideas");
        let add = |title: &str, body: &str| {
            format!(
                "cluster={id}&school=&column={ideas}&card[title]={}&card[body]={}&card[elements][0]=teaching",
                enc(title),
                enc(body)
            )
        };
        let attempt = add("Outsider card", "Not allowed");
        for who in [&hillcrest, &assessor, &network] {
            let code = status(&app, "add_card", &attempt, who).await;
            assert_eq!(code, StatusCode::FORBIDDEN, "{backend}");
        }
        let seedling = &seeded[0].2;
        for (endpoint, body) in [
            (
                "step_card",
                format!("cluster={id}&id={seedling}&step=right"),
            ),
            (
                "comment_card",
                format!("cluster={id}&id={seedling}&body=hi"),
            ),
            ("toggle_useful", format!("cluster={id}&id={seedling}")),
            (
                "rename_column",
                format!("cluster={id}&column={ideas}&name=Mine"),
            ),
        ] {
            let code = status(&app, endpoint, &body, &hillcrest).await;
            assert_eq!(code, StatusCode::FORBIDDEN, "{backend}: {endpoint}");
        }
        // Only the cluster lead renames columns; a teacher may not.
        let rename = format!("cluster={id}&column={ideas}&name=Ideas");
        let code = status(&app, "rename_column", &rename, &teacher).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "{backend}");
        // The live feed answers outsiders as if there were none.
        let feed = app
            .get(&format!("/clusters/{id}/events"), Some(&hillcrest))
            .await;
        assert_eq!(feed.status, StatusCode::NOT_FOUND, "{backend}");
        let feed = app.get(&format!("/clusters/{id}/events"), None).await;
        assert_eq!(feed.status, StatusCode::UNAUTHORIZED, "{backend}");

        // A teacher adds a card; the Markdown is rendered and made harmless.
        let body = "**Calm** <script>alert(1)</script> [x](javascript:alert(2))";
        ok(&app, "add_card", &add("Quiet corners", body), &teacher).await;
        let view = ok(&app, "cluster", &q, &coordinator).await;
        let added = card(&view, "Quiet corners");
        let html = added["body_html"].as_str().unwrap();
        assert!(html.contains("<strong>Calm</strong>"), "{backend}: {html}");
        assert!(!html.contains("<script"), "{backend}: {html}");
        assert!(!html.contains("javascript:"), "{backend}: {html}");
        assert_eq!(added["author"], "Tara Teacher", "{backend}");
        assert_eq!(added["elements"][0], "teaching", "{backend}");
        let card_id = added["id"].as_str().unwrap().to_owned();
        // Not a framework element, or no title: refused.
        let odd = format!(
            "cluster={id}&school=&column={ideas}&card[title]=X&card[body]=&card[elements][0]=cooking"
        );
        assert_eq!(
            status(&app, "add_card", &odd, &teacher).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        let blank = add("  ", "body");
        assert_eq!(
            status(&app, "add_card", &blank, &teacher).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );

        // The coordinator moves it one step right: the move is reported back.
        let moved = ok(
            &app,
            "step_card",
            &format!("cluster={id}&id={card_id}&step=right"),
            &coordinator,
        )
        .await;
        assert_eq!(moved["column"], "Trialling", "{backend}: {moved}");
        assert_eq!(moved["place"], 1, "{backend}: {moved}");
        // Dragged to the top of "Shared widely".
        let shared = column_id(&view, "Shared widely");
        ok(
            &app,
            "move_card",
            &format!("cluster={id}&id={card_id}&column={shared}&position=0"),
            &lead,
        )
        .await;
        let view = ok(&app, "cluster", &q, &lead).await;
        let order: Vec<(String, String)> =
            cards(&view).into_iter().map(|(c, t, _)| (c, t)).collect();
        assert!(
            order.contains(&("Shared widely".to_owned(), "Quiet corners".to_owned())),
            "{backend}: {order:?}"
        );
        assert_eq!(
            order
                .iter()
                .filter(|(c, _)| c == "Shared widely")
                .map(|(_, t)| t.as_str())
                .next(),
            Some("Quiet corners"),
            "{backend}"
        );

        // Two people edit: the second, from the old version, is refused.
        let edit = |title: &str| {
            format!(
                "cluster={id}&id={card_id}&version=1&card[title]={}&card[body]=b",
                enc(title)
            )
        };
        let edited = ok(&app, "edit_card", &edit("Quiet corners at lunch"), &lead).await;
        assert_eq!(edited["version"], 2, "{backend}: {edited}");
        assert_eq!(edited["card"], card_id.as_str(), "{backend}");
        assert_eq!(
            status(&app, "edit_card", &edit("Something else"), &coordinator).await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        let view = ok(&app, "cluster", &q, &lead).await;
        card(&view, "Quiet corners at lunch");

        // Comments and "useful" marks.
        ok(
            &app,
            "comment_card",
            &format!("cluster={id}&id={card_id}&body={}", enc("We tried it too.")),
            &coordinator,
        )
        .await;
        assert_eq!(
            ok(
                &app,
                "toggle_useful",
                &format!("cluster={id}&id={card_id}"),
                &teacher
            )
            .await,
            true
        );
        let view = ok(&app, "cluster", &q, &teacher).await;
        let c = card(&view, "Quiet corners at lunch");
        assert_eq!(c["useful"], 1, "{backend}");
        assert_eq!(c["marked_useful"], true, "{backend}");
        assert_eq!(c["comments"][0]["body"], "We tried it too.", "{backend}");
        assert_eq!(
            ok(
                &app,
                "toggle_useful",
                &format!("cluster={id}&id={card_id}"),
                &teacher
            )
            .await,
            false
        );

        // Hillcrest asks to join; a teacher cannot answer, the lead accepts.
        let hillcrest_school = app.demo_school(1).await;
        let ask = format!("cluster={id}&school={hillcrest_school}");
        ok(&app, "ask_to_join", &ask, &hillcrest).await;
        assert_eq!(
            status(&app, "ask_to_join", &ask, &hillcrest).await,
            StatusCode::CONFLICT,
            "{backend}: asking twice"
        );
        let accept = format!("cluster={id}&school={hillcrest_school}&answer=accept");
        assert_eq!(
            status(&app, "answer_join", &accept, &teacher).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        ok(&app, "answer_join", &accept, &lead).await;
        let seen = ok(&app, "cluster", &q, &hillcrest).await;
        assert!(seen["board"].is_array(), "{backend}: {seen}");
        // … and may leave again; the lead school cannot.
        ok(&app, "leave_cluster", &ask, &hillcrest).await;
        let seen = ok(&app, "cluster", &q, &hillcrest).await;
        assert!(seen["board"].is_null(), "{backend}");
        let riverside = app.demo_school(0).await;
        assert_eq!(
            status(
                &app,
                "leave_cluster",
                &format!("cluster={id}&school={riverside}"),
                &lead
            )
            .await,
            StatusCode::CONFLICT,
            "{backend}"
        );

        // Every change is in the audit log.
        let admin = app.sign_in("admin@demo.equimark.test").await;
        for action in [
            "card_added",
            "card_moved",
            "card_edited",
            "card_commented",
            "cluster_join_requested",
            "cluster_join_accepted",
            "cluster_left",
        ] {
            let query =
                format!("query[action]={action}&query[actor]=&query[object]=&query[page]=0");
            let page = ok(&app, "audit_log", &query, &admin).await;
            assert!(
                !page["events"].as_array().unwrap().is_empty(),
                "{backend}: {action} is audited: {page}"
            );
        }
    }
}

#[tokio::test]
async fn a_board_change_reaches_every_viewer_within_a_second() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let id = ok(&app, "clusters", "", &lead).await["clusters"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let view = ok(&app, "cluster", &format!("id={id}"), &lead).await;
        let ideas = column_id(&view, "Ideas");
        let mut feed = app.store.board_events().subscribe();
        // On PostgreSQL, a second app server on the same database hears it too.
        let other = if backend == "postgres" {
            let url = app.store.database_url();
            Some(app::store::Store::connect(&url).await.unwrap())
        } else {
            None
        };
        let mut other_feed = other.as_ref().map(|s| s.board_events().subscribe());
        // Let the listeners start.
        tokio::time::sleep(Duration::from_millis(300)).await;
        ok(
            &app,
            "add_card",
            &format!("cluster={id}&school=&column={ideas}&card[title]=Live&card[body]="),
            &lead,
        )
        .await;
        let heard = tokio::time::timeout(Duration::from_secs(1), feed.recv()).await;
        assert_eq!(
            heard.ok().and_then(Result::ok),
            Some(id.clone()),
            "{backend}"
        );
        if let Some(feed) = other_feed.as_mut() {
            let heard = tokio::time::timeout(Duration::from_secs(1), feed.recv()).await;
            assert_eq!(
                heard.ok().and_then(Result::ok),
                Some(id.clone()),
                "{backend}: across servers"
            );
        }
    }
}

#[tokio::test]
async fn meetings_and_the_annual_update_reach_the_annual_review() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let teacher = app.sign_in(TEACHER).await;
        let hillcrest = app.sign_in(HILLCREST).await;
        let admin = app.sign_in("admin@demo.equimark.test").await;
        let assessor = app.sign_in(ASSESSOR).await;
        let id = ok(&app, "clusters", "", &lead).await["clusters"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let riverside = app.demo_school(0).await;
        let hillcrest_school = app.demo_school(1).await;

        // The lead records a meeting: Riverside came, Oak Tree did not.
        let meeting = |date: &str, who: &str| {
            format!(
                "cluster={id}&meeting[held_on]={date}&meeting[agenda]=Sharing+practice&meeting[notes]=&meeting[attended][0]={who}"
            )
        };
        for who in [&teacher, &hillcrest] {
            let code = status(
                &app,
                "record_meeting",
                &meeting("2026-10-01", &riverside),
                who,
            )
            .await;
            assert_eq!(code, StatusCode::FORBIDDEN, "{backend}");
        }
        for bad in [
            meeting("1 October", &riverside),
            meeting("2026-10-01", &hillcrest_school),
        ] {
            let code = status(&app, "record_meeting", &bad, &lead).await;
            assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {bad}");
        }
        ok(
            &app,
            "record_meeting",
            &meeting("2026-10-01", &riverside),
            &lead,
        )
        .await;
        let view = ok(&app, "cluster", &format!("id={id}"), &teacher).await;
        assert_eq!(
            view["meetings"][0]["attended"][0], "Riverside Primary School",
            "{backend}"
        );
        assert_eq!(
            view["meetings"][0]["absent"].as_array().unwrap().len(),
            1,
            "{backend}"
        );
        let outsider = ok(&app, "cluster", &format!("id={id}"), &hillcrest).await;
        assert!(
            outsider["meetings"].as_array().unwrap().is_empty(),
            "{backend}"
        );
        assert!(outsider["update"].is_null(), "{backend}");

        // Members write the update element by element; the lead submits it.
        let section = |element: &str| {
            format!(
                "cluster={id}&section[element]={element}&section[progress]=More+pre-teaching&section[evidence]=Lesson+notes&section[next_steps]=Share+it+wider"
            )
        };
        assert_eq!(
            status(&app, "save_update_section", &section("cooking"), &teacher).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert_eq!(
            status(
                &app,
                "save_update_section",
                &section("teaching"),
                &hillcrest
            )
            .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        ok(&app, "save_update_section", &section("teaching"), &teacher).await;
        ok(&app, "save_update_section", &section("teaching"), &teacher).await;
        let submit = format!("cluster={id}");
        assert_eq!(
            status(&app, "submit_annual_update", &submit, &teacher).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        ok(&app, "submit_annual_update", &submit, &lead).await;
        assert_eq!(
            status(&app, "submit_annual_update", &submit, &lead).await,
            StatusCode::CONFLICT,
            "{backend}: submitted twice"
        );
        assert_eq!(
            status(&app, "save_update_section", &section("teaching"), &teacher).await,
            StatusCode::CONFLICT,
            "{backend}: edited after submission"
        );
        let view = ok(&app, "cluster", &format!("id={id}"), &lead).await;
        let update = &view["update"];
        assert!(update["submitted_at"].is_string(), "{backend}: {update}");
        assert_eq!(update["sections"].as_array().unwrap().len(), 1, "{backend}");
        assert_eq!(
            update["sections"][0]["edited_by"], "Tara Teacher",
            "{backend}"
        );

        // Hillcrest joins; the assessor of its review reads the update there.
        let ask = format!("cluster={id}&school={hillcrest_school}");
        ok(&app, "ask_to_join", &ask, &hillcrest).await;
        ok(&app, "answer_join", &format!("{ask}&answer=accept"), &lead).await;
        let queue = ok(&app, "review_queue", "sort=due&status=", &admin).await;
        let assessment = queue["awaiting"][0]["assessment"]
            .as_str()
            .unwrap()
            .to_owned();
        let asha = queue["assessors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == "Asha Assessor")
            .unwrap()["account"]
            .as_str()
            .unwrap()
            .to_owned();
        let review = ok(
            &app,
            "assign_review",
            &format!("assessment={assessment}&lead={asha}&second=&due_on=2030-01-31"),
            &admin,
        )
        .await;
        let review_id = review
            .as_str()
            .unwrap_or_else(|| panic!("{backend}: {review}"));
        let seen = ok(&app, "review", &format!("id={review_id}"), &assessor).await;
        assert_eq!(
            seen["cluster_updates"][0][0], "Yorkshire Inclusion Cluster",
            "{backend}: {seen}"
        );
        assert_eq!(
            seen["cluster_updates"][0][1][0]["progress"], "More pre-teaching",
            "{backend}"
        );
        assert_eq!(
            seen["context"]["research_update_submitted"], true,
            "{backend}"
        );
    }
}
