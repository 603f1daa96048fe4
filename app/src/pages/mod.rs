//! One module per page.

pub mod framework;
pub mod frameworks;
pub mod home;
pub mod not_found;
pub mod schools;
pub mod try_scoring;

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;

/// The framework version named by the route's `:id` and `:version`.
pub fn framework_from_route() -> Resource<Result<crate::domain::Framework, AppError>> {
    let params = leptos_router::hooks::use_params_map();
    let key = move || {
        params.with(|p| {
            (
                p.get("id").unwrap_or_default(),
                p.get("version").unwrap_or_default(),
            )
        })
    };
    Resource::new(key, |(id, version)| {
        crate::api::frameworks::get_framework(id, version)
    })
}

/// A plain-language message for an error that stopped a page from loading.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || match &error {
        AppError::NotFound => t_string!(i18n, err.not_found),
        AppError::Forbidden => t_string!(i18n, err.forbidden),
        AppError::Request(_) => t_string!(i18n, err.request),
        AppError::Internal | AppError::InvalidSchool { .. } => t_string!(i18n, err.internal),
    };
    view! {
        <div class="notice notice-error" role="alert">
            {message}
        </div>
    }
}
