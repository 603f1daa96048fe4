//! The assessor's report and the certificate as PDF files, on both
//! backends: made on the server in the reader's language with the font's
//! glyphs embedded, read back here with a PDF text extractor, and only for
//! the people (and while the award is in the state) the pages allow.

mod common;

use app::domain::assessment::Cycle;
use app::store::seed::Demo;
use axum::http::{header, StatusCode};
use common::web::{app_on, enc, test_settings, Reply, TestApp};

const ADMIN: &str = "admin@demo.equimark.test";
const COORDINATOR: &str = "coordinator@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";

/// The text of a PDF reply, after checking it is one.
fn pdf_text(reply: &Reply, what: &str) -> String {
    assert_eq!(reply.status, StatusCode::OK, "{what}: {}", reply.body);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "application/pdf",
        "{what}"
    );
    assert!(reply.bytes.starts_with(b"%PDF-"), "{what}");
    pdf_extract::extract_text_from_mem(&reply.bytes)
        .unwrap_or_else(|e| panic!("{what}: the PDF cannot be read back: {e}"))
}

/// Riverside's first self-assessment, reviewed and signed off in the full demo.
async fn riverside_first_cycle(app: &TestApp) -> String {
    let school = app
        .store
        .school(&app.demo_school(0).await)
        .await
        .unwrap()
        .unwrap();
    app.store
        .assessments_of(school.key)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.cycle == Cycle::Initial)
        .expect("Riverside's first cycle")
        .id
}

#[tokio::test]
async fn the_report_downloads_as_pdf_in_english_and_chinese_for_its_school_only() {
    for db in common::databases().await {
        db.store.seed_demo_as(Demo::Full).await.unwrap();
        let app = app_on(db.store.clone(), db.backend, test_settings());
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let assessment = riverside_first_cycle(&app).await;
        let path = format!("/assessments/{assessment}/report.pdf");

        let english = pdf_text(
            &app.get(&format!("{path}?lang=en"), Some(&coordinator))
                .await,
            backend,
        );
        for expected in [
            "The assessor's report",
            "Riverside Primary School",
            "Inclusion Quality Framework",
            "Initial accreditation",
            "Award granted",
            "Inclusive School",
            "Validated rating",
            "Strengths",
        ] {
            assert!(
                english.contains(expected),
                "{backend}: {expected:?} in {english}"
            );
        }
        let chinese = pdf_text(
            &app.get(&format!("{path}?lang=zh"), Some(&coordinator))
                .await,
            backend,
        );
        for expected in [
            "评审员报告",
            "融合教育质量框架",
            "首次认证",
            "授予称号",
            "核定等级",
        ] {
            assert!(
                chinese.contains(expected),
                "{backend}: {expected:?} in {chinese}"
            );
        }
        assert!(!chinese.contains("Validated rating"), "{backend}");

        // Another school's staff are told there is no such report; without
        // signing in, to sign in.
        let hillcrest = app.sign_in(HILLCREST).await;
        let other = app.get(&path, Some(&hillcrest)).await;
        assert_eq!(other.status, StatusCode::NOT_FOUND, "{backend}");
        assert!(!other.bytes.starts_with(b"%PDF"), "{backend}");
        let anonymous = app.get(&path, None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{backend}");

        // The report page offers the file in the reader's language.
        let page = app
            .get(
                &format!("/assessments/{assessment}/report"),
                Some(&coordinator),
            )
            .await;
        assert!(
            page.body.contains(&format!("{path}?lang=en")),
            "{backend}: the page links the PDF"
        );
    }
}

#[tokio::test]
async fn the_certificate_downloads_as_pdf_while_the_award_is_valid() {
    for db in common::databases().await {
        db.store.seed_demo_as(Demo::Full).await.unwrap();
        let app = app_on(db.store.clone(), db.backend, test_settings());
        let backend = app.backend;
        let coordinator = app.sign_in(COORDINATOR).await;
        let school = app.demo_school(0).await;
        let calendar = app
            .ok("school_calendar", &format!("school={school}"), &coordinator)
            .await;
        let code = calendar["row"]["certificate"]
            .as_str()
            .unwrap_or_else(|| panic!("{backend}: {calendar}"))
            .to_owned();
        let path = format!("/verify/{code}/certificate.pdf");

        // Anyone with the code may download it, as they may check it.
        let english = pdf_text(&app.get(&format!("{path}?lang=en"), None).await, backend);
        for expected in [
            "Certificate of award",
            "Inclusive School",
            "Riverside Primary School",
            code.as_str(),
            &format!("/verify/{code}"),
        ] {
            assert!(
                english.contains(expected),
                "{backend}: {expected:?} in {english}"
            );
        }
        let chinese = pdf_text(&app.get(&format!("{path}?lang=zh"), None).await, backend);
        assert!(chinese.contains("融合教育质量框架"), "{backend}: {chinese}");
        assert!(chinese.contains(&code), "{backend}");
        let page = app.get(&format!("/verify/{code}"), None).await;
        assert!(page.body.contains(&format!("{path}?lang=en")), "{backend}");

        // Once suspended, there is no certificate to download, and the
        // answer says why; the page no longer offers it.
        let admin = app.sign_in(ADMIN).await;
        app.ok(
            "change_award",
            &format!(
                "code={code}&change=suspend&reason={}",
                enc("The annual visit found the resource base closed.")
            ),
            &admin,
        )
        .await;
        let suspended = app.get(&path, None).await;
        assert_eq!(suspended.status, StatusCode::CONFLICT, "{backend}");
        assert!(suspended.body.contains("not valid"), "{backend}");
        let page = app.get(&format!("/verify/{code}"), None).await;
        assert!(!page.body.contains("certificate.pdf"), "{backend}");

        // A code no award has is not found.
        let unknown = app
            .get("/verify/AAAA-BBBB-CCCC/certificate.pdf", None)
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{backend}");
    }
}
