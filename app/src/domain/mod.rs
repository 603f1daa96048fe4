//! The domain: plain Rust with no web or database types.
//!
//! Everything here compiles both natively (for the server) and to wasm (for the
//! browser), so the score a teacher sees while typing is computed by the very
//! code the server uses to store it.

pub mod access;
pub mod accessibility;
pub mod account;
pub mod account_email;
pub mod action_plan;
pub mod appeal;
pub mod assessment;
pub mod audit;
pub mod calendar;
pub mod cluster;
pub mod dashboard;
pub mod deferral;
pub mod evidence_file;
pub mod export;
pub mod feedback;
pub mod fees;
pub mod framework;
pub mod framework_file;
pub mod internal_audit;
pub mod management_review;
pub mod my_work;
pub mod network_request;
pub mod nonconformity;
pub mod notification;
pub mod policy;
pub mod region;
pub mod research;
pub mod review;
pub mod role;
pub mod school;
pub mod scoring;
pub mod survey;
pub mod text;

pub use account::{AccountField, AccountInputError};
pub use audit::AuditAction;
pub use framework::{Award, AwardRule, Element, Framework, Indicator, Level};
pub use policy::{Action, Membership, Viewer};
pub use role::Role;
pub use school::{FeeBand, NetworkFigures, NewSchool, Phase, SchoolField, SchoolInputError};
pub use scoring::{score, Answer, AwardContext, ResponseSet, ScoreReport};
pub use text::Text;
