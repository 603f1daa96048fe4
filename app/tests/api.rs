//! The JSON API for scripts: the OpenAPI document names every server
//! function, and personal access tokens call the API as their owner,
//! within their scope, until revoked, on both backends.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::web::{apps, enc, json, post_form, Reply, TestApp};

const COORDINATOR: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";

/// Calls the API as a script does: a form, JSON back, a token, no cookie.
async fn with_token(app: &TestApp, endpoint: &str, body: &str, token: &str) -> Reply {
    let mut request = post_form(&format!("/api/{endpoint}"), body, "application/json", None);
    request.headers_mut().insert(
        header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    app.send(request).await
}

async fn make_token(app: &TestApp, cookie: &str, name: &str, scope: &str) -> String {
    let made = app
        .ok(
            "create_access_token",
            &format!("name={}&scope={scope}", enc(name)),
            cookie,
        )
        .await;
    let secret = made["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("eqm_"), "{made}");
    secret
}

#[tokio::test]
async fn every_server_function_is_in_the_openapi_document() {
    let app = apps().await.remove(0);
    let reply = app.get("/api/openapi.json", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let document = json(&reply.body);
    assert_eq!(document["openapi"], "3.1.0");
    let registered: Vec<(&str, _)> = leptos::server_fn::axum::server_fn_paths().collect();
    assert!(
        registered.len() > 90,
        "{} server functions",
        registered.len()
    );
    for (path, method) in registered {
        let operation = &document["paths"][path][method.as_str().to_lowercase()];
        assert!(
            operation.is_object(),
            "{method} {path} is not in the OpenAPI document: add it to api_access/catalog.rs"
        );
        assert!(operation["summary"].is_string(), "{path}");
        assert!(operation["x-token-scope"].is_string(), "{path}");
        assert!(
            operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
                .is_object(),
            "{path}"
        );
    }
    // What a script needs most is described field by field.
    let save = &document["paths"]["/api/save_response"]["post"];
    let input = &save["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"];
    let input = match input["$ref"].as_str() {
        Some(name) => &document["components"]["schemas"][name.rsplit('/').next().unwrap()],
        None => input,
    };
    for field in ["assessment", "indicator"] {
        assert!(input["properties"][field].is_object(), "{field} in {input}");
    }
    assert_eq!(
        document["paths"]["/api/sign_in"]["post"]["x-token-scope"],
        "browser"
    );
    assert!(document["paths"]["/api/sign_in"]["post"]["security"].is_null());
    assert_eq!(
        document["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );

    // The reference page lists them too, in both languages.
    for language in ["en", "zh"] {
        let reply = app
            .get("/api/docs", Some(&format!("i18n_pref_locale={language}")))
            .await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("/api/save_response"), "{language}");
    }
}

#[tokio::test]
async fn a_token_acts_as_its_owner_within_its_scope_until_revoked() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let reader = make_token(&app, &coordinator, "Nightly export", "read").await;
        let writer = make_token(&app, &coordinator, "Sync", "read_write").await;

        // A read token reads, as the coordinator.
        let reply = with_token(&app, "home", "", &reader).await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        assert!(json(&reply.body)["schools"].is_array(), "{backend}");
        let reply = with_token(&app, "list_frameworks", "", &reader).await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}");

        // It never changes anything, and never reaches browser-only operations.
        let school = app.demo_school(0).await;
        let start = format!(
            "school={school}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school"
        );
        let reply = with_token(&app, "start_assessment", &start, &reader).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{backend}: {}",
            reply.body
        );
        for endpoint in ["create_access_token", "change_password", "sign_out"] {
            let reply = with_token(&app, endpoint, "name=x&scope=read_write", &writer).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{backend}: {endpoint}");
        }

        // A read-and-change token changes, with its owner's roles only.
        let reply = with_token(&app, "start_assessment", &start, &writer).await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        let add = "name=Token+School&phase=primary&city=York&learners=100";
        let reply = with_token(&app, "add_school", add, &writer).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{backend}: only admins add schools"
        );

        // The profile lists both, with when they were used, never a secret.
        let listed = app.call("access_tokens", "", Some(&coordinator)).await;
        assert!(!listed.body.contains(&reader[4..]), "{backend}");
        let listed = json(&listed.body);
        assert_eq!(listed.as_array().unwrap().len(), 2, "{backend}");
        assert!(listed[0]["last_used_at"].is_string(), "{backend}: {listed}");

        // Someone else cannot revoke it; its owner can, and it stops at once.
        let id = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "Nightly export")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let teacher = app.sign_in(TEACHER).await;
        let status = app
            .status("revoke_access_token", &format!("token={id}"), &teacher)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{backend}");
        app.ok("revoke_access_token", &format!("token={id}"), &coordinator)
            .await;
        let reply = with_token(&app, "home", "", &reader).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{backend}");
        assert_eq!(reply.headers[header::WWW_AUTHENTICATE], "Bearer");
        let reply = with_token(&app, "home", "", "eqm_not-a-token").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{backend}");
        let reply = with_token(&app, "home", "", &writer).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{backend}: the other still works"
        );

        // The refusals and the token's life are in the audit log.
        let admin = app.sign_in("admin@demo.equimark.test").await;
        let query = "query[action]=access_token_revoked&query[actor]=&query[object]=&query[page]=0";
        let log = app.ok("audit_log", query, &admin).await;
        assert!(log.to_string().contains(&id), "{backend}: {log}");
    }
}

#[tokio::test]
async fn a_form_posted_without_javascript_makes_no_token() {
    for app in apps().await {
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let request = post_form(
            "/api/create_access_token",
            "name=Hidden&scope=read",
            "text/html",
            Some(&coordinator),
        );
        let reply = app.send(request).await;
        assert!(reply.status.is_redirection(), "{backend}: {}", reply.status);
        let listed = app.ok("access_tokens", "", &coordinator).await;
        assert_eq!(listed, serde_json::json!([]), "{backend}");

        // A bad name is refused with what to do.
        let reply = app
            .call(
                "create_access_token",
                "name=+&scope=read",
                Some(&coordinator),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");
        let reply = app
            .call(
                "create_access_token",
                "name=x&scope=admin",
                Some(&coordinator),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}");

        // A token means nothing on a page: pages take the session.
        let request = Request::get("/profile")
            .header(header::AUTHORIZATION, "Bearer eqm_whatever")
            .body(Body::empty())
            .unwrap();
        assert_eq!(app.send(request).await.status, StatusCode::OK, "{backend}");
    }
}
