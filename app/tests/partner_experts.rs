//! Partner experts (university staff working with an alliance), through the
//! server functions on both backends: invited by a certification admin for
//! a network, they read its figures and dashboard and the practice library,
//! take part in the research of the clusters its schools belong to, and do
//! nothing more: no school's records, no board, no requests to answer, no
//! other network.

mod common;

use axum::http::StatusCode;
use common::web::{apps, enc};

const EXPERT: &str = "expert@demo.equimark.test";
const ADMIN: &str = "admin@demo.equimark.test";

#[tokio::test]
async fn a_partner_expert_reads_the_dashboard_and_takes_part_in_research_and_nothing_more() {
    for app in apps().await {
        let backend = app.backend;
        let expert = app.sign_in(EXPERT).await;
        let networks = app.ok("list_networks", "", &expert).await;
        assert_eq!(
            networks.as_array().unwrap().len(),
            1,
            "{backend}: {networks}"
        );
        let network = networks[0]["id"].as_str().unwrap().to_owned();

        // The network's figures and dashboard, and the practice library.
        let detail = app.ok("network", &format!("id={network}"), &expert).await;
        assert_eq!(detail["figures"]["schools"], 3, "{backend}");
        assert_eq!(detail["may_admit"], false, "{backend}");
        assert!(detail["candidates"].is_null(), "{backend}: no admin tools");
        let cluster = detail["research_clusters"][0][0]
            .as_str()
            .unwrap_or_else(|| panic!("{backend}: the demo cluster's research: {detail}"))
            .to_owned();
        app.ok(
            "network_dashboard",
            &format!("network={network}&region="),
            &expert,
        )
        .await;
        app.ok("practice_library", "", &expert).await;

        // The cluster's research: read it, start a project, add a key step.
        let research = app
            .ok("cluster_research", &format!("cluster={cluster}"), &expert)
            .await;
        let activity = research["activities"][0]["id"].as_str().unwrap().to_owned();
        app.ok(
            "research_activity",
            &format!("cluster={cluster}&id={activity}"),
            &expert,
        )
        .await;
        app.ok(
            "add_research_step",
            &format!(
                "cluster={cluster}&id={activity}&step[description]={}&step[people]={}&step[starts_on]=&step[ends_on]=",
                enc("Interview the teachers about the new seating plans"),
                enc("Parveen Partner")
            ),
            &expert,
        )
        .await;
        let started = app
            .ok(
                "start_research",
                &format!(
                    "cluster={cluster}&research[question]={}&research[method]=&research[findings]=&research[status]=planned&research[flagship]=",
                    enc("Does pre-teaching vocabulary help new arrivals take part?")
                ),
                &expert,
            )
            .await;
        assert!(started.is_string(), "{backend}: {started}");
        let activity_view = app
            .ok(
                "research_activity",
                &format!("cluster={cluster}&id={activity}"),
                &expert,
            )
            .await;
        assert!(
            activity_view.to_string().contains("Interview the teachers"),
            "{backend}: {activity_view}"
        );

        // Nothing more: the board stays closed, schools' records are not
        // found, requests to join are not theirs to answer.
        let view = app.ok("cluster", &format!("id={cluster}"), &expert).await;
        assert!(view["board"].is_null(), "{backend}: no board: {view}");
        let school = app.demo_school(0).await;
        for (endpoint, body) in [
            ("school", format!("id={school}")),
            ("nonconformities", format!("school={school}")),
            ("surveys", format!("school={school}")),
            ("network_requests", format!("network={network}")),
        ] {
            let status = app.status(endpoint, &body, &expert).await;
            assert!(
                matches!(status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{backend}: {endpoint} answered {status}"
            );
        }
        let system = app::store::audit::Actor {
            account: None,
            email: "test".into(),
            ip: "local".into(),
        };
        let (_, other) = app
            .store
            .create_network("Another Alliance", &system)
            .await
            .unwrap();
        assert_eq!(
            app.status("network", &format!("id={other}"), &expert).await,
            StatusCode::NOT_FOUND,
            "{backend}: another network"
        );
    }
}

#[tokio::test]
async fn an_admin_invites_a_partner_expert_for_a_network() {
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let network = app.store.list_networks(None).await.unwrap()[0].id.clone();
        let invite =
            |email: &str, role: &str| format!("network={network}&email={}&role={role}", enc(email));
        assert_eq!(
            app.status(
                "invite_network_admin",
                &invite("x@uni.example", "admin"),
                &admin
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: only the network's roles"
        );
        let network_admin = app.sign_in("network@demo.equimark.test").await;
        assert_eq!(
            app.status(
                "invite_network_admin",
                &invite("x@uni.example", "partner_expert"),
                &network_admin
            )
            .await,
            StatusCode::FORBIDDEN,
            "{backend}: certification admins invite"
        );
        app.ok(
            "invite_network_admin",
            &invite("li.min@uni.example", "partner_expert"),
            &admin,
        )
        .await;
        let link = app
            .link_sent_to("li.min@uni.example", "/invitations/")
            .await;
        let token = link.trim_start_matches("/invitations/");
        let accepted = app
            .call(
                "accept_invitation",
                &format!("token={token}&name=Li+Min&password=a+long+enough+password&confirm=a+long+enough+password"),
                None,
            )
            .await;
        assert_eq!(
            accepted.status,
            StatusCode::OK,
            "{backend}: {}",
            accepted.body
        );
        let cookie = accepted.session_cookie().expect("signed in on accepting");
        let networks = app.ok("list_networks", "", &cookie).await;
        assert_eq!(networks[0]["id"], network.as_str(), "{backend}: {networks}");
        let detail = app.ok("network", &format!("id={network}"), &cookie).await;
        assert!(
            !detail["research_clusters"].as_array().unwrap().is_empty(),
            "{backend}: {detail}"
        );
        assert!(
            app.audited("invitation_created", "partner_expert").await,
            "{backend}"
        );
    }
}
