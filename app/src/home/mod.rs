//! The home page: what needs the signed-in person now. Elements assigned
//! to them, the assessor's requests their school has to answer, the
//! reviews whose next step is theirs, their schools' awards and next
//! review, and what changed on their clusters' boards since they last
//! looked. The page is in `page.rs`; the rules in `domain::my_work`.

pub mod page;

use crate::domain::assessment::Progress;
use crate::domain::my_work::ReviewTask;
use crate::domain::Text;
use crate::error::AppError;
use crate::model::CalendarRow;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything on a signed-in person's home page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWork {
    pub elements: Vec<AssignedElement>,
    pub requests: Vec<RequestToAnswer>,
    pub reviews: Vec<ReviewToDo>,
    /// Submitted self-assessments waiting for an assessor (for those who
    /// assign them).
    pub awaiting_assessor: u32,
    pub schools: Vec<SchoolNext>,
    pub boards: Vec<BoardNews>,
    /// The networks a network admin looks after, for their dashboard.
    pub networks: Vec<crate::model::NetworkSummary>,
    /// Schools' requests to join the networks the person answers for,
    /// per network with any waiting.
    pub join_requests: Vec<JoinRequestsWaiting>,
    pub unread: u64,
}

impl MyWork {
    /// Whether nothing at all waits for the person.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
            && self.requests.is_empty()
            && self.reviews.is_empty()
            && self.awaiting_assessor == 0
            && self.join_requests.is_empty()
    }
}

/// A network with schools' requests to join waiting for an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequestsWaiting {
    pub network: String,
    pub name: String,
    pub waiting: u32,
}

/// An element of a self-assessment assigned to the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedElement {
    pub assessment: String,
    pub school: String,
    pub element: String,
    pub title: Text,
    pub language: String,
    pub progress: Progress,
    pub rated: u32,
    pub of: u32,
}

/// An assessor's request for more evidence, not answered yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestToAnswer {
    pub assessment: String,
    pub school: String,
    pub indicator: Text,
    pub language: String,
    pub message: String,
    pub asked_at: String,
}

/// A review whose next step is the person's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewToDo {
    pub review: String,
    pub school: String,
    pub task: ReviewTask,
    pub due_on: String,
    pub overdue: bool,
}

/// One of the person's schools: its self-assessment being written, its
/// award and the next review in the award's term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolNext {
    pub id: String,
    pub name: String,
    /// The self-assessment being written (a draft or returned), if any.
    pub open_assessment: Option<String>,
    pub calendar: Option<CalendarRow>,
}

/// What changed on a cluster's board since the person last opened it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardNews {
    pub cluster: String,
    pub name: String,
    pub changed: u64,
}

/// The signed-in person's work; `None` for a visitor.
#[server(endpoint = "home")]
pub async fn home() -> Result<Option<MyWork>, AppError> {
    let session = crate::api::session()?;
    let Some(signed_in) = session.signed_in.clone() else {
        return Ok(None);
    };
    let store = crate::api::store()?;
    server::gather(&store, &signed_in).await.map(Some)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::api::failed;
    use crate::domain::assessment::{by_indicator, element_progress, rated_count};
    use crate::domain::my_work::review_task;
    use crate::domain::review::Part;
    use crate::domain::{Action, Role};
    use crate::store::accounts::SignedIn;
    use crate::store::Store;
    use std::collections::HashMap;

    /// Roles that work at a school (rather than assess it).
    const SCHOOL_STAFF: [Role; 3] = [Role::Teacher, Role::Coordinator, Role::ClusterLead];

    pub(super) async fn gather(store: &Store, me: &SignedIn) -> Result<MyWork, AppError> {
        let viewer = &me.viewer;
        let mut staff_at: Vec<&str> = viewer
            .memberships
            .iter()
            .filter(|m| SCHOOL_STAFF.contains(&m.role))
            .filter_map(|m| m.school.as_deref())
            .collect();
        staff_at.sort_unstable();
        staff_at.dedup();
        let mut schools = Vec::new();
        for id in staff_at {
            if let Some(school) = store.school(id).await.map_err(failed)? {
                schools.push(school);
            }
        }
        let keys: Vec<i64> = schools.iter().map(|s| s.key).collect();
        let school_names =
            |key: i64, named: &HashMap<i64, String>| named.get(&key).cloned().unwrap_or_default();
        let mut names: HashMap<i64, String> = schools
            .iter()
            .map(|s| (s.key, s.summary.name.clone()))
            .collect();

        let assigned = store
            .elements_assigned_to(me.account)
            .await
            .map_err(failed)?;
        let requests = store.open_requests(&keys).await.map_err(failed)?;
        let mut reviews = Vec::new();
        if viewer.holds(Role::Assessor) {
            reviews.extend(store.reviews(Some(me.account)).await.map_err(failed)?);
        }
        let signs_off = viewer.may(Action::ManageAwards, None);
        if signs_off {
            for r in store.reviews_to_sign_off().await.map_err(failed)? {
                if !reviews.iter().any(|x| x.key == r.key) {
                    reviews.push(r);
                }
            }
        }
        let review_assessments = store
            .assessments_by_keys(&reviews.iter().map(|r| r.assessment_key).collect::<Vec<_>>())
            .await
            .map_err(failed)?;
        let mut unnamed: Vec<i64> = assigned
            .iter()
            .map(|(a, _)| a.school_key)
            .chain(review_assessments.values().map(|a| a.school_key))
            .filter(|k| !names.contains_key(k))
            .collect();
        unnamed.sort_unstable();
        unnamed.dedup();
        for (key, school) in store.schools_by_keys(&unnamed).await.map_err(failed)? {
            names.insert(key, school.summary.name);
        }

        let assessment_keys: Vec<i64> = assigned.iter().map(|(a, _)| a.key).collect();
        let responses = store.responses_of(&assessment_keys).await.map_err(failed)?;
        let mut elements = Vec::new();
        for (assessment, element_id) in &assigned {
            let framework = store
                .framework(&assessment.framework_id, &assessment.framework_version)
                .await
                .map_err(failed)?;
            let Some(element) = framework.element(element_id) else {
                continue;
            };
            let answers = responses
                .get(&assessment.key)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let answered = by_indicator(answers);
            elements.push(AssignedElement {
                assessment: assessment.id.clone(),
                school: school_names(assessment.school_key, &names),
                element: element.id.clone(),
                title: element.title.clone(),
                language: framework.default_language.clone(),
                progress: element_progress(element, &answered),
                rated: u32::try_from(rated_count(element, &answered)).unwrap_or(u32::MAX),
                of: u32::try_from(element.indicators.len()).unwrap_or(u32::MAX),
            });
        }

        let mut to_answer = Vec::new();
        for request in requests {
            let a = &request.assessment;
            let framework = store
                .framework(&a.framework_id, &a.framework_version)
                .await
                .map_err(failed)?;
            let indicator = framework
                .indicator(&request.indicator)
                .map(|r| r.indicator.title.clone())
                .unwrap_or_else(|| Text::plain(&request.indicator));
            to_answer.push(RequestToAnswer {
                assessment: a.id.clone(),
                school: school_names(a.school_key, &names),
                indicator,
                language: framework.default_language.clone(),
                message: request.message,
                asked_at: request.asked_at,
            });
        }

        let today = crate::api::today();
        let mut to_do: Vec<ReviewToDo> = reviews
            .into_iter()
            .filter_map(|r| {
                let part = if r.lead == me.account {
                    Some(Part::Lead)
                } else if r.second == Some(me.account) {
                    Some(Part::Second)
                } else {
                    None
                };
                let task = review_task(r.status, part, signs_off)?;
                let school = review_assessments
                    .get(&r.assessment_key)
                    .map(|a| school_names(a.school_key, &names))
                    .unwrap_or_default();
                Some(ReviewToDo {
                    review: r.id,
                    school,
                    task,
                    due_on: r.due_on.to_string(),
                    overdue: r.due_on < today,
                })
            })
            .collect();
        to_do.sort_by(|a, b| a.due_on.cmp(&b.due_on));

        let awaiting_assessor = if signs_off {
            u32::try_from(store.awaiting_assessor().await.map_err(failed)?.len())
                .unwrap_or(u32::MAX)
        } else {
            0
        };

        let mut standing = Vec::new();
        for school in &schools {
            let open_assessment = store
                .assessments_of(school.key)
                .await
                .map_err(failed)?
                .into_iter()
                .find(|a| a.status.is_editable())
                .map(|a| a.id);
            let calendar = crate::api::awards::calendar_rows(store, Some(school.key), 60)
                .await?
                .pop();
            standing.push(SchoolNext {
                id: school.summary.id.clone(),
                name: school.summary.name.clone(),
                open_assessment,
                calendar,
            });
        }

        let on_boards: Vec<i64> = schools
            .iter()
            .filter(|s| viewer.may(Action::CollaborateInCluster, Some(&s.summary.id)))
            .map(|s| s.key)
            .collect();
        let mut boards = Vec::new();
        for news in store
            .board_news(me.account, &on_boards)
            .await
            .map_err(failed)?
        {
            if let Some(cluster) = store.cluster_by_key(news.cluster).await.map_err(failed)? {
                boards.push(BoardNews {
                    cluster: cluster.id,
                    name: cluster.name,
                    changed: news.changed,
                });
            }
        }

        let unread = store
            .unread_notifications(me.account)
            .await
            .map_err(failed)?;
        // A network admin's (or partner expert's) work is their network's
        // figures, and for partner experts its research.
        let networks = if viewer.holds(Role::NetworkAdmin) || viewer.holds(Role::PartnerExpert) {
            store
                .list_networks(viewer.visible_networks())
                .await
                .map_err(failed)?
        } else {
            Vec::new()
        };
        let mut join_requests = Vec::new();
        for network in networks
            .iter()
            .filter(|n| viewer.may(Action::AdmitToNetwork, Some(&n.id)))
        {
            let Some((key, _)) = store.network_key(&network.id).await.map_err(failed)? else {
                continue;
            };
            let waiting = store
                .join_requests_to_network(key)
                .await
                .map_err(failed)?
                .iter()
                .filter(|r| r.state == crate::domain::network_request::RequestState::Pending)
                .count();
            if waiting > 0 {
                join_requests.push(JoinRequestsWaiting {
                    network: network.id.clone(),
                    name: network.name.clone(),
                    waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
                });
            }
        }
        Ok(MyWork {
            elements,
            requests: to_answer,
            reviews: to_do,
            awaiting_assessor,
            schools: standing,
            boards,
            networks,
            join_requests,
            unread,
        })
    }
}
