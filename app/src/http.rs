//! The HTTP surface: Leptos pages and server functions, sessions, the
//! cross-site request check and security headers, the no-JavaScript language
//! switch, framework import and export, a health check, static files,
//! compression. Server only.

use crate::domain::{Action, AuditAction};
use crate::error::AppError;
use crate::store::accounts::SignedIn;
use crate::store::audit::{Actor, Change};
use crate::store::Store;
use crate::{shell, App};
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, FromRef, Multipart, Path, Query, Request, State,
};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::OnceLock;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub settings: Settings,
}

/// Deployment settings the handlers need.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The address people use, without a trailing slash: for links in emails.
    pub public_url: String,
    /// Mark cookies `Secure` (served over https).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For`.
    pub trust_forwarded: bool,
}

/// The session cookie's name over plain http (the demo, and tests).
pub const SESSION_COOKIE: &str = "equimark_session";
/// Its name over https: the `__Host-` prefix makes browsers refuse it
/// unless it is `Secure`, for the whole site and from this host only.
pub const SECURE_SESSION_COOKIE: &str = "__Host-equimark_session";

fn session_cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The request's sign-in state, put into the request by [`load_session`]
/// and read by server functions and routes.
#[derive(Clone, Debug)]
pub struct Session {
    pub signed_in: Option<SignedIn>,
    /// The client's network address, for the audit log and throttling.
    pub ip: String,
}

impl Session {
    /// Who the audit log should name for this request.
    pub fn actor(&self) -> Actor {
        Actor {
            account: self.signed_in.as_ref().map(|s| s.viewer.account.clone()),
            email: self
                .signed_in
                .as_ref()
                .map(|s| s.viewer.email.clone())
                .unwrap_or_else(|| "anonymous".to_owned()),
            ip: self.ip.clone(),
        }
    }
}

/// The `Set-Cookie` value that remembers the interface language for a year,
/// in the cookie the i18n context reads.
pub fn language_cookie(code: &str) -> String {
    format!("i18n_pref_locale={code}; Path=/; Max-Age=31536000; SameSite=Lax")
}

/// The `Set-Cookie` value that stores (or, with `None`, clears) a session.
pub fn session_cookie(token: Option<&str>, settings: &Settings) -> String {
    let name = session_cookie_name(settings);
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    match token {
        Some(token) => format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            crate::store::accounts::SESSION_IDLE_DAYS * 24 * 3600
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

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

/// Caching for `/pkg`: files named by their content never change, so
/// browsers keep them for a year without asking again; anything else there
/// is checked each time (`Last-Modified` answers 304 when unchanged).
async fn cache_static_files(request: Request, next: Next) -> Response {
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
async fn switch_language(
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
async fn say_what_was_done(request: Request, next: Next) -> Response {
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

/// The script that brings one framework version to a page before it
/// hydrates (see [`crate::framework_script`]). Asked for at its current
/// address (with the hash of what it serves), it may be kept for a year;
/// at any other, it is checked each time.
async fn framework_script(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<impl IntoResponse, StatusCode> {
    use crate::framework_script::{script_address, script_text};
    let fw = state
        .store
        .framework(&id, &version)
        .await
        .map_err(|e| AppError::from(e).status())?;
    let address = script_address(&fw);
    let current = query
        .get("h")
        .is_some_and(|h| address.ends_with(&format!("?h={h}")));
    let text = script_text(&address, &fw).map_err(|error| {
        tracing::error!(%error, "could not write a framework script");
        StatusCode::INTERNAL_SERVER_ERROR
    })?;
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Ok((
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        text,
    ))
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

/// The policy for pages: our own files, this response's inline scripts,
/// compiling our wasm, and nothing from anywhere else.
fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Reads the session cookie and puts the request's [`Session`] into it.
async fn load_session(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let ip = client_ip(&request, state.settings.trust_forwarded);
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
    let body = serde_json::to_string(&AppError::Unavailable).unwrap_or_default();
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::RETRY_AFTER, "30"),
        ],
        body,
    )
        .into_response()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 128)
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
async fn refuse_cross_site(
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

/// The largest framework file accepted for import.
pub const IMPORT_LIMIT_BYTES: usize = 1024 * 1024;

/// Publishes an uploaded framework file (admins only), then shows it; a
/// refused file goes back to the form with the reason.
async fn import_framework(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    multipart: Multipart,
) -> Response {
    let allowed = session
        .signed_in
        .as_ref()
        .is_some_and(|s| s.viewer.may(Action::ManageFrameworks, None));
    if !allowed {
        let mut change = Change::new(AuditAction::AccessDenied, "framework", "import");
        change.after = Some(serde_json::json!({ "reason": "not a certification admin" }));
        let _ = state.store.audit(&session.actor(), change).await;
        return AppError::Forbidden.status().into_response();
    }
    let back = |problem: &str, detail: &str| {
        let query = format!(
            "problem={}&detail={}",
            crate::model::query_value(problem),
            crate::model::query_value(detail)
        );
        Redirect::to(&format!("/admin/frameworks/import?{query}")).into_response()
    };
    let (file_name, bytes) = match read_upload(multipart).await {
        Ok(Some(upload)) => upload,
        Ok(None) => return back("missing", ""),
        Err(problem) => return back(problem, ""),
    };
    let Ok(source) = String::from_utf8(bytes) else {
        return back("not_text", "");
    };
    match state
        .store
        .publish_framework(&file_name, &source, &session.actor())
        .await
    {
        Ok(published) => Redirect::to(&format!(
            "/frameworks/{}/{}?published=1",
            published.id, published.version
        ))
        .into_response(),
        Err(crate::store::frameworks::PublishError::Invalid(error)) => {
            back("invalid", &error.to_string())
        }
        Err(crate::store::frameworks::PublishError::Store(
            crate::store::StoreError::Duplicate(_),
        )) => back("exists", ""),
        Err(crate::store::frameworks::PublishError::Store(error)) => {
            tracing::error!(%error, "framework import failed");
            back("internal", "")
        }
    }
}

/// The uploaded file's name and bytes, or a problem code for the form.
async fn read_upload(mut multipart: Multipart) -> Result<Option<(String, Vec<u8>)>, &'static str> {
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "malformed"
        }
    })? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field
            .file_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "upload.toml".to_owned());
        let bytes = field.bytes().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                "too_large"
            } else {
                "malformed"
            }
        })?;
        if bytes.is_empty() {
            return Ok(None);
        }
        if bytes.len() > IMPORT_LIMIT_BYTES {
            return Err("too_large");
        }
        return Ok(Some((name, bytes.to_vec())));
    }
    Ok(None)
}

/// Uploads a file as evidence for one indicator, then goes back to the
/// indicator on its element's page (with the reason, if the file was refused).
async fn upload_evidence(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Response {
    use crate::domain::assessment::{NewEvidence, StoredFile};
    use crate::domain::evidence_file::{content_type, safe_file_name};

    let Some(signed_in) = session.signed_in.clone() else {
        return sign_in_first(&format!("/assessments/{id}"));
    };
    let store = &state.store;
    let Ok(Some((assessment, school))) = store.assessment_with_school(&id).await else {
        return AppError::NotFound.status().into_response();
    };
    if !signed_in
        .viewer
        .may(Action::ViewSelfAssessment, Some(&school.summary.id))
    {
        return AppError::NotFound.status().into_response();
    }
    let (mut indicator, mut title, mut file) = (String::new(), String::new(), None);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let file_name = field.file_name().map(safe_file_name);
                match field.bytes().await {
                    Ok(bytes) => match name.as_str() {
                        "indicator" => indicator = String::from_utf8_lossy(&bytes).into_owned(),
                        "title" => title = String::from_utf8_lossy(&bytes).into_owned(),
                        "file" => file = Some((file_name.unwrap_or_default(), bytes)),
                        _ => {}
                    },
                    Err(e) => {
                        let problem = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                            "too_large"
                        } else {
                            "malformed"
                        };
                        return Redirect::to(&format!(
                            "/assessments/{id}?upload_problem={problem}"
                        ))
                        .into_response();
                    }
                }
            }
            Ok(None) => break,
            Err(e) => {
                let problem = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    "too_large"
                } else {
                    "malformed"
                };
                return Redirect::to(&format!("/assessments/{id}?upload_problem={problem}"))
                    .into_response();
            }
        }
    }
    let Ok(fw) = store
        .framework(&assessment.framework_id, &assessment.framework_version)
        .await
    else {
        return AppError::Internal.status().into_response();
    };
    let Some(place) = fw.indicator(&indicator) else {
        return AppError::InvalidChoice.status().into_response();
    };
    let element = place.element.id.clone();
    let back = |problem: Option<&str>| {
        let query = problem
            .map(|p| format!("?upload_problem={p}&for={indicator}"))
            .unwrap_or_default();
        Redirect::to(&format!(
            "/assessments/{id}/elements/{element}{query}#{indicator}"
        ))
        .into_response()
    };
    let assignee = store
        .assignments(assessment.key)
        .await
        .ok()
        .and_then(|all| {
            all.into_iter()
                .find(|(e, _)| *e == element)
                .map(|(_, a)| a.account)
        });
    if !assessment.status.is_editable()
        || !signed_in
            .viewer
            .may_edit_element(&school.summary.id, assignee.as_deref())
    {
        let mut change = Change::new(AuditAction::AccessDenied, "self_assessment", &id);
        change.after = Some(serde_json::json!({ "reason": "evidence upload not allowed" }));
        let _ = store.audit(&session.actor(), change).await;
        return AppError::Forbidden.status().into_response();
    }
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return back(Some("empty"));
    };
    let media_type = match content_type(&file_name, &bytes) {
        Ok(media_type) => media_type,
        Err(problem) => return back(Some(problem.as_str())),
    };
    let stored = StoredFile {
        hash: crate::store::files::content_hash(&bytes),
        name: file_name,
        content_type: media_type.to_owned(),
        size: bytes.len() as u64,
    };
    let Ok(new) = NewEvidence::file(&title, stored) else {
        return back(Some("title_too_long"));
    };
    match store
        .add_evidence(
            &assessment,
            &new,
            Some(&bytes),
            &[indicator.clone()],
            &signed_in.viewer.name,
            &session.actor(),
        )
        .await
    {
        Ok(_) => back(None),
        Err(error) => back(Some(upload_failure(error))),
    }
}

/// The problem code a page shows for an upload the store could not keep.
fn upload_failure(error: crate::store::StoreError) -> &'static str {
    match AppError::from(error) {
        AppError::OutOfSpace => "no_space",
        AppError::Unavailable => "unavailable",
        AppError::AssessmentClosed => "closed",
        _ => "internal",
    }
}

/// Sends a person who is not signed in to sign in, then on to `next`.
fn sign_in_first(next: &str) -> Response {
    Redirect::to(&format!(
        "/sign-in?next={}",
        crate::model::query_value(next)
    ))
    .into_response()
}

/// Server-sent events for one cluster's board: a `message` each time it
/// changes (here or, on PostgreSQL, on another app server), for the people
/// who may read it. Before each message, and every half minute, the person's
/// session and access are checked again: the stream ends with either, and
/// when the server stops. Browsers reconnect by themselves when it drops.
async fn board_events(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let Some(signed_in) = session.signed_in.clone() else {
        return AppError::Unauthenticated.status().into_response();
    };
    let store = state.store.clone();
    match reads_board(&store, &signed_in.viewer, &id).await {
        None => return AppError::NotFound.status().into_response(),
        Some(false) => {
            let change = Change::new(AuditAction::AccessDenied, "cluster", &id);
            let _ = store.record_refusal(&session.actor(), change).await;
            return AppError::NotFound.status().into_response();
        }
        Some(true) => {}
    }
    let Some(place) = store.board_events().open_stream(signed_in.account) else {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            "This board is open in too many windows: close one and reload.",
        )
            .into_response();
    };
    let token = cookie(&headers, session_cookie_name(&state.settings))
        .or_else(|| cookie(&headers, SESSION_COOKIE))
        .unwrap_or_default();
    let stream = BoardStream {
        changes: store.board_events().subscribe(),
        stopping: store.board_events().stopping(),
        recheck: tokio::time::interval_at(
            tokio::time::Instant::now() + BOARD_RECHECK,
            BOARD_RECHECK,
        ),
        store,
        token,
        cluster: id,
        _place: place,
    };
    let events = futures::stream::unfold(stream, |mut stream| async move {
        stream.next_change().await.then(|| {
            (
                Ok::<_, std::convert::Infallible>(Event::default().data("changed")),
                stream,
            )
        })
    });
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// How often an open board stream checks that its person may still read it.
const BOARD_RECHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// One open board stream's state.
struct BoardStream {
    changes: tokio::sync::broadcast::Receiver<String>,
    stopping: tokio::sync::watch::Receiver<bool>,
    recheck: tokio::time::Interval,
    store: Store,
    token: String,
    cluster: String,
    _place: crate::store::live::StreamPlace,
}

impl BoardStream {
    /// Waits for the board's next change: `true` to tell the viewer, `false`
    /// when the stream must end (signed out, access gone, server stopping).
    async fn next_change(&mut self) -> bool {
        use tokio::sync::broadcast::error::RecvError;
        enum Next {
            Tell,
            Check,
            Wait,
            End,
        }
        loop {
            let next = tokio::select! {
                change = self.changes.recv() => match change {
                    Ok(cluster) if cluster == self.cluster => Next::Tell,
                    Ok(_) => Next::Wait,
                    // Missed some: say it changed, to be safe.
                    Err(RecvError::Lagged(_)) => Next::Tell,
                    Err(RecvError::Closed) => Next::End,
                },
                _ = self.stopping.wait_for(|stopping| *stopping) => Next::End,
                _ = self.recheck.tick() => Next::Check,
            };
            match next {
                Next::Tell => return self.still_allowed().await,
                Next::Check if !self.still_allowed().await => return false,
                Next::Check | Next::Wait => {}
                Next::End => return false,
            }
        }
    }

    /// Whether the session is live and its person still reads the board.
    async fn still_allowed(&self) -> bool {
        match self.store.session(&self.token).await {
            Ok(Some(signed_in)) => {
                reads_board(&self.store, &signed_in.viewer, &self.cluster).await == Some(true)
            }
            _ => false,
        }
    }
}

/// Whether `viewer` may read the board of the cluster `id` (public id):
/// `None` when there is no such cluster.
async fn reads_board(store: &Store, viewer: &crate::domain::Viewer, id: &str) -> Option<bool> {
    let cluster = store.cluster(id).await.ok()??;
    let members = store.cluster_members(cluster.key).await.ok()?;
    let lead = members
        .iter()
        .find(|(s, _)| s.id == cluster.lead_school)
        .map(|(s, _)| s.public_id.clone())
        .unwrap_or_default();
    let member_ids: Vec<&str> = members
        .iter()
        .filter(|(_, m)| *m == crate::domain::cluster::Membership::Member)
        .map(|(s, _)| s.public_id.as_str())
        .collect();
    Some(crate::domain::cluster::reads_board(
        viewer,
        &member_ids,
        &lead,
    ))
}

/// Attaches an uploaded file to a card, then goes back to the card (with
/// the reason, if the file was refused). Staff of member schools only.
async fn attach_to_card(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path((id, card)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    use crate::domain::assessment::StoredFile;
    use crate::domain::evidence_file::content_type;
    let Some(signed_in) = session.signed_in.clone() else {
        return sign_in_first(&format!("/clusters/{id}"));
    };
    let store = &state.store;
    match reads_board(store, &signed_in.viewer, &id).await {
        None => return AppError::NotFound.status().into_response(),
        Some(false) => {
            let change = Change::new(AuditAction::AccessDenied, "cluster", &id);
            let _ = store.audit(&session.actor(), change).await;
            return AppError::NotFound.status().into_response();
        }
        Some(true) => {}
    }
    let found = async {
        let cluster = store.cluster(&id).await.ok()??;
        let record = store.card(&card).await.ok()??;
        (record.cluster == cluster.key).then_some((cluster, record))
    }
    .await;
    let Some((cluster, record)) = found else {
        return AppError::NotFound.status().into_response();
    };
    let back = |problem: Option<&str>| {
        let query = problem
            .map(|p| format!("?file_problem={p}&card={card}"))
            .unwrap_or_default();
        Redirect::to(&format!("/clusters/{id}{query}#card-{card}")).into_response()
    };
    let (name, bytes) = match read_file_field(multipart).await {
        Ok(Some(file)) => file,
        Ok(None) => return back(Some("empty")),
        Err(problem) => return back(Some(problem)),
    };
    let media_type = match content_type(&name, &bytes) {
        Ok(media_type) => media_type,
        Err(problem) => return back(Some(problem.as_str())),
    };
    let stored = StoredFile {
        hash: crate::store::files::content_hash(&bytes),
        name,
        content_type: media_type.to_owned(),
        size: bytes.len() as u64,
    };
    match store
        .attach_to_card(
            &cluster,
            &record,
            &stored,
            &bytes,
            signed_in.account,
            &session.actor(),
        )
        .await
    {
        Ok(_) => back(None),
        Err(error) => back(Some(upload_failure(error))),
    }
}

/// The `file` field of an evidence-sized upload: its safe name and bytes,
/// `None` when no file was chosen, or a problem code for the page.
async fn read_file_field(
    mut multipart: Multipart,
) -> Result<Option<(String, axum::body::Bytes)>, &'static str> {
    let problem = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "malformed"
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(problem)? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field
            .file_name()
            .map(crate::domain::evidence_file::safe_file_name)
            .unwrap_or_default();
        let bytes = field.bytes().await.map_err(problem)?;
        return Ok((!bytes.is_empty()).then_some((name, bytes)));
    }
    Ok(None)
}

/// Sends a card's file: to readers of the cluster's board, and to anyone
/// signed in once the card is in the practice library.
async fn download_card_file(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    let Some(signed_in) = session.signed_in.clone() else {
        return AppError::Unauthenticated.status().into_response();
    };
    let store = &state.store;
    let found = async {
        let (file, card) = store.card_attachment(&id).await.ok()??;
        let cluster = store.cluster_by_key(card.cluster_id).await.ok()??;
        Some((file, card, cluster))
    }
    .await;
    let Some((file, card, cluster)) = found else {
        return AppError::NotFound.status().into_response();
    };
    let readable = card.published_at.is_some()
        || reads_board(store, &signed_in.viewer, &cluster.id).await == Some(true);
    if !readable {
        let change = Change::new(AuditAction::AccessDenied, "card_file", &id);
        let _ = store.audit(&session.actor(), change).await;
        return AppError::NotFound.status().into_response();
    }
    send_file(&state, &file.hash, &file.name, &file.content_type).await
}

/// Sends an evidence file, to people who may see the school's self-assessment.
async fn download_evidence(
    State(state): State<AppState>,
    axum::Extension(session): axum::Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    let Some(signed_in) = session.signed_in.clone() else {
        return AppError::Unauthenticated.status().into_response();
    };
    let store = &state.store;
    let found = async {
        let file = store.evidence_file(&id).await.ok()??;
        let (_, school) = store
            .assessment_with_school_by_key(file.assessment)
            .await
            .ok()??;
        Some((file, school))
    }
    .await;
    let Some((file, school)) = found else {
        return AppError::NotFound.status().into_response();
    };
    if !signed_in
        .viewer
        .may(Action::ViewSelfAssessment, Some(&school.summary.id))
    {
        let mut change = Change::new(AuditAction::AccessDenied, "evidence", &id);
        change.school = Some(school.summary.id.clone());
        let _ = store.audit(&session.actor(), change).await;
        return AppError::NotFound.status().into_response();
    }
    send_file(&state, &file.hash, &file.name, &file.content_type).await
}

/// A stored file as the response: images and PDFs (recognised by content
/// on upload) open in the browser, anything else downloads; never cached
/// by shared caches, and never able to run scripts.
async fn send_file(state: &AppState, hash: &str, name: &str, content_type: &str) -> Response {
    use crate::domain::evidence_file::{content_disposition, disposition_of};
    // Images (recognised by content on upload) open in the browser, in a
    // sandbox: no script, no plugin, no form, another origin. Everything
    // else downloads.
    let disposition = content_disposition(disposition_of(content_type), name);
    match state.store.file_bytes(hash).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => {
            tracing::error!(%hash, "a file is missing from the database");
            AppError::Internal.status().into_response()
        }
        Err(error) => AppError::from(error).status().into_response(),
    }
}
