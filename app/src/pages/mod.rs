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
