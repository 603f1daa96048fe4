//! The store against SQLite and PostgreSQL.

mod common;

use app::domain::framework_file::SHIPPED as SHIPPED_FRAMEWORKS;
use app::domain::{NewSchool, Phase};
use app::store::frameworks::PublishError;
use app::store::seed::Seeded;
use app::store::StoreError;

fn school(name: &str, city: &str) -> NewSchool {
    NewSchool {
        name: name.into(),
        phase: Phase::Primary,
        city: city.into(),
        learners: 200,
    }
}

#[tokio::test]
async fn migrating_twice_changes_nothing() {
    for db in common::databases().await {
        db.store
            .migrate()
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", db.backend));
    }
}

#[tokio::test]
async fn schools_are_listed_by_name_and_names_are_unique_per_city() {
    for db in common::databases().await {
        let store = &db.store;
        store
            .add_school(&school("Zephyr Primary", "Leeds"))
            .await
            .unwrap();
        let added = store
            .add_school(&school("Alder School", "York"))
            .await
            .unwrap();
        assert_eq!(added.id.len(), 36, "public ids are UUIDs");
        store
            .add_school(&school("Alder School", "Leeds"))
            .await
            .expect("same name, other city");
        let dup = store.add_school(&school("Alder School", "York")).await;
        assert!(
            matches!(dup, Err(StoreError::Duplicate(_))),
            "{}: {dup:?}",
            db.backend
        );
        let names: Vec<String> = store
            .list_schools()
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(
            names,
            ["Alder School", "Alder School", "Zephyr Primary"],
            "{}",
            db.backend
        );
    }
}

#[tokio::test]
async fn frameworks_are_published_once_per_version_and_read_back() {
    for db in common::databases().await {
        let store = &db.store;
        let (file, source) = SHIPPED_FRAMEWORKS[0];
        let published = store.publish_framework(file, source).await.unwrap();
        assert_eq!(published.elements, 8);
        let again = store.publish_framework(file, source).await;
        assert!(
            matches!(again, Err(PublishError::Store(StoreError::Duplicate(_)))),
            "{}",
            db.backend
        );
        let invalid = store.publish_framework("bad.toml", "format = 1\n").await;
        assert!(matches!(invalid, Err(PublishError::Invalid(_))));
        let fw = store
            .framework(&published.id, &published.version)
            .await
            .unwrap();
        assert_eq!(fw.indicator_count() as u32, published.indicators);
        assert_eq!(
            store
                .framework_source(&published.id, &published.version)
                .await
                .unwrap(),
            source
        );
        assert!(matches!(
            store.framework("nope", "1").await,
            Err(StoreError::NotFound(_))
        ));
        assert_eq!(store.list_frameworks().await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn the_demo_is_seeded_once() {
    for db in common::databases().await {
        let store = &db.store;
        assert!(matches!(store.seed_demo().await.unwrap(), Seeded::Fresh));
        assert!(matches!(
            store.seed_demo().await.unwrap(),
            Seeded::AlreadyPresent
        ));
        assert_eq!(store.count_schools().await.unwrap(), 4);
        assert_eq!(store.list_frameworks().await.unwrap().len(), 3);
    }
}
