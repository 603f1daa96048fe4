//! Backup and restore, on both backends: a database written to a backup and
//! restored into a new, empty database answers every export byte for byte
//! as the original did (a school's record but for the time it was
//! exported), uploaded files included.

mod common;

use common::web::{app_on, apps, test_settings, TestApp};
use sea_orm::{ConnectionTrait, Database};

const ADMIN: &str = "admin@demo.equimark.test";
const COORDINATOR: &str = "coordinator@demo.equimark.test";

/// Everything the exports say: the dashboard's three CSV files, a school's
/// whole record, and an uploaded file.
async fn exports(app: &TestApp, school: &str, file: &str) -> Vec<(String, String)> {
    let admin = app.sign_in(ADMIN).await;
    let mut all = Vec::new();
    for path in [
        "/dashboard/exports/schools".to_owned(),
        "/dashboard/exports/assessments".to_owned(),
        "/dashboard/exports/awards".to_owned(),
        format!("/schools/{school}/record.json"),
    ] {
        let reply = app.get(&path, Some(&admin)).await;
        assert_eq!(reply.status, 200, "{}: {path}", app.backend);
        // A record says when it was exported; everything else must match.
        let body = reply
            .body
            .lines()
            .filter(|line| !line.trim_start().starts_with("\"exported_at\""))
            .collect::<Vec<_>>()
            .join("\n");
        all.push((path, body));
    }
    let coordinator = app.sign_in(COORDINATOR).await;
    let reply = app.get(file, Some(&coordinator)).await;
    assert_eq!(reply.status, 200, "{}: {file}", app.backend);
    all.push((file.to_owned(), reply.body));
    all
}

/// A new, empty database of the same kind: its address.
async fn empty_database_like(app: &TestApp) -> String {
    match app.backend {
        "postgres" => {
            let url = app.store.database_url();
            let (base, _) = url.rsplit_once('/').unwrap();
            let name = format!("equimark_restored_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&url).await.unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            format!("{base}/{name}")
        }
        _ => {
            let dir =
                std::env::temp_dir().join(format!("equimark-restored-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&dir).unwrap();
            format!("sqlite://{}?mode=rwc", dir.join("restored.db").display())
        }
    }
}

#[tokio::test]
async fn a_restored_backup_exports_byte_for_byte_what_the_original_did() {
    for app in apps().await {
        let backend = app.backend;
        app.store
            .generate_network(
                app::store::generate::GenerateOptions {
                    schools: 12,
                    seed: 3,
                },
                |_, _| {},
            )
            .await
            .unwrap();
        // A file, to show files travel with the backup.
        let pdf = b"%PDF-1.7\nA policy kept in the backup\n%%EOF\n";
        let file = app.upload_evidence("policy.pdf", pdf).await;
        let riverside = app.demo_school(0).await;
        let before = exports(&app, &riverside, &file).await;

        let backup = std::env::temp_dir().join(format!("equimark-backup-{}", uuid::Uuid::new_v4()));
        app.store.backup(&backup).await.unwrap();
        assert!(
            app.store.backup(&backup).await.is_err(),
            "{backend}: a backup never overwrites a file"
        );
        let url = empty_database_like(&app).await;
        app::store::backup::restore(&url, &backup).await.unwrap();
        let restored = app::store::Store::connect(&url).await.unwrap();
        restored.migrate().await.unwrap();
        let restored = app_on(restored, backend, test_settings());
        let after = exports(&restored, &riverside, &file).await;
        for ((path, was), (_, is)) in before.iter().zip(&after) {
            if was != is {
                let at = was
                    .bytes()
                    .zip(is.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let around = |s: &str| {
                    s.get(at.saturating_sub(80)..(at + 80).min(s.len()))
                        .unwrap_or("")
                        .to_owned()
                };
                panic!(
                    "{backend}: {path} differs after the round trip:\n{}\n{}",
                    around(was),
                    around(is)
                );
            }
        }
        let _ = std::fs::remove_file(&backup);
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_backup_is_refused_and_changes_nothing() {
    let app = apps().await.remove(0);
    let not_a_backup = std::env::temp_dir().join(format!("equimark-not-{}", uuid::Uuid::new_v4()));
    std::fs::write(&not_a_backup, b"hello").unwrap();
    let url = app.store.database_url();
    assert!(app::store::backup::restore(&url, &not_a_backup)
        .await
        .is_err());
    assert_eq!(
        app.get("/healthz", None).await.status,
        200,
        "the database is untouched"
    );
    let _ = std::fs::remove_file(&not_a_backup);
}
