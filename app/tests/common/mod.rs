//! Test databases: a fresh SQLite file for every test, and a fresh PostgreSQL
//! database too when `EQUIMARK_TEST_POSTGRES_URL` points at a server (the test
//! script starts a throwaway one). In CI a missing PostgreSQL is an error, not a skip.

#![allow(dead_code)]

pub mod reviewing;
pub mod web;

use app::store::Store;
use sea_orm::{ConnectionTrait, Database};

pub struct TestDb {
    pub backend: &'static str,
    pub store: Store,
    _dir: Option<tempdir::TempDir>,
}

mod tempdir {
    /// A directory removed when dropped.
    pub struct TempDir(pub std::path::PathBuf);
    impl TempDir {
        pub fn new() -> TempDir {
            let path = std::env::temp_dir().join(format!("equimark-test-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&path).expect("temp dir");
            TempDir(path)
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

async fn sqlite(migrate: bool) -> TestDb {
    let dir = tempdir::TempDir::new();
    let url = format!("sqlite://{}?mode=rwc", dir.0.join("test.db").display());
    let store = Store::connect(&url).await.expect("sqlite connects");
    if migrate {
        store.migrate().await.expect("sqlite migrates");
    }
    TestDb {
        backend: "sqlite",
        store,
        _dir: Some(dir),
    }
}

async fn postgres(admin_url: &str, migrate: bool) -> TestDb {
    let name = format!("equimark_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(admin_url)
        .await
        .expect("postgres admin connects");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url, |(base, _)| base);
    let store = Store::connect(&format!("{base}/{name}"))
        .await
        .expect("postgres connects");
    if migrate {
        store.migrate().await.expect("postgres migrates");
    }
    TestDb {
        backend: "postgres",
        store,
        _dir: None,
    }
}

/// One fresh, migrated database per backend under test.
pub async fn databases() -> Vec<TestDb> {
    databases_migrated(true).await
}

/// One fresh, empty database per backend: no tables yet.
pub async fn empty_databases() -> Vec<TestDb> {
    databases_migrated(false).await
}

async fn databases_migrated(migrate: bool) -> Vec<TestDb> {
    let mut all = vec![sqlite(migrate).await];
    match std::env::var("EQUIMARK_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => all.push(postgres(&url, migrate).await),
        _ if std::env::var("CI").is_ok() => {
            panic!("CI must test PostgreSQL: set EQUIMARK_TEST_POSTGRES_URL")
        }
        _ => eprintln!("note: EQUIMARK_TEST_POSTGRES_URL is not set; testing SQLite only"),
    }
    all
}
