//! The HTTP surface: Leptos pages and server functions, sessions, the
//! cross-site request check and security headers, the no-JavaScript language
//! switch, framework import and export, evidence and card files, the live
//! board, a health check, static files, compression. Server only.
//!
//! This module assembles the router; each part lives in its own file.

mod board_stream;
mod files;
mod frameworks;
mod middleware;
pub mod state;

use frameworks::IMPORT_LIMIT_BYTES;
pub use state::{
    language_cookie, session_cookie, AppState, Session, Settings, SECURE_SESSION_COOKIE,
    SESSION_COOKIE,
};

use board_stream::board_events;
use files::{attach_to_card, download_card_file, download_evidence, upload_evidence};
use frameworks::{export_framework, framework_script, import_framework};
use middleware::{
    cache_static_files, health, load_session, openapi_document, page_policy, refuse_cross_site,
    say_what_was_done, server_fn_error_status, switch_language,
};

use crate::store::Store;
use crate::{shell, App};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::net::SocketAddr;
use std::sync::OnceLock;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

/// Serves `app` on `listener` until `shutdown` resolves. Then the live
/// board streams end, so the requests in flight finish and it returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    store: Store,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        store.close_live_streams();
    })
    .await
}

/// The whole application as an axum router.
pub fn router(state: AppState) -> Router {
    let store = state.store.clone();
    let settings = state.settings.clone();
    let context = move || {
        provide_context(store.clone());
        provide_context(settings.clone());
        // Pages get a Content-Security-Policy naming this response's nonce,
        // which Leptos puts on its own inline scripts; nothing else inline runs.
        if let (Some(nonce), Some(response)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) {
            if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
                response.insert_header(header::CONTENT_SECURITY_POLICY, value);
            }
        }
    };
    let routes = route_list();
    let options = state.leptos_options.clone();
    // Over https, browsers are told to come back over https only.
    let transport_security = SetResponseHeaderLayer::if_not_present(
        header::STRICT_TRANSPORT_SECURITY,
        state
            .settings
            .secure_cookies
            .then(|| HeaderValue::from_static("max-age=31536000")),
    );
    Router::new()
        .route("/lang/{code}", get(switch_language))
        .route("/healthz", get(health))
        .route("/api/openapi.json", get(openapi_document))
        .route("/frameworks/{id}/{version}/export", get(export_framework))
        .route(
            "/frameworks/{id}/{version}/framework.js",
            get(framework_script),
        )
        .route(
            "/assessments/{id}/evidence",
            post(upload_evidence).layer(DefaultBodyLimit::max(
                crate::domain::evidence_file::MAX_FILE_BYTES + 256 * 1024,
            )),
        )
        .route("/evidence/{id}/file", get(download_evidence))
        .route("/clusters/{id}/events", get(board_events))
        .route(
            "/clusters/{id}/cards/{card}/files",
            post(attach_to_card).layer(DefaultBodyLimit::max(
                crate::domain::evidence_file::MAX_FILE_BYTES + 256 * 1024,
            )),
        )
        .route("/card-files/{id}", get(download_card_file))
        .merge(crate::downloads::routes())
        .merge(crate::report::pdf::routes())
        .route(
            "/admin/frameworks/import",
            post(import_framework).layer(DefaultBodyLimit::max(IMPORT_LIMIT_BYTES + 64 * 1024)),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::map_response(server_fn_error_status))
        .layer(axum::middleware::from_fn(say_what_was_done))
        .layer(axum::middleware::from_fn(cache_static_files))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            load_session,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(transport_security)
        // Pages are compressed as they are served, so at a fast level (brotli
        // and gzip 1): level 4, the default, cost a quarter of a page's CPU time
        // under load for 12% fewer bytes. The bundle and stylesheet are
        // compressed once, at the best level, when the site is built.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(1)))
        .with_state(state)
}

/// The app's routes, worked out once per process. Working them out renders
/// the app with resource loading suppressed process-wide, and a page being
/// rendered at that moment on another thread would wait forever for its data
/// (leptos issue 4773): so never while serving, and never twice.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The bundle's file name stem in `site_root`: `equimark-HASH` when the
/// build named its files by their content (`pkg/build.txt` holds the hash),
/// else plain `equimark`.
pub fn output_name(site_root: &str) -> String {
    let hash = std::fs::read_to_string(std::path::Path::new(site_root).join("pkg/build.txt"))
        .unwrap_or_default();
    let hash = hash.trim();
    if (8..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        format!("{}-{hash}", crate::OUTPUT_NAME)
    } else {
        crate::OUTPUT_NAME.to_owned()
    }
}
