//! The emails about an account itself go out in the person's language:
//! an invitation in the language the inviter chose (their own unless they
//! choose another; an existing account's own), and the account it makes
//! reads Equimark in it; a password reset in the account's language. Both
//! backends.

mod common;

use common::web::apps;

const RIVERSIDE: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";

/// The newest message to `recipient`: its subject and body.
async fn last_to(app: &common::web::TestApp, recipient: &str) -> (String, String) {
    let mail = app
        .store
        .outbox(1000)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.recipient == recipient)
        .unwrap_or_else(|| panic!("{}: no message to {recipient}", app.backend));
    (mail.subject, mail.body)
}

#[tokio::test]
async fn invitations_and_resets_are_written_in_the_persons_language() {
    for app in apps().await {
        let backend = app.backend;
        let school = app.demo_school(0).await;
        let coordinator = app.sign_in(RIVERSIDE).await;

        // Chosen on the form: Chinese.
        app.ok(
            "invite",
            &format!("email=lin%40example.org&role=teacher&school={school}&language=zh"),
            &coordinator,
        )
        .await;
        let (subject, body) = last_to(&app, "lin@example.org").await;
        assert_eq!(subject, "邀请您加入 Equimark", "{backend}");
        assert!(
            body.contains("以教师身份加入 Equimark"),
            "{backend}: {body}"
        );
        // Accepted, the new account reads Equimark in that language.
        let link = app.link_sent_to("lin@example.org", "/invitations/").await;
        let token = link.trim_start_matches("/invitations/");
        let accepted = app
            .call(
                "accept_invitation",
                &format!("token={token}&name=Lin+Hua&password=a+long+enough+pass&confirm=a+long+enough+pass"),
                None,
            )
            .await;
        assert_eq!(
            accepted.status,
            axum::http::StatusCode::OK,
            "{backend}: {}",
            accepted.body
        );
        let lin = app
            .store
            .credentials("lin@example.org")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(lin.preferred_language, "zh", "{backend}");

        // Not chosen: the inviter's own language.
        app.ok(
            "invite",
            &format!("email=sam%40example.org&role=teacher&school={school}"),
            &coordinator,
        )
        .await;
        let (subject, _) = last_to(&app, "sam@example.org").await;
        assert_eq!(subject, "You are invited to Equimark", "{backend}");
        // A language Equimark does not speak is refused.
        assert_eq!(
            app.status(
                "invite",
                &format!("email=kim%40example.org&role=teacher&school={school}&language=fr"),
                &coordinator,
            )
            .await,
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );

        // A reset goes out in the account's language.
        let teacher = app.sign_in(TEACHER).await;
        app.ok("update_profile", "name=Tara+Teacher&language=zh", &teacher)
            .await;
        let reply = app
            .call(
                "request_password_reset",
                "email=teacher%40demo.equimark.test",
                None,
            )
            .await;
        assert_eq!(
            reply.status,
            axum::http::StatusCode::OK,
            "{backend}: {}",
            reply.body
        );
        let (subject, body) = last_to(&app, TEACHER).await;
        assert_eq!(subject, "重置您的 Equimark 密码", "{backend}");
        assert!(body.starts_with("Tara Teacher，您好"), "{backend}: {body}");
    }
}
