//! The HTTP surface: Leptos pages and server functions, the no-JavaScript
//! language switch, a health check, static files, compression. Server only.

use crate::error::AppError;
use crate::store::Store;
use crate::{shell, App};
use axum::extract::{FromRef, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::collections::HashMap;
use std::sync::OnceLock;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The whole application as an axum router.
pub fn router(state: AppState) -> Router {
    let store = state.store.clone();
    let context = move || provide_context(store.clone());
    let routes = route_list();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/lang/{code}", get(switch_language))
        .route("/healthz", get(health))
        .route("/frameworks/{id}/{version}/export", get(export_framework))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::map_response(server_fn_error_status))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CompressionLayer::new())
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

/// Sets the language cookie and goes back to the page, for people without
/// JavaScript. The cookie is the one the i18n context reads.
async fn switch_language(
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> impl IntoResponse {
    let code = if code == "zh" { "zh" } else { "en" };
    // Only same-site paths: never an open redirect.
    let next = query
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .cloned()
        .unwrap_or_else(|| "/".to_owned());
    (
        StatusCode::SEE_OTHER,
        [
            (
                header::SET_COOKIE,
                format!("i18n_pref_locale={code}; Path=/; Max-Age=31536000; SameSite=Lax"),
            ),
            (header::LOCATION, next),
        ],
    )
}

/// Server functions answer every failure with 500 and the encoded error,
/// including requests that never reached our code (a malformed body). This
/// gives each the status of its [`AppError`], so clients and logs see 400,
/// 403, 404 or 422 rather than a blanket 500.
async fn server_fn_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A published framework version as the file it was published from.
async fn export_framework(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
) -> Result<impl IntoResponse, StatusCode> {
    let source = state
        .store
        .framework_source(&id, &version)
        .await
        .map_err(|e| AppError::from(e).status())?;
    let safe = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect::<String>()
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-{}.toml\"",
                    safe(&id),
                    safe(&version)
                ),
            ),
        ],
        source,
    ))
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
