//! Bad input at scale: property-based fuzzing of what reads outsiders'
//! input. The framework file parser, the Markdown renderer and every server
//! function's form decoding take whatever is thrown at them: no panic, and
//! no answer in the 5xx range.
//!
//! CI runs a short round (`PROPTEST_CASES` unset: 200 cases a property);
//! a long run is `PROPTEST_CASES=20000 cargo test -p app --features ssr
//! --test fuzz --release` (see the README).

mod common;

use axum::body::Body;
use axum::http::{header, Request};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(200)
}

fn shipped() -> Vec<String> {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../frameworks"))
        .unwrap()
        .flatten()
        .map(|f| std::fs::read_to_string(f.path()).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_text_read_as_a_framework_file_is_a_framework_or_an_error(source in "(?s).{0,3000}") {
        let _ = app::domain::framework_file::parse("fuzz.toml", &source);
    }

    #[test]
    fn a_shipped_framework_file_cut_and_changed_anywhere_is_read_or_refused(
        which in 0usize..3,
        cut in any::<prop::sample::Index>(),
        insert in "(?s).{0,40}",
    ) {
        let files = shipped();
        let source = &files[which % files.len()];
        let mut at = cut.index(source.len() + 1);
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        let changed = format!("{}{insert}{}", &source[..at], &source[at..]);
        let _ = app::domain::framework_file::parse("fuzz.toml", &changed);
    }

    #[test]
    fn any_markdown_renders_without_script_or_unsafe_links(source in "(?s).{0,2000}") {
        let html = app::markdown::render(&source);
        let lower = html.to_lowercase();
        prop_assert!(!lower.contains("<script"), "{html}");
        prop_assert!(!lower.contains("href=\"javascript:"), "{html}");
        prop_assert!(!has_event_attribute(&lower), "an event attribute in {html}");
    }
}

/// Whether any tag in `html` carries an `on…=` attribute.
fn has_event_attribute(html: &str) -> bool {
    html.split('<').skip(1).any(|tag| {
        let tag = tag.split('>').next().unwrap_or_default();
        tag.split_whitespace().skip(1).any(|attribute| {
            attribute.starts_with("on")
                && attribute[2..].split('=').next().is_some_and(|name| {
                    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic())
                })
                && attribute.contains('=')
        })
    })
}

/// The demo's router on SQLite, with a session per kind of person, built
/// once for every case.
struct Target {
    runtime: tokio::runtime::Runtime,
    app: common::web::TestApp,
    cookies: Vec<Option<String>>,
    paths: Vec<String>,
    /// Real ids (schools, a cluster, a self-assessment, its indicators), so
    /// that inputs reach past "not found".
    ids: Vec<String>,
}

fn target() -> &'static Target {
    static TARGET: OnceLock<Target> = OnceLock::new();
    TARGET.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (app, cookies, ids) = runtime.block_on(async {
            // One backend (SQLite, the first) is enough: this is about
            // reading requests.
            let app = common::web::apps().await.remove(0);
            let mut cookies = vec![None];
            for who in ["admin", "coordinator", "teacher", "assessor", "lead", "network"] {
                cookies.push(Some(app.sign_in(&format!("{who}@demo.equimark.test")).await));
            }
            let mut ids = Vec::new();
            for n in 0..4 {
                ids.push(app.demo_school(n).await);
            }
            let coordinator = cookies[2].clone().unwrap();
            let clusters = app.ok("clusters", "", &coordinator).await;
            ids.push(clusters["clusters"][0]["id"].as_str().unwrap().to_owned());
            let started = app
                .ok(
                    "start_assessment",
                    &format!("school={}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school", ids[0]),
                    &coordinator,
                )
                .await;
            let assessment = started.as_str().unwrap().to_owned();
            let view = app.ok("assessment", &format!("id={assessment}"), &coordinator).await;
            ids.push(assessment);
            for element in view["framework"]["elements"].as_array().unwrap() {
                ids.push(element["id"].as_str().unwrap().to_owned());
                ids.push(element["indicators"][0]["id"].as_str().unwrap().to_owned());
            }
            (app, cookies, ids)
        });
        let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.to_owned())
            .collect();
        paths.sort();
        assert!(paths.len() > 60, "every server function is registered: {paths:?}");
        Target {
            runtime,
            app,
            cookies,
            paths,
            ids,
        }
    })
}

/// Field names the server functions read, and some they do not.
const NAMES: &[&str] = &[
    "id",
    "school",
    "assessment",
    "cluster",
    "review",
    "indicator",
    "element",
    "level",
    "narrative",
    "base_version",
    "version",
    "email",
    "password",
    "confirm",
    "current",
    "next",
    "role",
    "account",
    "plan",
    "name",
    "language",
    "region",
    "contact_email",
    "token",
    "invitation",
    "framework",
    "cycle",
    "target_award",
    "title",
    "link",
    "note",
    "evidence",
    "query[action]",
    "query[page]",
    "section[element]",
    "section[version]",
    "card[title]",
    "card[body]",
    "card[elements][0]",
    "research[question]",
    "research[schools][0]",
    "meeting[held_on]",
    "meeting[attended][0]",
    "rows[0][band]",
    "rows[0][fee]",
    "page",
    "search",
    "sort",
    "status",
    "step",
    "column",
    "answer",
    "outcome",
    "award",
    "report",
    "verdict",
    "reasons",
    "due_on",
    "lead",
    "second",
    "within",
    "code",
    "publish",
    "x[",
    "]",
    "%",
    "",
];

fn form_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(target().ids.clone()),
        prop::sample::select(target().ids.clone()),
        "(?s).{0,30}",
        "-?[0-9]{1,20}",
        Just("established".to_owned()),
        Just("true".to_owned()),
        Just("%".to_owned()),
        Just("%FF%FE".to_owned()),
        Just("\u{0}\n\r\t".to_owned()),
        "[a-f0-9-]{36}",
        Just("x".repeat(100_000)),
        Just("2026-13-45".to_owned()),
        Just("inclusion-quality@2026.3".to_owned()),
    ]
}

fn form_body() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(NAMES), form_value()), 0..8).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(k, v)| format!("{}={}", common::web::enc(k), common::web::enc(&v)))
            .collect::<Vec<_>>()
            .join("&")
    })
}

fn raw_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        form_body().prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..200),
        Just(b"{\"id\": 1}".to_vec()),
        Just(b"a=b&&&==&%zz".to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_server_function_answers_any_form_without_a_5xx(
        which in any::<prop::sample::Index>(),
        who in any::<prop::sample::Index>(),
        body in raw_body(),
        html in any::<bool>(),
        json_type in any::<bool>(),
    ) {
        let t = target();
        let path = which.get(&t.paths).clone();
        let cookie = who.get(&t.cookies).clone();
        let mut request = Request::post(&path)
            .header(
                header::CONTENT_TYPE,
                if json_type { "application/json" } else { "application/x-www-form-urlencoded" },
            )
            .header(header::ACCEPT, if html { "text/html" } else { "application/json" })
            .header(header::REFERER, "http://localhost/schools");
        if let Some(cookie) = &cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let request = request.body(Body::from(body.clone())).unwrap();
        let reply = t.runtime.block_on(t.app.send(request));
        prop_assert!(
            reply.status.as_u16() < 500,
            "{path} answered {} to {:?}: {}",
            reply.status,
            String::from_utf8_lossy(&body),
            reply.body
        );
    }
}
