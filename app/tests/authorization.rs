//! Every role × every action, on the person's own school and on another,
//! through the real server functions on both backends. The expected table
//! is written out here, not derived from the policy it checks. Each denial
//! must answer 401, 403 or 404 and change nothing.

mod common;

use axum::http::StatusCode;
use common::web::{apps, TestApp};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Teacher,
    Coordinator,
    ClusterLead,
    Assessor,
    Admin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::Teacher,
    Who::Coordinator,
    Who::ClusterLead,
    Who::Assessor,
    Who::Admin,
];

impl Who {
    fn email(self) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::Teacher => Some("teacher@demo.equimark.test"),
            Who::Coordinator => Some("coordinator@demo.equimark.test"),
            Who::ClusterLead => Some("lead@demo.equimark.test"),
            Who::Assessor => Some("assessor@demo.equimark.test"),
            Who::Admin => Some("admin@demo.equimark.test"),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Act {
    /// view: a school's page data.
    ViewSchool,
    /// edit: a school's details.
    EditSchool,
    /// administer the school's people: invite a teacher.
    InviteTeacher,
    /// administer staff: invite a coordinator.
    InviteCoordinator,
    /// administer the service.
    AddSchool,
    ReadAuditLog,
    ReadOutbox,
    ListStaffInvitations,
}

const ACTS: [Act; 8] = [
    Act::ViewSchool,
    Act::EditSchool,
    Act::InviteTeacher,
    Act::InviteCoordinator,
    Act::AddSchool,
    Act::ReadAuditLog,
    Act::ReadOutbox,
    Act::ListStaffInvitations,
];

/// The table: whether `who` may do `act` on their own school (`own`) or on
/// another school.
fn allowed(who: Who, act: Act, own: bool) -> bool {
    use Who::*;
    match act {
        Act::ViewSchool => match who {
            Anonymous => false,
            Admin => true,
            _ => own,
        },
        Act::EditSchool | Act::InviteTeacher => match who {
            Admin => true,
            Coordinator => own,
            _ => false,
        },
        Act::InviteCoordinator
        | Act::AddSchool
        | Act::ReadAuditLog
        | Act::ReadOutbox
        | Act::ListStaffInvitations => who == Admin,
    }
}

/// The server function and its arguments for an act at `school`.
fn request(act: Act, school: &str, n: usize) -> (&'static str, String) {
    match act {
        Act::ViewSchool => ("school", format!("id={school}")),
        Act::EditSchool => (
            "update_school",
            format!("id={school}&region=Matrix+{n}&contact_email="),
        ),
        Act::InviteTeacher => (
            "invite",
            format!("email=matrix{n}%40example.org&role=teacher&school={school}"),
        ),
        Act::InviteCoordinator => (
            "invite",
            format!("email=matrix{n}%40example.org&role=coordinator&school={school}"),
        ),
        Act::AddSchool => (
            "add_school",
            format!("name=Matrix+School+{n}&phase=primary&city=Leeds&learners=10"),
        ),
        Act::ReadAuditLog => (
            "audit_log",
            "query[action]=&query[actor]=&query[object]=&query[page]=0".to_owned(),
        ),
        Act::ReadOutbox => ("outbox", String::new()),
        Act::ListStaffInvitations => ("pending_invitations", String::new()),
    }
}

/// What a denied act could have changed, to compare before and after.
async fn footprint(app: &TestApp, school: &str) -> (String, usize, u64) {
    let region = app.store.school(school).await.unwrap().unwrap().region;
    let messages = app.store.outbox(1000).await.unwrap().len();
    let schools = app.store.count_schools().await.unwrap();
    (region, messages, schools)
}

#[tokio::test]
async fn every_role_and_action_on_own_and_other_schools() {
    for app in apps().await {
        let backend = app.backend;
        let own = app.demo_school(0).await;
        let other = app.demo_school(2).await;
        let mut cookies = Vec::new();
        for who in EVERYONE {
            cookies.push(match who.email() {
                Some(email) => Some(app.sign_in(email).await),
                None => None,
            });
        }
        let mut n = 0;
        let mut checked = 0;
        for (who, cookie) in EVERYONE.into_iter().zip(&cookies) {
            for act in ACTS {
                for (is_own, school) in [(true, &own), (false, &other)] {
                    n += 1;
                    let (endpoint, body) = request(act, school, n);
                    let before = footprint(&app, school).await;
                    let reply = app.call(endpoint, &body, cookie.as_deref()).await;
                    let case = format!(
                        "{backend}: {who:?} {act:?} on {} school",
                        if is_own { "own" } else { "another" }
                    );
                    if allowed(who, act, is_own) {
                        assert_eq!(reply.status, StatusCode::OK, "{case}: {}", reply.body);
                    } else {
                        assert!(
                            matches!(
                                reply.status,
                                StatusCode::UNAUTHORIZED
                                    | StatusCode::FORBIDDEN
                                    | StatusCode::NOT_FOUND
                            ),
                            "{case}: answered {} {}",
                            reply.status,
                            reply.body
                        );
                        if who == Who::Anonymous {
                            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{case}");
                        }
                        assert!(
                            ["Unauthenticated", "Forbidden", "NotFound"]
                                .iter()
                                .any(|e| reply.body.contains(e)),
                            "{case}: a clear error, got {}",
                            reply.body
                        );
                        assert_eq!(
                            footprint(&app, school).await,
                            before,
                            "{case}: changed nothing"
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, EVERYONE.len() * ACTS.len() * 2);
    }
}

#[tokio::test]
async fn an_unknown_school_id_is_not_found_for_everyone() {
    for app in apps().await {
        for who in [Who::Coordinator, Who::Admin] {
            let cookie = app.sign_in(who.email().unwrap()).await;
            let reply = app
                .call(
                    "school",
                    "id=00000000-0000-4000-8000-000000000000",
                    Some(&cookie),
                )
                .await;
            assert_eq!(
                reply.status,
                StatusCode::NOT_FOUND,
                "{}: {who:?}",
                app.backend
            );
        }
    }
}
