//! Two app servers on one PostgreSQL, as behind a load balancer: both may
//! start (migrate, and seed the demo) at once, a session made through one works on the
//! other, and a board change made on one reaches the other's viewers.
//! PostgreSQL only: SQLite is one server's file.

mod common;

use app::http::{router, AppState, Settings};
use app::store::Store;
use axum::http::StatusCode;
use common::web::TestApp;
use leptos::prelude::LeptosOptions;
use sea_orm::{ConnectionTrait, Database};
use std::time::Duration;

fn server(store: Store) -> TestApp {
    TestApp {
        backend: "postgres",
        store: store.clone(),
        router: router(AppState {
            leptos_options: LeptosOptions::builder()
                .output_name(app::OUTPUT_NAME)
                .site_root(std::env::temp_dir().display().to_string())
                .site_pkg_dir("pkg")
                .build(),
            store,
            settings: Settings {
                public_url: "http://localhost".to_owned(),
                secure_cookies: false,
                trust_forwarded: false,
                contact_email: None,
            },
        }),
    }
}

#[tokio::test]
async fn two_app_servers_share_one_postgresql() {
    let Ok(admin_url) = std::env::var("EQUIMARK_TEST_POSTGRES_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must test PostgreSQL");
        eprintln!("note: EQUIMARK_TEST_POSTGRES_URL is not set; nothing to scale out");
        return;
    };
    let name = format!("equimark_scale_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(&admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(b, _)| b);
    let url = format!("{base}/{name}");

    // Both start on an empty database at the same moment.
    let (a, b) = tokio::join!(Store::connect(&url), Store::connect(&url));
    let (a, b) = (a.unwrap(), b.unwrap());
    let (migrated_a, migrated_b) = tokio::join!(a.migrate(), b.migrate());
    migrated_a.expect("the first server migrates");
    migrated_b.expect("the second server migrates (after the first, under the lock)");
    // Both seed the demo at once: one does, the other finds it done.
    let (seeded_a, seeded_b) = tokio::join!(a.seed_demo(), b.seed_demo());
    let mut seeded = [
        seeded_a.expect("the first seeds"),
        seeded_b.expect("the second seeds"),
    ];
    seeded.sort_by_key(|s| matches!(s, app::store::seed::Seeded::AlreadyPresent));
    assert!(
        matches!(
            seeded,
            [
                app::store::seed::Seeded::Fresh,
                app::store::seed::Seeded::AlreadyPresent
            ]
        ),
        "one seeds, the other finds it seeded"
    );
    let (one, two) = (server(a), server(b));

    // Signed in through one, known to the other.
    let cookie = one.sign_in("lead@demo.equimark.test").await;
    let me = two.ok("current_person", "", &cookie).await;
    assert_eq!(me["viewer"]["email"], "lead@demo.equimark.test");
    // Signed out through the other, gone from both.
    assert_eq!(two.status("sign_out", "", &cookie).await, StatusCode::OK);
    let gone = one.call("current_person", "", Some(&cookie)).await;
    assert_eq!(common::web::json(&gone.body), serde_json::Value::Null);

    // A board change on one server reaches the viewers of the other.
    let cookie = one.sign_in("lead@demo.equimark.test").await;
    let clusters = one.ok("clusters", "", &cookie).await;
    let cluster = clusters["clusters"][0]["id"].as_str().unwrap().to_owned();
    let view = one.ok("cluster", &format!("id={cluster}"), &cookie).await;
    let column = view["board"][0]["id"].as_i64().unwrap();
    let mut heard = two.store.board_events().subscribe();
    tokio::time::sleep(Duration::from_millis(300)).await;
    one.ok(
        "add_card",
        &format!("cluster={cluster}&school=&column={column}&card[title]=Across&card[body]="),
        &cookie,
    )
    .await;
    let notice = tokio::time::timeout(Duration::from_secs(5), heard.recv()).await;
    assert_eq!(notice.ok().and_then(Result::ok), Some(cluster));

    // Each server keeps its dashboard figures; a school added through the
    // other is counted all the same.
    let admin = one.sign_in("admin@demo.equimark.test").await;
    let schools = |view: &serde_json::Value| -> u64 {
        view["regions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["schools"].as_u64().unwrap())
            .sum()
    };
    let before = schools(
        &one.ok("network_dashboard", "network=&region=", &admin)
            .await,
    );
    two.ok(
        "add_school",
        "name=Across+Town+Primary&phase=primary&city=Hull&learners=120",
        &admin,
    )
    .await;
    let after = schools(
        &one.ok("network_dashboard", "network=&region=", &admin)
            .await,
    );
    assert_eq!(after, before + 1);
}
