//! Server functions: thin — check the input, call the store, map the error.

pub mod frameworks;
pub mod schools;

#[cfg(feature = "ssr")]
pub(crate) fn store() -> Result<crate::store::Store, crate::error::AppError> {
    leptos::prelude::use_context::<crate::store::Store>().ok_or_else(|| {
        tracing::error!("the store is missing from the request context");
        crate::error::AppError::Internal.respond()
    })
}
