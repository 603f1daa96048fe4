//! Who may do what to which object: the one authorization policy.
//!
//! Every server function and route asks [`Viewer::may`] before it reads or
//! writes. The policy denies by default: each permission below is an
//! explicit arm, and anything not listed is refused.

use super::Role;
use serde::{Deserialize, Serialize};

/// A school's public id (random, never the database key).
pub type SchoolId = String;
/// A network's public id.
pub type NetworkId = String;

/// One role a person holds, and where: at a school, for a network, or
/// everywhere (admins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub role: Role,
    /// The school the role is held at.
    pub school: Option<SchoolId>,
    /// The network the role is held for (network admins).
    #[serde(default)]
    pub network: Option<NetworkId>,
}

impl Membership {
    /// Where the role is held: its school or network; `None` for everywhere.
    fn held_at(&self) -> Option<&str> {
        self.school.as_deref().or(self.network.as_deref())
    }
}

/// The signed-in person a request acts for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The account's public id.
    pub account: String,
    pub name: String,
    pub email: String,
    pub memberships: Vec<Membership>,
}

/// Everything a person can ask to do. Actions on a school's objects name the
/// school; the rest are about the service as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// See a school's details.
    ViewSchool,
    /// Change a school's details.
    EditSchool,
    /// See a school's people, invite teachers, remove members.
    ManagePeople,
    /// See the school's self-assessment and its evidence.
    ViewSelfAssessment,
    /// Rate indicators and attach evidence.
    EditSelfAssessment,
    /// Submit the self-assessment for review.
    SubmitSelfAssessment,
    /// Validate or change ratings as the assigned assessor.
    ReviewSelfAssessment,
    /// Decide an award (assessor's recommendation, admin's final sign-off).
    DecideAward,
    /// Add schools to the service.
    CreateSchool,
    /// Invite coordinators and assessors; assign assessors to schools.
    ManageStaff,
    /// Publish framework versions.
    ManageFrameworks,
    /// Read the audit log and the outbox.
    ReadAuditLog,
    /// See a network's member schools and their figures.
    ViewNetwork,
    /// Create networks, add and remove member schools, invite network
    /// admins and partner experts.
    ManageNetworks,
    /// Ask for a school to join a network (its coordinators).
    JoinNetwork,
    /// Accept or decline schools' requests to join a network (its admins).
    AdmitToNetwork,
    /// Read and write the research of clusters with a school in the
    /// network (its partner experts).
    ResearchInNetwork,
    /// Assign assessors to reviews, sign decisions off, revoke awards, set
    /// the fee schedule, and see every school's accreditation calendar.
    ManageAwards,
    /// Read a cluster's board and add, edit, move and comment on its cards,
    /// for a member school.
    CollaborateInCluster,
    /// Manage the cluster a school leads: join requests, columns.
    LeadCluster,
    /// Ask for a school to join a cluster, or take it out of one.
    JoinCluster,
    /// Found clusters for any school and manage every cluster.
    ManageClusters,
}

impl Action {
    pub const ALL: [Action; 22] = [
        Action::ViewSchool,
        Action::EditSchool,
        Action::ManagePeople,
        Action::ViewSelfAssessment,
        Action::EditSelfAssessment,
        Action::SubmitSelfAssessment,
        Action::ReviewSelfAssessment,
        Action::DecideAward,
        Action::CreateSchool,
        Action::ManageStaff,
        Action::ManageFrameworks,
        Action::ReadAuditLog,
        Action::ViewNetwork,
        Action::ManageNetworks,
        Action::JoinNetwork,
        Action::AdmitToNetwork,
        Action::ResearchInNetwork,
        Action::ManageAwards,
        Action::CollaborateInCluster,
        Action::LeadCluster,
        Action::JoinCluster,
        Action::ManageClusters,
    ];

    /// Whether the action is about one object (a school, or for the
    /// network actions a network) rather than the whole service.
    pub fn is_scoped(self) -> bool {
        self.is_about_a_school() || self.is_about_a_network()
    }

    /// Whether the action is about one network.
    pub fn is_about_a_network(self) -> bool {
        matches!(
            self,
            Action::ViewNetwork | Action::AdmitToNetwork | Action::ResearchInNetwork
        )
    }

    /// Whether the action is about one school's objects.
    pub fn is_about_a_school(self) -> bool {
        matches!(
            self,
            Action::ViewSchool
                | Action::EditSchool
                | Action::ManagePeople
                | Action::ViewSelfAssessment
                | Action::EditSelfAssessment
                | Action::SubmitSelfAssessment
                | Action::ReviewSelfAssessment
                | Action::DecideAward
                | Action::CollaborateInCluster
                | Action::LeadCluster
                | Action::JoinCluster
                | Action::JoinNetwork
        )
    }
}

/// Whether `role`, held at `held_at` (a school or network, or everywhere),
/// permits `action` on `on` (a school or network, or the service as a
/// whole). The permission table.
fn permits(role: Role, held_at: Option<&str>, action: Action, on: Option<&str>) -> bool {
    use Action as A;
    let at_that_school = matches!((held_at, on), (Some(a), Some(b)) if a == b);
    match role {
        // Admins run the service: every school's records and the service's
        // settings, and the final sign-off of awards. They do not fill in or
        // review a school's self-assessment.
        Role::Admin => {
            held_at.is_none()
                && !matches!(
                    action,
                    A::EditSelfAssessment
                        | A::SubmitSelfAssessment
                        | A::ReviewSelfAssessment
                        | A::CollaborateInCluster
                        | A::JoinCluster
                        | A::JoinNetwork
                )
        }
        Role::Coordinator => {
            at_that_school
                && matches!(
                    action,
                    A::ViewSchool
                        | A::EditSchool
                        | A::ManagePeople
                        | A::ViewSelfAssessment
                        | A::EditSelfAssessment
                        | A::SubmitSelfAssessment
                        | A::CollaborateInCluster
                        | A::JoinCluster
                        | A::JoinNetwork
                )
        }
        Role::Teacher => {
            at_that_school
                && matches!(
                    action,
                    A::ViewSchool
                        | A::ViewSelfAssessment
                        | A::EditSelfAssessment
                        | A::CollaborateInCluster
                )
        }
        Role::ClusterLead => {
            at_that_school
                && matches!(
                    action,
                    A::ViewSchool
                        | A::ViewSelfAssessment
                        | A::CollaborateInCluster
                        | A::LeadCluster
                        | A::JoinCluster
                )
        }
        // Network admins see their network's figures and admit schools to
        // it, not the schools' own records.
        Role::NetworkAdmin => {
            at_that_school && matches!(action, A::ViewNetwork | A::AdmitToNetwork)
        }
        // Partner experts read the network's figures and dashboard (the
        // practice library is open to everyone signed in) and take part in
        // its clusters' research.
        Role::PartnerExpert => {
            at_that_school && matches!(action, A::ViewNetwork | A::ResearchInNetwork)
        }
        // An assessor's membership at a school is their assignment to it.
        Role::Assessor => {
            at_that_school
                && matches!(
                    action,
                    A::ViewSchool
                        | A::ViewSelfAssessment
                        | A::ReviewSelfAssessment
                        | A::DecideAward
                )
        }
    }
}

impl Viewer {
    /// Whether this person may do `action` on the school `on` (`None` for
    /// actions on the service as a whole).
    pub fn may(&self, action: Action, on: Option<&str>) -> bool {
        if action.is_scoped() != on.is_some() {
            return false;
        }
        self.memberships
            .iter()
            .any(|m| permits(m.role, m.held_at(), action, on))
    }

    /// The networks this person may see: `None` means every network.
    pub fn visible_networks(&self) -> Option<Vec<NetworkId>> {
        if self.may(Action::ManageNetworks, None) {
            return None;
        }
        let mut ids: Vec<NetworkId> = self
            .memberships
            .iter()
            .filter_map(|m| m.network.clone())
            .filter(|n| self.may(Action::ViewNetwork, Some(n)))
            .collect();
        ids.sort();
        ids.dedup();
        Some(ids)
    }

    /// Whether this person may rate and write in one element of a school's
    /// self-assessment: the coordinator, who leads it, edits every element;
    /// a teacher edits the elements assigned to them.
    pub fn may_edit_element(&self, school: &str, assignee: Option<&str>) -> bool {
        self.may(Action::SubmitSelfAssessment, Some(school))
            || (self.may(Action::EditSelfAssessment, Some(school))
                && assignee == Some(self.account.as_str()))
    }

    /// Whether this person holds `role` anywhere.
    pub fn holds(&self, role: Role) -> bool {
        self.memberships.iter().any(|m| m.role == role)
    }

    /// The schools this person holds a role at (an admin's view of every
    /// school is not a role at each).
    pub fn own_schools(&self) -> Vec<SchoolId> {
        let mut ids: Vec<SchoolId> = self
            .memberships
            .iter()
            .filter_map(|m| m.school.clone())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The schools this person may see: `None` means every school.
    pub fn visible_schools(&self) -> Option<Vec<SchoolId>> {
        if self.may(Action::CreateSchool, None) {
            return None;
        }
        let mut ids: Vec<SchoolId> = self
            .memberships
            .iter()
            .filter_map(|m| m.school.clone())
            .filter(|s| self.may(Action::ViewSchool, Some(s)))
            .collect();
        ids.sort();
        ids.dedup();
        Some(ids)
    }

    /// Whether this person may invite someone to hold `role` at `school`
    /// (or for the service as a whole when `None`). Inviting an assessor to
    /// a school assigns them to it.
    pub fn may_invite(&self, role: Role, school: Option<&str>) -> bool {
        match (role, school) {
            (Role::Teacher | Role::ClusterLead, Some(s)) => self.may(Action::ManagePeople, Some(s)),
            (Role::Coordinator, Some(_)) | (Role::Assessor, _) => {
                self.may(Action::ManageStaff, None)
            }
            (Role::NetworkAdmin | Role::PartnerExpert, Some(_)) => {
                self.may(Action::ManageNetworks, None)
            }
            _ => false,
        }
    }

    /// Whether this person may take `role` at `school` away from someone:
    /// as they may grant it. An assessor's membership is their assignment
    /// to review the school, which ends only when an admin reassigns the
    /// review or the review closes, never by removal.
    pub fn may_remove(&self, role: Role, school: &str) -> bool {
        role != Role::Assessor
            && self.may(Action::ManagePeople, Some(school))
            && self.may_invite(role, Some(school))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &str = "own-school";
    const OTHER: &str = "other-school";

    fn viewer(role: Role, at: Option<&str>) -> Viewer {
        let (school, network) = if matches!(role, Role::NetworkAdmin | Role::PartnerExpert) {
            (None, at.map(str::to_owned))
        } else {
            (at.map(str::to_owned), None)
        };
        Viewer {
            account: "a".into(),
            name: "n".into(),
            email: "e@example.test".into(),
            memberships: vec![Membership {
                role,
                school,
                network,
            }],
        }
    }

    fn held(role: Role) -> Viewer {
        viewer(role, (role != Role::Admin).then_some(OWN))
    }

    /// The whole table, written out: any change to the policy shows here.
    #[test]
    fn every_role_and_action_on_own_and_other_schools() {
        use Action as A;
        let expected_own: [(Role, &[Action]); 7] = [
            (
                Role::Teacher,
                &[
                    A::ViewSchool,
                    A::ViewSelfAssessment,
                    A::EditSelfAssessment,
                    A::CollaborateInCluster,
                ],
            ),
            (
                Role::Coordinator,
                &[
                    A::ViewSchool,
                    A::EditSchool,
                    A::ManagePeople,
                    A::ViewSelfAssessment,
                    A::EditSelfAssessment,
                    A::SubmitSelfAssessment,
                    A::CollaborateInCluster,
                    A::JoinCluster,
                    A::JoinNetwork,
                ],
            ),
            (
                Role::ClusterLead,
                &[
                    A::ViewSchool,
                    A::ViewSelfAssessment,
                    A::CollaborateInCluster,
                    A::LeadCluster,
                    A::JoinCluster,
                ],
            ),
            (
                Role::Assessor,
                &[
                    A::ViewSchool,
                    A::ViewSelfAssessment,
                    A::ReviewSelfAssessment,
                    A::DecideAward,
                ],
            ),
            (
                Role::Admin,
                &[
                    A::ViewSchool,
                    A::EditSchool,
                    A::ManagePeople,
                    A::ViewSelfAssessment,
                    A::DecideAward,
                    A::LeadCluster,
                ],
            ),
            (Role::NetworkAdmin, &[]),
            (Role::PartnerExpert, &[]),
        ];
        for (role, allowed) in expected_own {
            let v = held(role);
            for action in Action::ALL.into_iter().filter(|a| a.is_about_a_school()) {
                assert_eq!(
                    v.may(action, Some(OWN)),
                    allowed.contains(&action),
                    "{role:?} {action:?} on own school"
                );
                assert_eq!(
                    v.may(action, Some(OTHER)),
                    role == Role::Admin && allowed.contains(&action),
                    "{role:?} {action:?} on another school"
                );
            }
            for action in Action::ALL.into_iter().filter(|a| !a.is_scoped()) {
                assert_eq!(
                    v.may(action, None),
                    role == Role::Admin,
                    "{role:?} {action:?}"
                );
            }
            // Networks: their own for their admins and partner experts
            // (each as the table says), every one for admins.
            let on_own_network: [(Action, &[Role]); 3] = [
                (
                    Action::ViewNetwork,
                    &[Role::Admin, Role::NetworkAdmin, Role::PartnerExpert],
                ),
                (Action::AdmitToNetwork, &[Role::Admin, Role::NetworkAdmin]),
                (
                    Action::ResearchInNetwork,
                    &[Role::Admin, Role::PartnerExpert],
                ),
            ];
            for action in Action::ALL.into_iter().filter(|a| a.is_about_a_network()) {
                let (_, holders) = on_own_network
                    .iter()
                    .find(|(a, _)| *a == action)
                    .expect("every network action is in the table");
                assert_eq!(
                    v.may(action, Some(OWN)),
                    holders.contains(&role),
                    "{role:?} {action:?} on own network"
                );
                assert_eq!(
                    v.may(action, Some(OTHER)),
                    role == Role::Admin,
                    "{role:?} {action:?} on another network"
                );
            }
        }
    }

    #[test]
    fn no_memberships_means_nothing() {
        let nobody = Viewer {
            memberships: vec![],
            ..held(Role::Teacher)
        };
        for action in Action::ALL {
            assert!(!nobody.may(action, Some(OWN)));
            assert!(!nobody.may(action, None));
        }
        assert_eq!(nobody.visible_schools(), Some(vec![]));
    }

    #[test]
    fn a_school_action_needs_a_school_and_a_service_action_does_not_take_one() {
        let admin = held(Role::Admin);
        assert!(!admin.may(Action::ViewSchool, None));
        assert!(!admin.may(Action::ManageFrameworks, Some(OWN)));
    }

    #[test]
    fn an_admin_role_held_at_one_school_is_not_global() {
        let odd = viewer(Role::Admin, Some(OWN));
        assert!(!odd.may(Action::ManageFrameworks, None));
        assert!(!odd.may(Action::ViewSchool, Some(OTHER)));
    }

    #[test]
    fn own_schools_are_where_roles_are_held() {
        assert!(held(Role::Admin).own_schools().is_empty());
        let mut coordinator = held(Role::Coordinator);
        coordinator.memberships.push(Membership {
            role: Role::ClusterLead,
            school: Some(OWN.into()),
            network: None,
        });
        assert_eq!(coordinator.own_schools(), vec![OWN.to_owned()]);
    }

    #[test]
    fn visible_schools_follow_memberships() {
        assert_eq!(held(Role::Admin).visible_schools(), None);
        assert_eq!(
            held(Role::Teacher).visible_schools(),
            Some(vec![OWN.to_owned()])
        );
        let mut assessor = held(Role::Assessor);
        assessor.memberships.push(Membership {
            role: Role::Assessor,
            school: Some(OTHER.into()),
            network: None,
        });
        assert_eq!(
            assessor.visible_schools(),
            Some(vec![OTHER.to_owned(), OWN.to_owned()])
        );
    }

    #[test]
    fn teachers_edit_only_the_elements_assigned_to_them() {
        let teacher = held(Role::Teacher);
        assert!(teacher.may_edit_element(OWN, Some("a")));
        assert!(!teacher.may_edit_element(OWN, Some("someone else")));
        assert!(!teacher.may_edit_element(OWN, None));
        assert!(!teacher.may_edit_element(OTHER, Some("a")));
        let coordinator = held(Role::Coordinator);
        assert!(coordinator.may_edit_element(OWN, None));
        assert!(coordinator.may_edit_element(OWN, Some("someone else")));
        assert!(!coordinator.may_edit_element(OTHER, None));
        for role in [
            Role::Admin,
            Role::Assessor,
            Role::ClusterLead,
            Role::NetworkAdmin,
        ] {
            assert!(!held(role).may_edit_element(OWN, Some("a")), "{role:?}");
        }
    }

    #[test]
    fn who_may_invite_whom() {
        let coordinator = held(Role::Coordinator);
        assert!(coordinator.may_invite(Role::Teacher, Some(OWN)));
        assert!(!coordinator.may_invite(Role::Teacher, Some(OTHER)));
        assert!(!coordinator.may_invite(Role::Coordinator, Some(OWN)));
        assert!(!coordinator.may_invite(Role::Admin, None));
        let admin = held(Role::Admin);
        assert!(admin.may_invite(Role::Coordinator, Some(OTHER)));
        assert!(admin.may_invite(Role::Assessor, None));
        assert!(admin.may_invite(Role::Assessor, Some(OWN)));
        assert!(!admin.may_invite(Role::Admin, None));
        assert!(!admin.may_invite(Role::Coordinator, None));
        assert!(admin.may_invite(Role::NetworkAdmin, Some(OTHER)));
        assert!(!coordinator.may_invite(Role::NetworkAdmin, Some(OWN)));
        assert!(admin.may_invite(Role::PartnerExpert, Some(OTHER)));
        assert!(!held(Role::NetworkAdmin).may_invite(Role::PartnerExpert, Some(OWN)));
        assert_eq!(held(Role::PartnerExpert).visible_schools(), Some(vec![]));
        assert_eq!(
            held(Role::PartnerExpert).visible_networks(),
            Some(vec![OWN.to_owned()])
        );
        assert_eq!(held(Role::NetworkAdmin).visible_schools(), Some(vec![]));
        assert_eq!(
            held(Role::NetworkAdmin).visible_networks(),
            Some(vec![OWN.to_owned()])
        );
        assert_eq!(admin.visible_networks(), None);
        assert!(!held(Role::Teacher).may_invite(Role::Teacher, Some(OWN)));
    }

    #[test]
    fn removing_a_role_follows_granting_it_and_never_ends_an_assignment() {
        let coordinator = held(Role::Coordinator);
        let admin = held(Role::Admin);
        for role in [Role::Teacher, Role::ClusterLead] {
            assert!(coordinator.may_remove(role, OWN));
            assert!(!coordinator.may_remove(role, OTHER));
            assert!(admin.may_remove(role, OWN));
        }
        assert!(!coordinator.may_remove(Role::Coordinator, OWN));
        assert!(admin.may_remove(Role::Coordinator, OWN));
        for who in [&coordinator, &admin] {
            assert!(!who.may_remove(Role::Assessor, OWN));
            assert!(!who.may_remove(Role::Admin, OWN));
        }
        assert!(!held(Role::Teacher).may_remove(Role::Teacher, OWN));
    }
}
