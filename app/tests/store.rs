//! The store against SQLite and PostgreSQL.

mod common;

use app::domain::framework_file::SHIPPED as SHIPPED_FRAMEWORKS;
use app::domain::review::AwardTerm;
use app::domain::{NewSchool, Phase};
use app::store::audit::Actor;
use app::store::frameworks::PublishError;
use app::store::schools::SchoolSearch;
use app::store::seed::Seeded;
use app::store::StoreError;

fn tester() -> Actor {
    Actor {
        account: None,
        email: "test".into(),
        ip: "local".into(),
    }
}

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
            .add_school(&school("Zephyr Primary", "Leeds"), &tester())
            .await
            .unwrap();
        let added = store
            .add_school(&school("Alder School", "York"), &tester())
            .await
            .unwrap();
        assert_eq!(added.id.len(), 36, "public ids are UUIDs");
        store
            .add_school(&school("Alder School", "Leeds"), &tester())
            .await
            .expect("same name, other city");
        let dup = store
            .add_school(&school("Alder School", "York"), &tester())
            .await;
        assert!(
            matches!(dup, Err(StoreError::Duplicate(_))),
            "{}: {dup:?}",
            db.backend
        );
        let names: Vec<String> = store
            .list_schools(None)
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
async fn schools_are_found_by_every_word_a_page_at_a_time() {
    for db in common::databases().await {
        let (store, backend) = (&db.store, db.backend);
        for (name, city) in [
            ("Oak Primary", "Leeds"),
            ("Oak Academy", "York"),
            ("Ash 100% School", "Leeds"),
            ("Ash_Tree School", "Hull"),
            ("Birch School", "Leeds"),
        ] {
            store
                .add_school(&school(name, city), &tester())
                .await
                .unwrap();
        }
        let find = |text: &'static str, offset: u64, limit: u64| async move {
            let search = SchoolSearch {
                text,
                offset,
                limit,
                ..Default::default()
            };
            let (page, total) = store.search_schools(&search).await.unwrap();
            (page.into_iter().map(|s| s.name).collect::<Vec<_>>(), total)
        };
        // Any case, in the name or the town; every word must match.
        assert_eq!(
            find("OAK", 0, 10).await.0,
            ["Oak Academy", "Oak Primary"],
            "{backend}"
        );
        assert_eq!(
            find("oak leeds", 0, 10).await.0,
            ["Oak Primary"],
            "{backend}"
        );
        assert_eq!(find("leeds", 0, 10).await.1, 3, "{backend}");
        // LIKE's wildcards are only themselves.
        assert_eq!(
            find("100%", 0, 10).await.0,
            ["Ash 100% School"],
            "{backend}"
        );
        // ("k_p" would find "Oak Primary" if `_` stood for any letter, and
        // "h%s" most schools if `%` stood for any letters.)
        assert_eq!(find("k_p", 0, 10).await.1, 0, "{backend}");
        assert_eq!(find("h%s", 0, 10).await.1, 0, "{backend}");
        assert_eq!(find("h_t", 0, 10).await.0, ["Ash_Tree School"], "{backend}");
        // Pages: the total counts every match, the page only its share.
        assert_eq!(
            find("", 0, 2).await,
            (
                vec!["Ash 100% School".to_owned(), "Ash_Tree School".to_owned()],
                5
            ),
            "{backend}"
        );
        assert_eq!(find("", 4, 2).await.0, ["Oak Primary"], "{backend}");
        // Only the schools a person may see, and in or out of a network.
        let all = store.list_schools(None).await.unwrap();
        let oak: Vec<String> = all
            .iter()
            .filter(|s| s.name.starts_with("Oak"))
            .map(|s| s.id.clone())
            .collect();
        let mine = SchoolSearch {
            only: Some(&oak),
            text: "leeds",
            limit: 10,
            ..Default::default()
        };
        assert_eq!(store.search_schools(&mine).await.unwrap().1, 1, "{backend}");
        let (network, _) = store
            .create_network("Search Alliance", &tester())
            .await
            .unwrap();
        let birch = store
            .school(&all.iter().find(|s| s.name == "Birch School").unwrap().id)
            .await
            .unwrap()
            .unwrap();
        store
            .add_to_network(network, birch.key, &tester())
            .await
            .unwrap();
        let inside = SchoolSearch {
            network: Some((network, true)),
            limit: 10,
            ..Default::default()
        };
        let outside = SchoolSearch {
            network: Some((network, false)),
            limit: 10,
            ..Default::default()
        };
        assert_eq!(
            store.search_schools(&inside).await.unwrap().0[0].name,
            "Birch School",
            "{backend}"
        );
        assert_eq!(
            store.search_schools(&inside).await.unwrap().1,
            1,
            "{backend}"
        );
        assert_eq!(
            store.search_schools(&outside).await.unwrap().1,
            4,
            "{backend}"
        );
        let figures = store
            .network(&store.list_networks(None).await.unwrap()[0].id)
            .await
            .unwrap()
            .unwrap()
            .figures;
        assert_eq!((figures.schools, figures.learners), (1, 200), "{backend}");
        // Letters beyond A to Z too (SQLite's own `lower()` leaves them).
        store
            .add_school(&school("Öresund Skola", "Łódź"), &tester())
            .await
            .unwrap();
        assert_eq!(
            find("öresund ŁÓDŹ", 0, 10).await.0,
            ["Öresund Skola"],
            "{backend}"
        );
        // …and without their accents, "ł" typed as "l".
        assert_eq!(
            find("oresund łodz", 0, 10).await.0,
            ["Öresund Skola"],
            "{backend}"
        );
        assert_eq!(find("lodz", 0, 10).await.0, ["Öresund Skola"], "{backend}");
    }
}

#[tokio::test]
async fn frameworks_are_published_once_per_version_and_read_back() {
    for db in common::databases().await {
        let store = &db.store;
        let (file, source) = SHIPPED_FRAMEWORKS[0];
        let published = store
            .publish_framework(file, source, &tester())
            .await
            .unwrap();
        assert_eq!(published.elements, 8);
        let again = store.publish_framework(file, source, &tester()).await;
        assert!(
            matches!(again, Err(PublishError::Store(StoreError::Duplicate(_)))),
            "{}",
            db.backend
        );
        let invalid = store
            .publish_framework("bad.toml", "format = 1\n", &tester())
            .await;
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

#[tokio::test]
async fn a_schools_award_standing_holds_its_awards_and_its_cluster_mates() {
    for db in common::databases().await {
        let (store, backend) = (&db.store, db.backend);
        store.seed_demo().await.unwrap();
        let mut keys = std::collections::HashMap::new();
        for s in store.list_schools(None).await.unwrap() {
            let key = store.school(&s.id).await.unwrap().unwrap().key;
            keys.insert(s.id, key);
        }
        let since = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let (mut own_seen, mut mates_seen) = (false, false);
        for (id, &key) in &keys {
            let terms = |key: i64| async move {
                let mut terms: Vec<_> = store
                    .awards_of(key)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|a| a.term)
                    .collect();
                terms.sort_by(|a: &AwardTerm, b: &AwardTerm| {
                    (&a.granted_on, &a.award).cmp(&(&b.granted_on, &b.award))
                });
                terms
            };
            let mut standing = store.award_standing(key, since, 2026).await.unwrap();
            let by_date = |a: &AwardTerm, b: &AwardTerm| {
                (&a.granted_on, &a.award).cmp(&(&b.granted_on, &b.award))
            };
            standing.own.sort_by(by_date);
            for terms in standing.mates.values_mut() {
                terms.sort_by(by_date);
            }
            assert_eq!(standing.own, terms(key).await, "{backend}: {id}");
            let cluster = store.cluster_schools(key).await.unwrap();
            assert_eq!(standing.cluster_member, !cluster.is_empty(), "{backend}");
            let mut mates = std::collections::BTreeMap::new();
            for mate in cluster.iter().filter(|m| *m != id) {
                let found = terms(keys[mate]).await;
                if !found.is_empty() {
                    mates.insert(keys[mate], found);
                }
            }
            assert_eq!(standing.mates, mates, "{backend}: {id}");
            own_seen |= !standing.own.is_empty();
            mates_seen |= !standing.mates.is_empty();
        }
        assert!(
            own_seen && mates_seen,
            "{backend}: the demo's cluster holds an award"
        );
    }
}

#[tokio::test]
async fn the_audit_log_cannot_be_changed_or_deleted() {
    use sea_orm::ConnectionTrait;
    for db in common::databases().await {
        let store = &db.store;
        store.seed_demo().await.unwrap();
        let before = store
            .audit_log(&Default::default())
            .await
            .unwrap()
            .events
            .len();
        assert!(before > 0, "{}: seeding is audited", db.backend);
        for sql in [
            "UPDATE audit_event SET actor_email = 'someone else'",
            "DELETE FROM audit_event",
        ] {
            let result = store.db.execute_unprepared(sql).await;
            assert!(result.is_err(), "{}: {sql} must fail", db.backend);
        }
        let after = store.audit_log(&Default::default()).await.unwrap().events;
        assert_eq!(after.len(), before);
        assert!(after.iter().all(|e| e.actor != "someone else"));
    }
}

#[tokio::test]
async fn accounts_made_before_memberships_keep_their_role_after_migrating() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    for db in common::empty_databases().await {
        let store = &db.store;
        // The schema as the first release left it: one role on the account.
        Migrator::up(&store.db, Some(3)).await.unwrap();
        for sql in [
            "INSERT INTO school (public_id, name, phase, city, learners, created_at) \
             VALUES ('s-1', 'Old School', 'primary', 'Leeds', 100, '2026-11-01 09:00:00+00:00')",
            "INSERT INTO account (public_id, email, display_name, password_hash, role, school_id, created_at) \
             SELECT 'a-1', 'old@example.org', 'Old Coordinator', 'x', 'coordinator', id, '2026-11-01 09:00:00+00:00' FROM school",
        ] {
            store.db.execute_unprepared(sql).await.unwrap();
        }
        store.migrate().await.unwrap();
        let credentials = store.credentials("old@example.org").await.unwrap().unwrap();
        let token = store
            .start_session(credentials.key, &tester())
            .await
            .unwrap();
        let signed_in = store.session(&token).await.unwrap().unwrap();
        assert_eq!(
            signed_in.viewer.memberships,
            vec![app::domain::Membership {
                role: app::domain::Role::Coordinator,
                school: Some("s-1".into()),
                network: None,
            }],
            "{}",
            db.backend
        );
    }
}

#[tokio::test]
async fn schools_made_before_the_search_column_are_found_after_migrating() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    for db in common::empty_databases().await {
        let store = &db.store;
        Migrator::up(&store.db, Some(15)).await.unwrap();
        for (id, name, city) in [
            ("s-1", "Old School", "Leeds"),
            ("s-2", "École Ouverte", "Évry"),
        ] {
            let sql = format!(
                "INSERT INTO school (public_id, name, phase, city, learners, region, contact_email, created_at) \
                 VALUES ('{id}', '{name}', 'primary', '{city}', 100, '', '', '2026-11-01 09:00:00+00:00')"
            );
            store.db.execute_unprepared(&sql).await.unwrap();
        }
        store.migrate().await.unwrap();
        for (words, found) in [
            ("old leeds", "Old School"),
            ("école évry", "École Ouverte"),
            ("ecole EVRY", "École Ouverte"),
        ] {
            let search = SchoolSearch {
                text: words,
                limit: 10,
                ..Default::default()
            };
            let (page, _) = store.search_schools(&search).await.unwrap();
            let names: Vec<_> = page.into_iter().map(|s| s.name).collect();
            assert_eq!(names, [found], "{}: {words}", db.backend);
        }
    }
}

#[tokio::test]
async fn schools_folded_before_letters_such_as_l_with_stroke_are_found_after_migrating() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    for db in common::empty_databases().await {
        let store = &db.store;
        Migrator::up(&store.db, Some(16)).await.unwrap();
        // Folded as migration 16 folded it: "ł" kept.
        store
            .db
            .execute_unprepared(
                "INSERT INTO school (public_id, name, phase, city, learners, region, contact_email, created_at, search_text) \
                 VALUES ('s-1', 'Szkoła Otwarta', 'primary', 'Łódź', 100, '', '', '2026-11-01 09:00:00+00:00', 'szkoła otwarta łodz')",
            )
            .await
            .unwrap();
        store.migrate().await.unwrap();
        for words in ["szkola lodz", "SZKOŁA Łódź", "otwarta"] {
            let search = SchoolSearch {
                text: words,
                limit: 10,
                ..Default::default()
            };
            let (page, _) = store.search_schools(&search).await.unwrap();
            let names: Vec<_> = page.into_iter().map(|s| s.name).collect();
            assert_eq!(names, ["Szkoła Otwarta"], "{}: {words}", db.backend);
        }
    }
}

/// The dashboard's figures today for a network (key) and region.
async fn figures(
    store: &app::store::Store,
    network: Option<i64>,
    region: Option<&str>,
) -> app::store::dashboard::Figures {
    let scope = app::store::dashboard::Scope {
        network,
        region,
        framework: "inclusion-quality",
    };
    let today = chrono::Utc::now().date_naive();
    store.dashboard_figures(scope, today).await.unwrap()
}

#[tokio::test]
async fn a_generated_network_is_reproducible_and_summed_for_the_dashboard() {
    use app::store::generate::GenerateOptions;
    for db in common::databases().await {
        let backend = db.backend;
        let options = GenerateOptions {
            schools: 60,
            seed: 7,
        };
        let made = db.store.generate_network(options, |_, _| {}).await.unwrap();
        assert_eq!(made.schools, 60, "{backend}");
        assert_eq!(made.assessments, 180, "{backend}");
        assert_eq!(made.reviews, 120, "{backend}");
        assert_eq!(made.clusters, 6, "{backend}");
        // The same seed again is refused rather than doubled.
        assert!(
            db.store.generate_network(options, |_, _| {}).await.is_err(),
            "{backend}"
        );
        let all = figures(&db.store, None, None).await;
        let schools: u32 = all.regions.iter().map(|r| r.schools).sum();
        assert_eq!(schools, 60, "{backend}");
        assert_eq!(all.phases.iter().map(|p| p.1).sum::<u32>(), 60, "{backend}");
        // Every school has a latest validated result, counted once.
        assert_eq!(all.distribution.iter().sum::<u32>(), 60, "{backend}");
        assert!(!all.elements.is_empty(), "{backend}");
        assert!(
            all.elements
                .iter()
                .all(|e| e.schools == 60 && e.average <= 1000),
            "{backend}: {:?}",
            all.elements
        );
        // Two years of validated results, year over year.
        assert_eq!(all.by_year.len(), 2, "{backend}: {:?}", all.by_year);
        // One region: its schools, listed, and nothing from elsewhere.
        let region = all.regions[0].region.clone();
        let one = figures(&db.store, None, Some(&region)).await;
        assert_eq!(one.regions.len(), 1, "{backend}");
        assert_eq!(
            one.schools.len() as u32,
            all.regions[0].schools,
            "{backend}"
        );
        assert!(one.schools.iter().all(|s| s.overall.is_some()), "{backend}");
        // A second, smaller network: scoped figures count only its schools.
        let second = db
            .store
            .generate_network(
                GenerateOptions {
                    schools: 5,
                    seed: 8,
                },
                |_, _| {},
            )
            .await
            .unwrap();
        let network = db
            .store
            .list_networks(None)
            .await
            .unwrap()
            .into_iter()
            .find(|n| n.name == second.network)
            .unwrap();
        let key = db.store.network(&network.id).await.unwrap().unwrap().key;
        let scoped = figures(&db.store, Some(key), None).await;
        assert_eq!(
            scoped.regions.iter().map(|r| r.schools).sum::<u32>(),
            5,
            "{backend}"
        );
        assert_eq!(scoped.distribution.iter().sum::<u32>(), 5, "{backend}");

        // The figures are kept between requests, and worked out again when
        // the data under them changes: here, five more schools…
        let again = figures(&db.store, None, None).await;
        assert_eq!(
            again.regions.iter().map(|r| r.schools).sum::<u32>(),
            65,
            "{backend}"
        );
        // …a school moved to another region…
        let moved = db.store.school(&one.schools[0].id).await.unwrap().unwrap();
        db.store
            .update_school_contact(&moved, "Elsewhere", "", &tester())
            .await
            .unwrap();
        let after_move = figures(&db.store, None, None).await;
        let elsewhere = after_move.regions.iter().find(|r| r.region == "Elsewhere");
        assert_eq!(elsewhere.map(|r| r.schools), Some(1), "{backend}");
        // …and a school leaving a network.
        let in_network = SchoolSearch {
            network: Some((key, true)),
            limit: 1,
            ..Default::default()
        };
        let (first, _) = db.store.search_schools(&in_network).await.unwrap();
        let leaving = db.store.school(&first[0].id).await.unwrap().unwrap().key;
        db.store
            .remove_from_network(key, leaving, &tester())
            .await
            .unwrap();
        let smaller = figures(&db.store, Some(key), None).await;
        assert_eq!(
            smaller.regions.iter().map(|r| r.schools).sum::<u32>(),
            4,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_foreign_keys_pages_look_up_are_indexed() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    for db in common::databases().await {
        let backend = db.store.db.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => "SELECT indexname AS name FROM pg_indexes",
            _ => "SELECT name FROM sqlite_master WHERE type = 'index'",
        };
        let names: Vec<String> = db
            .store
            .db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .unwrap()
            .iter()
            .filter_map(|row| row.try_get::<String>("", "name").ok())
            .collect();
        for index in [
            "ix_evidence_assessment",
            "ix_network_school_school",
            "ix_board_column_cluster",
            "ix_card_column",
            "ix_award_review",
        ] {
            assert!(
                names.iter().any(|n| n == index),
                "{}: {index} missing",
                db.backend
            );
        }
        if backend == DbBackend::Sqlite {
            // A self-assessment's evidence is a search by that index, not a scan.
            let plan = db
                .store
                .db
                .query_all_raw(Statement::from_string(
                    backend,
                    "EXPLAIN QUERY PLAN SELECT * FROM evidence WHERE assessment_id = 1",
                ))
                .await
                .unwrap();
            let detail: Vec<String> = plan
                .iter()
                .filter_map(|row| row.try_get::<String>("", "detail").ok())
                .collect();
            assert!(
                detail
                    .iter()
                    .any(|d| d.contains("USING INDEX ix_evidence_assessment")),
                "{detail:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_session_brings_its_person_memberships_and_school_names_and_ends_when_expired() {
    use sea_orm::ConnectionTrait;
    for db in common::databases().await {
        let (store, backend) = (&db.store, db.backend);
        store.seed_demo().await.unwrap();
        let schools = store.list_schools(None).await.unwrap();
        // The coordinator teaches at a second school too.
        let mut theirs: Vec<(String, String)> = Vec::new();
        let email = "coordinator@demo.equimark.test";
        let credentials = store.credentials(email).await.unwrap().unwrap();
        let token = store
            .start_session(credentials.key, &tester())
            .await
            .unwrap();
        let before = store.session(&token).await.unwrap().unwrap();
        let first = before.viewer.memberships[0].school.clone().unwrap();
        let other = schools.iter().find(|s| s.id != first).unwrap();
        store
            .db
            .execute_unprepared(&format!(
                "INSERT INTO membership (account_id, role, school_id, created_at) \
                 SELECT a.id, 'teacher', s.id, '2026-11-01 09:00:00+00:00' \
                 FROM account a, school s WHERE a.email = '{email}' AND s.public_id = '{}'",
                other.id
            ))
            .await
            .unwrap();
        for id in [&first, &other.id] {
            let name = schools.iter().find(|s| s.id == **id).unwrap().name.clone();
            theirs.push((id.to_string(), name));
        }
        theirs.sort_by(|a, b| a.1.cmp(&b.1));

        let signed_in = store.session(&token).await.unwrap().unwrap();
        assert_eq!(signed_in.account, credentials.key, "{backend}");
        assert_eq!(signed_in.viewer.email, email, "{backend}");
        assert_eq!(signed_in.viewer.memberships.len(), 2, "{backend}");
        assert_eq!(
            signed_in.viewer.memberships[1].school.as_ref(),
            Some(&other.id),
            "{backend}"
        );
        assert_eq!(signed_in.schools, theirs, "{backend}");
        assert_eq!(signed_in.me().schools, theirs, "{backend}");

        assert!(
            store.session("no-such-token").await.unwrap().is_none(),
            "{backend}"
        );
        store
            .db
            .execute_unprepared("UPDATE session SET expires_at = '2020-01-01 00:00:00+00:00'")
            .await
            .unwrap();
        assert!(store.session(&token).await.unwrap().is_none(), "{backend}");
        let left = store
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                store.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM session",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert_eq!(left, 0, "an expired session is removed ({backend})");
    }
}

#[tokio::test]
async fn a_self_assessment_is_read_with_its_school() {
    for db in common::databases().await {
        let (store, backend) = (&db.store, db.backend);
        store.seed_demo().await.unwrap();
        let mut found = None;
        for school in store.list_schools(None).await.unwrap() {
            let record = store.school(&school.id).await.unwrap().unwrap();
            if let Some(a) = store.assessments_of(record.key).await.unwrap().pop() {
                found = Some((school, record, a));
                break;
            }
        }
        let (school, record, assessment) = found.expect("the demo has a self-assessment");
        let (found, at) = store
            .assessment_with_school(&assessment.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (found.key, at.key, at.summary.id.as_str()),
            (assessment.key, record.key, school.id.as_str()),
            "{backend}"
        );
        let (by_key, at) = store
            .assessment_with_school_by_key(assessment.key)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (by_key.id, at.key),
            (assessment.id, record.key),
            "{backend}"
        );
        assert!(
            store
                .assessment_with_school("no-such-id")
                .await
                .unwrap()
                .is_none(),
            "{backend}"
        );
        assert!(
            store
                .assessment_with_school_by_key(-1)
                .await
                .unwrap()
                .is_none(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_responses_and_evidence_of_several_self_assessments_are_read_together() {
    use app::store::generate::GenerateOptions;
    for db in common::databases().await {
        let (store, backend) = (&db.store, db.backend);
        let options = GenerateOptions {
            schools: 2,
            seed: 3,
        };
        store.generate_network(options, |_, _| {}).await.unwrap();
        let school = store.list_schools(None).await.unwrap().remove(0);
        let record = store.school(&school.id).await.unwrap().unwrap();
        let keys: Vec<i64> = store
            .assessments_of(record.key)
            .await
            .unwrap()
            .iter()
            .map(|a| a.key)
            .collect();
        assert_eq!(keys.len(), 3, "{backend}: three cycles");
        let responses = store.responses_of(&keys).await.unwrap();
        let evidence = store.evidence_of(&keys).await.unwrap();
        // Each self-assessment's own, as if read alone, and nothing mixed.
        for key in &keys {
            let alone = store.responses(*key).await.unwrap();
            assert!(!alone.is_empty(), "{backend}");
            assert_eq!(responses.get(key), Some(&alone), "{backend}");
            let alone = store.evidence(*key).await.unwrap();
            assert_eq!(
                evidence.get(key).cloned().unwrap_or_default(),
                alone,
                "{backend}"
            );
        }
        let items: Vec<_> = evidence.values().flatten().collect();
        assert!(!items.is_empty(), "{backend}: the network has evidence");
        // Each piece comes once, with its indicators once each, in order.
        let mut ids: Vec<&str> = items.iter().map(|e| e.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), items.len(), "{backend}");
        assert!(items.iter().any(|e| !e.indicators.is_empty()), "{backend}");
        assert!(
            items
                .iter()
                .all(|e| e.indicators.windows(2).all(|w| w[0] < w[1])),
            "{backend}"
        );
        // Unknown and no self-assessments have nothing.
        assert!(
            store.responses_of(&[-1]).await.unwrap().is_empty(),
            "{backend}"
        );
        assert!(
            store.evidence_of(&[]).await.unwrap().is_empty(),
            "{backend}"
        );
    }
}
