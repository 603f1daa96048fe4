//! A framework version travels to the browser once, as a script it keeps.
//!
//! The wizard and the review pages hold the whole framework (46 KB of JSON
//! for the shipped one, in every language it has). Written into each page's
//! hydration data, it made up most of every page and most of the time spent
//! writing it. Instead, a page's resource is written with the
//! [`FrameworkByReference`] codec: the framework becomes the address of a
//! script, `/frameworks/ID/VERSION/framework.js?h=HASH`, which the page loads
//! before it hydrates ([`FrameworkScript`]). The address carries a hash of
//! the framework as served, so browsers may keep it for a year, and every
//! page after the first arrives without it.
//!
//! Server functions still answer with the whole framework: a page reached by
//! a link in the browser, or reloaded after a save, needs nothing else.

use crate::domain::Framework;
use leptos::prelude::*;
use std::cell::Cell;
use std::sync::Arc;

thread_local! {
    /// Set while [`FrameworkByReference`] encodes a value on this thread.
    static BY_REFERENCE: Cell<bool> = const { Cell::new(false) };
}

/// The codec of resources that hold a framework: JSON, with each framework
/// (a field serialized [`with`](by_reference) this module) written as the
/// address of its script.
pub struct FrameworkByReference;

impl<T: serde::Serialize> leptos::server::codee::Encoder<T> for FrameworkByReference {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, Self::Error> {
        struct Reset;
        impl Drop for Reset {
            fn drop(&mut self) {
                BY_REFERENCE.with(|b| b.set(false));
            }
        }
        BY_REFERENCE.with(|b| b.set(true));
        let _reset = Reset;
        serde_json::to_string(val)
    }
}

impl<T: serde::de::DeserializeOwned> leptos::server::codee::Decoder<T> for FrameworkByReference {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Self::Error> {
        // From bytes, as `crate::codec::Json` reads: one deserializer per type.
        <crate::codec::Json as leptos::server::codee::Decoder<T>>::decode(val)
    }
}

/// The path of the script that carries one framework version (without the
/// hash): the server's route and the browser's key for it.
pub fn script_path(id: &str, version: &str) -> String {
    format!("/frameworks/{id}/{version}/framework.js")
}

/// The script's text: it keeps the framework's JSON under the address it
/// was asked for, where [`by_reference`] finds it while the page hydrates.
pub fn script_text(address: &str, fw: &Framework) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(fw)?;
    Ok(format!(
        "(self.equimarkFrameworks = self.equimarkFrameworks || {{}})[{}] = {};\n",
        serde_json::to_string(address)?,
        serde_json::to_string(&json)?,
    ))
}

/// The address of the script for `fw`, with the hash of its JSON: on the
/// server always; in the browser only for a framework that arrived as a
/// reference (the page came with its script), so hydration sees the same.
pub fn script_address(fw: &Framework) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        Some(server::address(fw))
    }
    #[cfg(not(feature = "ssr"))]
    {
        browser::address(&fw.id, &fw.version)
    }
}

/// The `<script>` that brings a page's framework before the page hydrates.
/// A classic script: it runs as it is read, before the (deferred) module
/// that hydrates the page.
#[component]
pub fn FrameworkScript(fw: Arc<Framework>) -> impl IntoView {
    script_address(&fw).map(|src| view! { <script src=src></script> })
}

/// `#[serde(with = "crate::framework_script::by_reference")]` for an
/// `Arc<Framework>` field: the whole framework, or (while the codec encodes)
/// the address of its script. Reading accepts either.
pub mod by_reference {
    use super::*;
    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(fw: &Arc<Framework>, serializer: S) -> Result<S::Ok, S::Error> {
        if BY_REFERENCE.with(Cell::get) {
            match script_address(fw) {
                Some(address) => serializer.serialize_str(&address),
                None => fw.serialize(serializer),
            }
        } else {
            fw.serialize(serializer)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Arc<Framework>, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Arc<Framework>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a framework, or the address of its script")
            }

            fn visit_str<E: de::Error>(self, address: &str) -> Result<Self::Value, E> {
                loaded(address).ok_or_else(|| {
                    E::custom(format!(
                        "the framework script {address} has not been loaded"
                    ))
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Framework::deserialize(de::value::MapAccessDeserializer::new(map)).map(Arc::new)
            }
        }
        deserializer.deserialize_any(Either)
    }

    /// The framework a loaded script holds under `address`.
    fn loaded(address: &str) -> Option<Arc<Framework>> {
        #[cfg(feature = "hydrate")]
        {
            super::browser::loaded(address)
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = address;
            None
        }
    }
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

#[cfg(not(feature = "ssr"))]
mod browser {
    #[cfg(feature = "hydrate")]
    use super::*;
    #[cfg(feature = "hydrate")]
    use std::cell::RefCell;
    #[cfg(feature = "hydrate")]
    use std::collections::HashMap;

    #[cfg(feature = "hydrate")]
    thread_local! {
        /// Frameworks read from their scripts, by address, and each one's
        /// address by (id, version).
        static LOADED: RefCell<HashMap<String, Arc<Framework>>> = RefCell::default();
        static ADDRESSES: RefCell<HashMap<(String, String), String>> = RefCell::default();
    }

    #[cfg(feature = "hydrate")]
    pub(super) fn loaded(address: &str) -> Option<Arc<Framework>> {
        use leptos::web_sys::js_sys::Reflect;
        if let Some(fw) = LOADED.with(|l| l.borrow().get(address).cloned()) {
            return Some(fw);
        }
        let scripts = Reflect::get(&window(), &"equimarkFrameworks".into()).ok()?;
        let json = Reflect::get(&scripts, &address.into()).ok()?.as_string()?;
        let fw: Arc<Framework> = Arc::new(serde_json::from_str(&json).ok()?);
        LOADED.with(|l| l.borrow_mut().insert(address.to_owned(), fw.clone()));
        ADDRESSES.with(|a| {
            a.borrow_mut()
                .insert((fw.id.clone(), fw.version.clone()), address.to_owned())
        });
        Some(fw)
    }

    pub(super) fn address(id: &str, version: &str) -> Option<String> {
        #[cfg(feature = "hydrate")]
        {
            ADDRESSES.with(|a| {
                a.borrow()
                    .get(&(id.to_owned(), version.to_owned()))
                    .cloned()
            })
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = (id, version);
            None
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos::server::codee::{Decoder, Encoder};
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    struct Holder {
        #[serde(with = "by_reference")]
        framework: Arc<Framework>,
    }

    fn shipped() -> Arc<Framework> {
        let (file, source) = crate::domain::framework_file::SHIPPED[0];
        Arc::new(
            crate::domain::framework_file::parse(file, source)
                .expect("the shipped framework parses"),
        )
    }

    #[test]
    fn the_codec_writes_the_address_and_plain_json_the_whole_framework() {
        let holder = Holder {
            framework: shipped(),
        };
        let by_reference = FrameworkByReference::encode(&holder).unwrap();
        let address = script_address(&holder.framework).unwrap();
        assert_eq!(
            by_reference,
            format!(
                "{{\"framework\":{}}}",
                serde_json::to_string(&address).unwrap()
            )
        );
        assert!(address.starts_with("/frameworks/inclusion-quality/2026.1/framework.js?h="));

        // Outside the codec (a server function's answer) the framework is whole,
        // and it reads back the same.
        let whole = serde_json::to_string(&holder).unwrap();
        assert!(whole.len() > 10 * by_reference.len());
        let back: Holder = FrameworkByReference::decode(&whole).unwrap();
        assert_eq!(back.framework, holder.framework);
    }

    #[test]
    fn a_reference_to_a_script_not_loaded_is_an_error_not_a_panic() {
        let error =
            FrameworkByReference::decode(r#"{"framework":"/frameworks/x/1/framework.js?h=0"}"#)
                .map(|h: Holder| h.framework)
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
