//! Accounts end to end through the router: sign-in, sessions, invitations,
//! password reset, throttling, the cross-site check and security headers.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::web::{apps, enc, TestApp};

const ADMIN: &str = "admin@demo.equimark.test";
const COORDINATOR: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";

async fn audit_actions(app: &TestApp) -> Vec<String> {
    app.store
        .audit_log(&Default::default())
        .await
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test]
async fn signing_in_sets_a_safe_cookie_and_a_wrong_password_says_nothing_about_the_account() {
    for app in apps().await {
        let backend = app.backend;
        let reply = app
            .call(
                "sign_in",
                "email=Admin%40Demo.Equimark.Test&password=equimark-demo&next=%2Fschools",
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        assert!(reply.body.contains("/schools"));
        let set_cookie = reply.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(set_cookie.contains(flag), "{backend}: {set_cookie}");
        }
        let wrong = app
            .call(
                "sign_in",
                "email=admin%40demo.equimark.test&password=nope&next=%2F",
                None,
            )
            .await;
        let unknown = app
            .call(
                "sign_in",
                "email=nobody%40demo.equimark.test&password=nope&next=%2F",
                None,
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.status, unknown.status);
        assert_eq!(
            wrong.body, unknown.body,
            "{backend}: the same answer either way"
        );
        assert!(wrong.session_cookie().is_none());
        // Never back to another site after signing in.
        let away = app
            .call(
                "sign_in",
                "email=admin%40demo.equimark.test&password=equimark-demo&next=%2F%2Fevil.example",
                None,
            )
            .await;
        assert_eq!(away.body, "\"/\"");
        let actions = audit_actions(&app).await;
        assert!(actions.contains(&"signed_in".to_owned()));
        assert_eq!(actions.iter().filter(|a| *a == "sign_in_failed").count(), 2);
    }
}

#[tokio::test]
async fn repeated_failures_throttle_sign_in_for_that_account_even_with_the_right_password() {
    for app in apps().await {
        for _ in 0..5 {
            let reply = app
                .call(
                    "sign_in",
                    "email=teacher%40demo.equimark.test&password=guess&next=%2F",
                    None,
                )
                .await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        }
        let right = app
            .call(
                "sign_in",
                "email=teacher%40demo.equimark.test&password=equimark-demo&next=%2F",
                None,
            )
            .await;
        assert_eq!(
            right.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            app.backend
        );
        assert!(right.session_cookie().is_none());
        // Another account is not affected.
        app.sign_in(COORDINATOR).await;
    }
}

#[tokio::test]
async fn signing_out_ends_the_session_and_everywhere_ends_them_all() {
    for app in apps().await {
        let first = app.sign_in(TEACHER).await;
        let second = app.sign_in(TEACHER).await;
        assert_eq!(
            app.call("list_schools", "", Some(&first)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.call("sign_out", "", Some(&first)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.call("list_schools", "", Some(&first)).await.status,
            StatusCode::UNAUTHORIZED,
            "{}",
            app.backend
        );
        let third = app.sign_in(TEACHER).await;
        assert_eq!(
            app.call("sign_out_everywhere", "", Some(&third))
                .await
                .status,
            StatusCode::OK
        );
        for cookie in [&second, &third] {
            assert_eq!(
                app.call("list_schools", "", Some(cookie)).await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        // A stale cookie is cleared on the next request.
        let reply = app.get("/", Some(&second)).await;
        assert!(reply.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0"));
    }
}

#[tokio::test]
async fn an_admin_invites_a_coordinator_who_invites_a_teacher_who_sees_only_their_school() {
    for app in apps().await {
        let backend = app.backend;
        let oak = app.demo_school(2).await;
        let admin = app.sign_in(ADMIN).await;
        let reply = app
            .call(
                "invite",
                &format!("email=New.Coordinator%40oak.example&role=coordinator&school={oak}"),
                Some(&admin),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        let link = app
            .link_sent_to("new.coordinator@oak.example", "/invitations/")
            .await;
        let token = link.trim_start_matches("/invitations/");
        // The page shows the invitation.
        let page = app.get(&link, None).await;
        assert!(
            page.body.contains("new.coordinator@oak.example"),
            "{backend}"
        );
        // Bad input first: nothing is created.
        let bad = app
            .call(
                "accept_invitation",
                &format!("token={token}&name=&password=short&confirm=short"),
                None,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("\"missing\"") && bad.body.contains("password_too_short"),
            "{}",
            bad.body
        );
        assert!(app
            .store
            .credentials("new.coordinator@oak.example")
            .await
            .unwrap()
            .is_none());
        let accepted = app
            .call(
                "accept_invitation",
                &format!("token={token}&name=Nia+New&password=a+long+enough+password&confirm=a+long+enough+password"),
                None,
            )
            .await;
        assert_eq!(
            accepted.status,
            StatusCode::OK,
            "{backend}: {}",
            accepted.body
        );
        let coordinator = accepted.session_cookie().expect("signed in on accepting");
        // The link works once.
        let again = app
            .call(
                "accept_invitation",
                &format!("token={token}&name=Nia+New&password=a+long+enough+password&confirm=a+long+enough+password"),
                None,
            )
            .await;
        assert_eq!(again.status, StatusCode::GONE);
        // The new coordinator invites a teacher to their school.
        let reply = app
            .call(
                "invite",
                &format!("email=teo%40oak.example&role=teacher&school={oak}"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        // ...but may not invite a coordinator.
        let refused = app
            .call(
                "invite",
                &format!("email=x%40oak.example&role=coordinator&school={oak}"),
                Some(&coordinator),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let link = app.link_sent_to("teo@oak.example", "/invitations/").await;
        let token = link.trim_start_matches("/invitations/");
        let accepted = app
            .call(
                "accept_invitation",
                &format!("token={token}&name=Teo&password=another+fine+password&confirm=another+fine+password"),
                None,
            )
            .await;
        let teacher = accepted.session_cookie().expect("teacher signed in");
        let schools = app.call("list_schools", "", Some(&teacher)).await;
        assert!(schools.body.contains("Oak Tree Special School"));
        assert!(
            !schools.body.contains("Riverside"),
            "{backend}: {}",
            schools.body
        );
        let riverside = app.demo_school(0).await;
        let other = app
            .call("school", &format!("id={riverside}"), Some(&teacher))
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{backend}");
        let actions = audit_actions(&app).await;
        for expected in [
            "invitation_created",
            "invitation_accepted",
            "membership_added",
            "access_denied",
        ] {
            assert!(
                actions.contains(&expected.to_owned()),
                "{backend}: {expected} in {actions:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_removed_member_loses_access_on_their_next_request() {
    for app in apps().await {
        let riverside = app.demo_school(0).await;
        let teacher = app.sign_in(TEACHER).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let detail = app
            .call("school", &format!("id={riverside}"), Some(&coordinator))
            .await;
        let teacher_id = {
            let json: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
            json["members"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["email"] == TEACHER)
                .unwrap()["account"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            app.call("school", &format!("id={riverside}"), Some(&teacher))
                .await
                .status,
            StatusCode::OK
        );
        let body = format!("school={riverside}&account={teacher_id}&role=teacher");
        assert_eq!(
            app.call("remove_member", &body, Some(&coordinator))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            app.call("school", &format!("id={riverside}"), Some(&teacher))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{}",
            app.backend
        );
        // Removing again (say, from a second tab) is a clear "not found".
        assert_eq!(
            app.call("remove_member", &body, Some(&coordinator))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_password_reset_link_works_once_and_signs_out_everywhere() {
    for app in apps().await {
        let backend = app.backend;
        let old_session = app.sign_in(TEACHER).await;
        for email in [TEACHER, "nobody@demo.equimark.test"] {
            let reply = app
                .call(
                    "request_password_reset",
                    &format!("email={}", enc(email)),
                    None,
                )
                .await;
            assert_eq!(
                reply.status,
                StatusCode::OK,
                "{backend}: same answer for {email}"
            );
        }
        let bad_email = app
            .call("request_password_reset", "email=not-an-email", None)
            .await;
        assert_eq!(bad_email.status, StatusCode::UNPROCESSABLE_ENTITY);
        let link = app.link_sent_to(TEACHER, "/reset-password/").await;
        let token = link.trim_start_matches("/reset-password/");
        let short = app
            .call(
                "reset_password",
                &format!("token={token}&password=short&confirm=short"),
                None,
            )
            .await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        let body =
            format!("token={token}&password=a+brand+new+password&confirm=a+brand+new+password");
        assert_eq!(
            app.call("reset_password", &body, None).await.status,
            StatusCode::OK,
            "{backend}"
        );
        assert_eq!(
            app.call("reset_password", &body, None).await.status,
            StatusCode::GONE
        );
        assert_eq!(
            app.call("list_schools", "", Some(&old_session))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let signed_in = app
            .call(
                "sign_in",
                "email=teacher%40demo.equimark.test&password=a+brand+new+password&next=%2F",
                None,
            )
            .await;
        assert_eq!(signed_in.status, StatusCode::OK);
        // Resets are throttled per account.
        for _ in 0..3 {
            app.call(
                "request_password_reset",
                "email=coordinator%40demo.equimark.test",
                None,
            )
            .await;
        }
        let throttled = app
            .call(
                "request_password_reset",
                "email=coordinator%40demo.equimark.test",
                None,
            )
            .await;
        assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn a_cross_site_request_is_refused_and_changes_nothing() {
    for app in apps().await {
        let riverside = app.demo_school(0).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let forged = Request::post("/api/update_school")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, &coordinator)
            .header(header::ORIGIN, "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .body(Body::from(format!(
                "id={riverside}&region=Forged&contact_email="
            )))
            .unwrap();
        let reply = app.send(forged).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", app.backend);
        assert!(reply.body.contains("another site"));
        let school = app.store.school(&riverside).await.unwrap().unwrap();
        assert_eq!(school.region, "", "nothing changed");
        assert!(audit_actions(&app)
            .await
            .contains(&"access_denied".to_owned()));
        // The same request from our own pages goes through.
        let same_site = Request::post("/api/update_school")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &coordinator)
            .header(header::ORIGIN, "http://localhost")
            .header(header::HOST, "localhost")
            .body(Body::from(format!(
                "id={riverside}&region=E12000003&contact_email=office%40riverside.example"
            )))
            .unwrap();
        let reply = app.send(same_site).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let school = app.store.school(&riverside).await.unwrap().unwrap();
        assert_eq!(school.region, "E12000003");
    }
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_with_a_fresh_nonce() {
    let app = apps().await.remove(0);
    let csp = |reply: &common::web::Reply| {
        reply.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let first = app.get("/", None).await;
    let second = app.get("/", None).await;
    let policy = csp(&first);
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("'wasm-unsafe-eval'"));
    assert!(!policy.contains("unsafe-inline"));
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    assert!(
        first.body.contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry it"
    );
    assert_ne!(policy, csp(&second), "a new nonce per response");
    assert_eq!(first.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let api = app.call("current_person", "", None).await;
    assert!(csp(&api).contains("default-src 'none'"));
}

#[tokio::test]
async fn a_framework_file_is_imported_by_an_admin_only() {
    for app in apps().await {
        let source = app::domain::framework_file::SHIPPED[1]
            .1
            .replace("version = \"2026.2\"", "version = \"2026.3\"");
        let multipart = |cookie: &str, content: &str| {
            let boundary = "XyZboundary";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fw.toml\"\r\n\
                 Content-Type: application/toml\r\n\r\n{content}\r\n--{boundary}--\r\n"
            );
            Request::post("/admin/frameworks/import")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .header(header::COOKIE, cookie)
                .body(Body::from(body))
                .unwrap()
        };
        let coordinator = app.sign_in(COORDINATOR).await;
        let refused = app.send(multipart(&coordinator, &source)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", app.backend);
        let admin = app.sign_in(ADMIN).await;
        let broken = app.send(multipart(&admin, "format = 1\n")).await;
        let location = broken.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            location.starts_with("/admin/frameworks/import?problem=invalid"),
            "{location}"
        );
        let published = app.send(multipart(&admin, &source)).await;
        let location = published.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(location.contains("/2026.3"), "{}: {location}", app.backend);
        let again = app.send(multipart(&admin, &source)).await;
        assert!(again.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("problem=exists"));
        assert_eq!(app.store.list_frameworks().await.unwrap().len(), 4);
        assert!(audit_actions(&app)
            .await
            .contains(&"framework_published".to_owned()));
    }
}
