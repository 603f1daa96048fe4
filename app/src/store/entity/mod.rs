//! SeaORM entities: one module per table.

pub mod account;
pub mod framework_version;
pub mod school;
