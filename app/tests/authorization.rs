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
    NetworkAdmin,
    PartnerExpert,
}

const EVERYONE: [Who; 8] = [
    Who::Anonymous,
    Who::Teacher,
    Who::Coordinator,
    Who::ClusterLead,
    Who::Assessor,
    Who::Admin,
    Who::NetworkAdmin,
    Who::PartnerExpert,
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
            Who::NetworkAdmin => Some("network@demo.equimark.test"),
            Who::PartnerExpert => Some("expert@demo.equimark.test"),
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
    /// view a network's figures ("own": the demo network, which the demo
    /// school belongs to and the network admin runs).
    ViewNetwork,
    /// a network's dashboard (the same people as its figures).
    NetworkDashboard,
    /// administer networks.
    CreateNetwork,
    /// the review queue (assessors and admins).
    ReviewQueue,
    /// every school's accreditation calendar (admins).
    ViewCalendar,
    /// the fee schedule (admins).
    SetFees,
    /// deferred decisions' follow-ups (admins).
    ListDeferrals,
    /// a school's register of non-conformities (those who see its
    /// self-assessments).
    ReadRegister,
    /// raise a non-conformity (its coordinators).
    RaiseNonConformity,
    /// a school's management reviews (those who see its self-assessments).
    ReadManagementReviews,
    /// record the year's management review (its coordinators).
    RecordManagementReview,
    /// a school's internal audit programme (those who see its
    /// self-assessments).
    ReadAuditProgramme,
    /// plan an internal audit (its coordinators).
    PlanInternalAudit,
    /// record a finding of an open audit (its auditor: the teacher).
    RecordAuditFinding,
    /// a school's surveys (those who see its self-assessments).
    ReadSurveys,
    /// write a survey (its coordinators).
    CreateSurvey,
    /// a network's CSV download (the dashboard's people).
    ExportCsv,
    /// a school's whole record as JSON (its coordinator, admins).
    SchoolRecord,
    /// a school's validated scores (its staff and assessors, its
    /// networks' admins, certification admins).
    SchoolScores,
    /// ask for the school to join a network it is outside (its coordinators).
    AskToJoinNetwork,
    /// answer a school's request to join the network (its admins,
    /// certification admins).
    AnswerJoinRequest,
    /// a self-assessment's accessibility walk (those who see its
    /// self-assessments).
    ReadAccessibilityWalk,
    /// record a check of the walk (whoever may edit the buildings
    /// indicator: the coordinator, as no one is assigned it).
    RecordAccessibilityCheck,
}

const ACTS: [Act; 31] = [
    Act::ViewSchool,
    Act::EditSchool,
    Act::InviteTeacher,
    Act::InviteCoordinator,
    Act::AddSchool,
    Act::ReadAuditLog,
    Act::ReadOutbox,
    Act::ListStaffInvitations,
    Act::ViewNetwork,
    Act::NetworkDashboard,
    Act::CreateNetwork,
    Act::ReviewQueue,
    Act::ViewCalendar,
    Act::SetFees,
    Act::ListDeferrals,
    Act::ReadRegister,
    Act::RaiseNonConformity,
    Act::ReadManagementReviews,
    Act::RecordManagementReview,
    Act::ReadAuditProgramme,
    Act::PlanInternalAudit,
    Act::RecordAuditFinding,
    Act::ReadSurveys,
    Act::CreateSurvey,
    Act::ExportCsv,
    Act::SchoolRecord,
    Act::SchoolScores,
    Act::AskToJoinNetwork,
    Act::AnswerJoinRequest,
    Act::ReadAccessibilityWalk,
    Act::RecordAccessibilityCheck,
];

/// The table: whether `who` may do `act` on their own school (`own`) or on
/// another school.
fn allowed(who: Who, act: Act, own: bool) -> bool {
    use Who::*;
    match act {
        Act::ViewSchool => match who {
            Anonymous | NetworkAdmin | PartnerExpert => false,
            Admin => true,
            _ => own,
        },
        Act::EditSchool | Act::InviteTeacher => match who {
            Admin => true,
            Coordinator => own,
            _ => false,
        },
        Act::SchoolRecord => match who {
            Admin => true,
            Coordinator => own,
            _ => false,
        },
        Act::ReadRegister
        | Act::ReadManagementReviews
        | Act::ReadAuditProgramme
        | Act::ReadSurveys
        | Act::ReadAccessibilityWalk => match who {
            Anonymous | NetworkAdmin | PartnerExpert => false,
            Admin => true,
            _ => own,
        },
        // The school keeps its own register, as it keeps its self-assessment.
        Act::RaiseNonConformity
        | Act::RecordManagementReview
        | Act::PlanInternalAudit
        | Act::CreateSurvey
        | Act::AskToJoinNetwork
        | Act::RecordAccessibilityCheck => who == Coordinator && own,
        // Only the audit's auditors record its findings: at the demo
        // school, the teacher auditing the coordinator's work.
        Act::RecordAuditFinding => who == Teacher && own,
        Act::SchoolScores => match who {
            Anonymous => false,
            Admin => true,
            _ => own,
        },
        // A partner expert reads the network's figures and dashboard (its
        // validated scores among them), and answers nothing.
        Act::ViewNetwork | Act::NetworkDashboard | Act::ExportCsv => match who {
            Admin => true,
            NetworkAdmin | PartnerExpert => own,
            _ => false,
        },
        Act::AnswerJoinRequest => match who {
            Admin => true,
            NetworkAdmin => own,
            _ => false,
        },
        Act::ReviewQueue => matches!(who, Admin | Assessor),
        Act::InviteCoordinator
        | Act::ViewCalendar
        | Act::SetFees
        | Act::ListDeferrals
        | Act::AddSchool
        | Act::ReadAuditLog
        | Act::ReadOutbox
        | Act::ListStaffInvitations
        | Act::CreateNetwork => who == Admin,
    }
}

/// The server function and its arguments for `who` doing an act at
/// `school` (or, for network acts, `network`); an endpoint starting with
/// `/` is a download (a GET of that path and query).
fn request(who: Who, act: Act, at: &Place, n: usize) -> (&'static str, String) {
    let (school, network) = (&at.school, &at.network);
    match act {
        Act::AskToJoinNetwork => (
            "ask_to_join_network",
            format!(
                "school={school}&network={}&message=Matrix+{n}",
                at.outside_network
            ),
        ),
        // Each person allowed answers a request of their own: an answered
        // one cannot be answered again.
        Act::AnswerJoinRequest => (
            "answer_network_request",
            format!(
                "network={network}&request={}&answer=decline",
                at.requests[usize::from(who == Who::NetworkAdmin)]
            ),
        ),
        Act::ReadAuditProgramme => ("internal_audits", format!("school={school}")),
        Act::ReadAccessibilityWalk => ("accessibility_walk", format!("assessment={}", at.walk)),
        // Only one person may record it, once: the check's first version.
        Act::RecordAccessibilityCheck => (
            "record_accessibility_check",
            format!(
                "assessment={}&item=entrance-step-free&base_version=0&finding=not_met\
                 &fix=Matrix+{n}&owner=Site+team",
                at.walk
            ),
        ),
        Act::ReadSurveys => ("surveys", format!("school={school}")),
        Act::CreateSurvey => (
            "create_survey",
            format!(
                "school={school}&title=Matrix+{n}&audience=staff&framework=iso-21001-gap\
                 &questions[0][indicator]=performance-satisfaction&questions[0][kind]=words\
                 &questions[0][text_en]=Why&questions[0][text_zh]="
            ),
        ),
        Act::PlanInternalAudit => (
            "plan_internal_audit",
            format!(
                "school={school}&framework=iso-21001-gap&scope[0]=performance{}\
                 &starts_on=2001-01-01&ends_on=2001-01-0{}",
                at.staff,
                n % 9 + 1
            ),
        ),
        Act::RecordAuditFinding => (
            "record_audit_finding",
            format!(
                "audit={}&indicator=performance-monitoring&kind=observation\
                 &statement=Matrix+{n}&evidence=Records",
                at.audit
            ),
        ),
        Act::ExportCsv => ("/dashboard/exports/schools", format!("network={network}")),
        Act::SchoolRecord => ("/schools", format!("{school}/record.json")),
        Act::SchoolScores => ("school_results", format!("school={school}")),
        Act::ViewNetwork => ("network", format!("id={network}")),
        Act::NetworkDashboard => ("network_dashboard", format!("network={network}&region=")),
        Act::CreateNetwork => ("create_network", format!("name=Matrix+Network+{n}")),
        Act::ViewSchool => ("school", format!("id={school}")),
        Act::EditSchool => (
            "update_school",
            // A different listed region each time, so an allowed act shows.
            format!(
                "id={school}&region={}&contact_email=",
                app::domain::region::REGIONS[n % app::domain::region::REGIONS.len()].code
            ),
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
        Act::ListDeferrals => ("deferrals", String::new()),
        Act::ReadRegister => ("nonconformities", format!("school={school}")),
        Act::ReadManagementReviews => ("management_reviews", format!("school={school}")),
        Act::RecordManagementReview => (
            "record_management_review",
            format!(
                "school={school}&base_version=0&held_on=2001-01-01&decisions=Matrix+{n}&feedback=x"
            ),
        ),
        Act::RaiseNonConformity => (
            "raise_nonconformity",
            format!(
                "school={school}&indicator=iso-21001-gap%3Aimprovement-corrective-action\
                 &source=complaint&severity=minor&finding=Matrix+{n}"
            ),
        ),
        Act::ListStaffInvitations => ("pending_invitations", String::new()),
        Act::ReviewQueue => ("review_queue", "sort=due&status=".to_owned()),
        Act::ViewCalendar => ("calendar", "within=60".to_owned()),
        Act::SetFees => (
            "set_fee_schedule",
            "award=flagship&currency=GBP&effective_from=2099-01-01\
             &rows[0][min]=1&rows[0][max]=400&rows[0][year1]=1&rows[0][year2]=1&rows[0][year3]=1"
                .to_owned(),
        ),
    }
}

/// Where an act is tried: a school, a network, an open internal audit of
/// the school, the plan's auditor and auditee from its staff, a network
/// the school is outside, two requests waiting to join the network, and
/// the school's self-assessment against the UNESCO-style framework.
struct Place {
    school: String,
    network: String,
    audit: String,
    staff: String,
    outside_network: String,
    requests: [String; 2],
    walk: String,
}

/// A school's request to join `network`, waiting for an answer.
async fn waiting_request(app: &TestApp, school: &str, network: &str) -> String {
    let system = app::store::audit::Actor {
        account: None,
        email: "test".into(),
        ip: "local".into(),
    };
    let found = app.store.school(school).await.unwrap().unwrap();
    let (key, _) = app.store.network_key(network).await.unwrap().unwrap();
    app.store
        .ask_to_join_network((key, network), (found.key, school), "", "test", &system)
        .await
        .unwrap()
        .unwrap()
}

/// A school outside every network, named `name`.
async fn new_school(app: &TestApp, name: &str) -> String {
    let system = app::store::audit::Actor {
        account: None,
        email: "test".into(),
        ip: "local".into(),
    };
    let new = app::domain::NewSchool {
        name: name.into(),
        phase: app::domain::Phase::Primary,
        city: "Leeds".into(),
        learners: 10,
    };
    app.store.add_school(&new, &system).await.unwrap().id
}

/// An open audit of `school`'s ISO 21001 performance clause, its auditor
/// the demo teacher (by account) and its auditee the coordinator.
async fn open_audit(app: &TestApp, school: &str) -> (String, String) {
    use app::domain::internal_audit::{Plan, StaffMember};
    let found = app.store.school(school).await.unwrap().unwrap();
    let members = app.store.school_members(found.key).await.unwrap();
    let account = |email: &str| {
        members
            .iter()
            .find(|m| m.email == email)
            .map_or_else(|| "nobody".to_owned(), |m| m.account.clone())
    };
    let (teacher, coordinator) = (
        account("teacher@demo.equimark.test"),
        account("coordinator@demo.equimark.test"),
    );
    let plan = Plan {
        framework: "iso-21001-gap".into(),
        scope: vec!["performance".into()],
        auditors: vec![StaffMember {
            account: teacher.clone(),
            name: "Tara Teacher".into(),
        }],
        auditee: StaffMember {
            account: coordinator.clone(),
            name: "Cora Coordinator".into(),
        },
        starts_on: "2001-01-01".into(),
        ends_on: "2001-01-05".into(),
    };
    let system = app::store::audit::Actor {
        account: None,
        email: "test".into(),
        ip: "local".into(),
    };
    let id = app
        .store
        .plan_internal_audit((found.key, school), &plan, "test", &system)
        .await
        .unwrap();
    (id, format!("&auditors[0]={teacher}&auditee={coordinator}"))
}

/// What a denied act could have changed, to compare before and after.
async fn footprint(
    app: &TestApp,
    school: &str,
) -> (
    String,
    usize,
    u64,
    usize,
    usize,
    usize,
    usize,
    Vec<String>,
    i32,
) {
    let found = app.store.school(school).await.unwrap().unwrap();
    // Every recorded check of the school's accessibility walks, by version.
    let mut walk_versions = 0;
    for assessment in app.store.assessments_of(found.key).await.unwrap() {
        for check in app
            .store
            .accessibility_checks(assessment.key)
            .await
            .unwrap()
        {
            walk_versions += check.version;
        }
    }
    let region = found.region;
    let register = app.store.nonconformities(found.key).await.unwrap().len();
    let audits = app.store.internal_audits(found.key).await.unwrap();
    let quality_records = audits.len()
        + audits.iter().map(|a| a.findings.len()).sum::<usize>()
        + app.store.surveys(found.key).await.unwrap().len();
    let messages = app.store.outbox(1000).await.unwrap().len();
    let schools = app.store.count_schools().await.unwrap();
    let networks = app.store.list_networks(None).await.unwrap().len();
    let fees = app.store.fee_schedules().await.unwrap().len();
    // Every request to join a network, and where it stands.
    let mut requests = Vec::new();
    for network in app.store.list_networks(None).await.unwrap() {
        let (key, _) = app.store.network_key(&network.id).await.unwrap().unwrap();
        for r in app.store.join_requests_to_network(key).await.unwrap() {
            requests.push(format!("{}:{:?}", r.id, r.state));
        }
    }
    requests.sort();
    (
        region,
        messages,
        schools,
        networks,
        fees,
        register,
        quality_records,
        requests,
        walk_versions,
    )
}

#[tokio::test]
async fn every_role_and_action_on_own_and_other_schools() {
    for app in apps().await {
        let backend = app.backend;
        let own = app.demo_school(0).await;
        // Outside the demo network too, so its admin has no claim on it.
        let other = app.demo_school(3).await;
        let system = app::store::audit::Actor {
            account: None,
            email: "test".into(),
            ip: "local".into(),
        };
        let own_network = app.store.list_networks(None).await.unwrap()[0].id.clone();
        let (_, other_network) = app
            .store
            .create_network("Another Alliance", &system)
            .await
            .unwrap();
        let (_, third_network) = app
            .store
            .create_network("Third Alliance", &system)
            .await
            .unwrap();
        // Requests waiting to join each network, from schools outside it.
        let newcomer = new_school(&app, "Matrix Newcomer School").await;
        let hillcrest = app.demo_school(1).await;
        let own_requests = [
            waiting_request(&app, &other, &own_network).await,
            waiting_request(&app, &newcomer, &own_network).await,
        ];
        let other_request = waiting_request(&app, &hillcrest, &other_network).await;
        let mut places = Vec::new();
        for (school, network, outside, requests, coordinator) in [
            (
                &own,
                &own_network,
                &third_network,
                own_requests,
                "coordinator@demo.equimark.test",
            ),
            (
                &other,
                &other_network,
                &own_network,
                [other_request.clone(), other_request],
                "zhou@demo.equimark.test",
            ),
        ] {
            let (audit, staff) = open_audit(&app, school).await;
            let walk = app
                .start_unesco_assessment(school, &app.sign_in(coordinator).await)
                .await;
            places.push(Place {
                school: school.clone(),
                network: network.clone(),
                audit,
                staff,
                outside_network: outside.clone(),
                requests,
                walk,
            });
        }
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
                for (is_own, at) in [(true, &places[0]), (false, &places[1])] {
                    n += 1;
                    let school = &at.school;
                    let (endpoint, body) = request(who, act, at, n);
                    let before = footprint(&app, school).await;
                    let download = endpoint.starts_with('/');
                    let reply = match (endpoint, download) {
                        ("/schools", true) => {
                            app.get(&format!("/schools/{body}"), cookie.as_deref())
                                .await
                        }
                        (_, true) => {
                            app.get(&format!("{endpoint}?{body}"), cookie.as_deref())
                                .await
                        }
                        (_, false) => app.call(endpoint, &body, cookie.as_deref()).await,
                    };
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
                        // Server functions answer with the error's name,
                        // downloads with its sentence.
                        assert!(
                            [
                                "Unauthenticated",
                                "Forbidden",
                                "NotFound",
                                "sign in to continue",
                                "you do not have permission",
                                "not found",
                            ]
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

#[tokio::test]
async fn a_network_admin_sees_their_networks_figures_but_no_schools_records() {
    for app in apps().await {
        let backend = app.backend;
        let cookie = app.sign_in("network@demo.equimark.test").await;
        let list = app.call("list_networks", "", Some(&cookie)).await;
        let networks: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        assert_eq!(networks.as_array().unwrap().len(), 1, "{backend}");
        let id = networks[0]["id"].as_str().unwrap();
        let detail = app
            .call("network", &format!("id={id}"), Some(&cookie))
            .await;
        assert_eq!(detail.status, StatusCode::OK, "{backend}: {}", detail.body);
        let detail: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
        assert_eq!(detail["figures"]["schools"], 3);
        assert_eq!(detail["figures"]["learners"], 320 + 1150 + 140);
        assert_eq!(detail["figures"]["without_award"], 2);
        assert!(detail["candidates"].is_null(), "{backend}: no admin tools");
        assert_eq!(detail["members"]["total"], 3, "{backend}");
        let searched = app
            .call(
                "network",
                &format!("id={id}&add_search=school"),
                Some(&cookie),
            )
            .await;
        let searched: serde_json::Value = serde_json::from_str(&searched.body).unwrap();
        assert!(
            searched["candidates"].is_null(),
            "{backend}: no search for schools outside"
        );
        let schools = app.call("list_schools", "", Some(&cookie)).await;
        assert_eq!(schools.body, "[]");
        let directory = app.call("school_directory", "search=", Some(&cookie)).await;
        let directory: serde_json::Value = serde_json::from_str(&directory.body).unwrap();
        assert_eq!(directory["total"], 0, "{backend}");
        // A certification admin finds schools outside the network to add
        // (here by the town of the one demo school outside it, 上海).
        let admin = app.sign_in("admin@demo.equimark.test").await;
        let found = app
            .call(
                "network",
                &format!("id={id}&add_search=%E4%B8%8A%E6%B5%B7"),
                Some(&admin),
            )
            .await;
        let found: serde_json::Value = serde_json::from_str(&found.body).unwrap();
        let members: Vec<&serde_json::Value> = found["members"]["schools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &s["id"])
            .collect();
        let candidates = found["candidates"]["schools"].as_array().unwrap();
        assert!(!candidates.is_empty(), "{backend}: {found}");
        assert!(
            candidates.iter().all(|c| !members.contains(&&c["id"])),
            "{backend}: members are not offered again"
        );
        let riverside = app.demo_school(0).await;
        let school = app
            .call("school", &format!("id={riverside}"), Some(&cookie))
            .await;
        assert_eq!(school.status, StatusCode::NOT_FOUND);
    }
}
