//! A school asks to join a network and the network's admin answers,
//! through the server functions on both backends: who may ask and answer,
//! what is refused (and with which status), a request answered twice, the
//! school counted in the network once accepted, each side notified in its
//! language, and every step audited.

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc};

/// The Shanghai school's coordinator (reads in Chinese); the school is
/// outside the demo network.
const ZHOU: &str = "zhou@demo.equimark.test";
const NETWORK_ADMIN: &str = "network@demo.equimark.test";
const RIVERSIDE: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";

#[tokio::test]
async fn a_school_asks_to_join_and_the_networks_admin_accepts() {
    for app in apps().await {
        let backend = app.backend;
        let shanghai = app.demo_school(3).await;
        let riverside = app.demo_school(0).await;
        let zhou = app.sign_in(ZHOU).await;
        let nadia = app.sign_in(NETWORK_ADMIN).await;
        let network = app.store.list_networks(None).await.unwrap()[0].id.clone();
        let ask = |school: &str, network: &str, message: &str| {
            format!("school={school}&network={network}&message={}", enc(message))
        };

        // What the school may ask to join: the demo network.
        let view = app
            .ok("school_networks", &format!("school={shanghai}"), &zhou)
            .await;
        assert_eq!(view["may_ask"], true, "{backend}: {view}");
        assert_eq!(view["member_of"], serde_json::json!([]), "{backend}");
        assert_eq!(
            view["may_join"][0][0],
            network.as_str(),
            "{backend}: {view}"
        );

        // Refusals: a made-up network, a message too long, a teacher, a
        // coordinator of another school, a school in the network already.
        let long = "校".repeat(1001);
        for (body, cookie, status) in [
            (
                ask(&shanghai, "no-such-network", ""),
                &zhou,
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                ask(&shanghai, &network, &long),
                &zhou,
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                ask(&shanghai, &network, ""),
                &app.sign_in(RIVERSIDE).await,
                StatusCode::NOT_FOUND,
            ),
            (
                ask(&riverside, &network, ""),
                &app.sign_in(TEACHER).await,
                StatusCode::FORBIDDEN,
            ),
            (
                ask(&riverside, &network, ""),
                &app.sign_in(RIVERSIDE).await,
                StatusCode::CONFLICT,
            ),
        ] {
            assert_eq!(
                app.status("ask_to_join_network", &body, cookie).await,
                status,
                "{backend}: {body}"
            );
        }
        assert!(
            app.ok("network_requests", &format!("network={network}"), &nadia)
                .await["requests"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{backend}: nothing refused was kept"
        );

        // The school asks; asking again while it waits is refused.
        let message = "我们希望与联盟学校分享随班就读的经验。";
        let request = app
            .ok(
                "ask_to_join_network",
                &ask(&shanghai, &network, message),
                &zhou,
            )
            .await;
        let request = request.as_str().unwrap().to_owned();
        assert_eq!(
            app.status(
                "ask_to_join_network",
                &ask(&shanghai, &network, "again"),
                &zhou
            )
            .await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        let view = app
            .ok("school_networks", &format!("school={shanghai}"), &zhou)
            .await;
        assert_eq!(view["requests"][0]["state"], "pending", "{backend}: {view}");
        assert_eq!(
            view["may_join"],
            serde_json::json!([]),
            "{backend}: waiting, not offered again"
        );
        assert!(
            app.audited("network_join_asked", &shanghai).await,
            "{backend}"
        );

        // The network's admin hears of it, in English, and reads it.
        let heard = app.ok("notifications", "", &nadia).await;
        assert_eq!(
            heard["items"][0]["kind"], "join_requested",
            "{backend}: {heard}"
        );
        assert!(heard["items"][0]["link"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/networks/{network}/requests")));
        let waiting = app
            .ok("network_requests", &format!("network={network}"), &nadia)
            .await;
        assert_eq!(
            waiting["requests"][0]["id"],
            request.as_str(),
            "{backend}: {waiting}"
        );
        assert_eq!(waiting["requests"][0]["message"], message, "{backend}");
        assert_eq!(waiting["requests"][0]["school_city"], "上海", "{backend}");
        // Her home page counts the request waiting; the partner expert's
        // does not (they answer none).
        let home = app.ok("home", "", &nadia).await;
        assert_eq!(
            home["join_requests"],
            serde_json::json!([{ "network": network, "name": "Northern Inclusion Alliance", "waiting": 1 }]),
            "{backend}: {home}"
        );
        let expert = app.sign_in("expert@demo.equimark.test").await;
        assert_eq!(
            app.ok("home", "", &expert).await["join_requests"],
            serde_json::json!([]),
            "{backend}"
        );

        // Only that network's admins (and certification admins) answer it.
        let answer = |answer: &str| format!("network={network}&request={request}&answer={answer}");
        for (cookie, status) in [
            (&zhou, StatusCode::NOT_FOUND),
            (&app.sign_in(RIVERSIDE).await, StatusCode::NOT_FOUND),
        ] {
            assert_eq!(
                app.status("answer_network_request", &answer("accept"), cookie)
                    .await,
                status,
                "{backend}"
            );
        }
        assert_eq!(
            app.status("answer_network_request", &answer("maybe"), &nadia)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert_eq!(
            app.status(
                "answer_network_request",
                &format!("network={network}&request=made-up&answer=accept"),
                &nadia
            )
            .await,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let before = app
            .store
            .network(&network)
            .await
            .unwrap()
            .unwrap()
            .figures
            .schools;
        app.ok("answer_network_request", &answer("accept"), &nadia)
            .await;
        // Answered once: a second answer (another admin's, a moment later) is refused.
        assert_eq!(
            app.status("answer_network_request", &answer("decline"), &nadia)
                .await,
            StatusCode::CONFLICT,
            "{backend}"
        );
        let after = app.store.network(&network).await.unwrap().unwrap().figures;
        assert_eq!(
            after.schools,
            before + 1,
            "{backend}: the school counts in the network"
        );
        assert!(
            app.audited("network_join_accepted", &shanghai).await,
            "{backend}"
        );
        let home = app.ok("home", "", &nadia).await;
        assert_eq!(
            home["join_requests"],
            serde_json::json!([]),
            "{backend}: answered"
        );

        // The school's coordinator hears of it in Chinese, and sees it.
        let heard = app.ok("notifications", "", &zhou).await;
        assert_eq!(
            heard["items"][0]["kind"], "join_answered",
            "{backend}: {heard}"
        );
        assert!(
            heard["items"][0]["headline"]
                .as_str()
                .unwrap()
                .contains("已接受"),
            "{backend}: {heard}"
        );
        let view = app
            .ok("school_networks", &format!("school={shanghai}"), &zhou)
            .await;
        assert_eq!(
            view["member_of"][0][0],
            network.as_str(),
            "{backend}: {view}"
        );
        assert_eq!(view["requests"][0]["state"], "accepted", "{backend}");
        assert_eq!(
            view["requests"][0]["answered_by"], "Nadia Network",
            "{backend}"
        );
        assert_eq!(
            app.status("ask_to_join_network", &ask(&shanghai, &network, ""), &zhou)
                .await,
            StatusCode::CONFLICT,
            "{backend}: a member does not ask"
        );
    }
}

#[tokio::test]
async fn a_declined_school_may_ask_again() {
    for app in apps().await {
        let backend = app.backend;
        let shanghai = app.demo_school(3).await;
        let zhou = app.sign_in(ZHOU).await;
        let admin = app.sign_in("admin@demo.equimark.test").await;
        let system = app::store::audit::Actor {
            account: None,
            email: "test".into(),
            ip: "local".into(),
        };
        // A network with no admin of its own: certification admins answer.
        let (_, network) = app
            .store
            .create_network("Yangtze Alliance", &system)
            .await
            .unwrap();
        let ask = format!("school={shanghai}&network={network}&message=");
        let first = app.ok("ask_to_join_network", &ask, &zhou).await;
        let answer = |id: &serde_json::Value, a: &str| {
            format!(
                "network={network}&request={}&answer={a}",
                id.as_str().unwrap()
            )
        };
        assert_eq!(
            app.status(
                "answer_network_request",
                &answer(&first, "decline"),
                &app.sign_in(NETWORK_ADMIN).await
            )
            .await,
            StatusCode::NOT_FOUND,
            "{backend}: another network's admin"
        );
        app.ok("answer_network_request", &answer(&first, "decline"), &admin)
            .await;
        assert!(
            app.audited("network_join_declined", &shanghai).await,
            "{backend}"
        );
        let view = app
            .ok("school_networks", &format!("school={shanghai}"), &zhou)
            .await;
        assert_eq!(
            view["requests"][0]["state"], "declined",
            "{backend}: {view}"
        );
        assert_eq!(view["member_of"], serde_json::json!([]), "{backend}");
        assert!(
            view["may_join"].to_string().contains(&network),
            "{backend}: offered again"
        );

        // Asking again reopens the same request; this time it is accepted.
        let second = app.ok("ask_to_join_network", &ask, &zhou).await;
        assert_eq!(
            second, first,
            "{backend}: one request per school and network"
        );
        let view = app
            .ok("school_networks", &format!("school={shanghai}"), &zhou)
            .await;
        assert_eq!(view["requests"][0]["state"], "pending", "{backend}: {view}");
        assert_eq!(
            view["requests"][0]["answered_by"],
            serde_json::Value::Null,
            "{backend}"
        );
        app.ok("answer_network_request", &answer(&second, "accept"), &admin)
            .await;
        let view = app
            .ok("school_networks", &format!("school={shanghai}"), &zhou)
            .await;
        assert!(
            view["member_of"].to_string().contains(&network),
            "{backend}: {view}"
        );
    }
}

#[tokio::test]
async fn a_plain_form_post_comes_back_to_the_page_it_came_from() {
    use axum::http::header;
    for app in apps().await {
        let backend = app.backend;
        let shanghai = app.demo_school(3).await;
        let zhou = app.sign_in(ZHOU).await;
        let network = app.store.list_networks(None).await.unwrap()[0].id.clone();
        let body = format!("school={shanghai}&network={network}&message=");
        let reply = app
            .send(common::web::post_form(
                "/api/ask_to_join_network",
                &body,
                "text/html",
                Some(&zhou),
            ))
            .await;
        assert!(reply.status.is_redirection(), "{backend}: {}", reply.status);
        let location = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert!(
            location.starts_with(&format!("/schools/{shanghai}/networks")),
            "{backend}: {location}"
        );
    }
}
