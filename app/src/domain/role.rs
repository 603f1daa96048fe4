//! The roles people hold in Equimark.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Edits the parts of the school's self-assessment assigned to them.
    Teacher,
    /// Leads the school's self-assessment and manages its people.
    Coordinator,
    /// Manages a cluster of schools and its board.
    ClusterLead,
    /// Reviews only the self-assessments assigned to them.
    Assessor,
    /// Frameworks, assessor assignment, final sign-off, fees, networks.
    Admin,
    /// Sees the figures of the schools in their network (an alliance).
    NetworkAdmin,
    /// A partner expert (university staff, for example) working with a
    /// network: reads its practice library and dashboard and takes part in
    /// its clusters' research, and nothing more.
    PartnerExpert,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Teacher,
        Role::Coordinator,
        Role::ClusterLead,
        Role::Assessor,
        Role::Admin,
        Role::NetworkAdmin,
        Role::PartnerExpert,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Teacher => "teacher",
            Role::Coordinator => "coordinator",
            Role::ClusterLead => "cluster_lead",
            Role::Assessor => "assessor",
            Role::Admin => "admin",
            Role::NetworkAdmin => "network_admin",
            Role::PartnerExpert => "partner_expert",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}
