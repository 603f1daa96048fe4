//! The whole router, as a browser or a client would reach it, on each backend.

use app::http::{router, AppState, Settings};
use app::store::Store;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

pub struct TestApp {
    pub backend: &'static str,
    pub store: Store,
    pub router: Router,
}

/// A router over a freshly seeded demo database, per backend.
pub async fn apps() -> Vec<TestApp> {
    apps_with(|_| {}).await
}

/// As [`apps`], with the deployment settings changed by `change`.
pub async fn apps_with(change: impl Fn(&mut Settings)) -> Vec<TestApp> {
    let mut all = Vec::new();
    for db in super::databases().await {
        db.store.seed_demo().await.unwrap();
        let mut settings = test_settings();
        change(&mut settings);
        all.push(app_on(db.store.clone(), db.backend, settings));
        // The test database directory must outlive the router.
        std::mem::forget(db);
    }
    all
}

/// The deployment settings tests run with: plain http on localhost.
pub fn test_settings() -> Settings {
    Settings {
        public_url: "http://localhost".to_owned(),
        secure_cookies: false,
        trust_forwarded: false,
        contact_email: Some("help@example.org".to_owned()),
    }
}

/// The whole router over `store`.
pub fn app_on(store: app::store::Store, backend: &'static str, settings: Settings) -> TestApp {
    let options = LeptosOptions::builder()
        .output_name(app::OUTPUT_NAME)
        .site_root(std::env::temp_dir().display().to_string())
        .site_pkg_dir("pkg")
        .build();
    TestApp {
        backend,
        store: store.clone(),
        router: router(AppState {
            leptos_options: options,
            store,
            settings,
        }),
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as it came (files such as PDFs).
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The session cookie this reply sets, as a `Cookie` header value.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("equimark_session=") && !v.starts_with("equimark_session=;"))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
    }
}

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let uri = request.uri().to_string();
        let response = tokio::time::timeout(
            std::time::Duration::from_secs(30),
            self.router.clone().oneshot(request),
        )
        .await
        .unwrap_or_else(|_| panic!("{uri} did not answer within 30 s"))
        .expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), 4 << 20)
            .await
            .expect("body");
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            bytes: body.to_vec(),
        }
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::get(uri);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Calls a server function as the hydrated page does.
    pub async fn call(&self, endpoint: &str, body: &str, cookie: Option<&str>) -> Reply {
        self.send(post_form(
            &format!("/api/{endpoint}"),
            body,
            "application/json",
            cookie,
        ))
        .await
    }

    /// Calls a server function that must succeed, and returns its JSON answer.
    pub async fn ok(&self, endpoint: &str, body: &str, cookie: &str) -> serde_json::Value {
        let reply = self.call(endpoint, body, Some(cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}: {endpoint}: {}",
            self.backend,
            reply.body
        );
        json(&reply.body)
    }

    /// Calls a server function that must succeed without signing in.
    pub async fn ok_anonymous(&self, endpoint: &str, body: &str) -> serde_json::Value {
        let reply = self.call(endpoint, body, None).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}: {endpoint}: {}",
            self.backend,
            reply.body
        );
        json(&reply.body)
    }

    /// The status a server function answers with.
    pub async fn status(&self, endpoint: &str, body: &str, cookie: &str) -> StatusCode {
        self.call(endpoint, body, Some(cookie)).await.status
    }

    /// Signs in with the demo password and returns the session cookie.
    pub async fn sign_in(&self, email: &str) -> String {
        self.sign_in_with(email, app::store::seed::DEMO_PASSWORD)
            .await
    }

    /// Signs in and returns the session cookie.
    pub async fn sign_in_with(&self, email: &str, password: &str) -> String {
        let body = format!("email={}&password={}&next=%2F", enc(email), enc(password));
        let reply = self.call("sign_in", &body, None).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}: sign in as {email}: {}",
            self.backend,
            reply.body
        );
        reply.session_cookie().expect("a session cookie")
    }

    /// The link (path) in the newest outbox message to `recipient`.
    /// (As the mailer reads it: admins see the link masked.)
    pub async fn link_sent_to(&self, recipient: &str, path_prefix: &str) -> String {
        let messages = self.store.unsent_messages(i32::MAX, 10_000).await.unwrap();
        let message = messages
            .iter()
            .rev()
            .find(|m| m.recipient == recipient)
            .unwrap_or_else(|| panic!("no message to {recipient}"));
        let start = message
            .body
            .find(path_prefix)
            .unwrap_or_else(|| panic!("no {path_prefix} link in {}", message.body));
        message.body[start..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned()
    }

    /// Starts a self-assessment at Riverside as its coordinator, uploads a
    /// file as evidence for its first indicator, and returns the file's
    /// download address.
    pub async fn upload_evidence(&self, name: &str, bytes: &[u8]) -> String {
        let coordinator = self.sign_in("coordinator@demo.equimark.test").await;
        let riverside = self.demo_school(0).await;
        let started = self
            .ok(
                "start_assessment",
                &format!("school={riverside}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school"),
                &coordinator,
            )
            .await;
        let id = started.as_str().unwrap().to_owned();
        let view = self
            .ok("assessment", &format!("id={id}"), &coordinator)
            .await;
        let indicator = view["framework"]["elements"][0]["indicators"][0]["id"]
            .as_str()
            .unwrap();
        let reply = self
            .send(evidence_upload(&id, indicator, name, bytes, &coordinator))
            .await;
        assert!(reply.status.is_redirection(), "{}", reply.status);
        let view = self
            .ok("assessment", &format!("id={id}"), &coordinator)
            .await;
        format!(
            "/evidence/{}/file",
            view["evidence"][0]["id"].as_str().unwrap()
        )
    }

    /// The public id of the n-th demo school.
    pub async fn demo_school(&self, n: usize) -> String {
        let name = app::store::seed::DEMO_SCHOOLS[n].0;
        self.store
            .list_schools(None)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.name == name)
            .unwrap()
            .id
    }

    /// Starts a school's ISO 21001 self-assessment (for quality records
    /// to be evidence in). Returns its id.
    pub async fn start_iso_assessment(&self, school: &str, cookie: &str) -> String {
        self.start_on(
            school,
            "iso-21001-gap%402026.2",
            "ready-for-certification-audit",
            cookie,
        )
        .await
    }

    /// Starts a school's self-assessment against the UNESCO-style
    /// framework (the one with the accessibility walk). Returns its id.
    pub async fn start_unesco_assessment(&self, school: &str, cookie: &str) -> String {
        self.start_on(
            school,
            "unesco-inclusion-equity%402026.2",
            "inclusion-equity-certified",
            cookie,
        )
        .await
    }

    async fn start_on(&self, school: &str, framework: &str, award: &str, cookie: &str) -> String {
        let body =
            format!("school={school}&framework={framework}&cycle=initial&target_award={award}");
        let reply = self.call("start_assessment", &body, Some(cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}: {}",
            self.backend,
            reply.body
        );
        serde_json::from_str(&reply.body).unwrap()
    }

    /// The evidence of a self-assessment whose link `matches`, each with
    /// the indicators it is linked to.
    pub async fn linked_evidence(
        &self,
        assessment: &str,
        cookie: &str,
        matches: impl Fn(&str) -> bool,
    ) -> Vec<serde_json::Value> {
        let seen = self
            .ok("assessment", &format!("id={assessment}"), cookie)
            .await;
        seen["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["link"].as_str().is_some_and(&matches))
            .cloned()
            .collect()
    }

    /// Whether the audit log has an `action` entry mentioning `id`, as a
    /// certification admin reads it.
    pub async fn audited(&self, action: &str, id: &str) -> bool {
        let admin = self.sign_in("admin@demo.equimark.test").await;
        let query = format!("query[action]={action}&query[actor]=&query[object]=&query[page]=0");
        let log = self.ok("audit_log", &query, &admin).await;
        log.to_string().contains(id)
    }
}

pub fn post_form(uri: &str, body: &str, accept: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, accept)
        .header(header::REFERER, "http://localhost/schools");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

/// The evidence upload form (multipart) for one indicator, as a browser
/// posts it.
pub fn evidence_upload(
    assessment: &str,
    indicator: &str,
    file_name: &str,
    bytes: &[u8],
    cookie: &str,
) -> Request<Body> {
    let fields = [("indicator", indicator), ("title", "")];
    evidence_upload_with(assessment, &fields, (file_name, bytes), cookie)
}

/// An evidence upload form with `fields` beside the file (the
/// accessibility walk's photo form names its check).
pub fn evidence_upload_with(
    assessment: &str,
    fields: &[(&str, &str)],
    (file_name, bytes): (&str, &[u8]),
    cookie: &str,
) -> Request<Body> {
    let boundary = "EquimarkBoundary7";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post(format!("/assessments/{assessment}/evidence"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

/// Percent-encodes a form value.
pub fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A reply's body as JSON.
pub fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}
