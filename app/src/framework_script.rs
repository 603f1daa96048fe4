//! A framework version travels to the browser once, as a script it keeps.
//!
//! The wizard's, the review's and the calculator's islands score with the
//! whole framework (46 KB of JSON for the shipped one, in every language it
//! has). Written into each page's island props it would make up most of
//! every page. Instead an island takes a [`FrameworkRef`]: on the page it
//! is the address of a script, `/frameworks/ID/VERSION/framework.js?h=HASH`,
//! which the page loads ([`FrameworkScript`]) before the islands come to
//! life. The address carries a hash of the framework as served, so browsers
//! may keep it for a year, and every page after the first arrives without it.
//!
//! Server functions answer with the whole framework.

use crate::domain::Framework;
use leptos::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// The path of the script that carries one framework version (without the
/// hash): the server's route and the browser's key for it.
pub fn script_path(id: &str, version: &str) -> String {
    format!("/frameworks/{id}/{version}/framework.js")
}

/// The script's text: it keeps the framework's JSON under the address it
/// was asked for, where [`FrameworkRef`] finds it in the browser.
pub fn script_text(address: &str, fw: &Framework) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(fw)?;
    Ok(format!(
        "(self.equimarkFrameworks = self.equimarkFrameworks || {{}})[{}] = {};\n",
        serde_json::to_string(address)?,
        serde_json::to_string(&json)?,
    ))
}

/// The `<script>` that brings a page's framework before its islands come to
/// life. A classic script: it runs as it is read, long before the islands'
/// module (loaded when the browser is idle).
#[component]
pub fn FrameworkScript(fw: Arc<Framework>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let src = Some(server::address(&fw));
    #[cfg(not(feature = "ssr"))]
    let src: Option<String> = {
        let _ = fw;
        None
    };
    src.map(|src| view! { <script src=src></script> })
}

/// A framework as an island's prop: written as the address of its script,
/// read back (in the browser) from the script the page loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameworkRef(pub Arc<Framework>);

impl std::ops::Deref for FrameworkRef {
    type Target = Arc<Framework>;

    fn deref(&self) -> &Arc<Framework> {
        &self.0
    }
}

impl Serialize for FrameworkRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[cfg(feature = "ssr")]
        {
            serializer.serialize_str(&server::address(&self.0))
        }
        // In the browser an island's props are written again (for islands
        // inside it): as the address of the script the framework came from.
        #[cfg(not(feature = "ssr"))]
        {
            use serde::ser::Error;
            match loaded_from(&self.0) {
                Some(address) => serializer.serialize_str(&address),
                None => Err(S::Error::custom("this framework came from no script")),
            }
        }
    }
}

impl<'de> Deserialize<'de> for FrameworkRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let address = String::deserialize(deserializer)?;
        loaded(&address).map(FrameworkRef).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "the framework script {address} has not been loaded"
            ))
        })
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// Frameworks read from their scripts, by address.
    static LOADED: std::cell::RefCell<std::collections::HashMap<String, Arc<Framework>>> =
        Default::default();
}

/// The address of the script a framework was read from (browser only).
#[cfg(not(feature = "ssr"))]
fn loaded_from(fw: &Arc<Framework>) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        LOADED.with(|l| {
            l.borrow()
                .iter()
                .find(|(_, kept)| Arc::ptr_eq(kept, fw))
                .map(|(address, _)| address.clone())
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = fw;
        None
    }
}

/// The framework a loaded script holds under `address` (browser only).
fn loaded(address: &str) -> Option<Arc<Framework>> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::web_sys::js_sys::Reflect;
        if let Some(fw) = LOADED.with(|l| l.borrow().get(address).cloned()) {
            return Some(fw);
        }
        let scripts = Reflect::get(&window(), &"equimarkFrameworks".into()).ok()?;
        let json = Reflect::get(&scripts, &address.into()).ok()?.as_string()?;
        let fw: Arc<Framework> = Arc::new(serde_json::from_str(&json).ok()?);
        LOADED.with(|l| l.borrow_mut().insert(address.to_owned(), fw.clone()));
        Some(fw)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = address;
        None
    }
}

/// The address of a framework's script, with the hash of its JSON.
#[cfg(feature = "ssr")]
pub fn script_address(fw: &Framework) -> String {
    server::address(fw)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use std::collections::HashMap;
    use std::sync::{LazyLock, RwLock};

    /// Versions never change, so each one's address is worked out once.
    static ADDRESSES: LazyLock<RwLock<HashMap<(String, String), String>>> =
        LazyLock::new(Default::default);

    pub(super) fn address(fw: &Framework) -> String {
        let key = (fw.id.clone(), fw.version.clone());
        if let Some(found) = ADDRESSES.read().ok().and_then(|a| a.get(&key).cloned()) {
            return found;
        }
        let json = serde_json::to_string(fw).unwrap_or_default();
        let hash = crate::security::token_hash(&json);
        let address = format!("{}?h={}", script_path(&fw.id, &fw.version), &hash[..16]);
        if let Ok(mut addresses) = ADDRESSES.write() {
            addresses.insert(key, address.clone());
        }
        address
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn shipped() -> Arc<Framework> {
        let (file, source) = crate::domain::framework_file::SHIPPED[0];
        Arc::new(
            crate::domain::framework_file::parse(file, source)
                .expect("the shipped framework parses"),
        )
    }

    #[test]
    fn an_island_prop_is_written_as_the_scripts_address() {
        let fw = shipped();
        let written = serde_json::to_string(&FrameworkRef(fw.clone())).unwrap();
        let address = script_address(&fw);
        assert_eq!(written, serde_json::to_string(&address).unwrap());
        assert!(address.starts_with("/frameworks/inclusion-quality/2026.3/framework.js?h="));
    }

    #[test]
    fn a_reference_to_a_script_not_loaded_is_an_error_not_a_panic() {
        let error = serde_json::from_str::<FrameworkRef>(r#""/frameworks/x/1/framework.js?h=0""#)
            .unwrap_err();
        assert!(error.to_string().contains("has not been loaded"), "{error}");
    }

    #[test]
    fn the_script_keeps_the_json_under_its_address() {
        let fw = shipped();
        let text = script_text("/frameworks/a/1/framework.js?h=\"x", &fw).unwrap();
        let (head, json) = text.split_once("] = ").unwrap();
        assert_eq!(
            head,
            r#"(self.equimarkFrameworks = self.equimarkFrameworks || {})["/frameworks/a/1/framework.js?h=\"x""#
        );
        let inner: String = serde_json::from_str(json.trim_end().trim_end_matches(';')).unwrap();
        assert_eq!(serde_json::from_str::<Framework>(&inner).unwrap(), *fw);
    }
}
