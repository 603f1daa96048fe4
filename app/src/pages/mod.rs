//! One module per page.

pub mod accessibility;
pub mod action_plan;
pub mod admin;
pub mod assessment;
pub mod calendar;
pub mod certificate;
pub mod cluster;
pub mod cluster_year;
pub mod dashboard;
pub mod framework;
pub mod frameworks;
pub mod networks;
pub mod not_found;
pub mod practice;
pub mod profile;
pub mod research;
pub mod review;
pub mod review_queue;
pub mod school;
pub mod schools;
pub mod sign_in;
pub mod try_scoring;

use crate::codec::{resource, Json};
use crate::error::AppError;
use leptos::prelude::*;

/// The framework version named by the route's `:id` and `:version`.
pub fn framework_from_route() -> Resource<Result<crate::domain::Framework, AppError>, Json> {
    let params = leptos_router::hooks::use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("id").unwrap_or_default(),
                p.get("version").unwrap_or_default(),
            )
        })
    };
    resource(key, |(id, version)| {
        crate::api::frameworks::get_framework(id, version)
    })
}

pub use crate::components::errors::{ErrorMessage, SignInRequired};
