//! The home page's "what needs me now", through the `home` server function
//! on both backends: each demo role sees its own work, and the list
//! follows the work as it is assigned, done, requested and looked at.

mod common;

use app::store::seed::Demo;
use common::web::{app_on, apps, enc, test_settings, TestApp};
use serde_json::Value;

const ADMIN: &str = "admin@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";
const MODERATOR: &str = "moderator@demo.equimark.test";
const COORDINATOR: &str = "coordinator@demo.equimark.test";
const HILLCREST: &str = "hillcrest@demo.equimark.test";
const LEAD: &str = "lead@demo.equimark.test";
const TEACHER: &str = "teacher@demo.equimark.test";
const NETWORK: &str = "network@demo.equimark.test";

async fn home(app: &TestApp, who: &str) -> Value {
    app.ok("home", "", who).await
}

fn named<'a>(list: &'a Value, field: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap_or_else(|| panic!("a list: {list}"))
        .iter()
        .find(|item| item[field] == value)
        .unwrap_or_else(|| panic!("{field} = {value} in {list}"))
}

#[tokio::test]
async fn each_person_s_home_shows_the_work_waiting_for_them() {
    for app in apps().await {
        let backend = app.backend;
        let admin = app.sign_in(ADMIN).await;
        let assessor = app.sign_in(ASSESSOR).await;
        let moderator = app.sign_in(MODERATOR).await;
        let coordinator = app.sign_in(COORDINATOR).await;
        let hillcrest = app.sign_in(HILLCREST).await;
        let lead = app.sign_in(LEAD).await;
        let teacher = app.sign_in(TEACHER).await;

        // A visitor has no work: the page shows the way in instead.
        assert!(app.ok_anonymous("home", "").await.is_null(), "{backend}");

        // The teacher's school holds an award; nothing is assigned yet; the
        // cluster's board has cards they have never seen.
        let mine = home(&app, &teacher).await;
        assert_eq!(mine["elements"], serde_json::json!([]), "{backend}");
        let riverside = named(&mine["schools"], "name", "Riverside Primary School");
        assert!(riverside["open_assessment"].is_null(), "{backend}");
        assert!(
            riverside["calendar"]["valid_until"].is_string(),
            "{backend}: {riverside}"
        );
        let board = named(&mine["boards"], "name", "Yorkshire Inclusion Cluster");
        assert_eq!(board["changed"], 2, "{backend}: the demo's two cards");

        // The coordinator starts a self-assessment and assigns an element.
        let school = app.demo_school(0).await;
        let id: String = serde_json::from_value(
            app.ok(
                "start_assessment",
                &format!("school={school}&framework=inclusion-quality%402026.3&cycle=initial&target_award=inclusive-school"),
                &coordinator,
            )
            .await,
        )
        .unwrap();
        let view = app
            .ok("assessment", &format!("id={id}"), &coordinator)
            .await;
        let element = &view["framework"]["elements"][0];
        let element_id = element["id"].as_str().unwrap();
        let indicator = element["indicators"][0]["id"].as_str().unwrap();
        let of = element["indicators"].as_array().unwrap().len();
        let tara = named(&view["assignable"], "name", "Tara Teacher")["account"]
            .as_str()
            .unwrap()
            .to_owned();
        app.ok(
            "assign_element",
            &format!("assessment={id}&element={element_id}&account={tara}"),
            &coordinator,
        )
        .await;
        let mine = home(&app, &teacher).await;
        let assigned = named(&mine["elements"], "element", element_id);
        assert_eq!(assigned["assessment"], id.as_str(), "{backend}");
        assert_eq!(assigned["rated"], 0, "{backend}");
        assert_eq!(assigned["of"], of, "{backend}");
        assert_eq!(assigned["progress"], "not_started", "{backend}");
        let riverside = named(&mine["schools"], "name", "Riverside Primary School");
        assert_eq!(riverside["open_assessment"], id.as_str(), "{backend}");
        // The coordinator leads the whole self-assessment: nothing is
        // assigned to them by name.
        assert_eq!(
            home(&app, &coordinator).await["elements"],
            serde_json::json!([])
        );

        app.ok(
            "save_response",
            &format!(
                "assessment={id}&indicator={indicator}&level=established&narrative={}&base_version=0",
                enc("We meet weekly.")
            ),
            &teacher,
        )
        .await;
        let assigned = &home(&app, &teacher).await["elements"][0];
        assert_eq!(assigned["rated"], 1, "{backend}");
        assert_eq!(assigned["progress"], "in_progress", "{backend}");

        // Opening the board clears its news; the lead's new card is news.
        let cluster = board["cluster"].as_str().unwrap().to_owned();
        app.ok("cluster", &format!("id={cluster}"), &teacher).await;
        let board_news =
            |work: &Value| named(&work["boards"], "cluster", &cluster)["changed"].clone();
        assert_eq!(board_news(&home(&app, &teacher).await), 0, "{backend}");
        let view = app.ok("cluster", &format!("id={cluster}"), &lead).await;
        let ideas = named(&view["board"], "name", "Ideas")["id"].clone();
        app.ok(
            "add_card",
            &format!(
                "cluster={cluster}&school=&column={ideas}&card[title]={}&card[body]={}&card[elements][0]=teaching",
                enc("Sensory breaks"),
                enc("Five minutes, twice a morning.")
            ),
            &lead,
        )
        .await;
        assert_eq!(board_news(&home(&app, &teacher).await), 1, "{backend}");

        // Hillcrest's submitted self-assessment waits for an assessor: the
        // admin who assigns one sees it; assessors do not.
        assert_eq!(
            home(&app, &admin).await["awaiting_assessor"],
            1,
            "{backend}"
        );
        assert_eq!(
            home(&app, &assessor).await["awaiting_assessor"],
            0,
            "{backend}"
        );
        // A network admin's work is their network's dashboard; nobody
        // else's home lists networks.
        let network = app.sign_in(NETWORK).await;
        let theirs = home(&app, &network).await;
        assert_eq!(
            theirs["networks"].as_array().unwrap().len(),
            1,
            "{backend}: {theirs}"
        );
        assert!(
            theirs["networks"][0]["schools"].as_u64() > Some(0),
            "{backend}"
        );
        assert_eq!(
            home(&app, &teacher).await["networks"],
            serde_json::json!([])
        );

        let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
        let assessment = queue["awaiting"][0]["assessment"]
            .as_str()
            .unwrap()
            .to_owned();
        let account = |name: &str| {
            named(&queue["assessors"], "name", name)["account"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let review: String = serde_json::from_value(
            app.ok(
                "assign_review",
                &format!(
                    "assessment={assessment}&lead={}&second={}&due_on=2030-01-31",
                    account("Asha Assessor"),
                    account("Mo Moderator")
                ),
                &admin,
            )
            .await,
        )
        .unwrap();
        let work = home(&app, &assessor).await;
        let to_do = named(&work["reviews"], "review", &review);
        assert_eq!(to_do["task"], "Validate", "{backend}");
        assert_eq!(to_do["school"], "Hillcrest Academy", "{backend}");
        assert_eq!(to_do["due_on"], "2030-01-31", "{backend}");
        // The second assessor's turn comes with moderation, not before.
        assert_eq!(
            home(&app, &moderator).await["reviews"],
            serde_json::json!([])
        );
        assert_eq!(
            home(&app, &admin).await["awaiting_assessor"],
            0,
            "{backend}"
        );

        // A request for more evidence is the school's to answer, and no
        // longer the assessor's to do.
        let view = app.ok("review", &format!("id={review}"), &assessor).await;
        let asked = view["assessment"]["framework"]["elements"][0]["indicators"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        app.ok(
            "request_evidence",
            &format!(
                "review={review}&indicator={asked}&message={}",
                enc("Please add the pupil voice survey.")
            ),
            &assessor,
        )
        .await;
        app.ok("return_to_school", &format!("review={review}"), &assessor)
            .await;
        let school_work = home(&app, &hillcrest).await;
        let request = &school_work["requests"][0];
        assert_eq!(request["assessment"], assessment.as_str(), "{backend}");
        assert_eq!(request["message"], "Please add the pupil voice survey.");
        assert!(request["indicator"].is_object(), "{backend}: its title");
        assert_eq!(
            home(&app, &assessor).await["reviews"],
            serde_json::json!([])
        );
        // Other schools' staff do not see it.
        assert_eq!(
            home(&app, &coordinator).await["requests"],
            serde_json::json!([])
        );
    }
}

#[tokio::test]
async fn the_full_demo_gives_every_role_its_work_and_the_dashboard_its_figures() {
    for db in common::databases().await {
        db.store.seed_demo_as(Demo::Full).await.unwrap();
        let app = app_on(db.store.clone(), db.backend, test_settings());
        let backend = app.backend;

        // The teacher answers for two elements of Riverside's annual review,
        // which the assessor returned with a request for evidence.
        let teacher = home(&app, &app.sign_in(TEACHER).await).await;
        let elements: Vec<&str> = teacher["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["element"].as_str().unwrap())
            .collect();
        assert_eq!(
            elements,
            ["environment", "teaching"],
            "{backend}: {teacher}"
        );
        assert_eq!(
            teacher["requests"].as_array().unwrap().len(),
            1,
            "{backend}"
        );
        assert!(teacher["requests"][0]["message"]
            .as_str()
            .unwrap()
            .contains("quiet room"));
        // Riverside's award came from a validated review.
        let riverside = named(&teacher["schools"], "name", "Riverside Primary School");
        let code = riverside["calendar"]["certificate"].as_str().unwrap();
        let certificate = app
            .ok_anonymous("verify_certificate", &format!("code={code}"))
            .await;
        assert_eq!(
            certificate["school_name"], "Riverside Primary School",
            "{backend}"
        );

        // The assessor has Oak Tree to validate; the second assessor has
        // Hillcrest to moderate; the admin, the generated network's
        // submitted self-assessments to give an assessor.
        let assessor = home(&app, &app.sign_in(ASSESSOR).await).await;
        let oak_tree = named(&assessor["reviews"], "school", "Oak Tree Special School");
        assert_eq!(oak_tree["task"], "Validate", "{backend}");
        let moderator = home(&app, &app.sign_in(MODERATOR).await).await;
        let hillcrest = named(&moderator["reviews"], "school", "Hillcrest Academy");
        assert_eq!(hillcrest["task"], "Moderate", "{backend}");
        let admin = app.sign_in(ADMIN).await;
        let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
        let waiting = home(&app, &admin).await["awaiting_assessor"].clone();
        assert_eq!(waiting, queue["awaiting_total"], "{backend}");
        assert!(waiting.as_u64().unwrap() > 0, "{backend}");

        // The network's dashboard has Riverside's validated scores; every
        // school's has years of them from the generated network.
        let network = app.sign_in(NETWORK).await;
        let ours = app
            .ok("network_dashboard", "network=&region=", &network)
            .await;
        assert!(
            !ours["elements"].as_array().unwrap().is_empty(),
            "{backend}: {ours}"
        );
        // Its schools sit in regions, like the generated ones.
        let regions = ours["regions"].to_string();
        assert!(regions.contains("E12000003"), "{backend}: {regions}");
        assert!(regions.contains("E12000002"), "{backend}: {regions}");
        // The cluster's overview charts its members' progress: Riverside's
        // validated review, the year its award began.
        let lead = app.sign_in(LEAD).await;
        let clusters = app.ok("clusters", "", &lead).await;
        let cluster = named(&clusters["clusters"], "name", "Yorkshire Inclusion Cluster")["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let view = app
            .ok("cluster", &format!("id={cluster}&part=summary"), &lead)
            .await;
        let progress = view["progress"].as_array().unwrap();
        assert_eq!(progress.len(), 1, "{backend}: {view}");
        assert_eq!(progress[0][1].as_array().unwrap().len(), 8, "{backend}");
        let all = app
            .ok("network_dashboard", "network=&region=", &admin)
            .await;
        assert!(
            all["by_year"].as_array().unwrap().len() >= 2,
            "{backend}: {all}"
        );
        assert!(all["regions"].as_array().unwrap().len() >= 10, "{backend}");
        drop(db);
    }
}
