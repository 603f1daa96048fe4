//! Answers not yet saved, kept in the browser (localStorage) until the
//! server has them: they survive a reload, a closed tab and a lost
//! connection. On the server every function here does nothing.

use serde::{Deserialize, Serialize};

/// One answer as typed, with the version it was based on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub level: Option<String>,
    pub narrative: String,
    pub base_version: u32,
}

const PREFIX: &str = "equimark:draft:";

fn key(assessment: &str, indicator: &str) -> String {
    format!("{PREFIX}{assessment}:{indicator}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<leptos::web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// Keeps the draft of one answer.
pub fn remember(assessment: &str, indicator: &str, draft: &Draft) {
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(&key(assessment, indicator), &json);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key(assessment, indicator), draft);
}

/// Forgets a draft once the server has it.
pub fn forget(assessment: &str, indicator: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(assessment, indicator));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = key(assessment, indicator);
}

/// The draft of one answer, if one is waiting.
pub fn recall(assessment: &str, indicator: &str) -> Option<Draft> {
    #[cfg(feature = "hydrate")]
    {
        let json = storage()?.get_item(&key(assessment, indicator)).ok()??;
        serde_json::from_str(&json).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key(assessment, indicator);
        None
    }
}

/// How many answers of this self-assessment are waiting to be saved.
pub fn waiting(assessment: &str) -> usize {
    #[cfg(feature = "hydrate")]
    {
        let Some(storage) = storage() else { return 0 };
        let prefix = format!("{PREFIX}{assessment}:");
        let len = storage.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix))
            .count()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = assessment;
        0
    }
}

/// Whether the browser thinks it is online (always, on the server).
pub fn is_online() -> bool {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::window().navigator().on_line()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        true
    }
}
