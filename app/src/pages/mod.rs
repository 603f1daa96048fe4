//! One module per page.

pub mod admin;
pub mod assessment;
pub mod cluster;
pub mod cluster_year;
pub mod dashboard;
pub mod framework;
pub mod frameworks;
pub mod home;
pub mod networks;
pub mod not_found;
pub mod practice;
pub mod profile;
pub mod research;
pub mod review;
pub mod school;
pub mod schools;
pub mod sign_in;
pub mod try_scoring;

use crate::codec::{resource, Json};
use crate::error::AppError;
use crate::i18n::*;
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

/// A plain-language message for an error that stopped a page from loading.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let unauthenticated = matches!(error, AppError::Unauthenticated);
    let message = move || match &error {
        AppError::NotFound => t_string!(i18n, err.not_found),
        AppError::Forbidden => t_string!(i18n, err.forbidden),
        AppError::Request(_) => t_string!(i18n, err.request),
        AppError::Unauthenticated => t_string!(i18n, err.unauthenticated),
        AppError::SignInRefused => t_string!(i18n, err.sign_in_refused),
        AppError::Throttled => t_string!(i18n, err.throttled),
        AppError::LinkExpired => t_string!(i18n, err.link_expired),
        AppError::Conflict => t_string!(i18n, err.conflict),
        AppError::InvalidAccount { .. }
        | AppError::InvalidChoice
        | AppError::InvalidEvidence { .. }
        | AppError::InvalidAction { .. }
        | AppError::InvalidDecision { .. }
        | AppError::InvalidFees { .. } => t_string!(i18n, err.check_form),
        AppError::ConflictOfInterest { .. } => t_string!(i18n, review.conflict),
        AppError::StaleResponse { .. } => t_string!(i18n, err.conflict),
        AppError::AssessmentClosed => t_string!(i18n, err.assessment_closed),
        AppError::NotReady { .. } => t_string!(i18n, err.not_ready),
        AppError::Internal | AppError::InvalidSchool { .. } => t_string!(i18n, err.internal),
        AppError::Unavailable => t_string!(i18n, err.unavailable),
        AppError::OutOfSpace => t_string!(i18n, err.out_of_space),
    };
    view! {
        <div class="notice notice-error" role="alert">
            {message}
        </div>
        {unauthenticated.then(|| view! { <SignInLink /> })}
    }
}

/// For pages that need a signed-in person, shown to anyone else.
#[component]
pub fn SignInRequired() -> impl IntoView {
    view! { <ErrorMessage error=AppError::Unauthenticated /> }
}

/// A link to sign in and come back here.
#[component]
fn SignInLink() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let href = move || format!("/sign-in?next={}", location.pathname.get());
    view! {
        <p>
            <a href=href class="button">{t!(i18n, nav.sign_in)}</a>
        </p>
    }
}
