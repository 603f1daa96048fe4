//! The HTTP surface through the real router and server functions, on both backends.

mod common;

use app::http::{router, AppState};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

async fn apps() -> Vec<(&'static str, app::store::Store, Router)> {
    let mut all = Vec::new();
    for db in common::databases().await {
        db.store.seed_demo().await.unwrap();
        let options = LeptosOptions::builder()
            .output_name(app::OUTPUT_NAME)
            .site_root(std::env::temp_dir().display().to_string())
            .site_pkg_dir("pkg")
            .build();
        let store = db.store.clone();
        // The test database directory must outlive the router.
        std::mem::forget(db);
        all.push((
            if store.backend_name() == "SQLite" {
                "sqlite"
            } else {
                "postgres"
            },
            store.clone(),
            router(AppState {
                leptos_options: options,
                store,
            }),
        ));
    }
    all
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app
        .clone()
        .oneshot(request)
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), 4 << 20)
        .await
        .expect("body");
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post_form(uri: &str, body: &str, accept: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, accept)
        .header(header::REFERER, "http://localhost/schools")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test]
async fn pages_are_rendered_on_the_server() {
    for (backend, _, app) in apps().await {
        let (status, _, html) = send(&app, get("/schools")).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert!(
            html.contains("Riverside Primary School"),
            "{backend}: school names are in the HTML"
        );
        assert!(
            html.contains("<html lang=\"en\""),
            "{backend}: the language is set on the page"
        );
        assert!(
            html.contains("/pkg/equimark.js"),
            "{backend}: the page loads its script"
        );
        let (status, _, html) = send(&app, get("/frameworks/inclusion-quality/2026.1")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Teaching and learning"), "{backend}");
    }
}

#[tokio::test]
async fn the_scoring_calculator_is_computed_on_the_server_from_the_query() {
    let (_, _, app) = apps().await.remove(0);
    let (_, _, html) = send(&app, get("/frameworks/inclusion-quality/2026.1/try")).await;
    assert!(
        html.contains("data-testid=\"overall\">0.0%"),
        "nothing rated scores 0"
    );
    let (_, _, html) = send(
        &app,
        get("/frameworks/inclusion-quality/2026.1/try?leadership-vision=embedded"),
    )
    .await;
    assert!(
        !html.contains("data-testid=\"overall\">0.0%"),
        "one rating moves the score"
    );
}

#[tokio::test]
async fn the_language_comes_from_the_browser_and_the_cookie() {
    for (backend, _, app) in apps().await {
        let request = Request::get("/frameworks/inclusion-quality/2026.1")
            .header(header::ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9")
            .body(Body::empty())
            .unwrap();
        let (_, _, html) = send(&app, request).await;
        assert!(html.contains("<html lang=\"zh\""), "{backend}");
        assert!(
            html.contains("教学"),
            "{backend}: framework text in Chinese"
        );
        let request = Request::get("/")
            .header(header::COOKIE, "i18n_pref_locale=zh")
            .body(Body::empty())
            .unwrap();
        let (_, _, html) = send(&app, request).await;
        assert!(
            html.contains("学校"),
            "{backend}: the remembered choice wins"
        );
    }
}

#[tokio::test]
async fn the_language_switch_works_without_javascript_and_never_redirects_away() {
    let (_, _, app) = apps().await.remove(0);
    let (status, headers, _) = send(&app, get("/lang/zh?next=/schools")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/schools");
    assert!(headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .starts_with("i18n_pref_locale=zh;"));
    let (_, headers, _) = send(&app, get("/lang/zh?next=//evil.example")).await;
    assert_eq!(headers[header::LOCATION], "/");
}

#[tokio::test]
async fn adding_a_school_stores_it() {
    for (backend, store, app) in apps().await {
        let before = store.count_schools().await.unwrap();
        let body = "name=Maple+Grove+School&phase=secondary&city=Bristol&learners=640";
        let (status, _, json) =
            send(&app, post_form("/api/add_school", body, "application/json")).await;
        assert_eq!(status, StatusCode::OK, "{backend}: {json}");
        assert!(json.contains("Maple Grove School"));
        assert_eq!(store.count_schools().await.unwrap(), before + 1);
    }
}

#[tokio::test]
async fn a_bad_school_is_refused_with_field_messages_and_nothing_stored() {
    for (backend, store, app) in apps().await {
        let before = store.count_schools().await.unwrap();
        let long = "x".repeat(121);
        for body in [
            "name=&phase=primary&city=Leeds&learners=10".to_owned(),
            format!("name={long}&phase=primary&city=Leeds&learners=10"),
            "name=Riverside+Primary+School&phase=primary&city=Leeds&learners=10".to_owned(),
        ] {
            let (status, _, json) = send(
                &app,
                post_form("/api/add_school", &body, "application/json"),
            )
            .await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {json}"
            );
            assert!(json.contains("InvalidSchool"), "{json}");
        }
        assert_eq!(
            store.count_schools().await.unwrap(),
            before,
            "{backend}: nothing stored"
        );
    }
}

#[tokio::test]
async fn a_form_post_without_javascript_comes_back_to_the_page_with_the_error() {
    let (_, _, app) = apps().await.remove(0);
    let (status, headers, _) = send(
        &app,
        post_form(
            "/api/add_school",
            "name=&phase=primary&city=Leeds&learners=10",
            "text/html",
        ),
    )
    .await;
    assert!(status.is_redirection(), "{status}");
    let location = headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with("http://localhost/schools?"),
        "{location}"
    );
    assert!(location.contains("__err="), "{location}");
    // The page it comes back to shows the message next to the field.
    let path = location.trim_start_matches("http://localhost");
    let (_, _, html) = send(&app, get(path)).await;
    assert!(
        html.contains("Enter the school&#x27;s name") || html.contains("Enter the school's name"),
        "{html}"
    );
}

#[tokio::test]
async fn a_malformed_request_is_refused() {
    let (_, _, app) = apps().await.remove(0);
    let (status, _, _) = send(
        &app,
        post_form("/api/add_school", "name=Only+a+name", "application/json"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_framework_exports_as_the_file_it_was_published_from() {
    for (backend, _, app) in apps().await {
        let (status, headers, body) =
            send(&app, get("/frameworks/inclusion-quality/2026.1/export")).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert!(headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("inclusion-quality-2026.1.toml"));
        assert_eq!(body, app::domain::framework_file::SHIPPED[0].1);
        let (status, _, _) = send(&app, get("/frameworks/nope/1/export")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn an_unknown_page_is_a_404_page() {
    let (_, _, app) = apps().await.remove(0);
    let (status, _, html) = send(&app, get("/no-such-page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
    let (status, _, _) = send(&app, get("/frameworks/nope/1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
