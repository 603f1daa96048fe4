//! A school's region is chosen from the list of provinces, cities and
//! regions, on both backends: a value outside the list is refused and
//! changes nothing, a value from before the list is kept when the form is
//! saved unchanged, pages name the region in the reader's language, the
//! directory and the dashboard filter by it, and the migration turns the
//! free text kept before into codes.

mod common;

use app::store::audit::Actor;
use axum::http::StatusCode;
use common::web::apps;

const COORDINATOR: &str = "coordinator@demo.equimark.test";
const ZHOU: &str = "zhou@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";

fn tester() -> Actor {
    Actor {
        account: None,
        email: "test".into(),
        ip: "local".into(),
    }
}

/// The page's HTML without Leptos's hydration markers.
fn readable(html: &str) -> String {
    html.replace("<!>", "")
}

#[tokio::test]
async fn a_school_chooses_its_region_from_the_list() {
    for app in apps().await {
        let backend = app.backend;
        let riverside = app.demo_school(0).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let region_of = |id: String| {
            let store = app.store.clone();
            async move { store.school(&id).await.unwrap().unwrap().region }
        };
        let update = |region: &str| {
            format!(
                "id={riverside}&region={}&contact_email=",
                common::web::enc(region)
            )
        };

        // Outside the list: refused with the reason, nothing changed.
        let refused = app
            .call("update_school", &update("Atlantis"), Some(&coordinator))
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert!(
            refused.body.contains("unknown_region"),
            "{backend}: {}",
            refused.body
        );
        assert_eq!(region_of(riverside.clone()).await, "", "{backend}");
        // A teacher may not change it at all.
        let teacher = app.sign_in(TEACHER).await;
        assert_eq!(
            app.status("update_school", &update("E12000003"), &teacher)
                .await,
            StatusCode::FORBIDDEN,
            "{backend}"
        );

        // A listed code is kept as the code.
        app.ok("update_school", &update("E12000003"), &coordinator)
            .await;
        assert_eq!(region_of(riverside.clone()).await, "E12000003", "{backend}");

        // A value from before the list survives a save that leaves it as it
        // is, but cannot be typed in fresh.
        let record = app.store.school(&riverside).await.unwrap().unwrap();
        app.store
            .update_school_contact(&record, "West Yorkshire", "", &tester())
            .await
            .unwrap();
        app.ok("update_school", &update("West Yorkshire"), &coordinator)
            .await;
        assert_eq!(
            region_of(riverside.clone()).await,
            "West Yorkshire",
            "{backend}"
        );
        let page = app
            .get(&format!("/schools/{riverside}"), Some(&coordinator))
            .await;
        assert!(
            readable(&page.body).contains(
                r#"<option value="West Yorkshire" selected>West Yorkshire (not in the list: choose one)</option>"#
            ),
            "{backend}: the form asks for a choice"
        );
        assert_eq!(
            app.call(
                "update_school",
                &update("East Yorkshire"),
                Some(&coordinator)
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn pages_name_the_region_in_the_readers_language() {
    for app in apps().await {
        let backend = app.backend;
        let shanghai = app.demo_school(3).await;
        let zhou = app.sign_in(ZHOU).await;
        app.ok(
            "update_school",
            &format!("id={shanghai}&region=CN-SH&contact_email="),
            &zhou,
        )
        .await;
        let in_chinese = format!("{zhou}; i18n_pref_locale=zh");
        let page = app
            .get(&format!("/schools/{shanghai}"), Some(&in_chinese))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        let html = readable(&page.body);
        assert!(
            html.contains("<dd>上海市</dd>"),
            "{backend}: named in Chinese"
        );
        assert!(
            html.contains(r#"<optgroup label="中国">"#)
                && html.contains(r#"<optgroup label="英国">"#),
            "{backend}: the list grouped by country"
        );
        assert!(
            html.contains(r#"<option value="CN-SH" selected>上海市</option>"#),
            "{backend}: the school's region chosen"
        );
    }
}

#[tokio::test]
async fn the_directory_and_dashboard_group_and_filter_by_region() {
    for app in apps().await {
        let backend = app.backend;
        let riverside = app.demo_school(0).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        app.ok(
            "update_school",
            &format!("id={riverside}&region=E12000003&contact_email="),
            &coordinator,
        )
        .await;
        app.ok(
            "set_directory_listing",
            &format!("school={riverside}&listed=yes"),
            &coordinator,
        )
        .await;
        let listed = |body: &serde_json::Value| body["listings"].as_array().unwrap().len();
        let all = app
            .ok_anonymous("award_directory", "award=&region=&text=")
            .await;
        assert_eq!(
            all["regions"],
            serde_json::json!(["E12000003"]),
            "{backend}"
        );
        assert_eq!(all["listings"][0]["region"], "E12000003", "{backend}");
        for (region, found) in [("E12000003", 1), ("CN-SH", 0)] {
            let seen = app
                .ok_anonymous("award_directory", &format!("award=&region={region}&text="))
                .await;
            assert_eq!(listed(&seen), found, "{backend}: {region}");
        }
        let page = readable(&app.get("/directory?region=E12000003", None).await.body);
        assert!(
            page.contains(
                r#"<option value="E12000003" selected>Yorkshire and the Humber</option>"#
            ),
            "{backend}: the filter names the region"
        );
        assert!(
            page.contains("<td>Yorkshire and the Humber</td>"),
            "{backend}: the listing names the region"
        );

        // The network's dashboard counts Riverside under its region's code.
        let nadia = app.sign_in("network@demo.equimark.test").await;
        let network = app.store.list_networks(None).await.unwrap()[0].id.clone();
        let dashboard = app
            .ok(
                "network_dashboard",
                &format!("network={network}&region="),
                &nadia,
            )
            .await;
        let regions = dashboard["regions"].as_array().unwrap();
        assert!(
            regions
                .iter()
                .any(|r| r["region"] == "E12000003" && r["schools"] == 1),
            "{backend}: {regions:?}"
        );
        let one = app
            .ok(
                "network_dashboard",
                &format!("network={network}&region=E12000003"),
                &nadia,
            )
            .await;
        assert_eq!(
            one["schools"].as_array().unwrap().len(),
            1,
            "{backend}: {one}"
        );
    }
}

/// The free text kept before the list becomes the code of the region it
/// names, in English (any case) or Chinese (with or without 省 or 市);
/// anything else is kept as written.
#[tokio::test]
async fn the_migration_turns_region_names_into_codes() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    for db in common::empty_databases().await {
        let store = &db.store;
        Migrator::up(&store.db, Some(37)).await.unwrap();
        let kept = [
            ("s-1", "Shanghai", "CN-SH"),
            ("s-2", "上海", "CN-SH"),
            ("s-3", "GUANGDONG", "CN-GD"),
            ("s-4", "广西壮族自治区", "CN-GX"),
            ("s-5", "Yorkshire and the Humber", "E12000003"),
            ("s-6", "West Yorkshire", "West Yorkshire"),
            ("s-7", "", ""),
        ];
        for (id, region, _) in kept {
            let sql = format!(
                "INSERT INTO school (public_id, name, phase, city, learners, region, contact_email, created_at, search_text) \
                 VALUES ('{id}', 'School {id}', 'primary', 'Town', 100, '{region}', '', '2026-11-01 09:00:00+00:00', 'school')"
            );
            store.db.execute_unprepared(&sql).await.unwrap();
        }
        store.migrate().await.unwrap();
        for (id, before, after) in kept {
            let school = store.school(id).await.unwrap().unwrap();
            assert_eq!(school.region, after, "{}: {before}", db.backend);
        }
    }
}
