//! Autosave under load: 100 editors on loopback, each saving one answer
//! after another over its own keep-alive connection, through the real
//! router, sessions, policy and store. Prints round-trip latency (p50, p90,
//! p99, max) and throughput. Not a test: figures go in notes, not asserts.
//!
//!     cargo bench -p app --features ssr --bench autosave
//!
//! SQLite by default; set EQUIMARK_BENCH_POSTGRES_URL=postgres://… (a
//! database to create tables in) to measure PostgreSQL. EDITORS and SAVES
//! change the load.

use app::http::{router, AppState, Settings};
use app::store::Store;
use leptos::prelude::LeptosOptions;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One keep-alive HTTP/1.1 connection, just enough for form posts.
struct Client {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Client {
    async fn connect(addr: std::net::SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        Client {
            stream,
            buffer: Vec::with_capacity(8192),
        }
    }

    /// Posts a form; returns (status, headers, body).
    async fn post(
        &mut self,
        path: &str,
        body: &str,
        cookie: Option<&str>,
    ) -> (u16, String, String) {
        let cookie = cookie
            .map(|c| format!("Cookie: {c}\r\n"))
            .unwrap_or_default();
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{cookie}\r\n{body}",
            body.len()
        );
        self.stream
            .write_all(request.as_bytes())
            .await
            .expect("write");
        loop {
            if let Some(end) = find(&self.buffer, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
                let length: usize = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().ok())?
                    })
                    .unwrap_or(0);
                if self.buffer.len() >= end + 4 + length {
                    let body = String::from_utf8_lossy(&self.buffer[end + 4..end + 4 + length])
                        .into_owned();
                    self.buffer.drain(..end + 4 + length);
                    let status = head
                        .split_whitespace()
                        .nth(1)
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0);
                    return (status, head, body);
                }
            }
            let mut chunk = [0u8; 8192];
            let n = self.stream.read(&mut chunk).await.expect("read");
            assert!(n > 0, "the server closed the connection");
            self.buffer.extend_from_slice(&chunk[..n]);
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let editors = env_number("EDITORS", 100);
    let saves = env_number("SAVES", 50);
    let dir =
        std::env::temp_dir().join(format!("equimark-bench-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (url, backend) = match std::env::var("EQUIMARK_BENCH_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => (url, "PostgreSQL"),
        _ => (
            format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()),
            "SQLite",
        ),
    };
    let store = Store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    store.seed_demo().await.expect("seed");
    let state = AppState {
        leptos_options: LeptosOptions::builder()
            .output_name(app::OUTPUT_NAME)
            .site_root(dir.display().to_string())
            .site_pkg_dir("pkg")
            .build(),
        store,
        settings: Settings {
            public_url: "http://127.0.0.1".into(),
            secure_cookies: false,
            trust_forwarded: false,
        },
        files: app::files::FileStore::on_disk(dir.join("evidence")),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });

    // Sign in as the demo coordinator and start four self-assessments.
    let mut setup = Client::connect(addr).await;
    let (status, head, _) = setup
        .post(
            "/api/sign_in",
            "email=coordinator%40demo.equimark.test&password=equimark-demo&next=%2F",
            None,
        )
        .await;
    assert_eq!(status, 200, "sign in");
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: equimark_session="))
        .and_then(|v| v.split(';').next())
        .map(|token| format!("equimark_session={token}"))
        .expect("session cookie");
    let (_, _, schools) = setup.post("/api/list_schools", "", Some(&cookie)).await;
    let schools: serde_json::Value = serde_json::from_str(&schools).expect("schools");
    let school = schools[0]["id"].as_str().expect("a school").to_owned();
    let mut assessments = Vec::new();
    for _ in 0..4 {
        let body = format!(
            "school={school}&framework=inclusion-quality%402026.1&cycle=initial&target_award=inclusive-school"
        );
        let (status, _, id) = setup
            .post("/api/start_assessment", &body, Some(&cookie))
            .await;
        assert_eq!(status, 200, "start: {id}");
        assessments.push(serde_json::from_str::<String>(&id).expect("id"));
    }
    let (_, _, view) = setup
        .post(
            "/api/assessment",
            &format!("id={}", assessments[0]),
            Some(&cookie),
        )
        .await;
    let view: serde_json::Value = serde_json::from_str(&view).expect("view");
    let indicators: Vec<String> = view["framework"]["elements"]
        .as_array()
        .expect("elements")
        .iter()
        .flat_map(|e| e["indicators"].as_array().cloned().unwrap_or_default())
        .filter_map(|i| i["id"].as_str().map(str::to_owned))
        .collect();
    let levels = ["not-yet", "emerging", "established", "embedded"];

    // Each editor owns one answer and saves it `saves` times in a row.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for editor in 0..editors {
        let assessment = assessments[editor % assessments.len()].clone();
        let indicator = indicators[(editor / assessments.len()) % indicators.len()].clone();
        let cookie = cookie.clone();
        tasks.push(tokio::spawn(async move {
            let mut client = Client::connect(addr).await;
            let mut version = 0u32;
            let mut latencies = Vec::with_capacity(saves);
            for n in 0..saves {
                let body = format!(
                    "assessment={assessment}&indicator={indicator}&level={}&narrative=Draft+{n}+by+editor+{editor}&base_version={version}",
                    levels[n % levels.len()]
                );
                let sent = Instant::now();
                let (status, _, reply) = client.post("/api/save_response", &body, Some(&cookie)).await;
                latencies.push(sent.elapsed());
                assert_eq!(status, 200, "save: {reply}");
                let saved: serde_json::Value = serde_json::from_str(&reply).expect("response");
                version = saved["version"].as_u64().unwrap_or(0) as u32;
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("editor"));
    }
    let elapsed = started.elapsed();
    all.sort();
    println!(
        "autosave on {backend}: {editors} editors × {saves} saves = {} round trips in {:.2} s ({:.0} saves/s)",
        all.len(),
        elapsed.as_secs_f64(),
        all.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&all, 0.50).as_secs_f64() * 1e3,
        percentile(&all, 0.90).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
