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
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Teacher,
        Role::Coordinator,
        Role::ClusterLead,
        Role::Assessor,
        Role::Admin,
        Role::NetworkAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Teacher => "teacher",
            Role::Coordinator => "coordinator",
            Role::ClusterLead => "cluster_lead",
            Role::Assessor => "assessor",
            Role::Admin => "admin",
            Role::NetworkAdmin => "network_admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }
}
