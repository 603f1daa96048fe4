//! SeaORM entities: one module per table.

pub mod account;
pub mod audit_event;
pub mod framework_version;
pub mod invitation;
pub mod membership;
pub mod network;
pub mod network_school;
pub mod outbox_message;
pub mod password_reset;
pub mod school;
pub mod session;
