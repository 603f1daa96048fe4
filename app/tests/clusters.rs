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
async fn a_lead_founds_for_their_own_school_and_an_admin_finds_the_lead_school() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let own = app.ok("clusters", "", &lead).await;
        let names: Vec<&str> = own["may_found"]["schools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Riverside Primary School"], "{backend}: {own}");
        // Admins may found one for any school: they search rather than
        // being sent every school.
        let admin = app.sign_in("admin@demo.equimark.test").await;
        let all = app.ok("clusters", "", &admin).await;
        assert_eq!(all["may_found"]["total"], 4, "{backend}");
        let found = app.ok("clusters", "lead_search=oak+york", &admin).await;
        assert_eq!(found["may_found"]["total"], 1, "{backend}");
        assert_eq!(
            found["may_found"]["schools"][0]["name"], "Oak Tree Special School",
            "{backend}"
        );
        // Teachers may found none.
        let teacher = app.sign_in(TEACHER).await;
        let none = app.ok("clusters", "", &teacher).await;
        assert_eq!(none["may_found"]["total"], 0, "{backend}");
    }
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

        let list = app.ok("clusters", "", &hillcrest).await;
        let listed = &list["clusters"][0];
        assert_eq!(listed["name"], "Yorkshire Inclusion Cluster", "{backend}");
        assert_eq!(listed["members"], 2, "{backend}");
        assert_eq!(listed["mine"], false, "{backend}");
        let id = listed["id"].as_str().unwrap().to_owned();
        let q = format!("id={id}");

        // Member staff read the board, with the demo's cards.
        let view = app.ok("cluster", &q, &lead).await;
        assert_eq!(view["leads"], true, "{backend}");
        let seeded = cards(&view);
        assert_eq!(seeded.len(), 2, "{backend}: {view}");
        assert_eq!(seeded[0].0, "Trialling", "{backend}");
        // Outsiders, assessors and network admins see who is in it, not the board.
        for who in [&hillcrest, &assessor, &network] {
            let seen = app.ok("cluster", &q, who).await;
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
            let code = app.status("add_card", &attempt, who).await;
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
            let code = app.status(endpoint, &body, &hillcrest).await;
            assert_eq!(code, StatusCode::FORBIDDEN, "{backend}: {endpoint}");
        }
        // Only the cluster lead renames columns; a teacher may not.
        let rename = format!("cluster={id}&column={ideas}&name=Ideas");
        let code = app.status("rename_column", &rename, &teacher).await;
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
        app.ok("add_card", &add("Quiet corners", body), &teacher)
            .await;
        let view = app.ok("cluster", &q, &coordinator).await;
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
            app.status("add_card", &odd, &teacher).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        let blank = add("  ", "body");
        assert_eq!(
            app.status("add_card", &blank, &teacher).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );

        // The coordinator moves it one step right: the move is reported back.
        let moved = app
            .ok(
                "step_card",
                &format!("cluster={id}&id={card_id}&step=right"),
                &coordinator,
            )
            .await;
        assert_eq!(moved["column"], "Trialling", "{backend}: {moved}");
        assert_eq!(moved["place"], 1, "{backend}: {moved}");
        // Dragged to the top of "Shared widely".
        let shared = column_id(&view, "Shared widely");
        app.ok(
            "move_card",
            &format!("cluster={id}&id={card_id}&column={shared}&position=0"),
            &lead,
        )
        .await;
        let view = app.ok("cluster", &q, &lead).await;
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
        let edited = app
            .ok("edit_card", &edit("Quiet corners at lunch"), &lead)
            .await;
        assert_eq!(edited["version"], 2, "{backend}: {edited}");
        assert_eq!(edited["card"], card_id.as_str(), "{backend}");
        assert_eq!(
            app.status("edit_card", &edit("Something else"), &coordinator)
                .await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        let view = app.ok("cluster", &q, &lead).await;
        card(&view, "Quiet corners at lunch");

        // Comments and "useful" marks.
        app.ok(
            "comment_card",
            &format!("cluster={id}&id={card_id}&body={}", enc("We tried it too.")),
            &coordinator,
        )
        .await;
        assert_eq!(
            app.ok(
                "toggle_useful",
                &format!("cluster={id}&id={card_id}"),
                &teacher
            )
            .await,
            true
        );
        let view = app.ok("cluster", &q, &teacher).await;
        let c = card(&view, "Quiet corners at lunch");
        assert_eq!(c["useful"], 1, "{backend}");
        assert_eq!(c["marked_useful"], true, "{backend}");
        assert_eq!(c["comments"][0]["body"], "We tried it too.", "{backend}");
        assert_eq!(
            app.ok(
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
        app.ok("ask_to_join", &ask, &hillcrest).await;
        assert_eq!(
            app.status("ask_to_join", &ask, &hillcrest).await,
            StatusCode::CONFLICT,
            "{backend}: asking twice"
        );
        let accept = format!("cluster={id}&school={hillcrest_school}&answer=accept");
        assert_eq!(
            app.status("answer_join", &accept, &teacher).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        app.ok("answer_join", &accept, &lead).await;
        let seen = app.ok("cluster", &q, &hillcrest).await;
        assert!(seen["board"].is_array(), "{backend}: {seen}");
        // … and may leave again; the lead school cannot.
        app.ok("leave_cluster", &ask, &hillcrest).await;
        let seen = app.ok("cluster", &q, &hillcrest).await;
        assert!(seen["board"].is_null(), "{backend}");
        let riverside = app.demo_school(0).await;
        assert_eq!(
            app.status(
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
            let page = app.ok("audit_log", &query, &admin).await;
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
        let id = app.ok("clusters", "", &lead).await["clusters"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let view = app.ok("cluster", &format!("id={id}"), &lead).await;
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
        app.ok(
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
        let id = app.ok("clusters", "", &lead).await["clusters"][0]["id"]
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
            let code = app
                .status("record_meeting", &meeting("2026-10-01", &riverside), who)
                .await;
            assert_eq!(code, StatusCode::FORBIDDEN, "{backend}");
        }
        for bad in [
            meeting("1 October", &riverside),
            meeting("2026-10-01", &hillcrest_school),
        ] {
            let code = app.status("record_meeting", &bad, &lead).await;
            assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {bad}");
        }
        app.ok("record_meeting", &meeting("2026-10-01", &riverside), &lead)
            .await;
        // What the Flagship award reads: the school's attendance since a day.
        let riverside_key = app.store.school(&riverside).await.unwrap().unwrap().key;
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let attended = |since| app.store.meeting_attendance(riverside_key, since);
        assert_eq!(attended(day("2026-10-01")).await.unwrap(), vec![true]);
        assert!(attended(day("2026-10-02")).await.unwrap().is_empty());
        let view = app.ok("cluster", &format!("id={id}"), &teacher).await;
        assert_eq!(
            view["meetings"][0]["attended"][0], "Riverside Primary School",
            "{backend}"
        );
        assert_eq!(
            view["meetings"][0]["absent"].as_array().unwrap().len(),
            1,
            "{backend}"
        );
        let outsider = app.ok("cluster", &format!("id={id}"), &hillcrest).await;
        assert!(
            outsider["meetings"].as_array().unwrap().is_empty(),
            "{backend}"
        );
        assert!(outsider["update"].is_null(), "{backend}");

        // Members write the update element by element; the lead submits it.
        let versioned = |element: &str, version: u32| {
            format!(
                "cluster={id}&section[element]={element}&section[progress]=More+pre-teaching&section[evidence]=Lesson+notes&section[next_steps]=Share+it+wider&section[version]={version}"
            )
        };
        let section = |element: &str| versioned(element, 0);
        assert_eq!(
            app.status("save_update_section", &section("cooking"), &teacher)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert_eq!(
            app.status("save_update_section", &section("teaching"), &hillcrest)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        let first = app
            .ok("save_update_section", &section("teaching"), &teacher)
            .await;
        assert_eq!(first["version"], 1, "{backend}");
        app.ok("save_update_section", &versioned("teaching", 1), &teacher)
            .await;
        // A review reads only submitted updates.
        let year = chrono::Datelike::year(&chrono::Utc::now());
        let since = day("2026-01-01");
        let updates = || app.store.award_standing(riverside_key, since, year);
        let before = updates().await.unwrap();
        assert!(before.cluster_member, "{backend}");
        assert!(
            before.submitted_updates.is_empty(),
            "{backend}: not submitted"
        );
        let submit = format!("cluster={id}");
        assert_eq!(
            app.status("submit_annual_update", &submit, &teacher).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        app.ok("submit_annual_update", &submit, &lead).await;
        assert_eq!(
            app.status("submit_annual_update", &submit, &lead).await,
            StatusCode::CONFLICT,
            "{backend}: submitted twice"
        );
        assert_eq!(
            app.status("save_update_section", &versioned("teaching", 2), &teacher)
                .await,
            StatusCode::CONFLICT,
            "{backend}: edited after submission"
        );
        let submitted = updates().await.unwrap().submitted_updates;
        assert_eq!(submitted.len(), 1, "{backend}");
        assert_eq!(submitted[0].1.len(), 1, "{backend}: one section");
        let view = app.ok("cluster", &format!("id={id}"), &lead).await;
        let update = &view["update"];
        assert!(update["submitted_at"].is_string(), "{backend}: {update}");
        assert_eq!(update["sections"].as_array().unwrap().len(), 1, "{backend}");
        assert_eq!(
            update["sections"][0]["edited_by"], "Tara Teacher",
            "{backend}"
        );

        // Hillcrest joins; the assessor of its review reads the update there.
        let ask = format!("cluster={id}&school={hillcrest_school}");
        app.ok("ask_to_join", &ask, &hillcrest).await;
        app.ok("answer_join", &format!("{ask}&answer=accept"), &lead)
            .await;
        let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
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
        let review = app
            .ok(
                "assign_review",
                &format!("assessment={assessment}&lead={asha}&second=&due_on=2030-01-31"),
                &admin,
            )
            .await;
        let review_id = review
            .as_str()
            .unwrap_or_else(|| panic!("{backend}: {review}"));
        let seen = app
            .ok("review", &format!("id={review_id}"), &assessor)
            .await;
        assert_eq!(
            seen["cluster_updates"][0][0], "Yorkshire Inclusion Cluster",
            "{backend}: {seen}"
        );
        assert_eq!(
            seen["cluster_updates"][0][1][0]["progress"], "More pre-teaching",
            "{backend}"
        );
        assert_eq!(
            seen["context"]["annual_update_submitted"], true,
            "{backend}"
        );
    }
}

fn card_file(
    cluster: &str,
    card: &str,
    name: &str,
    bytes: &[u8],
    cookie: &str,
) -> axum::http::Request<axum::body::Body> {
    let boundary = "EquimarkCardFile";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    axum::http::Request::post(format!("/clusters/{cluster}/cards/{card}/files"))
        .header(
            axum::http::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(axum::http::header::COOKIE, cookie)
        .body(axum::body::Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn cards_are_published_to_the_library_with_their_files_and_columns_reordered() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let teacher = app.sign_in(TEACHER).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let hillcrest = app.sign_in(HILLCREST).await;
        let list = app.ok("clusters", "", &hillcrest).await;
        let id = list["clusters"][0]["id"].as_str().unwrap().to_owned();
        let q = format!("id={id}");
        let view = app.ok("cluster", &q, &teacher).await;
        let ideas = column_id(&view, "Ideas");
        let add = format!(
            "cluster={id}&school=&column={ideas}&card[title]=Word%20walls&card[body]=Key%20words&card[elements][0]=teaching"
        );
        let card_id: String =
            serde_json::from_value(app.ok("add_card", &add, &teacher).await).unwrap();

        // A file on the card: checked by content; members download it, outsiders cannot.
        let refused = app
            .send(card_file(
                &id,
                &card_id,
                "words.pdf",
                b"not a pdf",
                &teacher,
            ))
            .await;
        assert_eq!(refused.status, StatusCode::SEE_OTHER, "{backend}");
        let to = refused.headers[axum::http::header::LOCATION]
            .to_str()
            .unwrap();
        assert!(to.contains("file_problem="), "{backend}: {to}");
        // Back to the board's own page, where the card and its form are.
        assert!(
            to.starts_with(&format!("/clusters/{id}/board?")),
            "{backend}: {to}"
        );
        let outsider = app
            .send(card_file(
                &id,
                &card_id,
                "words.txt",
                b"key words",
                &hillcrest,
            ))
            .await;
        assert_eq!(outsider.status, StatusCode::NOT_FOUND, "{backend}");
        let attached = app
            .send(card_file(
                &id,
                &card_id,
                "words.txt",
                b"key words",
                &teacher,
            ))
            .await;
        assert_eq!(attached.status, StatusCode::SEE_OTHER, "{backend}");
        let to = attached.headers[axum::http::header::LOCATION]
            .to_str()
            .unwrap();
        assert!(!to.contains("file_problem="), "{backend}: {to}");
        assert!(
            to.starts_with(&format!("/clusters/{id}/board")),
            "{backend}: {to}"
        );
        let view = app.ok("cluster", &q, &coordinator).await;
        let file = card(&view, "Word walls")["attachments"][0].clone();
        assert_eq!(file["name"], "words.txt", "{backend}: {view}");
        let href = format!("/card-files/{}", file["id"].as_str().unwrap());
        let got = app.get(&href, Some(&coordinator)).await;
        assert_eq!(got.status, StatusCode::OK, "{backend}");
        assert_eq!(got.body, "key words", "{backend}");
        assert_eq!(
            app.get(&href, Some(&hillcrest)).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );

        // Only the author or the lead publishes; then every signed-in person reads it.
        let publish = format!("cluster={id}&id={card_id}&publish=true");
        assert_eq!(
            app.status("publish_card", &publish, &coordinator).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        assert_eq!(
            app.status("publish_card", &publish, &hillcrest).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        assert_eq!(
            library_titles(&app, &hillcrest).await,
            ["Pre-teaching key words"],
            "{backend}"
        );
        app.ok("publish_card", &publish, &teacher).await;
        let library = app.ok("practice_library", "", &hillcrest).await;
        let entry = &library["cards"][0];
        // Newest first, before the demo's own.
        assert_eq!(entry["title"], "Word walls", "{backend}: {library}");
        assert_eq!(
            entry["cluster_name"], "Yorkshire Inclusion Cluster",
            "{backend}"
        );
        assert_eq!(
            entry["school_name"], "Riverside Primary School",
            "{backend}"
        );
        assert_eq!(entry["author"], "Tara Teacher", "{backend}");
        // Published, its file is readable by the whole network.
        assert_eq!(
            app.get(&href, Some(&hillcrest)).await.status,
            StatusCode::OK,
            "{backend}"
        );
        assert_eq!(
            app.get("/api/practice_library", None).await.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{backend}"
        );
        assert_eq!(
            app.call("practice_library", "", None).await.status,
            StatusCode::UNAUTHORIZED,
            "{backend}"
        );
        // The lead takes it out again.
        app.ok(
            "publish_card",
            &format!("cluster={id}&id={card_id}&publish=false"),
            &lead,
        )
        .await;
        assert_eq!(
            library_titles(&app, &hillcrest).await,
            ["Pre-teaching key words"],
            "{backend}"
        );
        assert_eq!(
            app.get(&href, Some(&hillcrest)).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );

        // The lead moves a column; nobody else may; the edges stay put.
        let names = |v: &serde_json::Value| -> Vec<String> {
            v["board"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_owned())
                .collect()
        };
        let right = format!("cluster={id}&column={ideas}&step=right");
        assert_eq!(
            app.status("move_column", &right, &teacher).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        assert_eq!(
            app.ok("move_column", &right, &lead).await,
            true,
            "{backend}"
        );
        let view = app.ok("cluster", &q, &lead).await;
        assert_eq!(
            names(&view),
            ["Trialling", "Ideas", "Evidence of impact", "Shared widely"],
            "{backend}"
        );
        let first = column_id(&view, "Trialling");
        let left = format!("cluster={id}&column={first}&step=left");
        assert_eq!(
            app.ok("move_column", &left, &lead).await,
            false,
            "{backend}"
        );
        let up = format!("cluster={id}&column={first}&step=up");
        assert_eq!(
            app.status("move_column", &up, &lead).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        // The card stayed in its column through the reordering.
        assert_eq!(
            cards(&view)
                .into_iter()
                .find(|(_, t, _)| t == "Word walls")
                .map(|(c, _, _)| c),
            Some("Ideas".to_owned()),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn research_is_outlined_in_steps_and_reviewed_with_next_steps_carried_forward() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let teacher = app.sign_in(TEACHER).await;
        let hillcrest = app.sign_in(HILLCREST).await;
        let list = app.ok("clusters", "", &hillcrest).await;
        let id = list["clusters"][0]["id"].as_str().unwrap().to_owned();
        let view = app.ok("cluster", &format!("id={id}"), &lead).await;
        let riverside = view["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["school"]["name"] == "Riverside Primary School")
            .unwrap()["school"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let hillcrest_id = app.demo_school(1).await;
        let form = |school: &str, status: &str| {
            format!(
                "cluster={id}&research[question]={}&research[elements][0]=teaching&research[schools][0]={school}&research[method]=Observe&research[findings]=&research[status]={status}&research[flagship]=on",
                enc("Does pre-teaching key words help?")
            )
        };
        // Outsiders neither read nor start research; odd input is refused.
        let code = app
            .status("cluster_research", &format!("cluster={id}"), &hillcrest)
            .await;
        assert_eq!(code, StatusCode::FORBIDDEN, "{backend}");
        let code = app
            .status("start_research", &form(&riverside, "planned"), &hillcrest)
            .await;
        assert_eq!(code, StatusCode::FORBIDDEN, "{backend}");
        let code = app
            .status("start_research", &form(&hillcrest_id, "planned"), &teacher)
            .await;
        assert_eq!(
            code,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: not a member school"
        );
        let code = app
            .status("start_research", &form(&riverside, "someday"), &teacher)
            .await;
        assert_eq!(
            code,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: unknown status"
        );

        let activity: String = serde_json::from_value(
            app.ok("start_research", &form(&riverside, "under-way"), &teacher)
                .await,
        )
        .unwrap();
        let listed = app
            .ok("cluster_research", &format!("cluster={id}"), &lead)
            .await;
        assert_eq!(
            listed["activities"][0]["id"],
            activity.as_str(),
            "{backend}"
        );
        assert_eq!(listed["activities"][0]["flagship"], true, "{backend}");
        assert_eq!(
            listed["activities"][0]["schools"][0], "Riverside Primary School",
            "{backend}"
        );

        // Key steps with people and a timeline; one ending before it starts is refused.
        let q = format!("cluster={id}&id={activity}");
        let step = |what: &str, starts: &str, ends: &str| {
            format!(
                "{q}&step[description]={}&step[people]=Tara&step[starts_on]={starts}&step[ends_on]={ends}",
                enc(what)
            )
        };
        let code = app
            .status(
                "add_research_step",
                &step("Backwards", "2026-09-02", "2026-09-01"),
                &teacher,
            )
            .await;
        assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        app.ok(
            "add_research_step",
            &step("Baseline", "2020-09-01", "2020-10-01"),
            &teacher,
        )
        .await;
        app.ok(
            "add_research_step",
            &step("Trial", "2020-10-01", ""),
            &teacher,
        )
        .await;
        let seen = app.ok("research_activity", &q, &lead).await;
        assert_eq!(seen["steps"][0]["state"], "Overdue", "{backend}: {seen}");
        assert_eq!(seen["steps"][1]["state"], "Open", "{backend}");
        let first = seen["steps"][0]["id"].as_i64().unwrap();
        app.ok(
            "set_research_step",
            &format!("{q}&step={first}&done=true"),
            &lead,
        )
        .await;
        let seen = app.ok("research_activity", &q, &lead).await;
        assert_eq!(seen["steps"][0]["state"], "Done", "{backend}");
        assert!(seen["carried_forward"].is_null(), "{backend}");

        // A stale save of the details is refused, not lost.
        let save = |version: u32, findings: &str| {
            format!(
                "{q}&version={version}&research[question]=Q&research[status]=finished&research[findings]={}",
                enc(findings)
            )
        };
        assert_eq!(
            app.ok("save_research", &save(1, "It helped"), &lead).await,
            2,
            "{backend}"
        );
        assert_eq!(
            app.status("save_research", &save(1, "Mine"), &teacher)
                .await,
            StatusCode::CONFLICT,
            "{backend}"
        );

        // Last year's review's next steps are where this year's starts.
        let activity_key = app
            .store
            .research_activity(&activity)
            .await
            .unwrap()
            .unwrap();
        let actor = app::store::audit::Actor {
            account: None,
            email: "test".to_owned(),
            ip: "127.0.0.1".to_owned(),
        };
        let year = chrono_year();
        app.store
            .review_research(
                &activity_key,
                year - 1,
                "Baseline done",
                "Share with Oak Tree",
                0,
                activity_key.created_by,
                &actor,
            )
            .await
            .unwrap();
        let seen = app.ok("research_activity", &q, &lead).await;
        assert_eq!(seen["carried_forward"], "Share with Oak Tree", "{backend}");
        let review = format!(
            "{q}&progress={}&next_steps={}&version=0",
            enc("Shared in March"),
            enc("Write it up")
        );
        app.ok("review_research", &review, &teacher).await;
        let seen = app.ok("research_activity", &q, &lead).await;
        let this_year = &seen["reviews"][0];
        assert_eq!(this_year["year"], year, "{backend}");
        assert_eq!(
            this_year["carried_forward"], "Share with Oak Tree",
            "{backend}"
        );
        assert_eq!(this_year["next_steps"], "Write it up", "{backend}");
        assert_eq!(this_year["reviewed_by"], "Tara Teacher", "{backend}");
        assert_eq!(
            app.status("review_research", &review, &hillcrest).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
    }
}

fn chrono_year() -> i32 {
    use chrono::Datelike;
    // The server writes reviews for the current calendar year (UTC).
    chrono::Utc::now().year()
}

async fn library_titles(app: &TestApp, cookie: &str) -> Vec<String> {
    app.ok("practice_library", "", cookie).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_owned())
        .collect()
}
