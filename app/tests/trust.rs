//! The holes found when a running server was attacked with the demo
//! accounts, each proven closed through the real router on both backends.
//! One test (or a few) per defect; the README's security section names them.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::web::{apps, apps_with, enc, json, post_form, TestApp};
use serde_json::Value;
use std::time::Duration;

const ADMIN: &str = "admin@demo.equimark.test";
const COORDINATOR: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const LEAD: &str = "lead@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";

/// A school's people, as its coordinator sees them.
async fn members(app: &TestApp, school: &str, cookie: &str) -> Vec<Value> {
    app.ok("school", &format!("id={school}"), cookie).await["members"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn account_with(members: &[Value], email: &str, role: &str) -> String {
    members
        .iter()
        .find(|m| m["email"] == email && m["role"] == role)
        .unwrap_or_else(|| panic!("{email} is a {role}: {members:?}"))["account"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Invites `email` as `role` at `school` and accepts with a new account.
async fn invited(app: &TestApp, by: &str, email: &str, role: &str, school: &str) {
    let body = format!("email={}&role={role}&school={school}", enc(email));
    app.ok("invite", &body, by).await;
    let link = app.link_sent_to(email, "/invitations/").await;
    let token = link.trim_start_matches("/invitations/");
    let accept = format!(
        "token={token}&name=New+Person&password=a+long+enough+password&confirm=a+long+enough+password"
    );
    assert_eq!(
        app.call("accept_invitation", &accept, None).await.status,
        StatusCode::OK,
        "{}",
        app.backend
    );
}

async fn newest_audit(app: &TestApp) -> app::model::AuditRecord {
    app.store
        .audit_log(&Default::default())
        .await
        .unwrap()
        .events
        .remove(0)
}

async fn audit_rows(app: &TestApp) -> usize {
    use sea_orm::{EntityTrait, PaginatorTrait};
    app::store::entity::audit_event::Entity::find()
        .count(&app.store.db)
        .await
        .unwrap() as usize
}

// 1. Removing a role follows the rules for granting it.

#[tokio::test]
async fn a_coordinator_cannot_remove_the_assessor_or_a_fellow_coordinator() {
    for app in apps().await {
        let backend = app.backend;
        let riverside = app.demo_school(0).await;
        let admin = app.sign_in(ADMIN).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let assessor = app.sign_in(ASSESSOR).await;
        invited(
            &app,
            &admin,
            "second@riverside.example",
            "coordinator",
            &riverside,
        )
        .await;
        let people = members(&app, &riverside, &coordinator).await;
        let the_assessor = account_with(&people, ASSESSOR, "assessor");
        let fellow = account_with(&people, "second@riverside.example", "coordinator");

        for (account, role) in [(&the_assessor, "assessor"), (&fellow, "coordinator")] {
            let body = format!("school={riverside}&account={account}&role={role}");
            let reply = app.call("remove_member", &body, Some(&coordinator)).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{backend}: {role}");
            assert_eq!(
                newest_audit(&app).await.action,
                "access_denied",
                "{backend}"
            );
        }
        assert_eq!(
            app.call("school", &format!("id={riverside}"), Some(&assessor))
                .await
                .status,
            StatusCode::OK,
            "{backend}: the assessor keeps the school"
        );
        // The page offers Remove only where it is allowed.
        let people = members(&app, &riverside, &coordinator).await;
        for member in &people {
            let removable = matches!(member["role"].as_str(), Some("teacher" | "cluster_lead"));
            assert_eq!(member["removable"], removable, "{backend}: {member}");
        }
        // An admin grants coordinators, so an admin removes them; an
        // assessor's assignment ends with the review, not by removal.
        let body = format!("school={riverside}&account={fellow}&role=coordinator");
        assert_eq!(
            app.status("remove_member", &body, &admin).await,
            StatusCode::OK
        );
        let body = format!("school={riverside}&account={the_assessor}&role=assessor");
        assert_eq!(
            app.status("remove_member", &body, &admin).await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
    }
}

// 2. No live link is readable by an admin, and a used or replaced link is dead.

#[tokio::test]
async fn the_outbox_shows_admins_no_live_links() {
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let riverside = app.demo_school(0).await;
        app.ok(
            "request_password_reset",
            &format!("email={}", enc(TEACHER)),
            &admin,
        )
        .await;
        let body = format!("email=new%40riverside.example&role=teacher&school={riverside}");
        app.ok("invite", &body, &admin).await;
        let reset = app.link_sent_to(TEACHER, "/reset-password/").await;
        let invitation = app
            .link_sent_to("new@riverside.example", "/invitations/")
            .await;
        let outbox = app.ok("outbox", "", &admin).await.to_string();
        for link in [&reset, &invitation] {
            let token = link.rsplit('/').next().unwrap();
            assert!(!outbox.contains(token), "{backend}: {token} in {outbox}");
        }
        assert!(
            outbox.contains("/reset-password/"),
            "{backend}: the masked link shows"
        );
    }
}

#[tokio::test]
async fn a_used_reset_link_or_a_new_password_ends_every_earlier_link() {
    for app in apps().await {
        let backend = app.backend;
        let ask = || {
            app.call(
                "request_password_reset",
                "email=teacher%40demo.equimark.test",
                None,
            )
        };
        ask().await;
        let first = app.link_sent_to(TEACHER, "/reset-password/").await;
        ask().await;
        let second = app.link_sent_to(TEACHER, "/reset-password/").await;
        assert_ne!(first, second);
        let reset = |link: &str, password: &str| {
            format!(
                "token={}&password={password}&confirm={password}",
                link.trim_start_matches("/reset-password/")
            )
        };
        let new = "another+good+password";
        assert_eq!(
            app.call("reset_password", &reset(&second, new), None)
                .await
                .status,
            StatusCode::OK,
            "{backend}"
        );
        assert_eq!(
            app.call(
                "reset_password",
                &reset(&first, "an+attackers+password"),
                None
            )
            .await
            .status,
            StatusCode::GONE,
            "{backend}: the older link died with the reset"
        );
        // A link asked for before a password change dies with the change.
        ask().await;
        let third = app.link_sent_to(TEACHER, "/reset-password/").await;
        let teacher = app.sign_in_with(TEACHER, "another good password").await;
        let change =
            format!("current={new}&password=yet+another+password&confirm=yet+another+password");
        app.ok("change_password", &change, &teacher).await;
        assert_eq!(
            app.call(
                "reset_password",
                &reset(&third, "an+attackers+password"),
                None
            )
            .await
            .status,
            StatusCode::GONE,
            "{backend}"
        );
    }
}

// 3. Audit rows are bounded, and anonymous refusals are counted, not stored.

#[tokio::test]
async fn an_oversized_field_is_cut_to_size_in_the_audit_log() {
    for app in apps().await {
        let backend = app.backend;
        let teacher = app.sign_in(TEACHER).await;
        let huge = "a".repeat(1 << 20);
        let reply = app
            .call("school", &format!("id={huge}"), Some(&teacher))
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{backend}");
        let event = newest_audit(&app).await;
        assert_eq!(event.action, "access_denied", "{backend}");
        let stored = serde_json::to_string(&event).unwrap().len();
        assert!(stored < 4096, "{backend}: an audit row of {stored} bytes");
    }
}

#[tokio::test]
async fn anonymous_cross_site_refusals_are_counted_not_stored() {
    for app in apps().await {
        let backend = app.backend;
        let before = audit_rows(&app).await;
        for _ in 0..50 {
            let forged = Request::post("/api/update_school")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, "https://evil.example")
                .header("sec-fetch-site", "cross-site")
                .body(Body::from("id=x&region=Forged&contact_email="))
                .unwrap();
            assert_eq!(app.send(forged).await.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(
            audit_rows(&app).await,
            before,
            "{backend}: no row per refusal"
        );
        let counted = app.store.refusal_tally().await.unwrap();
        assert_eq!(
            counted.iter().map(|t| t.count).sum::<i64>(),
            50,
            "{backend}"
        );
    }
}

// 4 and 5. `next` is a path on this site, and a strange one is answered safely.

#[tokio::test]
async fn next_never_leaves_the_site() {
    for app in apps().await {
        let backend = app.backend;
        for next in [
            "/%09/evil.example",
            "/%0A/evil.example",
            "%2F%2Fevil.example",
            "/\\evil",
        ] {
            let reply = app.get(&format!("/lang/en?next={next}"), None).await;
            assert_eq!(reply.headers[header::LOCATION], "/", "{backend}: {next}");
        }
        let sign_in = |next: &str, accept: &str| {
            post_form(
                "/api/sign_in",
                &format!("email=teacher%40demo.equimark.test&password=equimark-demo&next={next}"),
                accept,
                None,
            )
        };
        let reply = app
            .send(sign_in("%2F%09%2Fevil.example", "application/json"))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}");
        assert_eq!(reply.body, "\"/\"", "{backend}");
        let reply = app
            .send(sign_in("%2F%09%2Fevil.example", "text/html"))
            .await;
        assert_eq!(reply.headers[header::LOCATION], "/", "{backend}");
        // A path with a query comes back as it was (and, as the form was
        // posted from that page, says which form was done).
        let reply = app.send(sign_in("%2Fschools%3Fq%3Dx", "text/html")).await;
        assert_eq!(
            reply.headers[header::LOCATION],
            "/schools?q=x&done=sign_in",
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_newline_in_next_is_answered_safely() {
    for app in apps().await {
        let backend = app.backend;
        let request = post_form(
            "/api/sign_in",
            "email=teacher%40demo.equimark.test&password=equimark-demo&next=%2F%0Aevil",
            "text/html",
            None,
        );
        let router = app.router.clone();
        let answered = tokio::spawn(async move {
            use tower::ServiceExt;
            router.oneshot(request).await
        })
        .await;
        let response = answered
            .unwrap_or_else(|e| panic!("{backend}: the handler panicked: {e}"))
            .unwrap();
        assert!(response.status().is_redirection(), "{backend}");
        assert_eq!(response.headers()[header::LOCATION], "/", "{backend}");
        // An upload to an id with a newline, signed out, is sent to sign in.
        let upload = Request::post("/assessments/%0A/evidence")
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=x")
            .body(Body::from("--x--\r\n"))
            .unwrap();
        let reply = app.send(upload).await;
        assert!(reply.status.is_redirection(), "{backend}: {}", reply.status);
        let location = reply.headers[header::LOCATION].to_str().unwrap();
        assert_eq!(location, "/sign-in?next=%2Fassessments%2F%0A", "{backend}");
    }
}

// 6. Passwords are hashed off the request threads, and guesses in parallel
// are throttled as guesses in a row are.

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_passwords_are_throttled_like_serial_ones() {
    for app in apps().await {
        let backend = app.backend;
        let app = std::sync::Arc::new(app);
        let guesses: Vec<_> = (0..12)
            .map(|i| {
                let app = app.clone();
                tokio::spawn(async move {
                    let body =
                        format!("email=teacher%40demo.equimark.test&password=guess{i}&next=%2F");
                    app.call("sign_in", &body, None).await.status
                })
            })
            .collect();
        let mut refused = 0;
        for guess in guesses {
            if guess.await.unwrap() == StatusCode::UNAUTHORIZED {
                refused += 1;
            }
        }
        assert_eq!(
            refused,
            app::domain::audit::FAILED_SIGN_INS_PER_ACCOUNT,
            "{backend}: guesses checked against the password; the rest were throttled"
        );
    }
}

#[tokio::test]
async fn failed_reset_attempts_are_throttled_and_never_hashed() {
    for app in apps().await {
        let backend = app.backend;
        let mut answers = Vec::new();
        for i in 0..12 {
            let body = format!(
                "token={:064x}&password=a+good+new+password&confirm=a+good+new+password",
                i
            );
            answers.push(app.call("reset_password", &body, None).await.status);
        }
        let limit = app::domain::audit::FAILED_RESETS_PER_ADDRESS as usize;
        assert!(
            answers[..limit].iter().all(|s| *s == StatusCode::GONE),
            "{backend}: {answers:?}"
        );
        assert!(
            answers[limit..]
                .iter()
                .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
            "{backend}: {answers:?}"
        );
    }
}

// 7. Saves over someone else's newer words are refused, and nothing saves
// after a submit.

async fn cluster_id(app: &TestApp, cookie: &str) -> String {
    app.ok("clusters", "", cookie).await["clusters"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_stale_development_plan_save_is_refused_and_the_newer_plan_kept() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let id = cluster_id(&app, &lead).await;
        let view = app.ok("cluster", &format!("id={id}"), &lead).await;
        let version = view["development_plan_version"].as_u64().unwrap_or(1);
        let save = |plan: &str| format!("cluster={id}&plan={plan}&version={version}");
        app.ok("save_development_plan", &save("Plan+A"), &lead)
            .await;
        let stale = app
            .call("save_development_plan", &save("Plan+B"), Some(&lead))
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{backend}");
        let view = app.ok("cluster", &format!("id={id}"), &lead).await;
        assert_eq!(view["development_plan"], "Plan A", "{backend}");
        assert_eq!(view["development_plan_version"], version + 1, "{backend}");
    }
}

#[tokio::test]
async fn a_stale_annual_update_section_save_is_refused() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let teacher = app.sign_in(TEACHER).await;
        let id = cluster_id(&app, &lead).await;
        let section = |words: &str, version: u32| {
            format!(
                "cluster={id}&section[element]=teaching&section[progress]={words}&section[evidence]=&section[next_steps]=&section[version]={version}"
            )
        };
        app.ok(
            "save_update_section",
            &section("Teachers+words", 0),
            &teacher,
        )
        .await;
        let stale = app
            .call(
                "save_update_section",
                &section("Leads+words", 0),
                Some(&lead),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{backend}");
        let view = app.ok("cluster", &format!("id={id}"), &lead).await;
        let saved = view["update"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["element"] == "teaching")
            .unwrap()
            .clone();
        assert_eq!(saved["progress"], "Teachers words", "{backend}");
        app.ok("save_update_section", &section("Both+agree", 1), &lead)
            .await;
    }
}

#[tokio::test]
async fn a_stale_research_review_save_is_refused() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let teacher = app.sign_in(TEACHER).await;
        let id = cluster_id(&app, &lead).await;
        let riverside = app.demo_school(0).await;
        let start = format!(
            "cluster={id}&research[question]=Does+it+help%3F&research[elements][0]=teaching&research[schools][0]={riverside}&research[method]=Observe&research[findings]=&research[status]=under-way"
        );
        let activity: String =
            serde_json::from_value(app.ok("start_research", &start, &teacher).await).unwrap();
        let review = |words: &str, version: u32| {
            format!("cluster={id}&id={activity}&progress={words}&next_steps=More&version={version}")
        };
        app.ok("review_research", &review("Teachers+review", 0), &teacher)
            .await;
        let stale = app
            .call("review_research", &review("Leads+review", 0), Some(&lead))
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{backend}");
        let seen = app
            .ok(
                "research_activity",
                &format!("cluster={id}&id={activity}"),
                &lead,
            )
            .await;
        assert_eq!(
            seen["reviews"][0]["progress"], "Teachers review",
            "{backend}"
        );
    }
}

/// PostgreSQL only (SQLite's writers queue one at a time): a save that
/// started before a submit committed must not land after it.
#[tokio::test]
async fn an_answer_waiting_behind_a_submit_is_refused() {
    use sea_orm::{ConnectionTrait, Database, TransactionTrait};
    for app in apps().await {
        if app.backend != "postgres" {
            continue;
        }
        let coordinator = app.sign_in(COORDINATOR).await;
        let riverside = app.demo_school(0).await;
        let started = app
            .ok(
                "start_assessment",
                &format!("school={riverside}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school"),
                &coordinator,
            )
            .await;
        let assessment = started.as_str().unwrap().to_owned();
        let view = app
            .ok("assessment", &format!("id={assessment}"), &coordinator)
            .await;
        let indicator = view["framework"]["elements"][0]["indicators"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        // Another connection submits, and holds its transaction open.
        let other = Database::connect(&app.store.database_url()).await.unwrap();
        let txn = other.begin().await.unwrap();
        txn.execute_unprepared(&format!(
            "UPDATE self_assessment SET status = 'submitted' WHERE public_id = '{assessment}'"
        ))
        .await
        .unwrap();
        let app = std::sync::Arc::new(app);
        let saving = {
            let app = app.clone();
            let body = format!(
                "assessment={assessment}&indicator={indicator}&level=established&narrative=late&base_version=0"
            );
            tokio::spawn(async move { app.call("save_response", &body, Some(&coordinator)).await })
        };
        tokio::time::sleep(Duration::from_millis(300)).await;
        txn.commit().await.unwrap();
        let reply = saving.await.unwrap();
        assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
        let count = other
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DatabaseBackend::Postgres,
                format!(
                    "SELECT COUNT(*) AS n FROM response r JOIN self_assessment s \
                     ON r.assessment_id = s.id WHERE s.public_id = '{assessment}'"
                ),
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(count, 0, "nothing saved after the submit");
    }
}

// 8. Invitations can be revoked, and a removal ends the others.

#[tokio::test]
async fn a_pending_invitation_is_revoked_and_its_link_dies() {
    for app in apps().await {
        let backend = app.backend;
        let riverside = app.demo_school(0).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let teacher = app.sign_in(TEACHER).await;
        let body = format!("email=x%40riverside.example&role=teacher&school={riverside}");
        app.ok("invite", &body, &coordinator).await;
        let link = app
            .link_sent_to("x@riverside.example", "/invitations/")
            .await;
        let token = link.trim_start_matches("/invitations/");
        let pending = app
            .ok("school", &format!("id={riverside}"), &coordinator)
            .await;
        let invitation = pending["invitations"][0]["id"].as_str().unwrap().to_owned();
        let revoke = format!("invitation={invitation}");
        let refused = app.call("revoke_invitation", &revoke, Some(&teacher)).await;
        assert!(
            matches!(
                refused.status,
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
            ),
            "{backend}"
        );
        app.ok("revoke_invitation", &revoke, &coordinator).await;
        assert_eq!(
            app.call("invitation", &format!("token={token}"), None)
                .await
                .status,
            StatusCode::GONE,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_second_pending_invitation_does_not_bring_a_removed_member_back() {
    for app in apps().await {
        let backend = app.backend;
        let riverside = app.demo_school(0).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let body = format!("email=teo%40riverside.example&role=teacher&school={riverside}");
        app.ok("invite", &body, &coordinator).await;
        let first = app
            .link_sent_to("teo@riverside.example", "/invitations/")
            .await;
        let second_reply = app.call("invite", &body, Some(&coordinator)).await;
        assert_eq!(second_reply.status, StatusCode::OK, "{backend}");
        let second = app
            .link_sent_to("teo@riverside.example", "/invitations/")
            .await;
        let password = "a+long+enough+password";
        let accept = |link: &str| {
            format!(
                "token={}&name=Teo&password={password}&confirm={password}",
                link.trim_start_matches("/invitations/")
            )
        };
        app.ok_anonymous("accept_invitation", &accept(&second))
            .await;
        let people = members(&app, &riverside, &coordinator).await;
        let teo = account_with(&people, "teo@riverside.example", "teacher");
        app.ok(
            "remove_member",
            &format!("school={riverside}&account={teo}&role=teacher"),
            &coordinator,
        )
        .await;
        // The other link, still in Teo's mailbox, does not bring them back.
        let again = app.call("accept_invitation", &accept(&first), None).await;
        assert_eq!(again.status, StatusCode::GONE, "{backend}: {}", again.body);
        let teo_session = app
            .sign_in_with("teo@riverside.example", "a long enough password")
            .await;
        assert_eq!(
            app.call("school", &format!("id={riverside}"), Some(&teo_session))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
    }
}

// 9. Live board streams end with the session, are capped, and end at shutdown.

async fn open_stream(app: &TestApp, cluster: &str, cookie: &str) -> axum::response::Response {
    use tower::ServiceExt;
    let request = Request::get(format!("/clusters/{cluster}/events"))
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    app.router.clone().oneshot(request).await.unwrap()
}

/// The stream's body, if it ends within `wait`.
async fn ends_within(response: axum::response::Response, wait: Duration) -> Option<String> {
    let body = response.into_body();
    match tokio::time::timeout(wait, axum::body::to_bytes(body, 1 << 20)).await {
        Ok(Ok(bytes)) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        _ => None,
    }
}

#[tokio::test]
async fn a_board_stream_ends_when_its_session_does() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let teacher = app.sign_in(TEACHER).await;
        let id = cluster_id(&app, &lead).await;
        let view = app.ok("cluster", &format!("id={id}"), &lead).await;
        let column = view["board"][0]["id"].as_i64().unwrap();
        let stream = open_stream(&app, &id, &lead).await;
        assert_eq!(stream.status(), StatusCode::OK, "{backend}");
        app.ok("sign_out", "", &lead).await;
        let card = format!(
            "cluster={id}&school=&column={column}&card[title]=After+sign-out&card[body]=Words"
        );
        app.ok("add_card", &card, &teacher).await;
        let body = ends_within(stream, Duration::from_secs(5))
            .await
            .unwrap_or_else(|| panic!("{backend}: the stream outlived its session"));
        assert!(!body.contains("changed"), "{backend}: {body}");
    }
}

#[tokio::test]
async fn board_streams_are_capped_per_person() {
    for app in apps().await {
        let backend = app.backend;
        let lead = app.sign_in(LEAD).await;
        let id = cluster_id(&app, &lead).await;
        let mut open = Vec::new();
        for _ in 0..app::store::live::STREAMS_PER_PERSON {
            let stream = open_stream(&app, &id, &lead).await;
            assert_eq!(stream.status(), StatusCode::OK, "{backend}");
            open.push(stream);
        }
        let one_more = open_stream(&app, &id, &lead).await;
        assert_eq!(
            one_more.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "{backend}"
        );
        drop(open.pop());
        tokio::time::sleep(Duration::from_millis(50)).await;
        let again = open_stream(&app, &id, &lead).await;
        assert_eq!(
            again.status(),
            StatusCode::OK,
            "{backend}: a closed one frees its place"
        );
    }
}

#[tokio::test]
async fn a_server_with_an_open_board_stream_shuts_down() {
    let app = apps().await.remove(0);
    let lead = app.sign_in(LEAD).await;
    let id = cluster_id(&app, &lead).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app::http::serve(
        listener,
        app.router.clone(),
        app.store.clone(),
        async move {
            let _ = stopped.await;
        },
    ));
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(
            format!(
                "GET /clusters/{id}/events HTTP/1.1\r\nHost: localhost\r\nCookie: {lead}\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut head = [0u8; 64];
    let read = stream.read(&mut head).await.unwrap();
    assert!(String::from_utf8_lossy(&head[..read]).starts_with("HTTP/1.1 200"));
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server stopped within 5 s")
        .unwrap()
        .unwrap();
}

// 10. The smaller ones.

#[tokio::test]
async fn a_replaced_assessor_loses_the_school() {
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let assessor = app.sign_in(ASSESSOR).await;
        let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
        let assessment = queue["awaiting"][0]["assessment"]
            .as_str()
            .unwrap()
            .to_owned();
        let person = |name: &str| -> String {
            queue["assessors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["name"] == name)
                .unwrap()["account"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (asha, mo) = (person("Asha Assessor"), person("Mo Moderator"));
        let assign =
            |lead: &str| format!("assessment={assessment}&lead={lead}&second=&due_on=2030-01-31");
        app.ok("assign_review", &assign(&asha), &admin).await;
        let reviewing = app
            .call("assessment", &format!("id={assessment}"), Some(&assessor))
            .await;
        assert_eq!(reviewing.status, StatusCode::OK, "{backend}");
        app.ok("assign_review", &assign(&mo), &admin).await;
        let replaced = app
            .call("assessment", &format!("id={assessment}"), Some(&assessor))
            .await;
        assert_eq!(replaced.status, StatusCode::NOT_FOUND, "{backend}");
    }
}

#[tokio::test]
async fn member_strengths_are_for_the_clusters_members_only() {
    use app::store::generate::GenerateOptions;
    for app in apps().await {
        let backend = app.backend;
        // A generated network's clusters have signed-off reviews behind them.
        app.store
            .generate_network(
                GenerateOptions {
                    schools: 10,
                    seed: 7,
                },
                |_, _| {},
            )
            .await
            .unwrap();
        let admin = app.sign_in(ADMIN).await;
        let hillcrest = app.sign_in(HILLCREST).await;
        let listed = app.ok("clusters", "", &admin).await;
        let generated = listed["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] != "Yorkshire Inclusion Cluster")
            .unwrap_or_else(|| panic!("{backend}: a generated cluster in {listed}"))["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let shown = |view: &Value| -> usize {
            view["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["strengths"].as_array().map_or(0, Vec::len))
                .sum()
        };
        let readers = app.ok("cluster", &format!("id={generated}"), &admin).await;
        assert!(
            shown(&readers) > 0,
            "{backend}: those who read the board see strengths"
        );
        let outsider = app
            .ok("cluster", &format!("id={generated}"), &hillcrest)
            .await;
        assert_eq!(shown(&outsider), 0, "{backend}: {outsider}");
    }
}

#[tokio::test]
async fn the_client_address_is_the_one_our_proxy_saw() {
    for app in apps_with(|s| s.trust_forwarded = true).await {
        let backend = app.backend;
        let request = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("x-forwarded-for", "6.6.6.6")
            .header("x-forwarded-for", "198.51.100.7, 10.0.0.7")
            .body(Body::from(
                "email=teacher%40demo.equimark.test&password=wrong&next=%2F",
            ))
            .unwrap();
        assert_eq!(app.send(request).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(newest_audit(&app).await.ip, "10.0.0.7", "{backend}");
        let junk = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-for", "<script>")
            .body(Body::from(
                "email=teacher%40demo.equimark.test&password=wrong&next=%2F",
            ))
            .unwrap();
        app.send(junk).await;
        assert_eq!(newest_audit(&app).await.ip, "unknown", "{backend}");
    }
}

#[tokio::test]
async fn a_file_name_in_any_alphabet_is_sent_as_rfc_5987_says_and_every_file_is_sandboxed() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let address = app
            .upload_evidence("política 报告.pdf", b"%PDF-1.7\nx\n%%EOF\n")
            .await;
        let reply = app.get(&address, Some(&coordinator)).await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}");
        let disposition = reply.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("a header of visible ASCII");
        assert!(
            disposition.contains("filename*=UTF-8''pol%C3%ADtica%20%E6%8A%A5%E5%91%8A.pdf"),
            "{backend}: {disposition}"
        );
        let policy = reply.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            policy.split(';').any(|d| d.trim() == "sandbox"),
            "{backend}: {policy}"
        );
    }
}

#[tokio::test]
async fn https_brings_hsts_and_a_host_only_session_cookie() {
    for app in apps_with(|s| {
        s.public_url = "https://equimark.example".to_owned();
        s.secure_cookies = true;
    })
    .await
    {
        let backend = app.backend;
        let reply = app.get("/healthz", None).await;
        assert!(
            reply.headers[header::STRICT_TRANSPORT_SECURITY]
                .to_str()
                .unwrap()
                .starts_with("max-age="),
            "{backend}"
        );
        let signed_in = app
            .call(
                "sign_in",
                "email=teacher%40demo.equimark.test&password=equimark-demo&next=%2F",
                None,
            )
            .await;
        let cookie = signed_in
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("__Host-equimark_session="))
            .unwrap_or_else(|| panic!("{backend}: {:?}", signed_in.headers))
            .to_owned();
        assert!(
            cookie.contains("; Secure") && cookie.contains("Path=/"),
            "{cookie}"
        );
        let pair = cookie.split(';').next().unwrap();
        assert_eq!(
            app.status("list_schools", "", pair).await,
            StatusCode::OK,
            "{backend}"
        );
    }
    // Over plain http (the demo) the cookie keeps its plain name.
    let app = apps().await.remove(0);
    assert!(app
        .get("/healthz", None)
        .await
        .headers
        .get(header::STRICT_TRANSPORT_SECURITY)
        .is_none());
    let _ = json("{}");
}
