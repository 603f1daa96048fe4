//! Taking the demo's waiting self-assessment through a whole review, as
//! the assessors and the admin do, to a signed-off decision.

use super::web::{enc, TestApp};
use serde_json::Value;

const ADMIN: &str = "admin@demo.equimark.test";
const ASSESSOR: &str = "assessor@demo.equimark.test";
const MODERATOR: &str = "moderator@demo.equimark.test";

fn account(queue: &Value, name: &str) -> String {
    queue["assessors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .and_then(|a| a["account"].as_str())
        .unwrap_or_else(|| panic!("{name} in {queue}"))
        .to_owned()
}

/// Reviews Hillcrest's waiting self-assessment to a signed-off decision
/// with `outcome` (and `award` or `conditions` as it needs), every
/// indicator validated at the school's own level. Returns the
/// self-assessment's id and the new certificate's code, if any.
pub async fn review_to_sign_off(
    app: &TestApp,
    outcome: &str,
    award: &str,
    conditions: &str,
) -> (String, Option<String>) {
    let admin = app.sign_in(ADMIN).await;
    let assessor = app.sign_in(ASSESSOR).await;
    let moderator = app.sign_in(MODERATOR).await;
    let queue = app.ok("review_queue", "sort=due&status=", &admin).await;
    let assessment = queue["awaiting"][0]["assessment"]
        .as_str()
        .unwrap()
        .to_owned();
    let assign = format!(
        "assessment={assessment}&lead={}&second={}&due_on=2030-01-31",
        account(&queue, "Asha Assessor"),
        account(&queue, "Mo Moderator")
    );
    let review: String =
        serde_json::from_value(app.ok("assign_review", &assign, &admin).await).unwrap();
    let view = app
        .ok("review", &format!("id={review}&element=all"), &assessor)
        .await;
    let framework = &view["assessment"]["framework"];
    let scale: Vec<&str> = framework["scale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    let levels = &view["answers"]["levels"];
    for element in framework["elements"].as_array().unwrap() {
        for indicator in element["indicators"].as_array().unwrap() {
            let id = indicator["id"].as_str().unwrap();
            let own = levels[id].as_u64().unwrap_or(0) as usize;
            let rate = format!(
                "review={review}&indicator={id}&level={}&comment={}",
                scale[own],
                enc("Checked at the annual visit.")
            );
            app.ok("save_review_rating", &rate, &assessor).await;
        }
    }
    let decide = format!(
        "review={review}&outcome={outcome}&award={award}&conditions={}&report={}",
        enc(conditions),
        enc("The resource base has closed and the inclusion lead post is vacant.")
    );
    let next = app.ok("propose_decision", &decide, &assessor).await;
    if next == "moderation" {
        let verdict = format!(
            "review={review}&verdict=agree&reasons={}",
            enc("The visit notes support it.")
        );
        app.ok("moderate", &verdict, &moderator).await;
    }
    let code = serde_json::from_value(
        app.ok("sign_off", &format!("review={review}"), &admin)
            .await,
    )
    .unwrap();
    (assessment, code)
}
