//! The dashboard's drill-down and downloads on both backends: CSV exports
//! of a generated network (paged, scoped, refused to the wrong people), a
//! school's whole record as JSON, and caching of the browser bundle.

mod common;

use app::store::generate::GenerateOptions;
use axum::http::{header, StatusCode};
use common::web::{apps, TestApp};

const ADMIN: &str = "admin@demo.equimark.test";
const NETWORK_ADMIN: &str = "network@demo.equimark.test";
const COORDINATOR: &str = "coordinator@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";

/// Generates `schools` schools and returns their network's public id.
async fn generated(app: &TestApp, schools: usize) -> (String, app::store::generate::Generated) {
    let made = app
        .store
        .generate_network(GenerateOptions { schools, seed: 5 }, |_, _| {})
        .await
        .unwrap();
    let id = app
        .store
        .list_networks(None)
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.name == made.network)
        .unwrap()
        .id;
    (id, made)
}

/// The CSV's records (a header first), split as a CSV reader would for
/// fields without line breaks.
fn records(body: &str) -> Vec<Vec<String>> {
    body.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn csv_exports_page_through_the_scope_and_count_every_row_once() {
    for app in apps().await {
        let backend = app.backend;
        let (network, made) = generated(&app, 45).await;
        let admin = app.sign_in(ADMIN).await;
        let indicators = app
            .store
            .latest_framework("inclusion-quality")
            .await
            .unwrap()
            .unwrap()
            .indicators()
            .count();

        let reply = app
            .get(
                &format!("/dashboard/exports/schools?network={network}"),
                Some(&admin),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        assert_eq!(
            reply.headers[header::CONTENT_TYPE],
            "text/csv; charset=utf-8"
        );
        assert!(reply.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"equimark-schools-"));
        let schools = records(&reply.body);
        assert_eq!(schools[0][0], "school_id", "{backend}");
        assert_eq!(
            schools.len(),
            1 + 45,
            "{backend}: every generated school once"
        );
        let mut ids: Vec<&String> = schools[1..].iter().map(|r| &r[0]).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 45, "{backend}: no school twice");
        assert!(
            schools[1..].iter().all(|r| !r[10].is_empty()),
            "{backend}: every generated school has a validated score"
        );

        // Every school, the demo's too, for the certification admin.
        let all = app.get("/dashboard/exports/schools", Some(&admin)).await;
        assert_eq!(records(&all.body).len(), 1 + 45 + 4, "{backend}");

        // One region: exactly that region's rows.
        let region = schools[1][3].clone();
        let in_region = schools[1..].iter().filter(|r| r[3] == region).count();
        let reply = app
            .get(
                &format!(
                    "/dashboard/exports/schools?network={network}&region={}",
                    common::web::enc(&region)
                ),
                Some(&admin),
            )
            .await;
        let rows = records(&reply.body);
        assert_eq!(rows.len(), 1 + in_region, "{backend}");
        assert!(rows[1..].iter().all(|r| r[3] == region), "{backend}");
        // The region is a code of the list, named beside it.
        let named = app::domain::region::by_code(&region).expect("a listed region");
        assert!(rows[1..].iter().all(|r| r[4] == named.english), "{backend}");

        // A row per indicator of each of the three self-assessments, over
        // several pages of schools; the two reviewed ones carry the
        // assessor's ratings.
        let reply = app
            .get(
                &format!("/dashboard/exports/assessments?network={network}"),
                Some(&admin),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}");
        let rows = records(&reply.body);
        assert_eq!(rows[0][13], "validated_rating", "{backend}");
        assert_eq!(rows.len(), 1 + 45 * 3 * indicators, "{backend}");
        let validated = rows[1..].iter().filter(|r| !r[13].is_empty()).count();
        assert_eq!(validated, 45 * 2 * indicators, "{backend}");
        assert!(
            rows[1..].iter().all(|r| !r[10].is_empty()),
            "{backend}: elements named"
        );

        let reply = app
            .get(
                &format!("/dashboard/exports/awards?network={network}"),
                Some(&admin),
            )
            .await;
        let rows = records(&reply.body);
        assert_eq!(rows.len(), 1 + made.awards, "{backend}");
        assert!(rows[1..].iter().all(|r| r[8] == "valid"), "{backend}");
    }
}

#[tokio::test]
async fn exports_are_for_the_dashboards_people_only() {
    for app in apps().await {
        let backend = app.backend;
        let (network, _) = generated(&app, 3).await;
        let path = format!("/dashboard/exports/schools?network={network}");
        assert_eq!(
            app.get(&path, None).await.status,
            StatusCode::UNAUTHORIZED,
            "{backend}"
        );
        let teacher = app.sign_in(TEACHER).await;
        let refused = app.get("/dashboard/exports/schools", Some(&teacher)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{backend}");
        // A network admin gets their own network, and not another one.
        let network_admin = app.sign_in(NETWORK_ADMIN).await;
        assert_eq!(
            app.get(&path, Some(&network_admin)).await.status,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        let own = app
            .get("/dashboard/exports/schools", Some(&network_admin))
            .await;
        assert_eq!(own.status, StatusCode::OK, "{backend}");
        assert_eq!(
            records(&own.body).len(),
            1 + 3,
            "{backend}: the demo network's three"
        );
        let admin = app.sign_in(ADMIN).await;
        assert_eq!(
            app.get("/dashboard/exports/pupils", Some(&admin))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        assert_eq!(
            app.get("/dashboard/exports/schools?network=no-such", Some(&admin))
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        let query = app::model::AuditQuery {
            action: "data_exported".into(),
            ..Default::default()
        };
        let audit = app.store.audit_log(&query).await.unwrap();
        assert!(
            !audit.events.is_empty(),
            "{backend}: downloads are recorded"
        );
    }
}

#[tokio::test]
async fn a_schools_record_downloads_whole_for_those_who_answer_for_it() {
    for app in apps().await {
        let backend = app.backend;
        let riverside = app.demo_school(0).await;
        let hillcrest = app.demo_school(1).await;
        let path = format!("/schools/{riverside}/record.json");
        let coordinator = app.sign_in(COORDINATOR).await;
        let reply = app.get(&path, Some(&coordinator)).await;
        assert_eq!(reply.status, StatusCode::OK, "{backend}: {}", reply.body);
        assert!(reply.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment;"));
        let record = common::web::json(&reply.body);
        assert_eq!(record["format"], "equimark-school-record", "{backend}");
        assert_eq!(
            record["school"]["name"], "Riverside Primary School",
            "{backend}"
        );
        assert!(record["people"].as_array().unwrap().len() >= 2, "{backend}");
        assert!(
            !record["awards"].as_array().unwrap().is_empty(),
            "{backend}: the demo's award"
        );
        assert!(!reply.body.contains("password"), "{backend}: no secrets");
        assert!(!reply.body.contains("argon2"), "{backend}: no secrets");

        let admin = app.sign_in(ADMIN).await;
        assert_eq!(app.get(&path, Some(&admin)).await.status, StatusCode::OK);
        let teacher = app.sign_in(TEACHER).await;
        assert_eq!(
            app.get(&path, Some(&teacher)).await.status,
            StatusCode::FORBIDDEN,
            "{backend}"
        );
        assert_eq!(
            app.get(
                &format!("/schools/{hillcrest}/record.json"),
                Some(&coordinator)
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "{backend}: another school is not found"
        );
        assert_eq!(
            app.get(&path, None).await.status,
            StatusCode::UNAUTHORIZED,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_network_admin_drills_down_to_their_own_schools_figures() {
    for app in apps().await {
        let backend = app.backend;
        let riverside = app.demo_school(0).await;
        let (_, _) = generated(&app, 2).await;
        let outsider = app
            .store
            .list_schools(None)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.name.contains("School 5"))
            .unwrap()
            .id;
        let network_admin = app.sign_in(NETWORK_ADMIN).await;
        let results = app
            .ok(
                "school_results",
                &format!("school={riverside}"),
                &network_admin,
            )
            .await;
        assert_eq!(
            results["school"]["name"], "Riverside Primary School",
            "{backend}"
        );
        assert_eq!(
            app.status(
                "school_results",
                &format!("school={outsider}"),
                &network_admin
            )
            .await,
            StatusCode::NOT_FOUND,
            "{backend}: a school outside the network"
        );
        let admin = app.sign_in(ADMIN).await;
        let generated = app
            .ok("school_results", &format!("school={outsider}"), &admin)
            .await;
        assert_eq!(generated["years"].as_array().unwrap().len(), 2, "{backend}");
        assert_eq!(
            generated["overall"].as_array().unwrap().len(),
            2,
            "{backend}"
        );
        let teacher = app.sign_in(TEACHER).await;
        assert_eq!(
            app.status("school_results", &format!("school={riverside}"), &teacher)
                .await,
            StatusCode::OK,
            "{backend}: staff see their own school's"
        );
    }
}

#[tokio::test]
async fn bundle_files_named_by_content_are_cached_for_a_year() {
    let site =
        std::env::temp_dir().join(format!("equimark-site-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let root = site.display().to_string();
    assert_eq!(app::http::output_name(&root), "equimark");
    std::fs::write(site.join("pkg/build.txt"), "0123456789abcdef\n").unwrap();
    assert_eq!(app::http::output_name(&root), "equimark-0123456789abcdef");
    std::fs::write(site.join("pkg/build.txt"), "../../etc\n").unwrap();
    assert_eq!(
        app::http::output_name(&root),
        "equimark",
        "only a hash is taken"
    );

    // The test apps serve the system's temporary folder as their site.
    let pkg = std::env::temp_dir().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("equimark-0123456789abcdef.css"), "body {}").unwrap();
    std::fs::write(pkg.join("unhashed.css"), "body {}").unwrap();
    let app = apps().await.remove(0);
    let hashed = app.get("/pkg/equimark-0123456789abcdef.css", None).await;
    assert_eq!(hashed.status, StatusCode::OK);
    assert_eq!(
        hashed.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let plain = app.get("/pkg/unhashed.css", None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.headers[header::CACHE_CONTROL], "no-cache");
    let _ = std::fs::remove_dir_all(&site);
}
