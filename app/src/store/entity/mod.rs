//! SeaORM entities: one module per table.

pub mod account;
pub mod audit_event;
pub mod element_assignment;
pub mod evidence;
pub mod evidence_indicator;
pub mod framework_version;
pub mod invitation;
pub mod membership;
pub mod network;
pub mod network_school;
pub mod outbox_message;
pub mod password_reset;
pub mod plan_action;
pub mod response;
pub mod school;
pub mod self_assessment;
pub mod session;
