//! What wraps every request: the session and its client address, the
//! cross-site check, the status of refused server functions, what a form
//! post without JavaScript did, caching of the bundle, the language switch,
//! the page's content security policy and the health check.

use super::state::{
    cookie, language_cookie, session_cookie, session_cookie_name, AppState, Session, SESSION_COOKIE,
};
use crate::domain::AuditAction;
use crate::error::AppError;
use crate::store::audit::Change;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::net::SocketAddr;

/// Caching for `/pkg`: files named by their content never change, so
/// browsers keep them for a year without asking again; anything else there
/// is checked each time (`Last-Modified` answers 304 when unchanged).
pub(super) async fn cache_static_files(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let cache = path.strip_prefix("/pkg/").map(|file| {
        if file.starts_with(&format!("{}-", crate::OUTPUT_NAME)) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    });
    let mut response = next.run(request).await;
    if let Some(cache) = cache {
        if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        }
    }
    response
}

/// Sets the language cookie and goes back to the page, for people without
/// JavaScript. The cookie is the one the i18n context reads.
pub(super) async fn switch_language(
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> impl IntoResponse {
    let code = if code == "zh" { "zh" } else { "en" };
    // Only paths on this site: never an open redirect.
    let next =
        crate::domain::account::safe_next(query.get("next").map_or("/", String::as_str)).to_owned();
    (
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, language_cookie(code)),
            (header::LOCATION, next),
        ],
    )
}

/// A form posted without JavaScript (every form outside an island) goes
/// back to its page when its server function succeeds: when it lands on the
/// page it was posted from, the address says which form was done,
/// `?done=ENDPOINT`, so the page can say so (see
/// `components::forms::action_done`). A refusal goes back with its error
/// (`__path`, `__err`), only the latest one however often the form is tried.
pub(super) async fn say_what_was_done(request: Request, next: Next) -> Response {
    let posted = request.method() == Method::POST && crate::error::accepts_html(request.headers());
    let endpoint = request
        .uri()
        .path()
        .strip_prefix("/api/")
        .filter(|_| posted)
        .map(str::to_owned);
    let from = request
        .headers()
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .map(|r| crate::model::path_of(r).to_owned());
    let mut response = next.run(request).await;
    let Some(endpoint) = endpoint else {
        return response;
    };
    if !response.status().is_redirection() {
        return response;
    }
    let refused = response.headers().contains_key("serverfnerror");
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
    else {
        return response;
    };
    let location = if refused {
        crate::model::with_latest_error(location)
    } else if from.as_deref() == Some(crate::model::path_of(location)) {
        crate::model::with_done(location, &endpoint)
    } else {
        return response;
    };
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Server functions answer every failure with 500 and the encoded error,
/// including requests that never reached our code (a malformed body). This
/// gives each the status of its [`AppError`], so clients and logs see 400,
/// 403, 404 or 422 rather than a blanket 500.
pub(super) async fn server_fn_error_status(response: Response) -> Response {
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

/// The OpenAPI 3.1 document of the JSON API (see `api_access`).
pub(super) async fn openapi_document() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::api_access::openapi::document(),
    )
}

pub(super) async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

/// The policy for pages: our own files, this response's inline scripts,
/// compiling our wasm, and nothing from anywhere else.
pub(super) fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Reads the session cookie and puts the request's [`Session`] into it.
pub(super) async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let ip = client_ip(&request, state.settings.trust_forwarded);
    if let Some(secret) = bearer_token(&request) {
        return with_token(&state, request, next, secret, ip).await;
    }
    // Over https the cookie has its `__Host-` name; one set before the
    // switch to https keeps working until it is replaced.
    let token = cookie(request.headers(), session_cookie_name(&state.settings))
        .or_else(|| cookie(request.headers(), SESSION_COOKIE));
    let mut clear_cookie = false;
    let signed_in = match token {
        Some(token) => match state.store.session(&token).await {
            Ok(found) => {
                clear_cookie = found.is_none();
                found
            }
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                return unavailable(request.headers());
            }
        },
        None => None,
    };
    request.extensions_mut().insert(Session { signed_in, ip });
    let mut response = next.run(request).await;
    if clear_cookie && !response.headers().contains_key(header::SET_COOKIE) {
        if let Ok(value) = HeaderValue::from_str(&session_cookie(None, &state.settings)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// A personal access token sent to the API as `Authorization: Bearer …`.
/// Elsewhere (pages, files) a token means nothing: they take the session.
fn bearer_token(request: &Request) -> Option<String> {
    if !request.uri().path().starts_with("/api/") {
        return None;
    }
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (kind, secret) = value.split_once(' ')?;
    kind.eq_ignore_ascii_case("bearer")
        .then(|| secret.trim().to_owned())
        .filter(|s| !s.is_empty() && s.len() <= 128)
}

/// An API call made with a token: it acts as the token's owner, with
/// their roles as they are now, if the token is live and its scope allows
/// the operation (`domain::access`). A refusal is audited like any other.
async fn with_token(
    state: &AppState,
    mut request: Request,
    next: Next,
    secret: String,
    ip: String,
) -> Response {
    let holder = match state.store.token_holder(&secret).await {
        Ok(Some(holder)) => holder,
        Ok(None) => {
            let mut response = api_error(AppError::Unauthenticated);
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
        Err(error) => {
            tracing::error!(%error, "access token lookup failed");
            return unavailable(request.headers());
        }
    };
    let session = Session {
        signed_in: Some(holder.signed_in),
        ip,
    };
    let path = request.uri().path().to_owned();
    let kind = crate::api_access::catalog::kind_of(&path);
    if kind.is_some_and(|kind| !crate::domain::access::token_permits(holder.scope, kind)) {
        let mut change = Change::new(AuditAction::AccessDenied, "request", &path);
        change.after = Some(serde_json::json!({
            "reason": "outside the access token's scope",
            "scope": holder.scope.as_str(),
        }));
        if let Err(error) = state.store.record_refusal(&session.actor(), change).await {
            tracing::error!(%error, "could not record a refused request");
        }
        return api_error(AppError::Forbidden);
    }
    request.extensions_mut().insert(session);
    next.run(request).await
}

/// An error answered to an API caller: its status and the JSON error, as
/// server functions answer theirs.
fn api_error(error: AppError) -> Response {
    let body = serde_json::to_string(&error).unwrap_or_default();
    (
        error.status(),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// The answer while the database cannot be reached: a short page for a
/// browser, the error a server function's caller reads otherwise. Either
/// way 503, at once, and nothing is lost.
fn unavailable(headers: &HeaderMap) -> Response {
    let wants_page = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_page {
        let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
            <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
            <title>Equimark is unavailable for a moment</title></head><body><main>\
            <h1>Equimark is unavailable for a moment</h1>\
            <p>The service cannot reach its database. Nothing you did is lost: try again in a minute.</p>\
            <p lang=\"zh\">服务暂时无法连接数据库。您的操作没有丢失：请一分钟后再试。</p>\
            </main></body></html>";
        let mut response =
            (StatusCode::SERVICE_UNAVAILABLE, axum::response::Html(page)).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        return response;
    }
    let mut response = api_error(AppError::Unavailable);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
    response
}

fn client_ip(request: &Request, trust_forwarded: bool) -> String {
    if trust_forwarded {
        // The load balancer appends the address it saw: the last entry of
        // the last header. Earlier ones come from the client, who may
        // write anything there.
        let headers = request.headers().get_all("x-forwarded-for");
        if let Some(last) = headers.iter().next_back() {
            return last
                .to_str()
                .ok()
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok())
                .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Refuses state-changing requests that a browser says came from another
/// site (cross-site request forgery). Browsers send `Sec-Fetch-Site` on
/// every request, and `Origin` on every POST; requests without either are
/// not from a browser, and carry no ambient cookies worth forging. Session
/// cookies are also `SameSite=Lax`.
pub(super) async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_site(request.headers()) {
        return next.run(request).await;
    }
    if let Some(session) = request.extensions().get::<Session>() {
        let mut change = Change::new(AuditAction::AccessDenied, "request", request.uri().path());
        change.after = Some(serde_json::json!({ "reason": "cross-site request" }));
        if let Err(error) = state.store.record_refusal(&session.actor(), change).await {
            tracing::error!(%error, "could not record a refused request");
        }
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (
        StatusCode::FORBIDDEN,
        "This request came from another site, so it was refused. Go back to Equimark and try again.",
    )
        .into_response()
}

fn is_same_site(headers: &HeaderMap) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, origin_host)| origin_host == host),
        (Some(_), None) => false,
    }
}

/// Sends a person who is not signed in to sign in, then on to `next`.
pub(super) fn sign_in_first(next: &str) -> Response {
    Redirect::to(&format!(
        "/sign-in?next={}",
        crate::model::query_value(next)
    ))
    .into_response()
}
