//! Nothing typed is lost when a form is refused. A form drawn by the
//! server posts without JavaScript and comes back with its error; the
//! island around it keeps what was typed (on this device, for this tab)
//! when the form is sent, and puts it back when the page comes back with
//! the form's error. Passwords, files and hidden fields are never kept.

use leptos::prelude::*;

/// Keeps the typing of the forms inside (`key` names them on the page).
/// `refused`: the page came back with one of their errors, so put back
/// what was kept; otherwise forget it.
#[island]
pub fn KeepTyped(key: String, refused: bool, children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = root.get() {
            browser::keep(&root, &format!("equimark-typed:{key}"), refused);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&key, refused);
    });
    view! { <div node_ref=root>{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use leptos::web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
    use std::collections::HashMap;

    /// The fields worth keeping: (its key on the page, its element).
    fn fields(root: &Element) -> Vec<(String, Element)> {
        let Ok(found) = root.query_selector_all("input, textarea, select") else {
            return Vec::new();
        };
        (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
            .filter(|e| {
                let kind = e.get_attribute("type").unwrap_or_default();
                !matches!(kind.as_str(), "hidden" | "password" | "file" | "submit")
            })
            .filter_map(|e| {
                Some((
                    e.get_attribute("id").or_else(|| e.get_attribute("name"))?,
                    e,
                ))
            })
            .collect()
    }

    fn value_of(e: &Element) -> Option<String> {
        if let Some(input) = e.dyn_ref::<HtmlInputElement>() {
            if matches!(input.type_().as_str(), "checkbox" | "radio") {
                return Some(input.checked().to_string());
            }
            return Some(input.value());
        }
        if let Some(text) = e.dyn_ref::<HtmlTextAreaElement>() {
            return Some(text.value());
        }
        e.dyn_ref::<HtmlSelectElement>()
            .map(HtmlSelectElement::value)
    }

    fn put_back(e: &Element, value: &str) {
        if let Some(input) = e.dyn_ref::<HtmlInputElement>() {
            if matches!(input.type_().as_str(), "checkbox" | "radio") {
                input.set_checked(value == "true");
            } else {
                input.set_value(value);
            }
        } else if let Some(text) = e.dyn_ref::<HtmlTextAreaElement>() {
            text.set_value(value);
        } else if let Some(select) = e.dyn_ref::<HtmlSelectElement>() {
            select.set_value(value);
        }
    }

    /// Whether the person is in this field, or has changed it since the
    /// page was drawn.
    fn typed_here(e: &Element) -> bool {
        if document().active_element().as_ref() == Some(e) {
            return true;
        }
        if let Some(input) = e.dyn_ref::<HtmlInputElement>() {
            return input.value() != input.default_value();
        }
        e.dyn_ref::<HtmlTextAreaElement>()
            .is_some_and(|text| text.default_value().is_ok_and(|d| d != text.value()))
    }

    pub(super) fn keep(root: &Element, key: &str, refused: bool) {
        let Ok(Some(storage)) = window().session_storage() else {
            return;
        };
        match storage.get_item(key) {
            Ok(Some(kept)) if refused => {
                let kept: HashMap<String, String> = serde_json::from_str(&kept).unwrap_or_default();
                for (name, element) in fields(root) {
                    // Typing done on this page since it came back wins
                    // over what was kept.
                    if let Some(value) = kept.get(&name).filter(|_| !typed_here(&element)) {
                        put_back(&element, value);
                    }
                }
            }
            _ => {
                let _ = storage.remove_item(key);
            }
        }
        let (root_for_submit, key) = (root.clone(), key.to_owned());
        let on_submit = Closure::<dyn Fn()>::new(move || {
            let typed: HashMap<String, String> = fields(&root_for_submit)
                .into_iter()
                .filter_map(|(name, e)| Some((name, value_of(&e)?)))
                .collect();
            if let (Ok(Some(storage)), Ok(json)) =
                (window().session_storage(), serde_json::to_string(&typed))
            {
                let _ = storage.set_item(&key, &json);
            }
        });
        let _ = root.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }
}
