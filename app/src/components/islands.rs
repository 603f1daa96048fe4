//! What every island needs: the script that brings islands to life, and
//! what an island takes from the page around it.

use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server::ServerActionError;
use serde::{Deserialize, Serialize};

/// The script that loads the browser bundle and hydrates the islands on
/// the page (when the browser is idle). Pages with islands end with it;
/// pages without load no script at all.
#[component]
pub fn IslandScripts() -> impl IntoView {
    use_context::<LeptosOptions>().map(|options| view! { <HydrationScripts options islands=true /> })
}

/// What an island takes from its page. In the browser an island comes to
/// life on its own, without the page's contexts: the server passes what it
/// needs as props, and the island provides it again ([`IslandPage::provide`])
/// before anything else, so it draws the same in both places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IslandPage {
    /// The page's language.
    pub locale: Locale,
    /// The page's path and query, for "sign in and come back here".
    pub path: String,
    /// The server function and error a form posted without JavaScript came
    /// back with (`?__path=…&__err=…`), for the island's forms to show.
    pub form_error: Option<(String, String)>,
}

impl IslandPage {
    /// On the server, while a page renders: what its islands need.
    pub fn here() -> IslandPage {
        let location = leptos_router::hooks::use_location();
        let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
        IslandPage {
            locale: crate::i18n::use_i18n().get_locale_untracked(),
            path: match query.trim_start_matches('?') {
                "" => path,
                query => format!("{path}?{query}"),
            },
            form_error: use_context::<ServerActionError>()
                .map(|e| (e.path().to_owned(), e.err().to_owned())),
        }
    }

    /// First thing in an island: the page's language for `use_i18n()`, and
    /// the form error for `ServerAction::new()`, below it.
    pub fn provide(&self) {
        let i18n = leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(
            self.locale,
        )));
        provide_context(i18n);
        provide_context(super::errors::SignInReturn(self.path.clone()));
        let (path, err) = self.form_error.clone().unwrap_or_default();
        provide_context(ServerActionError::new(&path, &err));
    }
}
