//! What every island needs: the script that brings islands to life, and
//! what an island takes from the page around it.

use crate::i18n::Locale;
use leptos::prelude::*;
use leptos::server::ServerActionError;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Marks the page as having islands: the document then ends with the
/// script that loads the browser bundle and hydrates them (when the browser
/// is idle), once however many parts of the page ask for it. Pages without
/// islands load no script at all.
#[component]
pub fn IslandScripts() -> impl IntoView {
    if let Some(islands) = use_context::<IslandsOnPage>() {
        islands.0.store(true, Ordering::Relaxed);
    }
}

/// Whether anything on the page being drawn has asked for [`IslandScripts`]
/// (provided by the document around every page).
#[derive(Clone, Default)]
pub struct IslandsOnPage(Arc<AtomicBool>);

/// The end of every document: the islands' script if the page has islands.
/// It waits for the rest of the page to be drawn first (pages are drawn in
/// order), because a page's islands may sit behind data it loads; marking
/// where each island is drawn instead would miss a part drawn twice.
#[component]
pub fn ScriptsForIslands() -> impl IntoView {
    let islands = use_context::<IslandsOnPage>().unwrap_or_default();
    let options = use_context::<LeptosOptions>();
    view! {
        <Suspense>
            {move || {
                let (islands, options) = (islands.clone(), options.clone());
                Suspend::new(async move {
                    after_what_is_drawn_before().await;
                    options
                        .filter(|_| islands.0.load(Ordering::Relaxed))
                        .map(|options| view! { <HydrationScripts options islands=true /> })
                })
            }}
        </Suspense>
    }
}

/// Yields once, so what comes after is drawn after what came before.
async fn after_what_is_drawn_before() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            std::task::Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    })
    .await
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
        let (path, query) = (
            location.pathname.get_untracked(),
            location.search.get_untracked(),
        );
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
        let i18n =
            leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(self.locale)));
        provide_context(i18n);
        provide_context(super::errors::SignInReturn(self.path.clone()));
        let (path, err) = self.form_error.clone().unwrap_or_default();
        provide_context(ServerActionError::new(&path, &err));
    }
}
