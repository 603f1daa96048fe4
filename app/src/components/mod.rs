//! Small components shared by pages.

pub mod charts;
pub mod errors;
pub mod field;
pub mod forms;
pub mod islands;
pub mod labels;
pub mod layout;
pub mod offline;
pub mod pager;
pub mod regions;
pub mod score_panel;
pub mod search;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Moves focus to the element `id` (a skip link or an error-summary link).
/// Without JavaScript the link's `#id` does the same; with it, the client
/// router would otherwise take the click and leave focus where it was.
pub fn focus_fragment(ev: leptos::ev::MouseEvent, id: &str) {
    let target = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok());
    if let Some(el) = target {
        ev.prevent_default();
        el.scroll_into_view();
        let _ = el.focus();
    }
}
