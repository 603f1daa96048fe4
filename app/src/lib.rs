//! Equimark's shared crate: the domain, the pages and components, the
//! islands and the server functions. Compiled for the server (`ssr`) and,
//! without the pages, for the browser (`hydrate`): the browser gets the
//! islands, the domain they score with, and the server functions they call.

#![recursion_limit = "256"]

pub mod api;
/// The JSON API for scripts: its reference and personal access tokens.
pub mod api_access;
pub mod codec;
pub mod components;
pub mod domain;
pub mod error;
pub mod framework_script;
pub mod islands;
pub mod model;

#[cfg(feature = "ssr")]
pub mod accessibility;
#[cfg(feature = "ssr")]
pub mod appeals;
#[cfg(feature = "ssr")]
pub mod deferrals;
#[cfg(feature = "ssr")]
pub mod directory;
#[cfg(feature = "ssr")]
pub mod fees;
#[cfg(feature = "ssr")]
pub mod home;
#[cfg(feature = "ssr")]
pub mod internal_audits;
#[cfg(feature = "ssr")]
pub mod management_reviews;
#[cfg(feature = "ssr")]
pub mod network_requests;
#[cfg(feature = "ssr")]
pub mod nonconformities;
#[cfg(feature = "ssr")]
pub mod notifications;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
mod routes;
#[cfg(feature = "ssr")]
pub mod surveys;
#[cfg(feature = "ssr")]
pub use routes::{shell, App};

#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod mailer;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod store;

/// Translations: `locales/en.json` and `locales/zh.json`, checked at compile time.
mod locales {
    // The macro is deprecated in favour of a build script whose dependencies
    // would add minutes to every cold build; it still does the same work.
    #![allow(deprecated)]
    leptos_i18n::load_locales!();
    // The macro does not tell cargo about the files it reads; these do.
    const _: &[u8] = include_bytes!("../locales/en.json");
    const _: &[u8] = include_bytes!("../locales/zh.json");
}
pub use locales::i18n;

/// The name of the browser bundle's files under `/pkg`, when they are not
/// named by their content (see `http::output_name`).
pub const OUTPUT_NAME: &str = "equimark";

/// The browser's entry (called by the `frontend` crate's `hydrate`): brings
/// the page's islands to life, then marks the page as interactive for the
/// browser tests. The islands are hydrated in the same turn of the event
/// loop, so a timer of 0 fires after the last of them.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    use leptos::prelude::{document, set_timeout};
    leptos::mount::hydrate_islands();
    set_timeout(
        || {
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
