//! Fee schedules through the server functions, on both backends: one per
//! award, in pounds or yuan, taking effect from a day; a schedule already
//! in effect never changes, so a review keeps the fee of the day it fell
//! due; bad schedules are refused with nothing lost.

mod common;

use axum::http::StatusCode;
use common::web::{apps, TestApp};
use serde_json::Value;

const ADMIN: &str = "admin@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";

fn rows(bands: &[(&str, &str, &str)]) -> String {
    bands
        .iter()
        .enumerate()
        .map(|(i, (min, max, year1))| {
            format!(
                "&rows[{i}][min]={min}&rows[{i}][max]={max}&rows[{i}][year1]={year1}\
                 &rows[{i}][year2]=1&rows[{i}][year3]=1"
            )
        })
        .collect()
}

async fn schedules_of(app: &TestApp, cookie: &str, award: &str) -> Vec<Value> {
    let view = app.ok("fee_schedule", "", cookie).await;
    view["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["award"] == award)
        .cloned()
        .collect()
}

#[tokio::test]
async fn each_award_has_its_fees_from_a_day_and_the_past_never_changes() {
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let school = app.sign_in(HILLCREST).await;

        // The demo prices every award; the UNESCO-style ones in yuan, and
        // Inclusive School's top band has no upper limit.
        let view = app.ok("fee_schedule", "", &school).await;
        assert_eq!(view["may_change"], false, "{backend}");
        assert!(view["awards"].as_array().unwrap().len() >= 6, "{backend}");
        let yuan = schedules_of(&app, &school, "inclusion-equity-certified").await;
        assert_eq!(yuan[0]["currency"], "CNY", "{backend}");
        let inclusive = schedules_of(&app, &school, "inclusive-school").await;
        assert_eq!(inclusive.len(), 1, "{backend}");
        let top = inclusive[0]["bands"].as_array().unwrap().last().unwrap();
        assert_eq!(top["max_learners"], Value::Null, "{backend}: {top}");

        // A school's staff may not set fees.
        let set = |body: String| {
            let (app, admin) = (&app, &admin);
            async move { app.call("set_fee_schedule", &body, Some(admin)).await }
        };
        let next_year = chrono::Utc::now().date_naive().format("%Y").to_string();
        let from = format!("{}-01-01", next_year.parse::<i32>().unwrap() + 1);
        let body = |award: &str, currency: &str, day: &str, bands: &[(&str, &str, &str)]| {
            format!(
                "award={award}&currency={currency}&effective_from={day}{}",
                rows(bands)
            )
        };
        let good = body(
            "inclusive-school",
            "CNY",
            &from,
            &[("1", "500", "5000"), ("501", "", "8000.50")],
        );
        let refused = app.call("set_fee_schedule", &good, Some(&school)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{backend}");

        // Bad schedules are refused and change nothing.
        let today = chrono::Utc::now().date_naive().to_string();
        for (bad, why) in [
            (
                body(
                    "inclusive-school",
                    "GBP",
                    &from,
                    &[("1", "", "1"), ("500", "900", "1")],
                ),
                "Overlap",
            ),
            (
                body("inclusive-school", "GBP", "2020-01-01", &[("1", "", "1")]),
                "Backdated",
            ),
            (
                body("inclusive-school", "GBP", "soon", &[("1", "", "1")]),
                "NotADate",
            ),
            (
                body("inclusive-school", "EUR", &from, &[("1", "", "1")]),
                "",
            ),
            (body("no-such-award", "GBP", &from, &[("1", "", "1")]), ""),
            (
                body("inclusive-school", "GBP", &from, &[("1", "", "£lots")]),
                "",
            ),
        ] {
            let reply = set(bad.clone()).await;
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend}: {bad}: {}",
                reply.body
            );
            assert!(reply.body.contains(why), "{backend}: {}", reply.body);
        }
        assert_eq!(
            schedules_of(&app, &admin, "inclusive-school").await,
            inclusive,
            "{backend}: nothing was lost"
        );

        // Next year's fees, in yuan, with an open top band: the current
        // schedule still prices today; saving the same day again replaces
        // the upcoming one instead of adding another.
        assert_eq!(set(good.clone()).await.status, StatusCode::OK, "{backend}");
        let again = body("inclusive-school", "CNY", &from, &[("1", "", "7000")]);
        assert_eq!(set(again).await.status, StatusCode::OK, "{backend}");
        let now = schedules_of(&app, &admin, "inclusive-school").await;
        assert_eq!(now.len(), 2, "{backend}: {now:?}");
        assert_eq!(now[0], inclusive[0], "{backend}: the past is unchanged");
        assert_eq!(now[1]["effective_from"], from.as_str(), "{backend}");
        assert_eq!(now[1]["currency"], "CNY", "{backend}");
        assert_eq!(now[1]["bands"][0]["yearly"][0], 700_000, "{backend}");
        // A schedule can take effect today, but the one already in effect
        // cannot be changed.
        let today_body = body("flagship", "GBP", &today, &[("1", "", "2500")]);
        assert_eq!(
            set(today_body.clone()).await.status,
            StatusCode::OK,
            "{backend}"
        );
        let changed = set(today_body.replace("2500", "9999")).await;
        assert_eq!(
            changed.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}"
        );
        assert!(changed.body.contains("Backdated"), "{backend}");

        // Hillcrest (1,150 learners) has no award: its first review is
        // priced by Inclusive School's fees in effect today.
        let hillcrest = app.demo_school(1).await;
        let calendar = app
            .ok("school_calendar", &format!("school={hillcrest}"), &school)
            .await;
        assert_eq!(
            calendar["next_fee"],
            serde_json::json!({ "amount": 160_000, "currency": "GBP" }),
            "{backend}: {calendar}"
        );
    }
}

/// The one schedule kept before schedules had awards, currencies and
/// dates becomes Inclusive School's, in pounds, in effect from the start.
#[tokio::test]
async fn the_fee_bands_kept_before_become_inclusive_schools_schedule() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::ConnectionTrait;
    for db in common::empty_databases().await {
        let store = &db.store;
        Migrator::up(&store.db, Some(27)).await.unwrap();
        for (min, max, year1) in [(1, 400, 120_000), (401, 2000, 160_000)] {
            let sql = format!(
                "INSERT INTO fee_band (min_learners, max_learners, year1, year2, year3) \
                 VALUES ({min}, {max}, {year1}, 1, 2)"
            );
            store.db.execute_unprepared(&sql).await.unwrap();
        }
        store.migrate().await.unwrap();
        let schedules = store.fee_schedules().await.unwrap();
        assert_eq!(schedules.len(), 1, "{}: {schedules:?}", db.backend);
        let kept = &schedules[0];
        assert_eq!(kept.award, "inclusive-school", "{}", db.backend);
        assert_eq!(kept.currency, app::domain::fees::Currency::Gbp);
        assert_eq!(kept.effective_from, "2000-01-01", "{}", db.backend);
        let bands: Vec<_> = kept
            .bands
            .iter()
            .map(|b| (b.min_learners, b.max_learners, b.yearly))
            .collect();
        assert_eq!(
            bands,
            [
                (1, Some(400), [120_000, 1, 2]),
                (401, Some(2000), [160_000, 1, 2])
            ],
            "{}",
            db.backend
        );
    }
}
